;; Engine contract guest: a funcref table without a maximum that the host asks to grow. A guest must not be able
;; to make the host allocate an unbounded table (2^32 - 1 elements of a native table take 32 GiB).
(module
  (table $t 1 funcref)
  (memory (export "memory") 1)
  (func (export "grow") (param i32) (result i32)
    (table.grow $t (ref.null func) (local.get 0)))
  (func (export "size") (result i32) (table.size $t))
)
