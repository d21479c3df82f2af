"""Lighthouse's accessibility audit and its layout-shift figure, on every page in every language
(issue 17: "axe-core and Lighthouse's accessibility audit over every page ... plus Lighthouse's
layout-shift figure, with thresholds").

axe-core runs in tests/test_browser_quality.py on every page, language and width; this is the
second, independent checker a reviewer will run. Lighthouse 12.2.3 (pinned in bench/lighthouse/,
installed by .ci/run with `npm ci`), Debian's Chromium, `python serve.py` on loopback; Lighthouse's
mobile form factor (a 412 px phone screen) without network or CPU throttling: throttling changes
load times, not what the audit finds, and the load-time figures are the benchmark's business
(bench/lighthouse_bench.py, docs/performance.md).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from content.i18n import LANGUAGES
from content.site import PAGES
from harness.local import CHROMIUM
from tests.conftest import ARTIFACTS
from tests.servers import ROOT, production_server

pytestmark = pytest.mark.browser

LIGHTHOUSE = ROOT / "bench" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
# Every weighted accessibility audit passes, so the score is 100; a page that fails one is a failure
# here, named with the audit, not hidden under a score threshold.
MIN_SCORE = 100
MAX_CLS = 0.1


@pytest.fixture(scope="module")
def app_url():
    if not LIGHTHOUSE.exists():
        pytest.fail("Lighthouse is not installed: (cd bench/lighthouse && npm ci), as .ci/run does")
    with production_server(ARTIFACTS / "logs", "serve-lighthouse") as server:
        yield server.url


def lighthouse(url: str, out: Path, attempts: int = 3) -> dict:
    """A Lighthouse run: the accessibility category and the layout-shift audit. Lighthouse 12.2.3
    on Chromium 156 now and then fails to record the load's trace (NO_NAVSTART: the layout-shift
    audit has no value, the accessibility one is unaffected): that run is made again, at most
    ``attempts`` times, and a trace never recorded fails the test below."""
    for _attempt in range(attempts):
        report = _run(url, out)
        if report["audits"]["cumulative-layout-shift"].get("numericValue") is not None:
            break
    return report


def _run(url: str, out: Path) -> dict:
    argv = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--only-categories=accessibility",
        "--only-audits=cumulative-layout-shift",
        "--throttling-method=provided",
        "--output=json",
        f"--output-path={out}",
        f"--chrome-path={CHROMIUM}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking",
        "--max-wait-for-load=60000",
    ]
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0 and out.exists(), (done.stderr or done.stdout)[-800:]
    return json.loads(out.read_text())


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("info", PAGES, ids=lambda info: info.slug)
def test_lighthouse_finds_nothing_and_nothing_moves(app_url, info, lang) -> None:
    folder = ARTIFACTS / "lighthouse"
    folder.mkdir(parents=True, exist_ok=True)
    extra = "&pnfh=2000" if info.slug == "biomarker" else ""
    report = lighthouse(f"{app_url}/{info.url_path}?lang={lang}{extra}", folder / f"{info.slug}-{lang}.json")
    assert not report.get("runtimeError"), report["runtimeError"]
    category = report["categories"]["accessibility"]
    failed = {
        ref["id"]: report["audits"][ref["id"]].get("title")
        for ref in category["auditRefs"]
        if ref.get("weight", 0) > 0
        and report["audits"][ref["id"]].get("score") is not None
        and report["audits"][ref["id"]]["score"] < 1
    }
    score = round(100 * (category["score"] or 0))
    assert score >= MIN_SCORE and not failed, (info.slug, lang, score, failed)
    shift = report["audits"]["cumulative-layout-shift"]
    assert shift.get("numericValue") is not None, shift
    assert shift["numericValue"] < MAX_CLS, (info.slug, lang, shift["numericValue"])
