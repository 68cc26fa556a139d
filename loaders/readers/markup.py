"""Markdown (pandoc) and HTML -> plain text."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from functools import cache

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from .layout import footer_lines, is_footer_row

# ---------------------------------------------------------------- markdown
# emphasis: a delimiter not after a word character or a backslash and before a non-space,
# up to the nearest same delimiter after a non-space (not a backslash) and before a non-word
_DELIMITERS = ("**", "__", "*", "_")                    # tried in this order at each opener
_OPENER = re.compile(r"(?<![\w\\])[*_]")
_CLOSERS = {d: re.compile(rf"(?<=[^\s\\])(?={re.escape(d)}(?!\w))") for d in _DELIMITERS}
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~\"'^$=:;/&@%,])")
_HEADING = re.compile(r"(?m)^[ \t]{0,3}#{1,6}[ \t]+")
# possessive: a line of spaces that is no rule fails once, not once per way to split its spaces
_TABLE_RULE = re.compile(r"(?m)^[ \t]*+\|?[ \t]*+:?-{3,}+:?[ \t]*+(?:\|[ \t]*+:?-{3,}+:?[ \t]*+)*+\|?[ \t]*+$")
_GRID_RULE = re.compile(r"(?m)^[ \t]*\+(?:[-=:]+\+)+[ \t]*$")
# images, links and pandoc attributes ({#id .class}); group "end" is None when one never
# closes on its line: the match then runs to where no later start on that line could close
# either, and is kept as written (a start cannot cost a scan to the end of the line)
_IMAGE = re.compile(r"!\[([^\]\n]*+)(?:\]\([^)\n]*+(?P<end>\))?)?")
_LINK = re.compile(r"\[([^\]\n]++)(?:\]\([^)\n]*+(?P<end>\))?)?")
_ATTRS = re.compile(r"\{[#.][^}\n]*+(?P<end>\})?")
_BR = re.compile(r"<br\s*/?>", re.I)
_HARD_BREAK = re.compile(r"(?m)(?<!\\)\\[ \t]*$")     # pandoc: a backslash ending a line
_GRID_LINE = re.compile(r"^[ \t]*\+(?:[-=:]+\+)+[ \t]*$")
_DASH_LINE = re.compile(r"^[ \t]*-{3,}(?:[ \t]+-{3,})+[ \t]*$")
_CELL_EDGE = " \t*_\\\u00a0|"
_MAX_ROW_LINES = 80


def markdown_text(md: str) -> str:
    """Text of a pandoc markdown document: emphasis markers, backslash escapes,
    heading hashes, link targets and table rules removed; table cells kept."""
    text = _BR.sub(" ", md)
    text = _layout_tables(text)
    text = _IMAGE.sub(_closed(r"\1"), text)
    text = _LINK.sub(_closed(r"\1"), text)
    text = _ATTRS.sub(_closed(""), text)
    text = _HEADING.sub("", text)
    text = _TABLE_RULE.sub("", text)
    text = _GRID_RULE.sub("", text)
    for _ in range(3):  # nested emphasis: ***x***, **_x_**
        new = _strip_emphasis(text)
        if new == text:
            break
        text = new
    return _ESCAPE.sub(r"\1", _HARD_BREAK.sub("", text))


def _closed(template: str) -> Callable[[re.Match[str]], str]:
    """A `re.sub` replacement: `template` for a match that closes, the match itself otherwise."""
    return lambda m: m.expand(template) if m.group("end") else m.group()


def emphasis_pairs(text: str, delimiters: tuple[str, ...] = _DELIMITERS) -> list[tuple[int, int, int]]:
    r"""One level of emphasis, left to right, as (opener, closer, delimiter length): at each
    opener the first delimiter of `delimiters` that has a closer is taken, with its nearest
    closer (what the lazy regex `(\*\*|__|\*|_)(?=\S)(.+?)(?<=[^\s\\])\1(?!\w)` matches).
    The closers are found once and looked up by bisection: an opener that never closes
    costs a lookup, not a scan to the end of the text."""
    if "*" not in text and "_" not in text:
        return []
    closers = {d: [m.start() for m in _CLOSERS[d].finditer(text)] for d in delimiters}
    pairs: list[tuple[int, int, int]] = []
    done = 0
    m = _OPENER.search(text)
    while m is not None:
        i = m.start()
        for d in delimiters:
            body = i + len(d)
            if not text.startswith(d, i) or body >= len(text) or text[body].isspace():
                continue
            ends = closers[d]
            k = bisect_left(ends, body + 1)
            if k < len(ends):
                pairs.append((i, ends[k], len(d)))
                done = ends[k] + len(d)
                break
        m = _OPENER.search(text, done if done > i else i + 1)
    return pairs


def _strip_emphasis(text: str) -> str:
    """Emphasis markers removed, one level (`emphasis_pairs`)."""
    parts: list[str] = []
    done = 0
    for opener, closer, size in emphasis_pairs(text):
        parts += [text[done:opener], text[opener + size:closer]]
        done = closer + size
    parts.append(text[done:])
    return "".join(parts)


def _layout_tables(md: str) -> str:
    """Two-column layout tables read column by column. A docx's footer is a table whose
    left cell holds "Nơi nhận:" and the recipients and whose right cell holds the
    signature ("TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI / CHỦ TỊCH / Trần Thanh Mẫn"); pandoc
    writes it as a grid or multiline table whose lines interleave the two cells. Such a
    row becomes the left cell's lines, a blank line, the right cell's lines. Data tables
    (any other row) are left as they are."""
    lines = md.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        rule = lines[i]
        same = _GRID_LINE if _GRID_LINE.match(rule) else _DASH_LINE if _DASH_LINE.match(rule) else None
        end = None
        if same is not None:
            end = next((k for k in range(i + 1, min(len(lines), i + _MAX_ROW_LINES)) if same.match(lines[k])), None)
        cells = _two_cells(rule, lines[i + 1:end], grid=same is _GRID_LINE) if end is not None else None
        if cells is None:
            out.append(rule)
            i += 1
            continue
        out += [rule, *footer_lines(cells)]
        i = end if same is _GRID_LINE else end + 1      # a grid's closing rule opens its next row
        if same is _DASH_LINE:
            out.append(lines[end])
    return "\n".join(out)


def _two_cells(rule: str, body: list[str], grid: bool) -> tuple[list[str], list[str]] | None:
    """The two cells of a layout row (lines between two rules), or None if it is not one."""
    if grid:
        bars = [k for k, ch in enumerate(rule) if ch == "+"]
        if len(bars) != 3:
            return None
        spans = [(bars[0] + 1, bars[1]), (bars[1] + 1, bars[2])]
    else:
        groups = [m.start() for m in re.finditer(r"-{3,}", rule)]
        if len(groups) != 2:
            return None
        spans = [(0, groups[1]), (groups[1], None)]
    cols: tuple[list[str], list[str]] = ([], [])
    for line in body:
        parts = line.strip().split("|") if grid else []
        # "| left | right |": by the bars (a wide letter shifts columns), else by position
        pieces = parts[1:3] if len(parts) == 4 else [line[a:b] for a, b in spans]
        for col, piece in zip(cols, pieces):
            cell = piece.strip(_CELL_EDGE)
            if cell:
                col.append(cell)
    return cols if is_footer_row(cols) else None


# ---------------------------------------------------------------- HTML
_DROP_TAGS = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form",
              "template", "iframe", "svg", "canvas", "object", "embed", "head", "button", "select"]
_DROP_ATTR = re.compile(r"(?<![a-z])(?:nav|menu|breadcrumb)|(?:nav|navbar|menu|breadcrumbs?)(?![a-z])", re.I)
_BLOCK = {
    "address", "article", "blockquote", "body", "br", "caption", "center", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "html", "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "title", "tr", "ul",
}
_CELL = {"td", "th"}
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag, if any."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace").lower() if m else None


def html_text(html: str) -> str:
    """Visible text of a page without scripts, styles, navigation, menus and
    forms; block elements become line breaks, table cells are separated by " | "."""
    tree = HTMLParser(_shallow(html))
    root = tree.body or tree.root
    if root is None:
        return ""
    return _layout(_walk(root, len(root.text() or "")))


# Nesting. The parser walks its stack of open elements at every block start tag, so a
# page of 200k nested <div> costs 200k x 200k steps. As browsers do (Blink stops at 512),
# nesting is bounded: a start tag deeper than _MAX_DEPTH is dropped (a block one becomes a
# line break), its text kept. Depth is counted on the tags as written, skipping void
# elements, raw text (script, style ...) and the elements whose end tag may be left out
# (p, li, td ...: the parser closes them itself); pages nested less deeply are untouched.
_MAX_DEPTH = 256
_VOID = {"area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input", "keygen",
         "link", "meta", "param", "source", "track", "wbr"}
_RAW_TEXT = {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
             "plaintext"}
_OPTIONAL_END = {"html", "head", "body", "p", "li", "dt", "dd", "option", "optgroup", "rb", "rt", "rp", "rtc",
                 "tr", "td", "th", "tbody", "thead", "tfoot", "colgroup", "caption"}
_SELF_CLOSING = {"a", "nobr"}     # a new one closes the open one
_MARKUP = re.compile(r"<(?:!--.*?(?:-->|\Z)|[!?][^>]*+>?|(?P<close>/?)(?P<name>[A-Za-z][^\s/>]*+)[^>]*+>?)", re.S)


@cache
def _raw_text_end(name: str) -> re.Pattern[str]:
    return re.compile(rf"</{name}(?=[\s/>])", re.I)


def _shallow(html: str) -> str:
    """`html` with the start tags nested deeper than `_MAX_DEPTH` dropped (see above)."""
    stack: list[str] = []
    open_count: dict[str, int] = {}
    edits: list[tuple[int, int, str]] = []

    def close(name: str) -> None:
        while True:
            top = stack.pop()
            open_count[top] -= 1
            if top == name:
                return

    pos = 0
    while (m := _MARKUP.search(html, pos)) is not None:
        pos = m.end()
        if m.group("name") is None:
            continue
        name = m.group("name").lower()
        if m.group("close"):
            if open_count.get(name):
                close(name)
            continue
        if name in _RAW_TEXT:
            end = _raw_text_end(name).search(html, pos)
            pos = end.start() if end else len(html)
            continue
        if name in _VOID or name in _OPTIONAL_END:
            continue
        if name in _SELF_CLOSING and open_count.get(name):
            close(name)
        if len(stack) >= _MAX_DEPTH:
            edits.append((m.start(), m.end(), "<br>" if name in _BLOCK else ""))
            continue
        stack.append(name)
        open_count[name] = open_count.get(name, 0) + 1
    if not edits:
        return html
    parts: list[str] = []
    done = 0
    for a, b, repl in edits:
        parts += [html[done:a], repl]
        done = b
    parts.append(html[done:])
    return "".join(parts)


def _dropped(node, total: int) -> bool:
    tag = node.tag
    if tag in _DROP_TAGS:
        return True
    if tag in ("html", "body", "main", "article"):
        return False
    attrs = node.attributes
    label = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    if not label.strip() or not _DROP_ATTR.search(label):
        return False
    # a wrapper of the whole page ("page-with-nav") is not a menu
    return not (total > 400 and len(node.text() or "") > total // 2)


def _walk(root, total: int) -> list[str]:
    """Text pieces in document order; "\n" around blocks (iterative: deep trees are fine)."""
    out: list[str] = []
    stack: list[object] = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        node = item
        tag = node.tag
        if tag == "-text":
            out.append(_SPACES.sub(" ", (node.text_content or "").replace("\n", " ")))
            continue
        if tag is None or tag.startswith("-") or tag == "!doctype" or _dropped(node, total):
            continue
        if tag == "br":
            out.append("\n")
            continue
        if tag in _CELL:
            out.append(" | ")
        elif tag in _BLOCK:
            out.append("\n")
            stack.append("\n")
        stack.extend(reversed(list(node.iter(include_text=True))))
    return out


def _layout(pieces: list[str]) -> str:
    lines = []
    for line in "".join(pieces).split("\n"):
        line = _SPACES.sub(" ", line).strip()
        line = line.strip("| ").strip() if line.startswith("|") else line
        lines.append(line)
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
