"""Checks shared by the tests of the HTML exports: standalone pages, resolving links."""

from __future__ import annotations

import re

from lxml import html

# Elements that load something by themselves; a standalone page has none.
EMBEDDING = ("script", "link", "iframe", "object", "embed")


def internal_links_resolve(doc: html.HtmlElement) -> list[str]:
    """The ``#x`` links whose target id is missing (empty when all resolve)."""
    ids = set(doc.xpath("//@id"))
    return [h for h in doc.xpath("//@href") if h.startswith("#") and h[1:] not in ids]


def network_loads(doc: html.HtmlElement, embedding: tuple[str, ...] = EMBEDDING
                  ) -> list[tuple[str, str, str]]:
    """Attributes that would fetch something (any src/href except <a href>), and
    elements of the ``embedding`` kinds."""
    found = []
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in ("src", "href", "srcset", "data", "poster"):
            value = el.get(attr)
            if value is None or (el.tag == "a" and attr == "href"):
                continue
            if re.match(r"(?i)\s*(https?:)?//", value) or el.tag in ("link", "script"):
                found.append((el.tag, attr, value))
    found += [(el.tag, "", "") for el in doc.iter(*embedding)]
    return found
