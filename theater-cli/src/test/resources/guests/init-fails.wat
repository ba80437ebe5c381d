;; An actor whose init returns err("init refused: no config"): `theater run` must exit 1 with the reason.
(module
  (memory (export "memory") 1)
  (data (i32.const 1024) "init refused: no config")
  (global $heap (mut i32) (i32.const 4096))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get 2))))
    (global.set $heap (i32.add (local.get $p) (local.get 3)))
    (local.get $p))
  ;; init(state: option<list<u8>>) -> result<tuple<option<list<u8>>>, string>: returns a pointer to
  ;; the return area at 2048: discriminant 1 (err), then the string (ptr, len) at offset 4.
  (func (export "theater:simple/actor#init") (param i32 i32 i32) (result i32)
    (i32.store8 (i32.const 2048) (i32.const 1))
    (i32.store (i32.const 2052) (i32.const 1024))
    (i32.store (i32.const 2056) (i32.const 23))
    (i32.const 2048))
)
