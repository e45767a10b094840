"""Reading and writing XML safely: one parser, one writer.

Every place tei-edition reads XML goes through :func:`parse`, whose parser never
resolves entities, never loads a DTD and never touches the network; documents
that declare entities or point at an external DTD are refused outright rather
than half-trusted. Every file tei-edition writes goes through :func:`write_atomic`,
so an interrupted run leaves either the old file or the new one, never a torso.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from .errors import OutputError, UsageError, XMLInputError

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XI_NS = "http://www.w3.org/2001/XInclude"
NSMAP = {"tei": TEI_NS, "xi": XI_NS}
# Where a converted document names the transcription it was made from (encode.py).
TRANSCRIPTION_REF = (
    "tei:teiHeader/tei:encodingDesc/tei:appInfo/tei:application/tei:ref[@type='transcription']"
)


def make_parser(*, collect_ids: bool = True) -> etree.XMLParser:
    """The one parser configuration tei-edition uses for untrusted XML."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,  # keeps libxml2's limits on depth, text size and amplification
        remove_blank_text=False,
        collect_ids=collect_ids,
    )


_PARSER = make_parser()
# A second parser for documents with duplicate xml:ids: libxml2 refuses them
# when it collects ids, but they should be reported by the validator, not crash it.
_LENIENT_IDS_PARSER = make_parser(collect_ids=False)


_ENTITIES_REFUSED = (
    "the document declares entities in its DOCTYPE; entity declarations are refused for safety "
    "(XXE, entity expansion). Replace the entities by their characters."
)
_EXTERNAL_DTD_REFUSED = (
    "the document points at an external DTD; external DTDs are never loaded. Remove the "
    "DOCTYPE: TEI P5 needs none."
)


def _refuse_hostile(tree: etree._ElementTree, name: str) -> None:
    docinfo = tree.docinfo
    dtd = docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise XMLInputError(
            _ENTITIES_REFUSED,
            name,
            1,
        )
    if docinfo.system_url or docinfo.public_id:
        raise XMLInputError(
            f"{_EXTERNAL_DTD_REFUSED} ({docinfo.system_url or docinfo.public_id})",
            name,
            1,
        )


_DOCTYPE = re.compile(rb"<!DOCTYPE\s[^\[>]*(\[.*?\]\s*)?>", re.S)


def _refuse_hostile_prolog(data: bytes, name: str) -> None:
    """Refuse entity declarations and external DTDs before libxml2 sees them."""
    head = data[: 1 << 20]
    if b"<!DOCTYPE" not in head:
        return
    m = _DOCTYPE.search(head)
    decl = m.group() if m else head[head.index(b"<!DOCTYPE"):]
    line = data.count(b"\n", 0, head.index(b"<!DOCTYPE")) + 1
    if b"<!ENTITY" in decl:
        raise XMLInputError(
            _ENTITIES_REFUSED,
            name, line,
        )
    internal = m.group(1) if m and m.group(1) else b""
    if re.search(rb"\b(SYSTEM|PUBLIC)\b", decl.replace(internal, b"")):
        raise XMLInputError(
            _EXTERNAL_DTD_REFUSED,
            name, line,
        )


def parse_bytes(data: bytes, name: str = "<string>") -> etree._ElementTree:
    """Parse XML bytes with the safe parser; raise :class:`XMLInputError` on any problem."""
    _refuse_hostile_prolog(data, name)
    for parser in (_PARSER, _LENIENT_IDS_PARSER):
        try:
            root = etree.fromstring(data, parser, base_url=name if name != "<string>" else None)
        except etree.XMLSyntaxError as exc:
            if parser is _PARSER and "already defined" in str(exc):
                continue
            line, col = exc.position if exc.position else (None, None)
            raise XMLInputError(_syntax_message(exc), name, line, col) from None
        tree = root.getroottree()
        _refuse_hostile(tree, name)
        return tree
    raise AssertionError("unreachable")


def parse(path: str | Path) -> etree._ElementTree:
    """Parse an XML file with the safe parser; raise :class:`XMLInputError` on any problem."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise XMLInputError(f"cannot read the file: {exc.strerror}", path) from None
    return parse_bytes(data, str(path))


def _syntax_message(exc: etree.XMLSyntaxError) -> str:
    msg = exc.msg or str(exc)
    # libxml2 appends ", line N, column M" which we already print as a location.
    head, sep, _ = msg.rpartition(", line ")
    msg = head if sep else msg
    if "Entity" in msg or "entity" in msg:
        msg += " (entities are not resolved: replace them by their characters)"
    return "not well-formed XML: " + msg


# Our temporary files carry this prefix, so that cleaning up after a killed run removes
# only what tei-edition itself left, never an editor's own ``.notes.tmp``.
TEMP_PREFIX = ".tei-edition-"
_TEMP_NAME = re.compile(re.escape(TEMP_PREFIX) + r"[0-9a-f]{8}-.*\.tmp\Z", re.S)


def _temporary(path: Path) -> Path:
    """A fresh name beside ``path`` for writing it, of the form _TEMP_NAME matches."""
    return path.parent / f"{TEMP_PREFIX}{os.urandom(4).hex()}-{path.name}.tmp"
LOCK_FILE = ".tei-edition.lock"


def write_atomic(path: str | Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    What is already at ``path`` decides how: a regular file (or nothing) is replaced by
    rename; a device, FIFO or socket (``-o /dev/null``, ``-o >(…)``) is written straight
    through, since a rename would replace the device node itself; a symbolic link is
    refused. Writing through a link would let a link planted in an output folder redirect
    the write to any file the user may write (``~/.bashrc``); replacing it would silently
    break a link the user made on purpose. Refusing is the only choice that never writes
    somewhere the user did not name. A regular file that already holds exactly ``data``
    is left as it is (see :func:`_holds`). Problems are :class:`OutputError` (one line,
    exit 1).
    """
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        if _replaceable(path):
            if not _holds(path, data):
                _write_replacing(path, data)
        else:
            _write_through(path, data)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None


def _replaceable(path: Path) -> bool:
    """True for a regular file or nothing (replace by rename), False for a device or
    FIFO (write through); :class:`OutputError` for a link, a folder or an empty name."""
    if not str(path) or str(path) == ".":
        raise UsageError("the output path is empty: name a file")
    try:
        info = path.lstat()
    except FileNotFoundError:
        return True
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from None
    if stat.S_ISLNK(info.st_mode):
        raise OutputError(f"refusing to write {path}: it is a symbolic link (to "
                          f"{os.readlink(path)}); tei-edition never writes through links. "
                          "Remove the link or name its target")
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(f"cannot write {path}: it is a folder")
    return stat.S_ISREG(info.st_mode)


def _holds(path: Path, data: bytes) -> bool:
    """Whether ``path`` is a regular file holding exactly ``data``. Such a file is not
    written again: it keeps its inode and time, so a rebuild that changes nothing writes
    nothing (rsync and web caches see only what changed), and no new file is created —
    on ext4, creating files where many were just replaced costs ~0.2 ms each."""
    try:
        info = path.lstat()
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
        return False
    with open(path, "rb") as handle:
        return handle.read() == data


def _write_through(path: Path, data: bytes) -> None:
    """Write to a device or FIFO in place; O_NOFOLLOW: it may not turn into a link."""
    fd = os.open(path, os.O_WRONLY | os.O_NOFOLLOW | os.O_NOCTTY)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def _write_replacing(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temporary(path)
    try:
        # Created inside the try, so an interrupt at any point removes it again.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        # Also on KeyboardInterrupt: never leave the temporary file behind.
        tmp.unlink(missing_ok=True)
        raise


def remove_stale_temporaries(folder: Path) -> None:
    """Remove temporary files an earlier, killed run of ours left behind: only files
    named by :func:`write_atomic` (``.tei-edition-XXXXXXXX-NAME.tmp``), nothing else."""
    for stale in folder.rglob(f"{TEMP_PREFIX}*.tmp"):
        if _TEMP_NAME.match(stale.name) and not stale.is_symlink() and stale.is_file():
            stale.unlink(missing_ok=True)


class OutputLock:
    """An exclusive ``flock`` on ``FOLDER/.tei-edition.lock``, held while the object lives
    (or until :meth:`release`), so two builds never write into one folder at once. The
    lock is the kernel's: a killed build releases it, no stale lock is left to remove."""

    def __init__(self, folder: str | Path) -> None:
        import fcntl  # POSIX only; imported here so that reading XML needs no fcntl

        folder = Path(folder)
        lock = folder / LOCK_FILE
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._fd: int | None = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        except OSError as exc:
            raise OutputError(f"cannot write into {folder}: {exc.strerror or exc}") from None
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(self._fd, 32, 0).decode("ascii", "replace").strip()
            self.release()
            raise OutputError(f"another build is writing into {folder}/ (pid {holder or '?'}): "
                              "wait for it to finish, or build into another folder") from None
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, f"{os.getpid()}\n".encode(), 0)

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the last descriptor releases the flock
            self._fd = None

    def __enter__(self) -> OutputLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def __del__(self) -> None:
        self.release()


def serialize(tree: etree._ElementTree | etree._Element) -> bytes:
    """Serialise a TEI tree the one canonical way: UTF-8, XML declaration, final newline."""
    # lxml writes the declaration with single quotes; write the usual form ourselves.
    body = etree.tostring(tree, encoding="UTF-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"


_PREFIXES = {TEI_NS: "tei", XI_NS: "xi"}


def element_xpath(el: etree._Element) -> str:
    """A readable XPath for ``el``: ``/tei:TEI/tei:text/tei:body/tei:div/tei:p[6]/tei:q[1]``.

    TEI and XInclude elements use the ``tei:``/``xi:`` prefixes of :data:`NSMAP`; other
    namespaces fall back to ``*[n]``, so the path always resolves with that map. For
    many elements of one tree use a :class:`PathIndex`: this scans siblings each call.
    """
    return PathIndex()(el)


class PathIndex:
    """:func:`element_xpath` for many elements of a tree: each parent's children are
    numbered once, so a path costs its depth, not its siblings (40 000 problems among
    40 000 siblings would otherwise be 1.6 billion steps)."""

    def __init__(self) -> None:
        # parent → {child: (step name, position or 0 when alone)}; keys keep proxies alive
        self._steps: dict[etree._Element, dict[etree._Element, str]] = {}

    def __call__(self, el: etree._Element) -> str:
        steps = []
        while el is not None and isinstance(el.tag, str):
            parent = el.getparent()
            if parent is None:
                steps.append(self._name(el))
                break
            numbered = self._steps.get(parent)
            if numbered is None:
                numbered = self._steps[parent] = self._number(parent)
            steps.append(numbered[el])
            el = parent
        return "/" + "/".join(reversed(steps))

    @staticmethod
    def _name(el: etree._Element) -> str:
        qname = etree.QName(el)
        prefix = _PREFIXES.get(qname.namespace or "")
        if qname.namespace and prefix is None:
            return "*"
        return f"{prefix}:{qname.localname}" if prefix else qname.localname

    def _number(self, parent: etree._Element) -> dict[etree._Element, str]:
        children = [c for c in parent if isinstance(c.tag, str)]
        names = [self._name(c) for c in children]
        # A named step counts siblings of the same tag; '*' counts every element sibling.
        total: dict[object, int] = {}
        for child in children:
            total[child.tag] = total.get(child.tag, 0) + 1
        seen: dict[object, int] = {}
        out = {}
        for i, (child, name) in enumerate(zip(children, names, strict=True)):
            seen[child.tag] = seen.get(child.tag, 0) + 1
            n, of = (i + 1, len(children)) if name == "*" else (seen[child.tag], total[child.tag])
            out[child] = f"{name}[{n}]" if of > 1 else name
        return out


def readable_xpath(tree: etree._ElementTree, path: str) -> str:
    """Turn a positional path from libxml2 (``/*/*[2]/*[1]``) into :func:`element_xpath`."""
    try:
        found = tree.xpath(path, namespaces=NSMAP)
    except etree.XPathError:
        return path
    if found and isinstance(found[0], etree._Element):
        return element_xpath(found[0])
    return path


def write_atomic_many(items: Iterable[tuple[str | Path, bytes | str]]) -> None:
    """:func:`write_atomic` for many files with one flush to disk instead of one each.

    Every temporary file is written, then ``os.sync()`` makes them durable together,
    then each is renamed into place: each target is still the old or the new file,
    never a torso, but a corpus of thousands of outputs pays one flush, not thousands
    (an fsync costs ~4 ms here). Files that already hold their bytes are left alone
    (:func:`_holds`). Temporary files are removed on any failure.
    """
    pending: list[tuple[Path, Path]] = []
    done = 0
    try:
        for target, data in items:
            path = Path(target)
            if not _replaceable(path):  # a device or FIFO: written through, now
                write_atomic(path, data)
                continue
            payload = data.encode("utf-8") if isinstance(data, str) else data
            if _holds(path, payload):
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = _temporary(path)
            pending.append((tmp, path))
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
        if pending:
            os.sync()
        for tmp, path in pending:
            os.replace(tmp, path)
            done += 1  # renames that succeeded: the cleanup skips them
    except BaseException:  # also on KeyboardInterrupt: leave no temporary file behind
        for tmp, _ in pending[done:]:
            tmp.unlink(missing_ok=True)
        raise
