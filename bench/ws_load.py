"""Server-side load: N concurrent Streamlit sessions driven over the WebSocket protocol.

    python bench/ws_load.py [--sessions 50] [--ramps 0,30] [--targets floor,app-serve]

Each client does what the browser bench does (open /biomarker?pnfh=2000, press "Show the survival
numbers" where the page has it, one slider step) but without a browser, so the 2-core machine's
CPU goes to the server: the latency is the server's answer (script finished), not Chromium's
drawing. Loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PAGE, TARGETS, cpu_seconds, loadavg, percentile, save, serve


async def run_script(ws, back) -> dict[str, object]:
    """Send one rerun; collect the widgets drawn; return when the script has finished."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    await ws.send(back.SerializeToString())
    widgets: dict[str, object] = {}
    async for raw in ws:
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            which = element.WhichOneof("type")
            if which == "exception":
                raise RuntimeError(f"exception: {element.exception.message[:100]}")
            if which == "bidi_component" and '"part": "controls"' in element.bidi_component.json[:40]:
                widgets["explorer"] = (element.bidi_component, msg.delta.fragment_id)  # the app's level explorer
            if which in {"button", "slider"}:
                # With the fragment it was drawn in: the browser reruns only that fragment.
                widgets[f"{which}:{getattr(element, which).label}"] = (getattr(element, which), msg.delta.fragment_id)
        if kind == "script_finished" and msg.script_finished in (
            ForwardMsg.FINISHED_SUCCESSFULLY,
            ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
        ):
            return widgets


def rerun_message(page: str, states=(), fragment_id: str = ""):
    """The BackMsg a browser sends to run ``page`` ("biomarker?lang=en&pnfh=2000"), or only the
    fragment ``fragment_id``, with ``states`` as the widgets' values (an en-GB browser)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    path, _, query = page.lstrip("/").partition("?")
    back = BackMsg()
    back.rerun_script.fragment_id = fragment_id
    back.rerun_script.query_string = query
    back.rerun_script.page_name = path
    back.rerun_script.context_info.locale = "en-GB"
    back.rerun_script.widget_states.widgets.extend(states)
    return back


def visitor_address(i: int) -> str:
    """The loopback address visitor ``i`` connects from (127.0.1.2, 127.0.1.3, ...).

    Real visitors arrive from many addresses; the shipped nginx limits requests per address (20 a
    second, 100 at once: deploy/nginx.conf), so a hundred sessions from 127.0.0.1 alone would be
    refused with 429 beyond about 120 in a second. Every 127/8 address is this machine's."""
    return f"127.0.{1 + i // 250}.{2 + i % 250}"


async def _session(url: str, reveal: str | None, delay: float, timeout: float, source: str | None = None) -> dict:
    import websockets

    await asyncio.sleep(delay)
    extra = {"local_addr": (source, 0)} if source else {}
    try:
        async with asyncio.timeout(timeout):
            async with websockets.connect(url, subprotocols=["streamlit"], max_size=None, **extra) as ws:

                def rerun(states=(), fragment_id=""):
                    return rerun_message(PAGE, states, fragment_id)

                t0 = time.perf_counter()
                widgets = await run_script(ws, rerun())
                if reveal:
                    from streamlit.proto.WidgetStates_pb2 import WidgetState

                    button, fragment = widgets[f"button:{reveal}"]
                    drawn = await run_script(ws, rerun([WidgetState(id=button.id, trigger_value=True)], fragment))
                    widgets = {**widgets, **drawn}
                loaded = time.perf_counter() - t0
                from streamlit.proto.WidgetStates_pb2 import WidgetState

                if "explorer" in widgets:
                    # The app draws a step in the browser; what reaches the server is the explorer's
                    # report of the new level, as explorer.js sends it.
                    explorer, fragment = widgets["explorer"]
                    level = json.loads(explorer.json)["level"] + 50
                    state = WidgetState(id=explorer.id, json_value=json.dumps({"level": {"level": level, "seq": 1}}))
                else:
                    slider, fragment = next(w for k, w in widgets.items() if k.startswith("slider:"))
                    value = list(slider.value or slider.default)
                    value[0] += slider.step
                    state = WidgetState(id=slider.id)
                    state.double_array_value.data.extend(value)
                t1 = time.perf_counter()
                await run_script(ws, rerun([state], fragment))
                return {"load": loaded, "step": time.perf_counter() - t1}
    except Exception as error:  # noqa: BLE001 - counted
        return {"error": f"{type(error).__name__}: {error}"[:160]}


async def _all(url: str, reveal: str | None, sessions: int, ramp: float, timeout: float) -> list[dict]:
    return list(
        await asyncio.gather(
            *[_session(url, reveal, ramp * i / max(1, sessions), timeout, visitor_address(i)) for i in range(sessions)]
        )
    )


def _summary(results: list[dict], sessions: int, ramp: float, wall: float, cpu: float) -> dict:
    ok = [r for r in results if "error" not in r]
    errors = [r["error"] for r in results if "error" in r]
    return {
        "sessions": sessions,
        "ramp_seconds": ramp,
        "wall_seconds": wall,
        "errors": len(errors),
        "error_samples": errors[:5],
        "server_cpu_seconds": cpu,
        "server_cpu_per_session": cpu / sessions,
        "load_p50": percentile([r["load"] for r in ok], 50),
        "load_p95": percentile([r["load"] for r in ok], 95),
        "step_p50": percentile([r["step"] for r in ok], 50),
        "step_p95": percentile([r["step"] for r in ok], 95),
    }


def _burst(srv, sessions: int, ramp: float, timeout: float) -> dict:
    url = srv.url.replace("http://", "ws://") + "/_stcore/stream"
    pids = srv.server_pids()  # every replica's CPU (nginx's own is not counted)
    cpu0, t0 = sum(map(cpu_seconds, pids)), time.perf_counter()
    results = asyncio.run(_all(url, srv.target.reveal, sessions, ramp, timeout))
    wall, cpu = time.perf_counter() - t0, sum(map(cpu_seconds, pids)) - cpu0
    return _summary(results, sessions, ramp, wall, cpu)


def run(targets: list[str], sessions: int, ramp: float = 0.0, timeout: float = 120.0) -> dict:
    out = {}
    loads = [loadavg()]
    for name in targets:
        with serve(TARGETS[name]) as srv:
            url = srv.url.replace("http://", "ws://") + "/_stcore/stream"
            asyncio.run(_all(url, srv.target.reveal, 1, 0, timeout))  # first visitor: cold start's business
            out[name] = _burst(srv, sessions, ramp, timeout)
        print(name, out[name], flush=True)
        loads.append(loadavg())
    return {"stage": "wsload", "path": PAGE, "sessions": sessions, "ramp_seconds": ramp, "load": loads, "results": out}


def first_and_warm(targets: list[str], sessions: int, ramp: float, timeout: float = 120.0) -> list[dict]:
    """The first burst as soon as health answers 200 (no visitor before it, serve.py's after-
    readiness warm-up not waited for), then the same burst again on the same, now warm, server."""
    first, warm = {}, {}
    loads = [loadavg()]
    for name in targets:
        with serve(TARGETS[name], settle=False) as srv:
            first[name] = _burst(srv, sessions, ramp, timeout)
            print(name, "first", first[name], flush=True)
            warm[name] = _burst(srv, sessions, ramp, timeout)
            print(name, "warm", warm[name], flush=True)
        loads.append(loadavg())
    return [
        {
            "stage": "wsload",
            "path": PAGE,
            "sessions": sessions,
            "ramp_seconds": ramp,
            "phase": phase,
            "load": loads,
            "results": results,
        }
        for phase, results in (("first burst after start", first), ("the same burst again, warm", warm))
    ]


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--ramps", default="0,30", help="seconds over which the sessions open, one run each")
    parser.add_argument("--targets", default="floor,app-serve")
    parser.add_argument(
        "--first-burst",
        type=float,
        default=None,
        metavar="RAMP",
        help="also: the first burst right after start (opened over RAMP s), then the same burst warm",
    )
    args = parser.parse_args(argv)
    targets = [t for t in args.targets.split(",") if t]
    runs = [run(targets, args.sessions, float(r)) for r in args.ramps.split(",") if r]
    if args.first_burst is not None:
        runs += first_and_warm(targets, args.sessions, args.first_burst)
    result = {
        "stage": "wsload",
        "sessions": args.sessions,
        "runs": runs,
        "command": "python bench/ws_load.py " + " ".join(argv if argv is not None else sys.argv[1:]),
    }
    print(f"saved {save('wsload', result)}")
    return result


if __name__ == "__main__":
    main()
