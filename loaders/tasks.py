"""Assignments: who is asked to do what, with whom, by when (DOMAIN.md §3, ASSIGNS).

Shapes read, on the normalised text between the subject and the footer:
- numbered items headed by agencies ("2. Phòng Kinh tế:", "9. Thanh tra thành phố" then
  a paragraph, "1. Giao Sở Nội vụ:", "12. Yêu cầu UBND các phường ...:"), the task in the
  same or following paragraphs; dash items under such a heading are one task each, and
  a dash item opening with an agency ("- UBND các xã Vũ Bình, Ân Nghĩa phối hợp ...")
  is that agency's;
- cue sentences anywhere: "Giao X ...", "Yêu cầu X ...", "X chủ trì, phối hợp với Y";
- "Các cơ quan ... (gồm các đơn vị: A, B, C): <task>".
Jointly named assignees ("Phòng A và Trung tâm B") give one task each.
A paragraph broken by a blank line mid-sentence (no final punctuation, next line in
lower case) is joined back.

Deadlines (`Task.deadline`, naive local datetime; `deadline_text` keeps the words):
- a time and a date ("chậm nhất 14h00 ngày 06/4/2020") -> that date and time;
- a date alone ("trước ngày 25/4/2021", "chậm nhất ngày 20/4/2021") -> that day at 00:00;
  "trước" (before) vs "chậm nhất" (at the latest) stays in `deadline_text`;
- a month ("trong tháng 8 năm 2020", "tháng 4/2021") -> the last day of the month at 00:00;
- a date without a year takes the document's year.
"""
from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from itertools import islice
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from .agencies import Jurisdiction, canonical, mention_re, post_mention_re, split_agencies, head_of, expand, known_names, _GROUP
from domain.keys import match_key
from domain.types import type_by_title

from .identity import is_header_row, recipients_re, reports_directives
from .model import Agency, Document, Task
from .normalize import NormText
from .tables import table

_MAX_TEXT = 2000     # evidence kept per task
_MAX_CITES = 64      # instruments a task points to: the first cited in its span (real tasks: <= 19)


def _parts() -> dict:
    return table("document_parts")


@dataclass
class Para:
    start: int
    end: int
    text: str          # collapsed whitespace

    @property
    def dash(self) -> bool:
        return self.text[:1] in "-+•"


_NUM = re.compile(r"^(?P<n>\d{1,2})\s*[.)]\s+(?P<rest>.*)$", re.S)
_SECTION = re.compile(r"^(?:[IVX]{1,5}|[A-Z])\s*[.)]\s+\S")


def find_tasks(doc: Document, nt: NormText) -> list[Task]:
    """Assignments in the document (needs identity and citations already filled)."""
    text = nt.text
    if not text.strip():
        return []
    jur = Jurisdiction.of(doc)
    start = _body_start(text)
    paras = _paragraphs(text, start, _body_end(text, start))
    finder = _Finder(doc, nt, jur)
    i = 0
    while i < len(paras):
        p = paras[i]
        m = _NUM.match(p.text)
        if m:
            j = i + 1
            while j < len(paras) and not _NUM.match(paras[j].text) and not _SECTION.match(paras[j].text):
                j += 1
            finder.item(p, m, paras[i + 1: j])
            i = j
            continue
        finder.loose(p)
        i += 1
    return _without_lead_ins(finder.tasks)


def _without_lead_ins(tasks: list[Task]) -> list[Task]:
    """Drop "UBND tỉnh yêu cầu các cơ quan, đơn vị thực hiện một số nội dung sau:" when the
    items after it are tasks themselves: a lead-in to a group, not an assignment. Kept when
    nothing follows (then it is the only record of what the group must do)."""
    last_start = [-1] * (len(tasks) + 1)      # last_start[k]: the latest start among tasks[k:]
    for k in range(len(tasks) - 1, -1, -1):
        last_start[k] = max(last_start[k + 1], tasks[k].start)
    out = []
    for k, t in enumerate(tasks):
        lead_in = (t.assignee is not None and t.assignee.kind == "group" and t.action.rstrip().endswith(":")
                   and last_start[k + 1] >= t.end)
        if not lead_in:
            out.append(t)
    return out


# ---------------------------------------------------------------- segmentation

@cache
def _type_titles() -> frozenset[str]:
    """Type names in capitals ("THÔNG BÁO"): the title line that ends the header."""
    return frozenset(type_by_title())


_SHORT_LINE = re.compile(r"(?m)^[ \t]*([^\n]{2,40}?)[ \t]*$")


def _body_start(text: str) -> int:
    """After the type title and subject if there is a header, else 0."""
    titles = _type_titles()
    for m in _SHORT_LINE.finditer(text, 0, min(len(text), 6000)):
        if m.group(1).strip() in titles:
            return m.end()
    return 0


def _body_end(text: str, start: int = 0) -> int:
    """Where assignments end: the recipients label, or the first appendix heading."""
    m = recipients_re().search(text)
    end = m.start() if m else len(text)
    for a in _appendix_re().finditer(text, start + _parts()["appendix_min_body_chars"], end):
        after = text[a.end(): a.end() + 300].lstrip()
        title = after.split("\n", 1)[0].strip()
        if title.startswith(tuple(_parts()["appendix_title_openers"])) or (len(title) > 3 and title.isupper()):
            return a.start()      # a heading: its title in capitals or "(Ban hành kèm theo …)" follows
    return end


@cache
def _appendix_re() -> re.Pattern[str]:
    heads = "|".join(re.escape(h) for h in _parts()["appendix_headings"])
    return re.compile(rf"(?m)^[ \t]*(?:{heads})(?:[ \t]+[IVXLC\d]+[a-z]?)?[ \t.:]*$")


_BREAK = re.compile(r"\n[ \t]*\n")
# "4. ", "a) ", "- ", "Điều 2. " / "Điều 3: " (an article whose first sentence assigns)
_ITEM_MARK = re.compile(r"^\s*(?:\d{1,2}|[a-zđ])\s*[.)]\s+|^\s*[-+•]\s*|^\s*Điều\s+\d{1,3}\s*[.:]\s*")
_JOINT = re.compile(r"\s*(?:,|và)\s+")                                        # "UBND thị xã A và UBND huyện B"
_LIST_SEP = re.compile(r"\s*(?:,|;|và)\s*")               # between agencies of a list
_ITEM_LINE = re.compile(r"\n(?=[ \t]*(?:[-+•][ \t]|\d{1,2}[.)][ \t]))")   # a line opening a list item


def _paragraphs(text: str, start: int, end: int) -> list[Para]:
    """Blank-line separated paragraphs; a mid-sentence break is joined back; closing lines end."""
    raw: list[tuple[int, int]] = []
    pos = start
    for m in _BREAK.finditer(text, start, end):
        raw.append((pos, m.start()))
        pos = m.end()
    raw.append((pos, end))
    # lines inside a paragraph that open a new list item split it too
    spans: list[tuple[int, int]] = []
    for s, e in raw:
        cut = s
        for m in _ITEM_LINE.finditer(text, s, e):
            spans.append((cut, m.start()))
            cut = m.end()
        spans.append((cut, e))
    paras: list[Para] = []
    joined: list[str] = []        # the pieces of the last paragraph, joined once at the end
    closing = tuple(_parts()["closing_cues"])
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s >= e:
            continue
        t = " ".join(text[s:e].split())
        if t.startswith(closing[:2]) or any(c in t[:120] for c in closing[2:]) and t.endswith(("./.", "/.", ".")) and paras:
            break
        if paras and _continues(joined[-1], t):
            paras[-1].end = e
            joined.append(t)
            continue
        if paras:
            paras[-1].text = " ".join(joined)
        paras.append(Para(s, e, t))
        joined = [t]
    if paras:
        paras[-1].text = " ".join(joined)
    return paras


def _continues(prev: str, nxt: str) -> bool:
    return not prev.rstrip().endswith((".", ";", ":", "!", "?", ")", "”", '"')) and nxt[:1].islower()


# ---------------------------------------------------------------- finding

@cache
def _opener_re() -> re.Pattern[str]:
    """ "Theo đó, " / "Hàng năm, " before a sentence's subject (document_parts.yaml `subject_openers`)."""
    words = "|".join(re.escape(w) for w in sorted(_parts()["subject_openers"], key=len, reverse=True))
    return re.compile(rf"^(?:{words})\s*,\s*")


@cache
def _cue_re() -> re.Pattern[str]:
    cues = "|".join(re.escape(c) for c in sorted(_parts()["assign_cues"], key=len, reverse=True))
    return re.compile(rf"(?:(?<=^)|(?<=[\s,;:.(]))(?:{cues})\s+")


@cache
def _coord_re() -> re.Pattern[str]:
    cues = "|".join(re.escape(c) for c in sorted(_parts()["coordinate_cues"], key=len, reverse=True))
    return re.compile(rf"(?i)(?:{cues})\s+")


@cache
def _deadline_re() -> re.Pattern[str]:
    cues = "|".join(re.escape(c) for c in sorted(_parts()["deadline_cues"], key=len, reverse=True))
    time = r"(?:(?P<h>\d{1,2})\s*(?:h|giờ|g)\s*(?P<mi>\d{1,2})?\s*(?:'|’|phút)?\s*,?\s*)"
    dmy = r"ngày\s*(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})(?:\s*[/.-]\s*(?P<y>\d{4}))?"
    dmy_words = r"ngày\s*(?P<d2>\d{1,2})\s*tháng\s*(?P<m2>\d{1,2})(?:\s*năm\s*(?P<y2>\d{4}))?"
    month = r"(?:tháng\s*(?P<m3>\d{1,2})\s*(?:năm\s*|/\s*)(?P<y3>\d{4}))"
    return re.compile(rf"(?P<cue>{cues})\s*{time}?(?:{dmy}|{dmy_words}|{month})", re.I)


def parse_deadline(text: str, year: int | None = None) -> tuple[datetime | None, str | None]:
    """The first deadline in text: (datetime, the words), see the module docstring."""
    for m in _deadline_re().finditer(text):
        g = m.groupdict()
        try:
            if g["m3"]:
                y, mo = int(g["y3"]), int(g["m3"])
                return datetime(y, mo, calendar.monthrange(y, mo)[1]), m.group()
            d = int(g["d"] or g["d2"])
            mo = int(g["m"] or g["m2"])
            y = int(g["y"] or g["y2"] or 0) or year
            if y is None:
                continue
            h = int(g["h"]) if g["h"] else 0
            mi = int(g["mi"]) if g["mi"] else 0
            return datetime(y, mo, d, h, mi), m.group()
        except ValueError:
            continue
    return None, None


class _Finder:
    def __init__(self, doc: Document, nt: NormText, jur: Jurisdiction):
        self.doc, self.nt, self.jur = doc, nt, jur
        self.tasks: list[Task] = []
        self.issuer = doc.issuer.name if doc.issuer else None
        # an agency opening a sentence is assigned a task only in a document that assigns
        # (a notice, a directive, a plan …) or on a page that reports what directives
        # assign ("UBND tỉnh vừa yêu cầu (số 365/UBND-KTN …) … Theo đó, Công an tỉnh …");
        # a page without either narrates ("UBND huyện Yên Thế tổ chức phiên họp …")
        self.assigning = doc.type is not None or reports_directives(nt)
        self._cite_starts = [c.start for c in doc.citations]       # in text order
        self._evidence: dict[tuple[int, int], tuple[str, list[int]]] = {}

    # -- shapes
    def item(self, head: Para, m: re.Match[str], body: list[Para]) -> None:
        rest = m.group("rest")
        names, after = _heading_agencies(rest)
        if not names:
            # topic heading: tasks come from cue sentences in it and its body
            self.loose(head)
            for p in body:
                self.loose(p)
            return
        assignees = [self._agency(n) for n in names]
        if after:      # "2. Phòng Kinh tế: <task>" on the same line
            body = [Para(head.start, head.end, after)] + body if not any(b.dash for b in body) else body
        dashes = [p for p in body if p.dash]
        if not dashes:
            if body:      # the span starts at the heading: it names the assignee
                self._add(assignees, head.start, body[-1].end, " ".join(p.text for p in body))
            return
        current: list[Agency] | None = None     # "- Sở Tài chính:" names the agency of what follows
        for p in body:
            if p.dash:
                dtext = p.text.lstrip("-+• ").strip()
                named = None if p.text.lstrip().startswith("+") else self._agency_line(dtext)
                if named is not None:
                    current, action = named
                    if action:      # "- Sở Tài chính: Bố trí kinh phí …"
                        self._add(current, p.start, p.end, action)
                    continue
                own = self._subject(dtext)
                self._add([own] if own else (current or assignees), p.start, p.end, dtext)
            elif not self.loose(p):
                self._add(current or assignees, p.start, p.end, p.text)

    def execution(self, p: Para) -> int | None:
        """The execution clause ("Điều 3. A, B; C … chịu trách nhiệm thi hành Quyết định
        này"): one task for each post or agency it names; where it starts, if it names any."""
        if not _execution_hint().search(p.text):
            return None     # no closing verb: the clause regex cannot match (and is slow to fail)
        m = _execution_re().search(p.text)
        if not m:
            return None
        who = m.group("who").strip(" ,;")
        names = [n for part in re.split(r"\s*;\s*", who) if part
                 for n in (_listed_posts(part) or _split_named(part)) if not _unnamed_re().match(n)]
        verb = "verb" if m.group("verb") else "final"
        self._add_written(names, p.start, p.end, p.text[m.start(verb):].strip())
        return m.start() if names else None

    def _add_written(self, names: list[str], start: int, end: int, action: str) -> None:
        """Assignees named by post or agency, each kept as written."""
        for n in names:
            ag = self._agency(n)
            ag.text = n
            self._add([ag], start, end, action)

    def loose(self, p: Para) -> bool:
        """Cue sentences in a paragraph; True if any task was found."""
        if is_header_row(p.text):
            return False       # the header, flattened onto a line: never an assignment
        clause = self.execution(p)
        if clause == 0:
            return True
        found = clause is not None
        text = p.text if clause is None else p.text[:clause]    # the sentences before the clause
        cues: list[tuple[re.Match[str], re.Match[str]]] = []      # (cue, the agency after it)
        for c in _cue_re().finditer(text):
            if cues and c.start() < cues[-1][1].end():
                continue      # "Giao" inside a name ("Bộ Giao thông vận tải") is no cue
            am = mention_re().match(text, c.end()) or post_mention_re().match(text, c.end())
            if am:            # "… điểm đen giao thông" names no one: no cue either
                cues.append((c, am))
        for k, (c, am) in enumerate(cues):
            phrase = am.group("name")
            if any(phrase.lower().startswith(w) for w in _parts()["not_assignee"]):
                continue
            ag = self._agency(phrase)
            if ag.name == self.issuer:
                continue
            end = cues[k + 1][0].start() if k + 1 < len(cues) else len(text)
            self._add([ag], p.start, p.end, text[c.start():end].strip(" ,;"))
            found = True
        if found:
            return True
        colon = _colon_subject(text)
        if colon:
            names, action = colon
            self._add([self._agency(n) for n in names], p.start, p.end, action)
            return True
        own = self._subjects(text) if self.assigning else []
        if own:
            self._add(own, p.start, p.end, text)
            return True
        return False

    def _agency_line(self, text: str) -> tuple[list[Agency], str | None] | None:
        """A dash item under a group heading that names its own agency: "Sở Tài chính:
        <task>", or "Sở Tài chính" / "Sở Tài chính:" alone (its tasks follow)."""
        colon = _colon_subject(text)
        if colon:
            names, action = colon
            return [self._agency(n) for n in names], action
        bare = text.rstrip(" :.;")
        am = mention_re().match(bare)
        if am and am.end() == len(bare) and head_of(expand(bare)) and not _GROUP.match(bare):
            return [self._agency(n) for n in split_agencies(bare)], None
        return None

    def _subjects(self, text: str) -> list[Agency]:
        """Agencies opening a sentence as its subject ("UBND các xã ... phối hợp với",
        "4. Sở NN&PTNT khẩn trương chỉ đạo …", "UBND thị xã A và UBND huyện B triển khai …":
        one each)."""
        t = _opener_re().sub("", _ITEM_MARK.sub("", text, count=1))
        names: list[str] = []
        pos = 0
        while (am := mention_re().match(t, pos)) is not None:
            names.append(am.group("name"))
            joint = _JOINT.match(t, am.end())
            if not joint or not mention_re().match(t, joint.end()):
                break
            pos = joint.end()
        if not names:
            return []
        after = t[am.end():].lstrip() if am else t[pos:].lstrip()
        if not after or not after[0].islower() or after.startswith(("và ", "của ", "thuộc ", "trực thuộc ")):
            return []
        if after.startswith(tuple(w + " " for w in _parts()["issuing_words"])):
            return []      # the author of an act, not an assignee
        ags = [self._agency(n) for n in names]
        return [] if any(a.name == self.issuer for a in ags) else ags

    def _subject(self, text: str) -> Agency | None:
        """The first agency opening a sentence as its subject (`_subjects`)."""
        ags = self._subjects(text)
        return ags[0] if len(ags) == 1 else None

    # -- records
    def _agency(self, phrase: str) -> Agency:
        return canonical(phrase, self.jur)

    def _add(self, assignees: list[Agency], start: int, end: int, action: str) -> None:
        action = action.strip()
        if not action or not assignees:
            return
        deadline, words = parse_deadline(action, self.doc.year)
        coords = self._coordinators(action)
        s, e = self.nt.span(start, end)
        evidence, cites = self._span(s, e)
        for a in assignees:
            self.tasks.append(Task(assignee=a, action=action[:_MAX_TEXT], start=s, end=e, sentence=evidence,
                                   coordinators=[c for c in coords if c.name != a.name], deadline=deadline,
                                   deadline_text=words, cites=list(cites)))

    def _span(self, s: int, e: int) -> tuple[str, list[int]]:
        """Evidence text and cited instruments of the original span [s, e), computed once
        per span: the tasks of one paragraph share it."""
        got = self._evidence.get((s, e))
        if got is None:
            cits, starts = self.doc.citations, self._cite_starts
            inside = (i for i in range(bisect_left(starts, s), bisect_left(starts, e)) if cits[i].end <= e)
            cites = list(islice(inside, _MAX_CITES))
            got = self._evidence[(s, e)] = (" ".join(self.doc.text[s:e].split())[:_MAX_TEXT], cites)
        return got

    def _coordinators(self, action: str) -> list[Agency]:
        out: list[Agency] = []
        names: set[str | None] = set()
        for cm in _coord_re().finditer(action):
            pos = cm.end()
            while True:
                am = mention_re().match(action, pos)
                if not am:
                    break
                for name in split_agencies(am.group("name")):
                    ag = self._agency(name)
                    if ag.name not in names:
                        names.add(ag.name)
                        out.append(ag)
                pos = am.end()
                sep = _LIST_SEP.match(action, pos)
                if not sep:
                    break
                pos = sep.end()
        return out


_NAMED_SEP = re.compile(r"\s*;\s*|\s*,\s*|\s+và\s+")


@cache
def _execution_re() -> re.Pattern[str]:
    spec = _parts()["execution_clause"]
    verbs, objs, final, heads = (_spaced(spec[k]) for k in ("verbs", "objects", "final_verbs", "headings"))
    return re.compile(rf"(?:^(?:\d{{1,2}}[.)]\s*)?|\bĐiều\s+\d+[a-z]?\s*[.:]\s*)(?:(?:{heads})\s*[.:]?\s+)?"
                      rf"(?P<who>[^\W\d_](?:[^.:]|:(?=\s*[^\W\d_])){{3,900}}?)\s+"
                      rf"(?:(?P<verb>{verbs})\s+(?:{objs})\s+này\b|(?P<final>{final})\b)")


@cache
def _execution_hint() -> re.Pattern[str]:
    """The verb part that closes every match of `_execution_re` (the same sub-patterns):
    a paragraph without it holds no execution clause."""
    spec = _parts()["execution_clause"]
    verbs, objs, final = (_spaced(spec[k]) for k in ("verbs", "objects", "final_verbs"))
    return re.compile(rf"(?:{verbs})\s+(?:{objs})\s+này\b|(?:{final})\b")


def _spaced(phrases: list[str]) -> str:
    """Alternatives of phrases whose words may be broken over lines or glued together by
    a PDF's text layer ("chịu trách nhiệm\\nthi hành", "căn cứ Quyết định thihành")."""
    return "|".join(r"\s*".join(map(re.escape, p.split())) for p in sorted(phrases, key=len, reverse=True))


@cache
def _listed_re() -> re.Pattern[str]:
    kinds = "|".join(map(re.escape, _parts()["execution_clause"]["listed_kinds"]))
    return re.compile(rf"^(?P<post>.*?\S)\s+các\s+(?P<kind>{kinds})\s*:\s*(?P<items>.+)$", re.S)


def _listed_posts(part: str) -> list[str] | None:
    """ "Giám đốc các Sở: Nông nghiệp và Phát triển nông thôn, Công Thương, Văn hóa, Thể
    thao và Du lịch" -> one post for each body listed; items joined back while they form
    a known name ("Sở Văn hóa, Thể thao và Du lịch"). None when the part is no such list."""
    m = _listed_re().match(part)
    if not m:
        return None
    kind, known = m.group("kind"), known_names()
    items = [i.strip() for i in m.group("items").split(",") if i.strip()]
    out: list[str] = []
    while items:
        take = next((n for n in range(len(items), 1, -1)
                     if match_key(expand(f"{kind} {', '.join(items[:n])}")) in known), 1)
        out.append(f"{m.group('post')} {kind} {', '.join(items[:take])}")
        items = items[take:]
    return out


@cache
def _unnamed_re() -> re.Pattern[str]:
    return re.compile(_parts()["execution_clause"]["unnamed"], re.IGNORECASE)


def _split_named(who: str) -> list[str]:
    """A list of posts and agencies split at ";", and at "," or "và" before a capital or
    "các" ("Chánh Văn phòng UBND tỉnh, Giám đốc Sở Nội vụ"), never inside a name ("Thủ
    trưởng các sở, ban, ngành tỉnh")."""
    out, pos = [], 0
    for m in _NAMED_SEP.finditer(who):
        nxt = who[m.end():m.end() + 4]
        if ";" in m.group() or nxt[:1].isupper() or ("và" in m.group() and nxt.startswith("các ")):
            out.append(who[pos:m.start()])
            pos = m.end()
    out.append(who[pos:])
    return [n.strip(" ,;.") for n in out if n.strip(" ,;.")]


def _heading_agencies(rest: str) -> tuple[list[str], str | None]:
    """Agencies named by an item heading, and the text after its colon (None if none)."""
    head, after = rest, None
    colon = _top_colon(rest)
    if colon is not None and colon < 300:
        head, after = rest[:colon], rest[colon + 1:].strip() or None
    elif len(rest) > 200 or rest.rstrip().endswith("."):
        return [], None
    head = re.sub(r"^(?:Giao|Yêu cầu|Đề nghị)\s+", "", head.strip())
    if not (head_of(expand(head)) or _agency_group(head)):
        return [], None
    return split_agencies(head), after


def _top_colon(text: str) -> int | None:
    if ":" not in text[:400]:
        return None
    depth = 0
    for i, ch in enumerate(text[:400]):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == ":" and depth == 0:
            return i
    return None


@cache
def _group_nouns_re() -> re.Pattern[str]:
    nouns = "|".join(re.escape(n) for n in sorted(table("agencies")["group_nouns"], key=len, reverse=True))
    return re.compile(rf"(?:{nouns})(?!\w)", re.I)


def _agency_group(subject: str) -> bool:
    """ "Các cơ quan, đơn vị", "Thủ trưởng các phòng, ban", "các Sở, ngành": a group of
    agencies, not "Các quỹ thuộc vốn chủ sở hữu" or "Các bước đánh giá"."""
    m = _GROUP.match(subject)
    if not m:
        return False
    rest = subject[m.end():].lstrip()
    return bool(_group_nouns_re().match(rest) or head_of(expand(rest)))


def _colon_subject(text: str) -> tuple[list[str], str] | None:
    """ "Các cơ quan ... (gồm các đơn vị: A, B, C): <task>" -> ([A, B, C], task)."""
    colon = _top_colon(text)
    if colon is None:
        return None
    subject, action = text[:colon], text[colon + 1:].strip()
    if not action or not (_agency_group(subject) or head_of(expand(subject))):
        return None
    listed = re.search(r"\((?:gồm|bao gồm)[^:()]*:\s*([^()]+)\)", subject)
    if listed:
        return split_agencies(listed.group(1)), action
    if len(subject) <= 120 and "(" not in subject and not _cue_re().search(subject):
        names = split_agencies(subject)
        if all(_names_only(n) for n in names):       # not "Bộ X nghiên cứu ý kiến của các Bộ: …"
            return names, action
    return None


def _names_only(name: str) -> bool:
    """A name and nothing else: an agency mention spanning it, or a group of agencies."""
    n = name.strip(" ,;")
    m = mention_re().match(n)
    return bool(m and m.end() >= len(n) - 1) or _agency_group(n) or not any(w[:1].islower() for w in n.split()[1:4])
