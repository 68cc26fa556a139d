// description: one node by id (of a label, or of any): its label and every property
// mô tả: một nút theo mã (của một nhãn hoặc bất kỳ): nhãn và mọi thuộc tính của nút
// params: id (str, null), label (str, null)
MATCH (m {id: $id})
WHERE $label IS NULL OR $label IN labels(m)
RETURN labels(m)[0] AS label, properties(m) AS p
LIMIT 1

// variant: by_id when id
MATCH (m{{label|Instrument|Agency|Person|Task}} {id: $id})
RETURN labels(m)[0] AS label, properties(m) AS p
LIMIT 1

// variant: nothing when !id
