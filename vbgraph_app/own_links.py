"""Links to the app's own pages open in the same tab.

Streamlit writes every Markdown link with `target="_blank"`, so a neighbour in a
document's relation groups opened a new tab each time. `install()` puts one small script
in the page that sets `target="_self"` on every link whose address is one of the app's
pages (`?page=…`, relative or on this host), as such links appear. Other links are left
as they are (document text makes none: it is shown as text)."""
from __future__ import annotations

_SCRIPT = """<script>
(() => {
  if (window.__vbgraphOwnLinks) return;
  window.__vbgraphOwnLinks = true;
  const own = (a) => {
    const href = a.getAttribute("href") || "";
    if (!href.startsWith("?page=") && !href.startsWith("/?page=")) {
      try { const u = new URL(href, location.href);
            if (u.origin !== location.origin || !u.searchParams.has("page")) return; }
      catch (e) { return; }
    }
    if (a.getAttribute("target") !== "_self") { a.setAttribute("target", "_self"); a.removeAttribute("rel"); }
  };
  const scan = (root) => {
    if (root.nodeType !== 1) return;
    if (root.tagName === "A") own(root);
    for (const a of root.querySelectorAll("a[href]")) own(a);
  };
  scan(document.body);
  new MutationObserver((changes) => {
    for (const c of changes) {
      if (c.type === "attributes") own(c.target);
      else for (const n of c.addedNodes) scan(n);
    }
  }).observe(document.body, {subtree: true, childList: true, attributes: true, attributeFilter: ["target", "href"]});
})();
</script>"""


def install() -> None:
    """Put the script in the page (it acts once per tab, whatever the reruns)."""
    import streamlit as st

    st.html(_SCRIPT, unsafe_allow_javascript=True)
