"""The Docker image: the Dockerfile read, then built and run.

The build and run use tests/container.py (a daemon on loopback, a base image from Debian's
packages, wheels made beforehand); where this machine cannot run Docker those tests skip with the
reason. The container runs as the Kubernetes manifests run it (deploy/kubernetes/deployment.yaml):
uid 10001, read-only root file system with a writable /tmp only, no capabilities, the cookie
secret in a read-only file. MIROCALS_DOCKER_BASE=<image> builds on that base instead of the
Debian one (e.g. the official python:3.11-slim-bookworm where a registry is reachable).
Timings and the container's memory: test-artifacts/logs/container-timings.txt.
"""

from __future__ import annotations

import contextlib
import fnmatch
import json
import os
import re
import secrets
import shutil
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

from content.i18n import gettext_for
from content.site import page as page_info
from tests.browser import main_text, open_page, wait_idle
from tests.conftest import ARTIFACTS
from tests.container import (
    Docker,
    Timings,
    Unavailable,
    debian_base,
    docker_daemon,
    loopback_files,
    machine_lock,
    wheels,
)
from tests.handout_checks import cjk_share, fonts, need_poppler, text
from tests.servers import ROOT, free_port

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
    # The base is a build argument whose default is the official image (real users get it).
    assert _instructions("FROM")[0].strip() == "${BASE_IMAGE}"
    base = dict(a.strip().split("=", 1) for a in _instructions("ARG") if "=" in a)["BASE_IMAGE"]
    assert re.fullmatch(r"python:3\.11-slim(-\w+)?", base)
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


# --- Built and run -----------------------------------------------------------------------------

CONTAINER_UID = 10001  # the Dockerfile's user; deploy/kubernetes/deployment.yaml runs as it too


@dataclass
class Running:
    docker: Docker
    name: str
    url: str
    timings: Timings


def _get(
    url: str, timeout: float = 5, headers: dict[str, str] | None = None
) -> tuple[int | None, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()
    except OSError:
        return None, {}, b""


@pytest.fixture(scope="module")
def running() -> Iterator[Running]:
    """The image built from this checkout and started as production runs it, once per module."""
    logs = ARTIFACTS / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    timings = Timings()
    tag = f"mirocals-aid:ci-{os.getpid()}-{secrets.token_hex(3)}"
    name = tag.replace(":", "-")
    with contextlib.ExitStack() as stack:
        stack.enter_context(machine_lock())
        try:
            with timings("daemon"):
                docker = docker_daemon(logs)
            stack.callback(docker.stop)
            with timings("base image"):
                base = os.environ.get("MIROCALS_DOCKER_BASE") or debian_base(docker, logs)[0]
            with timings("wheels"):
                wheel_dir, _ = wheels()
        except Unavailable as reason:
            pytest.skip(f"Docker cannot run the image on this machine: {reason}")
        stack.callback(docker, "rmi", "--force", tag, check=False, timeout=300)
        with timings("image build"), loopback_files(wheel_dir) as find_links:
            built = docker(
                "build",
                "--network",
                "host",
                "--build-arg",
                f"BASE_IMAGE={base}",
                "--build-arg",
                "PIP_NO_INDEX=1",
                "--build-arg",
                f"PIP_FIND_LINKS={find_links}",
                "--tag",
                tag,
                str(ROOT),
                check=False,
                timeout=1800,
            )
        (logs / "docker-build.log").write_text(built.stdout + built.stderr)
        assert built.returncode == 0, f"docker build failed: {built.stderr[-3000:] or built.stdout[-3000:]}"
        port = free_port()
        # The cookie secret as Kubernetes gives it: a read-only file (deployment.yaml's volume).
        secret_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="mirocals-secret-")))
        secret_dir.chmod(0o755)
        (secret_dir / "cookie-secret").write_text(secrets.token_hex(32) + "\n")
        (secret_dir / "cookie-secret").chmod(0o444)
        stack.callback(docker, "rm", "--force", name, check=False, timeout=120)
        with timings("container start"):
            docker(
                "run",
                "--detach",
                "--name",
                name,
                "--network",
                "host",
                # as deploy/kubernetes/deployment.yaml runs it:
                "--read-only",
                "--tmpfs",
                "/tmp:rw,nosuid,nodev,mode=1777,size=256m",
                "--user",
                f"{CONTAINER_UID}:{CONTAINER_UID}",
                "--cap-drop",
                "ALL",
                "--security-opt",
                "no-new-privileges",
                "--volume",
                f"{secret_dir}:/run/secrets/mirocals:ro",
                "--env",
                "MIROCALS_COOKIE_SECRET_FILE=/run/secrets/mirocals/cookie-secret",
                "--env",
                "STREAMLIT_SERVER_ADDRESS=127.0.0.1",
                "--env",
                f"STREAMLIT_SERVER_PORT={port}",
                "--env",
                "XDG_CACHE_HOME=/tmp/cache",
                tag,
            )
        url = f"http://127.0.0.1:{port}"
        try:
            yield Running(docker, name, url, timings)
        finally:
            (logs / "container.log").write_text(
                docker("logs", name, check=False).stdout + docker("logs", name, check=False).stderr
            )
            (logs / "container-timings.txt").write_text(f"{timings.line()}; {docker.memory(name)}\n")


def test_the_image_answers_health_only_once_warm(running: Running) -> None:
    seen: list[int | None] = []
    deadline = time.monotonic() + 300
    with running.timings("warm-up"):
        while True:
            status, _, body = _get(f"{running.url}/_stcore/health")
            seen.append(status)
            if status == 200:
                break
            state = running.docker("inspect", "--format", "{{.State.Status}}", running.name).stdout.strip()
            assert (
                state == "running"
            ), f"the container stopped ({state}): {running.docker('logs', running.name, check=False).stderr[-2000:]}"
            assert status in (None, 503), (status, body)  # refused while starting, 503 while warming
            assert time.monotonic() < deadline, f"not healthy after 300 s: {body!r}"
            time.sleep(0.5)
    assert seen[0] != 200  # it was not ready the moment it started: the warm-up ran first
    status, _, body = _get(f"{running.url}/api/ready")
    report = json.loads(body)
    assert status == 200 and report["ready"] and report["error"] is None
    steps = [s["step"] for s in report["steps"]]
    assert any(s.startswith("model.benefit.estimate(2000)") for s in steps)
    assert any(s.startswith('handout.build_pdf("both", 2000)') for s in steps)  # the fonts are in the image
    assert "visited /biomarker?pnfh=2000&lang=en and pressed bm_reveal" in steps
    # Docker's own HEALTHCHECK (deploy/healthcheck.py inside the image) agrees, within two intervals.
    deadline = time.monotonic() + 45
    while (
        health := running.docker("inspect", "--format", "{{.State.Health.Status}}", running.name).stdout.strip()
    ) != "healthy":
        assert health == "starting" and time.monotonic() < deadline, health
        time.sleep(1)


def test_the_image_serves_the_page_with_its_headers(running: Running) -> None:
    _wait_ready(running)
    status, headers, body = _get(f"{running.url}/biomarker?pnfh=2000&lang=en")
    assert status == 200 and b'<div id="root">' in body
    assert "frame-ancestors 'none'" in headers["content-security-policy"]  # serve.py's middleware
    assert headers["x-frame-options"] == "DENY"
    script = re.search(rb'src="\.?/?(static/js/index\.[^"]+\.js)"', body)
    assert script, "no front-end script in the page"
    status, headers, _ = _get(f"{running.url}/{script.group(1).decode()}", headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("content-encoding") == "gzip"  # deploy/compression.py


@pytest.mark.browser
def test_a_visitor_gets_the_biomarker_numbers_from_the_container(running: Running, page) -> None:
    _wait_ready(running)
    open_page(page, running.url, "/biomarker?pnfh=2000&lang=en")
    expect(page.locator("h1").first).to_have_text(gettext_for("en", "app")(page_info("biomarker").title))
    page.get_by_role("button", name=gettext_for("en", "biomarker")("Show the survival numbers")).click()
    expect(page.locator('[data-testid="stVegaLiteChart"]').first).to_be_visible()
    wait_idle(page)
    assert "Traceback" not in main_text(page)
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1280, "height": min(int(height), 6000)})
    page.screenshot(path=str(ARTIFACTS / "container-biomarker.png"))


def test_the_handout_command_line_runs_in_the_container(running: Running, tmp_path: Path) -> None:
    need_poppler()
    made = running.docker(
        "exec",
        running.name,
        "python",
        "-m",
        "handout",
        "--lang",
        "both",
        "--pnfh",
        "2000",
        "--out",
        "/tmp/handout.pdf",
        check=False,
        timeout=180,
    )
    assert made.returncode == 0, made.stderr
    assert "Traceback" not in made.stderr
    pdf = tmp_path / "handout.pdf"
    pdf.write_bytes(running.docker.read(running.name, "/tmp/handout.pdf"))
    assert pdf.read_bytes().startswith(b"%PDF-")
    shutil.copy(pdf, ARTIFACTS / "container-handout.pdf")  # to look at
    assert all(f["emb"] == "yes" for f in fonts(pdf))
    words = text(pdf)
    assert cjk_share(words) > 0.1 and re.search(r"\bMIROCALS\b", words)  # both languages


def test_the_container_runs_unprivileged_on_a_read_only_root(running: Running) -> None:
    _wait_ready(running)
    assert running.docker("exec", running.name, "id", "-u").stdout.strip() == str(CONTAINER_UID)
    probe = running.docker("exec", running.name, "sh", "-c", "touch /app/x || touch /home/mirocals/x", check=False)
    assert probe.returncode != 0 and "Read-only file system" in probe.stderr
    # It only wrote to /tmp (the emptyDir of the Kubernetes manifests): Matplotlib's and the
    # handout's font caches.
    written = running.docker("exec", running.name, "sh", "-c", "ls -A /tmp").stdout.split()
    assert written, "nothing in /tmp: is the tmpfs mounted?"


def _wait_ready(running: Running, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while _get(f"{running.url}/_stcore/health")[0] != 200:
        assert time.monotonic() < deadline, "the container never became healthy"
        time.sleep(0.5)
