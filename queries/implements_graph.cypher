// description: instruments and the IMPLEMENTS edges between them, as whole nodes and relationships (a graph to look at: the Cypher console's first example)
// params:
MATCH (a:Instrument)-[r:IMPLEMENTS]->(b:Instrument)
RETURN a, r, b LIMIT 50
