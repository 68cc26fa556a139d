// description: documents that implement an instrument (by id or symbol), directly or through a chain of IMPLEMENTS/BASED_ON up to `hops`, with the path and each implementer's tasks
// params: id (str, null), symbol (key, null), hops (int, 4), limit (int, 200)
MATCH (target:Instrument)
WHERE target.id = $id OR ($id IS NULL AND target.symbol_key = $symbol)
MATCH p = (doc:Instrument)-[:IMPLEMENTS|BASED_ON*1..10]->(target)
WHERE length(p) <= $hops
WITH target, doc, p ORDER BY length(p)
WITH target, doc, collect(p)[0] AS p
WITH target, doc, p ORDER BY length(p), doc.date, doc.id, target.id LIMIT $limit
OPTIONAL MATCH (doc)-[:ASSIGNS]->(t:Task)
OPTIONAL MATCH (t)-[:ASSIGNED_TO]->(ag:Agency)
WITH target, doc, p, t, ag ORDER BY t.order
WITH target, doc, p, collect(CASE WHEN t IS NULL THEN NULL ELSE
     {assignee: coalesce(ag.name, t.assignee), deadline: t.deadline, task: t.text} END) AS tasks
RETURN target.symbol AS target, doc.symbol AS symbol, doc.issuer AS issuer, doc.date AS date,
       doc.has_text AS has_text, length(p) AS hops,
       [n IN nodes(p) | coalesce(n.symbol, n.name, n.id)] AS path,
       [r IN relationships(p) | type(r)] AS relations, tasks, doc.id AS id, target.id AS target_id
ORDER BY hops, date, id, target_id
LIMIT $limit

// variant: by_id when id
MATCH (target:Instrument {id: $id})
MATCH p = (target)<-[:IMPLEMENTS|BASED_ON*1..{{hops|1..10}}]-(doc:Instrument)
WHERE length(p) <= $hops
WITH target, doc, p ORDER BY length(p)
WITH target, doc, collect(p)[0] AS p
WITH target, doc, p ORDER BY length(p), doc.date, doc.id, target.id LIMIT $limit
OPTIONAL MATCH (doc)-[:ASSIGNS]->(t:Task)
OPTIONAL MATCH (t)-[:ASSIGNED_TO]->(ag:Agency)
WITH target, doc, p, t, ag ORDER BY t.order
WITH target, doc, p, collect(CASE WHEN t IS NULL THEN NULL ELSE
     {assignee: coalesce(ag.name, t.assignee), deadline: t.deadline, task: t.text} END) AS tasks
RETURN target.symbol AS target, doc.symbol AS symbol, doc.issuer AS issuer, doc.date AS date,
       doc.has_text AS has_text, length(p) AS hops,
       [n IN reverse(nodes(p)) | coalesce(n.symbol, n.name, n.id)] AS path,
       [r IN reverse(relationships(p)) | type(r)] AS relations, tasks, doc.id AS id, target.id AS target_id
ORDER BY hops, date, id, target_id
LIMIT $limit

// variant: by_symbol when symbol !id
MATCH (target:Instrument {symbol_key: $symbol})
MATCH p = (target)<-[:IMPLEMENTS|BASED_ON*1..{{hops|1..10}}]-(doc:Instrument)
WHERE length(p) <= $hops
WITH target, doc, p ORDER BY length(p)
WITH target, doc, collect(p)[0] AS p
WITH target, doc, p ORDER BY length(p), doc.date, doc.id, target.id LIMIT $limit
OPTIONAL MATCH (doc)-[:ASSIGNS]->(t:Task)
OPTIONAL MATCH (t)-[:ASSIGNED_TO]->(ag:Agency)
WITH target, doc, p, t, ag ORDER BY t.order
WITH target, doc, p, collect(CASE WHEN t IS NULL THEN NULL ELSE
     {assignee: coalesce(ag.name, t.assignee), deadline: t.deadline, task: t.text} END) AS tasks
RETURN target.symbol AS target, doc.symbol AS symbol, doc.issuer AS issuer, doc.date AS date,
       doc.has_text AS has_text, length(p) AS hops,
       [n IN reverse(nodes(p)) | coalesce(n.symbol, n.name, n.id)] AS path,
       [r IN reverse(relationships(p)) | type(r)] AS relations, tasks, doc.id AS id, target.id AS target_id
ORDER BY hops, date, id, target_id
LIMIT $limit

// variant: nothing when !id !symbol
