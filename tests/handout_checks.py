"""Check a handout PDF the way a reader's software would: poppler's pdffonts, pdftotext, pdfinfo.

Shared by the builder tests and the browser test (which checks the file the page downloads).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"\b[A-Za-z]{3,}\b")


def need_poppler() -> None:
    for tool in ("pdffonts", "pdftotext", "pdfinfo"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} not found: install poppler-utils (.ci/run does)")


def run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def fonts(path: Path) -> list[dict[str, str]]:
    """pdffonts' table: name, emb, sub, uni for every font."""
    lines = run("pdffonts", str(path)).splitlines()[2:]
    out = []
    for line in lines:
        parts = line.split()
        # name type... encoding emb sub uni object ID: the last five columns are fixed
        out.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return out


def info(path: Path) -> dict[str, str]:
    out = {}
    for line in run("pdfinfo", str(path)).splitlines():
        key, _, value = line.partition(":")
        out[key.strip()] = value.strip()
    return out


def pages(path: Path) -> int:
    return int(info(path)["Pages"])


def text(path: Path, page: int | None = None) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return run(*args, str(path), "-")


def cjk_share(value: str) -> float:
    chars = re.sub(r"\s", "", value)
    return len(CJK.findall(chars)) / max(len(chars), 1)


def squash(value: str) -> str:
    """Text without line breaks or spaces, so a phrase is found whichever way lines fell."""
    return re.sub(r"\s+", "", value)


def scenario_hr_text(est, lang: str) -> str:
    """The scenario's hazard ratio exactly as the biomarker page prints it (two decimals)."""
    from content.facts import format_number
    from views.biomarker import HR_DECIMALS

    return format_number(est.hazard_ratio, HR_DECIMALS, lang)


def document_text(doc) -> str:
    """Every string a handout document holds (its sections' blocks), for checks without a PDF."""
    from handout.pdf import document_strings

    return "\n".join(document_strings(doc))
