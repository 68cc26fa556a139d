"""Named, parameterised Cypher (and SPARQL) queries and their runner."""
