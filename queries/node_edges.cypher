// description: the edges at one node (by id, of a label or of any), both directions, of the given relation types (none: any): each edge's type, direction, evidence (sentence, status, stating document, count, span) and the other end's display fields, at most `limit` each way
// mô tả: các cạnh tại một nút, cả hai chiều, theo các loại quan hệ đã cho (để trống: mọi loại): loại, chiều, bằng chứng (câu dẫn chứng, tình trạng, văn bản nêu, số lần, vị trí) và trường hiển thị của đầu kia
// params: id (str, null), label (str, null), rels (list, null), limit (int, 200)
MATCH (n {id: $id})-[r]->(m)
WHERE ($label IS NULL OR $label IN labels(n)) AND (size($rels) = 0 OR type(r) IN $rels)
RETURN type(r) AS rel, r.sentence AS sentence, r.status AS edge_status, r.source_doc AS source_doc,
       r.count AS count, r.`start` AS span_start, r.`end` AS span_end,
       m.id AS id, labels(m)[0] AS label, m.symbol AS symbol, m.type_name AS type_name, m.date AS date,
       m.issuer AS issuer, m.status AS status, m.name AS name,
       CASE WHEN 'Task' IN labels(m) THEN coalesce(m.action, m.text) END AS action, m.deadline AS deadline,
       'out' AS direction
LIMIT $limit
UNION ALL
MATCH (n {id: $id})<-[r]-(m)
WHERE ($label IS NULL OR $label IN labels(n)) AND (size($rels) = 0 OR type(r) IN $rels)
RETURN type(r) AS rel, r.sentence AS sentence, r.status AS edge_status, r.source_doc AS source_doc,
       r.count AS count, r.`start` AS span_start, r.`end` AS span_end,
       m.id AS id, labels(m)[0] AS label, m.symbol AS symbol, m.type_name AS type_name, m.date AS date,
       m.issuer AS issuer, m.status AS status, m.name AS name,
       CASE WHEN 'Task' IN labels(m) THEN coalesce(m.action, m.text) END AS action, m.deadline AS deadline,
       'in' AS direction
LIMIT $limit

// variant: by_id when id
MATCH (n{{label|Instrument|Agency|Person|Task}} {id: $id})-[r{{rels|CITES|IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|REPEALS|CORRECTS|DETAILS|CONSOLIDATES|SUSPENDS|ANNULS|EXTENDS|ISSUED_BY|SIGNED_BY|CHAIRED_BY|SENT_TO|ASSIGNS|ASSIGNED_TO|COORDINATES_WITH|FOR_INSTRUMENT}}]->(m)
RETURN type(r) AS rel, r.sentence AS sentence, r.status AS edge_status, r.source_doc AS source_doc,
       r.count AS count, r.`start` AS span_start, r.`end` AS span_end,
       m.id AS id, labels(m)[0] AS label, m.symbol AS symbol, m.type_name AS type_name, m.date AS date,
       m.issuer AS issuer, m.status AS status, m.name AS name,
       CASE WHEN 'Task' IN labels(m) THEN coalesce(m.action, m.text) END AS action, m.deadline AS deadline,
       'out' AS direction
LIMIT $limit
UNION ALL
MATCH (n{{label|Instrument|Agency|Person|Task}} {id: $id})<-[r{{rels|CITES|IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|REPEALS|CORRECTS|DETAILS|CONSOLIDATES|SUSPENDS|ANNULS|EXTENDS|ISSUED_BY|SIGNED_BY|CHAIRED_BY|SENT_TO|ASSIGNS|ASSIGNED_TO|COORDINATES_WITH|FOR_INSTRUMENT}}]-(m)
RETURN type(r) AS rel, r.sentence AS sentence, r.status AS edge_status, r.source_doc AS source_doc,
       r.count AS count, r.`start` AS span_start, r.`end` AS span_end,
       m.id AS id, labels(m)[0] AS label, m.symbol AS symbol, m.type_name AS type_name, m.date AS date,
       m.issuer AS issuer, m.status AS status, m.name AS name,
       CASE WHEN 'Task' IN labels(m) THEN coalesce(m.action, m.text) END AS action, m.deadline AS deadline,
       'in' AS direction
LIMIT $limit

// variant: nothing when !id
