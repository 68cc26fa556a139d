"""`Builder`: collects one document's citations, tasks and traps while its text is written."""
from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any

from .gen_model import Meta
from .gen_text import pick, rint, date_long, date_short, expected_status, mention, trap
from .gen_units import Unit, data


def jurisdiction(u: Unit | None) -> str | None:
    """'huyện Lạc Sơn, tỉnh Hòa Bình'; None for national agencies."""
    if u is None:
        return None
    names = []
    while u is not None:
        names.append(u.full)
        u = u.parent
    return ", ".join(names)


class Builder:
    """One document being written: its identity, text blocks and ground truth."""

    def __init__(self, meta: Meta, rng: random.Random, noise: float, true_date: date,
                 draft: bool = False, blank_day: bool = False) -> None:
        self.meta = meta
        self.true_date = true_date
        self.rng = rng
        self.noise = noise
        self.draft = draft
        self.blank_day = blank_day
        self.cites: dict[str, dict[str, Any]] = {}
        self._targets: dict[str, Meta] = {}
        self.stated: list[dict[str, str]] = []
        self.tasks: list[dict[str, Any]] = []
        self.traps: list[str] = []
        self.chair: dict[str, str] | None = None
        self.signer: dict[str, str] | None = None
        self.recipients: list[str] = []

    # ------------------------------------------------------------ citations
    def cite(self, t: Meta, rel: str, subject: float = 0.5, when: float = 0.85, who: float = 0.85) -> str:
        """A mention of `t`; the first mention of a target decides its relation."""
        e = self.cites.get(t.key)
        if e is None:
            e = self.cites[t.key] = {
                "symbol": t.symbol, "relation": rel, "target": t.key, "target_id": t.id,
                "external": t.id is None, "target_desc": t.descriptor(),
                "date_written": False, "issuer_written": None, "mentions": 0, "noise": [],
            }
            self._targets[t.key] = t
        text = mention(t, self.meta, self.rng, self.noise, e, with_subject=0.0, with_date=when,
                       with_issuer=who)
        if t.type != "L" and self.rng.random() < subject:
            text += (" về việc " if self.rng.random() < 0.3 else " về ") + self.subject_of(t)
        return text

    def subject_of(self, t: Meta) -> str:
        """The subject of `t`, with a nested mention when `t` implements another instrument."""
        ref = t.ref
        if ref is None:
            return t.subject
        edge = {"source": t.key, "target": ref.key, "relation": "IMPLEMENTS"}
        if edge not in self.stated:
            self.stated.append(edge)
        return "triển khai thực hiện " + self.cite(ref, "CITES", subject=0.0, when=0.9, who=0.95)

    # ------------------------------------------------------------ tasks
    def agency(self, name: str) -> str:
        u = self.meta.unit
        return name.replace("{unit}", u.kind) if u is not None else name

    def deadline(self, boss: str) -> tuple[str, str | None, str | None]:
        """(clause, ISO deadline, deadline phrase) or ('', None, None)."""
        rng = self.rng
        r = rng.random()
        if r < 0.35:
            return "", None, None
        base = self.meta.date or date(self.meta.year, 12, 1)
        d = base + timedelta(days=rint(rng, 2, 40))
        if r < 0.55:
            phrase = f"trước ngày {date_short(d, rng)}"
            return f"; hoàn thành {phrase}", d.isoformat(), phrase
        if r < 0.7:
            hh = pick(rng, (8, 9, 10, 11, 14, 15, 16, 17))
            phrase = f"chậm nhất {hh}h00 ngày {date_short(d, rng)}"
            return f". Nội dung tham mưu trình {boss} {phrase}", datetime(d.year, d.month, d.day, hh).isoformat(), phrase
        if r < 0.8:
            hh = pick(rng, (7, 9, 11, 16))
            phrase = f"trước {hh:02d}h00' ngày {date_short(d, rng)}"
            return f". Báo cáo {boss} {phrase}", datetime(d.year, d.month, d.day, hh).isoformat(), phrase
        if r < 0.9:
            phrase = f"trước {date_long(d, pad=False)}"
            return f", thời gian hoàn thành xong {phrase}", d.isoformat(), phrase
        phrase = f"chậm nhất ngày {date_short(d, rng)}"
        return f", gửi về {boss} {phrase} để tổng hợp", d.isoformat(), phrase

    def task(self, n: int | None, agency: str, action: str, boss: str, coords: list[str] | None = None,
             cites: list[str] | None = None, style: str | None = None) -> str:
        """A numbered (or bulleted) assignment; records its ground truth."""
        rng = self.rng
        agency = self.agency(agency)
        coords = [self.agency(c) for c in (coords or []) if c != agency]
        clause, iso, phrase = self.deadline(boss)
        style = style or pick(rng, ("colon", "colon", "line", "giao", "giao", "yeu_cau"))
        head = f"{n}. " if n is not None else "- "
        co = f"chủ trì, phối hợp với {', '.join(coords)} " if coords else ""
        body = f"{co}{action}{clause}."
        if style == "colon":
            text = f"{head}{agency}: {body[0].upper()}{body[1:]}"
        elif style == "line":
            text = f"{head}{agency}\n\n{body[0].upper()}{body[1:]}"
        elif style == "giao":
            text = f"{head}Giao {agency} {body}"
        else:
            text = f"{head}Yêu cầu {agency} {body}"
        self.tasks.append({
            "assignee": agency, "jurisdiction": jurisdiction(self.meta.unit), "deadline": iso,
            "deadline_text": phrase, "coordinators": coords, "cites": cites or [],
        })
        return text

    def agencies(self, k: int) -> list[str]:
        pool = data()["agencies"][self.meta.level]
        return self.rng.sample(pool, min(k, len(pool)))

    def maybe_trap(self, paras: list[str]) -> None:
        """With probability `noise`, slip one or two non-citation sentences into the body."""
        if not self.noise or self.rng.random() >= self.noise:
            return
        for _ in range(rint(self.rng, 1, 2)):
            s = trap(self.rng, self.meta.year)
            self.traps.append(s)
            paras.insert(rint(self.rng, max(1, len(paras) // 2), len(paras)), s)

    # ------------------------------------------------------------ truth
    def truth(self) -> dict[str, Any]:
        for key, e in self.cites.items():
            e["status"] = expected_status(self._targets[key], e)
        return {"citations": list(self.cites.values()), "relations": self.stated, "tasks": self.tasks,
                "traps": self.traps, "chair": self.chair, "signer": self.signer, "recipients": self.recipients}
