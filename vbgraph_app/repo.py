"""The explorer's reads: named queries of `queries/` (through `app_data.query`), each
capped (limit) and cached.

Every function returns plain dicts. Node rows carry `id`, `label` and the few
display fields (`symbol`, `type_name`, `date`, `name`, `action` ...), never `text`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from bisect import bisect_right
from itertools import accumulate

import streamlit as st

from domain.keys import search_key, symbol_key
from graph.model import CITATION_RELATIONS, NODE_LABELS
from vbgraph_app.app_data import query
from vbgraph_app.units import Unit, ordered, unit_name

NEIGHBOUR_CAP = 200
SEARCH_INDEX_CAP = 300_000
PATH_NODE_FIELDS = ("id", "label", "symbol", "type_name", "date", "issuer", "status", "name", "action", "deadline")


def _label(label: str | None) -> str | None:
    """A label of the vocabulary, else None (any node)."""
    return label if label in NODE_LABELS else None


# ---------------------------------------------------------------- search
class SearchIndex(list):
    """The search rows, plus all their folded words and symbols in one text (a row per
    line) where a word is found at C speed: only the rows holding the query's rarest word
    are then checked one by one."""

    def __init__(self, rows: list[dict]) -> None:
        super().__init__(rows)
        lines = [f"{r['_words']}\x1f{r['_sym']}" for r in rows]  # \x1f: never in a folded word
        self.starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
        self.text = "\n".join(lines)

    def containing(self, word: str) -> list[dict]:
        """The rows whose folded words or symbol contain `word` (no newline in it)."""
        out: list[dict] = []
        at = self.text.find(word) if word else -1
        while at != -1:
            k = bisect_right(self.starts, at) - 1
            out.append(self[k])
            nxt = self.starts[k + 1] if k + 1 < len(self.starts) else len(self.text)
            at = self.text.find(word, nxt)
        return out

    def rarest(self, words: list[str]) -> str:
        return min(words, key=self.text.count)


# Process-wide resources (not copied per call like st.cache_data): read-only, rebuilt
# hourly and after an ingest (`app_data.clear_caches`).
@st.cache_resource(ttl=3600, show_spinner="Đang lập chỉ mục tìm kiếm…", max_entries=4)
def search_index() -> SearchIndex:
    """Every instrument's display fields plus folded keys for lenient matching."""
    rows = query("instruments", limit=SEARCH_INDEX_CAP)
    for r in rows:
        r["_sym"] = symbol_key(r.get("symbol"))
        r["_words"] = search_key(" ".join(str(r.get(k) or "") for k in ("type_name", "subject", "issuer")))
    return SearchIndex(rows)


@st.cache_data(ttl=300, show_spinner=False, max_entries=256)
def exact_symbol(key: str, limit: int = 1000) -> list[dict]:
    """Instruments whose folded symbol (`symbol_key`) is `key`: one index seek."""
    return query("instruments", symbol=key, limit=limit)


SORTS = {"lien-quan": "Liên quan nhất", "moi-nhat": "Mới nhất", "cu-nhat": "Cũ nhất"}
LOADED = {"": "Tất cả", "da-nap": "Đã nạp", "chi-vien-dan": "Chỉ được viện dẫn"}


@dataclass(frozen=True)
class Filters:
    """What the search keeps besides its words: type name, year, loaded or only cited."""

    type_name: str = ""
    year: int | None = None
    loaded: str = ""    # a key of LOADED

    def keep(self, row: dict) -> bool:
        if self.type_name and (row.get("type_name") or "") != self.type_name:
            return False
        if self.year and str(row.get("date") or "")[:4] != str(self.year):
            return False
        if self.loaded == "da-nap" and not row.get("loaded"):
            return False
        return not (self.loaded == "chi-vien-dan" and row.get("loaded"))


def search(query: str = "", issuer: str = "", date_from: str | None = None, date_to: str | None = None,
           limit: int = 100, filters: Filters = Filters(), sort: str = "lien-quan") -> list[dict]:
    """Instruments matching a symbol (lenient: case, accents, spaces), subject words,
    issuer words, an ISO date range and `filters`. A symbol with exact matches (index seek
    on `symbol_key`) gives those alone, without loading the search index; otherwise prefix /
    part-of-symbol / word matches from the in-memory index. `sort`: by relevance (rank,
    then newest), newest or oldest first (undated last)."""
    q_sym, q_words = symbol_key(query), search_key(query).split()
    iss_words = search_key(issuer).split()
    exact = _search_rows(exact_symbol(q_sym), q_sym, q_words, iss_words, date_from, date_to, exact=True) \
        if q_sym else []
    hits = [h for h in exact if filters.keep(h[2])]
    if not hits:
        index = search_index()
        pool = index.containing(index.rarest(q_words)) if q_words else index
        hits = [h for h in _search_rows(pool, q_sym, q_words, iss_words, date_from, date_to) if filters.keep(h[2])]
    hits.sort(key=lambda h: h[1], reverse=sort != "cu-nhat")  # newest first within a rank (or oldest)
    hits.sort(key=lambda h: (h[0] if sort == "lien-quan" else 0, h[1] == ""))
    return [{k: v for k, v in h[2].items() if not k.startswith("_")} for h in hits[:limit]]


@st.cache_resource(ttl=3600, show_spinner=False, max_entries=4)
def type_names() -> list[str]:
    """The type names the search index holds, in order (the type filter's choices)."""
    return sorted({r.get("type_name") for r in search_index() if r.get("type_name")}, key=search_key)


def _search_rows(rows: list[dict], q_sym: str, q_words: list[str], iss_words: list[str],
                 date_from: str | None, date_to: str | None, exact: bool = False) -> list[tuple[int, str, dict]]:
    """(rank, date, row) of the rows that pass the filters (rank 0: exact symbol)."""
    hits: list[tuple[int, str, dict]] = []
    for r in rows:
        d = str(r.get("date") or "")
        if date_from and (not d or d[:10] < date_from):
            continue
        if date_to and (not d or d[:10] > date_to):
            continue
        if iss_words and not all(w in search_key(r.get("issuer")) for w in iss_words):
            continue
        rank = 3
        if exact:
            rank = 0
        elif q_sym:
            if r["_sym"] == q_sym:
                rank = 0
            elif r["_sym"].startswith(q_sym) or (q_sym in r["_sym"] and "/" in q_sym):
                rank = 1
            elif all(w in r["_words"] or w in r["_sym"] for w in q_words):
                rank = 2
            else:
                continue
        hits.append((rank, str(r.get("date") or ""), r))
    return hits


# ---------------------------------------------------------------- one node
@st.cache_data(ttl=300, show_spinner=False, max_entries=256)
def node(node_id: str, label: str | None = "Instrument") -> dict | None:
    """All properties of one node (with `label`), or None."""
    rows = query("node", id=node_id, label=_label(label))
    if not rows:
        return None
    props = dict(rows[0].get("p") or {})
    props["label"] = rows[0].get("label")
    return props


@st.cache_data(ttl=300, show_spinner=False, max_entries=256)
def edges(node_id: str, label: str | None = "Instrument", rels: tuple[str, ...] = (),
          limit: int = NEIGHBOUR_CAP) -> list[dict]:
    """Edges at a node, both directions: rel, direction ('out'/'in'), the edge's
    evidence (sentence, status, source_doc, count) and the other end's fields."""
    return query("node_edges", id=node_id, label=_label(label), rels=list(rels), limit=limit)


def tasks_of(doc_id: str) -> list[dict]:
    """Tasks one document assigns, with assignees and coordinators, by deadline."""
    return tasks_for((doc_id,)).get(doc_id, [])


@st.cache_data(ttl=300, show_spinner=False, max_entries=256)
def tasks_for(doc_ids: tuple[str, ...], limit: int = 2000) -> dict[str, list[dict]]:
    """Tasks assigned by each of `doc_ids`, with assignees and coordinators (one query)."""
    rows = query("document_tasks", ids=list(doc_ids), limit=limit)
    out: dict[str, list[dict]] = {}
    for r in rows:
        out.setdefault(r.pop("doc_id"), []).append(r)
    for items in out.values():
        items.sort(key=lambda r: str(r.get("deadline") or "9999"))
    return out


def citation_spans(doc: dict, doc_edges: list[dict]) -> list[dict]:
    """Spans in a loaded document's text: {start, end, id?, symbol?, relation?, status?}.

    From the node's citation JSON when present, else from the edges this document
    states (their start/end point into its text)."""
    spans: list[dict] = []
    for key in ("citations", "citation_spans", "spans"):
        raw = doc.get(key)
        if raw in (None, ""):
            continue
        try:
            items = json.loads(raw) if isinstance(raw, str) else raw
        except ValueError:
            continue
        for it in items if isinstance(items, list) else []:
            if isinstance(it, dict) and isinstance(it.get("start"), int) and isinstance(it.get("end"), int):
                spans.append({"start": it["start"], "end": it["end"],
                              "id": it.get("target") or it.get("id") or it.get("target_id"),
                              "symbol": it.get("symbol") or it.get("text"),
                              "relation": it.get("relation"), "status": it.get("status")})
        if spans:
            return spans
    for e in doc_edges:
        if e["direction"] == "out" and e["rel"] in CITATION_RELATIONS and isinstance(e.get("span_start"), int) \
                and isinstance(e.get("span_end"), int) \
                and e.get("source_doc") in (None, doc.get("id"), doc.get("doc_id"), doc.get("source")):
            spans.append({"start": e["span_start"], "end": e["span_end"], "id": e["id"], "symbol": e.get("symbol"),
                          "relation": e["rel"], "status": e.get("edge_status")})
    return spans


# ---------------------------------------------------------------- tracing
_TRACE_FIELDS = ("id", "label", "symbol", "type_name", "date", "issuer", "status")


@st.cache_data(ttl=300, show_spinner=False, max_entries=64)
def trace(root_id: str, direction: str = "down", rels: tuple[str, ...] = ("IMPLEMENTS",),
          depth: int = 4, per_level: int = 200) -> dict:
    """Breadth-first from `root_id`: down = documents that implement it (incoming
    edges), up = what it implements (outgoing). One query per level (an index seek per
    frontier id), at most `per_level` edges each. Returns {levels: [[node…]…], edges: […]}."""
    side = "down_from" if direction == "down" else "up_from"
    root = node(root_id)
    if root is None:
        return {"levels": [], "edges": []}
    seen = {root_id}
    levels = [[{k: root.get(k) for k in _TRACE_FIELDS}]]
    edge_rows: list[dict] = []
    frontier = [root_id]
    for _ in range(max(0, int(depth))):
        if not frontier:
            break
        nxt: list[dict] = []
        for row in query("trace_level", **{side: frontier}, rels=list(rels), limit=per_level):
            src, dst = (row["id"], row["parent"]) if direction == "down" else (row["parent"], row["id"])
            edge_rows.append({"src": src, "dst": dst, "rel": row["rel"], "sentence": row.get("sentence")})
            if row["id"] not in seen:
                seen.add(row["id"])
                nxt.append({k: row.get(k) for k in _TRACE_FIELDS})
        if not nxt:
            break
        levels.append(sorted(nxt, key=lambda r: str(r.get("date") or "")))
        frontier = [n["id"] for n in nxt]
    return {"levels": levels, "edges": edge_rows}


# ---------------------------------------------------------------- tasks
@st.cache_resource(ttl=3600, show_spinner=False, max_entries=4)
def agencies_with_tasks(limit: int = 1000) -> list[Unit]:
    """The units tasks are assigned to, by level, place and name (`units.ordered`)."""
    return ordered([Unit(r["id"], r["name"], r.get("full_name"), r.get("jurisdiction"), int(r["n"]))
                    for r in query("task_agencies", limit=limit)])


@st.cache_data(ttl=300, show_spinner=False, max_entries=64)
def tasks(agency_id: str | None = None, due_from: str | None = None, due_to: str | None = None,
          overdue_on: str | None = None, limit: int = 500) -> list[dict]:
    """Tasks with their assignee and assigning document, by deadline (ISO bounds; overdue:
    due before that day), from `queries/tasks.cypher`."""
    rows = query("tasks", agency_id=agency_id, due_from=due_from, due_to=due_to, overdue_on=overdue_on,
                 limit=limit)
    return [{"id": r["id"], "action": r["task"], "deadline": r["deadline"], "deadline_text": r["deadline_text"],
             "agency_id": r["agency_id"], "doc_id": r["instrument_id"],
             "agency": unit_name(r["agency"], r.get("agency_full_name"), r.get("jurisdiction")),
             "doc_symbol": r["instrument"], "doc_type_name": r["type"], "doc_date": r["date"],
             "doc_issuer": r["issuer"]} for r in rows]


# ---------------------------------------------------------------- explorer
@st.cache_data(ttl=300, show_spinner=False, max_entries=64)
def shortest_path(a: str, b: str, rels: tuple[str, ...] = (), max_len: int = 8) -> dict | None:
    """Shortest undirected path between two instruments: {nodes: […], edges: […]}."""
    if a == b:  # the query pairs two instruments; one alone is a path of no step
        one = node(a)
        return {"nodes": [{k: one.get(k) for k in PATH_NODE_FIELDS}], "edges": []} if one else None
    rows = query("shortest_path", from_id=a, to_id=b, rels=list(rels), hops=max_len, limit=1)
    if not rows:
        return None
    edge_rows = [{"src": s, "rel": t, "dst": d, "sentence": sen} for s, t, d, sen in rows[0]["steps"]]
    return {"nodes": rows[0]["nodes"], "edges": edge_rows}
