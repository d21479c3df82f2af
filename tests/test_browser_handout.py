"""The handout in a real browser: /handout?lang=zh&pnfh=2000 downloads a Chinese PDF that checks out."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from content.facts import format_number
from content.i18n import gettext_for
from handout import MAX_PAGES
from model.benefit import estimate
from tests.browser import open_page
from tests.handout_checks import cjk_share, fonts, info, need_poppler, pages, scenario_hr_text, squash, text

pytestmark = pytest.mark.browser


def test_download_the_chinese_handout(server, page, tmp_path) -> None:
    need_poppler()
    open_page(page, server.url, "/handout?lang=zh&pnfh=2000")
    _ = gettext_for("zh", "handout")
    title = _("What a CSF-pNFH level of {level} pg/mL might mean").format(level=format_number(2000, 0, "zh"))
    expect(page.get_by_text(title).first).to_be_visible()  # the preview lists the scenario
    button = page.get_by_role("button", name=_("Download the handout (PDF)"))
    expect(button).to_be_visible()
    with page.expect_download(timeout=60_000) as download_info:
        button.click()
    download = download_info.value
    # The level stays out of the name (a shared computer keeps it in its download history).
    assert download.suggested_filename == "mirocals-handout-zh-a4.pdf"
    path = tmp_path / download.suggested_filename
    download.save_as(path)

    assert path.read_bytes().startswith(b"%PDF-")
    assert all(f["emb"] == "yes" and f["sub"] == "yes" for f in fonts(path))
    assert 1 <= pages(path) <= MAX_PAGES["zh"]
    assert b"zh-CN" in path.read_bytes()
    assert _("MIROCALS: low-dose interleukin-2 (IL-2LD) added to riluzole in ALS") in info(path)["Title"]
    body = text(path)
    assert cjk_share(body) > 0.5
    assert scenario_hr_text(estimate(2000.0), "zh") in squash(body)
    assert squash(title) in squash(body)
    assert "Traceback" not in page.locator('[data-testid="stMain"]').inner_text()
