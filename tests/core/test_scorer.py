"""The scorer's rules, on a small rubric built here so every phrase is under the test's control."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from mockroom.core.bank import load_bank
from mockroom.core.models import Question
from mockroom.core.result import ScoreResult
from mockroom.core.scorer import (
    GENERIC_FROM,
    GENERIC_KEEPS,
    NOTES_TOP,
    RED_FLAG_SLOPE,
    REQUIRED_KEEPS,
    TOP_SCORE,
    Scorer,
    score_answer,
)
from tests.helpers.bank_builders import build, criterion, red_flag

CRITERIA = [
    criterion("apologise", ["道歉", "致歉", "表示歉意"], ["apologise", "apology", "say sorry"],
              weight=2, required=True),
    criterion("restore", ["回滚", "恢复业务", "切换备用"], ["roll back", "restore service", "fail over"],
              weight=2, required=True),
    criterion("rca", ["根因分析", "查日志"], ["root cause analysis", "check the logs"], weight=1.5),
    criterion("compensate", ["补偿", "费用减免"], ["compensation", "service credit"]),
    criterion("review", ["复盘", "避免再次发生"], ["postmortem", "prevent a repeat"]),
]
RED_FLAGS = [
    red_flag("blame", ["客户的责任", "客户操作不当"], ["customer's fault", "user error"], penalty=15),
    red_flag("hide", ["瞒着客户"], ["keep it quiet"], penalty=10),
]
FOLLOW_UPS = [
    {"criterion": c, "prompt": {"zh": f"关于{c}，你会怎么做？", "en": f"What about {c}?"}}
    for c in ("restore", "rca", "compensate", "review")
]
TIMING = {"zh_chars": [60, 600], "en_words": [40, 400]}

STRONG_ZH = """我会先亲自给客户打电话，认真听完他们的损失，然后代表公司真诚地道歉，明确这次的责任在我们。
技术上我会让团队马上回滚到上一个稳定版本，先让客户的核心业务跑起来，彻底修复放在后面。
业务恢复以后，另一组同事负责做根因分析，把原因、影响范围和长期方案写成报告发给客户。
我还会根据影响主动提出补偿，比如减免当月的服务费用，表达我们的诚意。
最后一周内组织内部复盘，改进发布流程，确保同类问题以后不会再出现。"""

STRONG_EN = """First I would call the customer myself, listen to what the outage cost them, and \
apologise sincerely, making clear that the failure is ours.
Then I would have the team roll back to the last stable release so their core business runs \
again, and leave the perfect fix for later.
Once the service is back, a second group does a root cause analysis and sends the customer a \
plain report on the cause, the impact and the long-term fix.
I would also offer compensation in proportion to the damage, such as a credit on this month's \
bill, to show good faith.
Finally, within a week we hold a postmortem and change the release process so the same failure \
cannot happen again."""

# Three of the five points, in full sentences, with a concrete detail (an hour): an answer
# without any is generic, and keeps less of its score (see the scorer's GENERIC_FROM).
PARTIAL_ZH = """我会先给客户打电话，认真听完他们的损失，然后代表公司真诚地道歉，明确这次的责任在我们。
技术上我会让团队在一小时内回滚到上一个稳定版本，先让客户的核心业务跑起来，彻底修复放在后面。
业务恢复以后，我会安排同事做根因分析，把原因和改进方案写成报告，发给客户的负责人。"""

# Every point's keywords, several times over, long enough not to be "too short": only the style
# differs from a real answer.
KEYWORDS_ZH = (
    "道歉，回滚，根因分析，补偿，复盘，致歉，恢复业务，查日志，费用减免，避免再次发生，"
    "表示歉意，切换备用，道歉，回滚，根因分析，补偿，复盘"
)
KEYWORDS_EN = ", ".join(
    ["apologise", "roll back", "root cause analysis", "compensation", "postmortem", "apology",
     "restore service", "check the logs", "service credit", "prevent a repeat", "say sorry",
     "fail over"] * 2
)
# The same, padded with other interview buzzwords that are not rubric phrases.
PADDED_KEYWORDS_ZH = (
    "道歉、回滚、根因分析、补偿、复盘、应急小组、书面确认、每小时同步、客户成功经理、发布检查清单、"
    "统一口径、监控告警"
)
PADDED_KEYWORDS_EN = (
    "apologise, roll back, root cause analysis, compensation, postmortem, apology, restore "
    "service, check the logs, service credit, prevent a repeat, say sorry, fail over, incident "
    "team, hourly updates, written acknowledgement, customer success manager, release checklist"
)
PARTIAL_EN = """First I would call the customer myself, listen to what the outage cost them, and \
apologise sincerely, making clear that the failure is ours.
Then I would have the team roll back within an hour to the last stable release so their core \
business runs again, and leave the perfect fix for later.
Once the service is back, a second group does a root cause analysis and sends the customer a \
plain report on what happened."""

OFF_TOPIC_ZH = (
    "我平时喜欢跑步和看书，周末会和朋友一起去爬山，也会自己做饭，这让我一直保持着很好的精神状态"
    "和身体状况，工作起来也更有精力。"
)
OFF_TOPIC_EN = (
    "I enjoy running and reading in my spare time. At the weekend I often go hiking with friends "
    "or cook for my family, which keeps me healthy and gives me energy for the week ahead."
)


@pytest.fixture(scope="module")
def incident(tmp_path_factory: pytest.TempPathFactory) -> tuple[Scorer, Question]:
    return build(
        tmp_path_factory.mktemp("incident"),
        CRITERIA,
        red_flags=RED_FLAGS,
        follow_ups=FOLLOW_UPS,
        timing=TIMING,
    )


def score(incident: tuple[Scorer, Question], answer: str) -> ScoreResult:
    scorer, question = incident
    return scorer.score(question, answer)


def by_key(result: ScoreResult, key: str):  # type: ignore[no-untyped-def]
    return next(c for c in result.criteria if c.key == key)


def codes(result: ScoreResult) -> list[str]:
    return [f.code for f in result.flags]


def assert_offsets_valid(result: ScoreResult, answer: str) -> None:
    for c in result.criteria:
        for m in c.matches:
            assert 0 <= m.start < m.end <= len(answer)
            assert answer[m.start : m.end] == m.text
    for f in result.flags:
        for s, e in f.spans:
            assert 0 <= s < e <= len(answer)


# --- strong, partial, keyword lists -----------------------------------------


@pytest.mark.parametrize("answer", [STRONG_ZH, STRONG_EN], ids=["zh", "en"])
def test_a_strong_answer_hits_every_point_and_scores_high(incident, answer: str) -> None:
    result = score(incident, answer)
    assert all(c.hit for c in result.criteria)
    assert result.score >= 80  # TOP_SCORE keeps the last points for answers beyond the rubric
    assert [(f.code, f.penalty < 10) for f in result.flags] in ([], [("unexplained", True)])
    assert_offsets_valid(result, answer)


@pytest.mark.parametrize(
    ("keywords", "sentences"),
    [(KEYWORDS_ZH, PARTIAL_ZH), (KEYWORDS_EN, PARTIAL_EN)],
    ids=["zh", "en"],
)
def test_a_bare_keyword_list_scores_well_below_fewer_points_in_sentences(
    incident, keywords: str, sentences: str
) -> None:
    listed = score(incident, keywords)
    real = score(incident, sentences)
    assert all(c.hit for c in listed.criteria)  # every point "mentioned"...
    assert sum(c.hit for c in real.criteria) == 3
    assert "keyword-list" in codes(listed)  # ...and penalised above all for style:
    cost = {f.code: f.penalty for f in listed.flags}  # bare terms, nothing said around them
    assert cost["keyword-list"] + cost.get("unexplained", 0) > 2 * cost.get("too-short", 0)
    assert real.score - listed.score >= 20


@pytest.mark.parametrize(
    ("keywords", "sentences"),
    [(PADDED_KEYWORDS_ZH, PARTIAL_ZH), (PADDED_KEYWORDS_EN, PARTIAL_EN)],
    ids=["zh", "en"],
)
def test_a_keyword_list_padded_with_other_buzzwords_still_scores_well_below(
    incident, keywords: str, sentences: str
) -> None:
    """Other buzzwords in a comma-separated list must not count as explaining each keyword
    (a regression test: PADDED_KEYWORDS_ZH once scored 80.8, above the real answer's 73.3)."""
    listed = score(incident, keywords)
    real = score(incident, sentences)
    assert "keyword-list" in codes(listed)
    assert real.score - listed.score >= 20


def test_listed_paraphrases_count_as_the_point(incident) -> None:
    plain = score(incident, "出了这么大的事，我会第一时间向客户道歉，说明责任在我们。")
    paraphrase = score(incident, "出了这么大的事，我会第一时间向客户致歉，说明责任在我们。")
    for result in (plain, paraphrase):
        assert by_key(result, "apologise").hit
    assert paraphrase.score == pytest.approx(plain.score, abs=1)


@pytest.mark.parametrize(
    "answer",
    ["出了问题我会第一时间向客户到歉，并说明责任在我们这边。", "技术上我会让团队马上回棍到上一个稳定版本。"],
)
def test_a_homophone_typo_earns_the_point(incident, answer: str) -> None:
    result = score(incident, answer)
    assert [m.kind for c in result.hit for m in c.matches] == ["pinyin"]


def test_chinese_question_answered_in_english_is_scored_fairly(incident) -> None:
    zh, en = score(incident, STRONG_ZH), score(incident, STRONG_EN)
    assert (zh.answer_lang, en.answer_lang) == ("zh", "en")
    assert [c.hit for c in zh.criteria] == [c.hit for c in en.criteria]
    assert abs(zh.score - en.score) <= 10


def test_builtin_strong_examples_score_high_in_either_language() -> None:
    bank = load_bank()
    question = bank.questions["support.outage-strategic-customer"]
    examples = {e.label: e.answer for e in question.examples}
    zh = score_answer(bank, question.id, examples["strong-zh"])
    en = score_answer(bank, question.id, examples["strong-en"])
    assert zh.answer_lang == "zh" and en.answer_lang == "en"
    assert zh.score >= 70 and en.score >= 70
    assert abs(zh.score - en.score) <= 15


# --- negation ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "key"),
    [
        ("我不会道歉，因为这样等于承认责任。", "apologise"),
        ("技术上我们绝对不会回滚，风险太大了。", "restore"),
        ("补偿我不会主动提，等客户要求再说。", "compensate"),
        ("我觉得没必要道歉，解释清楚就可以了。", "apologise"),
        ("道歉是没有必要的，客户要的是结果。", "apologise"),
        ("我拒绝道歉，这件事要先分清楚责任。", "apologise"),
        ("We would not roll back, because that is too risky.", "restore"),
        ("We will never apologise to them for this.", "apologise"),
        ("I don't think we should apologise at this stage.", "apologise"),
        ("Compensation is out of the question for us.", "compensate"),
        ("A postmortem is not needed for something this small.", "review"),
    ],
)
def test_a_rejected_point_earns_nothing_and_is_shown_as_negated(
    incident, answer: str, key: str
) -> None:
    result = score(incident, answer)
    point = by_key(result, key)
    assert not point.hit and point.negated and point.credit == 0
    assert point.matches and all(m.negated for m in point.matches)
    flag = next(f for f in result.flags if f.code == "negated")
    assert flag.ref == key
    assert [answer[s:e] for s, e in flag.spans] == [m.text for m in point.matches]


@pytest.mark.parametrize(
    ("answer", "key"),
    [
        ("我不仅会道歉，还会主动提出补偿方案。", "apologise"),
        ("我们会不断复盘，改进发布流程。", "review"),
        ("我会毫不犹豫地道歉，并说明责任在我们。", "apologise"),
        ("我不会推卸责任，而是会真诚地道歉。", "apologise"),
        ("不管客户态度怎样，我都会先道歉。", "apologise"),
        ("We will not only apologise but also compensate them.", "apologise"),
        ("No matter what, we apologise to the customer first.", "apologise"),
        ("We will not wait, but roll back at once.", "restore"),
        ("We will roll back no later than noon today.", "restore"),
    ],
)
def test_words_that_only_look_negative_do_not_negate(incident, answer: str, key: str) -> None:
    point = by_key(score(incident, answer), key)
    assert point.hit and not point.negated


def test_instead_of_rejects_the_point(incident) -> None:
    """'instead of' rejects, although 'instead' alone is a contrast word (a regression test)."""
    point = by_key(score(incident, "Instead of an apology, we explain what happened."), "apologise")
    assert point.negated and not point.hit


@pytest.mark.parametrize(
    "answer",
    ["I would not hesitate to apologise to them.", "I have no doubt we should apologise to them."],
)
def test_english_double_negatives_affirm_the_point(incident, answer: str) -> None:
    """'not hesitate to' and 'no doubt' affirm, like 毫不犹豫 (a regression test)."""
    point = by_key(score(incident, answer), "apologise")
    assert point.hit and not point.negated


def test_the_same_point_affirmed_elsewhere_still_counts(incident) -> None:
    answer = "我不会马上道歉。但是在了解情况后，我会真诚地向客户道歉。"
    point = by_key(score(incident, answer), "apologise")
    assert point.hit and not point.negated
    assert [m.negated for m in point.matches] == [False, True]


# --- off-topic, too short, too long -------------------------------------------------


@pytest.mark.parametrize("answer", [OFF_TOPIC_ZH, OFF_TOPIC_EN], ids=["zh", "en"])
def test_off_topic_answers_score_low_and_say_so(incident, answer: str) -> None:
    result = score(incident, answer)
    assert result.score <= 5
    assert "off-topic" in codes(result)
    assert not result.hit


@pytest.mark.parametrize(
    ("answer", "length", "zh_says", "en_says"),
    [
        ("我会道歉，然后回滚。", 10, "回答太短：10 字；要讲清楚要点，至少需要 80 字左右。",
         "Too short: 10 characters; making the points takes about 80."),
        ("I would apologise and roll back.", 6, "回答太短：6 个词；要讲清楚要点，至少需要 52 个词左右。",
         "Too short: 6 words; making the points takes about 52."),
    ],
    ids=["zh", "en"],
)
def test_far_too_short_answers_score_low_and_say_so_in_the_answers_unit(
    incident, answer: str, length: int, zh_says: str, en_says: str
) -> None:
    result = score(incident, answer)
    assert result.length == length
    assert result.score <= 20
    (short,) = (f for f in result.flags if f.code == "too-short")
    assert (short.message("zh"), short.message("en")) == (zh_says, en_says)
    assert "off-topic" not in codes(result)


def test_a_rambling_answer_is_flagged_too_long(incident) -> None:
    result = score(incident, STRONG_ZH * 4)
    assert "too-long" in codes(result)


# --- red flags and required points --------------------------------------------------


@pytest.fixture(scope="module")
def incident_without_flags(tmp_path_factory: pytest.TempPathFactory) -> tuple[Scorer, Question]:
    return build(tmp_path_factory.mktemp("noflags"), CRITERIA, timing=TIMING)


@pytest.mark.parametrize(
    ("extra", "flag_ids", "penalty"),
    [
        ("\n说到底，这次主要是客户操作不当造成的。", ["blame"], 15),
        ("\nTo be honest it was mostly the customer's fault.", ["blame"], 15),
        ("\n这件事我们先瞒着客户，是客户的责任就让他们自己查。", ["blame", "hide"], 25),
        ("\n这不是客户的责任，是我们的流程出了问题。", [], 0),
        ("\nIt was not the customer's fault at all.", [], 0),
    ],
)
def test_red_flags_cost_their_penalty_unless_negated(
    incident, incident_without_flags, extra: str, flag_ids: list[str], penalty: float
) -> None:
    answer = STRONG_ZH + extra
    flagged = score(incident, answer)
    plain = score(incident_without_flags, answer)
    red = [f for f in flagged.flags if f.code == "red-flag"]
    assert [f.ref for f in red] == flag_ids
    assert sum(f.penalty for f in red) == penalty == flagged.details["penalties"]
    cap = max(0.0, TOP_SCORE - RED_FLAG_SLOPE * penalty)
    expected = max(0.0, (min(plain.score, cap) if red else plain.score) - penalty)
    assert flagged.score == pytest.approx(expected, abs=0.11)
    if red:  # what the cap took is a flag of its own
        capped = next(f for f in flagged.flags if f.code == "red-flag-cap")
        assert capped.penalty == pytest.approx(plain.score - cap, abs=0.2)
    for f in red:
        assert all(answer[s:e] for s, e in f.spans)


@pytest.mark.parametrize("missing", ["apologise", "restore"])
def test_a_missed_required_point_costs_a_share_of_the_score(incident, missing: str) -> None:
    drop = {"apologise": "然后代表公司真诚地道歉，", "restore": "马上回滚到上一个稳定版本，"}[missing]
    answer = STRONG_ZH.replace(drop, "")
    full = score(incident, STRONG_ZH)
    missed = score(incident, answer)
    assert not by_key(missed, missing).hit
    flag = next(f for f in missed.flags if f.code == "missed-required")
    assert flag.penalty == pytest.approx((1 - REQUIRED_KEEPS) * (missed.score + flag.penalty), abs=0.2)
    assert full.score - missed.score > flag.penalty  # the point's own credit is lost too
    assert f"point {missing}" in flag.message_en


def test_missed_required_is_reported_even_when_nothing_is_left_to_cost(incident) -> None:
    result = score(incident, OFF_TOPIC_ZH)
    assert result.score == 0
    flag = next(f for f in result.flags if f.code == "missed-required")
    assert flag.penalty == 0


# --- follow-ups --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (STRONG_ZH, None),  # nothing missed
        (PARTIAL_ZH, "compensate"),  # compensate and review both weight 1: ties break by key
        (STRONG_ZH.replace("另一组同事负责做根因分析，", ""), "rca"),
        (OFF_TOPIC_ZH, "restore"),  # required and heavy; `apologise` has no follow-up
        (STRONG_ZH.replace("最后一周内组织内部复盘，", ""), "review"),
    ],
)
def test_follow_up_for_picks_the_most_important_missed_point(
    incident, answer: str, expected: str | None
) -> None:
    scorer, question = incident
    follow_up = scorer.follow_up_for(question, scorer.score(question, answer))
    assert (follow_up.criterion if follow_up else None) == expected


def test_score_follow_up_scores_against_that_one_point(incident) -> None:
    scorer, question = incident
    on_point = "我会先让团队回滚到上一个稳定版本，如果回滚不了，就切换备用集群，先把客户的业务恢复起来。"
    off_point = "我会先向客户真诚地道歉，然后安排同事做根因分析，最后主动提出补偿。"
    good = scorer.score_follow_up(question, "restore", on_point)
    bad = scorer.score_follow_up(question, "restore", off_point)
    assert [c.key for c in good.criteria] == ["restore"] == [c.key for c in bad.criteria]
    assert good.score >= 70
    assert bad.score <= 10 and "off-topic" in codes(bad)


# --- robustness and determinism ------------------------------------------------------

_rng = random.Random(20240601)
WEIRD = {
    "empty": "",
    "whitespace": " \n\t\u3000 \r\n",
    "huge": ("我会先道歉，然后回滚版本，再做根因分析。" * 12_000)[:200_000],
    "huge-ascii": "a" * 200_000,
    "binary": bytes(_rng.randrange(256) for _ in range(20_000)).decode("utf-8", errors="replace"),
    "emoji": "😀🙏 我会道歉 🙇‍♂️ and roll back 🔙" * 5,
    "mixed-scripts": "Я извиняюсь。لقد أعدنا الخدمة。我会道歉 and roll back。ありがとう。한국어 복구",
    "control": "我会\x00道\x07歉\x1b[31m roll\x0bback\x7f\u200b\u202e",
    "lone-surrogate": "\ud800我会道歉\udfff roll back \ud800",
    "only-punctuation": "。，！？……——、；：“”‘’（）" * 20,
    "combining": "e\u0301" * 500 + "道歉",
    "long-line-no-breaks": "道歉" + "的" * 30_000,
}


@pytest.mark.parametrize("answer", list(WEIRD.values()), ids=list(WEIRD))
def test_no_input_raises_and_the_score_stays_in_range(incident, answer: str) -> None:
    result = score(incident, answer)
    assert 0 <= result.score <= 100
    assert_offsets_valid(result, answer)
    ScoreResult.from_dict(result.to_dict())


def test_very_long_answers_are_scored_on_their_start_and_flagged(incident) -> None:
    result = score(incident, WEIRD["huge"])
    assert "truncated" in codes(result)


@pytest.mark.parametrize("answer", [STRONG_ZH, PARTIAL_EN, KEYWORDS_ZH, WEIRD["binary"]])
def test_scoring_is_deterministic(incident, answer: str) -> None:
    scorer, question = incident
    fresh = Scorer(scorer.bank)
    assert scorer.score(question, answer) == scorer.score(question, answer)
    assert fresh.score(question, answer) == scorer.score(question, answer)


def test_result_survives_a_round_trip_through_a_dict(incident) -> None:
    result = score(incident, STRONG_ZH + "\n说到底这是客户的责任。")
    assert ScoreResult.from_dict(result.to_dict()) == result


def test_a_shared_rubric_point_has_a_prefixed_key(tmp_path: Path) -> None:
    from tests.helpers.bank_builders import rubric_data, write_yaml

    write_yaml(
        tmp_path / "rubrics" / "shared.yaml",
        rubric_data("shared.star", [criterion("result", ["结果是"], ["as a result"])]),
    )
    scorer, question = build(
        tmp_path,
        CRITERIA[:1],
        shared_rubrics=["shared.star"],
        follow_ups=[{"criterion": "shared.star:result", "prompt": {"zh": "结果呢？", "en": "Result?"}}],
    )
    result = scorer.score(question, "我会先向客户真诚地道歉，说明责任在我们。")
    assert [c.key for c in result.criteria] == ["apologise", "shared.star:result"]
    assert scorer.criterion_keys(question) == {"apologise", "shared.star:result"}
    follow_up = scorer.follow_up_for(question, result)
    assert follow_up is not None and follow_up.criterion == "shared.star:result"


def test_a_point_said_in_the_answers_own_words_earns_part_of_it(tmp_path: Path) -> None:
    crit = criterion("release-gate", ["发布检查清单"], ["release checklist"])
    crit["label"] = {"zh": "把发版检查加进流程", "en": "Adds release checks to the process"}
    crit["tip"] = {"zh": "每次发版前按清单检查配置和回滚方案。", "en": "Check the configuration and the rollback plan before every release."}
    other = criterion("apologise", ["道歉"], ["apologise"])
    scorer, question = build(tmp_path, [crit, other])
    said = "我推动团队以后每次发版之前，都要逐项检查配置和回滚方案，再上线。"
    result = scorer.score(question, said)
    point = by_key(result, "release-gate")
    assert point.hit and 0 < point.credit < 1
    (m,) = point.matches
    assert m.kind == "related" and m.phrase.startswith("≈ ")
    assert said[m.start : m.end] == m.text and "检查" in m.text
    rejected = scorer.score(question, "我不会每次发版之前都去检查配置和回滚方案。")
    assert not by_key(rejected, "release-gate").hit


# --- notes --------------------------------------------------------------------

NOTES_ZH = """- 电话：亲自打给客户负责人，听完他们的损失，代表公司真诚道歉，承认这次的责任在我们
- 技术：团队马上回滚到上一个稳定版本，先恢复业务，彻底修复放到后面再做
- 恢复后：另一组同事做根因分析，原因、影响范围和长期方案写成报告发给客户
- 补偿：按影响主动提出补偿方案，减免当月服务费用
- 一周内：组织内部复盘，改进发布流程和上线前的检查清单"""


def test_an_answer_written_as_notes_scores_at_most_the_notes_top(incident) -> None:
    result = score(incident, NOTES_ZH)
    assert "notes" in codes(result)
    assert result.score <= NOTES_TOP
    notes = next(f for f in result.flags if f.code == "notes")
    assert notes.penalty > 0
    # Every point is there: the cap is about how the answer is written, not what it covers.
    assert all(c.hit for c in result.criteria)


def test_notes_that_say_why_are_not_capped(incident) -> None:
    reasoned = NOTES_ZH.replace("先恢复业务", "先恢复业务，因为客户的生产线停着").replace(
        "改进发布流程", "改进发布流程，这样同类问题不会再出现"
    )
    result = score(incident, reasoned)
    assert "notes" not in codes(result)
    assert result.score > NOTES_TOP


def test_the_same_points_in_sentences_are_not_notes(incident) -> None:
    assert "notes" not in codes(score(incident, STRONG_ZH))


def test_terse_concrete_steps_earn_more_than_the_same_points_named_bare(incident) -> None:
    """A short clause that says what is done (an object, a when) is a step, not a named term:
    it earns part of the elaboration a full sentence would, and bare terms earn none."""
    steps = score(incident, "先回滚到上个版本；拉研发查日志；当面向客户道歉；按合同给费用减免；一周内复盘。")
    named = score(incident, "回滚。查日志。道歉。费用减免。复盘。")
    for key in ("restore", "rca", "apologise"):
        assert by_key(steps, key).credit > by_key(named, key).credit
    assert steps.score - named.score >= 15


def test_a_point_listed_among_buzzwords_earns_less_than_the_same_point_said(incident) -> None:
    """A point named as one term in a long run of 、 (a string of buzzwords) earns
    LISTED_CREDIT of it, whatever the sentence around the list says."""
    from mockroom.core.scorer import LISTED_CREDIT

    listed = score(incident, "处理这类事故我的关键词是：闭环、拉通、对齐、赋能、回滚、抓手、复盘。这些我都做得很好。")
    said = score(incident, "处理这类事故，我会先让团队回滚到上一个稳定版本，把客户的业务恢复起来。")
    assert by_key(listed, "restore").credit == pytest.approx(LISTED_CREDIT, abs=0.05)
    assert by_key(said, "restore").credit > 2 * by_key(listed, "restore").credit


def test_rejecting_most_of_what_is_named_keeps_less_than_the_affirmed_share() -> None:
    from mockroom.core.scorer import REJECTING_FROM, stance

    assert stance(REJECTING_FROM - 0.01) == 1.0
    assert stance(0.4) == pytest.approx(0.6)  # a minority rejected: the affirmed share
    assert stance(0.5) == pytest.approx(0.5)
    assert stance(0.75) < 0.25 / 1.5  # most rejected: less than the affirmed share
    shares = [i / 20 for i in range(21)]
    kept = [stance(s) for s in shares]
    assert all(a >= b for a, b in zip(kept, kept[1:], strict=False))


# --- generic: no concrete detail ---------------------------------------------


@pytest.mark.parametrize(
    ("answer", "detail"), [(STRONG_ZH, "一周内"), (STRONG_EN, "within a week ")], ids=["zh", "en"]
)
def test_an_answer_without_a_concrete_detail_keeps_less_of_its_score_above_a_pass(
    incident, answer: str, detail: str
) -> None:
    concrete, generic = score(incident, answer), score(incident, answer.replace(detail, ""))
    assert "generic" not in codes(concrete)
    flag = next(f for f in generic.flags if f.code == "generic")
    before = generic.score + flag.penalty
    assert generic.score == pytest.approx(GENERIC_FROM + (before - GENERIC_FROM) * GENERIC_KEEPS, abs=0.1)
    assert generic.score < concrete.score
    assert all(c.hit for c in generic.criteria)  # the points still stand: only the score is kept lower


def test_an_answer_below_a_pass_is_not_called_generic(incident) -> None:
    listed = score(incident, KEYWORDS_ZH)  # no figure either, but already far below a pass
    assert listed.score < GENERIC_FROM
    assert "generic" not in codes(listed)
