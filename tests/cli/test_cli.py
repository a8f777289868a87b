"""The `mockroom` command line, run in-process through main() and, a few times, as a real process."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from mockroom.cli.main import COMMANDS, main
from tests.helpers.cli_helpers import run_cli

DATA = Path(__file__).resolve().parent.parent / "data"
GOOD = DATA / "good"
BAD = DATA / "bad"
PROBLEM_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$")

ANSWER_ZH = """ﬁ 我会先给客户打电话，真诚地道歉，说明这次的责任在我们，并约定每小时同步一次进展。
技术上先回滚到上一个版本，让客户的业务尽快恢复，彻底修复放在后面，３０分钟内给出第一次反馈。
事后我会组织复盘，找出根本原因，改进发布流程。"""



@pytest.fixture
def answer_file(tmp_path: Path) -> Path:
    path = tmp_path / "answer.txt"
    path.write_text(ANSWER_ZH, "utf-8")
    return path


# --- score ---------------------------------------------------------------------------


def test_score_prints_a_readable_report(capsys, answer_file: Path) -> None:
    code, out, err = run_cli(capsys, "score", "-q", "good.apology", "-f", str(answer_file),
                         "--bank", str(GOOD))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert re.fullmatch(r"good\.apology  得分: \d+\.\d / 100", lines[0])
    assert any(line.startswith("✓ 真诚道歉并担责 (必答) [apologise]") for line in lines)
    assert "[道歉]" in out  # the evidence, marked in its context


def test_score_report_language_can_be_chosen(capsys, answer_file: Path) -> None:
    code, out, _ = run_cli(capsys, "--bank", str(GOOD), "score", "-q", "good.apology",
                       "-f", str(answer_file), "--lang", "en")
    assert code == 0
    assert out.startswith("good.apology  Score: ")
    assert "✓ Apologises and takes ownership (required) [apologise] hit" in out


@pytest.mark.parametrize(
    ("argv", "first_line"),
    [
        (["--lang", "zh", "score", "-q", "good.apology", "-f", "{english}"], "good.apology  得分: "),
        (["score", "-q", "good.apology", "-f", "{english}"], "good.apology  Score: "),
        (["--lang", "zh", "bank", "show", "good.apology"], "good.apology  [good / scenario"),
    ],
)
def test_the_global_lang_option_reaches_the_commands(
    capsys, tmp_path: Path, argv: list[str], first_line: str
) -> None:
    english = tmp_path / "en.txt"
    english.write_text("I would apologise first and then roll back the release.", "utf-8")
    code, out, _ = run_cli(capsys, *[a.format(english=english) for a in argv], "--bank", str(GOOD))
    assert code == 0
    assert out.startswith(first_line)
    if argv[-1] == "good.apology":
        assert "客户因为我们的故障很生气" in out


def test_score_json_has_the_evidence_with_offsets_into_the_answer(capsys, answer_file: Path) -> None:
    code, out, _ = run_cli(capsys, "score", "-q", "good.apology", "-f", str(answer_file), "--json",
                       "--bank", str(GOOD))
    assert code == 0
    data = json.loads(out)
    assert data["question"] == "good.apology"
    assert 0 <= data["score"] <= 100
    assert isinstance(data["flags"], list)
    assert [c["id"] for c in data["criteria"]] == ["apologise", "restore", "review"]
    assert all(c["hit"] for c in data["criteria"])
    answer = answer_file.read_text("utf-8")
    spans = [(m["start"], m["end"], m["text"]) for c in data["criteria"] for m in c["matches"]]
    assert spans
    for start, end, text in spans:
        assert answer[start:end] == text


def test_score_reads_the_answer_from_stdin(capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ANSWER_ZH.encode("utf-8"))))
    code, out, _ = run_cli(capsys, "score", "-q", "good.apology", "-", "--json", "--bank", str(GOOD))
    assert code == 0
    data = json.loads(out)
    assert all(c["hit"] for c in data["criteria"])
    for c in data["criteria"]:
        for m in c["matches"]:
            assert ANSWER_ZH[m["start"] : m["end"]] == m["text"]


def test_invalid_utf8_in_the_answer_is_replaced_not_fatal(capsys, tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("我会先道歉，然后回滚。".encode("gbk") + b"\xff\xfe")
    code, out, _ = run_cli(capsys, "score", "-q", "good.apology", "-f", str(path), "--json",
                       "--bank", str(GOOD))
    assert code == 0
    assert json.loads(out)["question"] == "good.apology"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["score", "-q", "good.nope", "-f", "{answer}"],
         "mockroom: unknown question id 'good.nope'; `mockroom bank list` shows them"),
        (["score", "-q", "apology", "-f", "{answer}"],
         "mockroom: unknown question id 'apology' (did you mean good.apology?); "
         "`mockroom bank list` shows them"),
        (["score", "-q", "good.apology", "-f", "{missing}"],
         "mockroom: cannot read {missing}: No such file or directory"),
        (["score", "-q", "good.apology", "-f", "{folder}"],
         "mockroom: cannot read {folder}: not a regular file (a folder)"),
        (["score", "-q", "good.apology", "extra"],
         "mockroom: unexpected argument 'extra': use --answer-file PATH or - for stdin"),
        (["bank", "show", "good.nope"],
         "mockroom: unknown question id 'good.nope'; `mockroom bank list` shows them"),
        (["bank", "list", "--track", "nope"],
         "mockroom: unknown track 'nope'; tracks: good, sales, support"),
        (["--bank", "{missing}", "bank", "list"], "mockroom: --bank {missing}: no such folder"),
        (["new", "Not An Id"],
         "mockroom: 'Not An Id' is not an id of the form <track>.<slug> (lower case, digits, '-')"),
        (["new", "mine.x", "--dir", "{answer}"],
         "mockroom: cannot write {answer}/mine/x.yaml: Not a directory"),
    ],
    ids=["unknown-id", "unknown-id-hint", "missing-file", "folder-as-file", "extra-argument",
         "show-unknown", "unknown-track", "missing-bank", "bad-new-id", "new-into-a-file"],
)
def test_user_errors_exit_2_with_one_line(
    capsys, tmp_path: Path, answer_file: Path, args: list[str], message: str
) -> None:
    fill = {"answer": str(answer_file), "missing": str(tmp_path / "missing.txt"),
            "folder": str(tmp_path)}
    argv = [a.format(**fill) for a in args]
    if argv[0] == "new":
        argv += [] if "--dir" in argv else ["--dir", str(tmp_path / "b")]
    elif "--bank" not in argv:
        argv += ["--bank", str(GOOD)]
    code, out, err = run_cli(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err == message.format(**fill) + "\n"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_its_help(capsys, command: str) -> None:
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: mockroom {command} ")


def test_the_top_level_help_lists_every_command(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command, (_, help_text) in COMMANDS.items():
        first_words = re.escape(" ".join(help_text.split()[:3]))  # argparse wraps the rest
        assert re.search(rf"^ +{command} +{first_words}", out, re.MULTILINE), command


def test_argparse_errors_exit_2(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["score", "-q", "good.apology"])
    assert exc.value.code == 2
    assert "one of the arguments --answer-file/-f - is required" in capsys.readouterr().err


# --- lint ----------------------------------------------------------------------------


def test_lint_of_the_builtin_bank_is_clean(capsys) -> None:
    code, out, err = run_cli(capsys, "lint")
    assert (code, err) == (0, "")
    assert re.fullmatch(r"0 problems; \d+ files: \d+ questions, \d+ rubrics, \d+ examples checked\n", out)


def test_lint_of_a_clean_folder_exits_0_and_counts_only_that_folder(capsys) -> None:
    code, out, err = run_cli(capsys, "lint", str(GOOD))
    assert (code, err) == (0, "")
    assert out == "0 problems; 2 files: 1 question, 1 rubric, 2 examples checked\n"


def test_lint_reports_one_line_per_problem_and_exits_1(capsys) -> None:
    code, out, err = run_cli(capsys, "lint", "--bank", str(GOOD), str(BAD))
    assert (code, err) == (1, "")
    *lines, summary = out.splitlines()
    files = sorted(p.name for p in BAD.iterdir())
    assert sorted({Path(PROBLEM_LINE.match(line)["path"]).name for line in lines}) == files
    assert all(line.startswith(str(BAD)) for line in lines)
    assert summary.startswith(f"{len(lines)} problems; {len(files)} files: ")
    assert "Traceback" not in out + err


def test_lint_quiet_prints_problems_only(capsys) -> None:
    code, out, err = run_cli(capsys, "lint", "--quiet", str(BAD / "empty.yaml"))
    assert code == 1
    assert out == f"{BAD / 'empty.yaml'}:1:1: empty file\n"
    assert err == ""


def test_lint_of_a_missing_path(capsys, tmp_path: Path) -> None:
    code, out, err = run_cli(capsys, "lint", str(tmp_path / "nope"))
    assert (code, err) == (1, "")
    assert out == (f"{tmp_path / 'nope'}:1:1: no such file or folder\n"
                   "1 problem; 0 files: 0 questions, 0 rubrics, 0 examples checked\n")


# --- bank ----------------------------------------------------------------------------


def test_bank_list_shows_every_question(capsys) -> None:
    code, out, _ = run_cli(capsys, "bank", "list")
    assert code == 0
    ids = [line.split()[0] for line in out.splitlines()]
    assert "support.outage-strategic-customer" in ids
    assert len(ids) == len(set(ids)) >= 20


@pytest.mark.parametrize("columns", [80, 120])
def test_bank_list_fits_the_terminal_and_marks_cut_prompts(capsys, monkeypatch, columns) -> None:
    from rich.cells import cell_len

    from mockroom.core.bank import load_bank

    monkeypatch.setenv("COLUMNS", str(columns))
    code, out, _ = run_cli(capsys, "bank", "list")
    assert code == 0
    prompts = {q.id: " ".join(q.prompt.en.split()) for q in load_bank().questions.values()}
    for line in out.splitlines():
        assert cell_len(line) <= columns, line
        qid = line.split()[0]
        shown = line[56:]
        if shown.endswith("…"):
            assert prompts[qid].startswith(shown[:-1]) and len(shown) < len(prompts[qid]) + 1
        else:
            assert shown == prompts[qid]
    assert any(line.endswith("…") for line in out.splitlines())


def test_clip_cuts_by_cells_with_an_ellipsis() -> None:
    from mockroom.core.cells import clip

    assert clip("short", 10) == "short"
    assert clip("a  long\nprompt here", 10) == "a long pr…"
    assert clip("客户因为我们的故障很生气", 9) == "客户因为…"  # 8 cells + "…", no half character


def test_bank_list_by_track_as_json(capsys) -> None:
    code, out, _ = run_cli(capsys, "--bank", str(GOOD), "bank", "list", "--track", "good", "--json")
    assert code == 0
    assert json.loads(out) == [
        {
            "id": "good.apology",
            "track": "good",
            "category": "scenario",
            "difficulty": 2,
            "prompt": {"zh": "客户因为我们的故障很生气，你会怎么做？",
                       "en": "A customer is angry about an outage we caused. What do you do?"},
            "tags": [],
        }
    ]


def test_bank_list_tells_about_skipped_files_on_stderr(capsys, tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("id: [\n", "utf-8")
    code, out, err = run_cli(capsys, "bank", "list", "--bank", str(tmp_path), "--track", "sales")
    assert code == 0
    assert out and all(line.startswith("sales.") for line in out.splitlines())
    assert err.startswith(f"skipped: {tmp_path / 'broken.yaml'}:2:1: invalid YAML: ")


def test_bank_show_prints_the_question_and_its_rubric(capsys) -> None:
    code, out, _ = run_cli(capsys, "bank", "show", "good.apology", "--bank", str(GOOD), "--lang", "zh")
    assert code == 0
    assert out.startswith("good.apology  [good / scenario / difficulty 2]")
    assert "客户因为我们的故障很生气，你会怎么做？" in out
    assert "  [2] apologise (required): 真诚道歉并担责" in out
    assert "  red flag -15 blames-customer: 把责任推给客户" in out


def test_bank_show_json(capsys) -> None:
    code, out, _ = run_cli(capsys, "bank", "show", "support.outage-strategic-customer", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["question"]["id"] == "support.outage-strategic-customer"
    assert [r["id"] for r in data["rubrics"]] == ["support.outage-strategic-customer"]


# --- schema and new ------------------------------------------------------------------


def test_schema_is_json_with_the_question_and_rubric_definitions(capsys) -> None:
    code, out, _ = run_cli(capsys, "schema")
    assert code == 0
    schema = json.loads(out)
    assert {"Question", "QuestionFile", "Rubric", "Criterion", "RedFlag"} <= set(schema["$defs"])
    assert schema["$defs"]["Question"]["additionalProperties"] is False
    assert "prompt" in schema["$defs"]["Question"]["required"]
    assert "Phrases (aliases" in schema["$defs"]["Criterion"]["properties"]["phrases"]["description"]


def test_schema_describes_every_field_by_its_docstring(capsys) -> None:
    from mockroom.core import models

    code, out, _ = run_cli(capsys, "schema")
    defs = json.loads(out)["$defs"]
    for name, model in vars(models).items():
        if isinstance(model, type) and issubclass(model, models.Strict) and model.model_fields:
            for field in model.model_fields:
                assert defs[name]["properties"][field].get("description"), f"{name}.{field}"
    assert defs["Phrases"]["properties"]["zh"]["description"] == "Chinese items."  # inherited


@pytest.mark.parametrize(("kind", "field"), [("question", "prompt"), ("rubric", "criteria")])
def test_schema_of_one_kind(capsys, kind: str, field: str) -> None:
    code, out, _ = run_cli(capsys, "schema", kind)
    assert code == 0
    assert field in out and json.loads(out)["$schema"].startswith("https://json-schema.org/")


def test_new_writes_templates_that_lint_clean_and_refuses_to_overwrite(capsys, tmp_path: Path) -> None:
    root = tmp_path / "my-bank"
    code, out, _ = run_cli(capsys, "new", "mine.prioritise", "--dir", str(root))
    assert code == 0
    question = root / "mine" / "prioritise.yaml"
    rubric = root / "rubrics" / "mine" / "prioritise.yaml"
    assert out.splitlines()[:2] == [f"wrote {question}", f"wrote {rubric}"]

    code, out, _ = run_cli(capsys, "lint", str(root))
    assert (code, out) == (0, "0 problems; 2 files: 1 question, 1 rubric, 2 examples checked\n")
    code, out, _ = run_cli(capsys, "--bank", str(root), "bank", "list", "--track", "mine")
    assert out.split()[0] == "mine.prioritise"

    question.write_text(question.read_text("utf-8") + "# my edits\n", "utf-8")
    before = question.read_text("utf-8")
    code, out, err = run_cli(capsys, "new", "mine.prioritise", "--dir", str(root))
    assert code == 2
    assert err == f"mockroom: {question} already exists; not overwriting it\n"
    assert question.read_text("utf-8") == before


# --- real processes ------------------------------------------------------------------


def test_score_as_a_real_process(tmp_path: Path, answer_file: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mockroom", "score", "-q", "good.apology", "--bank", str(GOOD),
         "--json", "-"],
        input=answer_file.read_bytes(),
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    data = json.loads(proc.stdout.decode("utf-8"))
    answer = answer_file.read_text("utf-8")
    for c in data["criteria"]:
        for m in c["matches"]:
            assert answer[m["start"] : m["end"]] == m["text"]


def test_lint_as_a_real_process_never_prints_a_traceback() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mockroom", "lint", "--bank", str(GOOD), str(BAD)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert (proc.returncode, proc.stderr) == (1, "")
    *problems, summary = proc.stdout.splitlines()
    assert all(PROBLEM_LINE.match(line) for line in problems)
    assert re.fullmatch(r"\d+ problems; \d+ files: .* checked", summary)


def test_a_command_imports_no_other_command(answer_file: Path) -> None:
    script = (
        "import sys\n"
        "from mockroom.cli.main import main\n"
        f"code = main(['score', '-q', 'good.apology', '-f', {str(answer_file)!r}, "
        f"'--bank', {str(GOOD)!r}])\n"
        "print('COMMANDS', sorted(m for m in sys.modules if m.endswith('_cmd')), 'CODE', code)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          encoding="utf-8", check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == "COMMANDS ['mockroom.cli.score_cmd'] CODE 0"


def test_score_imports_neither_textual_nor_sqlmodel(answer_file: Path) -> None:
    script = (
        "import sys\n"
        "from mockroom.cli.main import main\n"
        f"code = main(['score', '-q', 'good.apology', '-f', {str(answer_file)!r}, "
        f"'--bank', {str(GOOD)!r}])\n"
        "heavy = sorted(m for m in ('textual', 'sqlmodel', 'sqlalchemy') if m in sys.modules)\n"
        "print('HEAVY', heavy, 'CODE', code)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          encoding="utf-8", check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == "HEAVY [] CODE 0"
