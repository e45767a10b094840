"""A problem found in a document, as data; renderers turn lists of them into reports.

Modelled on xmlschema's ``XMLSchemaValidationError``: an issue holds where it is
(file, line, column, XPath), what rule found it and a message; rendering is separate.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Issue:
    file: str
    line: int | None
    col: int | None
    severity: str
    """``error`` (the document is invalid) or ``warning`` (it is valid but suspicious)."""
    rule: str
    """A stable rule id, e.g. ``xsd``, ``rng``, ``wellformed``, ``ref-resolves``."""
    message: str
    xpath: str | None = None
    source: str | None = None
    """For converted documents: the transcription line the problem comes from."""

    def render(self) -> str:
        """``path:line:col: severity: [rule] message`` — the format editors and CI read."""
        where = ":".join(str(p) for p in (self.file, self.line, self.col) if p is not None)
        text = f"{where}: {self.severity}: [{self.rule}] {self.message}"
        if self.xpath:
            text += f" (at {self.xpath})"
        if self.source:
            text += f" (from {self.source})"
        return text

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"
