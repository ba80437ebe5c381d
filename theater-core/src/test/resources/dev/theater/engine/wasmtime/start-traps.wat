;; A guest whose start function traps during instantiation.
(module
  (memory (export "memory") 1)
  (func $start unreachable)
  (start $start)
)
