"""Whose doing a phrase tells of: a red flag is the candidate's own stance, not a story of what
someone else did ("一个很厉害的工程师直接上生产改了配置，结果周一月结跑不出来" is the lesson
the candidate learnt, not advice to change production directly).

The text looked at is the normalised answer (lower case, simplified Chinese).
"""

from __future__ import annotations

import re

_SOMEONE_ELSE = re.compile(
    "(?<![让叫请派要])(?:同事|有人|别人|前任|(?:一个|一位|有个|有位|某个)[^，。；！？]{0,6}?(?:工程师|同事|开发|运维|经理|人))"
    r"|(?<!\blet )(?<!\bhave )(?<!\bask )\b(?:someone|somebody|a colleague|my colleague|an engineer|one engineer|"
    r"a developer|my predecessor|the previous team)\b"
)
"""Someone other than the candidate, named as the one who acted: not a pronoun, which is as
often the one acted on (让他们自己去看文档), nor someone the candidate has do it (让同事直接上
生产改)."""


def told_of_others(text: str, clause_start: int, start: int) -> bool:
    """Whether the stretch of its clause before the phrase at `start` names someone else as the
    one who acted: what follows is a story about them."""
    return _SOMEONE_ELSE.search(text, clause_start, start) is not None
