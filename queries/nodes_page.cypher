// description: a page of the nodes of one label, by id: each node's id and every property, `skip` rows on (a whole-store export reads page after page)
// mô tả: một trang các nút của một nhãn, theo mã, với mọi thuộc tính (bản xuất toàn kho đọc lần lượt từng trang)
// params: label (str, Instrument), skip (int, 0), limit (int, 2000)
MATCH (n)
WHERE $label IN labels(n)
RETURN n.id AS id, properties(n) AS p
ORDER BY n.id SKIP $skip LIMIT $limit

// variant: of_label when label
MATCH (n{{label|Instrument|Agency|Person|Task}})
RETURN n.id AS id, properties(n) AS p
ORDER BY n.id SKIP $skip LIMIT $limit
