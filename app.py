"""vbgraph explorer: `streamlit run app.py` (store: env VBGRAPH_DB / VBGRAPH_URI, default data/db)."""
from vbgraph_app.main import main

main()
