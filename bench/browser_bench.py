"""Browser benchmarks, this app against the floor, side by side in one run.

    python bench/browser_bench.py pageload    [--reps 7] [--targets floor,app,app-serve]
    python bench/browser_bench.py interaction [--reps 9]
    python bench/browser_bench.py coldstart   [--reps 3]
    python bench/browser_bench.py memory      [--sessions 20]
    python bench/browser_bench.py load        [--sessions 50] [--ramp 30]

Each stage writes `bench/results/<stage>.json`; `bench/run_all.py` runs them all and writes
`docs/performance.md`. Targets alternate repetition by repetition, so a burst of load on the
shared machine hits both alike. Headless Debian Chromium via Playwright; loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from contextlib import ExitStack, contextmanager

if __package__ in (None, ""):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    ANSWER_JS,
    CHROMIUM,
    CHROMIUM_ARGS,
    CONTROLS_JS,
    PAGE,
    RESULT_TEXT_JS,
    SETTLED_JS,
    TARGETS,
    UPDATED_JS,
    cpu_seconds,
    loadavg,
    median,
    metrics,
    percentile,
    save,
    serve,
)

VIEWPORT = {"width": 1280, "height": 900}
SLIDER = '[data-testid="stSlider"] input[type="range"], .aid-x-range'


def _launch(pw):
    return pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


@contextmanager
def _browser(existing=None):
    """Our own Chromium, or one the caller already has (pytest's session browser)."""
    if existing is not None:
        yield existing
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = _launch(pw)
        try:
            yield browser
        finally:
            browser.close()


def _open(browser, url: str, target, timeout_ms: float = 60_000):
    """A new context at PAGE. Returns (context, page, seconds until the page has answered with
    its controls, seconds until the answer's charts are drawn, the reveal click included)."""
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    page = context.new_page()
    t0 = time.perf_counter()
    page.goto(url + PAGE, wait_until="commit")
    page.wait_for_function(CONTROLS_JS, timeout=timeout_ms, polling="raf")
    controls = time.perf_counter() - t0
    if target.reveal:
        page.get_by_role("button", name=target.reveal).click()
    page.wait_for_function(ANSWER_JS, timeout=timeout_ms, polling="raf")
    return context, page, controls, time.perf_counter() - t0


def _open_answer(browser, url: str, target, timeout_ms: float = 60_000):
    context, page, _, answered = _open(browser, url, target, timeout_ms)
    return context, page, answered


def _step(page, timeout_ms: float = 30_000, settled: list | None = None) -> float:
    """One keyboard step on the focused slider until the new answer is drawn (by the server, or by
    the app's explorer in the browser); the time until the server has drawn it too goes into
    ``settled``. Each step starts from a settled page."""
    page.wait_for_function(SETTLED_JS, timeout=timeout_ms, polling="raf")
    thumb = page.locator(SLIDER).first
    thumb.focus()
    at_max = thumb.evaluate("e => Number(e.value) >= Number(e.max)")
    key = "ArrowLeft" if at_max else "ArrowRight"
    before = page.evaluate(RESULT_TEXT_JS)
    t0 = time.perf_counter()
    page.keyboard.press(key)
    page.wait_for_function(UPDATED_JS, arg=before, timeout=timeout_ms, polling="raf")
    answered = time.perf_counter() - t0
    page.wait_for_timeout(50)  # the explorer reports 300 ms after the last step: let it start
    page.wait_for_function(
        "() => !document.querySelector('.aid-x-range') || document.querySelector('.st-key-bm_number input').value"
        " === document.querySelector('.aid-x-range').value",
        timeout=timeout_ms,
        polling="raf",
    )
    page.wait_for_function(SETTLED_JS, timeout=timeout_ms, polling="raf")
    if settled is not None:
        settled.append(time.perf_counter() - t0)
    return answered


def _names(arg: str) -> list[str]:
    return [name.strip() for name in arg.split(",") if name.strip()]


def pageload(targets: list[str], reps: int, browser=None) -> dict:
    out = {name: [] for name in targets}
    controls = {name: [] for name in targets}
    with _browser(browser) as browser, ExitStack() as stack:
        running = {name: stack.enter_context(serve(TARGETS[name])) for name in targets}
        for _name, srv in running.items():  # the first visitor's cost belongs to cold start
            context, _, _ = _open_answer(browser, srv.url, srv.target)
            context.close()
        loads = [loadavg()]
        for _ in range(reps):
            for name, srv in running.items():
                context, _, first, answered = _open(browser, srv.url, srv.target)
                context.close()
                controls[name].append(first)
                out[name].append(answered)
        loads.append(loadavg())
    return {
        "stage": "pageload",
        "path": PAGE,
        "reps": reps,
        "load": loads,
        "seconds": out,
        "controls_seconds": controls,
        "median": {k: median(v) for k, v in out.items()},
        "median_controls": {k: median(v) for k, v in controls.items()},
    }


def interaction(targets: list[str], reps: int, browser=None) -> dict:
    out = {name: [] for name in targets}
    with _browser(browser) as browser, ExitStack() as stack:
        running = {name: stack.enter_context(serve(TARGETS[name])) for name in targets}
        pages = {}
        for name, srv in running.items():
            context, page, _ = _open_answer(browser, srv.url, srv.target)
            _step(page)  # one unmeasured step: the first rerun may build caches
            pages[name] = page
        loads = [loadavg()]
        settled = {name: [] for name in targets}
        for _ in range(reps):
            for name, page in pages.items():
                out[name].append(_step(page, settled=settled[name]))
        loads.append(loadavg())
    return {
        "stage": "interaction",
        "path": PAGE,
        "reps": reps,
        "load": loads,
        "seconds": out,
        "median": {k: median(v) for k, v in out.items()},
        # Until the server has drawn the step too (the app's effect curve; for the floor, its answer).
        "settled_seconds": settled,
        "settled_median": {k: median(v) for k, v in settled.items()},
    }


def coldstart(targets: list[str], reps: int) -> dict:
    """Process start until health answers, and until the first page is answered in a browser."""
    from playwright.sync_api import sync_playwright

    health = {name: [] for name in targets}
    first = {name: [] for name in targets}
    loads = [loadavg()]
    with sync_playwright() as pw:
        browser = _launch(pw)
        for _ in range(reps):
            for name in targets:
                with serve(TARGETS[name], settle=False) as srv:
                    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
                    page = context.new_page()
                    page.goto(srv.url + PAGE, wait_until="commit")
                    page.wait_for_function(CONTROLS_JS, timeout=120_000, polling="raf")
                    first[name].append(time.monotonic() - srv.started)
                    health[name].append(srv.healthy)
                    context.close()
        browser.close()
    loads.append(loadavg())
    return {
        "stage": "coldstart",
        "path": PAGE,
        "reps": reps,
        "load": loads,
        "health_seconds": health,
        "first_page_seconds": first,
        "median": {k: median(v) for k, v in first.items()},
        "median_health": {k: median(v) for k, v in health.items()},
    }


def memory(targets: list[str], sessions: int) -> dict:
    from playwright.sync_api import sync_playwright

    out = {}
    loads = [loadavg()]
    with sync_playwright() as pw:
        browser = _launch(pw)
        for name in targets:
            with serve(TARGETS[name]) as srv:
                rss_start = srv.rss_kb()
                contexts, series = [], []
                for _ in range(sessions):
                    context, _, _ = _open_answer(browser, srv.url, srv.target)
                    contexts.append(context)
                    time.sleep(0.5)
                    series.append(srv.rss_kb() / 1024)
                time.sleep(2.0)
                rss_one, rss_all = series[0] * 1024, srv.rss_kb()
                series[-1] = rss_all / 1024
                # The median of the RSS increase from one session to the next (sessions 2..N):
                # robust to the allocator returning memory now and then, which a two-point
                # difference or a slope is not. Both are kept in the JSON for comparison.
                increments = [b - a for a, b in zip(series[1:], series[2:], strict=False)]
                xs = list(range(2, sessions + 1))
                ys = series[1:]
                mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
                slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=False)) / sum((x - mx) ** 2 for x in xs)
                active = metrics(srv.url).get("active_sessions")
                for context in contexts:
                    context.close()
                out[name] = {
                    "rss_after_start_mb": rss_start / 1024,
                    "rss_one_session_mb": rss_one / 1024,
                    f"rss_{sessions}_sessions_mb": rss_all / 1024,
                    "per_additional_session_mb": median(increments),
                    "slope_mb": slope,
                    "two_point_difference_mb": (rss_all - rss_one) / 1024 / (sessions - 1),
                    "rss_series_mb": series,
                    "active_sessions_metric": active,
                }
        browser.close()
    loads.append(loadavg())
    return {"stage": "memory", "sessions": sessions, "load": loads, "results": out}


async def _load_one(context, url: str, reveal: str | None, delay: float, timeout_ms: float) -> dict:
    await asyncio.sleep(delay)
    page = await context.new_page()
    try:
        t0 = time.perf_counter()
        await page.goto(url + PAGE, wait_until="commit", timeout=timeout_ms)
        if reveal:
            await page.wait_for_function(CONTROLS_JS, timeout=timeout_ms, polling=100)
            await page.get_by_role("button", name=reveal).click(timeout=timeout_ms)
        await page.wait_for_function(ANSWER_JS, timeout=timeout_ms, polling=100)
        loaded = time.perf_counter() - t0
        thumb = page.locator(SLIDER).first
        await thumb.focus()
        before = await page.evaluate(RESULT_TEXT_JS)
        t1 = time.perf_counter()
        await page.keyboard.press("ArrowRight")
        await page.wait_for_function(UPDATED_JS, arg=before, timeout=timeout_ms, polling=100)
        return {"load": loaded, "step": time.perf_counter() - t1}
    except Exception as error:  # noqa: BLE001 - every failure is counted as an error
        return {"error": f"{type(error).__name__}: {str(error).splitlines()[0][:160]}"}


async def _load_async(
    url: str, reveal: str | None, sessions: int, ramp_s: float, timeout_s: float, bound_s: float
) -> list[dict]:
    """`sessions` tabs (10 per browser context, one Streamlit session each) opened over `ramp_s`
    seconds and kept open until all have loaded and stepped; whatever has not finished within
    `bound_s` counts as an error."""
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        contexts = [
            await browser.new_context(viewport=VIEWPORT, locale="en-GB") for _ in range(max(1, (sessions + 9) // 10))
        ]
        tasks = [
            asyncio.create_task(
                _load_one(contexts[i % len(contexts)], url, reveal, ramp_s * i / max(1, sessions), timeout_s * 1000)
            )
            for i in range(sessions)
        ]
        done, pending = await asyncio.wait(tasks, timeout=bound_s)
        for task in pending:
            task.cancel()
        results = [t.result() for t in done]
        results += [{"error": f"unfinished after {bound_s:.0f} s"} for _ in pending]
        await browser.close()
    return results


def load(
    targets: list[str], sessions: int, ramp_s: float = 30.0, timeout_s: float = 90.0, bound_s: float = 180.0
) -> dict:
    out = {}
    loads = [loadavg()]
    for name in targets:
        with serve(TARGETS[name]) as srv:
            # one visitor first, so the burst measures serving, not the first fit
            asyncio.run(_load_async(srv.url, srv.target.reveal, 1, 0, timeout_s, bound_s))
            cpu0, t0 = cpu_seconds(srv.process.pid), time.perf_counter()
            results = asyncio.run(_load_async(srv.url, srv.target.reveal, sessions, ramp_s, timeout_s, bound_s))
            wall, server_cpu = time.perf_counter() - t0, cpu_seconds(srv.process.pid) - cpu0
            ok = [r for r in results if "error" not in r]
            errors = [r["error"] for r in results if "error" in r]
            out[name] = {
                "sessions": sessions,
                "ramp_seconds": ramp_s,
                "wall_seconds": wall,
                "errors": len(errors),
                "server_cpu_seconds": server_cpu,
                "server_cpu_per_session": server_cpu / sessions,
                "error_samples": errors[:5],
                "load_p50": percentile([r["load"] for r in ok], 50),
                "load_p95": percentile([r["load"] for r in ok], 95),
                "step_p50": percentile([r["step"] for r in ok], 50),
                "step_p95": percentile([r["step"] for r in ok], 95),
            }
            print(name, out[name], flush=True)
        loads.append(loadavg())
    return {"stage": "load", "path": PAGE, "sessions": sessions, "ramp_seconds": ramp_s, "load": loads, "results": out}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stage", choices=["pageload", "interaction", "coldstart", "memory", "load"])
    parser.add_argument("--targets", default="floor,app,app-serve")
    parser.add_argument("--reps", type=int, default=None)
    parser.add_argument("--sessions", type=int, default=None)
    parser.add_argument("--ramp", type=float, default=30.0, help="load: seconds over which sessions open")
    args = parser.parse_args(argv)
    targets = _names(args.targets)
    if args.stage == "pageload":
        result = pageload(targets, args.reps or 7)
    elif args.stage == "interaction":
        result = interaction(targets, args.reps or 9)
    elif args.stage == "coldstart":
        result = coldstart(targets, args.reps or 3)
    elif args.stage == "memory":
        result = memory(targets, args.sessions or 20)
    else:
        result = load(targets, args.sessions or 50, ramp_s=args.ramp)
    path = save(args.stage, result)
    import json

    print(json.dumps({k: v for k, v in result.items() if k not in {"seconds"}}, indent=1, default=str))
    print(f"saved {path}")
    return result


if __name__ == "__main__":
    main()
