"""Build `domain/data/laws.yaml`, the table of national laws, codes and ordinances by
name, from the project's corpora (`../shared/corpus`) and a short curated list.

    python -m tools.build_law_table [--shared ../shared/corpus]

Where a name and a number occur together:

- the Ministry of Justice notes (`phapdien/notes.jsonl`): "Luật số 24/2000/QH10 Kinh
  doanh bảo hiểm ngày 09/12/2000 của Quốc hội, có hiệu lực thi hành kể từ ngày
  01/04/2001" — number, name, date and effective date;
- any text of the corpora (gazette texts, MOJ notes, dvhcvn, Bình Dương subject lines):
  "Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15" — name and number (the year is the
  number's). A name that amends another ("Luật sửa đổi, bổ sung … của Luật X số N")
  is skipped there: the number may be either law's;
- `tools/laws_curated.yaml`: the laws local documents cite most that the corpora never
  name with their number (each row says so: `source: curated`).

Each row keeps where it was read (`sources`, up to three `file#line`) and how often.
Two numbers for one name and year are both kept: a citation of that name and year is
then ambiguous, never guessed.
"""
from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from domain.keys import match_key

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "domain" / "data" / "laws.yaml"
CURATED = Path(__file__).with_name("laws_curated.yaml")
SOURCES = ["phapdien/notes.jsonl", "congbao/congbao_400.jsonl", "dvhcvn/dvhcvn_2025.jsonl",
           "binhduong/vbcddh.jsonl"]

KIND = r"(?P<kind>Bộ luật|Luật|Pháp lệnh)"
NUMBER = r"(?P<sym>\d+/\d{4}/(?:QH|PL-UBTVQH|UBTVQH)\d+)"
NAME = r"(?P<name>(?:[^\W\d][\w,\-–]*\s+){0,18}?[^\W\d][\w\-–]*)"
DMY = r"\d{1,2}/\d{1,2}/\d{4}"
# MOJ: "Luật số N <name> ngày D của Quốc hội, có hiệu lực thi hành kể từ ngày E"
NUMBER_NAME_DATE = re.compile(
    rf"\b{KIND}\s+số\s+{NUMBER}\s+{NAME}\s+ngày\s+(?P<date>{DMY})(?:\s+của\s+[^,]{{1,40}})?"
    rf"(?:,\s+có hiệu lực thi hành kể từ ngày\s+(?P<eff>{DMY}))?")
# anywhere: "Luật <name> số N"
NAME_NUMBER = re.compile(rf"\b{KIND}\s+{NAME}\s+số\s*:?\s*{NUMBER}")
# a clause, not a title: effect words, an amending law (its number may be the amended
# law's), another law's name, a preamble's next line, a page rule
_NOT_A_NAME = re.compile(r"hiệu lực|sửa đổi|\bcủa\s+(?:Bộ\s+)?[Ll]uật\b|\bsố\b|\bnày\b|\bnăm\b|\bngày\b"
                         r"|\bLuật\b|\bCăn cứ\b|_|\b(?:Nghị quyết|Nghị định|Thông tư|Quyết định|Pháp lệnh)\b")


def _day(dmy: str | None) -> date | None:
    if not dmy:
        return None
    d, m, y = (int(x) for x in dmy.split("/"))
    try:
        return date(y, m, d)
    except ValueError:
        return None


def canonical_name(kind: str, name: str) -> str | None:
    """ "Luật" + "phòng, chống tác hại của rượu, bia" -> "Luật Phòng, chống tác hại của rượu,
    bia"; a name that is a clause, not a title, -> None."""
    name = " ".join(name.split()).strip(" ,;-–")
    for k in ("Bộ luật ", "Luật ", "Pháp lệnh "):
        rest = name[len(k):]
        if name.lower().startswith(k.lower()) and len(rest.split()) > 1:   # not "Luật sư"
            kind, name = k.strip(), rest
    if not name or _NOT_A_NAME.search(name) or len(name.split()) > 16:
        return None
    return f"{kind} {name[:1].upper()}{name[1:]}"


def _texts(shared: Path):
    for rel in SOURCES:
        path = shared / rel
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                row = json.loads(line)
                yield f"{rel}#{n}", " ".join(v for v in row.values() if isinstance(v, str))


def mine(shared: Path) -> dict[tuple[str, str], dict[str, Any]]:
    """(name key, symbol) -> row, from every text of the corpora."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    names: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def add(kind: str, raw: str, sym: str, where: str, day: date | None = None, eff: date | None = None) -> None:
        name = canonical_name(kind, raw)
        if name is None:
            return
        key = (match_key(name), sym)
        row = rows.setdefault(key, {"name": name, "symbol": sym, "year": int(sym.split("/")[1]),
                                    "date": None, "effective": None, "sources": [], "seen": 0})
        names[key][name] += 1
        row["seen"] += 1
        if day and day.year == row["year"]:
            row["date"] = row["date"] or day
        if eff:
            row["effective"] = row["effective"] or eff
        if len(row["sources"]) < 3 and where not in row["sources"]:
            row["sources"].append(where)

    for where, text in _texts(shared):
        if "uật" not in text and "Pháp lệnh" not in text:
            continue
        for m in NUMBER_NAME_DATE.finditer(text):
            add(m["kind"], m["name"], m["sym"], where, _day(m["date"]), _day(m["eff"]))
        for m in NAME_NUMBER.finditer(text):
            add(m["kind"], m["name"], m["sym"], where)
    for key, row in rows.items():      # the spelling seen most often
        row["name"] = max(names[key].items(), key=lambda kv: kv[1])[0]
    return rows


def build(shared: Path) -> list[dict[str, Any]]:
    rows = mine(shared)
    for cur in yaml.safe_load(CURATED.read_text(encoding="utf-8")):
        key = (match_key(cur["name"]), cur["symbol"])
        row = rows.setdefault(key, {"name": cur["name"], "symbol": cur["symbol"],
                                    "year": int(cur["symbol"].split("/")[1]), "date": None,
                                    "effective": None, "sources": [], "seen": 0})
        row["date"] = row["date"] or cur.get("date")
        row["effective"] = row["effective"] or cur.get("effective")
        row["sources"].append("curated")
    # one number, several names: the name read most often (a curated row counts as the
    # corpora's); the others are misreadings ("Luật Thống kê số 85/2015/QH13" for 89/2015)
    by_symbol: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows.values():
        by_symbol[row["symbol"]].append(row)
    out = []
    for same in by_symbol.values():
        best = max(same, key=lambda r: ("curated" in r["sources"], r["seen"]))
        best["misread_as"] = sorted(r["name"] for r in same if r is not best) or None
        out.append(best)
    for row in out:
        for k in ("misread_as", "date", "effective"):
            if row[k] is None:
                del row[k]
    return sorted(out, key=lambda r: (match_key(r["name"]), r["year"], r["symbol"]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = ap.parse_args(argv)
    rows = build(args.shared)
    header = ("# National laws, codes and ordinances by name: built by tools/build_law_table.py from\n"
              "# ../shared/corpus (sources: file#line) and tools/laws_curated.yaml (source: curated).\n"
              "# Do not edit by hand: edit the curated list or the corpora, and rebuild.\n")
    OUT.write_text(header + yaml.safe_dump(rows, allow_unicode=True, sort_keys=False, width=120),
                   encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(rows)} laws "
          f"({sum('curated' in r['sources'] for r in rows)} with a curated row)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
