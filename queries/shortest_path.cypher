// description: the shortest path (either direction) between two instruments, each by id or symbol, through the given relations (default: the citation relations; any edge type of the graph, none: any), at most `hops` steps, with each node's display fields and each step's evidence sentence
// mô tả: đường đi ngắn nhất (mọi chiều) giữa hai văn bản qua các quan hệ đã cho, tối đa `hops` bước, với trường hiển thị của mỗi nút và câu dẫn chứng của mỗi bước
// params: from_id (str, null), from_symbol (key, null), to_id (str, null), to_symbol (key, null), rels (list, CITES,IMPLEMENTS,BASED_ON,GUIDES,AMENDS,REPLACES,REPEALS,CORRECTS,DETAILS,CONSOLIDATES,SUSPENDS,ANNULS,EXTENDS), hops (int, 10), limit (int, 10)
// ArcadeDB applies the predicate on the path's relationships to the one shortest path it
// found (a shorter path through other relations hides a longer one through the given ones);
// the variants, which answer whenever both ends are given, put the types in the pattern.
MATCH (a:Instrument)
WHERE a.id = $from_id OR ($from_id IS NULL AND a.symbol_key = $from_symbol)
MATCH (b:Instrument)
WHERE b.id = $to_id OR ($to_id IS NULL AND b.symbol_key = $to_symbol)
WITH a, b WHERE a <> b
MATCH p = shortestPath((a)-[*..10]-(b))
WHERE length(p) <= $hops AND (size($rels) = 0 OR all(r IN relationships(p) WHERE type(r) IN $rels))
RETURN a.symbol AS from, b.symbol AS to, length(p) AS hops,
       [n IN nodes(p) | coalesce(n.symbol, n.name, n.id)] AS path,
       [r IN relationships(p) | type(r)] AS relations,
       [n IN nodes(p) | n.id] AS ids,
       [n IN nodes(p) | {id: n.id, label: labels(n)[0], symbol: n.symbol, type_name: n.type_name, date: n.date,
                         issuer: n.issuer, status: n.status, name: n.name,
                         action: CASE WHEN 'Task' IN labels(n) THEN coalesce(n.action, n.text) END,
                         deadline: n.deadline}] AS nodes,
       [r IN relationships(p) | [startNode(r).id, type(r), endNode(r).id, r.sentence]] AS steps
ORDER BY hops
LIMIT $limit

// variant: from_id_to_id when from_id to_id
MATCH (a:Instrument {id: $from_id})
MATCH (b:Instrument {id: $to_id})
WITH a, b WHERE a <> b
MATCH p = shortestPath((a)-[{{rels|CITES|IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|REPEALS|CORRECTS|DETAILS|CONSOLIDATES|SUSPENDS|ANNULS|EXTENDS|ISSUED_BY|SIGNED_BY|CHAIRED_BY|SENT_TO|ASSIGNS|ASSIGNED_TO|COORDINATES_WITH|FOR_INSTRUMENT}}*..{{hops|1..10}}]-(b))
RETURN a.symbol AS from, b.symbol AS to, length(p) AS hops,
       [n IN nodes(p) | coalesce(n.symbol, n.name, n.id)] AS path,
       [r IN relationships(p) | type(r)] AS relations,
       [n IN nodes(p) | n.id] AS ids,
       [n IN nodes(p) | {id: n.id, label: labels(n)[0], symbol: n.symbol, type_name: n.type_name, date: n.date,
                         issuer: n.issuer, status: n.status, name: n.name,
                         action: CASE WHEN 'Task' IN labels(n) THEN coalesce(n.action, n.text) END,
                         deadline: n.deadline}] AS nodes,
       [r IN relationships(p) | [startNode(r).id, type(r), endNode(r).id, r.sentence]] AS steps
ORDER BY hops
LIMIT $limit

// variant: from_id_to_symbol when from_id to_symbol !to_id
MATCH (a:Instrument {id: $from_id})
MATCH (b:Instrument {symbol_key: $to_symbol})
WITH a, b WHERE a <> b
MATCH p = shortestPath((a)-[{{rels|CITES|IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|REPEALS|CORRECTS|DETAILS|CONSOLIDATES|SUSPENDS|ANNULS|EXTENDS|ISSUED_BY|SIGNED_BY|CHAIRED_BY|SENT_TO|ASSIGNS|ASSIGNED_TO|COORDINATES_WITH|FOR_INSTRUMENT}}*..{{hops|1..10}}]-(b))
RETURN a.symbol AS from, b.symbol AS to, length(p) AS hops,
       [n IN nodes(p) | coalesce(n.symbol, n.name, n.id)] AS path,
       [r IN relationships(p) | type(r)] AS relations,
       [n IN nodes(p) | n.id] AS ids,
       [n IN nodes(p) | {id: n.id, label: labels(n)[0], symbol: n.symbol, type_name: n.type_name, date: n.date,
                         issuer: n.issuer, status: n.status, name: n.name,
                         action: CASE WHEN 'Task' IN labels(n) THEN coalesce(n.action, n.text) END,
                         deadline: n.deadline}] AS nodes,
       [r IN relationships(p) | [startNode(r).id, type(r), endNode(r).id, r.sentence]] AS steps
ORDER BY hops
LIMIT $limit

// variant: from_symbol_to_id when from_symbol !from_id to_id
MATCH (a:Instrument {symbol_key: $from_symbol})
MATCH (b:Instrument {id: $to_id})
WITH a, b WHERE a <> b
MATCH p = shortestPath((a)-[{{rels|CITES|IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|REPEALS|CORRECTS|DETAILS|CONSOLIDATES|SUSPENDS|ANNULS|EXTENDS|ISSUED_BY|SIGNED_BY|CHAIRED_BY|SENT_TO|ASSIGNS|ASSIGNED_TO|COORDINATES_WITH|FOR_INSTRUMENT}}*..{{hops|1..10}}]-(b))
RETURN a.symbol AS from, b.symbol AS to, length(p) AS hops,
       [n IN nodes(p) | coalesce(n.symbol, n.name, n.id)] AS path,
       [r IN relationships(p) | type(r)] AS relations,
       [n IN nodes(p) | n.id] AS ids,
       [n IN nodes(p) | {id: n.id, label: labels(n)[0], symbol: n.symbol, type_name: n.type_name, date: n.date,
                         issuer: n.issuer, status: n.status, name: n.name,
                         action: CASE WHEN 'Task' IN labels(n) THEN coalesce(n.action, n.text) END,
                         deadline: n.deadline}] AS nodes,
       [r IN relationships(p) | [startNode(r).id, type(r), endNode(r).id, r.sentence]] AS steps
ORDER BY hops
LIMIT $limit

// variant: from_symbol_to_symbol when from_symbol !from_id to_symbol !to_id
MATCH (a:Instrument {symbol_key: $from_symbol})
MATCH (b:Instrument {symbol_key: $to_symbol})
WITH a, b WHERE a <> b
MATCH p = shortestPath((a)-[{{rels|CITES|IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|REPEALS|CORRECTS|DETAILS|CONSOLIDATES|SUSPENDS|ANNULS|EXTENDS|ISSUED_BY|SIGNED_BY|CHAIRED_BY|SENT_TO|ASSIGNS|ASSIGNED_TO|COORDINATES_WITH|FOR_INSTRUMENT}}*..{{hops|1..10}}]-(b))
RETURN a.symbol AS from, b.symbol AS to, length(p) AS hops,
       [n IN nodes(p) | coalesce(n.symbol, n.name, n.id)] AS path,
       [r IN relationships(p) | type(r)] AS relations,
       [n IN nodes(p) | n.id] AS ids,
       [n IN nodes(p) | {id: n.id, label: labels(n)[0], symbol: n.symbol, type_name: n.type_name, date: n.date,
                         issuer: n.issuer, status: n.status, name: n.name,
                         action: CASE WHEN 'Task' IN labels(n) THEN coalesce(n.action, n.text) END,
                         deadline: n.deadline}] AS nodes,
       [r IN relationships(p) | [startNode(r).id, type(r), endNode(r).id, r.sentence]] AS steps
ORDER BY hops
LIMIT $limit

// variant: no_from when !from_id !from_symbol

// variant: no_to when !to_id !to_symbol
