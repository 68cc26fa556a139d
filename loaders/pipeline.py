"""clean -> find -> annotate: one `Source` in, one `Document` out."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from .citations import find_citations, reports_only, without_own
from .effect import annotate as annotate_effects
from .entities import find_entities
from .identity import is_news, parse_identity
from .model import Document, LoadError, Source
from .named_laws import resolve_named_laws
from .normalize import normalize
from .read import iter_sources
from .tables import table
from .tasks import find_tasks


def extract(source: Source, entities: bool = True) -> Document:
    """Everything vbgraph reads out of one source."""
    doc = Document(
        doc_id=source.doc_id, source=source.path, text=source.text, format=source.format,
        content_hash=source.content_hash, row=source.row, metadata=source.metadata, ocr=source.ocr,
    )
    nt = normalize(source.text)
    parse_identity(doc, nt)
    doc.citations, doc.relations = find_citations(nt)
    doc.citations, doc.relations = without_own(doc.citations, doc.relations, doc.symbol, doc.date)
    if is_news(doc):
        reports_only(doc.citations)
    resolve_named_laws(doc)
    annotate_effects(doc, nt)
    if source.ocr:
        for c in doc.citations:
            c.ocr = True
    doc.tasks = find_tasks(doc, nt)
    if entities:
        doc.entities = find_entities(doc, nt)
    return doc


def warm_up_source() -> Source:
    """A small document (`document_parts.yaml: warm_up`) whose extraction compiles the
    pattern tables and loads the data files, before real documents arrive."""
    return Source("warm-up", "warm-up", table("document_parts")["warm_up"], "txt", "0")


def extract_paths(
    paths: Iterable[str | Path], mapping: dict[str, str] | None = None, entities: bool = True
) -> Iterator[Document | LoadError]:
    """Documents from files, directories and row files; a `LoadError` per bad input."""
    for item in iter_sources(paths, mapping):
        if isinstance(item, LoadError):
            yield item
            continue
        try:
            yield extract(item, entities=entities)
        except Exception as exc:  # one bad document never stops a batch
            yield LoadError(item.path, f"extraction failed: {type(exc).__name__}: {exc}", item.row)
