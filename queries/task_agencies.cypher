// description: the agencies tasks are assigned to, with how many tasks each, most first
// mô tả: các đơn vị được giao nhiệm vụ, với số nhiệm vụ của mỗi đơn vị, nhiều nhất trước
// params: limit (int, 1000)
MATCH (t:Task)-[:ASSIGNED_TO]->(a:Agency)
RETURN a.id AS id, a.name AS name, a.full_name AS full_name, a.jurisdiction AS jurisdiction, count(t) AS n
ORDER BY n DESC
LIMIT $limit
