;; Engine contract guest whose initial memory (32 pages = 2 MiB) exceeds a 1 MiB limit.
(module
  (memory (export "memory") 32)
  (func (export "size") (result i32) (memory.size))
)
