// description: follow-up gaps of an instrument (by id or symbol): agencies it addressed (recipients, task assignees) with no document in the corpus implementing it, and its tasks past deadline (as of a date) with no follow-up document from the assignee
// mô tả: các khoảng trống thực hiện của một văn bản: đơn vị được gửi hoặc được giao nhiệm vụ nhưng chưa có văn bản nào thực hiện, và các nhiệm vụ quá hạn (tính đến một ngày) chưa có văn bản tiếp theo của đơn vị được giao
// params: id (str, null), symbol (key, null), as_of (date, today)
MATCH (n:Instrument)
WHERE n.id = $id OR ($id IS NULL AND n.symbol_key = $symbol)
MATCH (n)-[:SENT_TO]->(ag:Agency)
WHERE NOT EXISTS { MATCH (d:Instrument)-[:IMPLEMENTS|BASED_ON]->(n) WHERE (d)-[:ISSUED_BY]->(ag) }
RETURN 'no implementing document' AS gap, ag.name AS agency, 'recipient' AS role, NULL AS task,
       NULL AS deadline, n.symbol AS instrument, ag.id AS agency_id
UNION
MATCH (n:Instrument)
WHERE n.id = $id OR ($id IS NULL AND n.symbol_key = $symbol)
MATCH (n)-[:ASSIGNS]->(t:Task)-[:ASSIGNED_TO]->(ag:Agency)
WHERE NOT EXISTS { MATCH (d:Instrument)-[:IMPLEMENTS|BASED_ON]->(n) WHERE (d)-[:ISSUED_BY]->(ag) }
RETURN 'no implementing document' AS gap, ag.name AS agency, 'task assignee' AS role, NULL AS task,
       NULL AS deadline, n.symbol AS instrument, ag.id AS agency_id
UNION
MATCH (n:Instrument)
WHERE n.id = $id OR ($id IS NULL AND n.symbol_key = $symbol)
MATCH (n)-[:ASSIGNS]->(t:Task)-[:ASSIGNED_TO]->(ag:Agency)
WHERE t.deadline_date < $as_of
  AND NOT EXISTS { MATCH (d:Instrument)-[:CITES|IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|REPEALS|CORRECTS|DETAILS|CONSOLIDATES|SUSPENDS|ANNULS|EXTENDS]->(n)
                   WHERE (d)-[:ISSUED_BY]->(ag) }
RETURN 'overdue task without follow-up' AS gap, ag.name AS agency, 'task assignee' AS role, t.text AS task,
       t.deadline AS deadline, n.symbol AS instrument, ag.id AS agency_id

// variant: by_id when id
MATCH (n:Instrument {id: $id})
MATCH (n)-[:SENT_TO]->(ag:Agency)
WHERE NOT EXISTS { MATCH (d:Instrument)-[:IMPLEMENTS|BASED_ON]->(n) WHERE (d)-[:ISSUED_BY]->(ag) }
RETURN 'no implementing document' AS gap, ag.name AS agency, 'recipient' AS role, NULL AS task,
       NULL AS deadline, n.symbol AS instrument, ag.id AS agency_id
UNION
MATCH (n:Instrument {id: $id})
MATCH (n)-[:ASSIGNS]->(t:Task)-[:ASSIGNED_TO]->(ag:Agency)
WHERE NOT EXISTS { MATCH (d:Instrument)-[:IMPLEMENTS|BASED_ON]->(n) WHERE (d)-[:ISSUED_BY]->(ag) }
RETURN 'no implementing document' AS gap, ag.name AS agency, 'task assignee' AS role, NULL AS task,
       NULL AS deadline, n.symbol AS instrument, ag.id AS agency_id
UNION
MATCH (n:Instrument {id: $id})
MATCH (n)-[:ASSIGNS]->(t:Task)-[:ASSIGNED_TO]->(ag:Agency)
WHERE t.deadline_date < $as_of
  AND NOT EXISTS { MATCH (d:Instrument)-[:CITES|IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|REPEALS|CORRECTS|DETAILS|CONSOLIDATES|SUSPENDS|ANNULS|EXTENDS]->(n)
                   WHERE (d)-[:ISSUED_BY]->(ag) }
RETURN 'overdue task without follow-up' AS gap, ag.name AS agency, 'task assignee' AS role, t.text AS task,
       t.deadline AS deadline, n.symbol AS instrument, ag.id AS agency_id

// variant: by_symbol when symbol !id
MATCH (n:Instrument {symbol_key: $symbol})
MATCH (n)-[:SENT_TO]->(ag:Agency)
WHERE NOT EXISTS { MATCH (d:Instrument)-[:IMPLEMENTS|BASED_ON]->(n) WHERE (d)-[:ISSUED_BY]->(ag) }
RETURN 'no implementing document' AS gap, ag.name AS agency, 'recipient' AS role, NULL AS task,
       NULL AS deadline, n.symbol AS instrument, ag.id AS agency_id
UNION
MATCH (n:Instrument {symbol_key: $symbol})
MATCH (n)-[:ASSIGNS]->(t:Task)-[:ASSIGNED_TO]->(ag:Agency)
WHERE NOT EXISTS { MATCH (d:Instrument)-[:IMPLEMENTS|BASED_ON]->(n) WHERE (d)-[:ISSUED_BY]->(ag) }
RETURN 'no implementing document' AS gap, ag.name AS agency, 'task assignee' AS role, NULL AS task,
       NULL AS deadline, n.symbol AS instrument, ag.id AS agency_id
UNION
MATCH (n:Instrument {symbol_key: $symbol})
MATCH (n)-[:ASSIGNS]->(t:Task)-[:ASSIGNED_TO]->(ag:Agency)
WHERE t.deadline_date < $as_of
  AND NOT EXISTS { MATCH (d:Instrument)-[:CITES|IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|REPEALS|CORRECTS|DETAILS|CONSOLIDATES|SUSPENDS|ANNULS|EXTENDS]->(n)
                   WHERE (d)-[:ISSUED_BY]->(ag) }
RETURN 'overdue task without follow-up' AS gap, ag.name AS agency, 'task assignee' AS role, t.text AS task,
       t.deadline AS deadline, n.symbol AS instrument, ag.id AS agency_id

// variant: nothing when !id !symbol
