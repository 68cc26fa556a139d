"""The explorer's reads: small Cypher queries, each capped (LIMIT) and cached.

Every function returns plain dicts. Node rows carry `id`, `label` and the few
display fields (`symbol`, `type_name`, `date`, `name`, `action` ...), never `text`.
"""
from __future__ import annotations

import json
from bisect import bisect_right
from datetime import date, timedelta
from itertools import accumulate
from typing import Any

import streamlit as st

from domain.keys import search_key, symbol_key
from graph.model import CITATION_RELATIONS, EDGE_TYPES, NODE_LABELS
from vbgraph_app.app_data import read

NEIGHBOUR_CAP = 200
SEARCH_INDEX_CAP = 300_000
_NODE_FIELDS = ("m.id AS id, labels(m)[0] AS label, m.symbol AS symbol, m.type_name AS type_name, "
                "m.date AS date, m.issuer AS issuer, m.status AS status, m.name AS name, "
                "CASE WHEN 'Task' IN labels(m) THEN coalesce(m.action, m.text) END AS action, m.deadline AS deadline")

_NODE_MAP = ("id: m.id, label: labels(m)[0], symbol: m.symbol, type_name: m.type_name, date: m.date, "
             "issuer: m.issuer, status: m.status, name: m.name, "
             "action: CASE WHEN 'Task' IN labels(m) THEN coalesce(m.action, m.text) END, deadline: m.deadline")


def _label(label: str | None) -> str:
    """A node label safe to splice into Cypher (only the known vocabulary)."""
    return f":{label}" if label in NODE_LABELS else ""


def _rels(rels: list[str] | tuple[str, ...] | None) -> str:
    """`:A|B` for a relation filter (known edge types only), '' for any."""
    chosen = [r for r in (rels or []) if r in EDGE_TYPES]
    return ":" + "|".join(chosen) if chosen else ""


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
    rows = read("MATCH (m:Instrument) RETURN m.id AS id, m.symbol AS symbol, m.type_name AS type_name, "
                "m.date AS date, m.subject AS subject, m.issuer AS issuer, m.status AS status, m.name AS name, "
                f"m.has_text AS has_text LIMIT {SEARCH_INDEX_CAP}")
    for r in rows:
        r["_sym"] = symbol_key(r.get("symbol"))
        r["_words"] = search_key(" ".join(str(r.get(k) or "") for k in ("type_name", "subject", "issuer")))
    return SearchIndex(rows)


@st.cache_data(ttl=300, show_spinner=False, max_entries=256)
def exact_symbol(key: str, limit: int = 1000) -> list[dict]:
    """Instruments whose folded symbol (`symbol_key`) is `key`: one index seek."""
    return read("MATCH (m:Instrument {symbol_key: $k}) RETURN m.id AS id, m.symbol AS symbol, "
                "m.type_name AS type_name, m.date AS date, m.subject AS subject, m.issuer AS issuer, "
                f"m.status AS status, m.name AS name, m.has_text AS has_text LIMIT {int(limit)}", k=key)


def search(query: str = "", issuer: str = "", date_from: str | None = None, date_to: str | None = None,
           limit: int = 100) -> list[dict]:
    """Instruments matching a symbol (lenient: case, accents, spaces), subject words,
    issuer words and an ISO date range. A symbol with exact matches (index seek on
    `symbol_key`) gives those alone, newest first, without loading the search index;
    otherwise prefix / part-of-symbol / word matches from the in-memory index."""
    q_sym, q_words = symbol_key(query), search_key(query).split()
    iss_words = search_key(issuer).split()
    exact = _search_rows(exact_symbol(q_sym), q_sym, q_words, iss_words, date_from, date_to, exact=True) \
        if q_sym else []
    hits = exact
    if not hits:
        index = search_index()
        pool = index.containing(index.rarest(q_words)) if q_words else index
        hits = _search_rows(pool, q_sym, q_words, iss_words, date_from, date_to)
    hits.sort(key=lambda h: h[1], reverse=True)  # newest first within a rank
    hits.sort(key=lambda h: (h[0], h[1] == ""))
    return [{k: v for k, v in h[2].items() if not k.startswith("_")} for h in hits[:limit]]


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
    rows = read(f"MATCH (m{_label(label)} {{id: $id}}) RETURN labels(m)[0] AS label, properties(m) AS p LIMIT 1",
                id=node_id)
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
    out: list[dict] = []
    for direction, pattern in (("out", "(n{lab} {{id: $id}})-[r{rel}]->(m)"),
                               ("in", "(n{lab} {{id: $id}})<-[r{rel}]-(m)")):
        cypher = (f"MATCH {pattern.format(lab=_label(label), rel=_rels(rels))} "
                  f"RETURN type(r) AS rel, r.sentence AS sentence, r.status AS edge_status, "
                  f"r.source_doc AS source_doc, r.count AS count, r.`start` AS span_start, "
                  f"r.`end` AS span_end, "
                  f"{_NODE_FIELDS} LIMIT {int(limit)}")
        for row in read(cypher, id=node_id):
            row["direction"] = direction
            out.append(row)
    return out


def tasks_of(doc_id: str) -> list[dict]:
    """Tasks one document assigns, with assignees and coordinators, by deadline."""
    return tasks_for((doc_id,)).get(doc_id, [])


@st.cache_data(ttl=300, show_spinner=False, max_entries=256)
def tasks_for(doc_ids: tuple[str, ...], limit: int = 2000) -> dict[str, list[dict]]:
    """Tasks assigned by each of `doc_ids`, with assignees and coordinators (one query)."""
    # UNWIND + {id: i}: an index seek per id; assignees and coordinators as pattern
    # comprehensions: one row per task, no grouping over the wide rows
    rows = read("UNWIND $ids AS i MATCH (d:Instrument {id: i})-[:ASSIGNS]->(t:Task) "
                "RETURN d.id AS doc_id, t.id AS id, coalesce(t.action, t.text) AS action, t.deadline AS deadline, "
                "t.deadline_text AS deadline_text, t.sentence AS sentence, "
                "[(t)-[:ASSIGNED_TO]->(a) | a.name] AS assignees, "
                f"[(t)-[:COORDINATES_WITH]->(c) | c.name] AS coordinators LIMIT {int(limit)}", ids=list(doc_ids))
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
    arrow = "<-[r{rel}]-" if direction == "down" else "-[r{rel}]->"
    step = ("UNWIND $ids AS i MATCH (p:Instrument {id: i})" + arrow.format(rel=_rels(rels)) + "(m:Instrument) "
            "RETURN p.id AS parent, type(r) AS rel, r.sentence AS sentence, "
            "m.id AS id, labels(m)[0] AS label, m.symbol AS symbol, m.type_name AS type_name, m.date AS date, "
            f"m.issuer AS issuer, m.status AS status LIMIT {int(per_level)}")
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
        for row in read(step, ids=frontier):
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
def agencies_with_tasks(limit: int = 1000) -> list[dict]:
    return read("MATCH (t:Task)-[:ASSIGNED_TO]->(a:Agency) RETURN a.id AS id, a.name AS name, "
                f"a.jurisdiction AS jurisdiction, count(t) AS n ORDER BY n DESC LIMIT {int(limit)}")


@st.cache_data(ttl=300, show_spinner=False, max_entries=64)
def tasks(agency_id: str | None = None, due_from: str | None = None, due_to: str | None = None,
          overdue_on: str | None = None, limit: int = 500) -> list[dict]:
    """Tasks with their assignee and assigning document, by deadline (ISO bounds).

    The filters apply to the Task itself, then ORDER BY/LIMIT, and only the tasks kept
    are walked to their instrument (and agencies): the all-agencies case never expands
    every task of the store."""
    where, params = [], {}
    if overdue_on:  # due before that day (a deadline on the day itself is not yet late)
        where.append("t.deadline_date < $overdue")  # a null deadline is never overdue
        params["overdue"] = date.fromisoformat(overdue_on)
    if due_from:
        where.append("t.deadline_date >= $due_from")
        params["due_from"] = date.fromisoformat(due_from)
    if due_to:
        where.append("t.deadline_date <= $due_to")
        params["due_to"] = date.fromisoformat(due_to)
    cond = "WHERE " + " AND ".join(where) + " " if where else ""
    lim = int(limit)
    if agency_id:  # anchored on the agency (index seek), walked back to its tasks
        params["agency"] = agency_id
        match = (f"MATCH (a:Agency {{id: $agency}})<-[:ASSIGNED_TO]-(t:Task) {cond}"
                 f"WITH a, t ORDER BY t.deadline, t.id LIMIT {lim} "
                 "MATCH (d:Instrument)-[:ASSIGNS]->(t) ")
    else:
        ids = _first_task_ids(where, params, lim, bounded=bool(overdue_on or due_to))
        if ids is not None:  # read through the deadline index, window by window
            params = {"ids": ids}
            match = ("UNWIND $ids AS tid MATCH (t:Task {id: tid}) "
                     "MATCH (d:Instrument)-[:ASSIGNS]->(t) OPTIONAL MATCH (t)-[:ASSIGNED_TO]->(a:Agency) ")
        else:
            match = (f"MATCH (t:Task) {cond}WITH t ORDER BY t.deadline, t.id LIMIT {lim} "
                     "MATCH (d:Instrument)-[:ASSIGNS]->(t) OPTIONAL MATCH (t)-[:ASSIGNED_TO]->(a:Agency) ")
    cypher = (match +
              "RETURN t.id AS id, coalesce(t.action, t.text) AS action, t.deadline AS deadline, "
              "t.deadline_text AS deadline_text, t.assignee AS assignee, "
              "t.sentence AS sentence, a.id AS agency_id, coalesce(a.name, t.assignee) AS agency, d.id AS doc_id, d.symbol AS doc_symbol, "
              "d.type_name AS doc_type_name, d.date AS doc_date, d.issuer AS doc_issuer "
              f"ORDER BY t.deadline, t.id LIMIT {lim}")
    return read(cypher, **params)


FIRST_WINDOW_DAYS = 120  # the first deadline window read; widened x4 until it holds enough


def _first_task_ids(where: list[str], params: dict[str, Any], limit: int, bounded: bool) -> list[str] | None:
    """Ids of the first `limit` tasks by deadline (then id) under the date filters, read
    through the `Task.deadline_date` index in windows from the earliest deadline on.

    Every task outside a window is due later than every task in it, so once a window
    holds `limit` tasks they are the first ones. Sorting the whole range instead reads
    every matching task (~100k on a 100k-document corpus, ~0.7 s). None when the
    windows end short of `limit` and tasks without a deadline (listed last) may follow
    (no upper date bound, `bounded` False): the caller then sorts the whole range. (min and max are index reads one at a time;
    ArcadeDB scans for both in one query, or with an IS NOT NULL beside the range.)"""
    if not where:  # every dated task: still a range, so that min/max read the index
        where, params = ["t.deadline_date >= $any_day"], {**params, "any_day": date(1, 1, 1)}
    cond = " AND ".join(where)
    first = read(f"MATCH (t:Task) WHERE {cond} RETURN min(t.deadline_date) AS d", **params)
    last = read(f"MATCH (t:Task) WHERE {cond} RETURN max(t.deadline_date) AS d", **params)
    lo, last_day = (first[0]["d"] if first else None), (last[0]["d"] if last else None)
    if lo is None or last_day is None:
        return [] if bounded else None
    days = FIRST_WINDOW_DAYS
    while True:
        hi = lo + timedelta(days=days)
        ids = [r["id"] for r in read(
            f"MATCH (t:Task) WHERE {cond} AND t.deadline_date >= $win_lo AND t.deadline_date < $win_hi "
            f"WITH t ORDER BY t.deadline, t.id LIMIT {int(limit)} RETURN t.id AS id",
            win_lo=lo, win_hi=hi, **params)]
        if len(ids) >= limit:
            return ids
        if hi > last_day:  # every dated task read
            return ids if bounded else None
        days *= 4


# ---------------------------------------------------------------- explorer
@st.cache_data(ttl=300, show_spinner=False, max_entries=64)
def shortest_path(a: str, b: str, rels: tuple[str, ...] = (), max_len: int = 8) -> dict | None:
    """Shortest undirected path between two instruments: {nodes: […], edges: […]}."""
    rows = read(f"MATCH (a:Instrument {{id: $a}}), (b:Instrument {{id: $b}}), "
                f"p = shortestPath((a)-[{_rels(rels)}*..{int(max_len)}]-(b)) "
                "RETURN [n IN nodes(p) | n.id] AS ids, "
                "[m IN nodes(p) | {" + _NODE_MAP + "}] AS fields, "
                "[r IN relationships(p) | [startNode(r).id, type(r), endNode(r).id, r.sentence]] AS rels LIMIT 1",
                a=a, b=b)
    if not rows or not rows[0].get("ids"):
        return None
    ids = rows[0]["ids"]
    by_id = {f["id"]: f for f in rows[0].get("fields") or []}  # the path's own nodes: no label scan
    nodes = [by_id.get(i, {"id": i, "label": "Instrument"}) for i in ids]
    edge_rows = [{"src": s, "rel": t, "dst": d, "sentence": sen} for s, t, d, sen in rows[0]["rels"]]
    return {"nodes": nodes, "edges": edge_rows}
