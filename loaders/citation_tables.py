"""The citation finder's view of the domain tables (types, bodies, issuer phrases, relation cues).

Every regex built here is compiled from the YAML tables (`domain/data/types.yaml`,
`loaders/data/`), once per
process; phrases match case-insensitively and any whitespace inside a phrase matches
any run of whitespace (PDF text breaks phrases across lines).
"""
from __future__ import annotations

import re
from functools import cache

from domain.bodies import issuer_names
from domain.types import type_by_word, types_table

from .tables import table


def phrase_regex(phrases: list[str] | tuple[str, ...]) -> str:
    """An alternation of `phrases`, longest first, whitespace-tolerant, whole words."""
    alts = sorted({p.strip().lower() for p in phrases if p.strip()}, key=len, reverse=True)
    body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in alts)
    return rf"(?<!\w)(?:{body})(?!\w)"


@cache
def type_words_regex() -> str:
    return phrase_regex(list(type_by_word()))


@cache
def named_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """(type code, compiled pattern) for instruments cited by name only."""
    out = []
    for spec in types_table().get("named", []):
        pat = spec["pattern"].replace(" ", r"\s+")
        out.append((spec["type"], re.compile(pat, re.IGNORECASE)))
    return out


@cache
def issuer_names_regex() -> re.Pattern[str]:
    """Known multi-word issuer names, anchored with `.match`."""
    return re.compile(phrase_regex(issuer_names()), re.IGNORECASE)


@cache
def cues() -> dict[str, dict[str, str]]:
    """{"active"|"passive": {lower-case cue phrase: relation}}."""
    data = table("relation_cues")
    out: dict[str, dict[str, str]] = {"active": {}, "passive": {}}
    for kind in out:
        for rel, phrases in data[kind].items():
            for p in phrases:
                out[kind].setdefault(" ".join(p.lower().split()), rel)
    return out


@cache
def trailing_cues() -> list[tuple[re.Pattern[str], str]]:
    """(regex, relation) of the cues written after a citation (`relation_cues.yaml: trailing`)."""
    return [(re.compile(r"[\s,]*+(?:" + t["cue"].replace(" ", r"\s+") + ")", re.IGNORECASE), t["relation"])
            for t in table("relation_cues").get("trailing", [])]


@cache
def cue_regex(kind: str) -> re.Pattern[str]:
    return re.compile(phrase_regex(list(cues()[kind])), re.IGNORECASE)


def cue_relation(kind: str, matched: str) -> str:
    return cues()[kind][" ".join(matched.lower().split())]


@cache
def issuer_stop_regex() -> re.Pattern[str]:
    """Where an issuer phrase after "của" ends: stop words, cues, type words, "và"."""
    stops = list(table("issuer_phrases").get("phrase_stops", [])) + ["và", "hoặc"]
    stops += list(cues()["active"]) + list(cues()["passive"])
    stops += list(table("relation_cues").get("subject_intro", []))
    return re.compile(phrase_regex(stops) + "|" + type_words_regex() + r"(?=\s+(?:số|\d))", re.IGNORECASE)


@cache
def subject_intro_regex() -> re.Pattern[str]:
    return re.compile(phrase_regex(table("relation_cues").get("subject_intro", [])), re.IGNORECASE)


@cache
def subject_cue_regex() -> re.Pattern[str]:
    """Active cues that may open an instrument's own subject clause (not the neutral ones)."""
    phrases = [p for p, rel in cues()["active"].items() if rel not in ("CITES", "BASED_ON")]
    return re.compile(phrase_regex(phrases), re.IGNORECASE)


@cache
def news_followers_regex() -> re.Pattern[str]:
    return re.compile(phrase_regex(table("relation_cues").get("news_followers", [])), re.IGNORECASE)


@cache
def passive_agent_regex() -> re.Pattern[str]:
    agents = table("relation_cues").get("passive_agents", [])
    return re.compile(phrase_regex(agents) + r"\s*$", re.IGNORECASE)
