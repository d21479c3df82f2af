"""Shared pieces of the benchmarks: targets, server start, machine description, browser helpers.

Every target is started with the flags `tests/servers.py` uses, on a free loopback port; only
127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from harness.local import (  # noqa: E402,F401  (CHROMIUM_ARGS and IDLE: re-exported for the benches)
    CHROMIUM,
    CHROMIUM_ARGS,
    IDLE,
    free_port,
    render_conf,
    stop,
)
from harness.local import SERVER_FLAGS as FLAGS  # noqa: E402

RESULTS = ROOT / "bench" / "results"
PAGE = "/biomarker?pnfh=2000"


# The biomarker page shows the model's numbers only when asked (a deliberate step, so nobody
# meets survival figures unprepared): benchmarks press that button, as a visitor would.
REVEAL = "Show the survival numbers"


@dataclass(frozen=True)
class Target:
    name: str
    argv: tuple[str, ...]  # before the common flags and the port
    description: str
    reveal: str | None = None  # button to press before the answer's charts are drawn
    replicas: int = 1  # more than one: that many servers behind deploy/nginx.conf (Debian's nginx)


TARGETS = {
    "floor": Target(
        "floor",
        (sys.executable, "-m", "streamlit", "run", "bench/floor/floor_app.py"),
        "minimal multi-page app: one slider, one sentence, one Altair chart (`streamlit run bench/floor/floor_app.py`)",
    ),
    "app": Target(
        "app",
        (sys.executable, "-m", "streamlit", "run", "streamlit_app.py"),
        "this app as the README starts it (`streamlit run streamlit_app.py`)",
        REVEAL,
    ),
    "app-serve": Target(
        "app-serve",
        (sys.executable, "serve.py"),
        "this app through the production entry point (`python serve.py`: warm-up + readiness)",
        REVEAL,
    ),
    "app-nginx2": Target(
        "app-nginx2",
        (sys.executable, "serve.py"),
        "two `python serve.py` replicas behind Debian's nginx with the shipped deploy/nginx.conf",
        REVEAL,
        replicas=2,
    ),
}


@dataclass
class Running:
    target: Target
    url: str
    process: subprocess.Popen
    started: float  # time.monotonic() just before Popen
    healthy: float  # seconds from Popen to the first 200 on /_stcore/health
    log_path: Path
    pids: tuple[int, ...] = ()  # every server process (replicas); empty: just ``process``

    def server_pids(self) -> tuple[int, ...]:
        return self.pids or (self.process.pid,)

    def rss_kb(self) -> int:
        return rss_kb(self.process.pid)


def rss_kb(pid: int) -> int:
    text = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"^VmRSS:\s+(\d+) kB", text, re.M).group(1))


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (from /proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def http_get(url: str, timeout: float = 2.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@contextmanager
def serve(
    target: Target, timeout: float = 120.0, extra: tuple[str, ...] = (), settle: bool = True
) -> Iterator[Running]:
    """Start a target; with `settle`, also wait until serve.py's after-readiness warm-up is done
    (steady state: nothing else competes for the CPU or changes the memory while measuring)."""
    if target.replicas > 1:
        with _replicas(target, timeout, extra, settle) as running:
            yield running
        return
    port = free_port()
    RESULTS.mkdir(parents=True, exist_ok=True)
    log_path = RESULTS / f"{target.name}-{port}.log"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with log_path.open("wb") as log:
        started = time.monotonic()
        process = subprocess.Popen(
            [*target.argv, *FLAGS, "--server.port", str(port), *extra],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = started + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{target.name} exited early:\n{log_path.read_text()}")
            try:
                status, _ = http_get(f"{url}/_stcore/health", timeout=2)
                if status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"{target.name} not healthy in {timeout}s")
            time.sleep(0.02)
        healthy = time.monotonic() - started
        while settle and time.monotonic() < deadline + 120:
            try:
                status, body = http_get(f"{url}/api/ready")
            except OSError:
                break
            try:
                settled = status != 200 or json.loads(body).get("settled", True)
            except ValueError:  # not serve.py: Streamlit answers unknown paths with its page
                settled = True
            if settled:
                break
            time.sleep(0.25)
        yield Running(target, url, process, started, healthy, log_path)
    finally:
        stop(process)


@contextmanager
def _replicas(target: Target, timeout: float, extra: tuple[str, ...], settle: bool) -> Iterator[Running]:
    """``target.replicas`` servers behind nginx (deploy/nginx.conf as tests/test_deploy_replicas.py
    runs it: only the replica list, the listen address and the log paths changed), on loopback;
    the servers share one cookie secret, as the README tells an operator."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    single = replace(target, replicas=1)
    previous = os.environ.get("STREAMLIT_SERVER_COOKIE_SECRET")
    os.environ["STREAMLIT_SERVER_COOKIE_SECRET"] = "bench-replicas-shared-secret"
    try:
        with ExitStack() as stack:
            started = time.monotonic()
            servers = [stack.enter_context(serve(single, timeout, extra, settle)) for _ in range(target.replicas)]
            tmp = Path(tempfile.mkdtemp(prefix="bench-nginx-"))
            listen = free_port()
            conf = tmp / "nginx.conf"
            conf.write_text(render_conf([s.url.removeprefix("http://") for s in servers], listen, tmp))
            log_path = RESULTS / f"{target.name}-{listen}-nginx.log"
            proc = subprocess.Popen(
                [nginx, "-p", str(tmp), "-c", str(conf), "-e", str(tmp / "main-error.log"), "-g", "daemon off;"],
                stdout=log_path.open("wb"),
                stderr=subprocess.STDOUT,
            )
            stack.callback(stop, proc)
            url = f"http://127.0.0.1:{listen}"
            deadline = time.monotonic() + 20
            while True:
                try:
                    if http_get(f"{url}/_stcore/health")[0] == 200:
                        break
                except OSError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"nginx did not answer: {(tmp / 'main-error.log').read_text()}")
                time.sleep(0.05)
            healthy = max(s.healthy for s in servers)
            pids = tuple(s.process.pid for s in servers)
            yield Running(target, url, servers[0].process, started, healthy, log_path, pids)
    finally:
        if previous is None:
            os.environ.pop("STREAMLIT_SERVER_COOKIE_SECRET", None)
        else:
            os.environ["STREAMLIT_SERVER_COOKIE_SECRET"] = previous


def metrics(url: str) -> dict[str, float]:
    """`/_stcore/metrics` (OpenMetrics text) as {name{labels}: value}."""
    _, body = http_get(f"{url}/_stcore/metrics")
    out: dict[str, float] = {}
    for line in body.decode().splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.rpartition(" ")
            try:
                out[key] = float(value)
            except ValueError:
                pass
    return out


def machine() -> dict[str, str]:
    def run(*cmd: str) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=10).stdout.strip()
        except OSError:
            return "?"

    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return {
        "nproc": run("nproc"),
        "cpu": cpu,
        "memory": next((l for l in run("free", "-h").splitlines() if l.startswith("Mem:")), "?"),
        "uptime": run("uptime"),
        "python": platform.python_version(),
        "streamlit": _version("streamlit"),
        "chromium": run(CHROMIUM, "--version"),
        "kernel": platform.release(),
    }


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def _version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def save(name: str, data: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False))
    return path


# --- what "the answer is on screen" means, the same for the floor and the app ------------------

# The page has answered: the script has finished and the slider (the page's control) is drawn.
CONTROLS_JS = """() => {
  const idle = document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]');
  const slider = document.querySelector('[data-testid="stSlider"] input[type="range"], [data-testid="stSlider"] [role="slider"], .aid-x-range');
  return !!(idle && slider && document.querySelector('h1'));
}"""

# The answer: the script has finished, a slider and a drawn Vega chart are on the page.
ANSWER_JS = """() => {
  const idle = document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]');
  const slider = document.querySelector('[data-testid="stSlider"] input[type="range"], [data-testid="stSlider"] [role="slider"], .aid-x-range');
  const chart = document.querySelector('[data-testid="stVegaLiteChart"] svg, [data-testid="stVegaLiteChart"] canvas, .vega-embed svg');
  return !!(idle && slider && chart);
}"""

# What the server computed (not what the slider draws by itself): text outside the slider, the
# charts' accessible names and the text drawn inside them (the chosen level's marker label, the
# survival curves' end labels), so a chart whose data is swapped in place counts once it is drawn.
RESULT_TEXT_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main) return '';
  const parts = [];
  main.querySelectorAll('[data-testid="stMarkdownContainer"], [data-testid="stMetric"], [data-testid="stCaptionContainer"]').forEach(el => {
    if (!el.closest('[data-testid="stSlider"]')) parts.push(el.innerText);
  });
  // The app's level explorer draws its answer in the browser (ui/explorer_assets/explorer.js).
  main.querySelectorAll('[data-aid-explorer="answer"]').forEach(el => parts.push(el.innerText));
  main.querySelectorAll('[role="graphics-document"], .vega-embed').forEach(el => parts.push(el.getAttribute('aria-label') || '', el.querySelector('svg') ? el.querySelector('svg').textContent : ''));
  return parts.join('\\n');
}"""

# The server has drawn the new level too: its run is over and nothing the explorer marked as waiting
# for the server (the effect curve, the caveat) is left; for the floor, the same as the answer.
SETTLED_JS = """() => !!document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]')
  && !document.querySelector('.aid-x-stale')"""

UPDATED_JS = (
    """(before) => {
  const idle = document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]');
  if (!idle) return false;
  const f = %s;
  return f() !== before;
}"""
    % RESULT_TEXT_JS
)
