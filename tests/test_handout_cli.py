"""python -m handout: good arguments make the same PDF; bad ones exit 2 with a clear message."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.handout_checks import fonts, need_poppler, pages, squash, text
from tests.servers import ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "handout", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_good_arguments_make_a_pdf(tmp_path) -> None:
    need_poppler()
    out = tmp_path / "zh.pdf"
    result = _run("--lang", "zh", "--pnfh", "2000", "--paper", "letter", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    assert all(f["emb"] == "yes" and f["sub"] == "yes" for f in fonts(out))
    from handout import MAX_PAGES

    assert pages(out) <= MAX_PAGES["zh"]
    from handout.upstream import scenario_hr_text
    from model.benefit import estimate

    assert scenario_hr_text(estimate(2000.0), "zh") in squash(text(out))


def test_same_document_as_the_builder(tmp_path) -> None:
    from handout import build_pdf

    out = tmp_path / "en.pdf"
    assert _run("--lang", "en", "--out", str(out)).returncode == 0
    assert squash(text(out)) == squash(_text_of(build_pdf("en", None, "a4"), tmp_path))


# Issue 7: what a handout does not need is not loaded. Altair (about 0.8 s), pandas, scipy.stats and
# lifelines (about 1 s) only serve the app's charts and the CSF-pNFH model.
HEAVY_UNUSED = {None: ("altair", "pandas", "scipy", "lifelines", "streamlit"), 2000: ("altair", "streamlit")}


@pytest.mark.parametrize("pnfh", [None, 2000])
def test_the_command_line_loads_only_what_the_handout_needs(pnfh, tmp_path) -> None:
    out = tmp_path / "x.pdf"
    argv = ["--lang", "both", "--out", str(out), *([] if pnfh is None else ["--pnfh", str(pnfh)])]
    code = (
        "import sys\n"
        "from handout.__main__ import main\n"
        f"main({argv!r})\n"
        f"print('loaded:', *sorted(m for m in {HEAVY_UNUSED[pnfh]!r} if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    loaded = result.stdout.splitlines()[-1].split()[1:]
    assert loaded == [], f"python -m handout {' '.join(argv)} imported {loaded}"


def _text_of(data: bytes, tmp_path) -> str:
    path = tmp_path / "built.pdf"
    path.write_bytes(data)
    return text(path)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--lang", "fr"], "invalid choice: 'fr'"),
        (["--lang", "en", "--pnfh", "abc"], "not a number"),
        (["--lang", "en", "--pnfh", "nan"], "not a finite number"),
        (["--lang", "en", "--pnfh", "inf"], "not a finite number"),
        (["--lang", "en", "--pnfh", "-5"], "negative"),
        (["--lang", "en", "--pnfh", "1e9"], "outside"),
        (["--lang", "en", "--paper", "a3"], "invalid choice: 'a3'"),
        (["--lang", "en", "--out", "handout.txt"], "must name a .pdf file"),
        (["--lang", "en", "--out", "/no/such/folder/x.pdf"], "does not exist"),
        (["--lang", "en"], "required: --out"),
        (["--out", "x.pdf"], "required: --lang"),
    ],
)
def test_bad_arguments_exit_2_with_a_clear_message(args, message, tmp_path) -> None:
    if "--out" not in args:
        args = [*args, "--out", str(tmp_path / "x.pdf")] if args[:1] == ["--lang"] and "required: --out" not in message else args
    result = _run(*args)
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.pdf").exists()
