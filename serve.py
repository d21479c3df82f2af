"""Production entry point: the same app as `streamlit run streamlit_app.py`, plus readiness,
security headers and compressed front-end files.

    python serve.py [--server.port 8501] [--server.address 0.0.0.0] [...any streamlit config flag]

Streamlit 1.67's `st.App` runs the app with a lifespan hook and our own middleware. On start-up a
background thread warms, while the server is already listening, every capability a visitor uses
that does not depend on their input: heavy imports, the facts registry, the model fit, the handout
(fonts read from disk, one handout built), one run of /biomarker and one with its numbers revealed.
Until that has finished, `/_stcore/health` answers 503 "warming up" (and 503 "warm-up failed: ..."
if it failed, e.g. a missing or damaged handout font), so a load balancer, Docker's HEALTHCHECK or a
Kubernetes readinessProbe sends nobody to a replica that would make its first visitor wait or fail.
`/api/ready` reports what was warmed and how long it took (JSON, no user data; for the operator:
nginx does not pass it on). The other pages (both languages) are warmed after readiness, whenever
no visitor is on the server.

Every response carries the headers of deploy/security.py (CSP with frame-ancestors 'none', ...);
`/static/` files are gzipped once each (deploy/compression.py). With MIROCALS_ENV=production (the
Docker image) a missing STREAMLIT_SERVER_COOKIE_SECRET is a start-up error (exit 2); it may also
come from a file (MIROCALS_COOKIE_SECRET_FILE, a mounted Kubernetes Secret). The server's other
settings come from flags or from STREAMLIT_* environment variables, as with `streamlit run`.

`streamlit run streamlit_app.py` keeps working as before (no warm-up, no headers: its first visitor
pays the warm-up; put nginx with deploy/nginx.conf in front of it for the headers).
"""

from __future__ import annotations

import asyncio
import importlib
import json
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
log = logging.getLogger("mirocals.serve")

sys.path.insert(0, str(ROOT))
from content.i18n import LANGUAGES  # noqa: E402  (the warm-up visits every language of the table)

PACKAGES = ("content", "charts", "model", "views", "handout", "ui")


def _import_project() -> str:
    """Every module of the app's packages (pages import them on their first run otherwise)."""
    import pkgutil

    count = 0
    for package in PACKAGES:
        try:
            module = importlib.import_module(package)
        except ModuleNotFoundError as error:
            if error.name == package:
                continue
            raise
        for info in pkgutil.walk_packages(module.__path__, prefix=f"{package}."):
            if info.name.rsplit(".", 1)[-1].startswith("__"):  # never run a package's __main__
                continue
            importlib.import_module(info.name)
            count += 1
    return f"imported {count} modules of {', '.join(PACKAGES)}"


def _server_ws_url() -> str | None:
    from streamlit import config

    address = config.get_option("server.address") or "127.0.0.1"
    if address.startswith("unix://"):
        return None
    if address in {"0.0.0.0", "::", ""}:
        address = "127.0.0.1"
    if ":" in address:
        address = f"[{address}]"
    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    prefix = f"/{base}" if base else ""
    return f"ws://{address}:{config.get_option('server.port')}{prefix}/_stcore/stream"


async def _visit(
    url: str, page_name: str, query: str, timeout: float, press: tuple[str, ...] = (), then: str | None = None
) -> None:
    """One real session against our own server: run a page and wait until its script finished;
    then, for each key in ``press``, click the button with that key (as a browser would: a rerun
    with its trigger set) and wait again. ``then``: the key of a button the last run must draw
    (proof that the press did what it should)."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    async with websockets.connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=timeout) as ws:
        back = BackMsg()
        back.rerun_script.query_string = query
        back.rerun_script.page_name = page_name
        back.rerun_script.page_script_hash = ""
        back.rerun_script.context_info.locale = "en-GB"
        await ws.send(back.SerializeToString())
        to_press = list(press)
        buttons: dict[str, str] = {}  # widget key -> widget id, from the buttons drawn
        async with asyncio.timeout(timeout):
            async for raw in ws:
                msg = ForwardMsg()
                msg.ParseFromString(raw)
                kind = msg.WhichOneof("type")
                if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                    element = msg.delta.new_element
                    if element.WhichOneof("type") == "exception":
                        raise RuntimeError(f"/{page_name}?{query} raised {element.exception.type}")
                    if element.WhichOneof("type") == "button":
                        buttons[element.button.id.rsplit("-", 1)[-1]] = element.button.id
                if kind == "page_not_found":
                    raise RuntimeError(f"/{page_name} not found")
                if kind == "script_finished":
                    if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                        raise RuntimeError(f"/{page_name}?{query}: compile error")
                    if msg.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                        if not to_press:
                            if then is not None and then not in buttons:
                                raise RuntimeError(f"/{page_name}?{query}: pressing {press} drew no {then!r}")
                            return
                        key = to_press.pop(0)
                        if key not in buttons:
                            raise RuntimeError(f"/{page_name}?{query}: no button with key {key!r} to press")
                        click = BackMsg()
                        click.rerun_script.CopyFrom(back.rerun_script)
                        click.rerun_script.widget_states.widgets.add(id=buttons[key], trigger_value=True)
                        buttons = {}
                        await ws.send(click.SerializeToString())


def self_visit(
    pages: tuple[tuple[str, str], ...], timeout: float = 120.0, press: tuple[str, ...] = (), then: str | None = None
) -> Callable[[], str]:
    """Open our own pages once, as a browser would (per-page caches, Streamlit's lazy imports),
    pressing the buttons keyed ``press`` on each."""

    def step() -> str:
        url = _server_ws_url()
        if url is None:
            return "self-visit skipped (unix socket)"
        deadline = time.monotonic() + timeout
        for page_name, query in pages:
            while True:  # the server may still be starting: retry until it accepts
                try:
                    asyncio.run(_visit(url, page_name, query, max(1.0, deadline - time.monotonic()), press, then))
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.1)
        pressed = f" and pressed {', '.join(press)}" if press else ""
        return "visited " + ", ".join(f"/{p}?{q}" for p, q in pages) + pressed

    return step


def _facts() -> str:
    from content.facts import registry

    registry()
    return "content.facts.registry()"


def _model() -> str:
    """Load the model's shipped grid once per process (its own cache keeps it for every session)."""
    from model import benefit

    benefit.estimate(2000)
    benefit.hr_curve()
    return "model.benefit.estimate(2000) (+ hr_curve())"


def _handout() -> str:
    """The handout can be made: its fonts are on disk and whole, and one handout in both
    languages with a scenario builds (so the first download is quick, too). A replica whose
    fonts are missing or damaged is not ready: its download would fail."""
    import handout
    from handout.fonts import check_fonts

    fonts = check_fonts()
    data = handout.build_pdf("both", 2000.0, "a4")
    if not data.startswith(b"%PDF-"):
        raise RuntimeError("the handout build returned no PDF")
    return f'handout.build_pdf("both", 2000) ({fonts})'


def _explorer_tables() -> str:
    """The level explorer's table in every language (views/explorer.py, about 0.2 s each): the
    required self-visit reveals the English page only, so the first reveal in Chinese would
    otherwise build its table while that visitor waits."""
    from views import explorer

    for lang in LANGUAGES:
        explorer.answer_payload(lang)
    return "views.explorer.answer_payload() for " + ", ".join(LANGUAGES)


def when_quiet(step: Callable[[], str], quiet_for: float = 3.0, max_wait: float = 20.0) -> Callable[[], str]:
    """Run `step` once no visitor's session has been open for `quiet_for` seconds (or after
    `max_wait` seconds anyway).

    Warm-up after readiness shares the GIL with the visitors' script runs: without this, the first
    visitor after readiness (whose browser needs a moment to open its WebSocket) would wait for it.
    """

    def quiet_step() -> str:
        deadline = time.monotonic() + max_wait
        quiet_since = time.monotonic()
        while time.monotonic() < deadline:
            if _active_sessions() > 0:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= quiet_for:
                break
            time.sleep(0.2)
        return step()

    return quiet_step


def _active_sessions() -> int:
    try:
        from streamlit.runtime import Runtime

        return Runtime.instance()._session_mgr.num_active_sessions()
    except Exception:  # noqa: BLE001 - private API: if it moves, just do not wait
        return 0


# Readiness waits for these: a visitor must never wait for them, and each is a capability a
# visitor uses. The self-visits run the page a consultation opens on through the real server (its
# imports, the model fit, its caches), then press "Show the survival numbers" (the revealed
# numbers' own charts and tables: without it the first burst of visitors after a start built them
# all at once, 27 s p50), so "healthy" also means "that page and its numbers run"; the handout
# step means "a handout can be downloaded".
REQUIRED_WARMUPS: tuple[Callable[[], str], ...] = (
    _facts,
    _model,
    _handout,
    self_visit((("biomarker", "pnfh=2000&lang=en"),)),
    self_visit((("biomarker", "pnfh=2000&lang=en"),), press=("bm_reveal",), then="bm_hide"),
)
# After readiness, each when no visitor is on the server: every other module, then the other
# pages in both languages (the handout page builds its default PDFs).
AFTER_READY_WARMUPS: tuple[Callable[[], str], ...] = (
    when_quiet(_import_project),
    when_quiet(_explorer_tables),
    *(
        when_quiet(self_visit(((slug, f"lang={lang}"),)))
        for lang in LANGUAGES
        for slug in ("", "results", "biomarker", "handout", "trial")
    ),
)


class Readiness:
    """Process-wide readiness: set once the warm-up steps have all succeeded."""

    def __init__(self) -> None:
        self.ready = threading.Event()
        self.error: str | None = None
        self.steps: list[dict[str, Any]] = []
        self.seconds: float | None = None
        self.settled = False  # the after-readiness warm-up has finished too

    def _run(self, step: Callable[[], str]) -> None:
        t0 = time.perf_counter()
        what = step()
        self.steps.append({"step": what, "seconds": round(time.perf_counter() - t0, 3)})
        log.info("warm-up: %s (%.2f s)", what, time.perf_counter() - t0)

    def warm(self, steps: Iterable[Callable[[], str]], after: Iterable[Callable[[], str]] = ()) -> None:
        started = time.perf_counter()
        try:
            for step in steps:
                self._run(step)
        except Exception as error:  # noqa: BLE001 - reported by the health endpoint, process stays up
            self.error = f"{type(error).__name__}: {error}"
            log.exception("warm-up failed: the health endpoint will answer 503")
            return
        self.seconds = round(time.perf_counter() - started, 3)
        self.ready.set()
        log.info("ready after %.2f s of warm-up", self.seconds)
        print(f"MIROCALS ready (warm-up {self.seconds:.2f} s)", flush=True)
        for step in after:  # failures here are logged, never make a ready replica unready
            try:
                self._run(step)
            except Exception:  # noqa: BLE001
                log.exception("after-ready warm-up step failed (the app still serves)")
        self.settled = True

    def status(self) -> dict[str, Any]:
        return {
            "ready": self.ready.is_set(),
            "settled": self.settled,
            "error": self.error,
            "seconds": self.seconds,
            "steps": self.steps,
        }


class ReadinessMiddleware:
    """Pure ASGI middleware: 503 on the health endpoint until warm-up is done; `/api/ready`."""

    def __init__(self, app: Any, readiness: Readiness) -> None:
        self.app = app
        self.readiness = readiness

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            path = scope.get("path", "")
            if path.endswith("/api/ready"):
                status = self.readiness.status()
                await _respond(send, 200 if status["ready"] else 503, json.dumps(status), "application/json")
                return
            if path.endswith("/_stcore/health") and not self.readiness.ready.is_set():
                body = f"warm-up failed: {self.readiness.error}" if self.readiness.error else "warming up"
                await _respond(send, 503, body, "text/plain; charset=utf-8")
                return
        await self.app(scope, receive, send)


async def _respond(send: Any, status: int, body: str, content_type: str) -> None:
    data = body.encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", content_type.encode()),
                (b"content-length", str(len(data)).encode()),
                (b"cache-control", b"no-store"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": data})


def build_app(
    warmups: Iterable[Callable[[], str]] = REQUIRED_WARMUPS,
    after_ready: Iterable[Callable[[], str]] = AFTER_READY_WARMUPS,
    script: str = "streamlit_app.py",
):
    """The st.App: Streamlit's own routes, our readiness middleware, warm-up in the lifespan."""
    import streamlit as st
    from starlette.middleware import Middleware

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    readiness = Readiness()
    steps, after = tuple(warmups), tuple(after_ready)

    @asynccontextmanager
    async def lifespan(_app):
        # A daemon thread, not the event loop: the server answers (503) while it warms.
        threading.Thread(target=readiness.warm, args=(steps, after), name="warm-up", daemon=True).start()
        yield {"readiness": readiness}

    from deploy.compression import StaticGzipMiddleware
    from deploy.layout import StableLayoutMiddleware
    from deploy.security import SecurityHeadersMiddleware
    from ui.access import css as access_style
    from ui.frame import first_screen

    app = st.App(
        str(ROOT / script),
        lifespan=lifespan,
        # Outermost first: the security headers go on every response, readiness answers included;
        # the front-end files compressed once each (Streamlit serves them uncompressed).
        middleware=[
            Middleware(SecurityHeadersMiddleware),
            Middleware(StaticGzipMiddleware),
            # The app's own constant style sheet in the index page too: it is otherwise an element
            # of the first script run and arrives after Streamlit has drawn (the phone start page
            # moved once, CLS 0.113, when its heading and paragraph sizes applied late).
            # ... and a first screen in the visitor's language (ui.frame.first_screen) until the
            # page's first text is drawn: on a slow phone Streamlit's front end takes seconds.
            Middleware(StableLayoutMiddleware, style=access_style(), first_screen=first_screen),
            Middleware(ReadinessMiddleware, readiness=readiness),
        ],
    )
    app.readiness = readiness  # for tests and launchers
    return app


def skip_altair_validation() -> None:
    """Production only: build Vega-Lite specs without re-validating them against the JSON schema.

    Streamlit converts every chart with `chart.to_dict()`, which validates the whole spec each
    rerun, and Altair's debug mode validates every part as it is built: together about 30% of the
    server's CPU per slider step on /biomarker (4 charts; 0.18 -> 0.13 s CPU). Validation
    only catches programming errors in chart builders, and the tests (AppTest, `streamlit run`)
    keep it on, so they still catch them.
    """
    from altair.utils import schemapi
    from altair.vegalite.v6.api import Chart, TopLevelMixin

    schemapi.disable_debug_mode()  # no validation when each chart part is constructed either

    for cls in (TopLevelMixin, Chart):  # Chart overrides to_dict and passes validate on
        original = cls.__dict__["to_dict"]
        if getattr(original, "_mirocals_unvalidated", False):
            continue

        def to_dict(self, validate: bool = True, *, _original=original, **kwargs: Any) -> dict:
            return _original(self, validate=False, **kwargs)

        to_dict._mirocals_unvalidated = True
        to_dict.__doc__ = original.__doc__
        cls.to_dict = to_dict


def parse_flags(argv: list[str]) -> dict[str, Any]:
    """`--server.port 8501` or `--server.port=8501`, as `streamlit run` accepts them."""
    overrides: dict[str, Any] = {}
    args = list(argv)
    while args:
        arg = args.pop(0)
        if not arg.startswith("--"):
            raise SystemExit(f"unexpected argument {arg!r}: use --section.option value")
        key, _, value = arg[2:].partition("=")
        if not value:
            if not args:
                raise SystemExit(f"missing value for {arg}")
            value = args.pop(0)
        overrides[key] = _coerce(value)
    return overrides


def _coerce(value: str) -> Any:
    if value.lower() in {"true", "false"}:
        return value.lower() == "true"
    try:
        return int(value)
    except ValueError:
        return value


def env_overrides(environ: dict[str, str] | None = None) -> dict[str, Any]:
    """Config options from ``STREAMLIT_*`` environment variables, read as `streamlit run` reads them.

    `streamlit run` takes every option from its variable (``STREAMLIT_SERVER_PORT`` is
    ``--server.port``, converted to the option's type by click); ``st.App.run`` reads only the
    sensitive ones (the cookie secret) and would silently ignore the rest, the Dockerfile's and
    the Kubernetes manifests' included. Flags on the command line still win over these.
    """
    import click
    from streamlit import config

    environ = os.environ if environ is None else environ
    overrides: dict[str, Any] = {}
    # The options' definitions, not their values: parsing the config here, before App.run parses
    # it again with these overrides, would make Streamlit log "please restart streamlit".
    for key, option in config._config_options_template.items():
        raw = environ.get(option.env_var)
        if raw is None or option.sensitive:  # sensitive ones: Streamlit reads them itself
            continue
        convert = click.types.convert_type(option.type)
        try:
            values = [convert.convert(v, None, None) for v in (raw.split() if option.multiple else [raw])]
        except click.BadParameter as error:
            raise SystemExit(f"serve.py: {option.env_var}={raw!r}: {error.message}") from None
        overrides[key] = values if option.multiple else values[0]
    return overrides


def no_external_ip_lookup() -> None:
    """Never ask an outside service for this machine's public address.

    Streamlit 1.67 asks one (an HTTP request to a public "check IP" service) when it prints its
    start-up banner on a wildcard address (the Docker image listens on 0.0.0.0), and again for
    every cross-origin WebSocket handshake for as long as it gets no answer, blocking the event loop
    up to 2 s each time: an outside request the aid promises never to make, and a stall wherever
    the way out is closed (a Kubernetes NetworkPolicy without egress). Marking the address as
    looked up, and empty, only drops the banner's "External URL" line; the origin check is
    otherwise unchanged (localhost, this machine's own addresses, ``server.corsAllowedOrigins``).
    """
    from streamlit import net_util

    net_util._external_ip = ""  # private, checked by tests/test_deploy_serve_config.py


SECRET_FILE_ENV = "MIROCALS_COOKIE_SECRET_FILE"  # a file holding the cookie secret (a mounted Secret)


def cookie_secret_from_file(environ: dict[str, str] | None = None) -> str | None:
    """Take the cookie secret from the file ``MIROCALS_COOKIE_SECRET_FILE`` names, if it names one.

    Kubernetes mounts the Secret as a read-only file (deploy/kubernetes/deployment.yaml), so the
    secret is not in the pod's environment, where `kubectl describe`, crash reports and any child
    process could read it. Streamlit reads the cookie secret only from its config or its
    environment variable, so the file's content goes into this process's own environment before
    the config is parsed. Returns what is wrong (one line), or None.
    """
    environ = os.environ if environ is None else environ
    path = environ.get(SECRET_FILE_ENV, "").strip()
    if not path:
        return None
    try:
        secret = Path(path).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as error:
        return f"{SECRET_FILE_ENV}={path}: cannot read the cookie secret ({type(error).__name__}: {error.strerror if isinstance(error, OSError) else error})"
    if not secret:
        return f"{SECRET_FILE_ENV}={path}: the file is empty"
    environ["STREAMLIT_SERVER_COOKIE_SECRET"] = secret
    return None


PRODUCTION_ENV = "MIROCALS_ENV"  # "production" in the Docker image; set it in any production launcher


def production_problem(overrides: dict[str, Any] | None = None) -> str | None:
    """In production (``MIROCALS_ENV=production``), what makes serving unsafe, else None.

    ``overrides``: the options App.run will be given (parsed with them now, so its own parse finds
    nothing changed).

    Without ``server.cookieSecret`` each replica invents its own: the XSRF cookie one replica
    signed is refused by the next after a failover, and every restart invalidates the cookies.
    """
    if os.environ.get(PRODUCTION_ENV, "").strip().lower() != "production":
        return None
    from streamlit import config

    config.get_config_options(force_reparse=True, options_from_flags=overrides or {})
    secret = config.get_option("server.cookieSecret") or ""
    if config.get_where_defined("server.cookieSecret") == "<default>" or not secret.strip():
        return (
            f"{PRODUCTION_ENV}=production but no cookie secret: set STREAMLIT_SERVER_COOKIE_SECRET "
            "(the same long random string on every replica, e.g. `openssl rand -hex 32`)"
        )
    if len(secret) < 32:
        return f"{PRODUCTION_ENV}=production: STREAMLIT_SERVER_COOKIE_SECRET is too short (use 32 characters or more)"
    return None


def main(
    argv: list[str] | None = None,
    warmups: Iterable[Callable[[], str]] = REQUIRED_WARMUPS,
    after_ready: Iterable[Callable[[], str]] = AFTER_READY_WARMUPS,
) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    # fontTools logs every subsetting step of every handout at INFO (about 66 lines, glyph lists).
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    overrides = {**env_overrides(), **parse_flags(sys.argv[1:] if argv is None else argv)}
    no_external_ip_lookup()
    problem = cookie_secret_from_file() or production_problem(overrides)
    if problem:
        print(f"serve.py: {problem}", file=sys.stderr, flush=True)
        raise SystemExit(2)
    skip_altair_validation()
    build_app(warmups, after_ready).run(config=overrides or None)


if __name__ == "__main__":
    main()
