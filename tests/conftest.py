"""Shared fixtures: the CLI runner, paths, and the official TEI schemas when present."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "cases"
SOURCE = ROOT / "source"
# ../shared beside the checkout: official TEI schemas, real-world samples, transcriptions.
SHARED = ROOT.parent / "shared"
TEI_ALL = SHARED / "tei" / "tei_all.rng"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def tei_all():
    """The official tei_all RELAX NG, compiled once per test session (~6-14 s)."""
    if not TEI_ALL.is_file():
        pytest.skip(f"official TEI schema not found at {TEI_ALL} (../shared is absent)")
    from tei_edition.validate import load_schema

    return load_schema(TEI_ALL)
