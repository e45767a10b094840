"""tei-edition: plain transcriptions to canonical TEI P5 — convert, validate, export.

The public API; the ``tei-edition`` command is a thin layer over these::

    from tei_edition import convert, validate, export, build
    tree = convert("source/1920-11-29-soviet-press.txt")
    report = validate(["build/tei/1920-11-29-soviet-press.xml"])
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING

from .errors import TeiEditionError, TranscriptionError, UsageError

__version__ = "0.1.0"

# The functions load on first use: `tei-edition validate` over a corpus should not pay
# for importing the converter and the exporters (PEP 562 module attributes).
_LAZY = {
    "build": "edition",
    "convert": "convert",
    "export": "export",
    "transform": "export",
    "validate": "validate",
    "is_valid": "validate",
    "iter_issues": "validate",
}

if TYPE_CHECKING:
    from .convert import convert
    from .edition import build
    from .export import export, transform
    from .validate import is_valid, iter_issues, validate


class _Package(types.ModuleType):
    """The package module. Three submodules share a name with a public function
    (tei_edition.convert, .export, .validate); importing a submodule sets the package's
    attribute to it, so that assignment is refused and the name stays the function."""

    def __getattr__(self, name: str) -> object:
        if name not in _LAZY:
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f".{_LAZY[name]}", self.__name__), name)
        self.__dict__[name] = value
        return value

    def __setattr__(self, name: str, value: object) -> None:
        if name in _LAZY and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(_LAZY))


sys.modules[__name__].__class__ = _Package

__all__ = [
    "TeiEditionError",
    "TranscriptionError",
    "UsageError",
    "__version__",
    "build",
    "convert",
    "export",
    "is_valid",
    "iter_issues",
    "transform",
    "validate",
]
