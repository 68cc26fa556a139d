"""The vocabulary of Vietnamese administrative documents, once, for every layer.

loaders/ (reading), graph/ (resolving and storing), queries/ and the app all take their
domain facts from here: how Vietnamese is spelled and keyed, document types, issuing
bodies and their codes, the number-and-symbol grammar, and the gazetteer of places.
Every table is a YAML file in `domain/data/`; nothing here imports another package of
the project.
"""
