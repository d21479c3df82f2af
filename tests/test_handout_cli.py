"""python -m handout: good arguments make the same PDF; bad ones exit 2 with a clear message."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.handout_checks import fonts, need_poppler, pages, squash, text
from tests.servers import ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "handout", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_good_arguments_make_a_pdf(tmp_path) -> None:
    need_poppler()
    out = tmp_path / "zh.pdf"
    result = _run("--lang", "zh", "--pnfh", "2000", "--paper", "letter", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    assert all(f["emb"] == "yes" and f["sub"] == "yes" for f in fonts(out))
    from handout import MAX_PAGES

    assert pages(out) <= MAX_PAGES["zh"]
    from model.benefit import estimate
    from tests.handout_checks import scenario_hr_text

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
        (["--lang", "en", "--pnfh", "abc"], "digits 0-9 only"),
        (["--lang", "en", "--pnfh", "nan"], "digits 0-9 only"),
        (["--lang", "en", "--pnfh", "inf"], "digits 0-9 only"),
        (["--lang", "en", "--pnfh", "-5"], "digits 0-9 only"),
        (["--lang", "en", "--pnfh", "2e3"], "digits 0-9 only"),
        (["--lang", "en", "--pnfh", "2,000"], "digits 0-9 only"),
        (["--lang", "en", "--pnfh", "２０００"], "digits 0-9 only"),
        (["--lang", "en", "--pnfh", "99999"], "outside"),
        (["--lang", "en", "--paper", "a3"], "invalid choice: 'a3'"),
        (["--lang", "en", "--out", "handout.txt"], "must name a .pdf file"),
        (["--lang", "en", "--out", "/no/such/folder/x.pdf"], "does not exist"),
        (["--lang", "en"], "required: --out"),
        (["--out", "x.pdf"], "required: --lang"),
    ],
)
def test_bad_arguments_exit_2_with_a_clear_message(args, message, tmp_path) -> None:
    if "--out" not in args:
        args = (
            [*args, "--out", str(tmp_path / "x.pdf")]
            if args[:1] == ["--lang"] and "required: --out" not in message
            else args
        )
    result = _run(*args)
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.pdf").exists()


# ---------------------------------------------------------------- failures: one line, exit 2
# A launcher runs the real command line in a child process after one change to its world (the
# fonts it reads, or the disk it writes to).
LAUNCH = """
import errno, os, pathlib, sys
sys.path.insert(0, {root!r})
import handout.pdf
fonts = {fonts!r}
if fonts:
    handout.fonts.FONT_FILES.update({{k: pathlib.Path(v) for k, v in fonts.items()}})
if {disk_full!r}:
    real_write = os.write
    def full(fd, data):  # the first 4 kB fit, then the disk is full
        if os.fstat(fd).st_size >= 4096:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, bytes(data[:4096]))
    os.write = full
from handout.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def _launch(
    args: list[str], fonts: dict[str, str] | None = None, disk_full: bool = False, preexec=None
) -> subprocess.CompletedProcess[str]:
    code = LAUNCH.format(root=str(ROOT), fonts=fonts or {}, disk_full=disk_full)
    return subprocess.run(
        [sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, timeout=120, preexec_fn=preexec
    )


def _one_clear_line(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("python -m handout: error: "), result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0], lines[0]


def _good_handout(tmp_path) -> tuple[Path, bytes]:
    from handout import build_pdf

    good = tmp_path / "handout.pdf"
    good.write_bytes(build_pdf("en", None, "a4"))
    return good, good.read_bytes()


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".mirocals-handout-")]


def test_an_existing_file_is_kept_unless_forced(tmp_path) -> None:
    good, before = _good_handout(tmp_path)
    result = _run("--lang", "zh", "--out", str(good))
    _one_clear_line(result, "already exists", "--force")
    assert good.read_bytes() == before
    forced = _run("--lang", "zh", "--out", str(good), "--force")
    assert forced.returncode == 0, forced.stderr
    assert good.read_bytes() != before and good.read_bytes().startswith(b"%PDF-")
    assert _leftovers(tmp_path) == []


def test_a_write_cut_off_half_way_leaves_the_good_file_whole(tmp_path) -> None:
    import resource

    good, before = _good_handout(tmp_path)

    def small_files() -> None:  # like `ulimit -f 20`: any file stops growing at 20 kB
        resource.setrlimit(resource.RLIMIT_FSIZE, (20 * 1024, 20 * 1024))

    result = _launch(["--lang", "zh", "--out", str(good), "--force"], preexec=small_files)
    _one_clear_line(result, "cannot write", "File too large")
    assert good.read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_a_full_disk_is_one_clear_line(tmp_path) -> None:
    good, before = _good_handout(tmp_path)
    result = _launch(["--lang", "en", "--out", str(good), "--force"], disk_full=True)
    _one_clear_line(result, "cannot write", "No space left on device")
    assert good.read_bytes() == before
    new = tmp_path / "new.pdf"
    _one_clear_line(_launch(["--lang", "en", "--out", str(new)], disk_full=True), "No space left")
    assert not new.exists() and _leftovers(tmp_path) == []


def test_a_file_name_too_long_is_one_clear_line(tmp_path) -> None:
    _one_clear_line(_run("--lang", "en", "--out", str(tmp_path / ("x" * 300 + ".pdf"))), "too long")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("damage", ["missing", "truncated", "empty"])
def test_a_missing_or_damaged_font_is_one_clear_line(damage, tmp_path) -> None:
    from handout.fonts import FONT_FILES

    copy = tmp_path / "NotoSansSC-Bold.ttf"
    if damage == "truncated":
        copy.write_bytes(FONT_FILES["B"].read_bytes()[:400_000])
    elif damage == "empty":
        copy.write_bytes(b"")
    out = tmp_path / "x.pdf"
    result = _launch(["--lang", "en", "--out", str(out)], fonts={"B": str(copy)})
    _one_clear_line(
        result, "cannot make the handout", "missing" if damage == "missing" else "damaged", "NotoSansSC-Bold.ttf"
    )
    assert not out.exists()
