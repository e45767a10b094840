"""XInclude, processed before validation, safely.

lxml's own XInclude would let a document read any file or URL. This small
processor includes only files in the document's folder or below it, never a URL,
at most ``MAX_DEPTH`` levels deep and never in a cycle; a target that cannot be
included is replaced by the ``xi:fallback`` content when there is one (XInclude 1.0
§4.4), and is an error otherwise. ``xpointer`` is supported in its shorthand form (an
``xml:id``) and as ``element(id)``.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from ..errors import XMLInputError
from ..xmlio import XI_NS, XML_NS, parse

MAX_DEPTH = 10
_INCLUDE = f"{{{XI_NS}}}include"
_FALLBACK = f"{{{XI_NS}}}fallback"


class XIncludeError(Exception):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def included_from(el: etree._Element) -> str | None:
    """The file an element was included from (its nearest ``xml:base``), if any."""
    for node in (el, *el.iterancestors()):
        base = node.get(f"{{{XML_NS}}}base")
        if base:
            return base
    return None


def has_includes(tree: etree._ElementTree) -> bool:
    return next(tree.getroot().iter(_INCLUDE), None) is not None


def _target(href: str, base: Path, root_dir: Path) -> Path:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        raise ValueError(f"refusing to include {href!r}: only files beside the document are "
                         "included, never URLs")
    target = (base.parent / unquote(parts.path)).resolve()
    if not target.is_relative_to(root_dir):
        raise ValueError(f"refusing to include {href!r}: it lies outside the document's folder "
                         f"{root_dir}")
    return target


def _select(tree: etree._ElementTree, xpointer: str | None) -> list[etree._Element]:
    if not xpointer:
        return [tree.getroot()]
    m = re.fullmatch(r"\s*(?:element\(\s*([\w.-]+)\s*\)|([\w.-]+))\s*", xpointer)
    if not m:
        raise ValueError(f"unsupported xpointer {xpointer!r} (use an xml:id)")
    ident = m.group(1) or m.group(2)
    found = tree.getroot().xpath("//*[@xml:id=$i]", i=ident)
    if not found:
        raise ValueError(f"no element with xml:id {ident!r} in the included file")
    return found[:1]


def process(tree: etree._ElementTree, path: str | Path) -> None:
    """Replace every ``xi:include`` in ``tree`` (read from ``path``), in place."""
    path = Path(path).resolve()
    _process(tree, path, path.parent, depth=0, seen=(path,))


def _process(tree: etree._ElementTree, path: Path, root_dir: Path, depth: int,
             seen: tuple[Path, ...]) -> None:
    _process_in(tree.getroot(), path, root_dir, depth, seen)


def _active(top: etree._Element) -> list[etree._Element]:
    """The xi:include elements under ``top`` outside any xi:fallback below it: a
    fallback's own includes count only when that fallback is used (XInclude §4.4)."""
    found = []
    for include in top.iter(_INCLUDE):
        node = include.getparent()
        while node is not None and node is not top and node.tag != _FALLBACK:
            node = node.getparent()
        if node is None or node is top:
            found.append(include)
    return found


def _process_in(top: etree._Element, path: Path, root_dir: Path, depth: int,
                seen: tuple[Path, ...]) -> None:
    for include in _active(top):
        if include.getparent() is None:
            raise XIncludeError("xi:include cannot be the root element", include.sourceline)
        try:
            replacement = _resolve(include, path, root_dir, depth, seen)
        except (ValueError, LookupError, XMLInputError, OSError) as exc:
            fallback = include.find(_FALLBACK)
            if fallback is None:
                message = exc.message if isinstance(exc, XMLInputError) else str(exc)
                raise XIncludeError(f"cannot include {include.get('href')!r}: {message}; "
                                    "and it has no xi:fallback", include.sourceline) from None
            _process_in(fallback, path, root_dir, depth, seen)  # now it is used
            replacement = [fallback.text or "", *fallback]
        _replace(include, replacement)


def _resolve(include: etree._Element, path: Path, root_dir: Path, depth: int,
             seen: tuple[Path, ...]) -> list[etree._Element | str]:
    href = include.get("href", "")
    if not href:
        raise ValueError("xi:include without href (same-document includes are not supported)")
    if depth >= MAX_DEPTH:
        raise ValueError(f"includes nested more than {MAX_DEPTH} deep")
    target = _target(href, path, root_dir)
    if target in seen:
        raise ValueError(f"{href!r} includes itself (a cycle)")
    if include.get("parse", "xml") == "text":
        return [target.read_text(encoding=include.get("encoding", "utf-8"))]
    included = parse(target)
    _process(included, target, root_dir, depth + 1, (*seen, target))
    nodes = _select(included, include.get("xpointer"))
    return [_with_base(node, href) for node in nodes]


def _with_base(node: etree._Element, href: str) -> etree._Element:
    """A copy (keeping its source lines) marked with where it came from (XInclude §4.5)."""
    included = copy.deepcopy(node)
    included.tail = None
    included.set(f"{{{XML_NS}}}base", href)
    return included


def _replace(include: etree._Element, replacement: list[etree._Element | str]) -> None:
    parent = include.getparent()
    index = parent.index(include)
    tail = include.tail or ""
    text_before = ""
    elements: list[etree._Element] = []
    for item in replacement:
        if isinstance(item, str):
            if elements:
                elements[-1].tail = (elements[-1].tail or "") + item
            else:
                text_before += item
        else:
            elements.append(item)
    # Text that has no element to hang on joins the preceding text.
    if text_before:
        if index == 0:
            parent.text = (parent.text or "") + text_before
        else:
            prev = parent[index - 1]
            prev.tail = (prev.tail or "") + text_before
    parent.remove(include)
    for offset, el in enumerate(elements):
        parent.insert(index + offset, el)
    if elements:
        elements[-1].tail = (elements[-1].tail or "") + tail
    elif index == 0:
        parent.text = (parent.text or "") + tail
    else:
        parent[index - 1].tail = (parent[index - 1].tail or "") + tail
