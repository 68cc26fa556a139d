"""The explorer in Vietnamese where Streamlit and its components write English.

Streamlit has no translations: its widgets write "Choose an option", "No results",
"Drag and drop file here", "200MB per file", their tooltips and screen-reader labels in
English, and so does the graph component. `install()` puts one small script in the page
(`st.html`, once per browser tab) that replaces those strings, whole, by the Vietnamese of
`data/ui_vi.yaml` wherever they appear (text, placeholder, title, aria-label), as soon as
they appear (a MutationObserver on the page and on its same-origin component frames).
Document text is never touched: nothing inside a Markdown container, code block,
text area or the graph panel's values. `reason_vi()` says in Vietnamese why a file was
not loaded, from the loaders' own (English) reason.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).with_name("data") / "ui_vi.yaml"
# where document text is shown: never rewritten
DOCUMENT_TEXT = ("[data-testid='stMarkdownContainer'], [data-testid='stCode'], [data-testid='stIconMaterial'], "
                 "[data-testid='stText'], pre, code, textarea, script, style, .infopanel__val")
# widget chrome whose labels Streamlit writes as Markdown: translated all the same
CHROME = "button, [data-testid='stFileUploaderDropzone']"
ATTRIBUTES = ("placeholder", "title", "aria-label")

_SCRIPT = """<script>
(() => {
  if (window.__vbgraphVi) return;
  window.__vbgraphVi = true;
  // the page's locale is Vietnamese whatever the browser's: widgets that format dates
  // through Intl (the calendar's weekdays, months, day labels) follow it
  try {
    const vi = {language: "vi-VN", languages: ["vi-VN", "vi"]};
    for (const k of Object.keys(vi))
      Object.defineProperty(Navigator.prototype, k, {get: () => vi[k], configurable: true});
    document.documentElement.lang = "vi";
  } catch (e) { /* an older browser: the tables below still apply */ }
  // a date widget already loaded read the browser's locale: told again once it is up
  const DATED = "[data-testid='stDateInput'], [role='grid'], [role='dialog']";
  let pending = 0;
  const relocale = () => {
    if (pending) return;
    pending = setTimeout(() => { pending = 0; window.dispatchEvent(new Event("languagechange")); }, 30);
  };
  window.dispatchEvent(new Event("languagechange"));
  const EXACT = new Map(Object.entries(%(exact)s));
  const PATTERNS = %(patterns)s.map(([re, to]) => [new RegExp(re), to]);
  const ATTRS = %(attrs)s;
  const SKIP = %(skip)s;
  const CHROME = %(chrome)s;
  const say = (s) => {
    const t = s.trim();
    if (!t) return null;
    const hit = EXACT.get(t);
    if (hit !== undefined) return s.replace(t, hit);
    for (const [re, to] of PATTERNS) if (re.test(t)) return s.replace(t, t.replace(re, to));
    return null;
  };
  const text = (n) => {
    const p = n.parentElement;
    if (!p || (p.closest(SKIP) && !p.closest(CHROME))) return;
    const v = say(n.nodeValue);
    if (v !== null && v !== n.nodeValue) n.nodeValue = v;
  };
  const attrs = (e) => {
    for (const a of ATTRS) {
      const old = e.getAttribute(a);
      if (!old) continue;
      const v = say(old);
      if (v !== null && v !== old) e.setAttribute(a, v);
    }
  };
  const tree = (root) => {
    if (root.nodeType === 3) return text(root);
    if (root.nodeType !== 1) return;
    attrs(root);
    for (const e of root.querySelectorAll("[placeholder],[title],[aria-label]")) attrs(e);
    const walk = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) text(n);
    if (root.tagName === "IFRAME") frame(root);
    for (const f of root.querySelectorAll("iframe")) frame(f);
  };
  const watch = (doc) => {
    if (!doc || !doc.body || doc.__vbgraphVi) return;
    doc.__vbgraphVi = true;
    tree(doc.body);
    new MutationObserver((changes) => {
      for (const c of changes) {
        if (c.type === "characterData") text(c.target);
        else if (c.type === "attributes") attrs(c.target);
        else for (const n of c.addedNodes) {
          tree(n);
          if (n.nodeType === 1 && (n.matches(DATED) || n.querySelector(DATED))) relocale();
        }
      }
    }).observe(doc.body, {subtree: true, childList: true, characterData: true,
                          attributes: true, attributeFilter: ATTRS});
  };
  const frame = (f) => {
    if (f.__vbgraphVi) return;
    f.__vbgraphVi = true;
    const go = () => { try { watch(f.contentDocument); } catch (e) { /* another origin */ } };
    f.addEventListener("load", go);
    go();
  };
  watch(document);
})();
</script>"""


@lru_cache(maxsize=1)
def table() -> dict:
    """ui_vi.yaml: {"exact": {en: vi}, "patterns": [[regex, vi]], "reasons": [[regex, vi]]}."""
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def script() -> str:
    """The page script (its tables inlined as JSON)."""
    t = table()
    dump = lambda v: json.dumps(v, ensure_ascii=False).replace("</", "<\\/")  # noqa: E731
    return _SCRIPT % {"exact": dump(t["exact"]), "patterns": dump(t["patterns"]), "attrs": dump(list(ATTRIBUTES)),
                      "skip": dump(DOCUMENT_TEXT), "chrome": dump(CHROME)}


def install() -> None:
    """Put the script in the page (it acts once per tab, whatever the reruns)."""
    import streamlit as st

    st.html(script(), unsafe_allow_javascript=True)


@lru_cache(maxsize=1)
def _reasons() -> list[tuple[re.Pattern, str]]:
    return [(re.compile(rx, re.IGNORECASE), vi) for rx, vi in table()["reasons"]]


def reason_vi(reason: str) -> str:
    """Why a file was not loaded, in Vietnamese ('tệp rỗng' for 'empty file (whitespace only)')."""
    for rx, vi in _reasons():
        if rx.search(reason):
            return vi
    return "không đọc được tệp"
