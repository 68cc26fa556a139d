"""Read Vietnamese administrative documents and extract their citations,
relations, assignments and parties.

    from loaders import extract_paths
    for doc in extract_paths(["data/samples"]):
        ...
"""
from .model import Agency, Citation, Document, Entity, LoadError, Person, Relation, Source, Task
from .pipeline import extract, extract_paths

__all__ = [
    "Agency", "Citation", "Document", "Entity", "LoadError", "Person", "Relation", "Source", "Task",
    "extract", "extract_paths",
]
