// description: cited instruments whose text is not in the corpus (has_text false), most cited first: the documents to collect next; status filters resolved/ambiguous/unresolved
// params: status (str, null), issuer (text, null), limit (int, 100)
MATCH (n:Instrument)
WHERE coalesce(n.has_text, false) = false
  AND ($status IS NULL OR n.status = $status)
  AND ($issuer IS NULL OR coalesce(n.issuer_key, '') CONTAINS $issuer)
MATCH (doc:Instrument)-[:CITES|IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|REPEALS|CORRECTS]->(n)
WITH n, count(DISTINCT doc) AS cited_by, collect(DISTINCT coalesce(doc.symbol, doc.id))[0..5] AS cited_in
RETURN n.symbol AS symbol, coalesce(n.mention, n.name) AS mention, n.type_name AS type,
       n.issuer AS issuer, n.date AS date, n.status AS status, cited_by, cited_in,
       n.reason AS reason, n.id AS id
ORDER BY cited_by DESC, id
LIMIT $limit
