;; Engine contract guest whose start function announces itself (twice(-1)) and then never returns: instantiating
;; it must stop when the instantiating thread is interrupted, or a hostile module would hang its spawner forever.
(module
  (import "test:host/env" "twice" (func $twice (param i32) (result i32)))
  (memory (export "memory") 1)
  (func $start (drop (call $twice (i32.const -1))) (loop $l (br $l)))
  (start $start)
)
