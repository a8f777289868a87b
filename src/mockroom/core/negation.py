"""Is a matched phrase being rejected ("我不会道歉", "we would not roll back")?

The text is the normalised answer (lower case, simplified Chinese). Within the clause of
the match (a list joined by 、 or 和 stays one clause: "优惠券和折扣我都不会给"):

- before it, after the last contrast (但/而是/but/instead), a negation cue close enough to
  reach it (不 会一上来就 道歉; "would not offer a discount or store credit");
- in the next clause of the same sentence, a refusal ("有人提议先上线再补测试，我没同意");
- after it, the topic-first rejection Chinese uses ("补偿我不会主动提", "加密我们没做",
  "复盘、培训都没做") and dismissals ("...没必要", "...is not an option", "felt like overkill");
- inside a fuzzy match, a cue the phrase itself does not hold.

Words that hold a cue but do not reject anything are removed first: 不满 and 不便 (nouns),
不到半小时 and "no later than" (limits), 毫不犹豫 and "never fail to" (double negatives),
特别/分别/级别 and 未来 (other words). A negated result is not a rejected action: in
"确保不再发生" and "make sure it never happens again" the action is affirmed.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from mockroom.core.reported_advice import ReportedAdvice
from mockroom.core.text import CJK_RUN, SENTENCE_BREAK, is_past_form

ZH_WINDOW = 8
"""Characters between a Chinese cue and the match it reaches (不会一上来就 道歉)."""
EN_WINDOW_WORDS = 6
"""Words between an English cue and the match it reaches (not offer a discount or store credit)."""

_CLAUSE_BREAKS = re.compile(r"[。！？!?；;\n，,：:（）()—–]+|\.(?!\d)|\s-+\s")
"""Where a negation's reach ends: punctuation, and a dash between words ("a person calls
them - we never just send a link"). Not 、 : the items of a list share their clause."""

_HYPOTHETICAL = re.compile(r"如果|假如|要是|万一|若是|一旦|\b(?:if|unless|in case)\b")
"""A condition ("如果回滚不了", "if we don't roll back, ...") weighs an option; it rejects nothing."""

# Chinese -------------------------------------------------------------------------------
_ZH_NOT_NEGATIONS = re.compile(
    "|".join(
        [
            # A cue inside another word.
            "不仅", "不只", "不但", "不断", "不管", "不论", "不少", "不久", "不同", "不停", "不错",
            "不过", "不妨", "不外乎", "不可或缺", "不遗余力", "不惜", "不计", "不打折扣", "不间断",
            "不定期", "不时", "不再犹豫", "无论", "无缝", "无损", "无误", "无疑", "无限", "无数",
            "无一例外", "无微不至", "没多久", "没用多久", "没用多少", "未来", "未雨绸缪",
            "特别", "分别", "级别", "区别", "识别", "类别", "个别", "告别", "差别", "辨别", "甄别", "别人",
            "别的", "并行", "并且", "合并", "避免不了", "没问题", "(?<![跟和与们我持])没关系", "没想到",
            # Nouns and adjectives of state, not refusals of an action.
            "不满", "不便", "不足", "不当", "不安", "不良", "不利", "不快", "不愉快", "不稳定", "不确定",
            "不一致", "不到位", "不及时", "不清楚", "不知道", "不了解", "不明白", "不透明", "不合理", "不规范", "不明确", "不可用",
            "不可控", "不信任", "不靠谱", "不必要的损失", "不行", "不成功", "不奏效", "不管用", "不见效",
            "不难", "不复杂",
            # How something is done, not what is refused: 只听不辩解, 认真听不打断.
            "不辩解", "不争辩", "不打断", "不插话", "不找借口", "不推脱", "不甩锅", "不抢话",
            # Limits: within half an hour, no more than.
            "不到[0-9一二两三四五六七八九十半几]", "不超过", "不晚于", "不少于", "不低于", "不高于",
            "不迟于", "最迟不",
            # A hedged statement of fact, not a refusal: 开单的人不一定是需求方.
            "不一定是", "未必是", "不见得是",
            # A dismissal denied: 绝不是走过场, 一点也不虚.
            "(?:不|并非|绝非|并不)(?:是)?(?:形式主义|走过场|走形式|做样子|摆设|鸡肋|虚的?)",
            # Double negatives and negations of hesitation: they affirm.
            "毫不(?:犹豫|拖延|含糊|保留|掩饰|迟疑|避讳|推诿)", "不得不", "不能不", "不会不", "没有不",
            "不犹豫", "不拖延", "不含糊", "不耽误", "马不停蹄",
            # A condition: 没有就新建 (if there is none, create one), 没有的话.
            "没有?(?:的话)?就", "没有的话",
            # Questions: 要不要, 是不是, 有没有 (\w for the character: see _ZH_TOPIC_REJECTED).
            "(\\w)[不没]\\1",
        ]
    )
)
_ZH_CUE = re.compile(
    "不|没|别|无需|无须|无法|无|未|勿|拒绝|避免|绝非|并非|从未|省掉|省去|省略|跳过|略过|去掉|砍掉|免去|取消"
)
_ZH_CONTRAST = re.compile("但是|但|而是|却|可是|然而|只是|反而")
_ZH_NEXT_STEP = re.compile("所以|因此|然后|于是|接着|随后|而且|并且|同时")
"""A connective that starts the next step: a cue before it does not reach past it
(我们没做好，所以我亲自道歉 has no comma to stop it in speech-like answers)."""
_ZH_RESULT = re.compile("(确保|保证|以免|免得|以防|为了|争取|让|使|使得|做到|尽量|力争|防止)[^，。；]{0,6}$")
"""A purpose before a cue: what is negated is a result, not the action ("确保不再发生")."""

_ZH_MODIFIER_THEN_SUBJECT = re.compile("(?:的[^我咱]{0,4}|[那这][^我咱]{1,4})(?:我|咱们)")
"""A cue inside what describes the topic, then who acts on it: in 未达标的部分我会讲清楚原因,
没达标那块我会解释 and 没做好的地方我们认，未 and 没 describe the part, and the action after 我
is affirmed."""
_ZH_EXCESS = re.compile("太多|过多|太杂|太满|那么多|一大堆|太长|太复杂|过于")
"""What is refused is too much of it, not it: 一张图不要用太多颜色 is advice on colour."""
_ZH_SUBJECT = "(?:我|我们|咱们|你|你们|他们|团队|公司|大家|这个|这些|这点|这一步|这块|这类)?"
_ZH_ADVERBS = "(?:也|都|就|是|则|还|并|一般|通常|根本|绝对|肯定|从来|暂时|先|完全|压根|其实|一律|一概|基本|当然)*"
_ZH_TOPIC_TAIL = (
    "(?:处理|工作|方面|这块|这一块|环节|部分|这一步|的事|这件事|计划|安排|方案|内容|信息|材料)?"
    "(?:(?:这些|这类|这种|之类的?|什么的|等)(?:事情|事|问题|东西|内容|环节)?)?"
)
_ZH_LIST_MORE = "(?:(?:、|和|与|及|以及|或|或者|还有|跟)[^、和与及或跟，。；不没]{1,8})*"
_ZH_PLACE = "(?:在[^，。；、不没]{1,6}?(?:里|中|上|内|期间|阶段))?"
"""Where it was not done, before or after who: 加密在我们项目里都没做, 审计在试点阶段我们没有做."""
_ZH_TOPIC_REST = "(?:[^、和与及或跟，。；不没我你他这那]{1,4}?(?=我|你|他们|这))?"
"""The rest of a topic word the match is the start of, when who rejects it comes next:
根因[分析]我一般不做, 组织[上的问题]我也不会去想."""
_ZH_TOPIC_REJECTED = re.compile(
    f"^{_ZH_LIST_MORE}{_ZH_TOPIC_REST}{_ZH_TOPIC_TAIL}{_ZH_SUBJECT}{_ZH_PLACE}{_ZH_SUBJECT}{_ZH_ADVERBS}"
    "(?:不会|不用|不做|不提|不给|不必|无需|不要|不打算|不考虑|不需要|不搞|不写|不说|不讲|不管|不去"
    "|不(?:放|写|列|加)(?:进|入)"
    "|没做|没有做|没搞|没有|就算了|算了|免了|省了|省掉|省去|去掉|砍掉|取消|略过|跳过|省略"
    "|(?:不|没|未)\\w{1,2}了?$)"
)
"""The topic named first, then rejected: 补偿我不会主动提, 加密我们没做, 复盘、培训都没做,
权限、加密在项目里都没做.
A bare 不/没 only when the clause ends soon after (补偿不给): in 复盘不追究个人责任 it negates
another verb. `\\w` stands for the characters of the clause: a class of the CJK block would
cost about 1 ms to compile in every process that scores, for the same clauses."""
_ZH_OTHERS = "(?:他们|别人|领导|老板|上面|销售|研发|开发|产品|客户|法务|运维|咨询|市场|财务|交付|实施)"
"""Whose job a candidate says a thing is when it is not theirs."""
_ZH_NOT_OUR_JOB = (
    "(?:(?:不是|不归|轮不到)[^，。；]{0,6}?(?:该|应该|需要|要)(?:干|做|管|操心|负责|考虑)的?(?:事)?"
    "|不是我(?:们)?的(?:活|事)|不关我(?:们)?的事|不归我(?:们)?管|(?:是)?他们(?:内部|自己)的事|没必要去管"
    "|是[^，。；不没我]{0,8}?(?:部门|团队|客户自己|他们自己)的事"
    f"|是{_ZH_OTHERS}[^，。；不没我]{{0,6}}?(?:(?:该|应该|要|去)(?:操心|管|考虑|负责|关心)的|的事)"
    "|(?:跟|和|与)(?:我|我们|咱们|技术支持|支持)(?:都)?(?:没|没有)(?:什么|啥)?关系)"
)
"""Not someone's job: 这不是技术支持该干的, 也不是我们该操心的, 这些不是我的活, 这是他们内部的事,
那是交付部门的事, 那是客户自己的事, 那是销售该操心的, 那是他们领导的事, 跟我们没关系."""
_ZH_VERDICT = (
    "(?:没有?必要|不需要|不必要?|(?:不是|并非)重点|不重要|没那么重要|多余|不考虑"
    "|算了|免了|用不上|没(?:什么|啥)?用|没(?:什么|啥)?(?:意义|价值)|(?:意义|用处|作用|帮助)(?:也|都|并)?不大|可有可无"
    "|形式主义|官僚主义?|走(?:个)?(?:过场|形式)|走个流程|做样子|摆设|鸡肋|华而不实|纸上谈兵|不切实际|不(?:太|怎么)?(?:实用|现实)"
    "|白(?:做|问|费)|不认同|不可取|浪费时间|耽误(?:时间|事)|拖后腿|添乱"
    "|(?:是|就是)?最危险|是大忌|要不得|是错(?:误)?的|是不对的|千万不能|绝对不能|不能这样"
    f"|{_ZH_NOT_OUR_JOB}"
    "|不值得|(?:根本|并)?不在乎|无所谓|(?:只会)?拖慢|能省(?:就|则)省|能免(?:就|则)免|多此一举|画蛇添足|小题大做|杀鸡用牛刀|钻牛角尖"
    "|(?<!我)想(?:得)?(?:太)?多了|(?<!我)多虑了|太(?:慢|麻烦|重|贵|复杂|费劲|折腾|虚|理想化|理论|学术|死板)|(?:很|都|挺|就是|是)+虚的?|虚头巴脑)"
)
"""A verdict that what was just named is useless, wrong or not worth it."""
_ZH_DISMISSED = re.compile(
    f"^(?:[^、和与及或跟，。；]{{0,6}}(?=、|和|与|及|或))?{_ZH_LIST_MORE}.{{0,10}}?{_ZH_VERDICT}"
)
"""A topic (or a list of them, the match in any item) then a verdict that it is useless:
复盘没什么用, 跟客户一起定指标、做需求分析这些流程都太虚了, 审计、培训这些是形式主义."""
_ZH_IDEA_VERDICT = (
    "(?:有点|有些)?(?:太(?:理论|理想化|虚|学术)了?|纸上谈兵|不(?:太|怎么)?(?:实用|现实)|不切实际"
    "|没(?:什么|啥)?用|没(?:有)?必要|(?:意义|用处)不大|(?:适合|属于)学术(?:研究)?|是形式主义|(?:也|都)?不值得"
    "|(?:都|就|全)?是虚的)"
)
"""Verdicts on an idea rather than on how a thing went: "但太理论了" dismisses what was just
named, where "回滚了，但太慢了" only complains."""
_ZH_SCOPE = "(?:在[^，。；不没]{1,6}?(?:上|里|中)|对[^，。；不没]{1,6}?(?:来说|而言))?"
"""Where a verdict holds, between who judges and the verdict: 我觉得在销售岗位上意义不大."""
_ZH_REFUSED_NEXT = re.compile(
    "^(?:但|可是|可|不过)?(?:说实话|老实说|坦白说|其实|说到底|说白了|讲白了|讲来讲去|说来说去|归根到底)?(?:"
    "(?:我|我们|我们团队)?(?:个人)?(?:当时|坚决|直接|都|并|一直|也)?"
    "(?:没同意|不同意|没有同意|拒绝了|没答应|没有答应|否决了|反对|没采纳|没有采纳|没接受|没有接受|顶住了|没让"
    "|不(?:太|怎么)?(?:认同|赞同|赞成|认可|买账)|不信这(?:一)?套|不吃这(?:一)?套|不以为然"
    "|不(?:会|打算|准备)(?:照着?|按(?:这|那)(?:个|套)?)(?:做|办|执行|落实|照搬|来))"
    # Who judges, or what is judged, then the verdict (one copy of it: each costs ~1 ms to compile).
    "|(?:(?:我|我们)?(?:个人)?(?:也)?(?:觉得|认为)(?:这些|这套|它们|这个|那些|这样)?(?:(?:客户|用户|老板|领导)们?|他们|大家)?"
    f"(?:都|其实|也)?{_ZH_SCOPE}(?:有点|有些|挺)?(?:是[^，。；不没]{{0,6}}?)?"
    "|(?:这些|那些|这套|它们|这种|这类)[^，。；不没]{0,4}?(?:我|我们)?(?:个人)?(?:觉得|认为)?(?:都|其实|也|更|只)?"
    f"(?:是|就是)?)(?:{_ZH_VERDICT}|{_ZH_IDEA_VERDICT})"
    f"|(?:这|那)?(?:也|都)?(?:{_ZH_IDEA_VERDICT}|{_ZH_NOT_OUR_JOB}))"
)
"""A proposal, or what the textbook says, turned down in the next clause: 有人提议先上线再补测试，
我没同意; 书上讲事件管理、变更管理这些，但说实话我不认同; 先写假设、算样本量，说实话那些更适合学术研究;
柱状图、饼图，这些区分我觉得意义不大; 写回滚方案，我觉得太慢了; 这种说法我知道，但太理论了."""

# English -------------------------------------------------------------------------------
_LATIN = re.compile("[a-z]")
"""The text is lower case: an English cue needs some of these letters."""
_EN_NOT_NEGATIONS = re.compile(
    # A dismissal denied ("not just box-ticking", "never a waste of time"), before "not just".
    r"\b(?:(?:not|never|isn't|aren't|wasn't|weren't)\s+(?:just\s+)?(?:a formality|overrated|useless|pointless|"
    r"a waste|overkill|red tape|box-ticking|for show|a luxury|bureaucra\w*|academic|theoretical)|"
    r"not only|not just|no later than|no more than|no less than|no matter|nothing but|"
    r"without (?:delay|fail|hesitation|hesitating)|never (?:fail(?:s|ed)?|hesitate[sd]?|forg[eo]t|let (?:us|me|them|anyone) down)|"
    r"(?:not|never|don't|won't) (?:hesitate|forget|fail|omit|skip|(?:leave|leaves|left) out)|no doubt|not to mention|"
    r"no-blame|no blame|non-\w+|whether or not|(?:won't|will not|wouldn't|don't|do not|not) stop until|"
    r"can't help but|cannot help but|not without)\b"
)
_EN_CUE = re.compile(
    r"\b(?:not|no|never|don't|dont|won't|wont|wouldn't|shouldn't|can't|cannot|didn't|doesn't|isn't|"
    r"aren't|wasn't|weren't|haven't|hasn't|hadn't|mustn't|without|refuse[sd]?|refusing|avoid(?:s|ed|ing)?|"
    r"neither|nor|nobody|none|skip(?:s|ped|ping)?|instead of|rather than|drop(?:s|ped|ping)?|"
    r"forgo|forgot|forget about|bother|omit(?:s|ted|ting)?|(?:leave|leaves|left|leaving) out)\b"
)
_EN_CONTRAST = re.compile(r"\b(?:but|however|instead(?! of)|rather(?! than)|yet)\b")
_EN_NEW_CLAUSE = re.compile(
    r"\b(?:and|so|then|because|since|which|who|while|when|after|before|until|once|that)\s+"
    r"(?:then\s+)?(?:i|we|you|they|he|she|it|our|my|their)\b|;|\bthen\b"
)
"""A new clause with its own subject ("had not been good enough and I personally own it"):
a cue before it negates its own verb, not what follows."""
_EN_RESULT = re.compile(
    r"\b(?:make sure|makes sure|ensure|ensures|so that|so it|so we|so they|to prevent|prevent|guarantee|"
    r"in order that|to make certain)\b(?:\W+\w+){0,3}\W*$"
)
_EN_REFUSED_NEXT = re.compile(
    r"^\W*(?:but\s+)?(?:(?:honestly|frankly|to be honest),?\s+)?(?:i|we)\s+"
    r"(?:refused|declined|said no|pushed back|didn't agree|did not agree|don't agree|do not agree|disagree|"
    r"don't buy (?:it|that)|don't believe in (?:it|them|that)|(?:am|'m) not a fan|"
    r"turned it down|rejected it|wouldn't allow it|would not allow it|didn't let)"
)
_EN_DISMISSED = re.compile(
    r"^\w*\W*(?:(?:and|or|plus|as well as)\s+(?:[\w-]+\W+){1,3}?)?(?:\w+\W+){0,2}?"
    r"(?:is|are|was|were|would be|felt like|feels like|seemed|seems|isn't|aren't)?\s*"
    r"(?:not needed|not necessary|unnecessary|pointless|not an option|out of the question|not my job|"
    r"a waste|not required|not worth|overkill|off the table|not something|isn't something|"
    r"never happens|(?:is|was) the worst|(?:is|was) a mistake|(?:is|was) dangerous|"
    r"overrated|useless|box-ticking|a formality|(?:just )?red tape|bureaucra\w*|(?:just|too) theoretical|"
    r"(?:just|too|more of an) academic|(?:just )?for show|a luxury|nice[ -]to[ -]have|"
    r"(?:never|don't|doesn't|do not|does not|rarely) (?:work|works|help|helps|change anything|add anything)|"
    r"(?:only )?slow(?:s)? (?:us|things|everything) down|get(?:s)? in the way|"
    r"(?:we|i) (?:skip|skipped|drop|dropped|don't|won't|didn't|never|omit|leave (?:it |them )?out|left (?:it |them )?out))"
)


class NegationIndex:
    """`is_negated` for the matches of one answer, with its clauses found once, and what
    depends on a clause alone (is there a Chinese cue in it at all, is it turned down in
    the next clause) worked out once per clause: a long answer has about two matches a clause."""

    def __init__(self, text: str) -> None:
        self.text = text
        spans = [m.span() for m in _CLAUSE_BREAKS.finditer(text)]
        self._starts = [a for a, _ in spans]
        self._ends = [b for _, b in spans]
        self._cues_in: dict[tuple[int, int], tuple[bool, bool, bool]] = {}
        """By clause: whether it holds a Chinese cue, a Latin letter, and what a Chinese
        rejection after a match needs (see `_may_hold`)."""
        self._advice = ReportedAdvice(text)
        self._refused_after: dict[int, bool] = {}
        """By clause end: whether the next clause turns the proposal down."""

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """The clause around [start, end): from the break before it to the break after."""
        k = bisect_right(self._ends, start) - 1
        cs = self._ends[k] if k >= 0 else 0
        k = bisect_left(self._starts, end)
        ce = self._starts[k] if k < len(self._starts) else len(self.text)
        return min(cs, start), max(ce, end)

    def __call__(self, start: int, end: int, phrase: str = "") -> bool:
        cs, ce = self.clause(start, end)
        text = self.text
        if _HYPOTHETICAL.search(text, cs, start):
            return negated_inside(text[start:end], phrase)
        before, matched, after = text[cs:start], text[start:end], text[end:ce]
        zh_cue, latin, zh_after = self._may_hold(cs, ce)
        return (
            (zh_cue and _zh_cue_reaches(before))
            or (latin and _en_cue_reaches(before, matched))
            # Spelt in Chinese characters: half the matches have none after them in their clause.
            or (zh_after and CJK_RUN.search(text, end, ce) is not None and _zh_rejected_after(after))
            or (latin and _en_dismissed_after(after))
            or self._refused_next(ce)
            or (_so_called_item(before, after) and self._so_called(end))
            or (self._advice.framed and self._advice_rejected(start))
            or negated_inside(matched, phrase)
        )

    def _may_hold(self, cs: int, ce: int) -> tuple[bool, bool, bool]:
        """Whether the clause [cs, ce) holds a Chinese cue, a Latin letter, and a Chinese cue
        or verdict (what `_zh_rejected_after` needs: 1 match in 70 has one after it).

        `_ZH_CUE` and the verdicts are words, so a clause without one has none in any stretch
        of it (`_zh_cue_reaches` and `_zh_rejected_after` only ever blank text before looking;
        every ending of `_ZH_TOPIC_REJECTED` holds a cue, a verdict, or 省了); every English
        cue and dismissal is spelt in Latin letters, so a clause without one has neither."""
        key = (cs, ce)
        if key not in self._cues_in:
            zh_cue = _ZH_CUE.search(self.text, cs, ce) is not None
            self._cues_in[key] = (
                zh_cue,
                _LATIN.search(self.text, cs, ce) is not None,
                zh_cue or _ZH_VERDICT_RE.search(self.text, cs, ce) is not None or "省了" in self.text[cs:ce],
            )
        return self._cues_in[key]

    def _so_called(self, end: int) -> bool:
        """Whether the rest of the sentence after a so-called item dismisses it."""
        found = SENTENCE_BREAK.search(self.text, end)
        rest = self.text[end : found.start() if found else len(self.text)]
        return has_cue(rest) or _ZH_RHETORICAL.search(rest) is not None

    def _advice_rejected(self, start: int) -> bool:
        """Whether the match is an item of the standard advice the next sentence rejects (see
        `reported_advice`): "教科书上说要先定假设…。但说实话，我一般不搞这一套，太学术了。"."""
        return any(has_cue(clause) for clause in self._advice.reply_to(start))

    def _refused_next(self, ce: int) -> bool:
        """`refused_next` of the clause after the clause ending at `ce`."""
        if ce not in self._refused_after:
            self._refused_after[ce] = refused_next(self._next_clause(ce))
        return self._refused_after[ce]

    def _next_clause(self, ce: int) -> str:
        """The clause after a clause that ends at `ce` (a comma away, not a sentence)."""
        k = bisect_left(self._starts, ce)
        if k >= len(self._starts) or self._starts[k] != ce:
            return ""
        brk = self.text[self._starts[k] : self._ends[k]]
        if any(ch in brk for ch in "。！？!?;；\n") or (brk.strip() == "." ):
            return ""
        nxt = self._starts[k + 1] if k + 1 < len(self._starts) else len(self.text)
        return self.text[self._ends[k] : nxt]


_ZH_SO_CALLED = re.compile(
    "(?<![是有做用问看选定说讲知想为干叫些么])什么[\"“「『]?(?:[^，。；\"”」』]{1,10}?[\"”」』]?(?:、|和|或))*"
    "[^，。；、\"”」』]{0,6}$"
)
"""The so-called list of a dismissal: 什么惰性删除、主动删除…谁会自己写; 什么"真正的需求方"…那是销售
该操心的. Not 什么 as a question word after its verb (用什么缓存策略, 是什么问题)."""
_ZH_RHETORICAL = re.compile("谁会|谁还|谁有空|哪有|哪里(?:需要|用得着)|何必|用得着")
"""A question that answers itself with no (谁会自己写啊)."""


def _so_called_item(before: str, after: str) -> bool:
    """Whether the match is an item of a so-called list: 什么 before it, then items joined by
    、 or one item in quotes. One bare item is a question word's object (关心什么指标)."""
    if "什么" not in before:
        return False
    found = _ZH_SO_CALLED.search(before)
    if found is None:
        return False
    listed = before[found.start() :]
    return "、" in listed or "、" in after or any(q in listed for q in "\"“「『")


def is_negated(text: str, start: int, end: int, phrase: str = "") -> bool:
    """`text` is the normalised answer; [start, end) the match in it; `phrase` the
    normalised phrase that matched (a cue it holds itself, as in 不推诿, negates nothing)."""
    return NegationIndex(text)(start, end, phrase)


def _blank(pattern: re.Pattern[str], text: str) -> str:
    """`text` with what `pattern` finds replaced by as many spaces (distances are kept)."""
    return pattern.sub(lambda m: " " * len(m.group()), text)


def negated_before(before: str, matched: str = "") -> bool:
    return _zh_cue_reaches(before) or _en_cue_reaches(before, matched)


def _zh_cue_reaches(before: str) -> bool:
    contrasts = list(_ZH_CONTRAST.finditer(before)) + list(_ZH_NEXT_STEP.finditer(before))
    contrasts.sort(key=lambda m: m.end())
    zh = before[contrasts[-1].end() :] if contrasts else before
    zh = _blank(_ZH_NOT_NEGATIONS, zh)
    cues = [m for m in _ZH_CUE.finditer(zh) if len(zh) - m.end() <= ZH_WINDOW]
    if not cues:
        return False
    cue = cues[-1]
    if _ZH_MODIFIER_THEN_SUBJECT.search(zh, cue.end()) or _ZH_EXCESS.search(zh, cue.end()):
        return False
    return _ZH_RESULT.search(zh, 0, cue.start()) is None


def _en_cue_reaches(before: str, matched: str = "") -> bool:
    contrasts = list(_EN_CONTRAST.finditer(before)) + list(_EN_NEW_CLAUSE.finditer(before))
    contrasts.sort(key=lambda m: m.end())
    en = before[contrasts[-1].end() :] if contrasts else before
    en = " ".join(en.split()[-(EN_WINDOW_WORDS + 2) :])
    en = _blank(_EN_NOT_NEGATIONS, en)
    cues = list(_EN_CUE.finditer(en))
    if not cues:
        return False
    cue = cues[-1]
    between = en[cue.end() :]
    if len(between.split()) > EN_WINDOW_WORDS:
        return False
    auxiliary = en[: cue.start()].split()[-1:]
    takes_base = bool(_EN_BASE_FORM_CUES.fullmatch(cue.group())) or (
        cue.group() == "not" and auxiliary[0] in _EN_DO_OR_MODAL if auxiliary else False
    )
    if _en_new_predicate(cue.group(), takes_base, f"{between} {matched}") or _EN_EXCESS.search(between):
        return False
    return _EN_RESULT.search(en[: cue.start()]) is None


_EN_NEXT_VERB = re.compile(r"\b(?:and|then|so)\s+(?:then\s+)?(?:\w+ly\s+)?(\w+)")
_EN_MODAL = frozenset(["would", "will", "could", "should", "can", "must", "might", "i'd", "we'd"])
_EN_DO_OR_MODAL = _EN_MODAL | {"do", "does", "did"}
_EN_BASE_FORM_CUES = re.compile(
    r"(?:do|does|did|wo|would|ca|could|should|must)n't|dont|wont|cannot|without|refus\w*|avoid\w*"
)
"""Cues followed by a base form or an -ing form: a past form joined after them by "and" is a
verb of its own ("didn't argue and apologised", "without interrupting and listened")."""
_EN_EXCESS = re.compile(r"\b(?:too many|too much|so many|overly|excessive)\b")
"""What is refused is too much of it: "don't use too many colours" is advice on colour."""
_EN_SUBJECT = re.compile(r"\b(?:i|we|he|she|they)\b")


def _en_new_predicate(cue: str, takes_base: bool, after: str) -> bool:
    """Whether a new verb phrase starts between the cue and the match, out of the cue's reach:
    "had not been good enough and would own it" (a modal after "and"), "didn't wait and
    rolled back" (a past form after a cue that takes a base form), "without waiting I
    apologised" (the subject of the main clause after a "without" phrase)."""
    if cue == "without" and _EN_SUBJECT.search(after):
        return True
    for m in _EN_NEXT_VERB.finditer(after):
        verb = m.group(1)
        if verb in _EN_MODAL or (takes_base and is_past_form(verb)):
            return True
    return False


def rejected_after(after: str) -> bool:
    return _zh_rejected_after(after) or _en_dismissed_after(after)


def _zh_rejected_after(after: str) -> bool:
    zh = _blank(_ZH_NOT_NEGATIONS, after)
    return bool(_ZH_TOPIC_REJECTED.match(zh.lstrip()) or _ZH_DISMISSED.match(zh))


def _en_dismissed_after(after: str) -> bool:
    en = _blank(_EN_NOT_NEGATIONS, after)
    return _EN_DISMISSED.match(en) is not None


_TURN = re.compile(
    "但|而是|却|可是|不过|然而|反而|所以|因此|于是|然后|接着|随后|之后|后来|先|首先|再|才|等到"
    "|如果|假如|要是|一旦|除非"
    r"|\b(?:but|however|instead|rather|so|therefore|then|after|afterwards|once|later|until|if|unless|first)\b"
    "|[→/|()（）]"
)
"""What ends a rejection's reach over a second mention: a contrast, a consequence, a later step,
a condition, or the arrows and brackets of notes."""
ECHO_REACH = 20
"""Characters from a rejection to a mention that gives its reason (",因为根因没查清之前道歉")."""


def echoes_rejection(text: str, rejected_end: int, start: int) -> bool:
    """Whether a mention at `start` goes on with a rejection of the same point that ends at
    `rejected_end`, in the same sentence and with no contrast, later step or condition
    between: the reason given for rejecting it ("我也不会急着回滚，回滚可能把问题掩盖掉";
    "I wouldn't apologise, apologising admits liability") names the point again without
    affirming it."""
    if not rejected_end <= start <= rejected_end + ECHO_REACH:
        return False
    between = text[rejected_end:start]
    return SENTENCE_BREAK.search(between) is None and _TURN.search(between) is None


_ZH_VERDICT_RE = re.compile(_ZH_VERDICT)
_EN_VERDICT_RE = re.compile(
    r"\b(?:overrated|useless|pointless|unnecessary|overkill|box-ticking|a formality|red tape|bureaucra\w*|"
    r"a waste|for show|a luxury|nice[ -]to[ -]have|too theoretical|too academic)\b"
)


def has_cue(text: str) -> bool:
    """Whether `text` holds a negation cue or a dismissing verdict at all (once words that only
    look negative are removed): a clause with one is never taken as evidence by resemblance
    alone ("定指标、做需求分析这些流程都太虚了" says nothing for needs analysis)."""
    zh = _blank(_ZH_NOT_NEGATIONS, text)
    en = _blank(_EN_NOT_NEGATIONS, text)
    return bool(
        _ZH_CUE.search(zh) or _ZH_VERDICT_RE.search(zh) or _EN_CUE.search(en) or _EN_VERDICT_RE.search(en)
    )


def refused_next(clause: str) -> bool:
    """Whether the next clause turns the proposal down (…，我没同意; …, but I refused)."""
    return bool(_ZH_REFUSED_NEXT.match(clause.lstrip()) or _EN_REFUSED_NEXT.match(clause.lstrip()))


def negated_inside(matched: str, phrase: str) -> bool:
    """A fuzzy match that took in a cue its phrase does not hold (不先恢复业务 for 先恢复业务)."""
    if not phrase or matched == phrase:
        return False
    inside = {m.group() for m in _ZH_CUE.finditer(_blank(_ZH_NOT_NEGATIONS, matched))}
    inside |= {m.group() for m in _EN_CUE.finditer(_blank(_EN_NOT_NEGATIONS, matched))}
    return any(cue not in phrase for cue in inside)
