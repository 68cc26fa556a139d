// description: what a document (by id or symbol) rests on: the instruments it cites, with the relation and resolution status, filtered by the cited instrument's type, issuer and date range
// mô tả: những gì một văn bản (theo mã hoặc số, ký hiệu) dựa vào: các văn bản nó viện dẫn, với quan hệ và tình trạng xác định trích dẫn, lọc theo loại, cơ quan ban hành và khoảng ngày của văn bản được viện dẫn
// params: id (str, null), symbol (key, null), type (key, null), issuer (text, null), since (date, null), until (date, null), limit (int, 200)
MATCH (doc:Instrument)
WHERE doc.id = $id OR ($id IS NULL AND doc.symbol_key = $symbol)
MATCH (doc)-[r:CITES|IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|REPEALS|CORRECTS|DETAILS|CONSOLIDATES|SUSPENDS|ANNULS|EXTENDS]->(cited:Instrument)
WHERE ($type IS NULL OR cited.type_key = $type)
  AND ($issuer IS NULL OR coalesce(cited.issuer_key, '') CONTAINS $issuer)
  AND ($since IS NULL OR cited.date >= $since)
  AND ($until IS NULL OR cited.date <= $until)
OPTIONAL MATCH (other:Instrument)-[:CITES|IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|REPEALS|CORRECTS|DETAILS|CONSOLIDATES|SUSPENDS|ANNULS|EXTENDS]->(cited)
WITH doc, r, cited, count(DISTINCT other) AS cited_by
RETURN doc.symbol AS document, type(r) AS relation, cited.symbol AS symbol, cited.type_name AS type,
       cited.issuer AS issuer, cited.date AS date, r.status AS status, cited.has_text AS has_text,
       cited_by, r.sentence AS sentence, cited.id AS id
ORDER BY cited_by DESC, date, id
LIMIT $limit

// variant: by_id when id
MATCH (doc:Instrument {id: $id})
MATCH (doc)-[r:CITES|IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|REPEALS|CORRECTS|DETAILS|CONSOLIDATES|SUSPENDS|ANNULS|EXTENDS]->(cited:Instrument)
WHERE ($type IS NULL OR cited.type_key = $type)
  AND ($issuer IS NULL OR coalesce(cited.issuer_key, '') CONTAINS $issuer)
  AND ($since IS NULL OR cited.date >= $since)
  AND ($until IS NULL OR cited.date <= $until)
OPTIONAL MATCH (other:Instrument)-[:CITES|IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|REPEALS|CORRECTS|DETAILS|CONSOLIDATES|SUSPENDS|ANNULS|EXTENDS]->(cited)
WITH doc, r, cited, count(DISTINCT other) AS cited_by
RETURN doc.symbol AS document, type(r) AS relation, cited.symbol AS symbol, cited.type_name AS type,
       cited.issuer AS issuer, cited.date AS date, r.status AS status, cited.has_text AS has_text,
       cited_by, r.sentence AS sentence, cited.id AS id
ORDER BY cited_by DESC, date, id
LIMIT $limit

// variant: by_symbol when symbol !id
MATCH (doc:Instrument {symbol_key: $symbol})
MATCH (doc)-[r:CITES|IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|REPEALS|CORRECTS|DETAILS|CONSOLIDATES|SUSPENDS|ANNULS|EXTENDS]->(cited:Instrument)
WHERE ($type IS NULL OR cited.type_key = $type)
  AND ($issuer IS NULL OR coalesce(cited.issuer_key, '') CONTAINS $issuer)
  AND ($since IS NULL OR cited.date >= $since)
  AND ($until IS NULL OR cited.date <= $until)
OPTIONAL MATCH (other:Instrument)-[:CITES|IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|REPEALS|CORRECTS|DETAILS|CONSOLIDATES|SUSPENDS|ANNULS|EXTENDS]->(cited)
WITH doc, r, cited, count(DISTINCT other) AS cited_by
RETURN doc.symbol AS document, type(r) AS relation, cited.symbol AS symbol, cited.type_name AS type,
       cited.issuer AS issuer, cited.date AS date, r.status AS status, cited.has_text AS has_text,
       cited_by, r.sentence AS sentence, cited.id AS id
ORDER BY cited_by DESC, date, id
LIMIT $limit

// variant: nothing when !id !symbol
