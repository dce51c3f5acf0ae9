"""Check that packages import without Qt or the GUI layer.

Usage: python layering_check.py PACKAGE [PACKAGE ...]

Installs a ``sys.meta_path`` finder that refuses ``PySide6``, ``shiboken6`` and ``crm_desktop.gui``
(and their submodules), then imports every module of each package. Modules under a
``.migrations.`` package are skipped: Alembic scripts need a running migration context.
Exit code 0 when every module imported; 1 with one line per offending module otherwise.

Run in a fresh interpreter (a subprocess), so nothing is imported before the finder is in place.
"""

from __future__ import annotations

import importlib
import importlib.abc
import pkgutil
import sys
import traceback
from collections.abc import Iterator, Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

FORBIDDEN = ("PySide6", "shiboken6", "crm_desktop.gui")


class ForbiddenImport(ImportError):
    pass


class RefuseForbidden(importlib.abc.MetaPathFinder):
    def __init__(self) -> None:
        self.refused: list[str] = []

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        for root in FORBIDDEN:
            if fullname == root or fullname.startswith(root + "."):
                self.refused.append(fullname)
                raise ForbiddenImport(f"import of {fullname!r} is forbidden in this layer")
        return None


def skipped(name: str) -> bool:
    return ".migrations." in name + "."


def walk(package_name: str, errors: list[str]) -> Iterator[str]:
    """Yield the package and every module below it, depth first.

    Like ``pkgutil.walk_packages``, but a skipped package is never imported to look inside it.
    """
    if skipped(package_name):
        return
    yield package_name
    module = sys.modules.get(package_name)
    path = getattr(module, "__path__", None)
    if path is None:
        return
    for info in pkgutil.iter_modules(path, package_name + "."):
        if skipped(info.name):
            continue
        if info.ispkg:
            if import_one(info.name, errors):
                yield from walk(info.name, errors)
        else:
            yield info.name


def import_one(name: str, errors: list[str]) -> bool:
    if name in sys.modules:
        return True
    before = len(finder.refused)
    try:
        importlib.import_module(name)
    except ForbiddenImport:
        errors.append(f"LAYERING VIOLATION {name} imports {finder.refused[before]}")
        return False
    except BaseException:
        if len(finder.refused) > before:
            # A forbidden import was caught and turned into another error along the way.
            errors.append(f"LAYERING VIOLATION {name} imports {finder.refused[before]}")
        else:
            last = traceback.format_exc().strip().splitlines()[-1]
            errors.append(f"IMPORT ERROR {name}: {last}")
        return False
    return True


finder = RefuseForbidden()


def main(packages: Sequence[str]) -> int:
    if not packages:
        print("usage: layering_check.py PACKAGE [PACKAGE ...]", file=sys.stderr)
        return 2
    sys.meta_path.insert(0, finder)
    errors: list[str] = []
    checked = 0
    for package in packages:
        if not import_one(package, errors):
            continue
        for name in walk(package, errors):
            if import_one(name, errors):
                checked += 1
    for line in errors:
        print(line)
    print(f"checked {checked} modules in {', '.join(packages)}: {len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
