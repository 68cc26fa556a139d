// description: documents citing an instrument (by id or symbol), any relation, filtered by the citing document's type, issuer, province and date range
// mô tả: các văn bản viện dẫn một văn bản (theo mã hoặc số, ký hiệu), mọi quan hệ, lọc theo loại, cơ quan ban hành, tỉnh và khoảng ngày của văn bản viện dẫn
// params: id (str, null), symbol (key, null), type (key, null), issuer (text, null), province (text, null), since (date, null), until (date, null), limit (int, 200)
MATCH (target:Instrument)
WHERE target.id = $id OR ($id IS NULL AND target.symbol_key = $symbol)
MATCH (doc:Instrument)-[r:CITES|IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|REPEALS|CORRECTS|DETAILS|CONSOLIDATES|SUSPENDS|ANNULS|EXTENDS]->(target)
WHERE ($type IS NULL OR doc.type_key = $type)
  AND ($issuer IS NULL OR coalesce(doc.issuer_key, '') CONTAINS $issuer)
  AND ($province IS NULL OR coalesce(doc.province_key, doc.issuer_key, '') CONTAINS $province)
  AND ($since IS NULL OR doc.date >= $since)
  AND ($until IS NULL OR doc.date <= $until)
RETURN target.symbol AS target, doc.symbol AS symbol, doc.type_name AS type, doc.issuer AS issuer,
       doc.date AS date, type(r) AS relation, r.status AS status, r.sentence AS sentence,
       doc.id AS id, r.source_doc AS source_doc
ORDER BY date DESC, id
LIMIT $limit

// variant: by_id when id
MATCH (target:Instrument {id: $id})
MATCH (doc:Instrument)-[r:CITES|IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|REPEALS|CORRECTS|DETAILS|CONSOLIDATES|SUSPENDS|ANNULS|EXTENDS]->(target)
WHERE ($type IS NULL OR doc.type_key = $type)
  AND ($issuer IS NULL OR coalesce(doc.issuer_key, '') CONTAINS $issuer)
  AND ($province IS NULL OR coalesce(doc.province_key, doc.issuer_key, '') CONTAINS $province)
  AND ($since IS NULL OR doc.date >= $since)
  AND ($until IS NULL OR doc.date <= $until)
RETURN target.symbol AS target, doc.symbol AS symbol, doc.type_name AS type, doc.issuer AS issuer,
       doc.date AS date, type(r) AS relation, r.status AS status, r.sentence AS sentence,
       doc.id AS id, r.source_doc AS source_doc
ORDER BY date DESC, id
LIMIT $limit

// variant: by_symbol when symbol !id
MATCH (target:Instrument {symbol_key: $symbol})
MATCH (doc:Instrument)-[r:CITES|IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|REPEALS|CORRECTS|DETAILS|CONSOLIDATES|SUSPENDS|ANNULS|EXTENDS]->(target)
WHERE ($type IS NULL OR doc.type_key = $type)
  AND ($issuer IS NULL OR coalesce(doc.issuer_key, '') CONTAINS $issuer)
  AND ($province IS NULL OR coalesce(doc.province_key, doc.issuer_key, '') CONTAINS $province)
  AND ($since IS NULL OR doc.date >= $since)
  AND ($until IS NULL OR doc.date <= $until)
RETURN target.symbol AS target, doc.symbol AS symbol, doc.type_name AS type, doc.issuer AS issuer,
       doc.date AS date, type(r) AS relation, r.status AS status, r.sentence AS sentence,
       doc.id AS id, r.source_doc AS source_doc
ORDER BY date DESC, id
LIMIT $limit

// variant: nothing when !id !symbol
