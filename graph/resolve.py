"""Citation -> canonical instrument ID, with a status (DOMAIN.md §1).

A number names an instrument only within its scope (issuer + year, committee +
term, or globally for laws). `resolve_citation` finds that scope from the citation
itself (issuer phrase, issuer code, date / symbol year) and, when the text only
says "UBND tỉnh", "UBND thành phố", "Tỉnh ủy", from the citing document (`Context`).

Status:
- ``resolved``: exactly one candidate instrument ID;
- ``ambiguous``: the scope could be one of a known few; the candidate IDs are kept
  (``candidates``). They come from the text alone: a bare ``-UBND`` code in a city
  or district document (the city's own or the province's?), ``TU`` in a provincial
  city (Thành ủy or Tỉnh ủy?), ``KL-TTr`` without a phrase (Thanh tra Chính phủ or
  the provincial Thanh tra?), a Party date inside a congress window (which term?).
- ``unresolved``: too little to know (no year or date for a number that needs one,
  an issuer that can't be pinned down, a named instrument without a number). When the
  issuer is known but not the year (or a Party document's term), the bodies it may be
  are kept (``scopes``, their slugs): after ingest, `graph.links` links the citation to
  the one instrument of the store that fits, if exactly one does.

Ambiguous and unresolved citations get a node whose ID is scoped to the citing
instrument (`ids.scoped_id`), so two unknown "56/KH-UBND" never merge.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache

from domain.bodies import (
    bodies_table, code_term, known_code, committee_name, committee_words, council_of_code, departments, generic_committee,
    local_bodies, local_body_words, national_bodies, party_committee_codes, party_units, shared_codes,
)
from domain.keys import match_key, slug
from domain.places import ERAS, is_province_level, lookup, province_only_kinds, split_place, unit_kinds, ward_kinds
from domain.symbols import ADMINISTRATIVE, LAW, PARTY, Symbol, parse_symbol
from loaders.model import Citation, Document

from . import ids
from .ids import place_slug
from .model import AMBIGUOUS, RESOLVED, UNRESOLVED


@dataclass(frozen=True)
class Body:
    """A canonical issuing body: `name` "UBND tỉnh Lạng Sơn", `slug` "ubnd-tinh-lang-son",
    `kind` (NATIONAL, a local body kind of bodies.yaml, PARTY, UNIT), `place` "tỉnh Lạng Sơn"
    or "thành phố Lạng Sơn", `province` the province-level unit the place belongs to."""

    name: str
    slug: str
    kind: str
    place: str | None = None
    province: str | None = None
    party: bool = False
    central: bool = False

    @property
    def jurisdiction(self) -> str | None:
        if not self.place:
            return None
        if self.province and match_key(self.province) != match_key(self.place):
            return f"{self.place}, {self.province}"
        return self.place


@dataclass
class Context:
    """What a citing document says about "tỉnh", "thành phố", "huyện": its `province`
    ("tỉnh Lạng Sơn", "thành phố Hải Phòng"), the issuer's own sub-provincial unit `local`
    ("thành phố Lạng Sơn"), its own issuer `body`, and a commune's `district` before
    1 July 2025 ("huyện Gò Dầu")."""

    province: str | None = None
    local: str | None = None
    body: Body | None = None
    district: str | None = None


@dataclass
class Resolution:
    """Where a citation (or a loaded document) lands."""

    status: str
    id: str | None = None                 # canonical ID when resolved
    candidates: list[str] = field(default_factory=list)
    family: str | None = None
    symbol: str | None = None
    number: str | None = None
    type: str | None = None
    year: int | None = None
    term: str | None = None
    body: Body | None = None
    reason: str = ""
    scopes: list[str] = field(default_factory=list)  # issuer slugs of an instrument whose year is missing


# ---------------------------------------------------------------- bodies

NATIONAL, UNIT, UNKNOWN = "national", "unit", "unknown"   # Body.kind, with PARTY and the local
# body kinds of domain/data/bodies.yaml


@lru_cache(maxsize=ids.KEY_CACHE)
def make_body(kind: str, place: str, province: str | None = None) -> Body:
    """A local body of `kind` (a local body kind of bodies.yaml, or PARTY) at `place`
    (memoised: a `Body` is frozen and the same few places recur)."""
    level, name = split_place(place)
    name = _title(name)
    place = f"{level} {name}" if level else name
    if is_province_level(place):
        province = place
    ps = place_slug(place, province)
    if kind == PARTY:
        label = committee_name(level)
        full = f"{label} {name}" if label else f"{generic_committee()} {place}"
        s = slug(full)
        if province and not is_province_level(place):
            pn = slug(split_place(province)[1])
            if pn and pn != slug(name):
                s += "-" + pn
        return Body(full, s, PARTY, place, province, party=True)
    prefix = local_bodies()[kind].prefix if kind in local_bodies() else kind
    return Body(f"{prefix} {place}", f"{slug(prefix)}-{ps}", kind, place, province)


def unit_body(name: str, province: str) -> Body:
    return Body(f"{name} {province}", f"{slug(name)}-{place_slug(province)}", UNIT, province, province)


def _title(name: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in name.split())


@cache
def _national() -> tuple[dict[str, Body], list[tuple[str, Body]]]:
    """Match key of a code -> national Body, and (phrase key, Body), longest phrase first."""
    by_code: dict[str, Body] = {}
    phrases: list[tuple[str, Body]] = []
    for nb in national_bodies():
        b = Body(nb.name, nb.slug, NATIONAL, party=nb.party, central=True)
        for c in nb.codes:
            by_code[match_key(c)] = b
        for p in nb.phrases:
            phrases.append((match_key(p), b))
    phrases.sort(key=lambda pb: len(pb[0]), reverse=True)
    return by_code, phrases


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def _phrase_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The prefix an issuer phrase drops ("của đồng chí Chủ tịch ...", bodies.yaml
    `phrases.prefixes`), and a local body with its kind and name ("ubnd huyện lạc sơn")."""
    groups = []
    for g in bodies_table()["phrases"]["prefixes"]:
        alts = _alternation(g["words"])
        if g.get("glued"):
            groups.append(rf"(?:{alts})?\s*")
        elif g.get("before"):
            groups.append(rf"(?:(?:{alts})\s+(?={_alternation(g['before'])}))?")
        else:
            groups.append(rf"(?:(?:{alts})\s+)?")
    bodies = _alternation([*local_body_words(), *committee_words()])
    kinds = _alternation([*unit_kinds(), *_kind_aliases()])
    return (re.compile("^" + "".join(groups)),
            re.compile(rf"^(?P<body>{bodies})(?:\s+(?P<level>{kinds}))?(?P<name>(?:\s+[^\s,;.()]+)*)"))


def _kind_aliases() -> dict[str, str]:
    return bodies_table()["phrases"]["kind_aliases"]


@cache
def _name_stops() -> frozenset[str]:
    return frozenset(bodies_table()["phrases"]["name_stops"])


@lru_cache(maxsize=ids.KEY_CACHE)
def _phrase_key(phrase: str) -> str:
    """The issuer phrase's match key without its leading "của", "đồng chí", "Chủ tịch" ..."""
    return _phrase_res()[0].sub("", match_key(phrase).strip(" .,;:")).strip()


@lru_cache(maxsize=ids.KEY_CACHE)
def _national_body(key: str, whole: bool) -> Body | None:
    """The national body whose phrase `key` is (or, unless `whole`, starts with),
    longest phrase first."""
    _, phrases = _national()
    for p, body in phrases:
        if key == p or (not whole and (key.startswith(p + " ") or key.startswith(p + ","))):
            return body
    return None


def bodies_from_phrase(phrase: str, ctx: Context, whole: bool = False) -> list[Body] | None:
    """Candidate bodies named by an issuer phrase; None when the phrase is not understood.

    An empty list means "a body of that kind, but which one is not known". With
    `whole`, the phrase must be nothing but the body's name (for agency names).
    """
    f = _phrase_key(phrase)
    if not f:
        return None
    national = _national_body(f, whole)
    if national is not None:
        return [national]
    m = _phrase_res()[1].match(f)
    if not m or (whole and m.end() < len(f)):
        return None
    word = m["body"]
    level = m["level"]
    level = _kind_aliases().get(level, level) if level else None
    kind = local_body_words().get(word, PARTY)
    if committee_words().get(word):
        level = committee_words()[word]
    rest = m["name"].split()
    if level and (known := _gazetteer_places(level, rest, ctx)):
        return [make_body(kind, place, province) for place, province in known]
    words: list[str] = []
    most = bodies_table()["phrases"]["name_words"]
    for w in rest:
        if w in _name_stops() or w.isdigit() or len([x for x in words if x != "-"]) == most:
            break
        words.append(w)
    name = " ".join(words)
    if not level:
        if name:
            return None  # a name without its unit's kind: which unit is not known
        return _bodies_for_code_kind(kind, ctx)
    if name:
        place = f"{level} {_title(name)}"
        province = place if is_province_level(place) else ctx.province
        return [make_body(kind, place, province)]
    return [b for b in [_body_from_context(kind, level, ctx)] if b]


def _gazetteer_places(level: str, words: list[str], ctx: Context) -> list[tuple[str, str]]:
    """(place, province) of the unit named by the longest run of `words` after a
    level word ("huyện" + "lạc sơn về việc" -> huyện Lạc Sơn, tỉnh Hòa Bình). Several
    units of that name: those in the context province, else all (ambiguous). Up to six
    words: "bà rịa - vũng tàu" is five."""
    for n in range(min(6, len(words)), 0, -1):
        hits = _units_named(" ".join(words[:n]), level)
        if not hits:
            continue
        local = [k for k in hits if ctx.province and match_key(k[1]) == match_key(ctx.province)]
        return local or sorted(hits)
    return []


@lru_cache(maxsize=ids.KEY_CACHE)
def _units_named(short: str, level: str) -> tuple[tuple[str, str], ...]:
    """(place, province) of every unit of kind `level` named `short`, both eras, in
    gazetteer order without repeats."""
    return tuple(dict.fromkeys((u.name, u.province) for era in ERAS
                               for u in lookup(short, era, kind=level)))


def _body_from_context(kind: str, level: str, ctx: Context) -> Body | None:
    """"UBND tỉnh" / "UBND thành phố" / "Huyện ủy" without a name: the citing document's own."""
    province_kind = split_place(ctx.province)[0] if ctx.province else None
    if level == province_kind and level in province_only_kinds():
        return make_body(kind, ctx.province, ctx.province)
    if ctx.local and split_place(ctx.local)[0] == level:
        return make_body(kind, ctx.local, ctx.province)
    if ctx.district and split_place(ctx.district)[0] == level:   # a commune's district
        return make_body(kind, ctx.district, ctx.province)
    if level == province_kind:      # the city of a centrally-run city's document
        return make_body(kind, ctx.province, ctx.province)
    return None


def _bodies_for_code_kind(kind: str, ctx: Context) -> list[Body]:
    """A body kind without a level ("-UBND", "của Ủy ban"): the citing document's own
    level when it is provincial; its own, a commune's district's, and its province's
    when it is below."""
    out = []
    if ctx.local:
        out.append(make_body(kind, ctx.local, ctx.province))
    if ctx.district:
        out.append(make_body(kind, ctx.district, ctx.province))
    if ctx.province:
        out.append(make_body(kind, ctx.province, ctx.province))
    return out


@dataclass(frozen=True)
class _CodeTables:
    """The issuer-code tables of bodies.yaml, keys folded."""

    party_local: dict[str, list[str]]
    party_units: dict[str, list[str]]
    shared: dict[str, dict[str, str]]
    departments: dict[str, str]


@cache
def _code_tables() -> _CodeTables:
    return _CodeTables(
        party_local={match_key(k): v for k, v in party_committee_codes().items()},
        party_units={match_key(k): v for k, v in party_units().items()},
        shared={match_key(k): v for k, v in shared_codes().items()},
        departments={match_key(k): v for k, v in departments().items()},
    )


def bodies_from_code(code: str | None, family: str | None, ctx: Context) -> list[Body] | None:
    """Candidate bodies for an issuer code; None when the code is unknown."""
    if not code:
        return None
    parts = [p for p in code.split("-") if p]
    by_code, _ = _national()
    if len(parts) > 1 and all(match_key(p) in by_code for p in parts):  # joint: BTC-BCA
        bs = [by_code[match_key(p)] for p in parts]
        return [Body(" - ".join(b.name for b in bs), "_".join(b.slug for b in bs), NATIONAL,
                     central=True)]
    c = match_key(parts[0]) if parts else ""
    ct = _code_tables()
    councils = council_of_code()
    base, term = code_term(c)
    if term is not None and c not in _known_codes() and base in _known_codes():
        c = base      # the body's code with its term number after it
    if family == PARTY:
        local = ct.party_local
        if c in by_code and by_code[c].party:
            return [by_code[c]]
        if c in local:
            return _party_bodies(local[c], ctx)
        units = ct.party_units
        if c in units:
            committee, unit = units[c]
            return [Body(f"{unit} {b.name}", f"{slug(unit)}-{b.slug}", PARTY, b.place, b.province, party=True)
                    for b in _party_bodies(local[match_key(committee)], ctx)]
        return None
    if c in by_code:
        return [by_code[c]]
    shared = ct.shared
    if c in shared:
        out = [b for b in by_code.values() if b.slug == shared[c]["national"]][:1]
        if ctx.province:
            out.append(make_body(shared[c]["local"], ctx.province, ctx.province))
        return out + [_UNKNOWN]  # never exhaustive: stays ambiguous
    if c in councils:
        kind = councils[c]
        if ctx.body and ctx.body.kind == kind and not ctx.local:
            return [ctx.body]
        return _bodies_for_code_kind(kind, ctx)
    if c in ct.departments and ctx.province:
        return [unit_body(ct.departments[c], ctx.province)]
    return None


_UNKNOWN = Body("?", "?", UNKNOWN)


@cache
def _known_codes() -> frozenset[str]:
    ct = _code_tables()
    return frozenset([*_national()[0], *ct.party_local, *ct.party_units, *ct.shared, *council_of_code(),
                      *ct.departments])


def _party_bodies(levels: list[str], ctx: Context) -> list[Body]:
    out = []
    if ctx.local and split_place(ctx.local)[0] in levels:
        out.append(make_body(PARTY, ctx.local, ctx.province))
    if ctx.province and split_place(ctx.province)[0] in levels:
        out.append(make_body(PARTY, ctx.province, ctx.province))
    return out


# ---------------------------------------------------------------- terms

def party_terms(when: date | None, year: int | None, central: bool) -> list[str]:
    """Congress terms a Party document of that date (or, without a date, year) may belong to.

    A date inside a congress window (`window_end` in bodies.yaml) gives both the
    ending and the starting term; a bare year gives every term it overlaps.
    """
    rows = bodies_table()["terms"]["central" if central else "local"]
    if when is None and year is None:
        return []
    points = [when] if when else [date(year, 1, 1), date(year, 12, 31)]  # type: ignore[arg-type]
    out: list[str] = []
    for d in points:
        k = max((i for i, r in enumerate(rows) if r["start"] <= d), default=None)
        if k is None:
            continue
        if k > 0 and rows[k].get("window_end") and d <= rows[k]["window_end"]:
            out.append(rows[k - 1]["term"])
        out.append(rows[k]["term"])
    return list(dict.fromkeys(out))


@cache
def _congress_re() -> re.Pattern[str]:
    cues = "|".join(re.escape(c) for c in bodies_table()["terms"]["congress_cues"])
    return re.compile(rf"(?:{cues})\s+([IVXLC]+)\b")


def named_term(phrase: str | None) -> str | None:
    """The central term an issuer phrase names by its congress ("Ban Chấp hành Trung ương
    Đảng khóa XII" -> 2016-2021), None if it names none."""
    m = _congress_re().search(phrase) if phrase else None
    if not m:
        return None
    return next((r["term"] for r in bodies_table()["terms"]["central"] if r.get("congress") == m.group(1)), None)


# ---------------------------------------------------------------- citations

def _bodies(phrase: str | None, family: str | None, issuer_code: str | None, ctx: Context
            ) -> tuple[list[Body] | None, str]:
    if phrase:
        bs = bodies_from_phrase(phrase, ctx)
        if bs is not None and not (family == PARTY and any(not b.party for b in bs)):
            return bs, "phrase"
    bs = bodies_from_code(issuer_code, family, ctx)
    return bs, "code"


def _law(issuer_code: str | None) -> tuple[Body | None, str | None]:
    """A law's body and series from its issuer code: "QH14" -> (Quốc hội, "QH14");
    no series without the khóa."""
    if not issuer_code:
        return None, None
    base, khoa = code_term(issuer_code)
    body = _national()[0].get(match_key(base))
    return body, (issuer_code if body and khoa is not None else None)


def resolve(
    *, symbol: str | None, family: str | None = None, number: str | None = None,
    type: str | None = None, issuer_code: str | None = None, year: int | None = None,
    when: date | None = None, issuer: str | None = None, ctx: Context | None = None,
) -> Resolution:
    """Resolve one numbered instrument reference to its canonical ID.

    The parts of the symbol (`family`, `number`, `type`, `issuer_code`, `year`) are taken
    as the citation finder read them; a symbol given without them (`family` None) is read
    by the same grammar (`domain.symbols.parse_symbol`)."""
    ctx = ctx or Context()
    if family is None and (sym := parse_symbol(symbol)) is not None:
        symbol, family, number = sym.canonical, sym.family, number or sym.number
        type, issuer_code, year = type or sym.type, issuer_code or sym.issuer_code, sym.year or year
    year = year or (when.year if when else None)
    res = Resolution(UNRESOLVED, family=family, symbol=symbol, number=number, type=type, year=year)
    if not number:
        res.reason = "no number"
        return res
    if family == LAW:
        res.body, series = _law(issuer_code)
        res.id = ids.instrument_id(LAW, res.body.slug if res.body else None, year, None, number, series=series)
        res.status = RESOLVED if res.id else UNRESOLVED
        return res
    bodies, how = _bodies(issuer, family, issuer_code, ctx)
    if bodies is None:
        res.reason = "issuer unknown"
        return res
    exhaustive = _UNKNOWN not in bodies
    bodies = [b for b in bodies if b is not _UNKNOWN]
    if not bodies:
        res.reason = f"issuer not determined by {how}"
        return res
    cands: list[tuple[str, Body, str | None]] = []
    for b in bodies:
        if family == PARTY:
            named = named_term(issuer) if b.central and not when else None
            terms = [named] if named else party_terms(when, year, b.central)
            if not terms:
                res.reason, res.scopes = "no date for a Party document", _slugs(bodies)
                return res
            for t in terms:
                i = ids.instrument_id(PARTY, b.slug, None, type, number, term=t)
                if i:
                    cands.append((i, b, t))
        else:
            if not year:
                res.reason, res.scopes = "no year or date", _slugs(bodies)
                return res
            i = ids.instrument_id(family or ADMINISTRATIVE, b.slug, year, type, number)
            if i:
                cands.append((i, b, None))
    uniq = list(dict.fromkeys(c[0] for c in cands))
    if len(uniq) == 1 and exhaustive:
        res.status, res.id, res.body, res.term = RESOLVED, uniq[0], cands[0][1], cands[0][2]
        res.reason = how
    elif uniq:
        res.status, res.candidates = AMBIGUOUS, uniq
        res.reason = f"several scopes ({how})"
    else:
        res.reason = "incomplete symbol"
    return res


def _slugs(bodies: list[Body]) -> list[str]:
    return list(dict.fromkeys(b.slug for b in bodies))


def resolve_citation(c: Citation, ctx: Context) -> Resolution:
    """Resolve a citation found in a document whose context is `ctx`."""
    if c.kind == "named":
        return _resolve_named(c, ctx)
    if not (c.symbol or c.number):
        return Resolution(UNRESOLVED, family=c.family, reason="no number")
    return resolve(symbol=c.symbol, family=c.family, number=c.number, type=c.type,
                   issuer_code=c.issuer_code, year=c.year, when=c.date, issuer=c.issuer, ctx=ctx)


def _resolve_named(c: Citation, ctx: Context) -> Resolution:
    """A law cited by name: the number the loaders found for it (`loaders.named_laws`),
    resolved like the law's own symbol; candidates when its name fits several."""
    if c.symbol:
        res = resolve(symbol=c.symbol, type=c.type, when=c.date, ctx=ctx)
        res.reason = c.resolved_by or res.reason
        return res
    if c.candidates:
        ids_ = [r.id for r in (resolve(symbol=s, type=c.type, ctx=ctx) for s in c.candidates) if r.id]
        return Resolution(AMBIGUOUS, family=LAW, type=c.type, candidates=ids_, reason=c.resolved_by or "")
    return Resolution(UNRESOLVED, family=c.family, type=c.type,
                      reason=c.resolved_by or "named instrument without a number")


# ---------------------------------------------------------------- documents

_PAREN = re.compile(r"\s*\([^)]*\)\s*")
_FIRST_WORD = re.compile(r"\w+")


def context_of(doc: Document) -> Context:
    """The citing context of a loaded document: its province, own unit and issuer."""
    province = doc.province
    body: Body | None = None
    if doc.issuer is not None:
        name = _PAREN.sub(" ", doc.issuer.name or "").strip()
        jur = doc.issuer.jurisdiction
        if not province and jur:
            province = jur.split(",")[-1].strip() or None
        bs = bodies_from_phrase(name, Context(province=province)) if name else None
        if bs is None and jur:
            # a body kind without its unit, and a jurisdiction: the unit of the jurisdiction
            word = _FIRST_WORD.match(match_key(name))
            kind = local_body_words().get(word.group(0)) if word else None
            if kind:
                bs = [make_body(kind, jur.split(",")[0].strip(), province)]
        if bs and len(bs) == 1:
            body = bs[0]
    if body is None and province:
        return Context(province=province)
    if body is None:
        return Context()
    local = body.place if body.place and not is_province_level(body.place) else None
    return Context(province=province or body.province, local=local, body=body,
                   district=_district_of(local, doc.issuer.jurisdiction if doc.issuer else None))


def _district_of(local: str | None, jurisdiction: str | None) -> str | None:
    """The district a commune-level issuer belongs to, from its jurisdiction
    ("xã Phước Trạch, huyện Gò Dầu, tỉnh Tây Ninh" -> "huyện Gò Dầu"); None otherwise."""
    if not local or not jurisdiction or split_place(local)[0] not in ward_kinds():
        return None
    parts = [p.strip() for p in jurisdiction.split(",")]
    if len(parts) == 3 and match_key(parts[0]) == match_key(local):
        return parts[1]
    return None


def _own_symbol(doc: Document) -> Symbol | None:
    """The document's own symbol read by the one grammar: its issuer code and year (a
    normative document of 2020 may be dated 2021) are not fields of the document."""
    return parse_symbol(doc.symbol)


def own_body(doc: Document, ctx: Context) -> Body | None:
    """The document's issuer, corrected by its own symbol: a HĐND resolution on a UBND
    portal is the HĐND's; a Party symbol under a State issuer is the Party body's its code
    names; a council's document whose code names another body ("136/KH-BCĐ" of a steering
    committee, "70/KH-BTC" of an organising board, on UBND tỉnh's portal) is nobody's the
    code pins down, never the council's (its own 136/KH-UBND is another document)."""
    body = ctx.body
    sym = _own_symbol(doc)
    if sym is None or not sym.issuer_code or doc.family == LAW:
        return body
    code = sym.issuer_code.split("-")[0]
    council = council_of_code().get(match_key(code_term(code)[0]))    # a council's code, maybe with its term
    if body and body.place:
        if council:
            return body if body.kind == council else make_body(council, body.place, body.province)
        if doc.family == PARTY and not body.party:
            bs = bodies_from_code(sym.issuer_code, PARTY, ctx)
            return bs[0] if bs and len(bs) == 1 and bs[0] is not _UNKNOWN else None
        if body.kind in local_bodies() and local_bodies()[body.kind].council and known_code(code):
            return None
    if body is None:
        bs = bodies_from_code(sym.issuer_code, doc.family, ctx)
        if bs and len(bs) == 1 and bs[0] is not _UNKNOWN:
            return bs[0]
    return body


def document_identity(doc: Document, ctx: Context | None = None) -> Resolution:
    """The loaded document's own instrument ID, computed like a citation's.

    A blank number ("Số: /TB-UBND") gets ``…/_{yyyymmdd}-{hash8}`` from issuer, date
    and content hash; a document whose issuer or year is unknown gets
    ``vn/_doc/…`` from its doc_id (status unresolved).
    """
    ctx = ctx or context_of(doc)
    body = own_body(doc, ctx)
    sym = _own_symbol(doc)
    family = doc.family
    year = (sym.year if sym else None) or doc.year or (doc.date.year if doc.date else None)
    res = Resolution(UNRESOLVED, family=family, symbol=doc.symbol, number=doc.number, type=doc.type,
                     year=year, body=body)
    term = None
    if body and family == PARTY:
        terms = party_terms(doc.date, year, body.central)
        term = terms[0] if len(terms) == 1 else None
        res.term = term
    if body and doc.number:
        if family == LAW:
            law_body, series = _law(sym.issuer_code if sym else None)
            i = ids.instrument_id(LAW, law_body.slug if law_body else None, year, None, doc.number, series=series)
        else:
            i = ids.instrument_id(family or ADMINISTRATIVE, body.slug, year, doc.type, doc.number, term=term)
        if i:
            res.id, res.status, res.reason = i, RESOLVED, "own identity"
            return res
    if body and not doc.number and (doc.date or year):
        i = ids.blank_number_id(family or ADMINISTRATIVE, body.slug, doc.type,
                                doc.date or year, doc.content_hash or ids.short_hash(doc.text),
                                term=term)
        if i:
            res.id, res.status, res.reason = i, RESOLVED, "blank number"
            return res
    res.id, res.reason = ids.doc_fallback_id(doc.doc_id), "identity unknown"
    return res
