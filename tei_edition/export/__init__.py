"""Exporters: XSLT 1.0 stylesheets shipped in ``tei_edition/xslt``, run by lxml.

A name → stylesheet registry (as xmldiff registers its formatters). Each stylesheet
is compiled once per process and run with an access control that forbids reading
or writing files and the network from inside the stylesheet.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import TeiEditionError, UsageError
from ..xmlio import parse, write_atomic

XSLT_DIR = Path(__file__).resolve().parent.parent / "xslt"

# Stylesheets may not touch files or the network: documents are untrusted.
ACCESS = etree.XSLTAccessControl.DENY_ALL


@dataclass(frozen=True)
class Format:
    name: str
    stylesheet: str
    suffix: str
    description: str


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("html", "html/document.xsl", ".html", "standalone HTML reading page"),
        Format("text", "text/reading.xsl", ".txt", "plain reading text, notes at the end"),
        Format(
            "diplomatic",
            "text/diplomatic.xsl",
            ".txt",
            "the plain transcription the TEI was converted from",
        ),
        Format("index", "html/index.xsl", ".html", "edition listing page"),
    )
}


@functools.cache
def stylesheet(name: str) -> etree.XSLT:
    """The compiled stylesheet for a format name (compiled once per process)."""
    try:
        fmt = FORMATS[name]
    except KeyError:
        raise UsageError(
            f"unknown export format {name!r}; choose from {', '.join(FORMATS)}"
        ) from None
    # Stylesheets are our own files: xsl:import/include need the file system at compile time.
    return etree.XSLT(etree.parse(str(XSLT_DIR / fmt.stylesheet)), access_control=ACCESS)


def transform(tree: etree._ElementTree, name: str, **params: str) -> bytes:
    """Run the stylesheet for ``name`` over ``tree``; string parameters are quoted for XSLT."""
    xslt = stylesheet(name)
    try:
        result = xslt(tree, **{k: etree.XSLT.strparam(v) for k, v in params.items()})
    except etree.XSLTApplyError as exc:
        raise TeiEditionError(f"{name} export failed: {exc}") from None
    data = bytes(result)
    return data if data.endswith(b"\n") else data + b"\n"


def export(
    paths: Iterable[str | Path],
    fmt: str,
    out_dir: str | Path | None = None,
    *,
    diplomatic: bool = False,
    **params: str,
) -> list[Path]:
    """Export TEI files to ``fmt`` (``html`` or ``text``); returns the files written.

    With ``diplomatic=True`` the text export reproduces the source transcription.
    Files are written next to their input unless ``out_dir`` is given.
    """
    if diplomatic:
        if fmt != "text":
            raise UsageError("--diplomatic applies to the text export only")
        fmt = "diplomatic"
    spec = FORMATS.get(fmt)
    if spec is None or fmt == "index":
        raise UsageError(f"unknown export format {fmt!r}; choose html or text")
    written = []
    for path in paths:
        path = Path(path)
        data = transform(parse(path), fmt, **params)
        target = (Path(out_dir) if out_dir else path.parent) / (path.stem + spec.suffix)
        if target.resolve() == path.resolve():
            raise UsageError(f"{target} would overwrite its input; give another folder with -o")
        write_atomic(target, data)
        written.append(target)
    return written
