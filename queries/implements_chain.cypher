// description: the upstream chain of a document (by id or symbol): what it implements or is based on, hop by hop up to the national directive
// mô tả: chuỗi ngược lên của một văn bản: những gì nó thực hiện hoặc căn cứ vào, từng bước đến chỉ thị trung ương
// params: id (str, null), symbol (key, null), hops (int, 6), limit (int, 200)
MATCH (doc:Instrument)
WHERE doc.id = $id OR ($id IS NULL AND doc.symbol_key = $symbol)
MATCH p = (doc)-[:IMPLEMENTS|BASED_ON*1..10]->(up:Instrument)
WHERE length(p) <= $hops
WITH doc, up, p ORDER BY length(p)
WITH doc, up, collect(p)[0] AS p
OPTIONAL MATCH (up)-[:ISSUED_BY]->(ia:Agency)
WITH doc, up, p, collect(ia)[0] AS ia
RETURN doc.symbol AS document, length(p) AS hops, up.symbol AS symbol, up.type_name AS type,
       coalesce(up.issuer, ia.name) AS issuer, up.date AS date,
       CASE WHEN ia IS NULL THEN NULL WHEN ia.jurisdiction IS NULL THEN 'national' ELSE 'local' END AS level,
       up.has_text AS has_text, up.status AS status,
       [n IN nodes(p) | coalesce(n.symbol, n.name, n.id)] AS path,
       [r IN relationships(p) | type(r)] AS relations, up.id AS id
ORDER BY hops, date, id
LIMIT $limit

// variant: by_id when id
MATCH (doc:Instrument {id: $id})
MATCH p = (doc)-[:IMPLEMENTS|BASED_ON*1..{{hops|1..10}}]->(up:Instrument)
WHERE length(p) <= $hops
WITH doc, up, p ORDER BY length(p)
WITH doc, up, collect(p)[0] AS p
OPTIONAL MATCH (up)-[:ISSUED_BY]->(ia:Agency)
WITH doc, up, p, collect(ia)[0] AS ia
RETURN doc.symbol AS document, length(p) AS hops, up.symbol AS symbol, up.type_name AS type,
       coalesce(up.issuer, ia.name) AS issuer, up.date AS date,
       CASE WHEN ia IS NULL THEN NULL WHEN ia.jurisdiction IS NULL THEN 'national' ELSE 'local' END AS level,
       up.has_text AS has_text, up.status AS status,
       [n IN nodes(p) | coalesce(n.symbol, n.name, n.id)] AS path,
       [r IN relationships(p) | type(r)] AS relations, up.id AS id
ORDER BY hops, date, id
LIMIT $limit

// variant: by_symbol when symbol !id
MATCH (doc:Instrument {symbol_key: $symbol})
MATCH p = (doc)-[:IMPLEMENTS|BASED_ON*1..{{hops|1..10}}]->(up:Instrument)
WHERE length(p) <= $hops
WITH doc, up, p ORDER BY length(p)
WITH doc, up, collect(p)[0] AS p
OPTIONAL MATCH (up)-[:ISSUED_BY]->(ia:Agency)
WITH doc, up, p, collect(ia)[0] AS ia
RETURN doc.symbol AS document, length(p) AS hops, up.symbol AS symbol, up.type_name AS type,
       coalesce(up.issuer, ia.name) AS issuer, up.date AS date,
       CASE WHEN ia IS NULL THEN NULL WHEN ia.jurisdiction IS NULL THEN 'national' ELSE 'local' END AS level,
       up.has_text AS has_text, up.status AS status,
       [n IN nodes(p) | coalesce(n.symbol, n.name, n.id)] AS path,
       [r IN relationships(p) | type(r)] AS relations, up.id AS id
ORDER BY hops, date, id
LIMIT $limit

// variant: nothing when !id !symbol
