"""Exceptions that know their exit code and how to print themselves.

Modelled on click's ``ClickException``: the CLI catches :class:`TeiEditionError`
once, prints ``str(error)`` on stderr and exits with ``error.exit_code``; no
traceback reaches a user unless ``--debug`` is given.
"""

from __future__ import annotations

from pathlib import Path


class TeiEditionError(Exception):
    """Base class: a problem the user can fix. Exit code 1."""

    exit_code = 1

    def render(self) -> str:
        """The one line printed on stderr."""
        return f"error: {self}"


class UsageError(TeiEditionError):
    """The command was called wrongly (bad option, missing file). Exit code 2."""

    exit_code = 2


class SourceError(TeiEditionError):
    """A problem at a place in an input file, printed as ``file:line:col: message``."""

    def __init__(
        self,
        message: str,
        path: str | Path | None = None,
        line: int | None = None,
        col: int | None = None,
    ) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.col = col
        super().__init__(self.location() + message)

    def render(self) -> str:
        return f"{self.location()}error: {self.message}"

    def location(self) -> str:
        parts = [p for p in (self.path, self.line, self.col) if p is not None]
        return ":".join(str(p) for p in parts) + ": " if parts else ""


class TranscriptionError(SourceError):
    """A plain transcription does not follow the grammar (docs/transcription-format.md)."""


class XMLInputError(SourceError):
    """An XML file is not well-formed, or is hostile (entities, DTDs, network access)."""


class InvalidDocumentError(TeiEditionError):
    """A generated document failed validation; nothing was written for it."""


class OutputError(TeiEditionError):
    """An output cannot be written (a link, a folder, no permission, a full disk). Exit 1."""
