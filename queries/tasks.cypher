// description: tasks by assigned agency (its id, or part of its name and jurisdiction, case and accent-insensitive), deadline window, or overdue as of a date, with the instrument that assigned them
// mô tả: nhiệm vụ theo đơn vị được giao (mã, hoặc một phần tên và địa bàn, không phân biệt hoa thường và dấu), khoảng hạn, hoặc quá hạn tính đến một ngày, với văn bản giao nhiệm vụ
// params: agency (text, null), agency_id (str, null), due_from (date, null), due_to (date, null), overdue_on (date, null), limit (int, 200)
MATCH (doc:Instrument)-[:ASSIGNS]->(t:Task)
OPTIONAL MATCH (t)-[:ASSIGNED_TO]->(ag:Agency)
WITH doc, t, ag
WHERE ($agency IS NULL OR coalesce(ag.full_key, '') CONTAINS $agency
       OR coalesce(ag.name_key, '') CONTAINS $agency)
  AND ($agency_id IS NULL OR ag.id = $agency_id)
  AND ($due_from IS NULL OR t.deadline_date >= $due_from)
  AND ($due_to IS NULL OR t.deadline_date <= $due_to)
  AND ($overdue_on IS NULL OR t.deadline_date < $overdue_on)
WITH DISTINCT doc, t, ag ORDER BY t.deadline, t.id LIMIT $limit
OPTIONAL MATCH (t)-[:COORDINATES_WITH]->(co:Agency)
WITH doc, t, ag, collect(co.name) AS coordinators
RETURN coalesce(ag.name, t.assignee) AS agency, ag.full_name AS agency_full_name, ag.jurisdiction AS jurisdiction, t.deadline AS deadline,
       t.deadline_text AS deadline_text, t.text AS task, coordinators,
       doc.symbol AS instrument, doc.type_name AS type, doc.issuer AS issuer, doc.date AS date,
       doc.id AS instrument_id, ag.id AS agency_id, t.id AS id
ORDER BY deadline, id
LIMIT $limit

// variant: by_agency_id when agency_id
MATCH (ag:Agency {id: $agency_id})<-[:ASSIGNED_TO]-(t:Task)<-[:ASSIGNS]-(doc:Instrument)
WHERE ($agency IS NULL OR coalesce(ag.full_key, '') CONTAINS $agency OR coalesce(ag.name_key, '') CONTAINS $agency)
  AND ($due_from IS NULL OR t.deadline_date >= $due_from)
  AND ($due_to IS NULL OR t.deadline_date <= $due_to)
  AND ($overdue_on IS NULL OR t.deadline_date < $overdue_on)
WITH DISTINCT doc, t, ag ORDER BY t.deadline, t.id LIMIT $limit
OPTIONAL MATCH (t)-[:COORDINATES_WITH]->(co:Agency)
WITH doc, t, ag, collect(co.name) AS coordinators
RETURN coalesce(ag.name, t.assignee) AS agency, ag.full_name AS agency_full_name, ag.jurisdiction AS jurisdiction, t.deadline AS deadline,
       t.deadline_text AS deadline_text, t.text AS task, coordinators,
       doc.symbol AS instrument, doc.type_name AS type, doc.issuer AS issuer, doc.date AS date,
       doc.id AS instrument_id, ag.id AS agency_id, t.id AS id
ORDER BY deadline, id
LIMIT $limit

// variant: by_agency when agency !agency_id
MATCH (ag:Agency)
WHERE coalesce(ag.full_key, '') CONTAINS $agency OR coalesce(ag.name_key, '') CONTAINS $agency
MATCH (ag)<-[:ASSIGNED_TO]-(t:Task)<-[:ASSIGNS]-(doc:Instrument)
WHERE ($due_from IS NULL OR t.deadline_date >= $due_from)
  AND ($due_to IS NULL OR t.deadline_date <= $due_to)
  AND ($overdue_on IS NULL OR t.deadline_date < $overdue_on)
WITH DISTINCT doc, t, ag ORDER BY t.deadline, t.id LIMIT $limit
OPTIONAL MATCH (t)-[:COORDINATES_WITH]->(co:Agency)
WITH doc, t, ag, collect(co.name) AS coordinators
RETURN coalesce(ag.name, t.assignee) AS agency, ag.full_name AS agency_full_name, ag.jurisdiction AS jurisdiction, t.deadline AS deadline,
       t.deadline_text AS deadline_text, t.text AS task, coordinators,
       doc.symbol AS instrument, doc.type_name AS type, doc.issuer AS issuer, doc.date AS date,
       doc.id AS instrument_id, ag.id AS agency_id, t.id AS id
ORDER BY deadline, id
LIMIT $limit

// variant: by_deadline when !agency !agency_id
// window: Task.deadline_date >= $due_from, <= $due_to, < $overdue_on, 30 days x4
// Tasks first, read in deadline windows from the earliest one within the dates given
// (plain ranges on t.deadline_date, the indexed property; the runner widens a window that
// does not fill the limit, and with no date given, gives way to task_first when the dated
// tasks end short: those without a deadline come last), ordered and LIMITed before the walk
// to the assigning instrument and the agencies: every Task is written with the ASSIGNS edge
// of its instrument, so each kept task gives at least one row. The walk is in pattern
// comprehensions, which expand from each kept task: a MATCH there was planned as a join
// over every ASSIGNS edge (4 s at 1M documents). Sorting every overdue task and that join
// took 7 s; a window and the walk, ~0.2 s.
MATCH (t:Task)
WHERE t.deadline_date >= $window_from AND t.deadline_date < $window_to
  AND ($due_from IS NULL OR t.deadline_date >= $due_from)
  AND ($due_to IS NULL OR t.deadline_date <= $due_to)
  AND ($overdue_on IS NULL OR t.deadline_date < $overdue_on)
WITH t ORDER BY t.deadline, t.id LIMIT $limit
UNWIND [(t)<-[:ASSIGNS]-(d:Instrument) | d] AS doc
WITH doc, t, [(t)-[:ASSIGNED_TO]->(a:Agency) | a] AS ags
UNWIND CASE WHEN size(ags) = 0 THEN [null] ELSE ags END AS ag
WITH DISTINCT doc, t, ag ORDER BY t.deadline, t.id LIMIT $limit
WITH doc, t, ag, [(t)-[:COORDINATES_WITH]->(co:Agency) | co.name] AS coordinators
RETURN coalesce(ag.name, t.assignee) AS agency, ag.full_name AS agency_full_name, ag.jurisdiction AS jurisdiction, t.deadline AS deadline,
       t.deadline_text AS deadline_text, t.text AS task, coordinators,
       doc.symbol AS instrument, doc.type_name AS type, doc.issuer AS issuer, doc.date AS date,
       doc.id AS instrument_id, ag.id AS agency_id, t.id AS id
ORDER BY deadline, id
LIMIT $limit

// variant: task_first when !agency !agency_id
// No agency and no date, when the dated tasks do not fill the limit: the same tasks-first
// order and limit over every task; the walk from each kept task in pattern comprehensions,
// as in `by_deadline`.
MATCH (t:Task)
WHERE ($due_from IS NULL OR t.deadline_date >= $due_from)
  AND ($due_to IS NULL OR t.deadline_date <= $due_to)
  AND ($overdue_on IS NULL OR t.deadline_date < $overdue_on)
WITH t ORDER BY t.deadline, t.id LIMIT $limit
UNWIND [(t)<-[:ASSIGNS]-(d:Instrument) | d] AS doc
WITH doc, t, [(t)-[:ASSIGNED_TO]->(a:Agency) | a] AS ags
UNWIND CASE WHEN size(ags) = 0 THEN [null] ELSE ags END AS ag
WITH DISTINCT doc, t, ag ORDER BY t.deadline, t.id LIMIT $limit
WITH doc, t, ag, [(t)-[:COORDINATES_WITH]->(co:Agency) | co.name] AS coordinators
RETURN coalesce(ag.name, t.assignee) AS agency, ag.full_name AS agency_full_name, ag.jurisdiction AS jurisdiction, t.deadline AS deadline,
       t.deadline_text AS deadline_text, t.text AS task, coordinators,
       doc.symbol AS instrument, doc.type_name AS type, doc.issuer AS issuer, doc.date AS date,
       doc.id AS instrument_id, ag.id AS agency_id, t.id AS id
ORDER BY deadline, id
LIMIT $limit
