;; An actor module whose start function never returns: spawning it must end at the manifest's call_timeout.
(module
  (memory (export "memory") 1)
  (func $forever (loop $l (br $l)))
  (start $forever)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
  (func (export "theater:simple/actor#init") (param i32 i32 i32) (result i32) (i32.const 0))
)
