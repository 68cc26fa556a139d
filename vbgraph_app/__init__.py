"""The Streamlit explorer (`streamlit run app.py`)."""
