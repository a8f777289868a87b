"""Finding rubric phrases in answers: characters for Chinese, words for English.

Each case names a phrase, an answer, and the answer text the phrase should land
on (None: must not be found). Offsets are always checked against the answer as
the candidate typed it.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mockroom.core.matching import AnswerView, compile_phrase, with_synonyms
from mockroom.core.text import normalize


def found(phrase: str, answer: str) -> list[tuple[str, str]]:
    """(answer text at the match, kind) for every place `phrase` is found in `answer`."""
    view = AnswerView(answer)
    out = []
    for f in view.find(compile_phrase(phrase)):
        start, end = view.norm.orig(f.start), view.norm.orig(f.end)
        assert 0 <= start < end <= len(answer)
        out.append((answer[start:end], f.kind))
    return out


def first(phrase: str, answer: str) -> str | None:
    hits = found(phrase, answer)
    return hits[0][0] if hits else None


@pytest.mark.parametrize(
    ("phrase", "answer", "expected"),
    [
        ("道歉", "我会真诚地道歉。", "道歉"),
        # Both characters present, but never together: not the word.
        ("道歉", "我走在道路上，对此深表抱歉。", None),
        ("回滚", "先回到首页，再滚动到底部。", None),
        ("复盘", "盘点之后再复核。", None),
        # Whitespace and line breaks inside a Chinese phrase do not break it.
        ("道歉", "我会道 歉", "道 歉"),
        ("道歉", "我会道\n歉", "道\n歉"),
        ("恢复业务", "先把业务恢复，再说别的", None),
    ],
    ids=["exact", "chars-apart", "chars-apart-2", "chars-reversed", "space", "newline", "reordered"],
)
def test_chinese_matches_whole_phrases_not_single_characters(
    phrase: str, answer: str, expected: str | None
) -> None:
    assert first(phrase, answer) == expected


@pytest.mark.parametrize(
    ("phrase", "answer"),
    [
        ("复盘", "我们会复盆"),  # one wrong character, not a homophone
        ("回滚", "我们会回退"),
        ("SLA", "we upgrade the SLB"),
        ("fix", "the quick fox"),
        ("RCA", "an RCB report"),
        ("call", "a cell phone"),
    ],
)
def test_short_phrases_need_an_exact_match(phrase: str, answer: str) -> None:
    assert found(phrase, answer) == []


@pytest.mark.parametrize(
    ("phrase", "answer"),
    [
        ("根因分析", "我们会做根困分析。"),  # three of its four characters, one not a homophone
        ("数据安全法", "我们很重视数据安全。"),  # four of five
        ("客户成功经理", "客户成功了"),
    ],
)
def test_a_chinese_phrase_never_fires_on_part_of_its_characters(phrase: str, answer: str) -> None:
    assert found(phrase, answer) == []


@pytest.mark.parametrize(
    ("phrase", "answer", "expected", "kind"),
    [
        ("汇报进度", "我会定期汇报处理进度。", "汇报处理进度", "gapped"),
        ("同步进展", "每小时同步一次进展", "同步一次进展", "gapped"),
        ("补偿方案", "主动给出赔偿方案", "赔偿方案", "synonym"),
        ("回滚", "先回退到上一个版本", "回退", "synonym"),
        ("postmortem", "we run a blameless retrospective", "retrospective", "synonym"),
        ("<percent>", "留存从60%提到85%", "60%", "pattern"),
    ],
)
def test_paraphrases_reach_the_phrase_and_say_how(phrase: str, answer: str, expected: str, kind: str) -> None:
    view = AnswerView(answer)
    hits = [(answer[view.norm.orig(f.start) : view.norm.orig(f.end)], f.kind)
            for p in with_synonyms(phrase) for f in view.find(p)]
    assert hits[0] == (expected, kind)


@pytest.mark.parametrize(
    ("phrase", "answer"),
    [
        ("汇报进度", "我会汇报。进度每天更新"),  # the pieces in two clauses
        ("汇报进度", "进度我会汇报"),  # out of order
        ("汇报进度", "汇报这件事情非常重要的进度"),  # too far apart
    ],
)
def test_gapped_matches_stay_in_order_within_a_clause(phrase: str, answer: str) -> None:
    assert found(phrase, answer) == []


@pytest.mark.parametrize(
    ("phrase", "answer", "expected"),
    [
        ("根因分析", "我们会做跟因分析。", "跟因分析"),
        ("客户成功经理", "指派一位客户成功经里", "客户成功经里"),
        ("rollback", "We will do a rolback first.", "rolback"),
        ("rollback", "We will do a rollbakc first.", "rollbakc"),
        ("postmortem", "we hold a postmortam", "postmortam"),
        ("root cause analysis", "a root cause analyis", "root cause analyis"),
    ],
)
def test_longer_phrases_tolerate_a_typo(phrase: str, answer: str, expected: str) -> None:
    assert first(phrase, answer) == expected


@pytest.mark.parametrize(
    ("phrase", "answer"),
    [
        ("cloud", "clients could download their documents"),
        ("cloud", "so they could see it"),
        ("where", "there was no owner"),
    ],
)
def test_a_typo_is_never_a_common_word_spelled_right(phrase: str, answer: str) -> None:
    assert first(phrase, answer) is None


@pytest.mark.parametrize(
    ("phrase", "answer", "expected"),
    [
        ("apologise", "I apologize to them", "apologize"),
        ("apologise", "we apologised at once", "apologised"),
        ("root cause", "the root causes were", "root causes"),
        ("review", "she reviews it", "reviews"),
        ("roll back", "we rollback the release", "rollback"),
        ("roll back", "we roll it back", "roll it back"),
    ],
)
def test_english_inflections_and_joined_spellings(phrase: str, answer: str, expected: str) -> None:
    assert first(phrase, answer) == expected


@pytest.mark.parametrize(
    ("phrase", "answer", "expected"),
    [
        ("SLA", "升级 ＳＬＡ 条款", "ＳＬＡ"),
        ("SLA升级", "我们做ＳＬＡ升级", "ＳＬＡ升级"),
        ("30分钟内", "３０分钟内给出确认", "３０分钟内"),
        ("30分钟内", "30分钟内给出确认", "30分钟内"),
        ("SLA upgrade", "an sla UPGRADE", "sla UPGRADE"),
        ("rollback", "a ROLLBACK now", "ROLLBACK"),
        ("ＲＣＡ", "write an rca", "rca"),
        ("Root Cause", "the ROOT cause", "ROOT cause"),
    ],
)
def test_width_and_case_do_not_matter(phrase: str, answer: str, expected: str) -> None:
    assert first(phrase, answer) == expected


@pytest.mark.parametrize(
    ("phrase", "answer", "expected"),
    [
        ("道歉", "到歉", "到歉"),
        ("道歉", "我会倒歉", "倒歉"),
        ("道歉", "道欠", "道欠"),
        ("同步进展", "每小时同步近展", "同步近展"),
        ("不推诿", "绝不推委", "不推委"),
    ],
)
def test_pinyin_homophone_typos_count(phrase: str, answer: str, expected: str) -> None:
    assert found(phrase, answer) == [(expected, "pinyin")]


def test_private_use_characters_in_an_answer_never_pass_for_sounds() -> None:
    from mockroom.core.matching import sounds

    heard = sounds("道歉")  # the private-use characters that stand for dao and qian
    assert found("道歉", heard) == []
    assert found("道歉", f"到{heard[1]}") == []
    assert found("道歉", f"{heard}到歉") == [("到歉", "pinyin")]


@pytest.mark.parametrize(("phrase", "answer"), [("道歉", "到欠"), ("道歉", "倒欠"), ("回滚", "会棍")])
def test_two_wrong_characters_of_a_two_character_phrase_are_another_word(
    phrase: str, answer: str
) -> None:
    assert found(phrase, answer) == []


@pytest.mark.parametrize(
    ("phrase", "answer", "expected"),
    [
        ("道歉", "ﬁ道歉", "道歉"),  # 'ﬁ' ligature: one character, two after NFKC
        ("道歉", "ﬁﬁﬁ then 道歉", "道歉"),
        ("SLA", "ﬁ ＳＬＡ", "ＳＬＡ"),
        ("SLA upgrade", "ﬁﬁ ＳＬＡ ｕｐｇｒａｄｅ", "ＳＬＡ ｕｐｇｒａｄｅ"),
        ("道歉", "㍿㍻ 道歉", "道歉"),  # squared CJK abbreviations expand to 2-4 characters
        ("道歉", "😀🙂 道歉", "道歉"),  # astral characters are one str index each
        ("rollback", "İ then rollback", "rollback"),  # lower() turns İ into two characters
        ("道歉", "가 道歉", "道歉"),  # conjoining jamo: NFKC merges two into one
        ("apologise", "café, then apologise", "apologise"),
    ],
)
def test_offsets_point_into_the_original_answer(phrase: str, answer: str, expected: str) -> None:
    assert first(phrase, answer) == expected


def test_offsets_survive_an_expansion_and_a_composition_that_cancel_out() -> None:
    """'ﬁ' grows by one character under NFKC and 'e' + U+0301 would shrink by one: the lengths
    of the whole string agree, yet offsets in between differ (a regression seen by this suite)."""
    assert first("道歉", "ﬁ 道歉 e\u0301") == "道歉"
    assert first("apologise", "e\u0301 apologise ﬁ") == "apologise"


def test_a_one_word_phrase_finds_its_split_and_hyphenated_spellings() -> None:
    """The reverse of 'roll back' finding 'rollback' (a regression test: this once failed)."""
    assert first("rollback", "we roll back the release") == "roll back"
    assert first("rollback", "a roll-back") == "roll-back"
    assert first("postmortem", "a post-mortem") == "post-mortem"


def test_plurals_in_ies_are_folded() -> None:
    """'apology' finds 'apologies' (a regression test: the stemmer once missed -y/-ies)."""
    assert first("apology", "we offered our apologies") == "apologies"
    assert first("policy", "the refund policies") == "policies"


def test_many_occurrences_are_capped() -> None:
    hits = found("道歉", "道歉" * 100)
    assert 1 <= len(hits) <= 10


@pytest.mark.parametrize(
    "text",
    ["plain ascii", "ＳＬＡ３０", "ﬁ道歉", "İstanbul", "e\u0301", "😀", "\ud800", "", "\x00\x1b"],
)
def test_normalize_maps_every_character_back(text: str) -> None:
    n = normalize(text)
    positions = [n.orig(i) for i in range(len(n.text) + 1)]
    assert positions == sorted(positions)
    assert all(0 <= p <= len(text) for p in positions)
    assert n.orig(len(n.text)) == len(text)


def _folded_one_by_one(text: str) -> tuple[str, tuple[int, ...] | None]:
    """The definition of `normalize`: NFKC then lower case, character by character, then
    traditional to simplified."""
    import unicodedata

    from mockroom.core.t2s import convert

    out: list[str] = []
    to_orig: list[int] = []
    for i, ch in enumerate(text):
        folded = unicodedata.normalize("NFKC", ch).lower()
        out.append(folded)
        to_orig += [i] * len(folded)
    simplified = convert("".join(out))
    assert simplified.to_source is None  # these cases keep their length
    return simplified.text, None if len(to_orig) == len(text) else tuple(to_orig)


@pytest.mark.parametrize(
    "text",
    [
        "已经是 NFKC 的中文 With Capitals.",  # the lower-casing shortcut
        "全角标点，：；！？（）　With Capitals，ＳＬＡ",  # common full-width punctuation, then not
        "ΟΔΟΣ ΣΑΣ σς",  # capital sigma: lower() of a whole string depends on context
        "İstanbul 道歉",  # lower-cases to two characters
        "e\u0301 \u1100\u1161 \u0344",  # composes, or never appears in NFKC
        "ＳＬＡ３０ ﬁ Ⅻ ㍱ \uf900",  # compatibility forms
        "\u00c5 \u212b \u0958 ǅ",  # canonical singletons, exclusions, title case
    ],
)
def test_normalize_folds_each_character_on_its_own(text: str) -> None:
    n = normalize(text)
    assert (n.text, n.to_orig) == _folded_one_by_one(text)


@pytest.mark.parametrize(
    ("phrase", "answer", "expected"),
    [
        # Irregular verb forms fold to their base.
        ("hear out", "I heard him out before saying anything.", "heard him out"),
        ("take ownership", "I took ownership of the outage.", "took ownership"),
        ("take ownership", "Taking ownership mattered most.", "Taking ownership"),
        ("hold a review", "We held a review the next week.", "held a review"),
        # A phrasal verb split around its object.
        ("roll back", "We rolled the customer's two sites back.", "rolled the customer's two sites back"),
        # Pronouns are not what a phrase says: "hear them out" is found for "her".
        ("hear them out", "I heard her out first.", "heard her out"),
        # A phrase is said within one clause: its words never straddle a comma.
        ("roll back", "We had to roll, back then it was risky.", None),
        ("check the logs", "We did a check, the logs came later.", None),
        # "note" is not "not".
        ("status note", "This is not a status update.", None),
    ],
)
def test_english_inflections_phrasal_verbs_and_clauses(phrase: str, answer: str, expected: str | None) -> None:
    assert first(phrase, answer) == expected


@pytest.mark.parametrize(
    ("phrase", "answer", "expected"),
    [
        ("access", "客户名单只给两个人access，其他人看不到。", "access"),
        ("approval", "export都要approval并留log", "approval"),
        ("log", "export都要approval并留log", "log"),
        ("masking", "敏感字段做masking再导出", "masking"),
        # ASCII word boundaries still hold next to Chinese characters.
        ("log", "先看blog再说", None),
        ("access", "accessible的页面", None),
    ],
)
def test_english_terms_inside_chinese_are_found_at_word_boundaries(
    phrase: str, answer: str, expected: str | None
) -> None:
    assert first(phrase, answer) == expected


@given(st.text(alphabet=st.sampled_from("道歉回滚 \t\n\u3000\u00a0ab1，")))
def test_each_character_without_whitespace_maps_back_to_its_place(text: str) -> None:
    view = AnswerView(text)
    assert view.compact == "".join(view.text.split())
    assert [view.text[i] for i in view._offsets] == list(view.compact)
    assert all(not view.text[i].isspace() for i in view._offsets)
