"""vbgraph: a citation knowledge graph of Vietnamese administrative documents."""
__version__ = "0.1.0"
