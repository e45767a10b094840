"""Integrity rules: the scope of ids, examples, every kind of pointer, prefixDef.

Fixtures live in tests/cases/rules/. They are checked against ``lax.xsd`` (any document
with a TEI root), so only the integrity rules speak, and the streaming path can be taken
on the same fixtures to show that it agrees with the whole-tree path.
"""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path

import pytest

from tei_edition.cli import cli
from tei_edition.issues import Issue
from tei_edition.validate import integrity
from tei_edition.xmlio import parse

from .conftest import CASES, SHARED

engine = importlib.import_module("tei_edition.validate")

R = CASES / "rules"
LAX = R / "lax.xsd"
LETTERS = [R / "letters" / "letter-a.xml", R / "letters" / "letter-b.xml"]
SAMPLES = SHARED / "tei-samples"


def check(paths: list[Path] | Path, **options: object) -> list[Issue]:
    return engine.validate(paths if isinstance(paths, list) else [paths], [LAX],
                           **options).issues  # type: ignore[arg-type]


def found(issues: list[Issue]) -> list[tuple[str, str, int | None]]:
    """(rule, file name, line) of each issue, sorted."""
    return sorted((i.rule, Path(i.file).name, i.line) for i in issues)


def line_of(path: Path, text: str) -> int:
    """The line of ``path`` holding ``text`` (so that tests name what they look at)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


# -- the scope of ids ------------------------------------------------------------


def test_two_independent_letters_may_number_their_lines_alike():
    assert check(LETTERS) == []


def test_the_same_letters_as_one_edition_repeat_ids():
    issues = check(LETTERS, unique_ids=True)
    assert found(issues) == [("id-unique", "letter-b.xml", 11), ("id-unique", "letter-b.xml", 11),
                             ("id-unique", "letter-b.xml", 12)]
    assert all("also used in" in i.message and "letter-a.xml" in i.message for i in issues)


def test_a_folder_with_edition_toml_is_one_edition(tmp_path):
    issues = check([R / "edition"])
    assert found(errors(issues)) == [("id-unique", "two.xml", 11), ("id-unique", "two.xml", 11),
                                     ("id-unique", "two.xml", 12)]
    assert "edition.toml" in errors(issues)[0].message
    # the same files outside any edition are independent documents again
    for letter in (R / "edition" / "letters").iterdir():
        shutil.copy(letter, tmp_path / letter.name)
    assert check([tmp_path]) == []
    (tmp_path / "edition.toml").write_text("[edition]\ntitle = 'x'\n", encoding="utf-8")
    assert len(errors(check([tmp_path]))) == 3
    assert check([tmp_path], unique_ids=False) == []  # explicitly per document


def errors(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if i.is_error]


def test_hash_pointer_resolves_in_its_own_document_only():
    cross = R / "cross.xml"
    [issue] = check([cross, *LETTERS])
    assert (issue.rule, issue.file, issue.line) == ("ref-resolves", str(cross), 11)
    assert "no xml:id 'p1-l2' in this document" in issue.message
    assert "write 'letters/letter-a.xml#p1-l2'" in issue.message  # the fix, where it is
    issues = check([cross, *LETTERS], unique_ids=True)
    assert "ref-resolves" not in {i.rule for i in issues}


def test_hash_pointer_resolves_across_an_edition():
    issues = check([R / "edition"])
    assert "ref-resolves" not in {i.rule for i in issues}
    issues = check([R / "edition"], unique_ids=False)
    assert ("ref-resolves", "commentary.xml", 11) in found(issues)


def test_cli_ids_scope(runner):
    folder = str(R / "letters")
    assert runner.invoke(cli, ["validate", "--schema", str(LAX), folder]).exit_code == 0
    result = runner.invoke(cli, ["validate", "--schema", str(LAX), "--ids-scope", "edition",
                                 folder])
    assert result.exit_code == 1 and "[id-unique]" in result.stdout
    assert runner.invoke(cli, ["validate", "--schema", str(LAX), "--ids-scope", "bogus",
                               folder]).exit_code == 2


def test_a_duplicate_within_a_document_is_an_error_in_every_scope(tmp_path):
    doc = tmp_path / "dup.xml"
    doc.write_text(LETTERS[0].read_text(encoding="utf-8").replace('"p1-l2"', '"p1-l1"'),
                   encoding="utf-8")
    for scope in (None, True, False):
        [issue] = check(doc, unique_ids=scope)
        assert (issue.rule, issue.line) == ("id-unique", 12)
        assert "already used on line 11" in issue.message


# -- egXML -----------------------------------------------------------------------


def test_examples_are_not_the_document():
    path = R / "examples.xml"
    [issue] = check(path)  # only the pointer outside the examples
    assert (issue.rule, issue.line) == ("ref-resolves", line_of(path, "is the document's"))
    assert "'nowhere'" in issue.message


def test_the_egxml_element_itself_belongs_to_the_document():
    # <ref target="#ex1"> points at the egXML's own xml:id, which counts.
    tree = parse(R / "examples.xml")
    _, facts = integrity.check_document(tree, "examples.xml")
    assert facts.ids == {"p1", "ex1"}


# -- which attributes are pointers -----------------------------------------------


def test_every_kind_of_pointer_resolving():
    assert check(R / "pointers.xml") == []


def test_every_kind_of_pointer_dangling():
    path = R / "dangling.xml"
    issues = check(path)
    assert {i.rule for i in issues} == {"ref-resolves"}
    named = {i.message.split("=")[0] for i in issues}
    assert named == {"@facs", "@who", "@hand", "@rendition", "@wit", "@new", "@from"}
    [rendition] = [i for i in issues if i.message.startswith("@rendition")]
    assert "(2 pointers)" in rendition.message  # reported once, counted
    [facs_file] = [i for i in issues if "no-pages.xml" in i.message]
    assert "not found" in facs_file.message
    # an image name in @facs, @key and #xpath(…) are not checked
    text = " ".join(i.message for i in issues)
    assert "img-1" not in text and "nobody" not in text and "xpath" not in text


def test_rendition_pointing_into_the_header_resolves(tmp_path):
    doc = tmp_path / "r.xml"
    source = (R / "pointers.xml").read_text(encoding="utf-8")
    doc.write_text(source.replace('<rendition xml:id="langesS"', '<rendition xml:id="other"'),
                   encoding="utf-8")
    [issue] = check(doc)
    assert issue.rule == "ref-resolves" and "@rendition='#langesS'" in issue.message


def test_a_bare_id_where_a_pointer_was_meant_is_a_warning():
    path = R / "bare.xml"
    [issue] = check(path)
    assert (issue.rule, issue.severity) == ("pointer-form", "warning")
    assert issue.line == line_of(path, '<note corresp="K_L02960-1"')
    assert "write '#K_L02960-1'" in issue.message
    assert engine.validate([path], [LAX]).ok  # a warning only


def test_a_bare_id_of_another_document_of_the_edition():
    issues = [i for i in check([R / "edition"]) if i.rule == "pointer-form"]
    [issue] = issues
    assert (Path(issue.file).name, issue.line) == ("commentary.xml", 11)
    assert "write 'letters/one.xml#p1'" in issue.message


# -- prefixDef -------------------------------------------------------------------


def test_prefix_def_pointers():
    path = R / "prefix.xml"
    issues = check(path)
    assert found(issues) == [
        ("ref-resolves", "prefix.xml", line_of(path, '"pmb:2"')),
        ("ref-resolves", "prefix.xml", line_of(path, '"pmb:x1"')),
        ("ref-resolves", "prefix.xml", line_of(path, '"reg:eve"')),
    ]
    messages = " | ".join(i.message for i in issues)
    assert "'#pmb2'" in messages  # the expansion is shown
    assert "matches no matchPattern" in messages and "'pmb:x1'" in messages
    assert "prefix-register.xml has no xml:id 'eve'" in messages
    # pmb:1 and reg:dora resolve, gnd: is a URL, other: is undeclared
    assert "pmb:1'" not in messages and "dora" not in messages
    assert "gnd:" not in messages and "other:" not in messages


@pytest.mark.parametrize(("defs", "rest", "expected"), [
    ([("([0-9]+)", "#pmb$1")], "123", "#pmb123"),
    ([("([0-9]+)", "#pmb$1")], "12a", None),  # the whole part after the colon must match
    ([("([a-z]+)", "a.xml#$1"), ("(.+)", "https://x/$1")], "Abc", "https://x/Abc"),
    ([("(a)(b)", r"#$2$1\$")], "ab", "#ba$"),
    ([(r"\p{L}+", "#x")], "abc", ""),  # an XPath regex Python cannot read: unknown
])
def test_expand_prefixed(defs, rest, expected):
    assert integrity.expand_prefixed(defs, rest) == expected


# -- the streaming path agrees ---------------------------------------------------


@pytest.mark.parametrize("name", ["examples.xml", "pointers.xml", "dangling.xml", "bare.xml",
                                  "prefix.xml", "cross.xml"])
def test_streaming_agrees_with_the_whole_tree(name, monkeypatch):
    path = R / name
    whole = check(path)
    streamed: list[object] = []
    real = engine.stream_check

    def spy(*args):  # type: ignore[no-untyped-def]
        streamed.append(result := real(*args))
        return result

    monkeypatch.setattr(engine, "STREAM_THRESHOLD", 0)
    monkeypatch.setattr(engine, "stream_check", spy)
    # the same problems, though found in another order (elements end before their parents)
    assert sorted((i.rule, i.line, i.severity, i.message) for i in check(path)) == sorted(
        (i.rule, i.line, i.severity, i.message) for i in whole)
    assert streamed and streamed[0] is not None, "the streaming path was not taken"


# -- real-world samples ----------------------------------------------------------


def sample(name: str) -> Path:
    path = SAMPLES / name
    if not path.is_file():
        pytest.skip(f"real-world sample not found at {path} (../shared is absent)")
    return path


def rules_only(path: Path) -> list[Issue]:
    return engine.validate([path], [LAX], unique_ids=None).issues


def test_schnitzler_letter_rendition_resolving_nowhere():
    # 7 × rendition="#langesS" and no <rendition xml:id="langesS"> anywhere in the letter.
    issues = rules_only(sample("invalid/schnitzler-briefe_L03450.xml"))
    [rendition] = [i for i in issues if i.rule == "ref-resolves"]
    assert "@rendition='#langesS' (7 pointers)" in rendition.message
    bare = sorted(i.message.split("'")[1] for i in issues if i.rule == "pointer-form")
    assert bare == ["K_L03450-1", "pmb50", "pmb68"]  # corresp/ref written without '#'


def test_documentation_with_examples_reports_only_its_own_pointers():
    issues = rules_only(sample("valid/enccorr_postscripts.xml"))
    # its ids p1a, p1b … and hand="#author1" live in egXML examples: not reported.
    assert sorted(i.message.split(" ")[0] for i in issues) == [
        "@rendition='#i'", "@rendition='#monospace'"]  # no tagsDecl declares them


def test_valid_samples_with_resolving_pointers_stay_quiet():
    for name in ("escher_K_0022_AE_an_Schweizer_undated.xml", "gerdracor_kleist-robert-"
                 "guiskard.xml", "hsg_milestones_1861-1865.xml", "escher_commentary_"
                 "Aufstieg.xml"):
        assert rules_only(sample(f"valid/{name}")) == [], name


def test_two_real_letters_numbering_their_lines_alike():
    # Both Escher letters number their lb p1-l1 …: independent documents, valid together.
    letters = [sample("valid/escher_K_0022_AE_an_Schweizer_undated.xml"),
               sample("valid/escher_K_3182_AE_an_von_Roeder_1878-07-09.xml")]
    assert engine.validate(letters, [LAX]).issues == []
    repeated = engine.validate(letters, [LAX], unique_ids=True).issues
    assert len(repeated) > 50 and {i.rule for i in repeated} == {"id-unique"}
