"""User text made inert before it reaches a terminal: no escape sequence, no bidi trick.

Names, answers, comments, labels and file names come from other people's files. Printed raw,
an ESC sequence in them can clear the screen or (OSC 52) write the clipboard, a C1 control
does the same on terminals that read 8-bit controls, and a bidi override makes text read
differently from what it is. `inert` swaps each such code point for one visible character:

- C0 controls and DEL become their Control Pictures (ESC shows as ␛, CR as ␍, BEL as ␇);
  tab and newline are kept only in a block of text (`block=True`: answers, comments).
- C1 controls, the bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069) and
  lone surrogates (which cannot even be written as UTF-8) become U+FFFD.

One code point for one keeps every offset into the text valid, so evidence and commented
passages still highlight the right characters.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_UNSAFE_IN_BLOCK = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ .. ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return REPLACEMENT


def inert(text: str, block: bool = False) -> str:
    """`text` with every control, bidi control and lone surrogate shown as one visible character.

    `block` keeps tab and newline (a block of text); otherwise the result is one line.
    """
    pattern = _UNSAFE_IN_BLOCK if block else _UNSAFE
    if pattern.search(text) is None:
        return text
    return pattern.sub(_visible, text)


def is_inert(text: str, block: bool = False) -> bool:
    """True when `inert` would leave `text` as it is."""
    return (_UNSAFE_IN_BLOCK if block else _UNSAFE).search(text) is None


_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def inert_json(text: str) -> str:
    """JSON text (json.dumps with ensure_ascii=False) with the same data but no raw control.

    json.dumps already writes C0 controls as \\u escapes; this writes DEL, C1, the bidi
    controls and lone surrogates that way too. They occur only inside JSON strings, so the
    document still parses to exactly the same values.
    """
    if _UNSAFE_IN_JSON.search(text) is None:
        return text
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
