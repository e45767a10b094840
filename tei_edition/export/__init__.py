"""Exporters: XSLT 1.0 stylesheets shipped in ``tei_edition/xslt``, run by lxml.

A name → stylesheet registry (as xmldiff registers its formatters). Each stylesheet
is compiled once per process and run with an access control that forbids reading
or writing files and the network from inside the stylesheet.
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from ..errors import TeiEditionError, UsageError
from ..parallel import jobs_for, ordered_map
from ..xmlio import make_parser, parse, parse_bytes, write_atomic_many

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
        Format("markdown", "markdown/document.xsl", ".md",
               "Markdown with YAML front matter and [^n] footnotes (Pandoc, static sites)"),
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


class _SafeIncludes(etree.Resolver):
    """Resolves a user stylesheet's xsl:include/xsl:import: only files in its folder,
    read through the safe parser (no entities, no DTD), never the network."""

    def __init__(self, stylesheet: Path) -> None:
        super().__init__()
        self.stylesheet = stylesheet
        self.folder = stylesheet.resolve().parent

    def resolve(self, url, pubid, context):  # type: ignore[no-untyped-def]
        parts = urlsplit(url)
        path = Path(unquote(parts.path)).resolve() if parts.scheme in ("", "file") else None
        if path is None or parts.netloc or not path.is_relative_to(self.folder):
            raise TeiEditionError(f"{self.stylesheet}: import of {url!r} refused: only files "
                                  "beside the stylesheet are read, never URLs")
        # Parse safely (refusing entities) and hand libxslt the re-serialised, clean tree.
        return self.resolve_string(etree.tostring(parse(path)), context)


@functools.cache
def user_stylesheet(path: Path) -> tuple[etree.XSLT, str]:
    """A user's own XSLT 1.0 file and the suffix its output method calls for.

    It is read with the safe parser, so are its includes (from its own folder only),
    and it runs under the same access control as ours: it may not read, write or fetch
    anything.
    """
    parser = make_parser()
    parser.resolvers.add(_SafeIncludes(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TeiEditionError(f"{path}: cannot read the stylesheet: {exc.strerror}") from None
    doc = parse_bytes(data, str(path))  # refuses entity declarations and external DTDs
    try:
        tree = etree.fromstring(data, parser, base_url=str(path.resolve())).getroottree()
        xslt = etree.XSLT(tree, access_control=ACCESS)
    except (etree.XSLTParseError, etree.XMLSyntaxError) as exc:
        raise TeiEditionError(f"{path}: not a usable XSLT 1.0 stylesheet: {exc}") from None
    output = doc.getroot().find("{http://www.w3.org/1999/XSL/Transform}output")
    method = output.get("method", "xml") if output is not None else "xml"
    return xslt, {"html": ".html", "text": ".txt"}.get(method, ".xml")


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


TEI_NS = "http://www.tei-c.org/ns/1.0"


def made_by_tei_edition(tree: etree._ElementTree) -> bool:
    """Whether the TEI says tei-edition wrote it (appInfo/application[@ident='tei-edition'])."""
    found = tree.getroot().xpath(
        "/*/t:teiHeader/t:encodingDesc/t:appInfo/t:application[@ident = 'tei-edition']",
        namespaces={"t": TEI_NS},
    )
    return bool(found)


def check_diplomatic(tree: etree._ElementTree, source: str) -> None:
    """Refuse the diplomatic export of TEI that tei-edition did not make (exit 2).

    diplomatic.xsl inverts our converter's encoding; on another edition's TEI it would
    glue del and add together and drop spacing, silently. Better no output.
    """
    if not made_by_tei_edition(tree):
        raise UsageError(
            f"{source}: --diplomatic reproduces transcriptions tei-edition converted, and "
            "this TEI was not made by tei-edition (no appInfo/application[@ident="
            "'tei-edition']); use the reading text (export text) instead"
        )


def wrap(data: bytes, width: int) -> bytes:
    """Wrap every line of a reading text at ``width`` columns, never inside a word."""
    if width < 1:
        raise UsageError(f"--width must be a positive number of columns, not {width}")
    lines = []
    for line in data.decode("utf-8").split("\n"):
        # one source line (paragraph, verse line) may become several, never fewer
        lines.extend(textwrap.wrap(line, width, break_long_words=False,
                                   break_on_hyphens=False) or [""])
    return "\n".join(lines).encode("utf-8")


def render(tree: etree._ElementTree, fmt: str | etree.XSLT, *, source: str = "",
           header: bool = True, width: int | None = None, **params: str) -> bytes:
    """One document in one format: the diplomatic check, the transform, wrapping."""
    if fmt == "diplomatic":
        check_diplomatic(tree, source)
    if isinstance(fmt, str) and fmt in ("text", "markdown"):
        params.setdefault("header", "yes" if header else "no")
    data = transform(tree, fmt, source=source, **params)
    if width is not None and fmt == "text":
        data = wrap(data, width)
    return data


# The edition's data formats (export/data.py), imported only when asked for.
DATA_FORMAT_NAMES = ("mentions", "geojson", "network", "cmif")


def export(
    paths: Iterable[str | Path],
    fmt: str,
    out_dir: str | Path | None = None,
    *,
    diplomatic: bool = False,
    xslt: str | Path | None = None,
    header: bool = True,
    width: int | None = None,
    jobs: int | None = 1,
    progress: bool | None = False,
    **params: str,
) -> list[Path]:
    """Export TEI files to ``fmt`` (``html``, ``text`` or ``markdown``, one file per
    document; or a data format of ``DATA_FORMAT_NAMES`` over all of them, written into
    ``out_dir`` — see :func:`tei_edition.export.data.export_data`); returns the files
    written.

    With ``diplomatic=True`` the text export reproduces the source transcription (of
    TEI tei-edition made; other TEI is refused, exit 2); with ``xslt`` a stylesheet of
    the user's replaces ours. ``header`` puts title, author, date, source and licence
    on top of text and Markdown; ``width`` wraps the reading text. Files are written
    next to their input unless ``out_dir`` is given. ``jobs`` > 1 exports in that many
    worker processes forked after the stylesheet is compiled (None: the machine's cores
    when the files are many); ``progress`` draws a bar on a terminal (None: when
    standard error is one and the files are many).
    """
    if fmt in DATA_FORMAT_NAMES:  # one output for all the files, not one per file
        from .data import export_data

        return export_data(paths, fmt, out_dir).written
    if diplomatic:
        if fmt != "text":
            raise UsageError("--diplomatic applies to the text export only")
        fmt = "diplomatic"
    if fmt not in FORMATS or fmt in ("index", "register"):
        raise UsageError(f"unknown export format {fmt!r}; choose html, text or markdown")
    sheet: str | etree.XSLT = fmt
    suffix = FORMATS[fmt].suffix
    if xslt is not None:
        sheet, suffix = user_stylesheet(Path(xslt))
    files = [Path(p) for p in paths]
    targets = [(Path(out_dir) if out_dir else p.parent) / (p.stem + suffix) for p in files]
    for path, target in zip(files, targets, strict=True):
        if target.resolve() == path.resolve():
            raise UsageError(f"{target} would overwrite its input; give another folder with -o")
    if isinstance(sheet, str):
        stylesheet(sheet)  # compiled before any fork: workers inherit it
    _JOB[:] = [(sheet, header, width, params)]
    from ..progress import Progress

    # Written in batches that share one flush to disk (write_atomic_many): an fsync per
    # file would cost more than the transforms.
    batch: list[tuple[Path, bytes]] = []
    with Progress(len(files), f"export {fmt}", enabled=progress) as bar:
        try:
            for target, data in zip(targets, _rendered(files, jobs_for(len(files), jobs)),
                                    strict=False):
                batch.append((target, data))
                bar.done()
                if len(batch) >= _BATCH:
                    write_atomic_many(batch)
                    batch = []
        finally:  # what was rendered before an error is written, as file by file
            write_atomic_many(batch)
    return targets


_BATCH = 256
_JOB: list[tuple[str | etree.XSLT, bool, int | None, dict[str, str]]] = []
"""The export in progress (stylesheet, header, width, params), set before forking."""


def _rendered(files: list[Path], jobs: int) -> Iterator[bytes]:
    """Each file rendered, in order; in ``jobs`` forked workers when more than one."""
    if jobs > 1 and len(files) > 1:
        for data, error in ordered_map(_export_one, files, jobs):
            _raise(error)
            yield data
        return
    sheet, header, width, params = _JOB[0]
    for path in files:  # errors raised as they are, not rendered
        yield render(parse(path), sheet, source=str(path), header=header, width=width,
                     **params)


def _export_one(path: Path) -> tuple[bytes, tuple[int, str] | None]:
    """Render one file in a worker; (exit code, message) of an error is returned rather
    than raised, since our exceptions do not all survive pickling back."""
    sheet, header, width, params = _JOB[0]
    try:
        return render(parse(path), sheet, source=str(path), header=header, width=width,
                      **params), None
    except TeiEditionError as exc:
        return b"", (exc.exit_code, exc.render())


class _WorkerError(TeiEditionError):
    """An error a worker rendered: printed as it was, with its exit code."""

    def __init__(self, exit_code: int, line: str) -> None:
        super().__init__(line)
        self.exit_code = exit_code
        self.line = line

    def render(self) -> str:
        return self.line


def _raise(error: tuple[int, str] | None) -> None:
    if error is not None:
        raise _WorkerError(*error)
