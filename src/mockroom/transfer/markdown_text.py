"""People's text in Markdown: shown as typed, with a backslash only where Markdown would misread it.

Escaping every punctuation mark (the old way) kept text safe but made it unreadable as plain
text (`self\\-introduction`, `too\\-short`, `\\(required\\)`). CommonMark and GitHub's
extensions only act on a few characters, and most of them only in some places:

- anywhere: `` ` `` (code), `*` (emphasis), `[` `]` (links), `<` (HTML, autolinks), `~`
  (GitHub strikethrough, even single), `|` (GitHub tables), a backslash before punctuation
  or at the end of a line, `&` that starts an entity (`&copy;`), and `_` unless it sits
  inside a word (`snake_case` is never emphasis);
- at the start of a line only: `#` (heading), `>` (quote), `-` `+` `=` (list, rule, heading
  underline), `1.` / `1)` (ordered list), four spaces (code block; they become no-break
  spaces, which Markdown leaves alone).

The tests render escaped text with markdown-it-py (GitHub's flavour) and check it reads as
typed with no markup.
"""

from __future__ import annotations

import re

_ANYWHERE = re.compile(
    r"""
      [`*\[\]<~|]                   # code, emphasis, links, HTML, strikethrough, tables
    | \\(?=[!-/:-@\[-`{-~]|$)        # a backslash that would escape what follows, or break
    | &(?=\#?[0-9A-Za-z]+;)          # an entity reference
    | (?<![^\W_])_|_(?![^\W_])       # an underscore not inside a word
    """,
    re.VERBOSE,
)
_LINE_START = re.compile(
    r"""
      \#{1,6}(?=[ \t]|$)              # a heading
    | >                                # a quote
    | [-+](?=[ \t]|$)                  # a list item
    | \d{1,9}(?=[.)](?:[ \t]|$))       # an ordered list item: the dot or bracket is escaped
    | [-=](?=[-= \t]*$)               # a rule or a heading's underline (a line of - or =)
    """,
    re.VERBOSE,
)
NBSP = "\u00a0"


def inline(text: str) -> str:
    """Escape text that sits inside a line (a table cell, after a label): one line in, one out."""
    return _ANYWHERE.sub(lambda m: "\\" + m.group(0), " ".join(text.splitlines()))


def line(text: str) -> str:
    """Escape one whole line of text, as it would be misread at the start of a line too."""
    body = inline(text.replace("\t", "    "))
    stripped = body.lstrip(" ")
    m = _LINE_START.match(stripped)
    if m:
        at = m.end() if m.group(0)[0].isdigit() else 0
        stripped = stripped[:at] + "\\" + stripped[at:]
    # Indentation kept as no-break spaces: four spaces would start a code block.
    return NBSP * (len(body) - len(body.lstrip(" "))) + stripped


def lines(text: str) -> list[str]:
    """Each line of a block of text escaped, empty lines kept empty."""
    return [line(part) if part.strip() else "" for part in text.splitlines()]
