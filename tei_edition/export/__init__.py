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
        Format("register", "html/register.xsl", ".html", "register page with every mention"),
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


@functools.cache
def user_stylesheet(path: Path) -> etree.XSLT:
    """A user's own XSLT 1.0 file, read with the safe parser and run under the same
    access control as ours: it may not read, write or fetch anything."""
    try:
        return etree.XSLT(parse(path), access_control=ACCESS)
    except etree.XSLTParseError as exc:
        raise TeiEditionError(f"{path}: not a usable XSLT 1.0 stylesheet: {exc}") from None


def _suffix(xslt: etree.XSLT) -> str:
    method = xslt.xslt_tree.getroot().find("{http://www.w3.org/1999/XSL/Transform}output")
    kind = method.get("method", "xml") if method is not None else "xml"
    return {"html": ".html", "text": ".txt"}.get(kind, ".xml")


def transform(tree: etree._ElementTree, name: str | etree.XSLT, *, source: str = "",
              **params: str) -> bytes:
    """Run the stylesheet for ``name`` (or a compiled one) over ``tree``.

    String parameters are quoted for XSLT. A stylesheet that tries to read or write a
    file or the network is stopped: :class:`TeiEditionError` naming ``source``.
    """
    xslt = stylesheet(name) if isinstance(name, str) else name
    label = name if isinstance(name, str) else "XSLT"
    try:
        result = xslt(tree, **{k: etree.XSLT.strparam(v) for k, v in params.items()})
    except etree.XSLTApplyError as exc:
        where = f"{source}: " if source else ""
        raise TeiEditionError(f"{where}{label} export failed: {exc} (stylesheets may not "
                              "read or write files or use the network)") from None
    data = bytes(result)
    return data if data.endswith(b"\n") else data + b"\n"


def export(
    paths: Iterable[str | Path],
    fmt: str,
    out_dir: str | Path | None = None,
    *,
    diplomatic: bool = False,
    xslt: str | Path | None = None,
    **params: str,
) -> list[Path]:
    """Export TEI files to ``fmt`` (``html`` or ``text``); returns the files written.

    With ``diplomatic=True`` the text export reproduces the source transcription; with
    ``xslt`` a stylesheet of the user's replaces ours. Files are written next to their
    input unless ``out_dir`` is given.
    """
    if diplomatic:
        if fmt != "text":
            raise UsageError("--diplomatic applies to the text export only")
        fmt = "diplomatic"
    if fmt not in FORMATS or fmt in ("index", "register"):
        raise UsageError(f"unknown export format {fmt!r}; choose html or text")
    sheet: str | etree.XSLT = fmt
    suffix = FORMATS[fmt].suffix
    if xslt is not None:
        sheet = user_stylesheet(Path(xslt))
        suffix = _suffix(sheet)
    written = []
    for path in paths:
        path = Path(path)
        data = transform(parse(path), sheet, source=str(path), **params)
        target = (Path(out_dir) if out_dir else path.parent) / (path.stem + suffix)
        if target.resolve() == path.resolve():
            raise UsageError(f"{target} would overwrite its input; give another folder with -o")
        write_atomic(target, data)
        written.append(target)
    return written
