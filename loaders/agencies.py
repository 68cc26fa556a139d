"""Agency names: canonical form and jurisdiction, shared by identity, tasks and entities.

An agency is scoped to the jurisdiction it belongs to: "Phòng Kinh tế" in a notice of
UBND thành phố Lạng Sơn is `Agency("Phòng Kinh tế", jurisdiction="thành phố Lạng Sơn,
tỉnh Lạng Sơn")`; "Sở Nội vụ" in Hải Phòng belongs to "thành phố Hải Phòng"; national
bodies (Bộ, Chính phủ) have jurisdiction None. Councils and committees carry their
unit in the name ("UBND thành phố Lạng Sơn"); departments do not ("Phòng Nội vụ").
All tables are in `data/agencies.yaml`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from domain.bodies import national_bodies
from domain.keys import match_key

from .model import Agency, Document
from domain.places import era_of, lookup, unit_kinds
from .tables import table

UPPER = "".join(c for c in map(chr, range(0x41, 0x1EFA)) if c.isalpha() and c.isupper())
_CAP = rf"[{UPPER}][^\W_]*"          # a capitalised word ("Lạng", "TC-KH" via abbreviations)
LOWER = "".join(c for c in map(chr, range(0x61, 0x1EFA)) if c.isalpha() and c.islower())
_LOW = rf"[{LOWER}][^\W\d_]*"         # a lower-case word ("hoạch", "trúc")
# a name of two fields joined by a dash: "Sở Quy hoạch - Kiến trúc", "Phòng Kinh tế - Hạ tầng"
# (the dash and the capital after it say the name goes on; at most two lower-case words before
# the dash and one after it)
_DASHED = rf"{_CAP}(?:\s+{_LOW}){{0,2}}\s*-\s*{_CAP}(?:\s+{_LOW})?"
_LEVEL_RE = r"thành phố|TP\.?|tỉnh|huyện|quận|thị xã|TX\.?"


@dataclass(frozen=True)
class Jurisdiction:
    """The issuing authority's place in the administrative tree."""

    local: str | None = None        # "thành phố Lạng Sơn, tỉnh Lạng Sơn" (issuer's own unit, full)
    local_name: str | None = None   # "thành phố Lạng Sơn"
    province: str | None = None     # "tỉnh Lạng Sơn"
    era: str = "legacy"

    @property
    def local_is_province(self) -> bool:
        return self.local is not None and self.local == self.province

    def for_level(self, level: str) -> str | None:
        """The unit an agency of `level` ("province", "district", "city", "own") belongs to."""
        if level == "national":
            return None
        if level == "province":
            return self.province
        if level == "city":   # "thành phố": the city itself, whether district- or province-level
            if self.local_name and self.local_name.startswith("thành phố"):
                return self.local
            if self.province and self.province.startswith("thành phố"):
                return self.province
            return self.local
        return self.local

    def name_for_level(self, level: str) -> str | None:
        full = self.for_level(level)
        return full.split(", ")[0] if full else None

    @classmethod
    def of(cls, doc: Document) -> "Jurisdiction":
        """From the identity already parsed (`doc.issuer`, `doc.province`)."""
        local = None
        if doc.issuer is not None and doc.issuer.jurisdiction:
            local = doc.issuer.jurisdiction
        elif doc.province:
            local = doc.province
        name = local.split(", ")[0] if local else None
        return cls(local, name, doc.province or local, era_of(doc.date))


def _heads() -> dict[str, dict]:
    return table("agencies")["heads"]


@cache
def _heads_sorted() -> list[tuple[str, str, dict]]:
    """(head, head lower-cased, info), longest first."""
    return [(h, h.lower(), info) for h, info in sorted(_heads().items(), key=lambda kv: len(kv[0]), reverse=True)]


@cache
def _heads_by_initial() -> dict[str, list[tuple[str, str, dict]]]:
    """`_heads_sorted` grouped by first letter (lower case), longest first in each group."""
    out: dict[str, list[tuple[str, str, dict]]] = {}
    for item in _heads_sorted():
        out.setdefault(item[1][0], []).append(item)
    return out


@cache
def _abbrev_re() -> tuple[re.Pattern[str], dict[str, str]]:
    abbr = table("agencies")["abbreviations"]
    alts = "|".join(re.escape(k) for k in sorted(abbr, key=len, reverse=True))
    return re.compile(rf"(?<![\w&-])(?:{alts})(?![\w&-])"), abbr


@cache
def known_names() -> dict[str, str]:
    """Match key of a known agency name or variant -> its canonical name."""
    out: dict[str, str] = {}
    for name, variants in table("agencies")["names"].items():
        for v in [name, *(variants or [])]:
            out[match_key(expand(v))] = name
    return out


@cache
def _groups_folded() -> frozenset[str]:
    """The generic groups of `agencies.yaml` ("các cơ quan, đơn vị liên quan"), folded."""
    return frozenset(match_key(g) for g in table("agencies")["groups"])


def expand(text: str) -> str:
    """Abbreviations expanded ("phòng TC-KH" -> "phòng Tài chính - Kế hoạch")."""
    pattern, abbr = _abbrev_re()
    return pattern.sub(lambda m: abbr[m.group()], text)


def head_of(name: str) -> tuple[str, dict] | None:
    """The head word an agency name starts with, and its kind/level."""
    low = name[:40].lower()
    if not low or low[0] not in _heads_by_initial():
        return None
    if _not_heads().match(low):
        return None
    for head, h, info in _heads_by_initial()[low[0]]:
        if low.startswith(h) and (len(low) == len(h) or not low[len(h)].isalnum()):
            return head, info
    return None


@cache
def _not_heads() -> re.Pattern[str]:
    """agencies.yaml `not_heads` as whole words at the start of a lower-cased name."""
    alts = "|".join(re.escape(w.lower()) for w in table("agencies")["not_heads"])
    return re.compile(rf"(?:{alts})(?!\w)")


_TRAIL = re.compile(rf"\s+({_LEVEL_RE})(?:\s+((?:{_CAP})(?:\s+{_CAP}){{0,3}}))?$")
_GROUP = re.compile(r"^(?:(?:thủ trưởng|lãnh đạo|tất cả)\s+)?các\s", re.I)


def _level_of_word(word: str) -> str:
    return table("agencies")["level_words"].get(word.rstrip("."), table("agencies")["level_words"].get(word, "own"))


def canonical(text: str, jur: Jurisdiction | None = None) -> Agency:
    """An agency from a name as written, canonical and scoped to `jur` (a fresh record)."""
    return replace(_canonical(text, jur or Jurisdiction()))


@lru_cache(maxsize=65536)
def _canonical(text: str, jur: Jurisdiction) -> Agency:
    written = " ".join(text.split()).strip(" ,.;:")
    s = re.sub(r"\s*\((?:[^()]*)\)\s*$", "", written).strip(" ,.;:")   # "(B/c)", "(đề b/c)"
    s = re.sub(r"\s*-\s*", " - ", s) if re.search(r"\s-|-\s", s) else s
    level_word = place_name = None
    m = _TRAIL.search(s)
    if m and re.search(r"(?:,|\s(?:và|hoặc))\s*$", s[: m.start()]):
        m = None   # "UBND các huyện, thành phố": a list of unit kinds, not the unit's level
    if m and m.start() > 0:
        level_word, place_name = m.group(1), m.group(2)
        s = s[: m.start()]
    s = expand(s)
    s = re.sub(r"\s+", " ", s).strip()
    is_group = match_key(s) in _groups_folded()
    if s and s[0].islower() and not _GROUP.match(s) and not is_group:
        s = s[0].upper() + s[1:]
    found = head_of(s)
    kind = found[1]["kind"] if found else None
    default_level = found[1]["level"] if found else "own"
    group = is_group or bool(_GROUP.match(s)) or bool(found and re.match(rf"{re.escape(found[0])}\s+các\s", s, re.I))
    s = known_names().get(match_key(s), s)
    # jurisdiction
    juris: str | None
    unit_name: str | None
    if place_name and level_word:
        unit = _unit(level_word, place_name, jur)
        juris = unit[0] if unit else None
        unit_name = unit[1] if unit else f"{_level_text(level_word)} {place_name}"
    elif level_word:
        level = _level_of_word(level_word)
        juris = jur.for_level(level)
        unit_name = jur.name_for_level(level) or _level_text(level_word)
    else:
        juris = jur.for_level(default_level)
        unit_name = jur.name_for_level(default_level)
    name = s
    if kind in table("agencies")["unit_in_name"] and not group and unit_name:
        name = f"{s} {unit_name}"
    elif level_word and (group or kind is None):
        name = f"{s} {unit_name or _level_text(level_word)}"
    if group and kind is None:
        kind = "group"
    return Agency(name=name, text=written, jurisdiction=juris, kind=kind,
                  full_name=None if group else full_name(name, juris))


def full_name(name: str, jurisdiction: str | None) -> str:
    """The name with the unit it belongs to, as people search for it: "Thanh tra" of
    "thành phố Lạng Sơn, tỉnh Lạng Sơn" -> "Thanh tra thành phố Lạng Sơn"; names that
    already carry their unit ("UBND thành phố Lạng Sơn") and national bodies stay."""
    if not jurisdiction:
        return name
    unit = jurisdiction.split(", ")[0]
    kind = next((k for k in unit_kinds()
                 if unit.startswith(k + " ")), "")
    short = unit[len(kind):].strip()
    low = match_key(name)
    if low.endswith(match_key(unit)) or (short and low.endswith(" " + match_key(short))):
        return name                              # "Đài Phát thanh và Truyền hình Hải Phòng"
    if kind and low.endswith(" " + kind):
        return f"{name} {short}"                 # "Cổng Thông tin điện tử thành phố" + "Hải Phòng"
    return f"{name} {unit}"


def _level_text(word: str) -> str:
    return "thành phố" if word.rstrip(".") == "TP" else ("thị xã" if word.rstrip(".") == "TX" else word)


def _unit(level_word: str, short: str, jur: Jurisdiction) -> tuple[str, str] | None:
    """(full, name) of "thành phố Lạng Sơn" etc. in the gazetteer."""
    kind = _level_text(level_word)
    prov = jur.province
    for level in ("province", "district"):
        hits = lookup(short, jur.era, level=level, kind=kind)
        if len(hits) > 1 and prov:
            hits = [u for u in hits if u.province == prov] or hits
        if hits:
            return hits[0].full, hits[0].name
    return None


def split_agencies(text: str) -> list[str]:
    """A heading naming several agencies -> the names ("Phòng A thành phố và Trung tâm B").

    Splits at ", " / " và " / "; " only where a new agency head follows, so
    "Sở Thông tin và Truyền thông" and "Trung tâm Văn hóa, Thể thao" stay whole.
    A shared head distributes: "phòng Kinh tế, QLĐT, VH-TT" -> three Phòng.
    """
    return list(_split_agencies(text))


@lru_cache(maxsize=1 << 14)
def _split_agencies(text: str) -> tuple[str, ...]:
    """`split_agencies`, memoised: the same headings recur from document to document."""
    parts: list[str] = []
    start = 0
    bare = _TRAIL.sub("", " ".join(text.split()))
    if match_key(expand(bare)) in known_names():
        return (text.strip(" ,.;:"),)         # "Phòng Nông nghiệp và PTNT"
    for m in re.finditer(r"\s*[,;]\s*|\s+(?:và|&)\s+", text):      # "Đoàn ĐBQH,Ủy ban": a comma with no space
        rest = text[m.end():]
        h = head_of(expand(rest))
        if (h is not None and re.match(r"\s*[,;]", expand(rest)[len(h[0]):])
                and h[1]["kind"] not in table("agencies")["bodies_by_themselves"]):
            h = None          # "phòng, ban, đơn vị": a generic noun, not a name ("HĐND, UBND" are)
        comma = m.group().strip() in (",", ";")
        if h is not None or _GROUP.match(rest) or (comma and _is_abbrev_unit(rest)):
            parts.append(text[start:m.start()])
            start = m.end()
    parts.append(text[start:])
    out: list[str] = []
    shared = None
    for p in (x.strip(" ,.;:") for x in parts):
        if not p:
            continue
        h = head_of(expand(p))
        if h is not None:
            shared = p[: len(h[0])] if p.lower().startswith(h[0].lower()) else None
        elif shared and _is_abbrev_unit(p):
            p = f"{shared} {p}"
        out.append(p)
    return tuple(out)


def _is_abbrev_unit(text: str) -> bool:
    """Does text start with a bare unit abbreviation (QLĐT, VH-TT) and nothing more?"""
    word = re.match(rf"([\w&-]+)(?:\s+(?:{_LEVEL_RE}))?\s*(?:$|[,;]|\s+và\s)", text)
    if not word:
        return False
    w = word.group(1)
    return w in table("agencies")["abbreviations"] and w.isupper()


# ---------- finding agency mentions in running text -------------------------------

def _either_case(word: str) -> str:
    """A word of a name whose first letter texts write in either case ("Vận tải", "vận tải")."""
    w = re.escape(word).replace(r"\-", r"\s*-\s*")
    c = word[0]
    return f"[{c.upper()}{c.lower()}]{w[1:]}" if c.isalpha() and c.upper() != c.lower() else w


def _flex(name: str) -> str:
    """Regex for a name: flexible spaces/dashes; its later words' first letters in either
    case ("Sở Giao thông Vận tải", "Ban Tổ chức Trung Ương"); a lower-case head only if the
    rest is capitalised."""
    words = name.split()
    body = r"\s+".join(_either_case(w) for w in words[1:])
    first = re.escape(words[0])
    if len(words) > 1 and any(c.isupper() for c in " ".join(words[1:])):
        first = f"[{words[0][0].upper()}{words[0][0].lower()}]{re.escape(words[0][1:])}"
    return first + (r"\s+" + body if body else "")


@cache
def _mention_pattern() -> str:
    """The pattern of an agency mention in running text, longest known forms first.

    Known names and variants, head + unit abbreviation
    ("phòng TC-KH", "Ban CHQS"), councils of a unit ("UBND các phường Hoàng Văn Thụ,
    Vĩnh Trại"), generic groups ("các cơ quan, đơn vị liên quan"), then a capitalised
    head with capitalised words; each with an optional level word and place name.
    """
    ag = table("agencies")
    names = list(ag["names"]) + [n for b in national_bodies()           # "Ban Tổ chức Trung ương", "Ban Bí thư"
                                 for n in (b.name, *(name for _, name in b.code_names))]
    for variants in ag["names"].values():
        names.extend(variants or [])
    known = "|".join(_flex(n) for n in sorted(set(names), key=len, reverse=True))
    unit_abbr = sorted((k for k, v in ag["abbreviations"].items() if k.isupper() and len(k) > 2 and v[0].isupper()),
                       key=len, reverse=True)
    abbr = "|".join(re.escape(a) for a in unit_abbr)
    heads_generic = sorted((h for h in ag["heads"] if h[0].isupper()), key=len, reverse=True)
    hg = "|".join(_flex(h) for h in heads_generic)
    council = r"(?:UBND|Ủy ban nhân dân|HĐND|Hội đồng nhân dân|Thường trực HĐND|TT\s?HĐND|Ủy ban MTTQ(?: Việt Nam)?)"
    units = r"(?:tỉnh|thành phố|huyện|quận|thị xã|phường|xã|thị trấn|TP\.?)"
    suffix = "|".join(_flex(x) for x in ag.get("unit_suffixes", []))   # "trực thuộc trung ương"
    council_re = (rf"{council}(?:\s+(?:các\s+)?{units}(?:,\s*{units})*(?:\s+(?:{suffix}))?"
                  rf"(?:\s+{_CAP}(?:\s+{_CAP}){{0,3}}(?:,\s*{_CAP}(?:\s+{_CAP}){{0,3}})*)?)?")
    groups = "|".join(_flex(g) for g in sorted(ag["groups"], key=len, reverse=True))
    level = rf"(?:\s+(?:{_LEVEL_RE})(?:\s+{_CAP}(?:\s+{_CAP}){{0,2}})?)?"
    generic = rf"(?:{hg})(?:\s+(?:{abbr}|{_CAP}))(?:\s+(?:(?:và|-|&)\s+)?(?:{abbr}|{_CAP}))*"
    # … going on in lower case up to its level word ("Cục Thống kê tỉnh"): the level is then due
    lower = ag["name_lower_words"]
    never = "|".join(re.escape(w) for w in sorted(lower["never"], key=len, reverse=True))
    word = rf"(?!(?:{never})(?![^\W_])){_LOW}"
    generic_lower = (rf"{generic}(?:\s+{word}){{1,{int(lower['lower_run'])}}}?"
                     rf"\s+(?:{_LEVEL_RE})(?![^\W_])(?:\s+{_CAP}(?:\s+{_CAP}){{0,2}})?")
    dashed = rf"(?:{hg})\s+{_DASHED}"
    # a head of three words or more is a name by itself ("Bộ Chỉ huy Quân sự tỉnh", "Trạm Y
    # tế xã"): the generic form would stop at "Bộ Chỉ", before the lower-case "huy"
    hl = "|".join(_flex(h) for h in heads_generic if len(h.split()) >= 3)
    generic_long = rf"(?:{hl})(?:\s+(?:(?:và|-|&)\s+)?(?:{abbr}|{_CAP}))*"
    with_abbr = rf"(?:[Pp]hòng|Sở|[Bb]an|Trung tâm|Văn phòng)\s+(?:{abbr})"
    return (rf"(?:{council_re})|(?:{generic_lower})"
            rf"|(?:(?:{known}|{with_abbr}|{generic_long}|{dashed}|{generic}){level})|(?:{groups})")


@cache
def mention_re() -> re.Pattern[str]:
    """Regex for agency mentions in running text (see `_mention_pattern`); group "name"."""
    return re.compile(rf"(?P<name>{_mention_pattern()})(?![\w])")


@cache
def post_mention_re() -> re.Pattern[str]:
    """A post of a body in running text: "Chủ tịch UBND huyện Bình Xuyên", "Hiệu trưởng
    các trường", "Thủ trưởng các đơn vị trực thuộc" (titles.yaml posts, then an agency
    mention or a plural noun phrase); group "name"."""
    posts = "|".join(_flex(p) for p in _posts())
    plural = r"các\s+[^\W\d_]+(?:\s+[^\W\d_]+){0,3}?(?=\s*[,;.]|\s+(?:và|chủ trì|phối hợp|chỉ đạo|thực hiện)\b)"
    return re.compile(rf"(?P<name>(?:(?:các|Các)\s+)?(?:{posts})\s+(?:{_mention_pattern()}|{plural}))(?![\w])")


def mentions(text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    """Agency mentions in text[start:end]."""
    return list(mention_re().finditer(text, start, len(text) if end is None else end))


# ---------- one recipient line naming several agencies or posts ---------------------

@cache
def _posts() -> list[str]:
    """Posts (titles) a recipient line may list, longest first: titles.yaml `titles`
    plus agencies.yaml `recipient_posts`."""
    words = set(table("titles")["titles"]) | set(table("agencies").get("recipient_posts", []))
    return sorted(words, key=len, reverse=True)


def _post_split(piece: str) -> tuple[str, str] | None:
    """ "các Phó Chủ tịch UBND thành phố" -> ("Phó Chủ tịch", "UBND thành phố"); None if no post."""
    s = re.sub(r"^(?:các|tất cả)\s+", "", piece, flags=re.I)
    low = s.lower()
    for p in _posts():
        if low.startswith(p.lower()) and (len(low) == len(p) or low[len(p)] == " "):
            return s[: len(p)], s[len(p):].strip()
    return None


def _posts_of_one_body(text: str) -> list[str] | None:
    """ "CT, các PCT UBND TP" / "Chủ tịch, Phó Chủ tịch UBND thành phố" / "CPVP" -> one
    name per post, each with the body written once at the end; None unless every
    piece is a post ("Chánh, Phó Chánh Văn phòng": "Chánh" is "Chánh Văn phòng")."""
    pieces = [p for p in re.split(r"\s*[,;]\s*", expand(text)) if p]
    if len(pieces) < 2:
        return None
    split = [_post_split(p) for p in pieces]
    for i in range(len(pieces) - 2, -1, -1):       # elided post: "Chánh, Phó Chánh Văn phòng"
        if split[i] is None and split[i + 1] is not None:
            words = split[i + 1][0].split()
            for k in range(1, len(words)):
                cand = _post_split(f"{pieces[i]} {' '.join(words[k:])}")
                if cand and not cand[1]:
                    split[i] = cand
                    break
    if any(x is None for x in split) or not split[-1][1]:
        return None
    body = split[-1][1]
    out = []
    for post, own in split:
        if own:
            out.append(f"{post} {own}")
        elif match_key(post).endswith(match_key(body)):      # "Phó Chánh Văn phòng" names its body
            out.append(post)
        else:
            out.append(f"{post} {body}")
    return out


_HEAD_COLON = re.compile(r"^(?:các\s+)?(?P<head>[^:,;]+?)\s*:\s*(?P<rest>.+)$", re.I)


def split_recipients(text: str) -> list[str]:
    """One "Nơi nhận" line -> the agencies (or posts) it names.

    "TTTU, TTHĐND TP; (đề b/c)" -> ["TTTU", "TTHĐND TP"]; "CT, các PCT UBND TP" ->
    ["Chủ tịch UBND thành phố", "Phó Chủ tịch UBND thành phố"] (posts of one body);
    "Các Phòng: KSTTHC, VX" -> ["Phòng KSTTHC", "Phòng VX"]. Names that are one agency
    ("Văn phòng HĐND và UBND", "Sở Thông tin và Truyền thông") and groups of unit kinds
    ("UBND các phường, xã", "Sở, ban, ngành TP") stay whole.
    """
    return list(_split_recipients(text))


@lru_cache(maxsize=1 << 14)
def _split_recipients(text: str) -> tuple[str, ...]:
    """`split_recipients`, memoised: the same "Nơi nhận" lines recur across documents."""
    s = " ".join(text.split()).strip(" ,.;:")
    while True:                                     # "(B/c)", "; (đề b/c)"
        t = re.sub(r"[\s,;]*\([^()]*\)$", "", s).strip(" ,.;:")
        if t == s:
            break
        s = t
    if not s:
        return ()
    m = _HEAD_COLON.match(s)
    if m and head_of(expand(m.group("head"))) and not _post_split(expand(m.group("head"))):
        head = m.group("head")
        head = head[0].upper() + head[1:]
        return tuple(f"{head} {x}" for x in re.split(r"\s*[,;]\s*", m.group("rest")) if x.strip())
    if _GROUP.match(s) or match_key(s) in _groups_folded():
        return (s,)                                 # "Các phòng ban, ngành, Đảng, đoàn thể TP"
    posts = _posts_of_one_body(s)
    if posts:
        return tuple(posts)
    out: list[str] = []
    for part in split_agencies(s):
        out.extend(_posts_of_one_body(part) or [part])
    return tuple(_share_place(out))


def _share_place(parts: list[str]) -> list[str]:
    """ "Tỉnh ủy, HĐND, UBND tỉnh An Giang": the last part's place ("tỉnh An Giang") is
    also that of the bare bodies before it ("Tỉnh ủy", "HĐND")."""
    trail = _TRAIL.search(parts[-1]) if len(parts) > 1 else None
    if trail is None or not trail.group(2):
        return parts
    place = trail.group(0).strip()
    kinds = table("agencies")["bodies_by_themselves"]
    out = []
    for p in parts[:-1]:
        h = head_of(expand(p))
        bare = h is not None and len(expand(p)) == len(h[0]) and h[1]["kind"] in kinds
        if not bare:
            out.append(p)
        else:      # a Party committee's word holds the level: "Tỉnh ủy An Giang"
            out.append(f"{p} {trail.group(2) if h[1]['kind'] == 'party' else place}")
    return out + parts[-1:]
