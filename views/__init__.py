"""What each page says and draws, as pure functions from (language, choices) to sentences, tables and
chart specs. The pages, the clinic page and the handout all call these, so nothing is written twice.

Floors (checked by import-linter, see pyproject.toml): ``content`` (facts and words) <- ``model``
(statistics) <- ``views`` (with ``charts`` beside them) <- ``app_pages`` / ``ui`` / ``handout``.
No Streamlit here.
"""
