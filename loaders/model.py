"""Records that flow out of the loaders: one `Document` per input, holding its own
identity and every citation, relation, task and entity found in it.

Offsets (`start`, `end`) always point into `Document.text`, the text as read from
the file (after format decoding), never into the normalised copy used for matching.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass
class Evidence:
    """Where a fact was read: the span in the document text and its sentence."""

    start: int
    end: int
    sentence: str


@dataclass
class Citation:
    """One mention of an instrument in a document.

    `kind` is "numbered" (has a number/symbol) or "named" (an instrument named
    without a number, e.g. "Nghị quyết Đại hội Đảng bộ tỉnh Lạng Sơn lần thứ XVI").
    `family` is one of "administrative", "cong_van", "normative", "law", "party"
    (DOMAIN.md §1) for numbered citations, None for named ones.
    """

    text: str                      # the mention as written (original text slice)
    start: int
    end: int
    sentence: str
    kind: str = "numbered"
    family: str | None = None
    symbol: str | None = None      # canonical: "56/KH-UBND", "10/2020/NĐ-CP", "09-NQ/TU"
    number: str | None = None      # "56" (string: keeps leading zeros as written)
    type: str | None = None        # document type code: "KH", "QĐ", "CV" (công văn) ...
    type_name: str | None = None   # "Kế hoạch", "Quyết định", "Công văn" ...
    issuer_code: str | None = None  # from the symbol: "UBND", "TTg", "BNN" ...
    unit_code: str | None = None    # công văn drafting unit: "VP" in 739/UBND-VP
    year: int | None = None        # from the symbol or the date
    date: date | None = None
    issuer: str | None = None      # issuer phrase as written: "UBND tỉnh", "Thủ tướng Chính phủ"
    subject: str | None = None     # "về việc ..." / "về ..."
    pinpoint: str | None = None    # "Điều 7, khoản 2"
    relation: str = "CITES"        # how the citing document relates to this instrument
    cue: str | None = None         # the cue words that decided `relation`
    ocr: bool = False
    # a law cited by name (`loaders.named_laws`): how its number was found, or the laws it
    # may be when its name and dates fit several ("ambiguous: name alone, and no date …")
    resolved_by: str | None = None
    candidates: list[str] = field(default_factory=list)
    provision: str | None = None   # the citing document's own provision it is cited in: "Điều 2, khoản 1"
    part: bool = False             # the relation touches part of it ("bãi bỏ một số điều của …")


@dataclass
class Relation:
    """An edge stated by the text between two cited instruments (not the citing doc).

    `source` and `target` are indexes into `Document.citations`.
    """

    source: int
    target: int
    relation: str
    start: int
    end: int
    sentence: str
    cue: str | None = None


@dataclass
class Effect:
    """When an instrument, or one of its provisions, takes effect (`kind` "effective") or
    loses it ("expiry"), as the text says, with its evidence.

    `target` is an index into `Document.citations` (a cited instrument), None for the
    document itself. The day is `date` (written), or counted from the document's own
    signing (`anchor` "signing", `days` after it: "sau 45 ngày kể từ ngày ký"), or the
    document's own effective day (`anchor` "own_effect": "kể từ ngày Nghị định này có hiệu
    lực"). `until`: the last day of a period ("từ ngày … đến hết ngày …").
    """

    kind: str
    start: int
    end: int
    sentence: str
    cue: str
    anchor: str = "date"             # "date" | "signing" | "own_effect"
    date: date | None = None
    days: int = 0
    until: date | None = None
    provision: str | None = None     # "Điều 5", "Điều 3, khoản 2"; None: the whole instrument
    target: int | None = None


@dataclass
class Agency:
    """An agency as named in a document, scoped to a jurisdiction."""

    name: str                         # canonical display name: "Phòng Kinh tế"
    text: str | None = None           # as written
    jurisdiction: str | None = None   # "thành phố Lạng Sơn, tỉnh Lạng Sơn"; None = national
    kind: str | None = None           # "ubnd", "so", "phong", "thanh_tra", "bo", "party" ...
    full_name: str | None = None      # name with its unit, for search: "Thanh tra thành phố Lạng Sơn",
                                      # "Sở Nội vụ thành phố Hải Phòng"; None for groups ("các cơ quan ...")


@dataclass
class Task:
    """An assignment: the document asks `assignee` to do `action`, by `deadline`."""

    assignee: Agency
    action: str
    start: int
    end: int
    sentence: str
    coordinators: list[Agency] = field(default_factory=list)
    deadline: datetime | None = None
    deadline_text: str | None = None
    cites: list[int] = field(default_factory=list)   # indexes into Document.citations


@dataclass
class Entity:
    """A named entity: label is ORG, PER, LOC, DATE (spaCy labels)."""

    label: str
    text: str
    start: int
    end: int
    sentence: str
    title: str | None = None   # for persons: "Chủ tịch UBND thành phố"
    norm: str | None = None    # normalised value (ISO date, canonical agency name)


@dataclass
class Person:
    name: str
    title: str | None = None          # "Chủ tịch UBND thành phố", "PHÓ CHÁNH VĂN PHÒNG"
    authority: str | None = None      # signing authority: "TL. CHỦ TỊCH / KT. CHÁNH VĂN PHÒNG"
    start: int | None = None
    end: int | None = None


@dataclass
class Document:
    """One input document (a file, or one row of a portal metadata file)."""

    doc_id: str                    # stable: relative path, or "path#row" for rows
    source: str                    # file path as given
    text: str                      # the original text; all offsets point here
    format: str = "txt"            # txt, md, html, docx, pdf, jsonl-row, csv-row ...
    content_hash: str | None = None
    row: int | None = None         # 1-based row (line) number for jsonl/csv rows
    # identity
    number: str | None = None      # None for a blank "Số: /TB-UBND"
    symbol: str | None = None      # canonical symbol, "311/TB-UBND"; "/TB-UBND" if blank number
    type: str | None = None        # type code "TB"
    type_name: str | None = None   # "Thông báo"
    family: str | None = None
    place: str | None = None       # "TP. Lạng Sơn"
    date: date | None = None
    year: int | None = None
    subject: str | None = None
    issuer: Agency | None = None   # "UBND thành phố Lạng Sơn"
    province: str | None = None    # "tỉnh Lạng Sơn" / "thành phố Hải Phòng"
    signer: Person | None = None
    chair: Person | None = None
    recipients: list[Agency] = field(default_factory=list)   # "Nơi nhận"
    addressees: list[Agency] = field(default_factory=list)   # "Kính gửi" (letters)
    # extracted
    citations: list[Citation] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    ocr: bool = False
    warnings: list[str] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)

    def to_json(self, with_text: bool = False) -> dict[str, Any]:
        """A JSON-ready dict (dates ISO); the full text only when asked."""
        data = asdict(self)
        if not with_text:
            data.pop("text")
        return _jsonable(data)


@dataclass
class LoadError:
    """A file (or row) that could not be read: reported, never fatal to a batch."""

    source: str
    reason: str
    row: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}#{self.row}" if self.row is not None else self.source
        return f"{where}: {self.reason}"


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


@dataclass
class Source:
    """Text read from one file or one portal row, before extraction.

    `metadata` holds a portal row's mapped fields under fixed keys:
    "symbol", "date" (as written), "subject", "issuer", "status", "url",
    plus the untouched row under "row".
    """

    doc_id: str
    path: str
    text: str
    format: str
    content_hash: str
    row: int | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    ocr: bool = False
