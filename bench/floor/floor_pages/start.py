import streamlit as st

st.title("Start", anchor=False)
st.write("A minimal page.")
