// description: instruments with their display fields (symbol, type name, date, subject, issuer, status, name, whether the text is in the corpus, whether a document of its own was loaded): every one, or those whose folded symbol is `symbol`; the explorer's search index and its exact-symbol seek
// mô tả: các văn bản với trường hiển thị (số, ký hiệu, loại, ngày, trích yếu, cơ quan ban hành, tình trạng, có toàn văn hay không, đã nạp hay chỉ được viện dẫn): tất cả, hoặc những văn bản có số, ký hiệu đã chuẩn hóa là `symbol`
// params: symbol (key, null), limit (int, 1000)
MATCH (m:Instrument)
WHERE $symbol IS NULL OR m.symbol_key = $symbol
RETURN m.id AS id, m.symbol AS symbol, m.type_name AS type_name, m.date AS date, m.subject AS subject,
       m.issuer AS issuer, m.status AS status, m.name AS name, m.has_text AS has_text,
       m.doc_id IS NOT NULL AS loaded
LIMIT $limit

// variant: by_symbol when symbol
MATCH (m:Instrument {symbol_key: $symbol})
RETURN m.id AS id, m.symbol AS symbol, m.type_name AS type_name, m.date AS date, m.subject AS subject,
       m.issuer AS issuer, m.status AS status, m.name AS name, m.has_text AS has_text,
       m.doc_id IS NOT NULL AS loaded
LIMIT $limit

// variant: every when !symbol
MATCH (m:Instrument)
RETURN m.id AS id, m.symbol AS symbol, m.type_name AS type_name, m.date AS date, m.subject AS subject,
       m.issuer AS issuer, m.status AS status, m.name AS name, m.has_text AS has_text,
       m.doc_id IS NOT NULL AS loaded
LIMIT $limit
