"""The wheel carries its templates and data: installed into a fresh venv, it builds a pack anywhere."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from kit.repo import EXAMPLE_CASES, GOLDEN, REPO


def test_installed_wheel_builds_a_pack_outside_the_repo(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(REPO)],
        check=True,
        capture_output=True,
    )
    wheel = next(dist.glob("ozon_urgent-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)],
        check=True,
        capture_output=True,
    )
    example = next(p for p in EXAMPLE_CASES if "carrier-failure" in p.parent.name)
    work = tmp_path / "elsewhere"
    shutil.copytree(example.parent, work / "case")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    result = subprocess.run(
        [
            str(venv / "bin" / "ozon-urgent"),
            "build",
            "case/case.yaml",
            "--out",
            "packs",
            "--today",
            "2026-11-26",
            "--lang",
            "en",
        ],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    packs = list((work / "packs").glob("*/*"))  # <out>/<store>/<case_id>
    assert len(packs) == 1
    ticket = (packs[0] / "ticket.txt").read_text("utf-8")
    assert ticket == (GOLDEN / packs[0].name / "ticket.txt").read_text("utf-8")
    located = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "from ozon_urgent.ticket.render import builtin_templates; print(builtin_templates())",
        ],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(venv) in located.stdout  # the templates inside the installed package, not the repository's
    fonts = {"ozon_urgent/data/fonts/DejaVuSans-subset.ttf", "ozon_urgent/data/fonts/DejaVuSans-LICENSE.txt"}
    assert fonts <= set(zipfile.ZipFile(wheel).namelist())  # the ID list's font travels with its licence
    rendered = subprocess.run(
        [str(venv / "bin" / "python"), "-c", _RENDER_ID_LIST],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert rendered.stdout.startswith("1 pages, font " + str(venv))


# An ID list drawn by the installed package with the font inside it: no system font, no repository.
_RENDER_ID_LIST = """
from importlib import resources
from ozon_urgent.ticket.id_list import render_id_list_pdf
pdf = render_id_list_pdf("Лампы", "1234567", "c-1", [("postings", "Номер отправления", ["57195475-0050-3"])])
print(pdf.pages, "pages, font", resources.files("ozon_urgent") / "data" / "fonts" / "DejaVuSans-subset.ttf")
"""
