;; Two tables: one with a declared maximum below the limit, one without a maximum.
(module
  (table $a 2 4 funcref)
  (table $b 3 externref)
  (memory (export "memory") 1)
  (func (export "grow-b") (param i32) (result i32)
    (table.grow $b (ref.null extern) (local.get 0)))
)
