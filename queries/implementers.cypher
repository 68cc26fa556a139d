// description: documents that implement an instrument (by id or symbol), directly or through a chain of IMPLEMENTS/BASED_ON up to `hops`, with the path and each implementer's tasks
// mô tả: các văn bản thực hiện một văn bản (theo mã hoặc số, ký hiệu), trực tiếp hoặc qua chuỗi thực hiện/căn cứ đến `hops` bước, với đường đi và nhiệm vụ của từng văn bản thực hiện
// params: id (str, null), symbol (key, null), hops (int, 4), limit (int, 200)
// Each implementer once, with its fewest hops (and the shortest paths the walk found), ordered
// and LIMITed first; only the rows kept get one path (of the shortest, the first by its
// symbols then relation types) and their tasks.
MATCH (target:Instrument)
WHERE target.id = $id OR ($id IS NULL AND target.symbol_key = $symbol)
MATCH p = (target)<-[:IMPLEMENTS|BASED_ON*1..10]-(doc:Instrument)
WHERE length(p) <= $hops
WITH target, doc, min(length(p)) AS hops, collect(p) AS ps
ORDER BY hops, doc.date, doc.id, target.id LIMIT $limit
WITH target, doc, hops, [x IN ps WHERE length(x) = hops] AS best
WITH target, doc, hops, reduce(b = best[0], q IN best[1..] |
     CASE WHEN reduce(k = '', n IN reverse(nodes(q)) | k + coalesce(n.symbol, n.name, n.id) + ' ')
               + reduce(k = '', r IN reverse(relationships(q)) | k + type(r) + ' ')
             < reduce(k = '', n IN reverse(nodes(b)) | k + coalesce(n.symbol, n.name, n.id) + ' ')
               + reduce(k = '', r IN reverse(relationships(b)) | k + type(r) + ' ')
          THEN q ELSE b END) AS p
OPTIONAL MATCH (doc)-[:ASSIGNS]->(t:Task)
OPTIONAL MATCH (t)-[:ASSIGNED_TO]->(ag:Agency)
WITH target, doc, hops, p, t, ag ORDER BY t.order
WITH target, doc, hops, p, collect(CASE WHEN t IS NULL THEN NULL ELSE
     {assignee: coalesce(ag.name, t.assignee), deadline: t.deadline, task: t.text} END) AS tasks
RETURN target.symbol AS target, doc.symbol AS symbol, doc.issuer AS issuer, doc.date AS date,
       doc.has_text AS has_text, hops, [n IN reverse(nodes(p)) | coalesce(n.symbol, n.name, n.id)] AS path,
       [r IN reverse(relationships(p)) | type(r)] AS relations, tasks, doc.id AS id, target.id AS target_id
ORDER BY hops, date, id, target_id
LIMIT $limit

// variant: direct_by_id when id unless short
// The 1-hop implementers come first in the order: when they alone fill the limit they are
// the answer, without walking the longer chains; when they do not, no rows, and the
// by_id variant that follows runs. Of two edges between the same documents, the relation
// type first in alphabetical order, as the longer walk picks it. The level is ordered and
// cut to the limit before it is collected: ArcadeDB charges every row of an UNWIND with the
// whole list, and unwinding a national directive's 13.5k direct implementers (1M documents)
// asked for more than its 1 GB query heap budget.
MATCH (target:Instrument {id: $id})
MATCH (target)<-[r:IMPLEMENTS|BASED_ON]-(doc:Instrument)
WHERE $hops >= 1
WITH target.id AS target_id, doc.id AS id, doc.date AS date, min(type(r)) AS rel
ORDER BY date, id, target_id LIMIT $limit
WITH collect({target_id: target_id, id: id, date: date, rel: rel}) AS level
WHERE size(level) >= $limit
UNWIND level AS row
WITH row.target_id AS target_id, row.id AS id, 1 AS hops, row.rel AS rel
MATCH (target:Instrument {id: target_id})
MATCH (doc:Instrument {id: id})
WITH target_id, id, hops, doc, {l: 1, path: [coalesce(doc.symbol, doc.name, doc.id),
     coalesce(target.symbol, target.name, target.id)], rels: [rel]} AS x
OPTIONAL MATCH (doc)-[:ASSIGNS]->(t:Task)
OPTIONAL MATCH (t)-[:ASSIGNED_TO]->(ag:Agency)
WITH target_id, id, hops, x, t, ag ORDER BY t.order
WITH target_id, id, hops, collect(x)[0] AS x, collect(CASE WHEN t IS NULL THEN NULL ELSE
     {assignee: coalesce(ag.name, t.assignee), deadline: t.deadline, task: t.text} END) AS tasks
MATCH (target:Instrument {id: target_id})
MATCH (doc:Instrument {id: id})
RETURN target.symbol AS target, doc.symbol AS symbol, doc.issuer AS issuer, doc.date AS date,
       doc.has_text AS has_text, hops, x.path AS path, x.rels AS relations, tasks, doc.id AS id,
       target.id AS target_id
ORDER BY hops, date, id, target_id
LIMIT $limit


// variant: by_id when id
MATCH (target:Instrument {id: $id})
MATCH p = (target)<-[:IMPLEMENTS|BASED_ON*1..{{hops|1..10}}]-(doc:Instrument)
WHERE length(p) <= $hops
WITH target, doc, min(length(p)) AS hops, collect(p) AS ps
ORDER BY hops, doc.date, doc.id, target.id LIMIT $limit
WITH target, doc, hops, [x IN ps WHERE length(x) = hops] AS best
WITH target, doc, hops, reduce(b = best[0], q IN best[1..] |
     CASE WHEN reduce(k = '', n IN reverse(nodes(q)) | k + coalesce(n.symbol, n.name, n.id) + ' ')
               + reduce(k = '', r IN reverse(relationships(q)) | k + type(r) + ' ')
             < reduce(k = '', n IN reverse(nodes(b)) | k + coalesce(n.symbol, n.name, n.id) + ' ')
               + reduce(k = '', r IN reverse(relationships(b)) | k + type(r) + ' ')
          THEN q ELSE b END) AS p
OPTIONAL MATCH (doc)-[:ASSIGNS]->(t:Task)
OPTIONAL MATCH (t)-[:ASSIGNED_TO]->(ag:Agency)
WITH target, doc, hops, p, t, ag ORDER BY t.order
WITH target, doc, hops, p, collect(CASE WHEN t IS NULL THEN NULL ELSE
     {assignee: coalesce(ag.name, t.assignee), deadline: t.deadline, task: t.text} END) AS tasks
RETURN target.symbol AS target, doc.symbol AS symbol, doc.issuer AS issuer, doc.date AS date,
       doc.has_text AS has_text, hops, [n IN reverse(nodes(p)) | coalesce(n.symbol, n.name, n.id)] AS path,
       [r IN reverse(relationships(p)) | type(r)] AS relations, tasks, doc.id AS id, target.id AS target_id
ORDER BY hops, date, id, target_id
LIMIT $limit

// variant: direct_by_symbol when symbol !id unless short
MATCH (target:Instrument {symbol_key: $symbol})
MATCH (target)<-[r:IMPLEMENTS|BASED_ON]-(doc:Instrument)
WHERE $hops >= 1
WITH target.id AS target_id, doc.id AS id, doc.date AS date, min(type(r)) AS rel
ORDER BY date, id, target_id LIMIT $limit
WITH collect({target_id: target_id, id: id, date: date, rel: rel}) AS level
WHERE size(level) >= $limit
UNWIND level AS row
WITH row.target_id AS target_id, row.id AS id, 1 AS hops, row.rel AS rel
MATCH (target:Instrument {id: target_id})
MATCH (doc:Instrument {id: id})
WITH target_id, id, hops, doc, {l: 1, path: [coalesce(doc.symbol, doc.name, doc.id),
     coalesce(target.symbol, target.name, target.id)], rels: [rel]} AS x
OPTIONAL MATCH (doc)-[:ASSIGNS]->(t:Task)
OPTIONAL MATCH (t)-[:ASSIGNED_TO]->(ag:Agency)
WITH target_id, id, hops, x, t, ag ORDER BY t.order
WITH target_id, id, hops, collect(x)[0] AS x, collect(CASE WHEN t IS NULL THEN NULL ELSE
     {assignee: coalesce(ag.name, t.assignee), deadline: t.deadline, task: t.text} END) AS tasks
MATCH (target:Instrument {id: target_id})
MATCH (doc:Instrument {id: id})
RETURN target.symbol AS target, doc.symbol AS symbol, doc.issuer AS issuer, doc.date AS date,
       doc.has_text AS has_text, hops, x.path AS path, x.rels AS relations, tasks, doc.id AS id,
       target.id AS target_id
ORDER BY hops, date, id, target_id
LIMIT $limit


// variant: by_symbol when symbol !id
MATCH (target:Instrument {symbol_key: $symbol})
MATCH p = (target)<-[:IMPLEMENTS|BASED_ON*1..{{hops|1..10}}]-(doc:Instrument)
WHERE length(p) <= $hops
WITH target, doc, min(length(p)) AS hops, collect(p) AS ps
ORDER BY hops, doc.date, doc.id, target.id LIMIT $limit
WITH target, doc, hops, [x IN ps WHERE length(x) = hops] AS best
WITH target, doc, hops, reduce(b = best[0], q IN best[1..] |
     CASE WHEN reduce(k = '', n IN reverse(nodes(q)) | k + coalesce(n.symbol, n.name, n.id) + ' ')
               + reduce(k = '', r IN reverse(relationships(q)) | k + type(r) + ' ')
             < reduce(k = '', n IN reverse(nodes(b)) | k + coalesce(n.symbol, n.name, n.id) + ' ')
               + reduce(k = '', r IN reverse(relationships(b)) | k + type(r) + ' ')
          THEN q ELSE b END) AS p
OPTIONAL MATCH (doc)-[:ASSIGNS]->(t:Task)
OPTIONAL MATCH (t)-[:ASSIGNED_TO]->(ag:Agency)
WITH target, doc, hops, p, t, ag ORDER BY t.order
WITH target, doc, hops, p, collect(CASE WHEN t IS NULL THEN NULL ELSE
     {assignee: coalesce(ag.name, t.assignee), deadline: t.deadline, task: t.text} END) AS tasks
RETURN target.symbol AS target, doc.symbol AS symbol, doc.issuer AS issuer, doc.date AS date,
       doc.has_text AS has_text, hops, [n IN reverse(nodes(p)) | coalesce(n.symbol, n.name, n.id)] AS path,
       [r IN reverse(relationships(p)) | type(r)] AS relations, tasks, doc.id AS id, target.id AS target_id
ORDER BY hops, date, id, target_id
LIMIT $limit

// variant: nothing when !id !symbol
