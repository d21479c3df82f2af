"""Docker for the container test, on a machine that reaches no container registry.

What it does, each step only once it is needed:

- a Docker daemon: the one that already answers, else `dockerd --bridge=none --iptables=false`
  started here (root only) with its own socket, data root and log, stopped again afterwards;
- a base image built from Debian's own packages (debootstrap of bookworm, whose Python is 3.11
  like the pinned requirements and the official `python:3.11-slim-bookworm`, then `docker
  import`), kept under a tag named after its recipe so the next run reuses it;
- the wheels of requirements.txt, made beforehand with `pip wheel` into a cache folder keyed by
  the file's hash, and served to the build on 127.0.0.1 (`docker build --network host`), so the
  build itself fetches nothing.

All traffic stays on loopback: no bridge network exists, the build and the container use the
host's network namespace. When something the machine lacks stops this (no docker client, no
daemon and no root, no debootstrap, no reachable Debian mirror or package index),
`Unavailable` says exactly what, and the test skips with that sentence. Anything that fails
after that (the build, the app) is a test failure.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import http.server
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from harness.local import loopback_http
from tests.servers import ROOT

# Kept between runs on this machine: the wheels, checkov's environment (and, in Docker's own data
# root, the base image).
CACHE = Path(
    os.environ.get("MIROCALS_CI_CACHE")
    or ("/var/cache/mirocals-ci" if os.geteuid() == 0 else Path.home() / ".cache" / "mirocals-ci")
)
DOCKER_ROOT = Path(os.environ.get("MIROCALS_DOCKER_ROOT", "/var/lib/mirocals-docker"))
DOCKER_RUN = Path("/run/mirocals-docker")
SOCKET = DOCKER_RUN / "docker.sock"

SUITE = "bookworm"  # Python 3.11, as requirements.txt is pinned for and the official base image
BASE_PACKAGES = ("python3", "python3-pip", "python-is-python3")
# What makes the imported tree a base the Dockerfile can use as it uses python:3.11-slim: pip may
# install into the image's own Python (Debian marks it externally managed, PEP 668), no package
# lists, documentation or translations left behind.
BASE_CLEANUP = (
    "usr/lib/python3.11/EXTERNALLY-MANAGED",
    "var/lib/apt/lists",
    "var/cache/apt",
    "var/log",
    "usr/share/doc",
    "usr/share/man",
    "usr/share/info",
    "usr/share/locale",
)
BASE_CHANGES = (
    "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    "ENV LANG=C.UTF-8",
    'CMD ["python3"]',
)


class Unavailable(Exception):
    """This machine cannot build or run the image; the message says why (the skip reason)."""


def _run(args: list[str], timeout: float, env: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, env=env, **kwargs)


def _tail(text: str, lines: int = 8) -> str:
    return " | ".join(line.strip() for line in text.strip().splitlines()[-lines:])


@dataclass
class Docker:
    """A docker client bound to one daemon."""

    cli: str
    env: dict[str, str]
    started: subprocess.Popen | None = None  # the dockerd this module started, if any
    log: Path | None = None

    def __call__(self, *args: str, timeout: float = 120, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
        result = _run([self.cli, *args], timeout=timeout, env=self.env, **kwargs)
        if check and result.returncode != 0:
            raise RuntimeError(
                f"docker {' '.join(args[:3])} failed ({result.returncode}): {_tail(result.stderr or result.stdout, 20)}"
            )
        return result

    def read(self, container: str, path: str) -> bytes:
        """A file's bytes from a running container (`docker cp` cannot read a tmpfs)."""
        result = subprocess.run(
            [self.cli, "exec", container, "cat", path], capture_output=True, timeout=60, env=self.env
        )
        if result.returncode != 0:
            raise RuntimeError(f"cannot read {path} in {container}: {result.stderr.decode(errors='replace')[-500:]}")
        return result.stdout

    def memory(self, container: str) -> str:
        """The container's memory now and at its peak, from its cgroup (for the sizing in
        deploy/kubernetes/deployment.yaml); `docker stats` where the cgroup is not found."""
        full = self("inspect", "--format", "{{.Id}}", container).stdout.strip()
        for folder, now, peak in (
            (f"/sys/fs/cgroup/memory/docker/{full}", "memory.usage_in_bytes", "memory.max_usage_in_bytes"),
            (f"/sys/fs/cgroup/system.slice/docker-{full}.scope", "memory.current", "memory.peak"),
        ):
            try:
                values = [int(Path(folder, name).read_text()) / 2**20 for name in (now, peak)]
            except (OSError, ValueError):
                continue
            return f"memory {values[0]:.0f} MiB, peak {values[1]:.0f} MiB"
        return "memory " + self("stats", "--no-stream", "--format", "{{.MemUsage}}", container).stdout.strip()

    def has_image(self, tag: str) -> bool:
        return self("image", "inspect", tag, check=False, timeout=30).returncode == 0

    def stop(self) -> None:
        """Stop the daemon this module started (never one it found running)."""
        if self.started is None or self.started.poll() is not None:
            return
        self.started.send_signal(signal.SIGTERM)
        try:
            self.started.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.started.kill()
            self.started.wait(timeout=10)


def _client() -> str:
    cli = shutil.which("docker")
    if cli is None:
        raise Unavailable("no docker client on PATH (Debian package docker.io; .ci/run installs it)")
    return cli


def _answers(cli: str, env: dict[str, str]) -> bool:
    try:
        return _run([cli, "info", "--format", "{{.ServerVersion}}"], timeout=20, env=env).returncode == 0
    except subprocess.TimeoutExpired:
        return False


def docker_daemon(log_dir: Path) -> Docker:
    """A daemon to talk to: the one already answering, else one started here on loopback only."""
    cli = _client()
    env = {**os.environ, "DOCKER_BUILDKIT": "0"}  # the classic builder: no BuildKit images to pull
    if _answers(cli, env):
        return Docker(cli, env)
    ours = {**env, "DOCKER_HOST": f"unix://{SOCKET}"}
    if SOCKET.exists() and _answers(cli, ours):  # started by an earlier run that did not stop it
        return Docker(cli, ours)
    dockerd = shutil.which("dockerd") or next(
        (p for p in ("/usr/sbin/dockerd", "/usr/bin/dockerd") if os.access(p, os.X_OK)), None
    )
    if dockerd is None:
        raise Unavailable("no Docker daemon answers and dockerd is not installed (Debian package docker.io)")
    if os.geteuid() != 0:
        raise Unavailable("no Docker daemon answers and dockerd needs root, which this user is not")
    DOCKER_RUN.mkdir(parents=True, exist_ok=True)
    DOCKER_ROOT.mkdir(parents=True, exist_ok=True)
    log_dir.mkdir(parents=True, exist_ok=True)
    log = log_dir / "dockerd.log"
    with log.open("ab") as out:
        process = subprocess.Popen(
            [
                dockerd,
                "--bridge=none",
                "--iptables=false",
                "--ip6tables=false",
                "--ip-forward=false",
                "--ip-masq=false",
                "--userland-proxy=false",
                f"--data-root={DOCKER_ROOT}",
                f"--exec-root={DOCKER_RUN / 'exec'}",
                f"--pidfile={DOCKER_RUN / 'dockerd.pid'}",
                f"--host=unix://{SOCKET}",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    docker = Docker(cli, ours, started=process, log=log)
    deadline = time.monotonic() + 60
    while not _answers(cli, ours):
        if process.poll() is not None or time.monotonic() > deadline:
            docker.stop()
            raise Unavailable(f"dockerd could not start here: {_tail(log.read_text(errors='replace'))}")
        time.sleep(0.5)
    return docker


@contextlib.contextmanager
def machine_lock(timeout: float = 1800, name: str = "docker") -> Iterator[None]:
    """One container test (or checkov install) at a time on this machine: they share the daemon
    and the caches."""
    CACHE.mkdir(parents=True, exist_ok=True)
    with (CACHE / f"{name}.lock").open("w") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TimeoutError(
                        f"another test run held {CACHE / (name + '.lock')} for {timeout:.0f} s"
                    ) from None
                time.sleep(2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def debian_mirror() -> str:
    """The Debian archive this machine's apt already uses (deb822 or one-line sources)."""
    sources = sorted(Path("/etc/apt/sources.list.d").glob("*.sources")) + [Path("/etc/apt/sources.list")]
    for path in sources:
        if not path.is_file():
            continue
        text = path.read_text(errors="replace")
        for stanza in re.split(r"\n\s*\n", text):
            uris = re.search(r"^URIs:\s*(\S+)", stanza, re.M)
            suites = re.search(r"^Suites:\s*(.+)$", stanza, re.M)
            if (
                uris
                and suites
                and re.search(r"\b(bookworm|trixie|stable|testing)\b(?![-\w])", suites.group(1))
                and not uris.group(1).rstrip("/").endswith("-security")
            ):
                return uris.group(1)
        for line in text.splitlines():
            match = re.match(r"\s*deb\s+(?:\[[^]]*\]\s+)?(\S+)\s+(bookworm|trixie|stable|testing)\s", line + " ")
            if match and not match.group(1).rstrip("/").endswith("-security"):
                return match.group(1)
    raise Unavailable("no Debian archive in /etc/apt/sources.list(.d) for debootstrap to build the base image from")


def base_tag() -> str:
    recipe = repr((SUITE, BASE_PACKAGES, BASE_CLEANUP, BASE_CHANGES)).encode()
    return f"mirocals-ci-base:{SUITE}-{hashlib.sha256(recipe).hexdigest()[:12]}"


def debian_base(docker: Docker, log_dir: Path) -> tuple[str, bool]:
    """The tag of a base image made from Debian's packages, and whether it was built just now."""
    tag = base_tag()
    if docker.has_image(tag):
        return tag, False
    debootstrap = shutil.which("debootstrap") or (
        "/usr/sbin/debootstrap" if os.access("/usr/sbin/debootstrap", os.X_OK) else None
    )
    if debootstrap is None:
        raise Unavailable(
            "debootstrap is not installed (Debian package debootstrap; .ci/run installs it), "
            "so no base image can be made without a registry"
        )
    mirror = debian_mirror()
    log = log_dir / "debootstrap.log"
    with tempfile.TemporaryDirectory(dir=CACHE, prefix="rootfs-") as tmp:
        rootfs = Path(tmp) / "rootfs"
        with log.open("w") as out:
            result = subprocess.run(
                [debootstrap, "--variant=minbase", f"--include={','.join(BASE_PACKAGES)}", SUITE, str(rootfs), mirror],
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=900,
            )
        if result.returncode != 0:
            raise Unavailable(
                f"debootstrap of Debian {SUITE} from this machine's apt mirror failed "
                f"({result.returncode}): {_tail(log.read_text(errors='replace'))}"
            )
        for relative in BASE_CLEANUP:
            target = rootfs / relative
            if target.is_dir():
                shutil.rmtree(target)
                target.mkdir()
            elif target.exists():
                target.unlink()
        tar = subprocess.Popen(["tar", "-C", str(rootfs), "--numeric-owner", "-cf", "-", "."], stdout=subprocess.PIPE)
        changes = [arg for change in BASE_CHANGES for arg in ("--change", change)]
        imported = _run([docker.cli, "import", *changes, "-", tag], timeout=600, env=docker.env, stdin=tar.stdout)
        tar.stdout.close()
        tar.wait(timeout=60)
        if imported.returncode != 0 or tar.returncode != 0:
            raise RuntimeError(f"docker import of the Debian rootfs failed: {_tail(imported.stderr)}")
    return tag, True


def wheels() -> tuple[Path, bool]:
    """requirements.txt as wheels in a cache folder (made now if missing), and whether it was made now."""
    requirements = (ROOT / "requirements.txt").read_bytes()
    key = hashlib.sha256(requirements + sys.version.split()[0].encode()).hexdigest()[:16]
    folder = CACHE / "wheels" / key
    if (folder / ".complete").exists():
        return folder, False
    folder.mkdir(parents=True, exist_ok=True)
    result = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
            str(ROOT / "requirements.txt"),
            "-w",
            str(folder),
        ],
        timeout=900,
    )
    if result.returncode != 0:
        raise Unavailable(f"pip could not download the wheels of requirements.txt: {_tail(result.stderr)}")
    (folder / ".complete").write_text("")
    return folder, True


@contextlib.contextmanager
def loopback_files(folder: Path) -> Iterator[str]:
    """The folder over HTTP on 127.0.0.1 (pip's --find-links reads its listing), for one build."""
    with loopback_http(functools.partial(_QuietHandler, directory=str(folder))) as url:
        yield url


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass


@dataclass
class Timings:
    seconds: dict[str, float] = field(default_factory=dict)

    @contextlib.contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = round(time.perf_counter() - started, 1)

    def line(self) -> str:
        return ", ".join(f"{k} {v:.1f} s" for k, v in self.seconds.items())
