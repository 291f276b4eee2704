"""The second opinion's weights file, `learned.tsv`: its header, its rows and the checks on them.

A header of `# key: value` lines, then one `feature<TAB>flag:weight ...` line per feature (the
first is `<bias>`, with all 24 flags); written by `training.py`, read by `learned.load_learned`.
"""

from __future__ import annotations

import re

from tending.coach.data_files import check_provenance, lines_of
from tending.coach.learned_features import FEATURES_VERSION
from tending.coach.model import FLAGS
from tending.domain.errors import FormatProblem

try:  # the rows checked in C (`_scoring.c`, built by setup.py where a C compiler is found)
    from tending.coach._scoring import rows_ok
except ImportError:  # pragma: no cover - an install without a compiler: `ROWS` alone

    def rows_ok(body: str) -> bool:
        """(Without the C pass: decides nothing, so `ROWS` reads every file.)"""
        return False


NAME = "learned.tsv"
BIAS = "<bias>"
HEADER_KEYS = ("provenance", "fitted_on", "lines", "fingerprint", "features_version", "settings",
               "flags", "add_above", "take_back_below")  # fmt: skip
PAIR = r"(?:1?\d|2[0-3]):-?\d{1,4}(?:\.\d{1,3})?"
ROW = rf"[^\t\n]+\t{PAIR}(?: {PAIR})*"
# `ROW` lines, possessive (the same language: a row ends at its line's end, a pair at the
# space or line end after it, and a weight's sign, digits and decimals at the first character
# that cannot continue them, so giving back never helps; about 40 % faster on 300 KB)
_FAST_PAIR = r"(?:2[0-3]|1?\d):-?+\d{1,4}+(?:\.\d{1,3}+)?+"
ROWS = re.compile(rf"(?:[^\t\n]++\t{_FAST_PAIR}(?: {_FAST_PAIR})*+\n)*+")


def read_header(text: str) -> dict[str, str]:
    """The `# key: value` lines that open the file."""
    header: dict[str, str] = {}
    for line in lines_of(text):
        if not line.startswith("#"):
            break
        key, _, value = line[1:].strip().partition(": ")
        header[key] = value
    return header


def parse_learned(text: str) -> tuple[dict[str, str], dict[str, str]]:
    """Header and rows (feature -> its pairs, as text) of a weights file, or FormatProblem."""
    check_provenance(NAME, text)
    header = read_header(text)
    _check_header(header)
    offset = skip = 0
    while text.startswith("#", offset):
        offset = text.find("\n", offset) + 1 or len(text)
        skip += 1
    body = text[offset:]
    # the rows checked in one C pass (ASCII digits); where it cannot say, by `ROWS` itself
    if not rows_ok(body) and not ROWS.fullmatch(body):
        for number, line in enumerate(body.splitlines(), start=skip + 1):
            if not re.fullmatch(ROW, line):
                raise FormatProblem(
                    f"{NAME} line {number}: expected 'feature<TAB>flag:weight ...' with flag "
                    f"numbers 0-23: {line[:60]!r}"
                )
        raise FormatProblem(f"{NAME}: the last line must end with a newline")
    # each line is `feature<TAB>pairs<NEWLINE>` (checked above): names and pairs alternate
    # between the tabs and line ends (one split instead of one a line)
    fields = iter(body.replace("\n", "\t").split("\t"))
    rows = dict(zip(fields, fields, strict=False))  # (the text after the last line end: none)
    if len(rows) != body.count("\n"):
        raise FormatProblem(f"{NAME}: a feature is listed twice")
    if BIAS not in rows or len(pairs(rows[BIAS])) != len(FLAGS):
        raise FormatProblem(f"{NAME}: the {BIAS} row must give all {len(FLAGS)} flags")
    return header, rows


def pairs(raw: str) -> tuple[tuple[int, float], ...]:
    return tuple((int(flag), float(weight)) for flag, _, weight in
                 (pair.partition(":") for pair in raw.split(" ")))  # fmt: skip



def _check_header(header: dict[str, str]) -> None:
    missing = [key for key in HEADER_KEYS if key not in header]
    if missing:
        raise FormatProblem(f"{NAME}: the header lacks {', '.join(missing)}")
    if header["flags"].split() != list(FLAGS):
        raise FormatProblem(f"{NAME}: flags: not the coach's flags in the coach's order")
    if header["features_version"] != str(FEATURES_VERSION):
        raise FormatProblem(
            f"{NAME}: features_version {header['features_version']} is not {FEATURES_VERSION}: "
            "fit the weights again (make coach-model)"
        )
    for setting in ("add_above", "take_back_below"):
        try:
            ok = 0 < float(header[setting]) < 1
        except ValueError:
            ok = False
        if not ok:
            raise FormatProblem(f"{NAME}: {setting}: expected a probability between 0 and 1")
    if not re.fullmatch(r"[1-9]\d{0,2}", header.get("safety_window", "1")):
        raise FormatProblem(f"{NAME}: safety_window: expected a number of tokens, 1 to 999")
    for pair in header.get("add_above_for", "").split():
        flag, _, probability = pair.partition(":")
        if flag not in FLAGS or not re.fullmatch(r"0\.\d*[1-9]\d*", probability):
            raise FormatProblem(
                f"{NAME}: add_above_for: expected flag:probability pairs, not {pair!r}"
            )
