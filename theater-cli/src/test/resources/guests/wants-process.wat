;; An actor that imports theater:simple/process#os-spawn without being granted the process handler.
(module
  (import "theater:simple/process" "os-spawn" (func $spawn (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 0))
  (func (export "theater:simple/actor#init") (param i32 i32 i32) (result i32) (i32.const 0))
)
