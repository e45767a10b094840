"""The wheel users install holds every module, stylesheet and schema of the checkout.

An editable install runs from the checkout and hides a package missing from the wheel
(once: ``tei_edition.export`` and ``.validate`` were left out). CI also installs the
wheel in a clean virtual environment and runs it (``.ci/run``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "tei_edition"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(ROOT)],
        capture_output=True, text=True,
    )
    if done.returncode != 0:
        pytest.fail(f"pip wheel failed:\n{done.stderr}")
    (path,) = out.glob("tei_edition-*.whl")
    return zipfile.ZipFile(path)


@pytest.fixture(scope="module")
def wheel_names(wheel: zipfile.ZipFile) -> set[str]:
    return set(wheel.namelist())


def _shipped(suffix: str) -> set[str]:
    """Files of the checkout's package, following the tei_edition/schema link."""
    found = set()
    for folder, dirs, files in os.walk(PACKAGE, followlinks=True):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        rel = Path(folder).relative_to(PACKAGE).as_posix()
        found |= {f"tei_edition/{rel}/{f}".replace("/./", "/") for f in files
                  if f.endswith(suffix)}
    return found


def test_every_module_is_in_the_wheel(wheel_names):
    modules = _shipped(".py")
    assert {"tei_edition/export/__init__.py", "tei_edition/validate/__init__.py"} <= modules
    assert sorted(modules - wheel_names) == []


@pytest.mark.parametrize("pattern", [".xsl", ".xsd"])
def test_every_stylesheet_and_schema_is_in_the_wheel(wheel_names, pattern):
    data = _shipped(pattern)
    assert data, f"no {pattern} files found in the package"
    assert sorted(data - wheel_names) == []


def test_the_wheel_declares_the_command(wheel, wheel_names):
    name = next(n for n in wheel_names if n.endswith(".dist-info/entry_points.txt"))
    assert "tei-edition = tei_edition.cli:main" in wheel.read(name).decode()
