"""The corpus plan: who issues what, when, under which number, implementing whom.

One `random.Random` stream drives everything, so a seed fixes every byte. Dates grow
with the document index; numbers come from per-issuer counters (reset every year, or
every Party term / National Assembly khóa); citations point only to earlier documents
kept in bounded pools, so memory does not grow with the corpus size.

Citation shape: national instruments are implemented by provincial ones, which are
implemented by district and commune ones (with same-level chains: a Sở plan implements
the province's plan, a district plan its Party committee's resolution). A few early
national "landmark" instruments are picked by a Zipf law and collect most implementers.
"""
from __future__ import annotations

import random
from bisect import bisect
from collections import Counter, deque
from dataclasses import replace
from datetime import date, timedelta
from itertools import accumulate
from typing import Any, Iterator

from .gen_build import Builder
from .gen_model import GeneratedDoc, Meta
from .gen_render import FORMS
from .gen_text import pick, rint, ETH, nfd, old_tones, party_code, party_name, symbol
from .gen_units import Unit, data, units

LEVELS = ("national", "province", "district", "commune")
# The first documents: one of each national kind that anchors the rest (every family).
SCRIPT = ("ct_ttg", "nq_cp", "nq_tw", "law", "nd", "kl_ttr", "tt", "qd_ttg", "cv_bo", "tb_vpcp")
LANDMARK_KINDS = {"ct_ttg", "nq_cp", "kl_ttr", "qd_ttg", "law", "nd", "tb_vpcp"}
LANDMARK_CAP = 40
P_LANDMARK = 0.5

# Citation rules per (level, kind): (relation, probability, sources "pool:weight|pool:weight").
Rule = tuple[str, float, str]
RULES: dict[tuple[str, str], list[Rule]] = {
    ("national", "law"): [("AMENDS", 0.15, "same")],
    ("national", "nq_qh"): [("BASED_ON", 0.5, "nat:law")],
    ("national", "nd"): [("BASED_ON", 0.9, "nat:law"), ("BASED_ON", 0.4, "ext:law"), ("GUIDES", 0.35, "nat:law"),
                         ("AMENDS", 0.12, "same"), ("REPLACES", 0.05, "same"), ("REPEALS", 0.03, "same")],
    ("national", "nq_cp"): [("IMPLEMENTS", 0.4, "nat_party"), ("IMPLEMENTS", 0.2, "nat_impl")],
    ("national", "ct_ttg"): [("IMPLEMENTS", 0.3, "nat_party"), ("IMPLEMENTS", 0.25, "nat_impl")],
    ("national", "qd_ttg"): [("BASED_ON", 0.6, "nat:law"), ("IMPLEMENTS", 0.3, "nat_impl")],
    ("national", "qdn_ttg"): [("BASED_ON", 0.8, "nat:law"), ("REPLACES", 0.1, "same"), ("AMENDS", 0.1, "same")],
    ("national", "cv_ttg"): [("IMPLEMENTS", 0.6, "nat_impl")],
    ("national", "tb_vpcp"): [("CITES", 0.4, "nat_impl")],
    ("national", "cv_vpcp"): [("IMPLEMENTS", 0.5, "nat_impl"), ("CORRECTS", 0.06, "nat:nd")],
    ("national", "tt"): [("BASED_ON", 0.8, "nat:nd"), ("GUIDES", 0.5, "nat:nd"), ("AMENDS", 0.1, "same"),
                         ("REPEALS", 0.05, "same")],
    ("national", "qd_bo"): [("BASED_ON", 0.5, "nat:nd"), ("IMPLEMENTS", 0.4, "nat_impl"), ("CORRECTS", 0.05, "same")],
    ("national", "cv_bo"): [("IMPLEMENTS", 0.7, "nat_impl")],
    ("national", "ct_tw"): [("IMPLEMENTS", 0.3, "nat_party")],
    ("national", "kl_tw"): [("IMPLEMENTS", 0.5, "nat_party")],
    ("province", "kh"): [("IMPLEMENTS", 0.85, "nat_impl:6|prov_party:2|prov:2"), ("BASED_ON", 0.2, "nat:nd"),
                         ("AMENDS", 0.04, "same"), ("REPLACES", 0.02, "same")],
    ("province", "qd"): [("BASED_ON", 0.5, "ext:law"), ("IMPLEMENTS", 0.4, "nat_impl:5|prov:5"),
                         ("AMENDS", 0.04, "same"), ("CORRECTS", 0.03, "same"), ("REPLACES", 0.02, "same")],
    ("province", "qdn"): [("BASED_ON", 0.9, "ext:law"), ("BASED_ON", 0.7, "nat:nd:6|nat:tt:4"),
                          ("REPLACES", 0.08, "same"), ("AMENDS", 0.1, "same"), ("REPEALS", 0.05, "same")],
    ("province", "cv"): [("IMPLEMENTS", 0.75, "nat_impl:6|prov:4"), ("CITES", 0.15, "prov"), ("CORRECTS", 0.02, "prov")],
    ("province", "ct"): [("IMPLEMENTS", 0.7, "nat_impl:8|prov_party:2")],
    ("province", "tb"): [("IMPLEMENTS", 0.6, "nat_impl:5|prov:5")],
    ("province", "nq_hdnd"): [("BASED_ON", 0.9, "ext:law"), ("BASED_ON", 0.6, "nat:nd"), ("AMENDS", 0.05, "same")],
    ("province", "party_tu"): [("IMPLEMENTS", 0.85, "nat_party:8|prov_party:2")],
    ("province", "so_kh"): [("IMPLEMENTS", 0.9, "prov:7|nat_impl:3")],
    ("province", "so_cv"): [("IMPLEMENTS", 0.8, "prov:6|nat_impl:4")],
    ("district", "tb"): [("IMPLEMENTS", 0.8, "prov:65|nat_impl:15|dist:20"), ("CITES", 0.3, "dist_misc"),
                         ("IMPLEMENTS", 0.15, "dist")],
    ("district", "kh"): [("IMPLEMENTS", 0.85, "prov:6|dist_party:2|nat_impl:1|dist:1")],
    ("district", "cv"): [("IMPLEMENTS", 0.75, "prov:70|nat_impl:15|dist:15")],
    ("district", "qd"): [("BASED_ON", 0.6, "ext:law"), ("IMPLEMENTS", 0.3, "prov"), ("AMENDS", 0.03, "same"),
                         ("REPLACES", 0.02, "same")],
    ("district", "bc"): [("CITES", 0.6, "prov")],
    ("district", "party_hu"): [("IMPLEMENTS", 0.85, "prov_party:8|nat_party:2")],
    ("commune", "tb"): [("IMPLEMENTS", 0.8, "dist:7|prov:2|nat_impl:1"), ("CITES", 0.2, "dist_misc")],
    ("commune", "kh"): [("IMPLEMENTS", 0.85, "dist:7|prov:2|nat_impl:1")],
    ("commune", "qd"): [("IMPLEMENTS", 0.35, "dist:8|prov:2")],
    ("commune", "bc"): [("CITES", 0.6, "dist")],
    ("commune", "party_du"): [("IMPLEMENTS", 0.85, "dist_party:7|prov_party:3")],
}
DRAFTABLE = {"notice", "plan", "letter", "report"}


def _parse_sources(spec: str) -> tuple[list[str], list[float]]:
    """'nat_impl:6|prov:4' -> (['nat_impl', 'prov'], cumulative weights [6, 10])."""
    names, weights = [], []
    for part in spec.split("|"):
        name, sep, w = part.rpartition(":")
        if sep and w.replace(".", "", 1).isdigit():
            names.append(name)
            weights.append(float(w))
        else:
            names.append(part)
            weights.append(1.0)
    return names, list(accumulate(weights))


class Generator:
    """Streams `n_docs` generated documents for `seed`; `summary()` describes the corpus."""

    def __init__(self, n_docs: int, seed: int | str = 0, noise: float = 0.1) -> None:
        self.n = n_docs
        self.noise = noise
        self.rng = random.Random(f"vbgraph-generate/{seed}")
        self.d = data()
        self.u = units()
        self.start = date.fromisoformat(self.d["span"]["start"])
        self.span = (date.fromisoformat(self.d["span"]["end"]) - self.start).days
        lv = self.d["levels"]
        self.level_cum = list(accumulate(lv[x] for x in LEVELS))
        self.kinds = {lvl: {k["key"]: k for k in ks} for lvl, ks in self.d["kinds"].items()}
        self.kind_cum = {lvl: (list(ks), list(accumulate(k["w"] for k in ks.values()))) for lvl, ks in self.kinds.items()}
        pt = self.d["party_types"]
        self.party_types = (list(pt), list(accumulate(pt.values())))
        self.rules = {k: [(rel, p, _parse_sources(src)) for rel, p, src in v] for k, v in RULES.items()}
        # numbering
        self.year = 0
        self.year_counters: dict[tuple, int] = {}
        self.term_counters: dict[tuple, int] = {}
        self.reserved: set[tuple] = set()
        self.external = [self._external(e) for e in self.d["external"]]
        # pools of earlier documents (bounded)
        self.landmarks: list[Meta] = []
        self.landmark_cum: list[float] = []
        self.nat_recent: deque[Meta] = deque(maxlen=256)
        self.nat_party: deque[Meta] = deque(maxlen=64)
        self.nat_by_kind: dict[str, deque[Meta]] = {}
        np_, nd_ = len(self.u.provinces), len(self.u.districts)
        k = max(1, min(np_, -(-n_docs // self.d["docs_per_province"])))
        self.provinces = sorted(self.rng.sample(self.u.provinces, k), key=lambda u: u.index)
        self.districts = [d for p in self.provinces for d in p.children]
        self.communes = [c for d in self.districts for c in d.children]
        self.prov_pool = [deque(maxlen=48) for _ in range(np_)]
        self.prov_party = [deque(maxlen=16) for _ in range(np_)]
        self.dist_pool = [deque(maxlen=16) for _ in range(nd_)]
        self.dist_party = [deque(maxlen=6) for _ in range(nd_)]
        self.dist_misc = [deque(maxlen=6) for _ in range(nd_)]
        # statistics
        self.stats: dict[str, Counter] = {k: Counter() for k in (
            "level", "kind", "family", "relation", "cited_family", "citation_noise", "doc_noise", "status", "hops")}
        self.mentions = 0
        self.trap_docs = 0
        self.impl_direct: Counter[str] = Counter()
        self.impl_total: Counter[str] = Counter()
        self.nat_index: dict[str, tuple[str, str, str]] = {}   # national id -> (symbol, issuer, date)

    # ------------------------------------------------------------ identity
    def _external(self, e: dict[str, Any]) -> Meta:
        nat = self.d["national_issuers"][e["issuer"]]
        d = date.fromisoformat(e["date"])
        sym = e["symbol"]
        m = Meta(id=None, level="national", kind="external", family=e["family"], type=e["type"], number=e["number"],
                 symbol=sym, issuer=nat["name"], issuer_code=nat["code"], ikind=e["issuer"], unit=None, date=d,
                 year=d.year, topic="", subject=e["subject"], written=tuple(nat["written"]),
                 term=sym.rsplit("/", 1)[1] if e["family"] == "law" else None,
                 extra=e["subject"] if e["type"] == "L" else None)
        period = m.term if e["family"] == "law" else d.year
        self.reserved.add((m.issuer, e["type"], period, int(e["number"])))
        return m

    def _date(self, i: int) -> date:
        return self.start + timedelta(days=(i * self.span) // max(self.n, 1))

    @staticmethod
    def _term(family: str, d: date, national: bool) -> str | None:
        if family == "law":
            return "QH13" if d < date(2016, 7, 20) else ("QH14" if d < date(2021, 7, 20) else "QH15")
        if family == "party":
            if national:
                return "XII" if d < date(2021, 2, 1) else "XIII"
            return "2015-2020" if d < date(2020, 10, 15) else "2020-2025"
        return None

    def _number(self, issuer: str, series: str, period: Any, step: int, by_term: bool) -> int:
        counters = self.term_counters if by_term else self.year_counters
        key = (issuer, series, period)
        n = counters.get(key, 0) + 1 + (self.rng.randrange(step) if step > 1 else 0)
        while (issuer, series, period, n) in self.reserved:
            n += 1
        if step:    # step 0: a draft, which takes no number
            counters[key] = n
        return n

    def _identity(self, level: str, spec: dict[str, Any], unit: Unit | None, d: date) -> Meta:
        rng = self.rng
        fam, typ, ik = spec["family"], spec["type"], spec["issuer"]
        extra, written, cv_units = None, (), None
        if level == "national":
            if ik == "MIN":
                mi = pick(rng, self.d["ministries"])
                name, code, ikind, written, cv_units = mi["name"], mi["code"], "MIN", (mi["name"],), mi["units"]
            else:
                nat = self.d["national_issuers"][ik]
                name, code, ikind, written = nat["name"], nat["code"], ik, tuple(nat["written"])
                cv_units = nat.get("units")
        elif ik == "UBND":
            name, code, ikind = f"Ủy ban nhân dân {unit.full}", "UBND", "ubnd"
            cv_units = self.d["cv_units"][level]
        elif ik == "HĐND":
            name, code, ikind = f"Hội đồng nhân dân {unit.full}", "HĐND", "hdnd"
        elif ik == "SO":
            dep = pick(rng, self.d["departments"])
            name, code, ikind, extra, cv_units = f"{dep['name']} {unit.full}", dep["code"], "so", dep["name"], dep["units"]
        else:
            name, code, ikind = party_name(unit), party_code(unit), "party"
        if typ == "*":
            keys, cum = self.party_types
            typ = keys[bisect(cum, rng.random() * cum[-1])]
        term = self._term(fam, d, level == "national")
        if fam == "news":
            return Meta(None, level, spec["key"], fam, None, None, None, name, code, ikind, unit, d, d.year, "", "")
        if fam == "law":
            extra = pick(rng, self.d["laws"])
        series = "CV" if fam == "cong_van" else (f"N:{typ}" if fam == "normative" else typ)
        by_term = fam in ("law", "party")
        n = self._number(name, series, term if by_term else d.year, spec["step"], by_term)
        num, sym = symbol(fam, n, typ, code, d.year, term, pick(rng, cv_units) if cv_units else None)
        return Meta(None, level, spec["key"], fam, typ, num, sym, name, code, ikind, unit, d, d.year, "", "",
                    written=written, term=term, extra=extra)

    # ------------------------------------------------------------ picking earlier documents
    def _recent(self, pool: deque[Meta] | list[Meta]) -> Meta | None:
        n = len(pool)
        if not n:
            return None
        return pool[n - 1 - int(n * self.rng.random() ** 2.5)]

    def _landmark(self) -> Meta | None:
        if not self.landmarks:
            return None
        return self.landmarks[bisect(self.landmark_cum, self.rng.random() * self.landmark_cum[-1])]

    def _source(self, name: str, m: Meta) -> Meta | None:
        rng = self.rng
        u = m.unit
        if name == "nat_impl":
            if rng.random() < P_LANDMARK:
                return self._landmark()
            return self._recent(self.nat_recent)
        if name == "nat_party":
            pool = self.nat_party
            return pool[int(len(pool) * rng.random() ** 2)] if pool else None   # older ones dominate
        if name.startswith("nat:"):
            return self._recent(self.nat_by_kind.get(name[4:], ()))
        if name == "ext:law":
            return pick(rng, [e for e in self.external if e.type == "L"])
        if name == "same":
            pool = self.nat_by_kind.get(m.kind, ()) if u is None else (
                self.prov_pool[u.index] if m.level == "province" else self.dist_pool[u.index])
            for _ in range(6):
                t = self._recent(pool)
                if t is not None and t.kind == m.kind and t.issuer == m.issuer:
                    return t
            return None
        if u is None:
            return None
        prov = u.province.index
        dist = u.index if m.level == "district" else (u.parent.index if m.level == "commune" else -1)
        if name == "prov":
            return self._recent(self.prov_pool[prov])
        if name == "prov_party":
            return self._recent(self.prov_party[prov])
        if dist < 0:
            return None
        if name == "dist":
            return self._recent(self.dist_pool[dist])
        if name == "dist_party":
            return self._recent(self.dist_party[dist])
        if name == "dist_misc":
            return self._recent(self.dist_misc[dist])
        raise ValueError(name)

    def _citations(self, m: Meta) -> list[tuple[Meta, str]]:
        rng = self.rng
        out: list[tuple[Meta, str]] = []
        seen: set[str] = set()
        if m.kind == "news":
            for _ in range(rint(rng, 3, 6)):
                t = self._recent(self.prov_pool[m.unit.province.index])
                if t is not None and t.key not in seen:
                    seen.add(t.key)
                    out.append((t, "CITES"))
            return out
        for rel, p, (names, cum) in self.rules.get((m.level, m.kind), ()):
            if rng.random() >= p:
                continue
            name = names[bisect(cum, rng.random() * cum[-1])] if len(names) > 1 else names[0]
            t = self._source(name, m)
            if t is None or t.key in seen or t.key == m.key:
                continue
            seen.add(t.key)
            out.append((t, rel))
        return out

    # ------------------------------------------------------------ one document
    def _pick(self, i: int) -> tuple[str, dict[str, Any]]:
        rng = self.rng
        if i < len(SCRIPT):
            return "national", self.kinds["national"][SCRIPT[i]]
        level = LEVELS[bisect(self.level_cum, rng.random() * self.level_cum[-1])]
        keys, cum = self.kind_cum[level]
        return level, self.kinds[level][keys[bisect(cum, rng.random() * cum[-1])]]

    def make(self, i: int) -> GeneratedDoc:
        rng = self.rng
        d = self._date(i)
        if d.year != self.year:
            self.year = d.year
            self.year_counters.clear()
        level, spec = self._pick(i)
        unit = None
        if level == "province":
            unit = pick(rng, self.provinces)
        elif level == "district":
            unit = pick(rng, self.districts)
        elif level == "commune":
            unit = pick(rng, self.communes)
        form = spec["form"]
        # document-level noise
        doc_noise = None
        if self.noise and rng.random() < self.noise:
            options = ["nfd", "old_tones"]
            if form in DRAFTABLE and level != "national":
                options.append("draft")
            if level == "national":
                options.append("page_header")
            doc_noise = pick(rng, options)
        draft = doc_noise == "draft"
        if draft:   # a draft takes no number: do not consume the counter
            spec = dict(spec, step=0)
        m = self._identity(level, spec, unit, d)
        m.id = f"d{i:07d}"
        cites = self._citations(m)
        impl = [t for t, rel in cites if rel == "IMPLEMENTS"]
        m.topic = impl[0].topic if impl and impl[0].topic and rng.random() < 0.85 else pick(rng, self.d["topics"])
        blank_day = draft and rng.random() < 0.5
        if draft:   # "Số: /TB-UBND": the number (and sometimes the day) left blank
            m.symbol = (m.symbol or "")[len(m.number or ""):]
            m.number = None
            m.date = None if blank_day else d
        b = Builder(m, rng, self.noise, true_date=d, draft=draft, blank_day=blank_day)
        text = FORMS[form](b, cites)
        if rng.random() < 0.5:
            text = "\n\n" + text
        if doc_noise == "nfd":
            text = nfd(text)
        elif doc_noise == "old_tones":
            text = old_tones(text)
        elif doc_noise == "page_header":
            text = self._page_header(text, d)
        truth = b.truth()
        roots = self._roots(impl)
        m.roots = roots
        self._register(m, draft)
        row = self._truth_row(m, truth, doc_noise, draft, roots)
        self._count(m, row)
        return GeneratedDoc(m.id, text, row)

    def _page_header(self, text: str, d: date) -> str:
        paras = text.split("\n\n")
        k = rint(self.rng, 2, max(2, len(paras) - 1))
        page = rint(self.rng, 3, 90)
        no = rint(self.rng, 100, 1200)
        head = f"{page} CÔNG BÁO/Số {no} + {no + 1}/Ngày {d.day:02d}-{d.month:02d}-{d.year}"
        paras.insert(k, head)
        return "\n\n".join(paras)

    def _roots(self, impl: list[Meta]) -> tuple[tuple[str, int], ...]:
        best: dict[str, int] = {}
        for t in impl:
            if t.id is None:
                continue
            if t.level == "national":
                best[t.id] = 1
            for r, h in t.roots:
                if best.get(r, 99) > h + 1:
                    best[r] = h + 1
        if not best:
            return ()
        return tuple(sorted(best.items(), key=lambda x: (x[1], x[0])))

    def _register(self, m: Meta, draft: bool) -> None:
        if draft or m.symbol is None:
            return
        if m.level == "national":
            self.nat_index[m.id] = (m.symbol, m.issuer, m.date.isoformat())
            self.nat_by_kind.setdefault(m.kind, deque(maxlen=64)).append(m)
            if m.family == "party":
                self.nat_party.append(m)
                return
            self.nat_recent.append(m)
            if m.kind in LANDMARK_KINDS and len(self.landmarks) < LANDMARK_CAP and (
                    int(m.id[1:]) < len(SCRIPT) or self.rng.random() < 0.05):
                self.landmarks.append(m)
                k = len(self.landmarks)
                self.landmark_cum.append((self.landmark_cum[-1] if self.landmark_cum else 0.0) + 1.0 / k)
            return
        u = m.unit
        if m.level == "province":
            (self.prov_party if m.family == "party" else self.prov_pool)[u.index].append(m)
        elif m.level == "district":
            if m.type in ("GM", "BC"):
                self.dist_misc[u.index].append(m)
            elif m.family == "party":
                self.dist_party[u.index].append(m)
            else:
                self.dist_pool[u.index].append(m)

    # ------------------------------------------------------------ truth and statistics
    def _truth_row(self, m: Meta, t: dict[str, Any], doc_noise: str | None, draft: bool,
                   roots: tuple[tuple[str, int], ...]) -> dict[str, Any]:
        sym = m.symbol
        return {
            "id": m.id, "level": m.level, "kind": m.kind, "family": m.family, "type": m.type,
            "type_name": self.d["type_names"].get(m.type or "", None),
            "symbol": sym, "number": None if draft else m.number,
            "issuer": m.issuer, "issuer_code": m.issuer_code,
            "jurisdiction": None if m.unit is None else _juris(m.unit),
            "date": m.date.isoformat() if m.date else None, "year": m.year, "term": m.term,
            "key": None if draft or sym is None else m.key, "subject": m.subject, "topic": m.topic,
            "draft": draft, "doc_noise": doc_noise,
            "implements_roots": [list(r) for r in roots],
            **t,
        }

    def _count(self, m: Meta, row: dict[str, Any]) -> None:
        s = self.stats
        s["level"][m.level] += 1
        s["kind"][f"{m.level}/{m.kind}"] += 1
        s["family"][m.family] += 1
        if row["doc_noise"]:
            s["doc_noise"][row["doc_noise"]] += 1
        if row["traps"]:
            self.trap_docs += 1
        for c in row["citations"]:
            s["relation"][c["relation"]] += 1
            s["cited_family"][c["target_desc"]["family"]] += 1
            s["status"][c["status"]] += 1
            self.mentions += c["mentions"]
            for k in c["noise"]:
                s["citation_noise"][k] += 1
        for r, h in m.roots:
            self.impl_total[r] += 1
            s["hops"][h] += 1
            if h == 1:
                self.impl_direct[r] += 1

    def __iter__(self) -> Iterator[GeneratedDoc]:
        for i in range(self.n):
            yield self.make(i)

    def summary(self, top: int = 10) -> dict[str, Any]:
        """Corpus shape: counts per level, kind, family, relation, noise; top implemented instruments."""
        s = self.stats
        tops = []
        for nid, total in sorted(self.impl_total.items(), key=lambda x: (-x[1], x[0]))[:top]:
            sym, issuer, d = self.nat_index.get(nid, (None, None, None))
            tops.append({"id": nid, "symbol": sym, "issuer": issuer, "date": d,
                         "direct_implementers": self.impl_direct[nid], "implementers": total})
        return {
            "docs": self.n, "noise": self.noise,
            **{k: dict(sorted(v.items(), key=lambda x: str(x[0]))) for k, v in s.items()},
            "citations": sum(s["relation"].values()), "mentions": self.mentions, "trap_docs": self.trap_docs,
            "top_implemented": tops,
        }


def _juris(u: Unit) -> str:
    names = []
    while u is not None:
        names.append(u.full)
        u = u.parent
    return ", ".join(names)


__all__ = ["Generator", "ETH"]
