"""The registry seam: behaviour tested on fixture evidence, not on whatever today's evidence is.

The architecture review's experiment (the high group's interval gets published) is run here on a
copy of the registry: the results page's numbers, the forest plot and the handout change through
the registry alone, with no code edit and no leftover "not published".
"""

from __future__ import annotations

import re

import pytest

from content.facts import FACTS_FILE, format_range, load_registry, registry, use_registry
from content.i18n import LANGUAGES, gettext_for
from views import results as rf

MADE_UP_CI = (0.70, 2.68)  # a made-up interval (the review's), only ever used inside this test


@pytest.fixture
def published_high_ci(tmp_path):
    text = FACTS_FILE.read_text(encoding="utf-8")
    new, count = re.subn(r'(?m)^ci = "not published".*$', f"ci = [{MADE_UP_CI[0]}, {MADE_UP_CI[1]}]", text)
    assert count == 1, "the fixture expects exactly one unpublished interval today (the high group's)"
    path = tmp_path / "facts.toml"
    path.write_text(new, encoding="utf-8")
    with use_registry(load_registry(path)) as reg:
        yield reg


def test_today_the_high_groups_interval_is_shown_as_missing() -> None:
    rows = {row["key"]: row for row in rf.forest_records("en")}
    assert not rows["hr_high"]["ci_known"]
    assert rf.unpublished_intervals_note("en") is not None
    assert rf.ci_phrases("en", True)["hr_high_range"] == gettext_for("en", "results")(
        "; its confidence interval was not published"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_published_interval_changes_page_chart_and_handout_through_the_registry(published_high_ci, lang) -> None:
    from handout.document import build_document
    from tests.handout_checks import document_text

    _ = gettext_for(lang, "results")
    interval = format_range(*MADE_UP_CI, 2, lang)
    rows = {row["key"]: row for row in rf.forest_records(lang)}
    assert rows["hr_high"]["ci_known"] and rows["hr_high"]["ci_text"] == interval
    assert rf.unpublished_intervals_note(lang) is None
    assert interval in rf.ci_phrases(lang, True)["hr_high_range"]
    spec = rf.forest_spec(lang, True)
    assert _("Estimate, interval not published") not in str(spec), "the legend keeps a kind no row has"
    assert interval in rf.forest_description(lang, True)
    text = document_text(build_document(lang, None))
    assert interval in text
    assert _("interval not published") not in text


def test_the_seam_restores_todays_registry(published_high_ci) -> None:
    assert registry() is published_high_ci
    with use_registry(load_registry(FACTS_FILE)):
        assert registry()["hr_high"].ci_not_published
    assert registry() is published_high_ci
