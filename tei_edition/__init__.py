"""tei-edition: plain transcriptions to canonical TEI P5 — convert, validate, export.

The public API; the ``tei-edition`` command is a thin layer over these::

    from tei_edition import convert, validate, export, build
    tree = convert("source/1920-11-29-soviet-press.txt")
    report = validate(["build/tei/1920-11-29-soviet-press.xml"])
"""

__version__ = "0.1.0"

# Submodules share these names (tei_edition.export, .validate, .convert): importing
# the functions here, eagerly, is what keeps `tei_edition.export` the function.
from .convert import convert
from .edition import build
from .errors import TeiEditionError, TranscriptionError, UsageError
from .export import export, transform
from .validate import is_valid, iter_issues, validate

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
