"""python -m handout --lang {en,zh,zh-Hant,both,both-hant} [--pnfh N] [--paper a4|letter] --out FILE.pdf [--force]

Exit 0 with the PDF written; 2 with one line on stderr when it cannot be made or written (bad
arguments, a missing or damaged font, a file name too long, a full disk...), never a traceback and
never a truncated or half-replaced file: the PDF is written to a temporary file in the same folder,
then renamed over the target in one step.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
import tempfile
from pathlib import Path

from handout import LANG_OPTIONS, PAPER_OPTIONS, build_pdf, check_pnfh


def _pnfh(text: str) -> float:
    try:
        return check_pnfh(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m handout",
        description="Make the MIROCALS take-home handout as a PDF (the same document the app's "
        "/handout page downloads).",
    )
    p.add_argument(
        "--lang",
        required=True,
        choices=LANG_OPTIONS,
        help="en, zh (简体中文), zh-Hant (繁體中文), both (English · 简体中文 side by side) or both-hant "
        "(English · 繁體中文)",
    )
    p.add_argument(
        "--pnfh", type=_pnfh, default=None, metavar="N", help="add the CSF-pNFH model's scenario for N pg/mL"
    )
    p.add_argument("--paper", choices=PAPER_OPTIONS, default="a4", help="paper size (default a4)")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help="where to write the PDF")
    p.add_argument("--force", action="store_true", help="replace FILE.pdf if it already exists")
    return p


class Failure(Exception):
    """One line for the user; exit 2."""


def _fail(message: str) -> int:
    print(f"python -m handout: error: {message}", file=sys.stderr)
    return 2


def _build(lang: str, pnfh: float | None, paper: str) -> bytes:
    try:
        return build_pdf(lang, pnfh, paper)
    except Exception:
        # Most likely a missing or damaged font (a broken install): say which; anything else is
        # a bug in the handout code and keeps its traceback.
        from handout.fonts import FontError, check_fonts

        try:
            check_fonts()
        except FontError as error:
            raise Failure(f"cannot make the handout: {error}") from None
        raise


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def write_atomically(out: Path, data: bytes, force: bool) -> None:
    """Write to a temporary file next to ``out``, flush it to disk, then put it in place in one
    step: ``os.replace`` with --force, else a hard link, which fails if ``out`` appeared since.
    On any failure the temporary file is removed and ``out`` is as it was."""
    try:
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".mirocals-handout-", suffix=".tmp")
    except OSError as error:
        raise Failure(f"cannot write in {str(out.parent)!r}: {error.strerror}") from None
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, 0o666 & ~_umask())
        if force:
            os.replace(tmp, out)
        else:
            try:
                os.link(tmp, out)
            except OSError as error:
                if error.errno == errno.EEXIST:
                    raise Failure(f"{str(out)!r} already exists: add --force to replace it") from None
                if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
                    raise
                if out.exists():  # a file system without hard links: check, then rename
                    raise Failure(f"{str(out)!r} already exists: add --force to replace it") from None
                os.replace(tmp, out)
    except OSError as error:
        raise Failure(f"cannot write {str(out)!r}: {error.strerror or error}") from None
    finally:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def main(argv: list[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    out: Path = args.out
    if out.suffix.lower() != ".pdf":
        p.error(f"--out must name a .pdf file, not {str(out)!r}")
    try:
        if out.is_dir():
            p.error(f"--out is a folder: {str(out)!r}")
        if not out.parent.is_dir():
            p.error(f"--out: folder {str(out.parent)!r} does not exist")
        if out.exists() and not args.force:
            return _fail(f"{str(out)!r} already exists: add --force to replace it")
        if len(out.name.encode()) > os.pathconf(out.parent, "PC_NAME_MAX"):
            return _fail(f"--out: file name too long ({len(out.name.encode())} bytes): {str(out.name)[:40]}...")
    except OSError as error:  # e.g. a path too long for the system
        return _fail(f"--out: cannot use {str(out)[:80]!r}: {error.strerror or error}")
    try:
        data = _build(args.lang, args.pnfh, args.paper)
        write_atomically(out, data, args.force)
    except Failure as failure:
        return _fail(str(failure))
    print(f"wrote {out} ({len(data) // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
