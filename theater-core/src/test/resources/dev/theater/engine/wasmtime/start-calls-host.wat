;; A guest whose start function calls a host function during instantiation.
(module
  (import "test:host/env" "fail" (func $fail))
  (memory (export "memory") 1)
  (start $fail)
)
