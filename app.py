"""vbgraph explorer: `vbgraph app` (or `streamlit run app.py`): the pages of
`vbgraph_app/main.py` behind the login gate of `vbgraph_app/gate.py`.
Store: env VBGRAPH_DB / VBGRAPH_URI (default data/db); logins: see vbgraph_app/access.py."""
import streamlit as st
from starlette.middleware import Middleware

from vbgraph_app import gate

gate.refuse_unsafe_start()
app = st.App("vbgraph_app/main.py", routes=gate.ROUTES, middleware=[Middleware(gate.Gate)])
