"""Phrases proposed from coach overrides, each checked with the real scorer on a bank written here."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from mockroom.core.bank import Bank, load_paths
from mockroom.core.evaluate import bank_examples
from mockroom.core.phrase_suggest import Override, Passage, suggest
from mockroom.core.suggest_report import format_text, phrases_block, to_json
from tests.helpers.bank_builders import question_data, rubric_data, write_bank

QID = "t.q"


def point(cid: str, label_zh: str, label_en: str, tip_en: str, zh: list[str], en: list[str]) -> dict[str, object]:
    return {"id": cid, "label": {"zh": label_zh, "en": label_en}, "tip": {"zh": label_zh, "en": tip_en},
            "phrases": {"zh": zh, "en": en}}


STRONG = "我会先向客户道歉，马上切换到备用机房让业务恢复，事后组织复盘。"
TRAP = "切换到备用机房这件事以前讨论过，不过我觉得周末去爬山更重要。"


@pytest.fixture
def bank(tmp_path: Path) -> Bank:
    write_bank(
        tmp_path,
        question_data(examples=[
            {"label": "strong", "grade": 85, "answer": STRONG},
            {"label": "trap", "grade": 5, "answer": TRAP},
        ]),
        rubric_data(criteria=[
            point("apologise", "道歉", "Apologises", "Apologise first.", ["道歉"], ["apologise"]),
            point("restore", "先恢复业务", "Restores service first",
                  "Switch to a standby or roll back to restore service first.", ["回滚"], ["roll back"]),
            point("review", "事后复盘", "Reviews afterwards", "Run a review afterwards.", ["复盘"], ["postmortem"]),
        ]),
    )
    loaded = load_paths([tmp_path])
    assert not loaded.problems, loaded.problems
    return loaded


ZH_RESTORED = "我先向客户道歉。运维马上切换到备用机房，让业务先跑起来。"
EN_RESTORED = "I apologised and switched traffic to the standby site so the business could run again."
REVIEW_ONLY_INSIDE = "出了问题我们内部会复盘一下，对客户什么也不说。"


def test_a_commented_passage_becomes_a_phrase_checked_on_the_answers_and_the_examples(bank: Bank) -> None:
    start = ZH_RESTORED.index("切换到备用机房")
    overrides = [
        # the comment does not name the point, but restore is the only point turned to met here
        Override(QID, "restore", True, ZH_RESTORED, "a1", (Passage(start, start + 7, "这才是关键"),)),
        Override(QID, "restore", True, EN_RESTORED, "a2"),
    ]
    found = suggest(bank, overrides, bank_examples(bank))
    (p,) = found.points
    assert (p.question_id, p.key, p.to_hit, p.to_miss, p.settled) == (QID, "restore", ("a1", "a2"), (), 0)
    by_phrase = {x.phrase: x for x in p.proposals}
    assert set(by_phrase) == {"切换到备用机房", "switched traffic to the standby site"}
    zh = by_phrase["切换到备用机房"]
    assert (zh.lang, zh.source, zh.fixes) == ("zh", "comment", ("a1",))
    # it would newly credit both examples: the strong one and the trap, which the author must see
    assert sorted((g.id, g.grade) for g in zh.newly_credits) == [("strong", 85.0), ("trap", 5.0)]
    en = by_phrase["switched traffic to the standby site"]
    assert (en.lang, en.source, en.fixes, en.newly_credits) == ("en", "clause", ("a2",), ())
    assert p.proposals[0] is en  # as many fixes, fewer graded texts newly credited: first


def test_a_comment_naming_another_point_is_not_taken_for_this_one(bank: Bank) -> None:
    text = "我向客户表示了歉意。运维马上切换到备用机房，让业务先跑起来。"
    start = text.index("表示了歉意")
    o = (Passage(start, start + 5, "apologise: 这算道歉"),)
    found = suggest(bank, [
        Override(QID, "apologise", True, text, "b1", o),
        Override(QID, "restore", True, text, "b1", o),
    ])
    apologise, restore = found.points  # as many overrides each: in id order
    assert [(x.phrase, x.source) for x in apologise.proposals] == [("表示了歉意", "comment")]
    assert [x.source for x in restore.proposals] == ["clause"]
    assert "表示了歉意" not in {x.phrase for x in restore.proposals}


def test_the_reverse_lists_the_phrase_that_fired_and_what_removing_it_costs(bank: Bank) -> None:
    found = suggest(bank, [Override(QID, "review", False, REVIEW_ONLY_INSIDE, "c1")], bank_examples(bank))
    (p,) = found.points
    assert (p.to_hit, p.to_miss, p.proposals) == ((), ("c1",), ())
    (m,) = p.misfires
    assert (m.phrase, m.fired_on, m.removing_fixes) == ("复盘", ("c1",), ("c1",))
    assert [g.id for g in m.would_lose] == ["strong"]


def test_overrides_todays_rubric_already_agrees_with_and_unknown_points(bank: Bank) -> None:
    found = suggest(bank, [
        Override(QID, "restore", True, "我会马上回滚。", "d1"),  # the scorer finds it today
        Override(QID, "nothing", True, "x", "d2"),
        Override("t.gone", "restore", True, "x", "d3"),
    ])
    (p,) = found.points
    assert (p.to_hit, p.settled, p.proposals, p.misfires) == ((), 1, (), ())
    assert found.unknown == 2


def test_a_rejection_is_never_trimmed_into_the_thing_rejected(bank: Bank) -> None:
    # Openers such as 我们会 are trimmed; 我们不会 is not: the phrase keeps what the answer said.
    found = suggest(bank, [Override(QID, "restore", True, "我们不会切换到备用机房。", "e1")])
    assert [x.phrase for x in found.points[0].proposals] == ["我们不会切换到备用机房"]


def test_the_paste_block_is_the_points_phrases_plus_the_proposals_in_the_banks_style(bank: Bank) -> None:
    start = ZH_RESTORED.index("切换到备用机房")
    found = suggest(bank, [
        Override(QID, "restore", True, ZH_RESTORED, "a1", (Passage(start, start + 7, "restore"),)),
        Override(QID, "restore", True, "We'd fail over: to the standby site, then debug.", "a2"),
    ])
    block = phrases_block(found.points[0])
    assert block[0] == "    phrases:" and block[1].startswith("      zh: [")
    assert yaml.safe_load("\n".join(block)) == {
        "phrases": {"zh": ["回滚", "切换到备用机房"], "en": ["roll back", "to the standby site"]}
    }


def test_a_phrase_that_needs_quotes_in_yaml_gets_them(bank: Bank) -> None:
    answer = "Plan B: standby site first, always."
    found = suggest(bank, [Override(QID, "restore", True, answer, "f1", (Passage(0, len(answer), "restore"),))])
    block = "\n".join(phrases_block(found.points[0]))
    parsed = yaml.safe_load(block)["phrases"]["en"]
    assert parsed[0] == "roll back" and len(parsed) == 1 + len(found.points[0].proposals)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_report_fits_80_columns_and_json_carries_the_same(bank: Bank, lang: str) -> None:
    from rich.cells import cell_len

    start = ZH_RESTORED.index("切换到备用机房")
    found = suggest(bank, [
        Override(QID, "restore", True, ZH_RESTORED, "a1" * 8, (Passage(start, start + 7, "x"),)),
        Override(QID, "review", False, REVIEW_ONLY_INSIDE, "c1" * 8),
    ], bank_examples(bank))
    text = format_text(found, bank, lang)
    assert all(cell_len(line) <= 80 for line in text.splitlines())
    assert "切换到备用机房" in text and "a1a1a1a1" in text and "a1a1a1a1a1" not in text
    data = to_json(found, bank)
    restore, review = data["points"]
    assert restore["proposals"][0]["phrase"] == "切换到备用机房"
    assert restore["file"].endswith(".yaml") and restore["line"] > 0
    assert yaml.safe_load(restore["yaml"])["phrases"]["zh"][-1] == "切换到备用机房"
    assert review["misfires"][0]["phrase"] == "复盘" and review["yaml"] is None


def test_no_overrides_says_how_to_make_some(bank: Bank) -> None:
    assert "--point KEY=hit|miss" in format_text(suggest(bank, []), bank, "en")


def test_points_the_scorer_disputes_most_come_first(bank: Bank) -> None:
    found = suggest(bank, [
        Override(QID, "apologise", True, "我向客户表示了歉意。", "g1"),
        Override(QID, "review", False, REVIEW_ONLY_INSIDE, "g2"),
        Override(QID, "review", False, "我们会复盘，但不会告诉任何人。", "g3"),
    ])
    assert [(p.key, len(p.to_hit) + len(p.to_miss)) for p in found.points] == [("review", 2), ("apologise", 1)]
