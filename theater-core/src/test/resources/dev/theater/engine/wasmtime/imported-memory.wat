;; A guest importing its memory, which the engine refuses: guests must define and export their memory.
(module
  (import "env" "memory" (memory 1))
  (func (export "size") (result i32) (memory.size))
)
