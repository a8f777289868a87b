"""The HTML export in a real browser: headless Chromium (Debian's `chromium`, which .ci/run
installs with a CJK font and poppler's pdftotext).

What each test proves, and what it does not:
- no external request: the page names no http(s) resource, and Chromium's own network log,
  with DNS switched off, records no request the page made (the browser's background requests
  have no page as initiator and are left aside); a control page with a stylesheet, an image
  and a CSS background from the web shows the log does catch a page's requests.
- no script: the page has no <script>, no on* attribute and no javascript: URL (the export's
  own escaping tests cover hostile text); Chromium headless cannot render with scripting off
  (its printing needs it), so "it renders without running any script" rests on there being
  none.
- CJK shown: the DOM Chromium builds holds the Chinese text (the charset was read right),
  the printed PDF embeds a CJK font, and a screenshot differs from one of the same page with
  every Chinese character replaced by another: glyphs were drawn, not one missing-glyph box.
- A4 without cut rows: the PDF's pages are A4, there are several, and in pdftotext's page
  text every table row's first and last words are on the same page. The same page printed
  with the export's `tr { break-inside: avoid }` rule taken out does cut a row (so the rule is
  what keeps them whole, with this Chromium and font), and a row taller than a page is
  reported as cut (so the check can see a cut). It proves it for the rows of this page, not
  for every page a session can make.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mockroom.core.result import CriterionResult, Match, ScoreResult
from mockroom.store import Store
from mockroom.store.records import AttemptTiming
from mockroom.transfer.session_file import render
from tests.helpers.coached_session import coached_session
from tests.helpers.tui_review_helpers import StepClock

CHROMIUM = shutil.which("chromium")
PDFTOTEXT = shutil.which("pdftotext")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not on PATH (.ci/run installs Debian's chromium)"
)
A4_POINTS = (595.0, 842.0)
CJK = re.compile(r"[\u4e00-\u9fff]")
ROW_RULE = "tr, .scores, .timing, .comment, .summary, .prompt { break-inside: avoid; }"


def chromium(tmp_path: Path, page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Headless Chromium with its own profile, DNS switched off and no background services."""
    assert CHROMIUM is not None
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--no-pdf-header-footer", "--hide-scrollbars", f"--user-data-dir={profile}",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--host-resolver-rules=MAP * ~NOTFOUND",
         *args, page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )


def page_requests(tmp_path: Path, page: Path) -> list[str]:
    """URLs the page asked for, from Chromium's network log (not the browser's own)."""
    log = tmp_path / f"{page.stem}.netlog.json"
    chromium(tmp_path, page, f"--log-net-log={log}", "--dump-dom")
    data = json.loads(log.read_text())
    start = data["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    jobs = [e.get("params", {}) for e in data["events"] if e["type"] == start]
    return [p["url"] for p in jobs if "url" in p and p.get("initiator") != "not an origin"]


@pytest.fixture
def zh_page(tmp_path: Path) -> Path:
    clock = StepClock()
    with Store.open(f"sqlite:///{tmp_path / 'm.db'}", clock=clock) as store:
        c = coached_session(store, clock, "zh")
        html = render(store.transcript(c.session_id), "html", c.bank)
    page = tmp_path / "zh.html"
    page.write_text(html, encoding="utf-8")
    return page


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def test_no_script_and_no_request_from_the_page(zh_page: Path, tmp_path: Path) -> None:
    html = zh_page.read_text(encoding="utf-8")
    parsed = Elements()
    parsed.feed(html)
    assert not [t for t, _ in parsed.found if t in ("script", "iframe", "object", "embed", "link",
                                                     "img", "base")]
    attrs = [(k, v or "") for _, a in parsed.found for k, v in a]
    assert not [k for k, _ in attrs if k.startswith("on")]
    assert not [v for k, v in attrs if k in ("href", "src") and not v.startswith("#")]
    assert not re.search(r"url\(|@import|javascript:|https?://", html)
    assert page_requests(tmp_path, zh_page) == []

    control = tmp_path / "control.html"
    control.write_text(
        '<!DOCTYPE html><html><head><link rel="stylesheet" href="https://cdn.example.org/a.css">'
        '</head><body><img src="http://img.example.org/b.png">'
        '<p style="background: url(https://bg.example.org/c.png)">x</p></body></html>'
    )
    asked = page_requests(tmp_path, control)
    assert {u.split("/")[2] for u in asked} == {"cdn.example.org", "img.example.org",
                                                 "bg.example.org"}


def test_chinese_text_is_shown(zh_page: Path, tmp_path: Path) -> None:
    dom = chromium(tmp_path, zh_page, "--dump-dom").stdout
    assert "模拟面试记录：王芳" in dom and "教练总评" in dom and "结构清楚，重答明显更好。" in dom

    shots = []
    for name, text in (("as-is", zh_page.read_text(encoding="utf-8")),
                       ("swapped", CJK.sub("口", zh_page.read_text(encoding="utf-8")))):
        page = tmp_path / f"{name}.html"
        page.write_text(text, encoding="utf-8")
        shot = tmp_path / f"{name}.png"
        chromium(tmp_path, page, f"--screenshot={shot}", "--window-size=900,1400")
        shots.append(shot.read_bytes())
    assert shots[0][:8] == b"\x89PNG\r\n\x1a\n" and shots[0] != shots[1]


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext is not on PATH (poppler-utils)")
def test_prints_on_a4_without_cutting_a_table_row(tmp_path: Path) -> None:
    page = tmp_path / "rows.html"
    page.write_text(_tall_rows_page(tmp_path), encoding="utf-8")
    assert ROW_RULE in page.read_text(encoding="utf-8")
    pdf = tmp_path / "rows.pdf"
    chromium(tmp_path, page, f"--print-to-pdf={pdf}")
    pages = _pages(pdf)
    assert len(pages) >= 3, "the test needs rows on several pages"
    assert _a4(pdf)
    assert _cut_rows(pages) == []
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"WenQuanYi|NotoSansCJK|NotoSerifCJK|SourceHan|DroidSansFallback", fonts)

    # Without the print rule that keeps rows whole, Chromium cuts one of these rows.
    loose = tmp_path / "loose.html"
    loose.write_text(page.read_text(encoding="utf-8").replace(ROW_RULE, "", 1), encoding="utf-8")
    loose_pdf = tmp_path / "loose.pdf"
    chromium(tmp_path, loose, f"--print-to-pdf={loose_pdf}")
    assert _cut_rows(_pages(loose_pdf)) != []

    # A row taller than a page must be cut, and the check says so.
    tall = page.read_text(encoding="utf-8").replace(
        "</tbody>", '<tr><td>ROW999START ' + "很长的证据。" * 2500 + " ROW999END</td></tr></tbody>", 1)
    control = tmp_path / "control.html"
    control.write_text(tall, encoding="utf-8")
    control_pdf = tmp_path / "control.pdf"
    chromium(tmp_path, control, f"--print-to-pdf={control_pdf}")
    assert "999" in _cut_rows(_pages(control_pdf))


def _tall_rows_page(tmp_path: Path) -> str:
    """A coached session whose answers' rubric points carry long labels and evidence, each
    marked ROW<n>START ... ROW<n>END, so rows of many lines fall across page ends."""
    clock = StepClock()
    with Store.open(f"sqlite:///{tmp_path / 'rows.db'}", clock=clock) as store:
        cand = store.set_candidate_name("王芳")
        sess = store.start_session(cand.id, "support", "mock", "zh", ["support.x"], None, True)
        n = 0
        for _ in range(4):
            criteria = []
            answer = ""
            for k in range(8):
                n += 1
                phrase = f"证据{n}" + "，客户的业务先恢复再查原因" * (k % 4 + 1)
                start = len(answer)
                answer += phrase + "。"
                criteria.append(CriterionResult(
                    key=f"p{n}", rubric_id="support.x",
                    label_zh=f"ROW{n}START 要点{n}：" + "先恢复业务，再追求彻底修复；" * (k % 5 + 2)
                    + f" ROW{n}END",
                    label_en=f"Point {n}", tip_zh="补上", tip_en="Cover it", weight=1.0,
                    required=False,
                    matches=(Match(phrase, start, start + len(phrase), phrase, 1.0, "exact"),),
                    hit=True, negated=False, credit=1.0,
                ))
            result = ScoreResult("support.x", 80.0, tuple(criteria), (), "zh", len(answer),
                                 (10, 900))
            shown = clock()
            clock.advance(seconds=100)
            store.record_attempt(sess.id, "support.x", "v1", "zh", answer, result,
                                 AttemptTiming(shown, 2.0, 10.0, 90.0, 0.0, None))
        store.finish_session(sess.id)
        return render(store.transcript(sess.id), "html", None)


def _pages(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return out.split("\f")


def _cut_rows(pages: list[str]) -> list[str]:
    """Rows whose first and last words are on different pages (or missing from one)."""
    where: dict[str, dict[str, int]] = {}
    for number, text in enumerate(pages):
        for m in re.finditer(r"ROW(\d+)(START|END)", text):
            where.setdefault(m.group(1), {})[m.group(2)] = number
    assert where, "no marked rows in the PDF"
    return [row for row, seen in where.items() if seen.get("START") != seen.get("END")]


def _a4(pdf: Path) -> bool:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    m = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert m, info
    width, height = float(m.group(1)), float(m.group(2))
    return abs(width - A4_POINTS[0]) < 2 and abs(height - A4_POINTS[1]) < 2
