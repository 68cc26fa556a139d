// description: find instruments by symbol (any case, with or without diacritics; the exact symbol when it exists, else every symbol containing it), words of the subject or issuer, type and date range
// mô tả: tìm văn bản theo số, ký hiệu (không phân biệt hoa thường, có hoặc không dấu), từ trong trích yếu hoặc cơ quan ban hành, loại và khoảng ngày
// params: symbol (key, null), words (words, null), type (key, null), since (date, null), until (date, null), has_text (bool, null), limit (int, 50)
MATCH (n:Instrument)
WHERE ($symbol IS NULL OR n.symbol_key CONTAINS $symbol)
  AND ALL(w IN $words WHERE (coalesce(n.subject_key, '') + ' ' + coalesce(n.issuer_key, '') + ' '
                             + coalesce(n.name_key, '')) CONTAINS w)
  AND ($type IS NULL OR n.type_key = $type)
  AND ($since IS NULL OR n.date >= $since)
  AND ($until IS NULL OR n.date <= $until)
  AND ($has_text IS NULL OR coalesce(n.has_text, false) = $has_text)
RETURN n.symbol AS symbol, n.type_name AS type, n.issuer AS issuer, n.date AS date,
       n.subject AS subject, n.has_text AS has_text, n.status AS status, n.id AS id
ORDER BY CASE WHEN n.symbol_key = $symbol THEN 0 ELSE 1 END, has_text DESC, date DESC, id
LIMIT $limit

// variant: exact when symbol unless empty
MATCH (n:Instrument {symbol_key: $symbol})
WHERE ALL(w IN $words WHERE (coalesce(n.subject_key, '') + ' ' + coalesce(n.issuer_key, '') + ' '
                             + coalesce(n.name_key, '')) CONTAINS w)
  AND ($type IS NULL OR n.type_key = $type)
  AND ($since IS NULL OR n.date >= $since)
  AND ($until IS NULL OR n.date <= $until)
  AND ($has_text IS NULL OR coalesce(n.has_text, false) = $has_text)
RETURN n.symbol AS symbol, n.type_name AS type, n.issuer AS issuer, n.date AS date,
       n.subject AS subject, n.has_text AS has_text, n.status AS status, n.id AS id
ORDER BY has_text DESC, date DESC, id
LIMIT $limit
