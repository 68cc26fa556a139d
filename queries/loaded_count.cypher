// description: how many instruments were loaded from a document of their own (a source file or portal row holds them); the others in the store are only cited
// mô tả: số văn bản đã nạp từ tệp hoặc dòng cổng thông tin của chính nó; các văn bản còn lại trong kho chỉ được viện dẫn
// params: (none)
MATCH (n:Instrument)
WHERE n.doc_id IS NOT NULL
RETURN count(n) AS loaded
