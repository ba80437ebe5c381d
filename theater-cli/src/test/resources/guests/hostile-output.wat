;; An actor whose log line and init error carry terminal control sequences: ESC [2J (clear the screen), a carriage
;; return and a fake "chain verified intact" line. `theater run` must print them escaped, never raw.
;; init logs the line; without an init state it then asks to shut down, with one it fails with the error.
(module
  (import "theater:simple/runtime" "log" (func $log (param i32 i32)))
  (import "theater:simple/runtime" "shutdown" (func $shutdown (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  ;; 41 bytes: ESC[2J CR "theater: chain verified intact" ESC]0;x BEL
  (data (i32.const 1024) "\1b[2J\0dtheater: chain verified intact\1b]0;x\07")
  ;; 21 bytes: "bad" ESC[31m "reason" CR LF "ok" DEL C1(U+009B, 2 bytes)
  (data (i32.const 1536) "bad\1b[31mreason\0d\0aok\7f\c2\9b")
  (global $heap (mut i32) (i32.const 4096))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get 2))))
    (global.set $heap (i32.add (local.get $p) (local.get 3)))
    (local.get $p))
  ;; init(state: option<list<u8>>) -> result<tuple<option<list<u8>>>, string>
  (func (export "theater:simple/actor#init") (param $has_state i32) (param i32 i32) (result i32)
    (call $log (i32.const 1024) (i32.const 41))
    (if (local.get $has_state)
      (then
        ;; err(string) at the return area 2048
        (i32.store8 (i32.const 2048) (i32.const 1))
        (i32.store (i32.const 2052) (i32.const 1536))
        (i32.store (i32.const 2056) (i32.const 21))
        (return (i32.const 2048))))
    (call $shutdown (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 3072))
    ;; ok((none))
    (i32.store8 (i32.const 2048) (i32.const 0))
    (i32.store8 (i32.const 2052) (i32.const 0))
    (i32.const 2048))
)
