"""The floor: the smallest multi-page Streamlit app with one slider, one sentence and one chart.

Benchmarks start it exactly like the real app, so the difference between the two is what our
code costs. Page modules live in `floor_pages/` (not `pages/`) for the same reason as the app's.
"""

import streamlit as st

current = st.navigation(
    [
        st.Page("floor_pages/start.py", title="Start", default=True),
        st.Page("floor_pages/biomarker.py", title="Biomarker", url_path="biomarker"),
    ]
)
current.run()
