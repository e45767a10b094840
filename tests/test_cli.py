"""The command line: thin, helpful, honest exit codes, one-line errors."""

from __future__ import annotations

import pytest

from tei_edition.cli import cli

from .conftest import CASES, SOURCE

NAME = "1920-11-29-soviet-press"


@pytest.mark.parametrize("command", ["build", "convert", "validate", "export"])
def test_help_explains_with_an_example(runner, command):
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Example: tei-edition " + command in result.output


def test_convert_writes_tei_and_diplomatic_export_gives_the_source_back(runner, tmp_path):
    out = tmp_path / "doc.xml"
    result = runner.invoke(cli, ["convert", str(SOURCE / f"{NAME}.txt"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["export", "text", "--diplomatic", str(out)])
    assert result.exit_code == 0
    assert result.stdout_bytes == (SOURCE / f"{NAME}.txt").read_bytes()


def test_convert_refusal_is_one_line_with_location(runner, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("T\n\n1920\n\nText [2].\n", encoding="utf-8")
    result = runner.invoke(cli, ["convert", str(bad), "-o", str(tmp_path / "bad.xml")])
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0
    assert result.stderr.startswith(f"{bad}:5:6: error: note marker [2] has no endnote")
    assert "Traceback" not in result.output
    assert not (tmp_path / "bad.xml").exists()


def test_validate_exit_codes(runner, tmp_path):
    good = CASES / "spec" / "sample.xml"
    assert runner.invoke(cli, ["validate", str(good)]).exit_code == 0
    bad = tmp_path / "bad.xml"
    bad.write_text(good.read_text(encoding="utf-8").replace("<docDate", "<docdate")
                   .replace("</docDate>", "</docdate>"), encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(good), str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:" in result.stdout and "docdate" in result.stdout
    assert runner.invoke(cli, ["validate", str(tmp_path / "missing.xml")]).exit_code == 2
    assert runner.invoke(cli, ["validate"]).exit_code == 2
    assert runner.invoke(cli, ["validate", "--schema", str(tmp_path / "nope.xsd"),
                               str(good)]).exit_code == 2


def test_malformed_xml_is_reported_with_position(runner, tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<teiHeader>\n</TEI>\n')
    result = runner.invoke(cli, ["validate", str(broken)])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{broken}:3:")
    assert "wellformed" in result.stdout


def test_export_html_to_folder(runner, tmp_path):
    result = runner.invoke(cli, ["export", "html", str(CASES / "spec" / "sample.xml"),
                                 "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "sample.html").read_text(encoding="utf-8").lstrip().lower().startswith(
        "<!doctype html"
    )


def test_export_of_many_files_says_so_in_one_line(runner, tmp_path):
    sources = tmp_path / "tei"
    sources.mkdir()
    for name in ("a", "b", "c"):
        (sources / f"{name}.xml").write_bytes((CASES / "spec" / "sample.xml").read_bytes())
    out = tmp_path / "out"
    result = runner.invoke(cli, ["export", "text", *sorted(map(str, sources.glob("*.xml"))),
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [f"wrote 3 files into {out}"]
    assert sorted(p.name for p in out.iterdir()) == ["a.txt", "b.txt", "c.txt"]


def test_build_command(runner, tmp_path):
    result = runner.invoke(cli, ["build", "--source", str(SOURCE), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "built 1 document(s)" in result.stdout
    assert (tmp_path / "tei" / f"{NAME}.xml").exists()


def test_build_timings_name_each_phase_and_add_up(runner, tmp_path):
    result = runner.invoke(cli, ["build", "--source", str(SOURCE), "--out", str(tmp_path),
                                 "--timings", "-j", "2"])
    assert result.exit_code == 0, result.output
    [line] = [ln for ln in result.stderr.splitlines() if ln.startswith("timings: ")]
    phases, total = line.removeprefix("timings: ").split("; ")
    seconds = {name: float(value) for name, value, _ in
               (part.rsplit(" ", 2) for part in phases.split(", "))}
    assert {"prepare", "convert", "pages", "site", "data"} <= set(seconds)
    # Laps of one clock: they add up to the whole (data ran alongside, in a child).
    assert sum(v for k, v in seconds.items() if k != "data") == pytest.approx(
        float(total.removesuffix(" s in all")), abs=0.05)
    # A second build has nothing to do, and says how long finding that out took.
    again = runner.invoke(cli, ["build", "--source", str(SOURCE), "--out", str(tmp_path),
                                "--timings"])
    assert "nothing changed" in again.stdout
    assert again.stderr.splitlines()[-1].startswith("timings: check ")


def test_start_up_loads_only_what_the_command_needs():
    """`tei-edition --help` and `export` must not import the validator, converter or
    site builder (start-up is paid once per file in editors and CI hooks); the names
    cli spells out for that reason agree with their owners."""
    import subprocess
    import sys

    from tei_edition import cli as cli_module
    from tei_edition.validate.reporting import FORMATS
    from tei_edition.validate.schemas import TEI_ALL_ENV

    assert tuple(FORMATS) == cli_module.REPORT_FORMATS
    assert cli_module.TEI_ALL_ENV == TEI_ALL_ENV
    probe = (
        "import sys; from tei_edition.cli import main; "
        "print(' '.join(m for m in sys.modules if m.startswith('tei_edition')))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True).stdout.split()
    for heavy in ("tei_edition.validate", "tei_edition.convert", "tei_edition.edition",
                  "tei_edition.export", "tei_edition.site", "tei_edition.dates"):
        assert heavy not in loaded, f"{heavy} is imported at start-up"


def test_public_functions_keep_their_names_after_submodule_imports():
    import tei_edition
    import tei_edition.export.data  # loads the subpackage named like the function
    import tei_edition.validate.reporting

    assert callable(tei_edition.export) and tei_edition.export.__name__ == "export"
    assert callable(tei_edition.validate) and tei_edition.validate.__name__ == "validate"
    assert callable(tei_edition.convert) and tei_edition.build.__name__ == "build"
    assert set(tei_edition.__all__) <= set(dir(tei_edition))
