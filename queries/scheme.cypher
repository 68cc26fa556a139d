// description: the "Lược đồ" of one instrument: how many instruments it relates to, and how many relate to it, by citation relation (each other instrument once per relation; `*`: any relation, towards it)
// mô tả: “Lược đồ” của một văn bản: số văn bản nó có quan hệ đến và số văn bản có quan hệ đến nó, theo từng loại quan hệ trích dẫn
// params: id (str, null), rels (list, CITES,IMPLEMENTS,BASED_ON,GUIDES,AMENDS,REPLACES,REPEALS,CORRECTS,DETAILS,CONSOLIDATES,SUSPENDS,ANNULS,EXTENDS)
MATCH (n:Instrument {id: $id})-[r]->(m:Instrument) WHERE type(r) IN $rels
RETURN 'out' AS direction, type(r) AS relation, count(DISTINCT m) AS n
UNION ALL
MATCH (n:Instrument {id: $id})<-[r]-(m:Instrument) WHERE type(r) IN $rels
RETURN 'in' AS direction, type(r) AS relation, count(DISTINCT m) AS n
UNION ALL
MATCH (n:Instrument {id: $id})<-[r]-(m:Instrument) WHERE type(r) IN $rels
RETURN 'in' AS direction, '*' AS relation, count(DISTINCT m) AS n
