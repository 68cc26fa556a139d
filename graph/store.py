"""The graph store: one Cypher (Neo4j 5 syntax) code path through the official `neo4j`
driver, against the embedded ArcadeDB server (default) or any Bolt server.

    store = open_store()                       # embedded, database under data/db
    store = open_store("bolt://host:7687")     # VBGRAPH_USER / VBGRAPH_PASSWORD from env
    store.ensure_schema()
    store.write_fragments(fragments)           # one transaction for the whole batch
    store.read("MATCH (n:Instrument) RETURN n.symbol AS s LIMIT $k", k=5)

Writes are `UNWIND $rows …` batches grouped by label / edge type. Loaded documents'
nodes (`authoritative`) are `MERGE … SET n += props`; nodes only mentioned fill missing
properties. Edges and tasks belong to the instrument that states them (`source_doc`): a
batch first deletes those of every instrument it rewrites (a changed file, a fuller
copy, or one another writer recorded meanwhile), so each edge is a plain CREATE, never
duplicated. Of the fragments of one instrument only one writes it (`graph.copies`);
each fragment is written with its `:Source {id: doc_id, hash, fingerprint, instrument}`
marker in the same transaction.

No message exceeds what a server takes: a batch is written in parts whose fragments
carry at most `MAX_STATEMENT_BYTES` (ArcadeDB refuses a Bolt message over 16 MiB, and the
driver then waits for an answer that never comes). Every call has a deadline (`timeout`,
env `VBGRAPH_STORE_TIMEOUT`): a server that does not answer in time has its connections
shut and the call raises `StoreTimeout`; one that cannot be reached, `StoreUnavailable`.
"""
from __future__ import annotations

import atexit
import json
import os
import random
import re
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from domain.keys import search_key, symbol_key
from graph.copies import Copy, against_store, elect
from graph.errors import StoreError, StoreTimeout, StoreUnavailable
from graph.model import AGENCY, CITATION_RELATIONS, EDGE_TYPES, INSTRUMENT, NODE_LABELS, PERSON, TASK, Fragment

SOURCE = "Source"
SCHEMA_LABELS = NODE_LABELS + (SOURCE,)
INDEXES = (  # (label, property) beyond the unique ids
    (INSTRUMENT, "symbol"), (INSTRUMENT, "symbol_key"), (TASK, "source_doc"), (TASK, "deadline_date"),
    (INSTRUMENT, "cited_by_count"), (SOURCE, "fingerprint"), (SOURCE, "instrument"),
)
# Property types declared on the embedded ArcadeDB before its indexes: an index on an
# undeclared property keys every value as a STRING, and a date or number range is then
# not an index seek (Neo4j's range indexes need no declaration).
TYPED_PROPERTIES = ((TASK, "deadline_date", "DATE"), (INSTRUMENT, "cited_by_count", "LONG"))
CITING = "|".join(CITATION_RELATIONS)  # instrument -> instrument relations that count as citing
WRITE_ATTEMPTS = 8        # a conflicting batch transaction is run at most this often
RETRY_BASE_SLEEP = 0.2    # s, doubled per attempt, jittered x0.5-1.5
RETRY_MAX_SLEEP = 8.0
KNOWN_NODES_MAX = 300_000  # mention nodes remembered as written (see Store._known)
ORPHAN_LABELS = (INSTRUMENT, AGENCY, PERSON)  # shared nodes a replace may leave unconnected
IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
TIMEOUT_ENV = "VBGRAPH_STORE_TIMEOUT"
DEFAULT_TIMEOUT = 300.0   # s, any one store call (a read, a write, one batch's transaction)
CONNECT_TIMEOUT = 5.0     # s, to open a connection (a server that is down fails in seconds)
DRIVER_RETRY_TIME = 10.0  # s, the driver's own retries of a transaction on transient errors
MAX_STATEMENT_BYTES = 8 * 2**20  # parameters of one statement, estimated (ArcadeDB: 16 MiB a message)

__all__ = ["Store", "open_store", "SOURCE", "StoreError"]


def _name(value: str) -> str:
    """A label, type or property name checked and backticked (never user input)."""
    if not IDENTIFIER.match(value):
        raise ValueError(f"not a valid graph name: {value!r}")
    return f"`{value}`"


_STORABLE = (str, int, float, bool, date, datetime)  # values Bolt stores as they are


def storable_value(value: Any) -> Any:
    """A property value Bolt can store: primitives, temporals, lists of those."""
    if value is None or isinstance(value, _STORABLE):
        return value
    if isinstance(value, (list, tuple, set)):
        items = [storable_value(v) for v in value]
        items = [v for v in items if v is not None]
        if all(isinstance(v, _STORABLE) for v in items):
            return items
        return [json.dumps(v, ensure_ascii=False, default=str) for v in items]
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


NS_YEARS = (1678, 2261)  # years whose date-times have a 64-bit nanosecond count since 1970
_PLAIN_TYPES = frozenset((type(None), *_STORABLE))  # exactly these types skip storable_value


@lru_cache(maxsize=4096)  # a small vocabulary of keys, met on every node and edge
def _prop_key(key: str) -> bool:
    return key != "id" and IDENTIFIER.match(key) is not None


def storable_props(props: dict[str, Any]) -> dict[str, Any]:
    """Storable properties (`storable_value`), the id and keys Cypher cannot name left out;
    naive datetimes in the form the driver packs fastest (`_packable_datetime`)."""
    out = {}
    for k, v in props.items():
        if not _prop_key(k):
            continue
        kind = type(v)
        if kind is datetime:
            v = _packable_datetime(v)
        elif kind not in _PLAIN_TYPES:
            v = storable_value(v)
        out[k] = v
    return out


def _packable_datetime(value: datetime) -> Any:
    """A naive datetime as a pandas Timestamp when the driver has pandas (it imports it
    if installed and then packs a Timestamp's nanoseconds directly: ~2 µs, where a
    datetime takes ~45 µs of pure-Python calendar arithmetic; task deadlines are in
    every batch). The same LocalDateTime is stored; otherwise the datetime as it is."""
    pd = sys.modules.get("pandas")
    if pd is None or value.tzinfo is not None or not NS_YEARS[0] <= value.year <= NS_YEARS[1]:
        return value  # the driver packs a Timestamp's nanoseconds: none outside NS_YEARS
    return pd.Timestamp(value)


def derived_props(label: str, props: dict[str, Any]) -> dict[str, Any]:
    """Search keys the queries rely on: symbol_key, subject_key, name_key, issuer_key,
    province_key, type_key, Agency full_key (name + jurisdiction), Task deadline_date."""
    out = dict(props)
    if props.get("symbol"):
        out["symbol_key"] = symbol_key(props["symbol"])
    if props.get("subject"):
        out["subject_key"] = search_key(props["subject"])
    if props.get("name"):
        out["name_key"] = search_key(props["name"])
    for key in ("issuer", "province", "type"):
        if props.get(key) and isinstance(props[key], str):
            out[f"{key}_key"] = search_key(props[key])
    if label == AGENCY and props.get("name"):
        out["full_key"] = search_key(f"{props['name']} {props.get('jurisdiction') or ''}")
    dl = props.get("deadline")
    if isinstance(dl, datetime):
        out["deadline_date"] = dl.date()
    elif isinstance(dl, date):
        out["deadline_date"] = dl
    return out


def _plain(value: Any) -> Any:
    """Driver values to plain Python (neo4j.time -> datetime, nodes -> dicts)."""
    if hasattr(value, "to_native"):
        return value.to_native()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


@dataclass
class Batch:
    """Rows of one write batch, grouped for UNWIND."""

    auth: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    fill: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    edges: dict[tuple[str, str, str, str, str, str], dict[str, Any]] = field(default_factory=dict)
    sources: list[dict[str, Any]] = field(default_factory=list)
    copies: dict[str, dict[str, Any]] = field(default_factory=dict)  # instrument -> what copies fill

    def __len__(self) -> int:
        return len(self.sources)  # fragments and copies added

    def add_copy(self, copy: Copy) -> None:
        """A source of an instrument another one writes: its marker, and the instrument's
        properties it can fill (after the holder's own are written)."""
        have = self.copies.setdefault(copy.instrument, {})
        for k, v in storable_props(derived_props(INSTRUMENT, copy.fill)).items():
            if have.get(k) is None:
                have[k] = v
        self.sources.append({"id": copy.doc_id, "hash": copy.content_hash, "fingerprint": copy.fingerprint or None,
                             "instrument": copy.instrument, "edge_srcs": []})

    def add(self, frag: Fragment) -> None:
        edge_srcs: set[str] = set()
        instrument = None
        for node in frag.nodes:
            key = (node.label, str(node.id))
            props = storable_props(derived_props(node.label, node.props))
            if node.authoritative:
                self.auth.setdefault(key, {}).update(props)
                if node.label == INSTRUMENT and instrument is None:
                    instrument = str(node.id)
            else:
                have = self.fill.setdefault(key, {})
                for k, v in props.items():
                    if have.get(k) is None:
                        have[k] = v
        for e in frag.edges:
            source_doc = str(e.props.get("source_doc") or frag.doc_id)
            k = (e.type, e.src_label, str(e.src), e.dst_label, str(e.dst), source_doc)
            props = storable_props(e.props)
            props["source_doc"] = source_doc
            self.edges[k] = props
            edge_srcs.add(f"{e.src_label}:{e.src}")
        self.sources.append({"id": frag.doc_id, "hash": frag.content_hash, "fingerprint": frag.fingerprint or None,
                             "instrument": instrument, "edge_srcs": sorted(edge_srcs)})

    def fill_keys(self) -> dict[tuple[str, str], tuple[str, ...]]:
        """(label, id) -> the property names this batch fills on a mentioned node."""
        return {key: tuple(sorted(k for k, v in props.items() if v is not None))
                for key, props in self.fill.items()}

    def statements(self, known: dict[tuple[str, str], tuple[str, ...]] | None = None,
                   keys: dict[tuple[str, ...], set[str]] | None = None) -> list[tuple[str, dict[str, Any]]]:
        """(cypher, params) in write order: mention fills, loaded docs, edges, markers.

        `known`: mentioned nodes already written with (at least) these properties; a fill
        that could add nothing to them becomes a cheap `MERGE … ON CREATE SET` (the node
        is whole even if another writer deleted it meanwhile).
        `keys`: the property names earlier batches' fill and edge statements listed, per
        label / edge type (updated here): a statement lists them all, so its text stays
        the same from batch to batch and the server plans it once (a new text costs
        ~2-4 ms to plan, ~25 statements a batch).
        """
        known = known or {}
        keys = {} if keys is None else keys
        out: list[tuple[str, dict[str, Any]]] = []
        fills: dict[str, list[dict]] = defaultdict(list)
        seen: dict[str, list[dict]] = defaultdict(list)
        for (label, nid), props in self.fill.items():
            props = {k: v for k, v in props.items() if v is not None}
            have = known.get((label, nid))
            if have is not None and set(props) <= set(have):
                seen[label].append({"id": nid, "props": props})
                continue
            fills[label].append({"id": nid, "props": props})
            keys.setdefault(("fill", label), set()).update(props)
        for label, rows in sorted(seen.items()):
            out.append((f"UNWIND $rows AS r MERGE (n:{_name(label)} {{id: r.id}}) ON CREATE SET n += r.props",
                        {"rows": rows}))
        # one statement per label: a key a row lacks reads null, and coalesce keeps the
        # node's value (statements per key set cost ~5 ms each to plan, hundreds a batch)
        for label, rows in sorted(fills.items()):
            sets = ", ".join(f"n.{_name(k)} = coalesce(n.{_name(k)}, r.props.{_name(k)})"
                             for k in sorted(keys[("fill", label)]))
            out.append((f"UNWIND $rows AS r MERGE (n:{_name(label)} {{id: r.id}})"
                        + (f" SET {sets}" if sets else ""), {"rows": rows}))
        auth: dict[str, list[dict]] = defaultdict(list)
        for (label, nid), props in self.auth.items():
            auth[label].append({"id": nid, "props": props})
        for label, rows in sorted(auth.items()):
            out.append((f"UNWIND $rows AS r MERGE (n:{_name(label)} {{id: r.id}}) SET n += r.props",
                        {"rows": rows}))
        edges: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
        for (etype, sl, src, dl, dst, sd), props in self.edges.items():
            edges[(etype, sl, dl)].append({"src": src, "dst": dst, "props": props})
            keys.setdefault(("edge", etype, sl, dl), set()).update(props)
        present = set(self.auth) | set(self.fill)
        missing: dict[str, set[str]] = defaultdict(set)  # endpoints no fragment listed as a node
        for (etype, sl, src, dl, dst, sd) in self.edges:
            for key in ((sl, src), (dl, dst)):
                if key not in present:
                    missing[key[0]].add(key[1])
        for label, nids in sorted(missing.items()):
            out.append((f"UNWIND $ids AS i MERGE (:{_name(label)} {{id: i}})", {"ids": sorted(nids)}))
        pairs = sorted({(src, dst) for (etype, sl, src, dl, dst, sd) in self.edges
                        if etype in CITATION_RELATIONS and sl == dl == INSTRUMENT})
        if pairs:  # before the edges exist: +1 for each citer not citing the target yet
            out.append((f"UNWIND $rows AS r MATCH (a:{INSTRUMENT} {{id: r.a}}) MATCH (n:{INSTRUMENT} {{id: r.n}}) "
                        f"WHERE NOT (a)-[:{CITING}]->(n) WITH n, count(*) AS c "
                        "SET n.cited_by_count = coalesce(n.cited_by_count, 0) + c",
                        {"rows": [{"a": a, "n": n} for a, n in pairs]}))
        for (etype, sl, dl), rows in sorted(edges.items()):
            # properties written in the CREATE itself (a key a row lacks is null: not
            # stored): a quarter cheaper on ArcadeDB than a SET after it
            props = ", ".join(f"{_name(k)}: r.props.{_name(k)}" for k in sorted(keys[("edge", etype, sl, dl)]))
            out.append((f"UNWIND $rows AS r MATCH (a:{_name(sl)} {{id: r.src}}) MATCH (b:{_name(dl)} {{id: r.dst}}) "
                        f"CREATE (a)-[e:{_name(etype)}{f' {{{props}}}' if props else ''}]->(b)",
                        {"rows": rows}))
        if self.copies:  # after the holders' own properties: a copy only fills gaps
            rows = [{"id": nid, "props": props} for nid, props in sorted(self.copies.items())]
            keys.setdefault(("copy", INSTRUMENT), set()).update(k for r in rows for k in r["props"])
            sets = ", ".join(f"n.{_name(k)} = coalesce(n.{_name(k)}, r.props.{_name(k)})"
                             for k in sorted(keys[("copy", INSTRUMENT)]))
            out.append((f"UNWIND $rows AS r MERGE (n:{INSTRUMENT} {{id: r.id}})" + (f" SET {sets}" if sets else ""),
                        {"rows": rows}))
        if self.sources:
            out.append((f"UNWIND $rows AS r MERGE (s:{SOURCE} {{id: r.id}}) SET s.hash = r.hash, "
                        "s.fingerprint = r.fingerprint, s.instrument = r.instrument, s.edge_srcs = r.edge_srcs",
                        {"rows": self.sources}))
        return out


def fragment_bytes(frag: Fragment) -> int:
    """An upper estimate of the bytes `frag` adds to the statements' parameters: the UTF-8
    of its long strings, 3 a character of the short ones, 24 a property besides, 64 a node
    or edge (ids and labels)."""
    size = 0
    for item in (*frag.nodes, *frag.edges):
        props = item.props
        size += 64 + 24 * len(props)
        for v in props.values():
            kind = type(v)
            if kind is str:
                size += len(v.encode("utf-8")) if len(v) > 512 else 3 * len(v)
            elif kind is list:
                size += sum(3 * len(x) if type(x) is str else 16 for x in v)
    return size


def oversize(frag: Fragment) -> str | None:
    """Why `frag` cannot be stored (more than one statement may carry), or None."""
    size = fragment_bytes(frag)
    if size <= MAX_STATEMENT_BYTES:
        return None
    return (f"too large to store: about {size / 2**20:.1f} MiB once annotated "
            f"(at most {MAX_STATEMENT_BYTES / 2**20:.0f} MiB a document)")


@dataclass
class _Prepared:
    """A batch ready to write: the fragments that write (after `copies.elect`), in parts of
    at most `MAX_STATEMENT_BYTES` (each part's statements are then small enough for any
    server; all parts go in one transaction), and the copies."""

    writers: list[Fragment]
    copies: list[Copy]
    parts: list[Batch]

    @classmethod
    def of(cls, writers: list[Fragment], copies: list[Copy]) -> "_Prepared":
        parts, held = [Batch()], 0
        for frag in writers:
            size = fragment_bytes(frag)
            if parts[-1].sources and held + size > MAX_STATEMENT_BYTES:
                parts.append(Batch())
                held = 0
            parts[-1].add(frag)
            held += size
        for copy in copies:
            parts[-1].add_copy(copy)
        return cls(writers, copies, parts)

    def __len__(self) -> int:
        return len(self.writers) + len(self.copies)  # fragments prepared

    @property
    def doc_ids(self) -> set[str]:
        return {f.doc_id for f in self.writers} | {c.doc_id for c in self.copies}

    def statements(self, known: dict[tuple[str, str], tuple[str, ...]] | None = None,
                   keys: dict[tuple[str, ...], set[str]] | None = None) -> list[tuple[str, dict[str, Any]]]:
        """Every part's `Batch.statements`, part after part."""
        keys = {} if keys is None else keys
        return [st for part in self.parts for st in part.statements(known, keys)]

    @property
    def listed(self) -> set[tuple[str, str]]:
        """(label, id) of every node the parts write."""
        return {key for part in self.parts for key in (*part.auth, *part.fill)}


# every driver opened and not closed yet, held strongly: a Store dropped without close()
# left its Bolt connections open, and the server's threads serving them alive at exit
_open_drivers: set[Any] = set()


def store_timeout() -> float:
    """The deadline of one store call: env `VBGRAPH_STORE_TIMEOUT` (seconds) or the default."""
    text = os.environ.get(TIMEOUT_ENV, "").strip()
    try:
        value = float(text) if text else DEFAULT_TIMEOUT
    except ValueError:
        raise StoreError(f"{TIMEOUT_ENV} must be a number of seconds, not {text!r}") from None
    if value <= 0:
        raise StoreError(f"{TIMEOUT_ENV} must be more than 0 seconds, not {text!r}")
    return value


class Store:
    """A connection to the graph database (use `open_store`)."""

    def __init__(self, driver: Any, database: str | None, uri: str, embedded: Any = None,
                 timeout: float | None = None) -> None:
        self._driver = driver
        self.database = database
        self.uri = uri
        self.embedded = embedded
        self.timeout = timeout or store_timeout()
        self._expired: set[Any] = set()  # drivers closed by a deadline (see _call)
        self.retries = 0  # write transactions run again after a conflict (see _write_retrying)
        self.shared_by: int | None = None  # the pid whose embedded server this store reuses (open_store reuse)
        # mentioned nodes this Store wrote, with the properties they got: a later batch
        # leaves out fills that would add nothing (national agencies recur in every
        # document). Bounded; forgotten whenever a write deleted anything.
        self._known: dict[tuple[str, str], tuple[str, ...]] = {}
        self._keys: dict[tuple[str, ...], set[str]] = {}  # see Batch.statements
        _open_drivers.add(driver)

    def __repr__(self) -> str:
        return f"Store(uri={self.uri!r}, database={self.database!r})"

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- sessions -------------------------------------------------------------------
    def _call(self, work: Callable[[Any], Any], write: bool = False) -> Any:
        """`work(tx)` in one managed read or write transaction, within `timeout`.

        A server that has not answered by the deadline has this store's connections shut
        (a blocked read returns) and the store closed: `StoreTimeout`. A server that cannot
        be reached: `StoreUnavailable`. Errors the server reports pass as they are.
        """
        from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

        driver = self._driver
        if driver is None:
            raise StoreError(f"the store at {self.uri} is closed")
        timer = threading.Timer(self.timeout, self._expire, (driver,))
        timer.daemon = True
        timer.start()
        try:
            # the driver's own retries stop once the deadline has passed
            with driver.session(database=self.database,
                                max_transaction_retry_time=min(DRIVER_RETRY_TIME, self.timeout)) as s:
                return (s.execute_write if write else s.execute_read)(work)
        except Exception as exc:
            if driver in self._expired:
                raise StoreTimeout(f"the store at {self.uri} did not answer within {self.timeout:g} s "
                                   f"(--timeout or {TIMEOUT_ENV} sets the deadline)") from None
            if isinstance(exc, (AuthError, ServiceUnavailable, SessionExpired)):
                raise _unavailable(self.uri, exc) from None
            raise
        finally:
            timer.cancel()

    def _expire(self, driver: Any) -> None:
        """The deadline passed: the store is closed at once (see `abort`)."""
        self._expired.add(driver)
        if self._driver is driver:
            self.abort()

    def abort(self) -> None:
        """Close the store at once, from any thread: its sockets are shut (a call blocked on
        the server returns with an error; a transaction in flight is rolled back by the
        server), with no goodbye that a server which does not read could block."""
        driver, self._driver = self._driver, None
        if driver is None:
            return
        pool = getattr(driver, "_pool", None)  # the driver has no public way to abort a read
        for conns in list(getattr(pool, "connections", {}).values()):
            for conn in list(conns):
                try:
                    conn.kill()
                except Exception:  # noqa: BLE001 - closing anyway
                    pass
        try:
            driver.close()
        finally:
            _open_drivers.discard(driver)

    def check(self) -> None:
        """The server answers, the login is accepted and the database exists: else the one
        `StoreError` that says which (and the store is closed)."""
        from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable

        try:
            self._driver.verify_connectivity()  # one attempt, no retries: a server that is down fails now
        except (AuthError, ServiceUnavailable, OSError) as exc:
            self.close()
            raise _unavailable(self.uri, exc) from None
        try:
            self._read("RETURN 1 AS ok", {})
        except Neo4jError as exc:
            self.close()
            raise StoreError(f"the store at {self.uri} cannot open database {self.database!r}: "
                             f"{_reason(exc)}") from None
        except StoreError:
            self.close()
            raise

    def read(self, cypher: str, **params: Any) -> list[dict]:
        """Rows of a read-only query (refused by the guard if it could write)."""
        from queries.guard import check

        check(cypher)
        return self._read(cypher, params)

    def _read(self, cypher: str, params: dict[str, Any]) -> list[dict]:
        rows = self._call(lambda tx: tx.run(cypher, params).data())
        return [_plain(r) for r in rows]

    def write(self, cypher: str, **params: Any) -> list[dict]:
        """A trusted write (project code only, never user text) in its own transaction."""
        self._known.clear()  # it may delete or change nodes write_fragments remembers
        rows = self._call(lambda tx: tx.run(cypher, params).data(), write=True)
        return [_plain(r) for r in rows]

    def write_transaction(self, work: Callable[[Any], Any]) -> Any:
        """Run `work(tx)` in ONE explicit write transaction (retried when transient)."""
        return self._call(work, write=True)

    # -- schema -----------------------------------------------------------------------
    def ensure_schema(self) -> None:
        """Unique `id` per label, plus the lookup indexes (idempotent)."""
        for label in SCHEMA_LABELS:
            self.write(f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS "
                       f"FOR (n:{_name(label)}) REQUIRE n.id IS UNIQUE")
        self._declare_types()
        for label, prop in INDEXES:
            self.write(f"CREATE INDEX {_index_name(label, prop)} IF NOT EXISTS "
                       f"FOR (n:{_name(label)}) ON (n.{_name(prop)})")
        self._backfill_cited_by()

    def _declare_types(self) -> None:
        """On the embedded server: declare `TYPED_PROPERTIES`; an index an older store
        built before the declaration (STRING keys) is dropped, and rebuilt by the caller."""
        if self.embedded is None or not self.database:
            return
        sql = self.embedded.sql
        indexes = sql(self.database, "SELECT name, keyTypes FROM schema:indexes")
        for label, prop, kind in TYPED_PROPERTIES:
            sql(self.database, f"CREATE PROPERTY {_name(label)}.{_name(prop)} IF NOT EXISTS {kind}")
            for ix in indexes:  # the type's own index (its buckets' indexes go with it)
                keys = [str(k).upper() for k in _flat(ix.get("keyTypes"))]
                if ix.get("name") == _index_name(label, prop) and keys != [kind]:
                    sql(self.database, f"DROP INDEX `{ix['name']}`")

    def _backfill_cited_by(self) -> None:
        """A store written before `cited_by_count` existed: count once, for every instrument."""
        if self._read(f"MATCH (n:{INSTRUMENT}) WHERE n.cited_by_count >= 1 RETURN n.id AS id LIMIT 1", {}):
            return
        if not self._read(f"MATCH (:{INSTRUMENT})-[r:{CITING}]->(:{INSTRUMENT}) RETURN 1 AS x LIMIT 1", {}):
            return
        self._write_retrying(lambda tx: _recount_cited_by(tx))

    # -- writes -----------------------------------------------------------------------
    @staticmethod
    def prepare(fragments: Iterable[Fragment]) -> _Prepared:
        """The rows `write_fragments` sends, built ahead (no database access): an ingest
        builds batch k+1 while batch k is being written. Fragments of one instrument are
        elected here (`copies.elect`): one writes it, the others are copies."""
        return _Prepared.of(*elect(list(fragments)))

    def write_fragments(self, fragments: Iterable[Fragment] | _Prepared, replace: Iterable[str] = ()) -> list[Copy]:
        """Write fragments (or their `prepare`d batch) and their Source markers in one
        transaction; returns the sources recorded as copies of an instrument another source
        holds (see `graph.copies`: their edges and tasks are not written).

        `replace`: doc ids already in the graph whose own edges and tasks are deleted
        first (a changed file); all of it commits or none of it does.
        """
        prepared = fragments if isinstance(fragments, _Prepared) else self.prepare(fragments)
        replace = set(replace)
        batch_ids = prepared.doc_ids
        fresh = sorted(batch_ids - replace)
        written: list[_Prepared] = [prepared]
        deleted = [False]

        def work(tx: Any) -> None:
            # documents recorded since the caller looked (another writer, a doc_id twice
            # in one run) are rewritten like changed ones: their old edges go first
            again = [r["id"] for r in tx.run(f"UNWIND $ids AS i MATCH (s:{SOURCE} {{id: i}}) RETURN s.id AS id",
                                             {"ids": fresh}).data()] if fresh else []
            writers, late, displaced = against_store(tx, prepared.writers, batch_ids)
            now = _Prepared.of(writers, prepared.copies + late) if late else prepared
            written[0] = now
            clear = sorted(replace | set(again) | set(displaced))
            deleted[0] = bool(clear)
            known = {} if clear else self._known
            loose = _delete_owned(tx, clear, {f.instrument for f in now.writers}, batch_ids) if clear else {}
            if loose.get(INSTRUMENT):  # what the deleted edges cited: counted again, exactly
                _recount_cited_by(tx, sorted(loose[INSTRUMENT]))
            for cypher, params in now.statements(known, self._keys):
                tx.run(cypher, params).consume()
            if loose:
                _delete_orphans(tx, loose, now.listed)

        from neo4j.exceptions import Neo4jError

        try:
            self._write_retrying(work)
        except Neo4jError as exc:  # the server failed the batch (its transaction is rolled back)
            first = min(batch_ids) if batch_ids else "-"
            raise StoreError(f"the store at {self.uri} failed a batch of {len(batch_ids)} document(s) "
                             f"({first} …): {_reason(exc)}") from None
        self._remember(written[0], forget=deleted[0])
        return written[0].copies

    def _remember(self, prepared: _Prepared, forget: bool) -> None:
        """After a commit: note the mentioned nodes written (all forgotten after a delete)."""
        if forget or len(self._known) > KNOWN_NODES_MAX:
            self._known.clear()
        if forget:
            return
        for part in prepared.parts:
            for key, keys in part.fill_keys().items():
                have = self._known.get(key)
                self._known[key] = keys if have is None else tuple(sorted(set(have) | set(keys)))

    def _write_retrying(self, work: Callable[[Any], Any], attempts: int | None = None) -> Any:
        """`write_transaction(work)`, the WHOLE transaction run again on a write conflict.

        Several writers (`vbgraph ingest --shard`) MERGE the same shared nodes: ArcadeDB
        reports a concurrent modification as `Neo.TransientError.Transaction.
        DeadlockDetected` (the driver already retries those for a while) and two
        transactions creating the same node as a unique-index violation
        (`Neo.ClientError.Schema.ConstraintValidationFailed`), which a re-run resolves (its
        MERGE now finds the node). Both, and a lost connection, are retried with jittered
        exponential backoff, at most `attempts` times and while the store's `timeout` has
        not passed since the first; anything else (a deadline missed) is raised at once.
        """
        attempts = attempts or WRITE_ATTEMPTS
        runs = [0]

        def counted(tx: Any) -> Any:
            runs[0] += 1  # the driver's own retries of transient errors count too
            if runs[0] > 1:
                self.retries += 1
            return work(tx)

        start = time.monotonic()
        for attempt in range(1, attempts + 1):
            try:
                return self.write_transaction(counted)
            except Exception as exc:  # noqa: BLE001 - classified below
                if attempt >= attempts or not _conflict(exc) or time.monotonic() - start > self.timeout:
                    raise
                time.sleep(min(RETRY_MAX_SLEEP, RETRY_BASE_SLEEP * 2 ** (attempt - 1)) * (0.5 + random.random()))
        return None

    def sources(self, ids: Iterable[str] | None = None) -> dict[str, str]:
        """doc_id -> content hash recorded in the graph (all, or those in `ids`)."""
        if ids is None:
            rows = self._read(f"MATCH (s:{SOURCE}) RETURN s.id AS id, s.hash AS hash", {})
        else:
            rows = self._read(f"UNWIND $ids AS i MATCH (s:{SOURCE} {{id: i}}) RETURN s.id AS id, s.hash AS hash",
                              {"ids": list(ids)})
        return {r["id"]: r["hash"] for r in rows}

    def counts(self) -> dict[str, dict[str, int]]:
        """{"nodes": {label: n}, "edges": {type: n}} for the vocabulary and anything else present."""
        labels = list(SCHEMA_LABELS)
        types = list(EDGE_TYPES)
        try:
            labels += [r["label"] for r in self.read("CALL db.labels()") if r["label"] not in labels]
            types += [r["relationshipType"] for r in self.read("CALL db.relationshipTypes()")
                      if r["relationshipType"] not in types]
        except Exception:  # noqa: BLE001 - the vocabulary alone is enough
            pass
        labels = [lb for lb in labels if IDENTIFIER.match(lb)]
        types = [t for t in types if IDENTIFIER.match(t)]
        if self.embedded is not None and self.database:  # in process, from the buckets
            count = lambda name: self.embedded.count_type(self.database, name)  # noqa: E731
            return {"nodes": {lb: count(lb) for lb in labels}, "edges": {t: count(t) for t in types}}
        return self.cypher_counts(labels, types)

    def cypher_counts(self, labels: Iterable[str], types: Iterable[str]) -> dict[str, dict[str, int]]:
        """`counts` through Cypher (any server): nodes per label, edges per type."""
        return {"nodes": {lb: self.read(f"MATCH (n:{_name(lb)}) RETURN count(n) AS c")[0]["c"] for lb in labels},
                "edges": {t: self.read(f"MATCH ()-[r:{_name(t)}]->() RETURN count(r) AS c")[0]["c"]
                          for t in types}}

    def close(self) -> None:
        """Close the driver (the embedded server keeps running for the process)."""
        driver, self._driver = self._driver, None
        if driver is not None:
            try:
                driver.close()
            finally:
                _open_drivers.discard(driver)


def _index_name(label: str, prop: str) -> str:
    """The name `ensure_schema` gives the index on `label.prop`."""
    return f"{label.lower()}_{prop}"


def _flat(value: Any) -> list[Any]:
    """[['a'], 'b'] -> ['a', 'b'] (ArcadeDB's schema rows nest property lists)."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [x for v in value for x in _flat(v)]
    return [value]


def _conflict(exc: BaseException) -> bool:
    """A write that failed only because of another writer (or the connection): retry it."""
    from neo4j.exceptions import ConstraintError, TransientError

    if isinstance(exc, StoreTimeout):
        return False
    if isinstance(exc, StoreUnavailable):  # a lost connection (the driver retried a while already)
        return True
    if isinstance(exc, TransientError):
        return getattr(exc, "code", "") != "Neo.TransientError.Transaction.Terminated"
    if isinstance(exc, ConstraintError):  # concurrent MERGE of one id: unique index
        return True
    code = getattr(exc, "code", "") or ""
    if code == "Neo.DatabaseError.General.UnknownError":
        # ArcadeDB reports some concurrent-MERGE conflicts only as this generic error
        # (seen with two shards writing one server); the batch is one transaction, rolled
        # back and idempotent, so running it again is safe, and attempts are bounded
        return True
    text = f"{code} {exc}"
    return any(w in text for w in ("ConcurrentModification", "NeedRetry", "DuplicatedKey"))


def _delete_owned(tx: Any, doc_ids: list[str], written: set[str | None], batch: set[str]) -> dict[str, set[str]]:
    """Delete what the sources `doc_ids` wrote before (found through their Source markers):
    the edges and tasks of the instrument each one held (`graph.copies`), and those a store
    written before edges belonged to instruments kept under the source's own doc id.
    Returns {label: ids} of the shared nodes they pointed at (see `_delete_orphans`).

    An instrument its holder left that this batch does not write (`written`; the document's
    symbol was corrected, or the file now carries another text) loses its text: deleted
    when nothing else points at it, else kept as a mention; its other sources (outside
    `batch`) are marked unread, so the next ingest that meets them elects a new holder.
    """
    rows = tx.run(f"UNWIND $ids AS i MATCH (s:{SOURCE} {{id: i}}) OPTIONAL MATCH (n:{INSTRUMENT} {{id: s.instrument}}) "
                  "RETURN s.id AS id, s.edge_srcs AS srcs, s.instrument AS inst, "
                  "coalesce(n.doc_id = s.id, false) AS holds", {"ids": doc_ids}).data()
    owners = {r["id"]: [r["id"], *([r["inst"]] if r["holds"] and r["inst"] else [])] for r in rows}
    every = sorted({o for found in owners.values() for o in found})
    pairs: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        for item in r["srcs"] or []:
            label, _, nid = item.partition(":")
            pairs[label].append({"src": nid, "owners": owners[r["id"]]})
    loose: dict[str, set[str]] = defaultdict(set)  # what the deleted edges and tasks pointed at

    def note(found: list[dict]) -> None:
        for r in found:
            if r["l"] in ORPHAN_LABELS and r["id"] is not None:
                loose[r["l"]].add(str(r["id"]))

    note(tx.run(f"MATCH (t:{TASK})-[]->(x) WHERE t.source_doc IN $ids RETURN DISTINCT labels(x)[0] AS l, x.id AS id",
                {"ids": every}).data())
    for label, prs in pairs.items():
        if not IDENTIFIER.match(label):
            continue
        note(tx.run(f"UNWIND $rows AS p MATCH (a:{_name(label)} {{id: p.src}})-[r]->(b) WHERE r.source_doc IN p.owners "
                    "RETURN DISTINCT labels(b)[0] AS l, b.id AS id", {"rows": prs}).data())
        note(tx.run(f"UNWIND $rows AS p MATCH (a:{_name(label)} {{id: p.src}})-[r:ASSIGNS]->(t:{TASK})-[]->(x) "
                    "WHERE r.source_doc IN p.owners RETURN DISTINCT labels(x)[0] AS l, x.id AS id",
                    {"rows": prs}).data())
    tx.run(f"MATCH (t:{TASK}) WHERE t.source_doc IN $ids DETACH DELETE t", {"ids": every}).consume()
    for label, prs in pairs.items():
        if not IDENTIFIER.match(label):
            continue
        tx.run(f"UNWIND $rows AS p MATCH (a:{_name(label)} {{id: p.src}})-[r:ASSIGNS]->(t:{TASK}) "
               "WHERE r.source_doc IN p.owners DETACH DELETE t", {"rows": prs}).consume()
        tx.run(f"UNWIND $rows AS p MATCH (a:{_name(label)} {{id: p.src}})-[r]->() "
               "WHERE r.source_doc IN p.owners DELETE r", {"rows": prs}).consume()
    tx.run(f"UNWIND $ids AS i MATCH (s:{SOURCE} {{id: i}}) SET s.edge_srcs = []", {"ids": doc_ids}).consume()
    gone = sorted({r["inst"] for r in rows if r["holds"] and r["inst"] and r["inst"] not in written})
    if gone:
        tx.run(f"UNWIND $ids AS i MATCH (n:{INSTRUMENT} {{id: i}}) WHERE NOT (n)--() DELETE n",
               {"ids": gone}).consume()
        tx.run(f"UNWIND $ids AS i MATCH (n:{INSTRUMENT} {{id: i}}) SET n.has_text = false",
               {"ids": gone}).consume()
        tx.run(f"UNWIND $ids AS i MATCH (o:{SOURCE} {{instrument: i}}) WHERE NOT o.id IN $batch SET o.hash = null",
               {"ids": gone, "batch": sorted(batch)}).consume()
    return loose


def _recount_cited_by(tx: Any, ids: list[str] | None = None) -> None:
    """`cited_by_count` = distinct instruments citing it (any citation relation), computed
    from the edges: for `ids`, or for every cited instrument (a store written before the
    count existed)."""
    count = (f"OPTIONAL MATCH (d:{INSTRUMENT})-[:{CITING}]->(n) WITH n, count(DISTINCT d) AS c "
             "SET n.cited_by_count = c")
    if ids is None:
        tx.run(f"MATCH (d:{INSTRUMENT})-[:{CITING}]->(n:{INSTRUMENT}) WITH n, count(DISTINCT d) AS c "
               "SET n.cited_by_count = c").consume()
    else:
        tx.run(f"UNWIND $ids AS i MATCH (n:{INSTRUMENT} {{id: i}}) {count}", {"ids": ids}).consume()


def _delete_orphans(tx: Any, loose: dict[str, set[str]], listed: set[tuple[str, str]]) -> None:
    """After a replace: delete the mentioned-only Instrument / Agency / Person nodes the
    replaced documents pointed at that nothing points at any more (a loaded document's
    own Instrument, `has_text`, and the nodes this batch lists, stay)."""
    for label in ORPHAN_LABELS:
        ids = sorted(i for i in loose.get(label, ()) if (label, i) not in listed)
        if not ids:
            continue
        keep = " AND coalesce(n.has_text, false) = false" if label == INSTRUMENT else ""
        tx.run(f"UNWIND $ids AS i MATCH (n:{_name(label)} {{id: i}}) WHERE NOT (n)--(){keep} DELETE n",
               {"ids": ids}).consume()


def open_store(uri: str | None = None, path: str = "data/db", database: str = "vbgraph",
               role: str = "query", create: bool = True, timeout: float | None = None,
               reuse: bool = False) -> Store:
    """The embedded store (uri=None; server started once per process) or a Bolt server.

    `reuse` (read-only commands): when another process already runs the embedded server of
    `path` (the app, `vbgraph ingest`, a script), use that server over Bolt instead of
    waiting for the folder; the store's `shared_by` is then that process's pid. A one-shot
    query so skips starting a JVM (`graph.embedded.running_elsewhere`).

    `role` "ingest" tunes a process that mainly writes (the embedded JVM's collector, see
    `graph.embedded`; only on the process's first start). `create` False: a database that
    does not exist yet is a `StoreError`, not a new empty store. For a remote server, user
    and password come from VBGRAPH_USER / VBGRAPH_PASSWORD, and it must answer now
    (`StoreUnavailable` within seconds if it is down). `timeout`: the deadline of every call
    (default `store_timeout()`).
    """
    from neo4j import GraphDatabase

    timeout = timeout or store_timeout()
    config = {"connection_timeout": CONNECT_TIMEOUT, "connection_acquisition_timeout": timeout}
    if uri is None and reuse:
        from graph.embedded import running, running_elsewhere

        other = running_elsewhere(path) if running() is None else None
        if other is not None:
            driver = GraphDatabase.driver(other.uri, auth=(other.user, other.password), **config)
            store = Store(driver, database, other.uri, timeout=timeout)
            store.shared_by = other.pid
            store.check()
            return store
    if uri is None:
        from graph.embedded import start_embedded

        server = start_embedded(path, database, role=role, create=create)
        server.on_stop(_close_all)
        driver = GraphDatabase.driver(server.uri, auth=(server.user, server.password), **config)
        return Store(driver, database, server.uri, embedded=server, timeout=timeout)
    user = os.environ.get("VBGRAPH_USER", "neo4j")
    password = os.environ.get("VBGRAPH_PASSWORD", "")
    # Neo4j notifies (and the driver logs on stderr) every relation type or property not
    # in the graph yet: noise for the named queries, which name the whole vocabulary
    try:
        driver = GraphDatabase.driver(uri, auth=(user, password) if password else None,
                                      notifications_min_severity="OFF", **config)
    except ValueError as exc:  # a malformed URI
        raise StoreUnavailable(f"not a Bolt address: {uri!r} ({exc})") from None
    store = Store(driver, database, uri, timeout=timeout)
    store.check()
    return store


@atexit.register
def _close_all() -> None:
    """Close every driver still open (open Bolt connections keep server threads alive)."""
    for driver in list(_open_drivers):
        try:
            driver.close()
        except Exception:  # noqa: BLE001 - best effort at exit
            pass
        _open_drivers.discard(driver)


def _unavailable(uri: str, exc: BaseException) -> StoreUnavailable:
    """The driver's failure to connect or log in, as the one line a user acts on."""
    from neo4j.exceptions import AuthError

    if isinstance(exc, AuthError):
        return StoreUnavailable(f"the store at {uri} refused the login (VBGRAPH_USER / VBGRAPH_PASSWORD)")
    return StoreUnavailable(f"cannot reach the store at {uri}: {_reason(exc)}")


def _reason(exc: BaseException) -> str:
    """The driver's message in one line (its last sentence names the cause)."""
    return " ".join(str(getattr(exc, "message", None) or exc).split()) or type(exc).__name__
