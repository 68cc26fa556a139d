// description: documents that implement an instrument (by id or symbol), directly or through a chain of IMPLEMENTS/BASED_ON up to `hops`, with the path and each implementer's tasks
// params: id (str, null), symbol (key, null), hops (int, 4), limit (int, 200)
// Distinct implementers with their fewest hops first, ordered and LIMITed; only then one
// shortest path each (walked up from the implementer; ties broken by the node ids along it)
// and its tasks, so rows past the limit cost no path or task lookups.
MATCH (target:Instrument)
WHERE target.id = $id OR ($id IS NULL AND target.symbol_key = $symbol)
MATCH p = (target)<-[:IMPLEMENTS|BASED_ON*1..10]-(doc:Instrument)
WHERE length(p) <= $hops
WITH target, doc, min(length(p)) AS hops
ORDER BY hops, doc.date, doc.id, target.id LIMIT $limit
MATCH p = (doc)-[:IMPLEMENTS|BASED_ON*1..10]->(target)
WHERE length(p) = hops
WITH target, doc, hops, p ORDER BY reduce(k = '', n IN nodes(p) | k + n.id + ' ')
WITH target, doc, hops, collect(p)[0] AS p
OPTIONAL MATCH (doc)-[:ASSIGNS]->(t:Task)
OPTIONAL MATCH (t)-[:ASSIGNED_TO]->(ag:Agency)
WITH target, doc, hops, p, t, ag ORDER BY t.order
WITH target, doc, hops, p, collect(CASE WHEN t IS NULL THEN NULL ELSE
     {assignee: coalesce(ag.name, t.assignee), deadline: t.deadline, task: t.text} END) AS tasks
RETURN target.symbol AS target, doc.symbol AS symbol, doc.issuer AS issuer, doc.date AS date,
       doc.has_text AS has_text, hops,
       [n IN nodes(p) | coalesce(n.symbol, n.name, n.id)] AS path,
       [r IN relationships(p) | type(r)] AS relations, tasks, doc.id AS id, target.id AS target_id
ORDER BY hops, date, id, target_id
LIMIT $limit

// variant: by_id when id
MATCH (target:Instrument {id: $id})
MATCH p = (target)<-[:IMPLEMENTS|BASED_ON*1..{{hops|1..10}}]-(doc:Instrument)
WHERE length(p) <= $hops
WITH target, doc, min(length(p)) AS hops
ORDER BY hops, doc.date, doc.id, target.id LIMIT $limit
MATCH p = (doc)-[:IMPLEMENTS|BASED_ON*1..{{hops|1..10}}]->(target)
WHERE length(p) = hops
WITH target, doc, hops, p ORDER BY reduce(k = '', n IN nodes(p) | k + n.id + ' ')
WITH target, doc, hops, collect(p)[0] AS p
OPTIONAL MATCH (doc)-[:ASSIGNS]->(t:Task)
OPTIONAL MATCH (t)-[:ASSIGNED_TO]->(ag:Agency)
WITH target, doc, hops, p, t, ag ORDER BY t.order
WITH target, doc, hops, p, collect(CASE WHEN t IS NULL THEN NULL ELSE
     {assignee: coalesce(ag.name, t.assignee), deadline: t.deadline, task: t.text} END) AS tasks
RETURN target.symbol AS target, doc.symbol AS symbol, doc.issuer AS issuer, doc.date AS date,
       doc.has_text AS has_text, hops,
       [n IN nodes(p) | coalesce(n.symbol, n.name, n.id)] AS path,
       [r IN relationships(p) | type(r)] AS relations, tasks, doc.id AS id, target.id AS target_id
ORDER BY hops, date, id, target_id
LIMIT $limit

// variant: by_symbol when symbol !id
MATCH (target:Instrument {symbol_key: $symbol})
MATCH p = (target)<-[:IMPLEMENTS|BASED_ON*1..{{hops|1..10}}]-(doc:Instrument)
WHERE length(p) <= $hops
WITH target, doc, min(length(p)) AS hops
ORDER BY hops, doc.date, doc.id, target.id LIMIT $limit
MATCH p = (doc)-[:IMPLEMENTS|BASED_ON*1..{{hops|1..10}}]->(target)
WHERE length(p) = hops
WITH target, doc, hops, p ORDER BY reduce(k = '', n IN nodes(p) | k + n.id + ' ')
WITH target, doc, hops, collect(p)[0] AS p
OPTIONAL MATCH (doc)-[:ASSIGNS]->(t:Task)
OPTIONAL MATCH (t)-[:ASSIGNED_TO]->(ag:Agency)
WITH target, doc, hops, p, t, ag ORDER BY t.order
WITH target, doc, hops, p, collect(CASE WHEN t IS NULL THEN NULL ELSE
     {assignee: coalesce(ag.name, t.assignee), deadline: t.deadline, task: t.text} END) AS tasks
RETURN target.symbol AS target, doc.symbol AS symbol, doc.issuer AS issuer, doc.date AS date,
       doc.has_text AS has_text, hops,
       [n IN nodes(p) | coalesce(n.symbol, n.name, n.id)] AS path,
       [r IN relationships(p) | type(r)] AS relations, tasks, doc.id AS id, target.id AS target_id
ORDER BY hops, date, id, target_id
LIMIT $limit

// variant: nothing when !id !symbol
