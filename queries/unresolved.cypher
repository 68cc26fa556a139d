// description: cited instruments whose text is not in the corpus (has_text false), most cited first: the documents to collect next (a citation the link pass linked to a loaded instrument is not); status filters resolved/ambiguous/unresolved
// mô tả: các văn bản được viện dẫn mà toàn văn chưa có trong kho, được viện dẫn nhiều nhất trước: những văn bản cần thu thập tiếp; lọc theo tình trạng xác định trích dẫn
// params: status (str, null), issuer (text, null), limit (int, 100)
// cited_by_count (distinct citing instruments) is kept by the store at write time: rank first, then look up
// the first citers (by symbol: the same five on every engine) of the rows returned only
MATCH (n:Instrument)
WHERE n.cited_by_count >= 1
  AND coalesce(n.has_text, false) = false
  AND NOT coalesce(n.link_status, '') IN ['inferred', 'curated']
  AND ($status IS NULL OR n.status = $status)
  AND ($issuer IS NULL OR coalesce(n.issuer_key, '') CONTAINS $issuer)
WITH n ORDER BY n.cited_by_count DESC, n.id LIMIT $limit
CALL {
  WITH n
  MATCH (doc:Instrument)-[:CITES|IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|REPEALS|CORRECTS|DETAILS|CONSOLIDATES|SUSPENDS|ANNULS|EXTENDS]->(n)
  WITH DISTINCT coalesce(doc.symbol, doc.id) AS citer ORDER BY citer LIMIT 5
  RETURN collect(citer) AS cited_in
}
RETURN n.symbol AS symbol, coalesce(n.mention, n.name) AS mention, n.type_name AS type,
       n.issuer AS issuer, n.date AS date, n.status AS status, n.cited_by_count AS cited_by, cited_in,
       n.reason AS reason, n.id AS id
ORDER BY cited_by DESC, id
