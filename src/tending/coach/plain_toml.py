"""A strict reader for the plain subset of TOML the coach's data files are written in.

`tomllib` reads any TOML exactly, but slowly: `patterns.toml` alone was about a quarter of the
coach's import and load. This reader takes only lines of these shapes, each optionally ending
in a comment: blank, `# comment`, `[table]`, `[[array]]`, and `key = value` with a bare key and
a value that is a `'...'` literal string, a `"..."` basic string whose only escapes are `\\"`
and `\\\\`, `true`/`false`, or a one-line array of such basic strings. On anything else (another
escape, a number, a dotted or quoted key, a key or table defined twice, a string running over a
line, a carriage return, a control character) it answers None and the caller hands the text to
`tomllib`, which reads it or raises naming the line. So wherever this reader answers, the
answer is tomllib's; `tests/unit/coach/test_plain_toml.py` holds it to that with hypothesis.
"""

from __future__ import annotations

import re
from typing import Any

_CONTROL = r"\x00-\x08\x0a-\x1f\x7f"  # not allowed in strings or comments (a tab is)
_BASIC = rf'"([^"\\{_CONTROL}]*(?:\\["\\][^"\\{_CONTROL}]*)*)"'
_STRING = re.compile(_BASIC)
_ESCAPE = re.compile(r'\\(["\\])')
_BARE = r"[A-Za-z0-9_-]+"
_LINE = re.compile(
    rf"[ \t]*(?:"
    rf"\[\[(?P<array>{_BARE})\]\]"
    rf"|\[(?P<table>{_BARE})\]"
    rf"|(?P<key>{_BARE})[ \t]*=[ \t]*(?:"
    rf"'(?P<literal>[^'{_CONTROL}]*)'"
    rf"|{_BASIC}"
    rf"|(?P<boolean>true|false)"
    rf"|\[(?P<strings>[ \t]*{_BASIC}(?:[ \t]*,[ \t]*{_BASIC})*[ \t]*,?[ \t]*)\]"
    rf"))?[ \t]*(?:#[^{_CONTROL}]*)?"
)


def _basic(raw: str) -> str:
    return _ESCAPE.sub(r"\1", raw) if "\\" in raw else raw


def _value(basic: str | None, boolean: str | None, strings: str) -> Any:
    """A value other than a literal string, from its groups of `_LINE`."""
    if basic is not None:
        return _basic(basic)
    if boolean is not None:
        return boolean == "true"
    if "\\" not in strings:  # no escapes: the strings lie between the quotes
        return strings.split('"')[1::2]
    return [_basic(raw) for raw in _STRING.findall(strings)]


def read_plain_toml(text: str) -> dict[str, Any] | None:
    """The document `tomllib.loads(text)` gives, or None when `text` is not in the subset."""
    if "\r" in text:
        return None
    root: dict[str, Any] = {}
    table = root
    arrays: set[str] = set()  # names made by [[name]], which a later [[name]] extends
    fullmatch = _LINE.fullmatch
    for line in text.split("\n"):
        found = fullmatch(line)
        if found is None:
            return None
        array, name, key, literal, basic, boolean, strings = found.groups()[:7]
        if key is not None:
            if key in table:
                return None
            table[key] = literal if literal is not None else _value(basic, boolean, strings)
        elif array is not None:
            table = {}
            if array in arrays:
                root[array].append(table)
            elif array in root:
                return None
            else:
                root[array] = [table]
                arrays.add(array)
        elif name is not None:
            if name in root:
                return None
            table = root[name] = {}
    return root
