"""Transcription file → canonical TEI tree: the public ``convert`` step."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from . import metadata, transcription
from .encode import encode
from .metadata import EditionMeta


def convert(
    path: str | Path,
    meta: EditionMeta | None = None,
    *,
    encoding: str | None = None,
) -> etree._ElementTree:
    """Convert a plain transcription to canonical TEI.

    ``meta`` defaults to the ``edition.toml`` beside the transcription, if any.
    Raises :class:`~tei_edition.errors.TranscriptionError` on a malformed file.
    """
    path = Path(path)
    if meta is None:
        meta = metadata.load(path.parent / metadata.METADATA_FILE)
    return encode(transcription.read(path, encoding), meta)
