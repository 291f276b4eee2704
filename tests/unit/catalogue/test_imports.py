"""The catalogue is a pure-data layer: it imports only the standard library, pydantic and
tending.domain (import-linter keeps the floors; this keeps the catalogue's own narrower rule)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import tending.catalogue

PACKAGE = Path(tending.catalogue.__file__).parent
ALLOWED_THIRD_PARTY = {"pydantic"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_catalogue_imports_only_stdlib_pydantic_and_domain() -> None:
    wrong: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for module in imported_modules(path):
            top = module.split(".")[0]
            if top == "tending":
                ok = module.startswith(("tending.domain", "tending.catalogue"))
            else:
                ok = top in sys.stdlib_module_names or top in ALLOWED_THIRD_PARTY
            if not ok:
                wrong.append(f"{path.name}: {module}")
    assert not wrong
    assert len(list(PACKAGE.rglob("*.py"))) >= 8  # the walk really saw the modules
