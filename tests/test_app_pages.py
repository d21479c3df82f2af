"""Every page, in both languages, through the real entrypoint (frame, navigation, catalogs)."""

from __future__ import annotations

import pytest

from content.i18n import LANGUAGES, gettext_for, language
from content.site import PAGES

LANGS = LANGUAGES  # from the language table (content/i18n.py)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("info", PAGES, ids=lambda p: p.slug)
def test_page_renders_with_translated_heading(app, info, lang: str) -> None:
    at = app(info.script, lang=lang)
    assert not at.exception, [e.message for e in at.exception]
    expected = gettext_for(lang, "app")(info.title)
    if language(lang).script != "Latn":  # a Chinese language (Simplified or Traditional)
        assert expected != info.title, "page title is not translated"
    assert [t.value for t in at.title][:1] == [expected]
    assert at.session_state["lang"] == lang
    assert at.query_params["lang"] in (lang, [lang])


def test_bad_language_falls_back_quietly(app) -> None:
    at = app(None, lang="<b>klingon</b>")
    assert not at.exception
    assert at.session_state["lang"] == "en"
    assert at.query_params["lang"] in ("en", ["en"])
    assert not at.error


def test_language_switch_changes_everything(app) -> None:
    at = app("app_pages/trial.py", lang="en")
    at.segmented_control(key="lang_switch").set_value("zh").run()
    assert at.session_state["lang"] == "zh"
    assert at.title[0].value == gettext_for("zh", "app")("How the MIROCALS trial worked")
    assert at.query_params["lang"] in ("zh", ["zh"])


def test_language_kept_across_pages(app) -> None:
    at = app(None, lang="zh")
    at.switch_page("app_pages/sources.py").run()
    assert at.session_state["lang"] == "zh"
    assert at.title[0].value == gettext_for("zh", "app")("Sources and how this aid was made")
