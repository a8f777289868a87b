"""The negation check on a labelled corpus of its own (tests/core/data/negation_corpus.yaml):
Chinese, English, traditional and mixed sentences where a negation word sits near an affirmed
point, where the point is truly rejected, and where a result (not the action) is negated."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from mockroom.core import negation
from mockroom.core.matching import AnswerView, compile_phrase
from mockroom.core.negation import NegationIndex

CORPUS = Path(__file__).parent / "data" / "negation_corpus.yaml"
MIN_PRECISION = 0.95
MIN_RECALL = 0.9


def _labelled() -> list[tuple[str, str, str, bool]]:
    groups = yaml.safe_load(CORPUS.read_text("utf-8"))
    return [
        (group, phrase, sentence, group.endswith("-rejected"))
        for group, items in groups.items()
        for phrase, sentence in items
    ]


def _negated(phrase: str, sentence: str) -> bool:
    """Whether the first place the scorer finds `phrase` in `sentence` is negated."""
    view = AnswerView(sentence)
    p = compile_phrase(phrase)
    found = view.find(p)
    assert found, f"{phrase!r} is not found in {sentence!r}"
    return NegationIndex(view.text)(found[0].start, found[0].end, p.norm)


def test_the_corpus_is_large_and_covers_every_kind() -> None:
    items = _labelled()
    assert len(items) >= 150
    groups = {g for g, *_ in items}
    for kind in ("zh", "en", "zh-traditional", "mixed"):
        assert {f"{kind}-affirmed", f"{kind}-rejected"} <= groups


def test_negation_precision_and_recall_on_the_corpus() -> None:
    items = _labelled()
    said = [(group, phrase, sentence, truth, _negated(phrase, sentence)) for group, phrase, sentence, truth in items]
    true_pos = sum(truth and guess for *_, truth, guess in said)
    flagged = sum(guess for *_, guess in said)
    rejected = sum(truth for *_, truth, _ in said)
    precision = true_pos / flagged
    recall = true_pos / rejected
    wrong = [f"{group}: {phrase} in {sentence}" for group, phrase, sentence, truth, guess in said if truth != guess]
    assert precision >= MIN_PRECISION and recall >= MIN_RECALL, (
        f"precision {precision:.3f}, recall {recall:.3f}; wrong:\n" + "\n".join(wrong)
    )


_NOT_CHINESE = st.one_of(st.characters(exclude_categories=("Cs",), max_codepoint=0x33FF), st.sampled_from("，；：！？（）"))


@given(st.text(alphabet=_NOT_CHINESE))
def test_a_chinese_rejection_after_a_match_needs_a_chinese_character(after: str) -> None:
    """What lets the negation index skip looking for one after most matches."""
    assert not negation._zh_rejected_after(after.lower())


_PIECES = ["补偿", "复盘", "我们", "都", "也", "就", "算了", "免了", "省了", "省", "了", "不", "没", "没有", "不会",
           "多余", "太虚", "形式主义", "意义", "不大", "用处", "没必要", "这些", "、", "和", "在项目里", "走过场",
           "一般", "给", "做", "提", "掉", "去", "取消", "略过", "可有可无", "是", "最危险", "浪费时间"]


@settings(max_examples=2000, derandomize=True)
@given(st.lists(st.sampled_from(_PIECES), max_size=10))
def test_a_chinese_rejection_after_a_match_needs_a_cue_or_a_verdict_in_its_clause(pieces: list[str]) -> None:
    """What lets the negation index skip `_zh_rejected_after` in most clauses (`_may_hold`)."""
    after = "".join(pieces)
    *_, may_reject = NegationIndex(after)._may_hold(0, len(after))
    assert may_reject or not negation._zh_rejected_after(after)
