// description: the shortest citation path (any relation, either direction) between two instruments, each by id or symbol
// params: from_id (str, null), from_symbol (key, null), to_id (str, null), to_symbol (key, null), limit (int, 10)
MATCH (a:Instrument)
WHERE a.id = $from_id OR ($from_id IS NULL AND a.symbol_key = $from_symbol)
MATCH (b:Instrument)
WHERE b.id = $to_id OR ($to_id IS NULL AND b.symbol_key = $to_symbol)
WITH a, b WHERE a <> b
MATCH p = shortestPath((a)-[:CITES|IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|REPEALS|CORRECTS*..10]-(b))
RETURN a.symbol AS from, b.symbol AS to, length(p) AS hops,
       [n IN nodes(p) | coalesce(n.symbol, n.name, n.id)] AS path,
       [r IN relationships(p) | type(r)] AS relations,
       [n IN nodes(p) | n.id] AS ids
ORDER BY hops
LIMIT $limit

// variant: from_id_to_id when from_id to_id
MATCH (a:Instrument {id: $from_id})
MATCH (b:Instrument {id: $to_id})
WITH a, b WHERE a <> b
MATCH p = shortestPath((a)-[:CITES|IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|REPEALS|CORRECTS*..10]-(b))
RETURN a.symbol AS from, b.symbol AS to, length(p) AS hops,
       [n IN nodes(p) | coalesce(n.symbol, n.name, n.id)] AS path,
       [r IN relationships(p) | type(r)] AS relations,
       [n IN nodes(p) | n.id] AS ids
ORDER BY hops
LIMIT $limit

// variant: from_id_to_symbol when from_id to_symbol !to_id
MATCH (a:Instrument {id: $from_id})
MATCH (b:Instrument {symbol_key: $to_symbol})
WITH a, b WHERE a <> b
MATCH p = shortestPath((a)-[:CITES|IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|REPEALS|CORRECTS*..10]-(b))
RETURN a.symbol AS from, b.symbol AS to, length(p) AS hops,
       [n IN nodes(p) | coalesce(n.symbol, n.name, n.id)] AS path,
       [r IN relationships(p) | type(r)] AS relations,
       [n IN nodes(p) | n.id] AS ids
ORDER BY hops
LIMIT $limit

// variant: from_symbol_to_id when from_symbol !from_id to_id
MATCH (a:Instrument {symbol_key: $from_symbol})
MATCH (b:Instrument {id: $to_id})
WITH a, b WHERE a <> b
MATCH p = shortestPath((a)-[:CITES|IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|REPEALS|CORRECTS*..10]-(b))
RETURN a.symbol AS from, b.symbol AS to, length(p) AS hops,
       [n IN nodes(p) | coalesce(n.symbol, n.name, n.id)] AS path,
       [r IN relationships(p) | type(r)] AS relations,
       [n IN nodes(p) | n.id] AS ids
ORDER BY hops
LIMIT $limit

// variant: from_symbol_to_symbol when from_symbol !from_id to_symbol !to_id
MATCH (a:Instrument {symbol_key: $from_symbol})
MATCH (b:Instrument {symbol_key: $to_symbol})
WITH a, b WHERE a <> b
MATCH p = shortestPath((a)-[:CITES|IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|REPEALS|CORRECTS*..10]-(b))
RETURN a.symbol AS from, b.symbol AS to, length(p) AS hops,
       [n IN nodes(p) | coalesce(n.symbol, n.name, n.id)] AS path,
       [r IN relationships(p) | type(r)] AS relations,
       [n IN nodes(p) | n.id] AS ids
ORDER BY hops
LIMIT $limit

// variant: no_from when !from_id !from_symbol

// variant: no_to when !to_id !to_symbol
