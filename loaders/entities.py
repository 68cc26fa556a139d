"""Named entities with spaCy: a blank Vietnamese pipeline and an EntityRuler whose
patterns come from the data tables (agencies, titles, places of both gazetteer eras).

- Tokenizer: spaCy's rule tokenizer (the blank "vi" whitespace splitter keeps
  punctuation on words and is slow); special cases and a token_match keep
  `16/CT-TTg`, `/TB-UBND`, dates `31/3/2020`, `Đ/c`, `TP.` whole.
- Labels: ORG (agencies), PER (persons with a cue or title: "Đ/c Lê Trí Thức",
  "Chủ tịch UBND thành phố Nguyễn Văn Hạnh"), LOC (administrative units, legacy and
  2025), DATE ("31/3/2020", "ngày 03 tháng 4 năm 2020", "tháng 4/2021").
- The pipeline is built once per process (`nlp()`); texts are processed in chunks
  cut at line breaks, so a huge text never becomes one huge Doc.
Offsets point into the original text (via `NormText.span`).
"""
from __future__ import annotations

import re
from datetime import date
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import filter_spans

from .agencies import UPPER, Jurisdiction, canonical
from .model import Document, Entity
from .normalize import NormText, sentence_bounds
from .places import units
from .tables import table

CHUNK = 100_000

_PREFIX = re.compile(r"""^[\(\[\{"“‘'«*…]""")
_SUFFIX = re.compile(r"""(?:[\)\]\}"”’'»*,;:!?…]|(?<!\bTP)(?<!\bTp)(?<!\bTX)(?<!\bKT)(?<!\bTL)(?<!\bTM)(?<!\bTS)"""
                     r"""(?<!\bThS)(?<!\bTUQ)(?<!\bPGS)\.+)$""")   # "TP." keeps its dot
_INFIX = re.compile(r"""(?<=[^\W\d_])[,;:](?=[^\W\d_])|(?<=\w)[()](?=\w)""")
# numbers and symbols kept whole: 31/3/2020, 4/2021, 16/CT-TTg, 10/2020/NĐ-CP, /TB-UBND, 09-NQ/TU
_TOKEN = re.compile(r"""^(?:\d+(?:[/.-]\d+)+|\w*\d\w*(?:[/-][\w&]+)+|/[\w&]+(?:-[\w&]+)+)$""")
_KEEP = ["Đ/c", "đ/c", "TP.", "Tp.", "TX.", "KT.", "TL.", "TM.", "TUQ.", "v.v", "ThS.", "TS.", "PGS."]
_DATE_TOKEN = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_MONTH_TOKEN = re.compile(r"^(\d{1,2})/(\d{4})$")


def _tokenizer(nlp: Language) -> Tokenizer:
    """Rule tokenizer. Abbreviations are kept whole by `token_match`, not by special
    cases: special cases with punctuation make spaCy run a Matcher over every Doc."""
    keep = "|".join(re.escape(a) for a in _KEEP)
    token_match = re.compile(rf"^(?:{keep})$|{_TOKEN.pattern}").match
    return Tokenizer(nlp.vocab, rules={}, prefix_search=_PREFIX.search, suffix_search=_SUFFIX.search,
                     infix_finditer=_INFIX.finditer, token_match=token_match)


def _patterns() -> list[dict]:
    """EntityRuler phrase patterns (hashed lookups in the PhraseMatcher): agency names
    and variants, administrative units of both eras. Token-level shapes (persons,
    dates, councils, agency heads + capitalised words) are matched by `_regex_entities`:
    spaCy's token Matcher tries every pattern at every token and ran at < 1 MB/s."""
    ag = table("agencies")
    ti = table("titles")
    pats: list[dict] = []
    # ORG: known agency names and variants as phrases; "phòng Kinh tế" in lower case too
    names = set(ag["names"])
    for variants in ag["names"].values():
        names.update(variants or [])
    for n in names:
        pats.append({"label": "ORG", "pattern": n, "id": "agency"})
        if any(c.isupper() for c in " ".join(n.split()[1:])):   # not "thanh tra" (a verb)
            pats.append({"label": "ORG", "pattern": n[0].lower() + n[1:], "id": "agency"})
    # LOC: administrative units of both eras ("tỉnh Lạng Sơn", "TP. Lạng Sơn")
    seen: set[str] = set()
    for era in ("legacy", "2025"):
        for u in units(era):
            variants = [u.name, u.name[:1].upper() + u.name[1:]]
            if u.kind == "thành phố":
                variants += [f"TP. {u.short}", f"TP {u.short}", f"Tp. {u.short}"]
            for text in variants:
                if text not in seen:
                    seen.add(text)
                    pats.append({"label": "LOC", "pattern": text, "id": "place"})
    return pats


@cache
def _regexes() -> list[tuple[str, str, re.Pattern[str]]]:
    """(label, id, regex) for the shapes the phrase patterns cannot list."""
    ti = table("titles")
    ag = table("agencies")
    cap = rf"[{UPPER}][^\W\d_]*"
    surn = "|".join(re.escape(x) for x in sorted(set(ti["surnames"]), key=len, reverse=True))
    name = rf"(?:{surn})(?:[ \t]+{cap}){{1,3}}(?![\w/])"
    cues = "|".join(re.escape(c) for c in sorted(ti["person_cues"], key=len, reverse=True))
    titles = "|".join(re.escape(t) for t in sorted(ti["titles"], key=len, reverse=True))
    titles_lc = "|".join(re.escape(t[0].lower() + t[1:]) for t in sorted(ti["titles"], key=len, reverse=True))
    org_words = sorted({w for o in ti["title_orgs"] for w in o.split()} | {"Thường", "trực", "thành", "phố", "tỉnh", "huyện",
                        "quận", "xã", "phường", "TP", "Ủy", "ban", "nhân", "dân"}, key=len, reverse=True)
    orgw = "|".join(re.escape(w) for w in org_words)
    kinds = "|".join(re.escape(k) for k in sorted(table("places")["unit_kinds"], key=len, reverse=True))
    heads = "|".join(re.escape(h) for h in sorted((h for h in ag["heads"] if h[0].isupper()), key=len, reverse=True))
    name_word = rf"(?:{cap}|[A-ZĐ][\w&-]*)"
    return [
        ("PER", "person_cue", re.compile(rf"(?<![\w/])(?:{cues})[ \t]+{name}")),
        ("PER", "person_title", re.compile(rf"(?<![\w/])(?:{titles}|{titles_lc})(?:[ \t]+(?:{orgw}))*[ \t]+{name}")),
        # three simple regexes (each opens with a literal or a class: fast to scan for)
        ("DATE", "date", re.compile(r"(?<![\w/])\d{1,2}/\d{1,2}/\d{4}(?![\w/])")),
        ("DATE", "date", re.compile(r"(?<!\w)[Nn]gày[ \t]+\d{1,2}[ \t]+tháng[ \t]+\d{1,2}[ \t]+năm[ \t]+\d{4}(?!\d)")),
        ("DATE", "date", re.compile(r"(?<!\w)tháng[ \t]+\d{1,2}(?:/|[ \t]+năm[ \t]+)\d{4}(?!\d)")),
        ("ORG", "council", re.compile(rf"(?<!\w)(?:UBND|HĐND|[ỦủUu]y ban nhân dân|Hội đồng nhân dân)(?:[ \t]+các)?[ \t]+"
                                      rf"(?:(?:{kinds})(?:[ \t]+{cap}){{0,4}}|TP\.?)(?!\w)")),
        ("ORG", "agency", re.compile(rf"(?<!\w)(?:{heads})(?:[ \t]+{name_word}){{1,6}}(?![\w/])")),
    ]


def _regex_entities(doc, text: str):
    """Add regex-found PER, DATE and ORG spans to doc (whose text is `text`; reading
    `doc.text` would rebuild it token by token); the longest span wins an overlap."""
    spans = list(doc.ents)
    for label, kb_id, rx in _regexes():
        for m in rx.finditer(text):
            start = m.start()
            if label == "DATE" and text[max(0, start - 5):start] in ("ngày ", "Ngày "):
                start -= 5
            span = doc.char_span(start, m.end(), label=label, kb_id=kb_id, alignment_mode="expand")
            if span is not None:
                spans.append(span)
    doc.ents = filter_spans(spans)
    return doc


@cache
def nlp() -> Language:
    """The entity pipeline (built once per process)."""
    pipe = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    pipe.tokenizer = _tokenizer(pipe)
    pipe.max_length = CHUNK * 2
    ruler = pipe.add_pipe("entity_ruler", config={"validate": False, "overwrite_ents": True})
    ruler.add_patterns(_patterns())
    return pipe


def _chunks(text: str) -> list[tuple[int, str]]:
    out = []
    pos = 0
    n = len(text)
    while pos < n:
        end = min(n, pos + CHUNK)
        if end < n:
            nl = text.rfind("\n", pos + CHUNK // 2, end)
            end = nl + 1 if nl > 0 else end
        out.append((pos, text[pos:end]))
        pos = end
    return out


def find_entities(doc: Document, nt: NormText) -> list[Entity]:
    """Organisations, persons with titles, places, dates."""
    text = nt.text
    if not text.strip():
        return []
    pipe = nlp()
    jur = Jurisdiction.of(doc)
    chunks = _chunks(text)
    out: list[Entity] = []
    org_names: dict[str, str] = {}
    sent: tuple[int, int, str] = (-1, -1, "")
    for (offset, chunk), sdoc in zip(chunks, pipe.pipe(c for _, c in chunks)):
        _regex_entities(sdoc, chunk)
        for ent in sdoc.ents:
            s, e = nt.span(offset + ent.start_char, offset + ent.end_char)
            label = ent.label_
            etext = doc.text[s:e]
            title = norm = None
            if label == "PER":
                title, norm = _person(ent, chunk)
            elif label == "DATE":
                norm = _iso(ent.text)
            elif label == "ORG":
                if ent.text not in org_names:
                    org_names[ent.text] = canonical(ent.text, jur).name
                norm = org_names[ent.text]
            if not (sent[0] <= s and e <= sent[1]):      # entities share sentences: bound once
                bs, be = sentence_bounds(doc.text, s, e)
                sent = (bs, be, " ".join(doc.text[bs:be].split()))
            sentence = sent[2]
            out.append(Entity(label=label, text=etext, start=s, end=e, sentence=sentence, title=title, norm=norm))
    return out


def _person(ent, text: str) -> tuple[str | None, str | None]:
    """(title, bare name) of a PER span, the title read after "Đ/c X - <title>" too."""
    surnames = set(table("titles")["surnames"])
    toks = list(ent)
    k = next((i for i, t in enumerate(toks) if t.text in surnames), 0)
    name = " ".join(t.text for t in toks[k:])
    before = " ".join(t.text for t in toks[:k])
    if ent.kb_id_ == "person_title" or (before and before not in table("titles")["person_cues"]):
        return before or None, name
    after = text[ent.end_char: ent.end_char + 120]
    m = re.match(r"\s*[-–,]\s*([^.;:\n]{2,80}?)(?=\s*(?:,\s*chủ trì|\s+đã\s|\s+chủ trì|[.;:\n(]|$))", after)
    return (m.group(1).strip(" ,") if m else None), name


def _iso(text: str) -> str | None:
    m = re.search(r"(\d{1,2})\s*(?:/|\s+tháng\s+)(\d{1,2})\s*(?:/|\s+năm\s+)(\d{4})", text)
    try:
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
        m = re.search(r"tháng\s+(\d{1,2})\s*(?:/|\s+năm\s+)(\d{4})", text)
        if m:
            return f"{int(m.group(2)):04d}-{int(m.group(1)):02d}"
    except ValueError:
        return None
    return None
