"""Stock phrases: the evaluative and value words an answer can be made of without saying
anything an interviewer could check or picture ("高度重视", "以客户为中心", "始终秉承",
"customer-centric", "deliver real value", "a growth mindset").

They are not wrong in an answer; they are empty on their own. The scorer uses them twice:
the words beside a point's phrase that make the point "explained" leave them out (a
sentence of stock phrases explains nothing), and an answer made largely of them is flagged
as vague and loses points in proportion. Each entry is a phrase an interviewer would call
boilerplate in any answer to any question, not a word taken from one answer; a word that
says an action or a fact in some answers (沟通, 复盘, roll back) is not one.

The text looked at is the normalised answer (lower case, simplified Chinese).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import ahocorasick

ZH = (
    # Stances and values, said of oneself or the team.
    "以客户为中心", "客户至上", "客户第一", "用户至上", "用户第一", "把客户放在第一位", "把客户的事当成自己的事",
    "高度重视", "非常重视", "十分重视", "认真对待", "认真负责", "积极主动", "积极进取", "积极乐观", "积极",
    "主动性", "负责任", "态度", "心态", "理念", "秉承", "始终", "一直坚持", "坚持", "不断", "持续", "充分",
    "良好", "高效", "有效", "用心", "诚意", "真诚", "真心", "热情", "努力", "共同努力", "相互理解", "相互配合",
    "齐心协力", "精诚合作", "拧成一股绳", "形成合力", "心往一处想", "劲往一处使", "同舟共济", "担当", "温度",
    "初心", "匠心", "情怀", "敬业", "专业", "职业素养", "服务意识", "服务理念", "责任心", "责任感", "使命感",
    "正能量",
    # Importance, without saying why.
    "非常重要", "至关重要", "很重要", "重要性", "重要的", "关键的", "关键在于", "最关键的是", "最重要的是",
    "重中之重", "本质上", "说到底", "归根结底", "核心在于",
    # Outcomes in general words.
    "价值", "双赢", "共赢", "满意", "信赖", "认可", "让客户感受到", "让对方感受到", "让用户感受到", "感受到我们的", "圆满", "取得了成功", "重重困难", "很大的提升",
    "得到了提升", "得到了锻炼", "收获很大", "受益匪浅", "深刻体会", "深刻认识", "共同成长", "长远发展",
    "长期发展", "可持续发展", "机遇", "化危为机", "迎刃而解", "事半功倍", "水到渠成", "腾飞", "助力", "赋能",
    "提质增效", "降本增效",
    # Qualities claimed.
    "团队合作", "团队精神", "合作精神", "沟通能力", "学习能力", "抗压能力", "执行力", "综合素质", "丰富的经验",
    "进取", "上进", "善于", "全局观", "大局观", "注重细节", "精益求精", "追求卓越", "以诚待人", "踏实肯干",
    "吃苦耐劳", "脚踏实地", "解决问题的能力", "适应能力", "性格开朗", "开朗", "乐于助人", "有责任心",
    "提升了自己", "锻炼了自己",
    # Management boilerplate.
    "科学性", "合理性", "可操作性", "科学合理", "有的放矢", "高度一致", "保持一致", "战略目标", "战略高度",
    "全方位", "多维度", "全面", "深入", "切实", "抓手", "服务质量", "不断提升", "持续改进", "持续优化",
    "进一步", "更好地", "更加", "落到实处", "统筹兼顾", "有序推进", "稳步推进", "体系化", "精细化",
    # Management jargon: names a framework, not what was done (打通, 闭环 and 拉通 are not here:
    # they can say an action, "打通了两个系统的数据", and rubrics use them).
    "顶层设计", "底层逻辑", "全链路", "颗粒度", "组合拳", "方法论", "心智", "护城河", "势能",
    "结果导向", "全面落地", "从战略到执行", "北极星", "反哺", "触达", "托底", "价值对齐", "可复制",
    "打法", "颠覆", "引爆", "破圈", "升维", "降维打击", "协同效应", "全生命周期", "一站式", "拉齐",
    "以终为始", "全局视角", "飞轮", "全域", "触点", "关键链路", "可规模化", "打透", "共创", "认知升级",
    "长期主义", "第一性原理", "底层能力", "云原生", "全面拥抱", "拥抱", "智能化", "平台化", "深度融合",
    "提质提速", "组织能力", "ai驱动", "ai 驱动",
    # Fillers of speech.
    "总之", "总而言之", "综上所述", "我认为", "我觉得", "我相信", "相信", "一定能", "一定会",
    "这个问题非常好", "非常", "十分", "特别", "真正",
)
EN = (
    "customer-centric", "customer-first", "customer centric", "customer obsessed", "at the heart of",
    "put the customer first", "proactive", "empathetic", "passion", "passionate", "dedication", "dedicated",
    "growth mindset", "mindset", "can-do attitude", "positive attitude", "hard-working", "hardworking",
    "team player", "people person", "self-motivated", "detail-oriented", "results-driven", "results-oriented",
    "above and beyond", "thrive", "fast-paced", "problem solver", "enthusiasm", "enthusiastic", "excited",
    "meaningful contribution", "make a difference",
    "really important", "very important", "important", "essential", "crucial", "vital", "paramount",
    "comes down to", "at the end of the day", "first and foremost",
    "always", "truly", "really", "very", "genuinely", "absolutely", "deeply", "effectively", "efficiently",
    "seamlessly", "consistently",
    "real value", "add value", "adding value", "deliver value", "create value", "value-add", "win-win",
    "strong relationships", "build relationships", "building relationships", "long-term partnerships",
    "long-term partnership", "aligning", "alignment", "aligned", "shared goals", "common goals", "same page",
    "vision", "mission", "synergy", "synergies", "holistic", "best practices", "excellence", "world-class",
    "innovative", "leverage", "empower", "empowering", "make an impact", "make a real impact", "real impact",
    "exceed expectations", "exceeding expectations", "going forward", "ultimately", "keep moving forward",
    "never stop improving", "continuous improvement", "committed", "commitment", "i believe", "i think",
    "i feel", "i'm confident", "great question", "everyone involved", "every voice is heard",
    "working together", "one team", "opportunity", "opportunities",
    "move the needle", "low-hanging fruit", "paradigm shift", "game changer", "game-changer",
    "best-in-class", "cutting-edge", "state-of-the-art", "360-degree",
    "co-create", "co-creation", "unlock value", "mutual value", "touchpoint", "touchpoints", "future-proof",
    "closing the loop", "operationalising", "operationalizing", "de-risk", "north star", "circle back",
    "double down", "thought leadership", "next-level", "actionable insights", "drive alignment",
    "value-driven", "impactful", "holistically", "outcome-driven", "at scale", "cloud-native", "fail-fast",
    "fail fast", "agility", "unlocks", "maximise value", "maximize value", "future-proofing",
)


def _automaton(phrases: tuple[str, ...]) -> ahocorasick.Automaton:
    """Reports each phrase found with its length."""
    automaton = ahocorasick.Automaton()
    for phrase in phrases:
        automaton.add_word(phrase, len(phrase))
    automaton.make_automaton()
    return automaton


_ZH = _automaton(ZH)
_EN = _automaton(EN)


def spans(text: str) -> Iterator[tuple[int, int]]:
    """Where the stock phrases of the normalised text are, in order (Chinese first, then
    English: the two never overlap, one being CJK and the other Latin)."""
    yield from _zh_spans(text)
    if re.search("[a-z]", text):
        yield from _en_spans(text)


def _en_spans(text: str) -> list[tuple[int, int]]:
    """The English stock phrases as whole words, found as `_zh_spans` finds the Chinese ones:
    what a regular expression of them all (`\\b(?:...)\\b`, longest first) finds, without the
    ~1 ms it took to compile at every start; tests check the two agree. Every phrase starts
    and ends with a word character, so a whole word has none beside it."""
    longest: dict[int, int] = {}
    for last, size in _EN.iter(text):
        start = last - size + 1
        if not (_is_word(text, start - 1) or _is_word(text, last + 1)):
            longest[start] = max(size, longest.get(start, 0))
    return _leftmost(longest)


def _is_word(text: str, i: int) -> bool:
    """Whether text[i] is a word character as `\\w` reads it (off either end: no)."""
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")


def _zh_spans(text: str) -> list[tuple[int, int]]:
    """The Chinese stock phrases, as a regular expression of them all, longest first, finds
    them: from left to right, the longest phrase starting at each place, never overlapping.
    An automaton finds every one in a pass (a regular expression tried ~60 phrases at every
    character, and took ~1 ms to compile at each start); tests check the two agree."""
    longest: dict[int, int] = {}
    for last, size in _ZH.iter(text):
        start = last - size + 1
        longest[start] = max(size, longest.get(start, 0))
    return _leftmost(longest)


def _leftmost(longest: dict[int, int]) -> list[tuple[int, int]]:
    """From left to right, the longest phrase at each start (`longest`: start -> size), never
    overlapping: what `re.finditer` gives for an alternation of phrases, longest first."""
    out: list[tuple[int, int]] = []
    for start in sorted(longest):
        if not out or start >= out[-1][1]:
            out.append((start, start + longest[start]))
    return out


def only_stock(text: str) -> bool:
    """Whether the normalised `text` is made of stock phrases and spaces only."""
    covered = [False] * len(text)
    for s, e in spans(text):
        covered[s:e] = [True] * (e - s)
    return any(covered) and all(c or ch.isspace() for c, ch in zip(covered, text, strict=True))
