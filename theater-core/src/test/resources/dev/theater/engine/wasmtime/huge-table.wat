;; A module whose two funcref tables start at 6,000,000 elements each: each is within what Wasmtime validates, but
;; together they are past the engine's limit of 10,000,000 table elements per instance.
(module
  (table 6000000 funcref)
  (table 6000000 funcref)
  (memory (export "memory") 1)
  (func (export "size") (result i32) (table.size 0))
)
