;; An actor that imports theater:simple/runtime#log with the wrong core type (one i32 instead of a string's two).
(module
  (import "theater:simple/runtime" "log" (func $log (param i32)))
  (memory (export "memory") 1)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 4096))
  (func (export "theater:simple/actor#init") (param i32 i32 i32) (result i32)
    (i32.store8 (i32.const 64) (i32.const 0))
    (i32.store8 (i32.const 68) (i32.const 0))
    (i32.const 64))
)
