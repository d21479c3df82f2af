"""The Dockerfile, read (CI has no Docker engine): what the README promises about the image."""

from __future__ import annotations

import fnmatch
import re

from tests.servers import ROOT

DOCKERFILE = (ROOT / "Dockerfile").read_text()
IGNORED = [l.strip() for l in (ROOT / ".dockerignore").read_text().splitlines() if l.strip() and not l.startswith("#")]


def _instructions(name: str) -> list[str]:
    joined = re.sub(r"\\\n", " ", DOCKERFILE)
    return [l.split(None, 1)[1] for l in joined.splitlines() if l.split(None, 1)[:1] == [name]]


def _ignored(path: str) -> bool:
    for pattern in IGNORED:
        p = pattern.rstrip("/")
        if fnmatch.fnmatch(path, p) or path.startswith(p + "/") or fnmatch.fnmatch(path, p.replace("**/", "")):
            return True
    return False


def test_slim_python_311_base_non_root_and_production_entry_point() -> None:
    assert re.fullmatch(r"python:3\.11-slim(-\w+)?", _instructions("FROM")[0].strip())
    user = _instructions("USER")[-1].strip()
    assert user not in {"root", "0"}
    assert _instructions("CMD")[-1].strip() == '["python", "serve.py"]'
    assert "deploy/healthcheck.py" in _instructions("HEALTHCHECK")[-1]
    assert any("requirements.txt" in run for run in _instructions("RUN"))


def test_production_config_and_no_baked_secret() -> None:
    env = " ".join(_instructions("ENV"))
    for setting in (
        "STREAMLIT_SERVER_HEADLESS=true",
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS=false",
        "STREAMLIT_SERVER_FILE_WATCHER_TYPE=none",
        "STREAMLIT_SERVER_ADDRESS=0.0.0.0",
    ):
        assert setting in env
    assert "COOKIE_SECRET=" not in env  # given at run time, the same on every replica
    assert "MIROCALS_ENV=production" in env  # so serve.py refuses to start without it


def test_the_image_gets_what_the_app_reads_and_not_the_rest() -> None:
    for needed in (
        "streamlit_app.py",
        "serve.py",
        "deploy/healthcheck.py",
        "requirements.txt",
        ".streamlit/config.toml",
        "content/facts.toml",
        "locales/zh/LC_MESSAGES/app.po",
        "app_pages/biomarker.py",
        "model/__init__.py",
        "ui/frame.py",
        "charts/icon_array.py",
    ):
        assert (ROOT / needed).exists(), needed
        assert not _ignored(needed), f"{needed} is left out of the image"
    fonts = list((ROOT / "assets" / "fonts").rglob("*"))
    assert fonts and not any(_ignored(str(f.relative_to(ROOT))) for f in fonts)
    for left_out in ("tests/test_facts.py", "bench/common.py", ".git", "test-artifacts/x.png"):
        assert _ignored(left_out), left_out
