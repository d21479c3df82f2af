"""/options: the decisions, the options side by side, harms, living with each option, the test,
access, the country sections (China, Taiwan), and the person's own values and questions (printed in their handout).

Thin: every sentence and every table cell comes from ``views.decision`` (shared with the
handout). The person's answers are kept only in this browser session (``st.session_state``):
never logged, never stored, never sent anywhere; the handout page reads them from the session.
"""

from __future__ import annotations

import streamlit as st

from content.i18n import gettext_for
from content.site import page
from ui.page import current_lang, page_heading
from views import decision

# Non-widget session keys: they outlive a change of page (widget keys do not), so the handout
# page can print what the person chose. Nothing else ever reads or writes them.
VALUES_KEY = "decision_values"
QUESTIONS_KEY = "decision_questions"

lang = current_lang()
_ = gettext_for(lang, decision.DOMAIN)
titles = decision.titles(lang)

page_heading("options")

st.header(titles["decisions"], anchor=False)
st.markdown(decision.text("decisions", lang))

st.header(titles["options"], anchor=False)
st.markdown(
    _(
        "Each row is a question people often ask. The numbers come from the MIROCALS trial and "
        "the sources listed on the Sources page. Riluzole is the usual ALS medicine; everyone in "
        "MIROCALS took it."
    )
)
st.html(decision.OPTION_GRID_CSS + decision.options_table_html(lang))

st.header(titles["harms"], anchor=False)
st.markdown(decision.text("harms", lang))

st.header(titles["living"], anchor=False)
st.markdown(decision.text("living", lang))

st.header(titles["access"], anchor=False)
st.markdown(decision.access_statement(lang))

st.header(titles["lumbar_puncture"], anchor=False)
st.markdown(decision.text("lumbar_puncture", lang))

for country in decision.country_sections(lang):  # China, Taiwan: what this language's readers need
    st.header(titles[country], anchor=False)
    st.markdown(decision.text(country, lang))

# ---------------------------------------------------------------- values and questions
st.header(titles["values"], anchor=False)
st.markdown(
    _(
        "Place each statement where it fits you. There are no right answers, and you can leave "
        "any of them out. Your answers stay in this browser window only: they are not saved or "
        "sent anywhere, and they are gone when you close the window. If you wish, they are "
        "printed in your handout."
    )
)
stored_values: dict[str, str] = dict(st.session_state.get(VALUES_KEY, {}))
scale = decision.scale_labels(lang)
for key, statement in decision.statement_labels(lang).items():
    current = stored_values.get(key)
    answer = st.radio(
        statement,
        options=list(decision.SCALE_KEYS),
        index=decision.SCALE_KEYS.index(current) if current in decision.SCALE_KEYS else None,
        format_func=scale.__getitem__,
        horizontal=True,
        key=f"value_{key}",
    )
    if answer is None:
        stored_values.pop(key, None)
    else:
        stored_values[key] = answer
st.session_state[VALUES_KEY] = stored_values

st.header(titles["questions"], anchor=False)
st.markdown(_("Tick the questions you would like to ask. They will be printed in your handout."))
stored_questions = set(st.session_state.get(QUESTIONS_KEY, ()))
chosen: list[str] = []
for key, question in decision.question_labels(lang).items():
    if st.checkbox(question, value=key in stored_questions, key=f"question_{key}"):
        chosen.append(key)
st.session_state[QUESTIONS_KEY] = tuple(chosen)

choices = decision.clean_choices(stored_values, chosen)
handout = page("handout")
st.page_link(
    handout.script,
    label=_("Make your handout, with your answers ({values} statements, {questions} questions)").format(
        values=len(choices.values), questions=len(choices.questions)
    ),
    icon=handout.icon,
    query_params={"lang": lang},
)
