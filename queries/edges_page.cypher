// description: a page of every edge, by type, ends and element id: its type, both ends (labels, ids) and every property, `skip` rows on (a whole-store export reads page after page)
// mô tả: một trang các cạnh của kho, theo loại, hai đầu và mã phần tử, với mọi thuộc tính (bản xuất toàn kho đọc lần lượt từng trang)
// params: skip (int, 0), limit (int, 2000)
MATCH (a)-[r]->(b)
RETURN labels(a) AS sl, a.id AS s, type(r) AS t, labels(b) AS dl, b.id AS d, properties(r) AS p
ORDER BY t, s, d, r.source_doc, elementId(r) SKIP $skip LIMIT $limit
