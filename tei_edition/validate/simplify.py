"""notAllowed propagation through a pruned RELAX NG grammar.

A grammar pruned to the elements a corpus uses (``schemas.RNGSchema.compile``) keeps the
structure of the full one: tei_all's content models are choices of refs to class defines
(``model.phraseLike`` → ``model.hiLike`` …) whose members are mostly ``notAllowed`` now.
libxml2 keeps those refs and walks them for every child it validates: a paragraph with
twenty names cost ~6 ms. Rewriting the grammar the way the RELAX NG specification
simplifies ``notAllowed`` (section 4.20) leaves only what can match, and validation gets
~10× faster with the same verdicts: every rewrite replaces a pattern by an equivalent one.

* ``attribute``, ``list``, ``group``, ``interleave``, ``oneOrMore``, ``mixed`` with a
  ``notAllowed`` part become ``notAllowed`` (the spec's rule; a part of the implicit
  group of several children counts);
* an ``element`` whose content is ``notAllowed`` matches no element: ``notAllowed``;
* ``optional`` and ``zeroOrMore`` of ``notAllowed`` become ``empty``;
* a ``choice`` loses its ``notAllowed`` alternatives; with none left it is ``notAllowed``,
  with one left it is that one;
* a ``group`` or ``interleave`` of one pattern is that pattern (4.12). Needed too:
  libxml2 loops for ever compiling ``element lc { group { oneOrMore { lc | c } },
  attribute o? }`` (the group of one, an attribute and recursion together);
* ``empty`` beside other patterns in a group is removed (4.21);
* a ``define`` that matches no finite tree (it can only contain itself) is
  ``notAllowed``;
* a ``define`` that is ``notAllowed`` (every part of a ``combine="choice"``, any part of
  one of ``interleave``) is removed and each ``ref`` to it becomes ``notAllowed``; the
  parts of a ``combine="choice"`` define that are ``notAllowed`` are removed.

Only for flat grammars (no ``include``, ``externalRef``, nested ``grammar`` or
``parentRef``, where a define's name is one name everywhere); the caller checks.
"""

from __future__ import annotations

from lxml import etree

RNG_NS = "http://relaxng.org/ns/structure/1.0"
_R = f"{{{RNG_NS}}}"
_NOT_ALLOWED = f"{_R}notAllowed"
_EMPTY = f"{_R}empty"
_ANY_PART = frozenset(f"{_R}{t}" for t in ("group", "interleave", "oneOrMore", "list", "mixed"))
_MAYBE = frozenset({f"{_R}optional", f"{_R}zeroOrMore"})
_NAMED = frozenset({f"{_R}element", f"{_R}attribute"})
# Parents whose several pattern children form a group (explicit or implicit); the
# children of choice and except are alternatives instead.
_GROUPING = frozenset(f"{_R}{t}" for t in (
    "group", "interleave", "element", "attribute", "define", "start", "oneOrMore",
    "zeroOrMore", "optional", "list", "mixed"))
_WRAPPERS = frozenset({f"{_R}group", f"{_R}interleave"})
_INHERITED = ("ns", "datatypeLibrary")  # attributes whose value descendants inherit


def _patterns(el: etree._Element) -> list[etree._Element]:
    """The RELAX NG children of ``el`` (annotations in other namespaces left out); for
    an element or attribute pattern without @name, its name class is left out too."""
    kids = [c for c in el if isinstance(c.tag, str) and c.tag.startswith(_R)]
    if el.tag in _NAMED and el.get("name") is None:
        return kids[1:]
    return kids


def _replace(el: etree._Element, tag: str) -> None:
    el.getparent().replace(el, etree.Element(tag))


def _unwrap(el: etree._Element, only: etree._Element) -> bool:
    """Put ``el``'s one pattern child in its place (a choice or group of one pattern is
    that pattern, 4.12); whether it was done."""
    parent = el.getparent()
    if el.nsmap != parent.nsmap:
        return False  # prefixes declared here may be used in names below: leave it
    for name in _INHERITED:  # what el passed down, the child now does
        if el.get(name) is not None and only.get(name) is None:
            only.set(name, el.get(name))
    parent.replace(el, only)
    return True


def _rewrite(root: etree._Element, dead: set[str]) -> bool:
    """One bottom-up pass (children before their parents); whether anything changed."""
    changed = False
    for el in reversed(list(root.iter(f"{_R}*"))):
        parent = el.getparent()
        if parent is None:
            continue
        tag = el.tag
        if tag == f"{_R}ref":
            if el.get("name") in dead:
                _replace(el, _NOT_ALLOWED)
                changed = True
            continue
        if tag == f"{_R}choice":
            kids = _patterns(el)
            for kid in kids:
                if kid.tag == _NOT_ALLOWED:
                    el.remove(kid)
                    changed = True
            left = [k for k in kids if k.tag != _NOT_ALLOWED]
            if not left and kids:
                _replace(el, _NOT_ALLOWED)
                changed = True
            elif len(left) == 1:
                changed = _unwrap(el, left[0]) or changed
            continue
        if tag in _WRAPPERS:
            kids = _patterns(el)
            if len(kids) == 1 and kids[0].tag != _NOT_ALLOWED:
                changed = _unwrap(el, kids[0]) or changed
                continue
        if tag in _ANY_PART or tag in _NAMED:
            if any(k.tag == _NOT_ALLOWED for k in _patterns(el)):
                _replace(el, _NOT_ALLOWED)
                changed = True
        elif tag in _MAYBE and any(k.tag == _NOT_ALLOWED for k in _patterns(el)):
            if _in_group(el):
                parent.remove(el)
            else:
                _replace(el, _EMPTY)
            changed = True
        elif tag == _EMPTY and _in_group(el):
            parent.remove(el)
            changed = True
    return changed


def _in_group(el: etree._Element) -> bool:
    """Whether ``el`` has pattern siblings it forms a group with: then an ``empty``
    in its place can go (``group(p, empty)`` is ``p``, 4.21). Needed, not only tidy:
    libxml2 2.9–2.12 rejects ``<b/><b/>`` against ``oneOrMore(b, empty)``."""
    parent = el.getparent()
    return parent.tag in _GROUPING and len(_patterns(parent)) > 1


def _dead_defines(root: etree._Element, dead: set[str]) -> bool:
    """Mark the defines that are ``notAllowed``; drop the ``notAllowed`` parts of choice
    combinations. Whether any define was marked."""
    parts: dict[str, list[etree._Element]] = {}
    for define in root.iter(f"{_R}define"):
        parts.setdefault(define.get("name", ""), []).append(define)
    marked = False
    for name, defines in parts.items():
        if name in dead:
            continue
        blocked = [any(k.tag == _NOT_ALLOWED for k in _patterns(d)) for d in defines]
        combine = next((d.get("combine") for d in defines if d.get("combine")), None)
        if all(blocked) or (combine == "interleave" and any(blocked)):
            dead.add(name)
            marked = True
            for define in defines:
                define.getparent().remove(define)
        elif combine == "choice" and any(blocked):
            for define, out in zip(defines, blocked, strict=True):
                if out:
                    define.getparent().remove(define)
    return marked


def _productive(el: etree._Element, defines: set[str]) -> bool:
    """Whether pattern ``el`` matches something finite, given the productive defines."""
    tag = el.tag
    if tag == _NOT_ALLOWED:
        return False
    if tag == f"{_R}ref":
        return el.get("name") in defines
    if tag in _MAYBE:
        return True
    kids = _patterns(el)
    if tag == f"{_R}choice":
        return any(_productive(k, defines) for k in kids)
    if tag in _GROUPING or tag == f"{_R}define":
        return all(_productive(k, defines) for k in kids)
    return True  # empty, text, data, value: match a string


def _unproductive(root: etree._Element) -> set[str]:
    """The defines that match no finite tree, such as ``listChange`` once ``change`` is
    pruned (a listChange must then contain a listChange, forever). They are
    ``notAllowed``; left in, libxml2 2.9 loops for ever compiling them."""
    parts: dict[str, list[etree._Element]] = {}
    for define in root.iter(f"{_R}define"):
        parts.setdefault(define.get("name", ""), []).append(define)
    productive: set[str] = set()
    grew = True
    while grew:  # least fixpoint: a define is productive once one of its parts is
        grew = False
        for name, defines in parts.items():
            if name in productive:
                continue
            combine = next((d.get("combine") for d in defines if d.get("combine")), None)
            made = [_productive(d, productive) for d in defines]
            if all(made) if combine == "interleave" else any(made):
                productive.add(name)
                grew = True
    return set(parts) - productive


def simplify(grammar: etree._ElementTree) -> etree._ElementTree:
    """Propagate ``notAllowed`` through ``grammar`` (in place) until nothing changes."""
    root = grammar.getroot()
    dead: set[str] = set()
    while True:
        changed = _rewrite(root, dead)
        if _dead_defines(root, dead) or changed:
            continue
        barren = _unproductive(root)
        if not barren:
            return grammar
        dead |= barren
        for define in list(root.iter(f"{_R}define")):
            if define.get("name") in barren:
                define.getparent().remove(define)
