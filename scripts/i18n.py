"""Keep the gettext catalogs in step with the code, one catalog per feature (domain).

    python scripts/i18n.py            extract every domain's .pot and update (or create) its .po
    python scripts/i18n.py --check    exit 1 if any .pot or .po would change (used by the tests)

It drives Babel's own ``pybabel extract`` and ``pybabel update`` so the catalogs are exactly what
the standard tools produce; translators then fill ``locales/<code>/LC_MESSAGES/<domain>.po`` for each language of the table.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "locales"
sys.path.insert(0, str(ROOT))
from content.i18n import LANGUAGES, SOURCE_LANGUAGE, language  # noqa: E402  (the table says which catalogs exist)

TARGET_LANGUAGES = tuple(code for code in LANGUAGES if code != SOURCE_LANGUAGE)

# Which source files feed which catalog. Every file that calls _() belongs to exactly one domain
# (tests/test_catalogs.py checks this), and binds _ with gettext_for(lang, "<that domain>").
DOMAINS: dict[str, list[str]] = {
    # The frame and the explainer pages (start, ALS, IL-2 and Tregs, the trial, sources).
    "app": [
        "streamlit_app.py",
        "ui/frame.py",
        "ui/page.py",
        "content/site.py",
        "content/i18n.py",
        "views/explainer.py",
        "views/sources.py",
        "app_pages/start.py",
        "app_pages/als.py",
        "app_pages/il2_tregs.py",
        "app_pages/trial.py",
        "app_pages/sources.py",
        "charts/illustration.py",
        "charts/timeline.py",
    ],
    # What the trial found.
    "results": ["app_pages/results.py", "charts/icon_array.py", "charts/forest.py", "views/results.py"],
    # The CSF-pNFH model's page.
    "biomarker": ["app_pages/biomarker.py", "charts/hr_curve.py", "views/biomarker.py", "views/explorer.py"],
    # Take-home PDF handouts.
    "handout": ["app_pages/handout.py", "handout/*.py"],
    # The decision, the options side by side, access, values and questions (issue 12).
    "decision": ["views/decision.py", "app_pages/options.py"],
    # Clinic mode, accessibility and print helpers.
    "clinic": ["content/glossary.py", "ui/access.py", "ui/reveal.py", "ui/announce.py", "app_pages/clinic.py"],
}


def domain_files(domain: str) -> list[Path]:
    files: list[Path] = []
    for pattern in DOMAINS[domain]:
        files.extend(sorted(p for p in ROOT.glob(pattern) if p.is_file()))
    return files


def _pybabel(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def extract(domain: str, out: Path) -> None:
    files = [str(p.relative_to(ROOT)) for p in domain_files(domain)]
    if not files:  # a feature with no strings yet still gets an (empty) catalog
        out.write_text("", encoding="utf-8")
        return
    result = _pybabel(
        "extract",
        "--no-location",
        "--sort-output",
        "--omit-header",
        "-k",
        "N_",
        "--add-comments=TRANSLATORS:",
        "-o",
        str(out),
        *files,
    )
    if result.returncode != 0:
        raise SystemExit(result.stderr)


def _messages(pot: Path) -> list[str]:
    return [line for line in pot.read_text(encoding="utf-8").splitlines() if not line.startswith('"POT-')]


def update(domain: str, pot: Path, check: bool) -> int:
    status = 0
    for lang in TARGET_LANGUAGES:
        po = LOCALES / lang / "LC_MESSAGES" / f"{domain}.po"
        if not po.exists():
            if check:
                print(f"missing catalog {po.relative_to(ROOT)}")
                status = 1
                continue
            # The folder is the table's code (zh-Hant); Babel names the locale its own way (zh_Hant_TW).
            po.parent.mkdir(parents=True, exist_ok=True)
            _pybabel("init", "-D", domain, "-i", str(pot), "-o", str(po), "-l", language(lang).babel_locale)
            continue
        args = [
            "update",
            "-D",
            domain,
            "-i",
            str(pot),
            "-o",
            str(po),
            "-l",
            language(lang).babel_locale,
            "--ignore-pot-creation-date",
            "--no-fuzzy-matching",
        ]
        result = _pybabel(*args, *(["--check"] if check else []))
        if result.returncode != 0:
            print(result.stderr.strip() or result.stdout.strip())
            status = 1
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale catalogs, change nothing")
    args = parser.parse_args(argv)
    status = 0
    for domain in DOMAINS:
        pot = LOCALES / f"{domain}.pot"
        if args.check:
            with tempfile.TemporaryDirectory() as tmp:
                fresh = Path(tmp) / f"{domain}.pot"
                extract(domain, fresh)
                if not pot.exists() or _messages(fresh) != _messages(pot):
                    print(f"{pot.relative_to(ROOT)} is stale: run python scripts/i18n.py")
                    status = 1
                    continue
        else:
            extract(domain, pot)
        status |= update(domain, pot, args.check)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
