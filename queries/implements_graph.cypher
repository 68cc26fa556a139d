// description: instruments and the IMPLEMENTS edges between them, as whole nodes and relationships (a graph to look at: the Cypher console's first example), the first 50 by ids (the same on every engine)
// mô tả: các văn bản và cạnh thực hiện giữa chúng, dưới dạng nút và quan hệ đầy đủ (một đồ thị để xem: ví dụ đầu tiên của bảng Cypher)
// params:
MATCH (a:Instrument)-[r:IMPLEMENTS]->(b:Instrument)
RETURN a, r, b
ORDER BY a.id, b.id, r.source_doc
LIMIT 50
