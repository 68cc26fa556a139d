// description: one level of a trace through instruments: those pointing at the instruments `down_from`, or those the instruments `up_from` point at, by the given relations (none: any), each edge with its evidence sentence and the instrument's display fields
// mô tả: một cấp của truy vết qua các văn bản: những văn bản trỏ đến các văn bản `down_from`, hoặc những văn bản mà các văn bản `up_from` trỏ đến, theo các quan hệ đã cho, mỗi cạnh với câu dẫn chứng
// params: down_from (list, null), up_from (list, null), rels (list, null), limit (int, 200)
// One query per level, an index seek per id of the level (the explorer's Truy vết walks
// down or up level by level, at most `limit` edges each).
UNWIND $down_from AS i
MATCH (p:Instrument {id: i})<-[r]-(m:Instrument)
WHERE size($rels) = 0 OR type(r) IN $rels
RETURN p.id AS parent, type(r) AS rel, r.sentence AS sentence, m.id AS id, labels(m)[0] AS label,
       m.symbol AS symbol, m.type_name AS type_name, m.date AS date, m.issuer AS issuer, m.status AS status
LIMIT $limit
UNION ALL
UNWIND $up_from AS i
MATCH (p:Instrument {id: i})-[r]->(m:Instrument)
WHERE size($rels) = 0 OR type(r) IN $rels
RETURN p.id AS parent, type(r) AS rel, r.sentence AS sentence, m.id AS id, labels(m)[0] AS label,
       m.symbol AS symbol, m.type_name AS type_name, m.date AS date, m.issuer AS issuer, m.status AS status
LIMIT $limit

// variant: down when down_from !up_from
UNWIND $down_from AS i
MATCH (p:Instrument {id: i})<-[r{{rels|CITES|IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|REPEALS|CORRECTS|DETAILS|CONSOLIDATES|SUSPENDS|ANNULS|EXTENDS}}]-(m:Instrument)
RETURN p.id AS parent, type(r) AS rel, r.sentence AS sentence, m.id AS id, labels(m)[0] AS label,
       m.symbol AS symbol, m.type_name AS type_name, m.date AS date, m.issuer AS issuer, m.status AS status
LIMIT $limit

// variant: up when up_from !down_from
UNWIND $up_from AS i
MATCH (p:Instrument {id: i})-[r{{rels|CITES|IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|REPEALS|CORRECTS|DETAILS|CONSOLIDATES|SUSPENDS|ANNULS|EXTENDS}}]->(m:Instrument)
RETURN p.id AS parent, type(r) AS rel, r.sentence AS sentence, m.id AS id, labels(m)[0] AS label,
       m.symbol AS symbol, m.type_name AS type_name, m.date AS date, m.issuer AS issuer, m.status AS status
LIMIT $limit

// variant: nothing when !down_from !up_from
