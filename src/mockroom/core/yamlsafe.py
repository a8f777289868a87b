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
from dataclasses import dataclass
from typing import Any

import yaml

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


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in a file, reported as `file:line:column: message`."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class YamlError(Exception):
    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message


@dataclass
class Document:
    data: Any
    root: yaml.Node


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


def load(text: str) -> Document:
    """Parse one YAML document safely; YamlError with the position on any problem."""
    try:
        _check_events(text)
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
            if root is None:
                raise YamlError(1, 1, "empty document")
            _check_duplicate_keys(root)
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
        raise YamlError(line, col, f"invalid YAML: {what}") from None
    except yaml.YAMLError as e:
        raise YamlError(1, 1, f"invalid YAML: {e}") from None
    return Document(data, root)


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


def _check_duplicate_keys(node: yaml.Node) -> None:
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, yaml.MappingNode):
            seen: set[str] = set()
            for k, v in n.value:
                if isinstance(k, yaml.ScalarNode):
                    if k.value in seen:
                        raise YamlError(*_at(k.start_mark), f"duplicate key {k.value!r}")
                    seen.add(k.value)
                stack.append(v)
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)


def locate(root: yaml.Node, loc: tuple[Any, ...]) -> tuple[int, int]:
    """Line and column (1-based) of the value at a pydantic error location, or its nearest parent."""
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
            break
        node = child
    return _at(node.start_mark)
