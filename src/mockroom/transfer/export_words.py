"""Every word the Markdown and HTML exports print, in Chinese and English.

An export is read by the candidate or sent by a coach, in the session's language (or the one
asked for with `mockroom export --lang`): no label, heading, status or verdict stays in
English in a Chinese export. Ids (track, mode, question, bank version) are not words for
people: they go to the appendix only.
"""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # the page
    "title": ("模拟面试记录：{name}", "Mock interview record: {name}"),
    "started": ("开始于 {when}", "started {when}"),
    "ended": ("结束于 {when}", "ended {when}"),
    "questions_n": ("{n} 道题", "{n} questions"),
    "questions_1": ("1 道题", "1 question"),
    "mean_final": ("平均得分 {score}", "mean score {score}"),
    "summary": ("教练总评", "Coach's overall comment"),
    "summary_by": ("{coach}，{when}", "{coach}, {when}"),
    "overview": ("总览", "Overview"),
    "col.question": ("题目", "Question"),
    "col.auto": ("自动评分", "Auto"),
    "col.coach": ("教练评分", "Coach"),
    "col.final": ("最终得分", "Final"),
    "col.time": ("用时（准备+作答）", "Time (prep + answer)"),
    "mean": ("平均", "Mean"),
    "graded_of": ("（{n}/{total} 题已打分）", " ({n} of {total} graded)"),
    "best_note": (
        "每题的得分取最佳一次作答（重答中分数最高的一次）；有教练评分时以教练评分为准。",
        "Each question counts its best attempt (the highest-scoring of its retries); "
        "a coach's score, where given, replaces the auto score.",
    ),
    # a question and its answers
    "result": ("本题结果：{label}，最终得分 {score}", "Result: {label}, final score {score}"),
    "kind.first": ("第一次作答", "First answer"),
    "kind.retry": ("重答 {n}", "Retry {n}"),
    "kind.follow_up": ("追问", "Follow-up"),
    "asked": ("提问：", "Asked:"),
    "prep": ("准备 {t}", "prep {t}"),
    "answer_time": ("作答 {t}", "answered in {t}"),
    "overtime": ("超时 {t}", "overtime {t}"),
    "pace.chars": ("{n} 字/分钟", "{n} characters/min"),
    "pace.words": ("{n} 词/分钟", "{n} words/min"),
    "answer": ("回答", "Answer"),
    "empty_answer": ("（未作答）", "(no answer)"),
    "scores": ("自动评分 {auto} · 教练评分 {coach}{by} · 最终得分 {final}",
               "Auto score {auto} · coach score {coach}{by} · final score {final}"),
    "coach_by": ("（{coach}）", " ({coach})"),
    "reviewed": ("已审阅，{when}", "reviewed {when}"),
    "not_reviewed": ("未审阅", "not reviewed"),
    "self_rating": ("自评 {n}/5", "self-rating {n}/5"),
    "col.point": ("要点", "Point"),
    "col.verdict": ("结论", "Verdict"),
    "col.auto_call": ("自动判定", "Scorer"),
    "col.evidence": ("依据", "Evidence"),
    "required": ("（必答）", " (required)"),
    "status.hit": ("命中", "met"),
    "status.missed": ("未命中", "missed"),
    "status.negated": ("被否定", "negated"),
    "by_coach": ("（教练判定）", " (coach)"),
    "match.approx": ("（近似）", " (close match)"),
    "flags": ("提示", "Flags"),
    "auto_flags": ("教练改判前自动评分的提示", "The scorer's flags before the coach's verdicts"),
    "cost": ("（−{n} 分）", " (−{n})"),
    "comments": ("评论", "Comments"),
    "comment_on": ("，针对“{passage}”", ", on “{passage}”"),
    "comment_head": ("{author}（{when}{on}）：", "{author} ({when}{on}): "),
    "dash": ("—", "—"),
    # the appendix
    "appendix": ("附录", "Appendix"),
    "ap.item": ("{label}：{value}", "{label}: {value}"),
    "ap.session": ("场次编号", "Session id"),
    "ap.track": ("方向", "Track"),
    "ap.mode": ("模式", "Mode"),
    "ap.lang": ("题目语言", "Prompt language"),
    "ap.questions": ("题目编号与题库版本", "Question ids and bank versions"),
    "ap.answers": ("回答编号（mockroom review SESSION -a 编号）",
                   "Answer labels (mockroom review SESSION -a LABEL)"),
    # names of things
    "track.support": ("技术支持", "Technical support"),
    "track.sales": ("销售与市场", "Sales & marketing"),
    "mode.practice": ("练习", "Practice"),
    "mode.interview": ("模拟面试", "Mock interview"),
    "mode.due": ("到期复习", "Due for review"),
    # modes older versions stored
    "mode.single": ("单题练习", "Single questions"),
    "mode.mock": ("完整模拟面试", "Full mock interview"),
    "state.open": ("进行中", "in progress"),
    "state.finished": ("已完成", "finished"),
    "state.abandoned": ("已放弃", "abandoned"),
    "lang.zh": ("中文", "Chinese"),
    "lang.en": ("英文", "English"),
}


def word(lang: str, key: str, **fields: object) -> str:
    """The text for `key` in `lang` ("zh", else English), fields filled in as given.

    The caller escapes fields for its format (Markdown or HTML) before passing them."""
    zh, en = WORDS[key]
    text = zh if lang == "zh" else en
    return text.format(**fields) if fields else text


def named(lang: str, kind: str, value: str) -> str:
    """A track's, mode's or state's name; one this release does not know shows as stored."""
    key = f"{kind}.{value}"
    return word(lang, key) if key in WORDS else value
