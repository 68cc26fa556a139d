// description: the most cited instruments (distinct citing documents), filtered by type, issuer, province, date range and whether the text is in the corpus
// mô tả: các văn bản được viện dẫn nhiều nhất (số văn bản viện dẫn khác nhau), lọc theo loại, cơ quan ban hành, tỉnh, khoảng ngày và có toàn văn trong kho hay không
// params: type (key, null), issuer (text, null), province (text, null), since (date, null), until (date, null), has_text (bool, null), limit (int, 50)
// cited_by_count (distinct citing instruments, any citation relation) is kept by the store at write time
MATCH (n:Instrument)
WHERE n.cited_by_count >= 1
  AND ($type IS NULL OR n.type_key = $type)
  AND ($issuer IS NULL OR coalesce(n.issuer_key, '') CONTAINS $issuer)
  AND ($province IS NULL OR coalesce(n.province_key, n.issuer_key, '') CONTAINS $province)
  AND ($since IS NULL OR n.date >= $since)
  AND ($until IS NULL OR n.date <= $until)
  AND ($has_text IS NULL OR coalesce(n.has_text, false) = $has_text)
RETURN n.symbol AS symbol, n.type_name AS type, n.issuer AS issuer, n.date AS date,
       n.cited_by_count AS cited_by, n.has_text AS has_text, n.status AS status, n.id AS id
ORDER BY cited_by DESC, id
LIMIT $limit
