"""tei-edition: plain transcriptions to canonical TEI P5 — convert, validate, export.

The public API; the ``tei-edition`` command is a thin layer over these::

    from tei_edition import convert, validate, export, build
    tree = convert("source/1920-11-29-soviet-press.txt")
    report = validate(["build/tei/1920-11-29-soviet-press.xml"])
"""

__version__ = "0.1.0"

# The public API is imported on first use, so `tei-edition validate` does not pay for
# the converter and the exporters at start-up.
_API = {
    "convert": ".convert",
    "build": ".edition",
    "TeiEditionError": ".errors",
    "TranscriptionError": ".errors",
    "UsageError": ".errors",
    "export": ".export",
    "transform": ".export",
    "is_valid": ".validate",
    "iter_issues": ".validate",
    "validate": ".validate",
}


def __getattr__(name: str) -> object:
    if name in _API:
        import importlib

        return getattr(importlib.import_module(_API[name], __name__), name)
    raise AttributeError(f"module 'tei_edition' has no attribute {name!r}")


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
