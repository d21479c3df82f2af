import altair as alt
import pandas as pd
import streamlit as st

st.title("Biomarker", anchor=False)
try:
    initial = int(st.query_params.get("pnfh", 2000))
except ValueError:
    initial = 2000
value = st.slider("CSF-pNFH (pg/mL)", 0, 10000, min(max(initial, 0), 10000), step=100)
st.write(f"At {value} pg/mL, the sentence says {value / 100:.0f} out of 100.")
data = pd.DataFrame({"x": [0, value, 10000], "y": [0, value / 100, 100]})
st.altair_chart(alt.Chart(data, description="A line").mark_line().encode(x="x", y="y"))
