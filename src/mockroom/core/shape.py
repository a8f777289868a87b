"""The shape of an answer: its clauses and sentences, how much each says, and whether it
reads as language or as a list of bare terms.

Sizes are in "units": a Chinese character counts one, an English word two (at its first
letter). The units before every offset are added up once per answer, in all the text and in
its clauses that read as language, so the size of any stretch is one subtraction, however
many matches ask.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import cached_property
from itertools import accumulate, repeat

from mockroom.core.text import CJK_RUN, SPACE_RE, is_cjk_char

_BREAKS = "。！？!?；;\n，,、：:（）()."
CLAUSE_SPLIT = re.compile(f"[{re.escape(_BREAKS)}]+")
_CLAUSE_OR_ITEM_SPLIT = re.compile(f"[{re.escape(_BREAKS)}/|·•]+")
"""Clause breaks, and the slashes and bars that separate list items."""
_ZH_PARTICLE = re.compile("[的了我们你他她是在把和让给就再也都将被这那而与及吗呢吧着过]")
"""Characters a term almost never holds: an item with one is language, not a bare term."""
EN_FUNCTION = frozenset(
    ["i", "we", "you", "he", "she", "they", "it", "the", "a", "an", "to", "of", "and", "would", "will", "is", "are", "was", "were", "be", "been", "with", "for", "then", "because", "so", "if", "that", "this", "our", "my", "their", "by", "on", "in", "at", "as", "from"]
)
BARE_TERM_UNITS = 5
"""A list item this size or smaller, with no function word, is a bare term (两个英文词, 五个字)."""
RUN_ITEMS = 5
"""Items in a run of 、 from which the run is a string of terms (敏捷、协同、拉通、赋能、闭环),
not a sentence naming a few things: its items are then bare terms up to `RUN_TERM_UNITS`."""
RUN_TERM_UNITS = 12
"""The largest item of such a run that is still a term: "利益相关者管理", "领先指标和滞后指标"."""
_RUN_JOINERS = re.compile("[和与及]")
"""Words that join two terms into one item of a run (领先指标和滞后指标) and so say nothing."""
_DEFINED_AS = re.compile(
    r"管理(?:就是|是指|即|负责)(?:处理|管理|管|解决)?(\w{2})"
    r"| management (?:is|means|handles|deals with|manages) (?:handling |managing |dealing with )?(?:the )?(\w+)"
)
"""What a process is said to be: a process defined by its own name ("问题管理就是处理问题",
"incident management handles incidents") names it again here. Starting at the literal word
keeps the search of an answer cheap."""
_QUESTION_WORD = re.compile("什么|哪|多少|几|是否|怎么|如何|为何")
"""An item of a run that asks something (恢复到什么程度) is a question to settle, not a term."""
NOTE_TERMS = 6
"""Bare terms after a line's heading from which the line is a list of keywords, not a note."""
_ONLY_DIGITS = re.compile(r"[\s\d]*$")
_SENTENCE = re.compile(r"[^。！？!?；;\n]+")
"""A sentence, or a line of notes: what is between sentence ends and line breaks."""
_LIST_ITEM = re.compile(r"\s*(?:[-*•·]|\d{1,2}[.、)）]|[（(]\d{1,2}[)）]|[一二三四五六七八九十]、|[^，。,.：:\s]{1,8}[：:])")
"""How a list item opens: a bullet, a number, or a short heading and a colon."""
REASONS = re.compile(
    "因为|由于|所以|因此|为了|以便|免得|以免|否则|不然|这样|比如|例如|如果|要是|一旦|只要"
    r"|\b(?:because|since|so that|so we|so i|so they|so the|in order to|for example|for instance"
    r"|such as|if|otherwise|which means|that way|unless)\b"
)
"""Words that give a reason, a purpose, a condition or an example: how an answer says why."""


class Shape:
    def __init__(self, text: str, words: list[tuple[str, int, int]]) -> None:
        self.text = text
        self._word_starts = [s for _, s, _ in words]
        self._words = words
        self._clause_keys: list[tuple[int, int, set[str]]] | None = None
        # The units of each character: 1 for a Chinese one, 2 for the first letter of a word.
        self._char_units = [0] * len(text)
        for m in CJK_RUN.finditer(text):
            self._char_units[m.start() : m.end()] = repeat(1, m.end() - m.start())
        for s in self._word_starts:
            self._char_units[s] += 2
        self._units_before = [0, *accumulate(self._char_units)]

    def units(self, s: int, e: int) -> int:
        """Size of [s, e): Chinese characters plus two per English word starting there."""
        if e <= s:
            return 0
        before = self._units_before
        last = len(before) - 1
        return before[min(e, last)] - before[min(max(s, 0), last)]

    @cached_property
    def breaks(self) -> list[tuple[int, int]]:
        """Runs of clause-ending characters (punctuation, line breaks), in order."""
        return [m.span() for m in CLAUSE_SPLIT.finditer(self.text)]

    @cached_property
    def fragments(self) -> list[tuple[int, int, bool]]:
        """The answer cut at clause breaks and list separators: (start, end, bare) (see `_cut`)."""
        return self._cut[0]

    @cached_property
    def _run_terms(self) -> list[tuple[int, int]]:
        """The items of long runs of 、 that are terms (see `RUN_ITEMS`), in order."""
        return self._cut[1]

    @cached_property
    def _cut(self) -> tuple[list[tuple[int, int, bool]], list[tuple[int, int]]]:
        """The answer cut at clause breaks and list separators: (start, end, bare), and the
        pieces that are terms of a long run of 、.

        A clause whose space-separated items often hold a particle, or hold a one-character
        item, reads as language and stays whole ("先 rollback 再查 root cause"); any other is
        cut into its items, and each short item without a particle is a bare term ("柱状图
        饼图", "Agenda", "React Vue").
        Pieces that are only numbering ("1.") are left out."""
        out = []
        run_terms = []
        breaks = [m.span() for m in _CLAUSE_OR_ITEM_SPLIT.finditer(self.text)]
        in_runs = self._in_enumerations(breaks)
        for s, e in _pieces(breaks, 0, len(self.text)):
            if s in in_runs and self._is_run_term(s, e):  # "Webpack 5 模块联邦" is one term
                run_terms.append((s, e))
                out.append((s, e, True))
                continue
            spaces = _spaces_next_to_cjk(self.text, s, e)
            if not spaces:  # most clauses: one item
                out.append((s, e, self._is_bare_term(s, e)))
                continue
            items = _pieces(spaces, s, e)
            if len(items) > 1 and (
                self._interleaved(items) or 6 * sum(self._has_function_word(a, b) for a, b in items) > len(items)
            ):
                out.append((s, e, False))
            else:
                out += [(a, b, self._is_bare_term(a, b)) for a, b in items]
        return [(s, e, bare) for s, e, bare in out if not _ONLY_DIGITS.match(self.text, s, e)], run_terms

    def only_named(self, x: int) -> bool:
        """Whether offset x lies where a point can be named but not said: a term of a long
        run of 、 (see `in_term_run`), or a process defined by its own name (问题管理就是处理问题)."""
        spans = self._only_named
        k = bisect_right(spans, (x, len(self.text) + 1)) - 1
        return k >= 0 and x < spans[k][1]

    @cached_property
    def _only_named(self) -> list[tuple[int, int]]:
        return merged_spans(self._run_terms + self._circular)

    @cached_property
    def _circular(self) -> list[tuple[int, int]]:
        """The spans of processes defined by their own name (usually none)."""
        text, out = self.text, []
        for m in _DEFINED_AS.finditer(text):
            if m.group(1):
                name, again = text[max(0, m.start() - 2) : m.start()], m.group(1)
            else:
                words = text[max(0, m.start() - 40) : m.start()].split()
                name, again = (words[-1] if words else ""), m.group(2).removesuffix("s")
            if name and name == again:
                out.append((m.start() - len(name), m.end()))
        return out

    def in_term_run(self, x: int) -> bool:
        """Whether offset x lies in a term of a long run of 、 (敏捷、协同、拉通、赋能、闭环): a
        point named there is listed among buzzwords, not said."""
        runs = self._run_terms
        k = bisect_right(runs, (x, len(self.text) + 1)) - 1
        return k >= 0 and x < runs[k][1]

    def _in_enumerations(self, breaks: list[tuple[int, int]]) -> set[int]:
        """The starts of the pieces (between `breaks`) that belong to a run of at least
        `RUN_ITEMS` pieces joined by 、 (or a slash) alone."""
        text, out = self.text, set()
        run: list[int] = []
        start = 0
        for a, b in [*breaks, (len(text), len(text))]:
            if start < a:
                run.append(start)
            if text[a:b] not in ("、", "/"):  # the run ends here (SSR/SSG is one of its items)
                if len(run) >= RUN_ITEMS:
                    out.update(run)
                run = []
            start = b
        return out

    def _is_run_term(self, s: int, e: int) -> bool:
        """Whether the item [s, e) of a long run of 、 is a term: up to `RUN_TERM_UNITS`, with
        no function word but the ones that join two terms, and no question word."""
        if self.units(s, e) > RUN_TERM_UNITS:
            return False
        item = self.text[s:e]
        return not (
            _ZH_PARTICLE.search(_RUN_JOINERS.sub("", item))
            or _QUESTION_WORD.search(item)
            or self._has_english_function_word(s, e)
        )

    def _is_bare_term(self, s: int, e: int) -> bool:
        """Whether the item [s, e) is short and holds no function word (its size first: most
        items are long, and a long item is no bare term whatever words it holds)."""
        return self.units(s, e) <= BARE_TERM_UNITS and not self._has_function_word(s, e)

    def clause_keys(self, keys: Callable[[str], set[str]]) -> list[tuple[int, int, set[str]]]:
        """Each clause that reads as language (not a bare term), with `keys` of its text;
        computed once per answer."""
        if self._clause_keys is None:
            self._clause_keys = [(s, e, keys(self.text[s:e])) for s, e, bare in self.fragments if not bare]
        return self._clause_keys

    @cached_property
    def _sentences(self) -> list[tuple[int, int]]:
        return [m.span() for m in _SENTENCE.finditer(self.text)]

    @cached_property
    def _language_units_before(self) -> list[int]:
        """For each offset, the units before it that lie in clauses reading as language (not
        bare terms): `_units_before` with the characters of bare terms and breaks left out."""
        char_units = [0] * len(self.text)
        for s, e, bare in self.fragments:
            if not bare:
                char_units[s:e] = self._char_units[s:e]
        return [0, *accumulate(char_units)]

    def language_units(self, s: int, e: int) -> int:
        """Units of [s, e) that lie in clauses reading as language."""
        if e <= s:
            return 0
        before = self._language_units_before
        last = len(before) - 1
        return before[min(e, last)] - before[min(max(s, 0), last)]

    def sentence_of(self, x: int) -> tuple[int, int] | None:
        """The sentence (or line) holding offset x, if any."""
        sentences = self._sentences
        k = bisect_right(sentences, (x, len(self.text) + 1)) - 1
        return sentences[k] if k >= 0 and x < sentences[k][1] else None

    @cached_property
    def _clauses(self) -> list[tuple[int, int]]:
        return [(s, e) for s, e, bare in self.fragments if not bare]

    def clause_of(self, x: int) -> tuple[int, int] | None:
        """The clause holding offset x, when it reads as language (not a bare term)."""
        clauses = self._clauses
        k = bisect_right(clauses, (x, len(self.text) + 1)) - 1
        return clauses[k] if k >= 0 and x < clauses[k][1] else None

    def said_beside(self, x: int, spans: list[tuple[int, int]]) -> int:
        """Units of the sentence holding x, in its clauses that read as language (bare terms
        left out), outside `spans` (a point's own matched phrases, merged and sorted: see
        `merged_spans`): how much the answer says around the point beyond naming it. The
        sentence, not the clause: Chinese breaks with a comma where English goes on in one
        clause."""
        sentence = self.sentence_of(x)
        return 0 if sentence is None else self.said_in(sentence, spans)

    def said_in(self, sentence: tuple[int, int], spans: list[tuple[int, int]]) -> int:
        """`said_beside` for any offset of `sentence`."""
        a, b = sentence
        # Merged spans are sorted and apart, so their ends are sorted too.
        first = bisect_right(spans, a, key=lambda span: span[1])
        covered = 0
        for s, e in spans[first:]:
            if s >= b:
                break
            covered += self.language_units(max(s, a), min(e, b))
        return self.language_units(a, b) - covered

    @cached_property
    def list_share(self) -> float:
        """Share of the answer's size in bare terms: list items that are short and hold no
        function word ("柱状图 饼图 折线图", "Agenda. Rapport."). Not those of a note: a line
        that opens as a list item ("变更：评估审批、回退计划", "1. 定级，拉群") with fewer than
        `NOTE_TERMS` bare terms after its heading is a step written short, not a list of keywords."""
        total = bare = 0
        notes = self._note_lines
        for s, e, is_bare in self.fragments:
            size = self.units(s, e)
            total += size
            if is_bare and not any(a <= s < b for a, b in notes):
                bare += size
        return bare / total if total else 0.0

    @cached_property
    def _note_lines(self) -> list[tuple[int, int]]:
        """The list items (see `_items`) with fewer than `NOTE_TERMS` bare terms after their
        heading."""
        out = []
        for a, b in self._items:
            terms = sum(
                1 for s, e, is_bare in self.fragments
                if a <= s < b and is_bare and self.text[e : e + 1] not in ("：", ":")
            )
            if terms < NOTE_TERMS:
                out.append((a, b))
        return out

    @cached_property
    def _sentences_written(self) -> list[re.Match[str]]:
        """The sentences (and lines) with something in them."""
        return [m for m in _SENTENCE.finditer(self.text) if not m.group().isspace()]

    @cached_property
    def _items(self) -> list[tuple[int, int]]:
        """The sentences (and lines) that open as list items: a bullet, a number, or a short
        heading and a colon ("- 回滚", "2. ...", "目标：...")."""
        return [m.span() for m in self._sentences_written if _LIST_ITEM.match(m.group())]

    @cached_property
    def item_share(self) -> float:
        """Share of the answer's sentences (and lines) that open as list items (see `_items`)."""
        sentences = self._sentences_written
        return len(self._items) / len(sentences) if sentences else 0.0

    @cached_property
    def reasons(self) -> int:
        """How many times the answer gives a reason, purpose, condition or example."""
        return len(REASONS.findall(self.text))

    def _interleaved(self, items: list[tuple[int, int]]) -> bool:
        """Whether English terms and Chinese words take turns, as in a mixed sentence ("call
        之前先跟 status 准备好 talking points"), or a one-character item glues them (先 rollback);
        a list runs its English and Chinese items in blocks ("React Vue SSR 微前端 组件库")."""
        text = self.text
        # A one-character item between English terms is glue (先 rollback 再 fix), not a term.
        if any(is_cjk_char(text[a:b].strip()) for a, b in items):
            return True
        chinese = [CJK_RUN.search(text, a, b) is not None for a, b in items]
        pairs = list(zip(chinese, chinese[1:], strict=False))
        # A space between two Chinese items separates terms: a sentence needs none there
        # ("内置排序 Timsort 复合键 稳定排序" is a list though its languages take turns).
        if any(x and y for x, y in pairs):
            return False
        turns = sum(x != y for x, y in pairs)
        return 2 * turns >= len(items)

    def _has_function_word(self, s: int, e: int) -> bool:
        return _ZH_PARTICLE.search(self.text, s, e) is not None or self._has_english_function_word(s, e)

    def _has_english_function_word(self, s: int, e: int) -> bool:
        i, j = bisect_left(self._word_starts, s), bisect_left(self._word_starts, e)
        return any(w in EN_FUNCTION for w, _, _ in self._words[i:j])


def _pieces(separators: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The non-empty stretches of [start, end) between the `separators` (spans inside it, in order)."""
    out = []
    for a, b in [*separators, (end, end)]:
        if start < a:
            out.append((start, a))
        start = b
    return out


def _spaces_next_to_cjk(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where the run of terms text[start:end] splits when it has no punctuation ("React Vue
    微前端 组件库"): its runs of spaces with a Chinese character just before or just after,
    inside the stretch (what `(?<=CJK)\\s+|\\s+(?=CJK)` finds from `start` to `end`, without
    the ~2 ms its two Chinese character classes took to compile at every start)."""
    out: list[tuple[int, int]] = []
    if CJK_RUN.search(text, max(start - 1, 0), end) is None:
        return out  # no Chinese character beside any space: most clauses of English
    for m in SPACE_RE.finditer(text, start, end):
        a, b = m.span()
        if (a > 0 and CJK_RUN.match(text, a - 1)) or (b < end and CJK_RUN.match(text, b)):
            out.append((a, b))
    return out


def merged_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans joined, so that overlaps count once."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out
