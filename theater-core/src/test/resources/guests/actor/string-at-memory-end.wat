;; An actor whose init logs a string that ends exactly at the end of its memory (the last 5 bytes of its one page):
;; the host must lift it, since every byte of it lies inside linear memory.
(module
  (import "theater:simple/runtime" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1 1)
  (data (i32.const 65531) "edge!")
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (unreachable))
  ;; init(state: option<list<u8>>) -> result<tuple<option<list<u8>>>, string>: ok((none)) at 64
  (func (export "theater:simple/actor#init") (param i32 i32 i32) (result i32)
    (call $log (i32.const 65531) (i32.const 5))
    (i32.store8 (i32.const 64) (i32.const 0))
    (i32.store8 (i32.const 68) (i32.const 0))
    (i32.const 64))
)
