"""Validation: schemas (our XSD, any XSD or RELAX NG) and the edition's own rules.

One engine, three entry points, as in xmlschema: :func:`iter_issues` yields every
problem in one document, :func:`validate` checks many files (in parallel with
``jobs``) and returns a :class:`Report`, and :func:`is_valid` answers yes or no.

Per file: parse safely (well-formedness problems are reported, not raised), process
XInclude, validate against each schema, run the integrity rules; then edition-wide
rules run over all files (ids unique across them, cross-document pointers).
"""

from __future__ import annotations

import dataclasses
import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import UsageError, XMLInputError
from ..issues import Issue
from ..parallel import jobs_for, run_all
from ..xmlio import NSMAP, XI_NS, parse
from . import integrity, xinclude
from .choose import BY_NOTHING, BY_OPTION, BY_UNREADABLE, Choice, Chooser, no_schema_message
from .files import changed_since, expand
from .schemas import Schema, XSDSchema, load_schema, our_schema
from .sourcemap import locate_in_transcription
from .stream import STREAM_THRESHOLD, stream_check

__all__ = [
    "Choice",
    "FileResult",
    "Report",
    "Schema",
    "changed_since",
    "check_rules",
    "expand",
    "is_valid",
    "iter_issues",
    "load_schema",
    "our_schema",
    "validate",
]


@dataclass
class FileResult:
    path: str
    issues: list[Issue] = field(default_factory=list)
    facts: integrity.Facts | None = None
    checked: bool = True
    """False when the file could not be read or parsed, so nothing was checked."""
    choice: Choice | None = None
    """The schemas chosen for it, when they were chosen per file."""


def check_file(path: str | Path, schemas: Sequence[Schema] | Chooser,
               rules: bool = True) -> FileResult:
    """Every per-document check of one file. ``schemas``: the schemas to check it
    against, or a :class:`Chooser` that picks them from the document itself (its
    xml-model, its header) once it is parsed: each file is read once."""
    name = str(path)
    try:
        size = os.stat(path).st_size
    except OSError:
        size = 0  # parse() says why it cannot be read
    choice = None
    if isinstance(schemas, Chooser) and size > STREAM_THRESHOLD:
        # A large file is streamed, so its association is read first, up to the header.
        choice, schemas = _compiled(schemas.for_file(path), name)
    if size > STREAM_THRESHOLD and len(schemas) == 1 and isinstance(schemas[0], XSDSchema):
        streamed = stream_check(Path(path), schemas[0], rules)
        if streamed is not None:
            streamed.choice = choice
            return streamed
    try:
        tree = parse(path)
    except XMLInputError as exc:
        return FileResult(name, [Issue(name, exc.line, exc.col, "error", "wellformed",
                                       exc.message)], checked=False,
                          choice=Choice((), BY_UNREADABLE))
    if isinstance(schemas, Chooser):
        choice, schemas = _compiled(schemas.for_tree(tree, name), name)
    result = check_tree(tree, name, schemas, rules)
    result.choice = choice
    return result


_COMPILED: dict[tuple[str, ...], list[Schema]] = {}


def _compiled(choice: Choice, path: str) -> tuple[Choice, list[Schema]]:
    """The schemas of a choice, compiled (once per process), and the choice naming them
    as compiled (resolved paths, as --schema runs name them)."""
    if choice.schemas not in _COMPILED:
        try:
            _COMPILED[choice.schemas] = [load_schema(s) for s in choice.schemas]
        except UsageError as exc:
            raise UsageError(f"{exc} (named for {path} by {choice.by})") from None
    schemas = _COMPILED[choice.schemas]
    return dataclasses.replace(choice, schemas=tuple(s.name for s in schemas)), schemas


def check_tree(tree: etree._ElementTree, name: str, schemas: Sequence[Schema],
               rules: bool = True) -> FileResult:
    result = FileResult(name)
    had_includes = xinclude.has_includes(tree)
    if had_includes:
        try:
            xinclude.process(tree, name)
        except xinclude.XIncludeError as exc:
            result.issues.append(Issue(name, exc.line, None, "error", "xinclude", exc.message))
            result.checked = False
            return result
    for schema in schemas:
        result.issues.extend(schema.iter_issues(tree, name))
    if rules:
        found, result.facts = integrity.check_document(tree, name)
        result.issues.extend(found)
    if result.issues and had_includes:
        # The xi:include lines are in the file as written: read it again, once.
        try:
            includes = {inc.get("href"): inc.sourceline
                        for inc in parse(name).getroot().iter(f"{{{XI_NS}}}include")}
        except XMLInputError:  # a tree given in memory: no file to read the lines from
            includes = {}
        result.issues = [_in_included_file(tree, name, issue, includes)
                         for issue in result.issues]
    if result.issues:
        result.issues = locate_in_transcription(tree, name, result.issues)
    return result


def _in_included_file(tree: etree._ElementTree, name: str, issue: Issue,
                      includes: dict[str | None, int | None]) -> Issue:
    """Issues inside included content name the included file and its line."""
    if not issue.xpath:
        return issue
    try:
        found = tree.xpath(issue.xpath, namespaces=NSMAP)
    except etree.XPathError:
        return issue
    if not found or not isinstance(found[0], etree._Element):
        return issue
    base = xinclude.included_from(found[0])
    if base is None:
        return issue
    where = str(Path(name).parent / base) + (f":{issue.line}" if issue.line else "")
    # The line reported is that of the xi:include in this file.
    return dataclasses.replace(issue, line=includes.get(base), col=None, source=where)


def iter_issues(
    document: str | Path | etree._ElementTree, schema: Schema | None = None,
    *, name: str | None = None, rules: bool = True,
) -> list[Issue]:
    """Every problem in one document: well-formedness, XInclude, schema, integrity.

    Without ``schema``, the document's own association decides, as in :func:`validate`.
    """
    tree = document if isinstance(document, etree._ElementTree) else None
    schemas: list[Schema] | Chooser = [schema] if schema is not None else Chooser()
    if tree is not None:
        name = name or tree.docinfo.URL or "<tree>"
        if isinstance(schemas, Chooser):
            schemas = _compiled(_require_schema(schemas.for_tree(tree, name), name), name)[1]
        result = check_tree(tree, name, schemas, rules)
    else:
        result = check_file(document, schemas, rules)
        if result.choice is not None:
            _require_schema(result.choice, name or str(document))
    if rules and result.facts is not None:  # pointers into other files, the register …
        result.issues.extend(integrity.check_edition([result.facts], _load_ids))
    return result.issues


def _require_schema(choice: Choice, name: str) -> Choice:
    if choice.by == BY_NOTHING:
        raise UsageError(no_schema_message([name], choice.notes))
    return choice


def check_rules(trees: Mapping[str, etree._ElementTree], *,
                unique_ids: bool | None = None) -> list[Issue]:
    """The integrity rules alone, over trees already parsed and checked against their
    schemas (``build`` holds them): per document, then across them. Keys name the files,
    as in issues."""
    issues: list[Issue] = []
    facts = []
    for name, tree in trees.items():
        found, fact = integrity.check_document(tree, name)
        issues.extend(locate_in_transcription(tree, name, found) if found else found)
        facts.append(fact)
    issues.extend(integrity.check_edition(facts, _load_ids, unique_ids=unique_ids))
    return issues


def is_valid(document: str | Path | etree._ElementTree, schema: Schema | None = None) -> bool:
    return not any(issue.is_error for issue in iter_issues(document, schema))


@dataclass
class Report:
    """The outcome of validating many files."""

    schemas: list[str]
    """Every schema used, in the order first used."""
    files: list[str] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    unchecked: list[str] = field(default_factory=list)
    choices: dict[str, Choice] = field(default_factory=dict)
    """Per file: the schemas it was checked against, how they were chosen, and notes
    on associations passed over (an xml-model URL not fetched …)."""

    def schemas_for(self, path: str) -> list[str]:
        choice = self.choices.get(path)
        return list(choice.schemas) if choice else list(self.schemas)

    @property
    def invalid(self) -> list[str]:
        bad = {issue.file for issue in self.issues if issue.is_error}
        return [f for f in self.files if f in bad or f in self.unchecked]

    @property
    def ok(self) -> bool:
        return bool(self.files) and not self.invalid

    def by_rule(self) -> Counter[str]:
        return Counter(issue.rule for issue in self.issues)

    def issues_for(self, path: str) -> list[Issue]:
        return [issue for issue in self.issues if issue.file == path]


_WORKER_SCHEMAS: list[Sequence[Schema] | Chooser] = []
"""The schemas (compiled before forking: workers inherit them) or the chooser, which
compiles what it chooses in each worker, once."""


def _worker_check(args: tuple[str, bool]) -> FileResult:
    return check_file(args[0], _WORKER_SCHEMAS[0], args[1])


def _load_ids(path: str) -> set[str] | None:
    """The xml:ids of a document outside the run (a register, a sibling)."""
    try:
        tree = parse(path)
    except XMLInputError:
        return None
    return set(tree.xpath("//@xml:id"))


def validate(
    paths: Iterable[str | Path], schemas: Sequence[Schema | str | Path] | None = None, *,
    rules: bool = True, jobs: int | None = 1, unique_ids: bool | None = None,
    catalogs: Sequence[str | Path] = (), progress: bool | None = False,
) -> Report:
    """Validate files (paths, folders or globs) against ``schemas``.

    Without ``schemas``, each file's own association decides (its ``<?xml-model?>``,
    resolved locally, with ``catalogs``; our XSD for documents tei-edition made; else
    the configured tei_all) — see :mod:`.choose`; a file with none is a UsageError.
    ``rules`` runs the integrity rules (docs/validation-rules.md); ``unique_ids`` is the
    scope of xml:ids and ``#id`` pointers: None (default) each document, except files
    under a folder with ``edition.toml``, which form one edition; True all files form
    one edition; False each document on its own. Each schema is compiled once per process;
    with ``jobs`` > 1 files are checked in that many forked worker processes (None: the
    machine's cores when the files are many, see :mod:`tei_edition.parallel`).
    ``progress`` draws a progress bar on a terminal (None: when standard error is one
    and the files are many).
    """
    files = [str(p) for p in expand(paths)]
    given: Sequence[Schema] | Chooser
    if schemas:
        given = [s if isinstance(s, Schema) else load_schema(s) for s in schemas]
        forced = Choice(tuple(s.name for s in given), BY_OPTION)
    else:
        # Each file's schemas are chosen from its parsed tree, and compiled on first use.
        given, forced = Chooser(catalogs), None
    jobs = jobs_for(len(files), jobs)
    if jobs > 1 and not isinstance(given, Chooser):
        for schema in given:
            schema.prepare()
    _WORKER_SCHEMAS[:] = [given]
    results = run_all(_worker_check, [(f, rules) for f in files], jobs, "validate", progress,
                      lambda r: any(i.is_error for i in r.issues))
    choices = {r.path: forced or r.choice or Choice((), BY_UNREADABLE) for r in results}
    missing = [f for f, c in choices.items() if c.by == BY_NOTHING]
    if missing:
        raise UsageError(no_schema_message(missing, choices[missing[0]].notes))
    used = dict.fromkeys(s for c in choices.values() for s in c.schemas)
    report = Report(list(used), files, choices=choices)
    facts = []
    for result in results:
        report.issues.extend(result.issues)
        if not result.checked:
            report.unchecked.append(result.path)
        if result.facts is not None:
            facts.append(result.facts)
    if rules:
        report.issues.extend(
            integrity.check_edition(facts, _load_ids, unique_ids=unique_ids)
        )
    return report
