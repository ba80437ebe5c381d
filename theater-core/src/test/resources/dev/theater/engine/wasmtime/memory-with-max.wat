;; Rewriter test guest: a memory declaring a maximum of 10 pages.
(module
  (memory (export "memory") 1 10)
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
)
