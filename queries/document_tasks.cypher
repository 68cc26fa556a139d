// description: the tasks each of the given documents (ids) assigns, with their assignees and coordinators
// mô tả: các nhiệm vụ mà mỗi văn bản đã cho (theo mã) giao, với đơn vị chủ trì và đơn vị phối hợp
// params: ids (list, null), limit (int, 2000)
// UNWIND + {id: i}: an index seek per id; assignees and coordinators as pattern
// comprehensions: one row per task, no grouping over the wide rows
UNWIND $ids AS i
MATCH (d:Instrument {id: i})-[:ASSIGNS]->(t:Task)
RETURN d.id AS doc_id, t.id AS id, coalesce(t.action, t.text) AS action, t.deadline AS deadline,
       t.deadline_text AS deadline_text, t.sentence AS sentence,
       [(t)-[:ASSIGNED_TO]->(a) | a.name] AS assignees,
       [(t)-[:COORDINATES_WITH]->(c) | c.name] AS coordinators
LIMIT $limit
