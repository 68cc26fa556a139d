// description: for inspectors: documents that implement or are based on an instrument no longer in force on a date (repealed, replaced or annulled in whole, suspended, or expired on or before it), those issued after it lapsed first
// mô tả: cho thanh tra: các văn bản thực hiện hoặc căn cứ vào một văn bản đã hết hiệu lực vào một ngày (bị bãi bỏ, thay thế, hủy bỏ toàn bộ, bị đình chỉ hoặc hết hạn), văn bản ban hành sau khi căn cứ hết hiệu lực xếp trước
// params: on (date, today), deciding (list, resolved,inferred,curated), limit (int, 200)
// An act's day as graph/validity.py reads it: the day its text states, else its
// instrument's effective day, else its date; an instrument's own expiry (`expires_on`).
// Only an act whose citation is `deciding` (graph/validity.py DECIDING) counts.
CALL {
  MATCH (a:Instrument)-[r:REPLACES|REPEALS|ANNULS|SUSPENDS]->(t:Instrument)
  WHERE NOT coalesce(r.in_part, false) AND coalesce(r.status, 'resolved') IN $deciding
  WITH t, type(r) AS relation, coalesce(a.symbol, a.name, a.id) AS by,
       coalesce(r.effective_on, a.effective_from, a.date) AS day
  WHERE day IS NOT NULL AND day <= $on
  RETURN t, relation, by, day
  UNION
  MATCH (t:Instrument) WHERE t.expires_on <= $on
  RETURN t, 'EXPIRES' AS relation, coalesce(t.symbol, t.id) AS by, t.expires_on AS day
}
WITH t, relation, by, day ORDER BY day
WITH t, min(day) AS since, collect(relation + ' ' + by)[0] AS cause
MATCH (d:Instrument)-[u:IMPLEMENTS|BASED_ON]->(t)
WHERE d.has_text = true
WITH d, u, t, since, cause, (d.date IS NOT NULL AND d.date > since) AS after
RETURN d.symbol AS document, d.issuer AS issuer, d.date AS date, type(u) AS relation,
       t.symbol AS instrument, since AS lapsed_on, cause, after AS after_lapse, u.sentence AS sentence,
       d.id AS id, t.id AS instrument_id
ORDER BY after_lapse DESC, date DESC, id, instrument_id
LIMIT $limit
