"""python -m handout --lang {en,zh,both} [--pnfh N] [--paper a4|letter] --out FILE.pdf"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

from handout import LANG_OPTIONS, PAPER_OPTIONS, build_pdf, check_pnfh


def _pnfh(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if math.isnan(value) or math.isinf(value):
        raise argparse.ArgumentTypeError(f"not a finite number: {text!r}")
    try:
        return check_pnfh(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m handout",
        description="Make the MIROCALS take-home handout as a PDF (the same document the app's "
        "/handout page downloads).",
    )
    p.add_argument("--lang", required=True, choices=LANG_OPTIONS,
                   help="en, zh (简体中文) or both side by side")
    p.add_argument("--pnfh", type=_pnfh, default=None, metavar="N",
                   help="add the CSF-pNFH model's scenario for N pg/mL")
    p.add_argument("--paper", choices=PAPER_OPTIONS, default="a4", help="paper size (default a4)")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help="where to write the PDF")
    return p


def main(argv: list[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    out: Path = args.out
    if out.suffix.lower() != ".pdf":
        p.error(f"--out must name a .pdf file, not {str(out)!r}")
    if out.exists() and out.is_dir():
        p.error(f"--out is a folder: {str(out)!r}")
    if not out.parent.exists() or not out.parent.is_dir():
        p.error(f"--out: folder {str(out.parent)!r} does not exist")
    data = build_pdf(args.lang, args.pnfh, args.paper)
    try:
        out.write_bytes(data)
    except OSError as exc:
        p.error(f"--out: cannot write {str(out)!r}: {exc.strerror}")
    print(f"wrote {out} ({len(data) // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
