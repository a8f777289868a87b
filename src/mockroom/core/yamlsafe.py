"""Safe, bounded YAML reading that remembers where every value came from.

Bank files are written by anyone, so reading one must never execute a tag,
expand an alias bomb, blow the stack, or hang on a huge file; and every
problem must point at a file, line and column. We parse with libyaml's safe
loader (C speed, falling back to the pure-Python one), walk the event stream
first to reject aliases, odd tags and absurd nesting cheaply, then compose the
node tree, which keeps the marks used to place validation errors.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import yaml

from mockroom.core.problem import Problem as Problem  # its home before problem.py

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml missing on this platform
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1_000_000
MAX_DEPTH = 40
_STD_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    _STD_TAG + t for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
}
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""Line breaks as YAML counts them."""


class YamlError(Exception):
    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message


class Document(NamedTuple):
    data: Any
    root: yaml.Node
    duplicates: tuple[YamlError, ...] = ()
    """Every duplicate key (the later value is the one in `data`), when the caller keeps them."""


def decode(raw: bytes) -> str:
    """Bytes to text, or YamlError naming the problem (size, binary, encoding, empty)."""
    if len(raw) > MAX_BYTES:
        raise YamlError(1, 1, f"file is too large ({len(raw):,} bytes; the limit is {MAX_BYTES:,})")
    if b"\x00" in raw:
        return _raise_at(raw, raw.index(b"\x00"), "binary file (contains NUL bytes); expected UTF-8 YAML")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        _raise_at(
            raw,
            e.start,
            f"not UTF-8 (byte 0x{raw[e.start]:02x}); save the file as UTF-8 "
            "(it may be GBK or another legacy encoding)",
        )
    if not text.strip():
        raise YamlError(1, 1, "empty file")
    return text


def _raise_at(raw: bytes, offset: int, message: str) -> Any:
    line = raw.count(b"\n", 0, offset) + 1
    start = raw.rfind(b"\n", 0, offset) + 1
    # Columns count characters, like the YAML parser's and editors', not bytes.
    before = raw[start:offset].decode("utf-8", errors="replace").lstrip("\ufeff")
    raise YamlError(line, len(before) + 1, message)


def load(text: str, keep_duplicates: bool = False) -> Document:
    """Parse one YAML document safely; YamlError with the position on any problem.

    A duplicate key is such a problem, unless `keep_duplicates`: then every one is listed in
    `Document.duplicates`, so a caller can report them with the document's other problems.
    """
    try:
        _check_events(text)
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
            if root is None:
                raise YamlError(1, 1, "empty document")
            duplicates = _duplicate_keys(root)
            if duplicates and not keep_duplicates:
                raise duplicates[0]
            data = loader.construct_document(root)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as e:
        line, col = _clamp(text, *_at(e.problem_mark or e.context_mark))
        what = (e.problem or e.context or "invalid YAML").strip()
        if what.startswith("but ") and e.context:  # "but found another document" needs its context
            what = f"{e.context.strip()}, {what}"
        if "\\t" in what or "tab" in what or _tab_near(text, line, col):
            what += " (YAML does not allow tabs for indentation; use spaces)"
        elif _colon_in_value(e):
            what += " (quote this value: a ': ' or a quote inside a bare value ends it early)"
        raise YamlError(line, col, f"invalid YAML: {what}") from None
    except yaml.YAMLError as e:
        raise YamlError(1, 1, f"invalid YAML: {e}") from None
    return Document(data, root, tuple(duplicates))


def _colon_in_value(e: yaml.MarkedYAMLError) -> bool:
    """The parser stopped inside a value on the line it started: a ': ' or a quote in it.

    `en: Say how: impact` reads as a mapping inside a value; in `{zh: …, en: Say how: impact}`
    or `en: "Fast" or not` the mapping or the quoted text ends before the line does.
    """
    problem = e.problem or ""
    if problem.startswith("mapping values are not allowed"):
        return True
    same_line = e.context_mark is not None and e.problem_mark is not None and (
        e.context_mark.line == e.problem_mark.line
    )
    return same_line and problem.startswith("did not find expected ',' or")


def _tab_near(text: str, line: int, column: int) -> bool:
    """A tab in the indentation of, or at, the line:column an error points to.

    libyaml's messages do not name the character ("found character that cannot start any
    token"), so the hint comes from the text itself.
    """
    lines = _LINE_BREAK.split(text)
    if not 0 < line <= len(lines):
        return False
    s = lines[line - 1]
    indent = s[: len(s) - len(s.lstrip(" \t"))]
    return "\t" in indent or s[column - 1 : column] == "\t"


def _clamp(text: str, line: int, column: int) -> tuple[int, int]:
    """The parser reports end-of-file one line past a last line without a newline."""
    last = text.count("\n") + 1
    if line > last:
        return last, len(text) - text.rfind("\n")
    return line, column


def _at(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _check_events(text: str) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark
        if isinstance(event, yaml.AliasEvent):
            raise YamlError(*_at(mark), "anchors and aliases (*name) are not allowed")
        tag = getattr(event, "tag", None)
        if tag and tag not in _ALLOWED_TAGS and tag != "!":
            raise YamlError(*_at(mark), f"tag {tag!r} is not allowed (tags are never executed)")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlError(*_at(mark), f"nesting deeper than {MAX_DEPTH}")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def leading_keys(text: str) -> dict[str, str | None]:
    """The top-level keys of a mapping document read before its first YAML error, each with
    its value when that is a scalar: what a file that cannot be parsed meant to define."""
    found: dict[str, str | None] = {}
    depth = 0
    key: str | None = None
    try:
        for event in yaml.parse(text, Loader=_Loader):
            at_top = depth == 1
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if not at_top or isinstance(event, yaml.CollectionEndEvent):
                continue
            if key is None:
                key = event.value if isinstance(event, yaml.ScalarEvent) else ""
            else:
                found[key] = event.value if isinstance(event, yaml.ScalarEvent) else None
                key = None
    except yaml.YAMLError:
        pass
    return found


def _duplicate_keys(node: yaml.Node) -> list[YamlError]:
    """Every key repeated in its mapping, in file order."""
    found = []
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, yaml.MappingNode):
            seen: set[str] = set()
            for k, v in n.value:
                if isinstance(k, yaml.ScalarNode):
                    if k.value in seen:
                        found.append(YamlError(*_at(k.start_mark), f"duplicate key {k.value!r}"))
                    seen.add(k.value)
                stack.append(v)
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)
    return sorted(found, key=lambda e: (e.line, e.column))


def node_at(root: yaml.Node, loc: tuple[Any, ...]) -> yaml.Node:
    """The node of the value at a pydantic error location, or of its nearest parent."""
    return _walk(root, loc)[0]


def find(root: yaml.Node, loc: tuple[Any, ...]) -> yaml.Node | None:
    """The node of the value at `loc`, or None when the file has no such value."""
    node, found = _walk(root, loc)
    return node if found else None


def _walk(root: yaml.Node, loc: tuple[Any, ...]) -> tuple[yaml.Node, bool]:
    node = root
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == str(part):
                    child = v
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
        if child is None:
            return node, False
        node = child
    return node, True


def locate(root: yaml.Node, loc: tuple[Any, ...]) -> tuple[int, int]:
    """Line and column (1-based) of the value at a pydantic error location, or its nearest parent."""
    return _at(node_at(root, loc).start_mark)


def split_by_comma(root: yaml.Node, loc: tuple[Any, ...]) -> tuple[int, int, str, str] | None:
    """When the unknown key at `loc` is the tail of a value that commas split inside a flow
    mapping (`{zh: 跟进, en: follow up, then review}` reads as `en: follow up` plus a key
    `then review` without a value): the line and column of that value, its key, and what
    it said in full. None when it is not that."""
    parent = node_at(root, loc[:-1])
    if not isinstance(parent, yaml.MappingNode) or not parent.flow_style:
        return None
    pairs = parent.value
    here = next((i for i, (k, _) in enumerate(pairs) if _bare(k) and k.value == str(loc[-1])), None)
    if here is None or not _tail(pairs[here]):
        return None
    first = here
    while first > 0 and _tail(pairs[first - 1]):
        first -= 1
    last = here
    while last + 1 < len(pairs) and _tail(pairs[last + 1]):
        last += 1
    if first == 0:
        return None
    key, value = pairs[first - 1]
    if not (_bare(key) and _bare(value)):
        return None
    full = ", ".join([value.value, *(k.value for k, _ in pairs[first : last + 1])])
    return (*_at(value.start_mark), key.value, full)


def _tail(pair: tuple[yaml.Node, yaml.Node]) -> bool:
    """A key written bare with nothing after it: what follows a comma inside a flow value."""
    key, value = pair
    return _bare(key) and isinstance(value, yaml.ScalarNode) and value.value == "" and (
        value.start_mark.index == value.end_mark.index
    )


def _bare(node: yaml.Node) -> bool:
    """A scalar written plain, without quotes (a quoted value cannot have been split)."""
    return isinstance(node, yaml.ScalarNode) and node.style in (None, "")


def positions(text: str, node: yaml.ScalarNode, offsets: list[int]) -> list[tuple[int, int]]:
    """Line and column in `text` of characters of the string value of `node`, by offset.

    The value and its source differ (quotes, escapes, folded line breaks), so the n-th
    occurrence of a character in the value is found as its n-th occurrence in the source;
    a character that cannot be found so (an escape such as `\\x2c`) is placed at the node.
    """
    lines = _LINE_BREAK.split(text)
    start, end = node.start_mark, node.end_mark
    if not (0 <= start.line <= end.line < len(lines)):
        return [_at(start)] * len(offsets)
    parts = [lines[start.line][start.column :]] if start.line < end.line else [
        lines[start.line][start.column : end.column]
    ]
    parts += lines[start.line + 1 : end.line]
    if start.line < end.line:
        parts.append(lines[end.line][: end.column])
    # (line, first column) of each source line of the node, and their text joined by "\n".
    firsts = [(start.line, start.column)] + [(n, 0) for n in range(start.line + 1, end.line + 1)]
    source = "\n".join(parts)
    header = source.find("\n") if node.style in ("|", ">") else -1  # `|-  # a comment, (...)`
    out = []
    for offset in offsets:
        ch = node.value[offset]
        at = header
        for _ in range(node.value.count(ch, 0, offset) + 1):
            at = source.find(ch, at + 1)
            if at < 0:
                break
        if at < 0:
            out.append(_at(start))
            continue
        row = source.count("\n", 0, at)
        line, first = firsts[row]
        column = first + at - (source.rfind("\n", 0, at) + 1)
        out.append((line + 1, column + 1))
    return out
