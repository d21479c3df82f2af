"""Browser checks shared by the quality tests: axe, requests, layout, target sizes, screenshots."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import BrowserContext, Page

from tests.browser import reader_text

VIEWPORTS: dict[str, dict[str, int]] = {
    "desktop": {"width": 1280, "height": 900},
    "phone": {"width": 390, "height": 844},
}
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
MIN_TARGET = 44
BLOCKING = {"serious", "critical"}
CJK = re.compile(r"[\u4e00-\u9fff]")


class RequestLog:
    """Every request a browser context makes, so a test can fail on any host but the app's."""

    def __init__(self, context: BrowserContext) -> None:
        self.urls: list[str] = []
        context.on("request", lambda request: self.urls.append(request.url))

    def clear(self) -> None:
        self.urls.clear()

    def outside(self) -> list[str]:
        bad = []
        for url in self.urls:
            parts = urlparse(url)
            if parts.scheme in ("data", "blob", "about"):
                continue
            if parts.hostname not in LOCAL_HOSTS:
                bad.append(url)
        return bad


def wait_charts(page: Page) -> None:
    """Wait until every chart on the page has been drawn (Vega draws after Streamlit is idle)."""
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
                 .every(c => c.querySelector('svg, canvas'))"""
    )


def axe_problems(page: Page) -> list[str]:
    """axe-core violations of serious or critical impact, one line per rule."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    lines = []
    for violation in results.response["violations"]:
        if violation["impact"] in BLOCKING:
            targets = [node["target"] for node in violation["nodes"][:3]]
            lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return lines


def sideways_overflow(page: Page) -> dict[str, list[int]]:
    """Scroll containers (the document and Streamlit's main area) that are wider than the screen."""
    sizes = page.evaluate(
        """() => {
            const out = {};
            const check = (name, el) => { if (el) out[name] = [el.scrollWidth, el.clientWidth]; };
            check('document', document.scrollingElement);
            check('main', document.querySelector('[data-testid="stMain"]'));
            return out;
        }"""
    )
    return {name: wh for name, wh in sizes.items() if wh[0] > wh[1] + 1}


# Interactive things a person must hit, and the box that receives the click.
_TARGETS_JS = """() => {
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'
      && r.right > 0 && r.bottom > 0 && r.left < window.innerWidth;
  };
  const found = new Map();
  const add = (el, kind) => { if (el && visible(el) && !found.has(el)) found.set(el, kind); };
  document.querySelectorAll('[data-testid="stSidebarNavLink"]').forEach(e => add(e, 'menu link'));
  document.querySelectorAll('[data-testid="stPageLink-NavLink"]').forEach(e => add(e, 'page link'));
  document.querySelectorAll('[data-testid="stMain"] button, [data-testid="stSidebar"] button, [data-testid="stHeader"] button')
    .forEach(e => add(e, e.getAttribute('role') === 'radio' ? 'option' : 'button'));
  document.querySelectorAll('input[type="checkbox"], input[type="radio"]').forEach(e => add(e.closest('label'), 'toggle/radio'));
  document.querySelectorAll('input[type="range"]').forEach(e => add(e.parentElement && e.parentElement.parentElement, 'slider thumb'));
  document.querySelectorAll('[data-testid="stMain"] summary, [role="tab"]').forEach(e => add(e, 'expander/tab'));
  return [...found.entries()].map(([el, kind]) => {
    const r = el.getBoundingClientRect();
    const name = (el.getAttribute('aria-label') || el.innerText || el.getAttribute('data-testid') || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    return {kind, name, width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10};
  });
}"""


def targets(page: Page) -> list[dict]:
    return page.evaluate(_TARGETS_JS)


def small_targets(page: Page) -> list[dict]:
    return [t for t in targets(page) if t["width"] < MIN_TARGET - 0.5 or t["height"] < MIN_TARGET - 0.5]


def chart_labels(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        '[data-testid="stVegaLiteChart"]', "els => els.map(e => e.getAttribute('aria-label') || '')"
    )


def text_outside_charts(page: Page) -> str:
    return reader_text(
        page.evaluate(
            """() => {
            const main = document.querySelector('[data-testid="stMain"]').cloneNode(true);
            main.querySelectorAll('[data-testid="stVegaLiteChart"]').forEach(c => c.remove());
            document.body.appendChild(main);
            const text = main.innerText;
            main.remove();
            return text;
        }"""
        )
    )


NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def numbers_missing_from_text(label: str, text: str) -> list[str]:
    """Numbers a chart's description states that the page's text does not."""
    flat = text.replace("\u2009", "").replace(" ", "")
    return [n for n in NUMBER.findall(label) if n not in flat]


def full_screenshot(page: Page, path: Path) -> None:
    """The whole page: Streamlit scrolls inside its main area, so grow the window to fit it first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size or VIEWPORTS["desktop"]
    height = page.evaluate(
        """() => {
            const block = document.querySelector('[data-testid="stMainBlockContainer"]');
            return Math.ceil(block ? block.scrollHeight + 80 : document.body.scrollHeight);
        }"""
    )
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], min(height, 16000))})
    try:
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(size)


# Names that stay as they are in Chinese text (drug, trial and marker names, units, the switch).
_KEEP = re.compile(
    r"(?<![A-Za-z])(?:ALS|IL|LD|CSF|pNFH|MIROCALS|IMODALS|pg|mL|Tregs?|CCL|SOD|ALSFRS|PDF|English|Language)(?![A-Za-z])"
)


def english_accessible_names(page: Page) -> list[str]:
    """Accessible names (aria-label, title, placeholder) with English words, for Chinese pages."""
    names = page.evaluate(
        """() => [...document.querySelectorAll('[aria-label], [title], [placeholder]')]
              .filter(e => e.getClientRects().length && !e.closest('[aria-hidden="true"]'))
              .flatMap(e => ['aria-label', 'title', 'placeholder'].map(a => e.getAttribute(a)).filter(Boolean))"""
    )
    return sorted({n for n in names if re.search(r"[A-Za-z]{3,}", _KEEP.sub("", n))})


def heading_skips(page: Page) -> list[str]:
    """Headings in the main area that go more than one level deeper than the one before (h1 then
    h3): a screen reader's list of headings then looks as if a part were missing."""
    levels = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMain"] :is(h1, h2, h3, h4, h5, h6)')]
              .filter(h => !h.closest('[data-stale="true"]'))
              .map(h => [Number(h.tagName[1]), h.textContent.replace(/\\u2060/g, '').trim().slice(0, 60)])"""
    )
    skips, last = [], 0
    for level, text in levels:
        if level > last + 1:
            skips.append(f"h{last} then h{level} {text!r}")
        last = level
    return skips


def focus_change(page: Page, element, give_focus, margin: int = 12) -> tuple[int, float]:
    """Screenshots of ``element`` (a locator) and its surroundings before and after
    ``give_focus()``: how many pixels changed by at least 3:1, and the best ratio among them."""
    import io

    import numpy as np
    from PIL import Image

    box = element.bounding_box()
    assert box is not None, "the element is not drawn"
    clip = {"x": box["x"] - margin, "y": box["y"] - margin, "width": box["width"] + 2 * margin}
    clip["height"] = box["height"] + 2 * margin
    before = Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB")
    give_focus()
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    after = Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB")
    old = np.asarray(before, dtype=float).reshape(-1, 3)
    new = np.asarray(after, dtype=float).reshape(-1, 3)
    changed = (old != new).any(axis=1)
    if not changed.any():
        return 0, 1.0
    ratios = _contrast_arrays(old[changed], new[changed])
    return int((ratios >= 3).sum()), float(ratios.max())


def _contrast_arrays(a, b):
    import numpy as np

    def luminance(rgb):
        c = rgb / 255
        c = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
        return c @ np.array([0.2126, 0.7152, 0.0722])

    la, lb = luminance(a), luminance(b)
    return (np.maximum(la, lb) + 0.05) / (np.minimum(la, lb) + 0.05)
