"""Unicode normal forms (NFC, NFD, NFKC, NFKD) in time linear in the text.

CPython's `unicodedata.normalize` puts the combining marks after a letter in canonical
order by insertion sort: a letter carrying a run of k marks of alternating classes
("a" + "\u0301\u0323" * k) costs ~k² steps (100k marks: ~30 s). The canonical ordering
algorithm is a stable sort of each run of non-starters by combining class, so a long
run is decomposed and sorted here first (`sorted` is stable, n log n); CPython then
finds it in order and only composes. The result is `unicodedata.normalize`'s.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache

_LONG_RUN = 32      # shorter runs cost CPython at most ~500 steps: left to it


@cache
def nonstarter_class() -> str:
    """A regex character class (without brackets) of the characters that attach to the
    one before them in normalisation: combining marks, and the few whose decomposition
    opens with one (U+0F73 TIBETAN VOWEL SIGN II, U+FF9E HALFWIDTH VOICED MARK …)."""
    combining, decomposition, normalize = unicodedata.combining, unicodedata.decomposition, unicodedata.normalize
    runs: list[list[int]] = []
    for cp in range(0x110000):
        ch = chr(cp)
        if not combining(ch):
            if not decomposition(ch) or not any(combining(normalize(f, ch)[0]) for f in ("NFD", "NFKD")):
                continue
        if runs and runs[-1][1] == cp - 1:
            runs[-1][1] = cp
        else:
            runs.append([cp, cp])
    return "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in runs)


@cache
def _long_cluster() -> re.Pattern[str]:
    """A character and a run of more than `_LONG_RUN` characters attaching to it."""
    return re.compile(rf"(?s).[{nonstarter_class()}]{{{_LONG_RUN},}}")


def normal_form(form: str, text: str) -> str:
    """`unicodedata.normalize(form, text)`, linear in len(text) (see the module docstring)."""
    if unicodedata.is_normalized(form, text):
        return text
    if len(text) > _LONG_RUN:
        decompose = "NFKD" if form in ("NFKC", "NFKD") else "NFD"
        text = _long_cluster().sub(lambda m: _in_canonical_order(m.group(), decompose), text)
    return unicodedata.normalize(form, text)


def _in_canonical_order(cluster: str, decompose: str) -> str:
    """The decomposition of `cluster` with each run of non-starters stably sorted by
    combining class: the canonical ordering, in n log n. A cluster starts at a starter
    (or the text's start) and the character after it is one, so no run crosses its ends."""
    combining = unicodedata.combining
    out: list[str] = []
    run: list[str] = []
    for ch in "".join(unicodedata.normalize(decompose, c) for c in cluster):
        if combining(ch):
            run.append(ch)
            continue
        if run:
            out += sorted(run, key=combining)
            run = []
        out.append(ch)
    out += sorted(run, key=combining)
    return "".join(out)
