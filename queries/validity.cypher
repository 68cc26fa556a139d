// description: an instrument's validity on a date (in_force, not_yet_in_force, amended_in_part, partly_in_force, suspended, expired, repealed, replaced, unknown), derived from its own days and what other instruments do to it, with the chain of evidence and the portal's own claim
// mô tả: tình trạng hiệu lực của một văn bản vào một ngày (còn hiệu lực, chưa có hiệu lực, bị sửa đổi một phần, hết hiệu lực một phần, bị đình chỉ, hết hạn, bị bãi bỏ, bị thay thế, chưa rõ), suy ra từ các ngày của nó và tác động của văn bản khác, với chuỗi bằng chứng và thông tin của cổng thông tin
// params: id (str, null), symbol (key, null), on (date, today)
// derive: graph.validity:derive
// The rows are the facts (the instrument's days, the acts on it); graph/validity.py derives
// one status per instrument from them.
MATCH (n:Instrument)
WHERE n.id = $id OR ($id IS NULL AND n.symbol_key = $symbol)
OPTIONAL MATCH (a:Instrument)-[r:REPLACES|REPEALS|ANNULS|SUSPENDS|EXTENDS|AMENDS]->(n)
WITH n, collect(CASE WHEN r IS NULL THEN NULL ELSE {relation: type(r), by_id: a.id, by: coalesce(a.symbol, a.name),
     by_date: a.date, by_effective: a.effective_from, effective_on: r.effective_on, in_part: r.in_part,
     pinpoint: r.pinpoint, source_pinpoint: r.source_pinpoint, sentence: r.sentence,
     source_doc: r.source_doc, status: r.status} END) AS acts
RETURN n.id AS id, n.symbol AS symbol, n.name AS name, n.family AS family, n.date AS date,
       n.has_text AS has_text, n.effective_from AS effective_from, n.effective_text AS effective_text,
       n.expires_on AS expires_on, n.expiry_text AS expiry_text, n.effects AS effects,
       n.portal_status AS portal_status, n.cited_in AS cited_in, acts
ORDER BY has_text DESC, date DESC, id

// variant: by_id when id
MATCH (n:Instrument {id: $id})
OPTIONAL MATCH (a:Instrument)-[r:REPLACES|REPEALS|ANNULS|SUSPENDS|EXTENDS|AMENDS]->(n)
WITH n, collect(CASE WHEN r IS NULL THEN NULL ELSE {relation: type(r), by_id: a.id, by: coalesce(a.symbol, a.name),
     by_date: a.date, by_effective: a.effective_from, effective_on: r.effective_on, in_part: r.in_part,
     pinpoint: r.pinpoint, source_pinpoint: r.source_pinpoint, sentence: r.sentence,
     source_doc: r.source_doc, status: r.status} END) AS acts
RETURN n.id AS id, n.symbol AS symbol, n.name AS name, n.family AS family, n.date AS date,
       n.has_text AS has_text, n.effective_from AS effective_from, n.effective_text AS effective_text,
       n.expires_on AS expires_on, n.expiry_text AS expiry_text, n.effects AS effects,
       n.portal_status AS portal_status, n.cited_in AS cited_in, acts

// variant: by_symbol when symbol !id
MATCH (n:Instrument {symbol_key: $symbol})
OPTIONAL MATCH (a:Instrument)-[r:REPLACES|REPEALS|ANNULS|SUSPENDS|EXTENDS|AMENDS]->(n)
WITH n, collect(CASE WHEN r IS NULL THEN NULL ELSE {relation: type(r), by_id: a.id, by: coalesce(a.symbol, a.name),
     by_date: a.date, by_effective: a.effective_from, effective_on: r.effective_on, in_part: r.in_part,
     pinpoint: r.pinpoint, source_pinpoint: r.source_pinpoint, sentence: r.sentence,
     source_doc: r.source_doc, status: r.status} END) AS acts
RETURN n.id AS id, n.symbol AS symbol, n.name AS name, n.family AS family, n.date AS date,
       n.has_text AS has_text, n.effective_from AS effective_from, n.effective_text AS effective_text,
       n.expires_on AS expires_on, n.expiry_text AS expiry_text, n.effects AS effects,
       n.portal_status AS portal_status, n.cited_in AS cited_in, acts
ORDER BY has_text DESC, date DESC, id

// variant: nothing when !id !symbol
