// description: the timeline of an instrument's citers (by id or symbol): who cited it, when and how, in date order
// mô tả: dòng thời gian các văn bản viện dẫn một văn bản: ai viện dẫn, khi nào và theo quan hệ nào, theo thứ tự ngày
// params: id (str, null), symbol (key, null), limit (int, 500)
MATCH (target:Instrument)
WHERE target.id = $id OR ($id IS NULL AND target.symbol_key = $symbol)
MATCH (doc:Instrument)-[r:CITES|IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|REPEALS|CORRECTS|DETAILS|CONSOLIDATES|SUSPENDS|ANNULS|EXTENDS]->(target)
RETURN doc.date AS date, doc.symbol AS symbol, doc.type_name AS type, doc.issuer AS issuer,
       type(r) AS relation, target.symbol AS target, doc.id AS id
ORDER BY date, id
LIMIT $limit

// variant: by_id when id
MATCH (target:Instrument {id: $id})
MATCH (doc:Instrument)-[r:CITES|IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|REPEALS|CORRECTS|DETAILS|CONSOLIDATES|SUSPENDS|ANNULS|EXTENDS]->(target)
RETURN doc.date AS date, doc.symbol AS symbol, doc.type_name AS type, doc.issuer AS issuer,
       type(r) AS relation, target.symbol AS target, doc.id AS id
ORDER BY date, id
LIMIT $limit

// variant: by_symbol when symbol !id
MATCH (target:Instrument {symbol_key: $symbol})
MATCH (doc:Instrument)-[r:CITES|IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|REPEALS|CORRECTS|DETAILS|CONSOLIDATES|SUSPENDS|ANNULS|EXTENDS]->(target)
RETURN doc.date AS date, doc.symbol AS symbol, doc.type_name AS type, doc.issuer AS issuer,
       type(r) AS relation, target.symbol AS target, doc.id AS id
ORDER BY date, id
LIMIT $limit

// variant: nothing when !id !symbol
