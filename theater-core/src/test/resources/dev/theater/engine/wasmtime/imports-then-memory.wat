;; Rewriter test guest: function imports of several types come before a memory without a maximum, and a custom
;; name section (wat2wasm --debug-names) comes after the code.
(module
  (import "test:host/env" "f32-id" (func $f32_id (param f32) (result f32)))
  (import "test:host/env" "f64-id" (func $f64_id (param f64) (result f64)))
  (import "test:host/env" "count" (func $count (param i64 i32) (result i64)))
  (memory (export "memory") 2)
  (data (i32.const 16) "theater")
  (func (export "call-f32") (param f32) (result f32) (call $f32_id (local.get 0)))
  (func (export "call-f64") (param f64) (result f64) (call $f64_id (local.get 0)))
  (func (export "call-count") (param i64 i32) (result i64) (call $count (local.get 0) (local.get 1)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "size") (result i32) (memory.size))
)
