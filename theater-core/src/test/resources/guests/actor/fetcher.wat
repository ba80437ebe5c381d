;; Runtime test actor that imports theater:simple/process#os-spawn: it spawns only when a process handler is granted.
;; os-spawn(config: process-config) -> result<u64, string>: 16 flat params, then the return pointer.
(module
  (import "theater:simple/process" "os-spawn"
    (func $os_spawn (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i64 i32)))
  (memory (export "memory") 1)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 4096))
  (func (export "theater:simple/actor#init") (param i32 i32 i32) (result i32)
    (i32.store8 (i32.const 64) (i32.const 0))
    (i32.store8 (i32.const 68) (i32.const 0))
    (i32.const 64))
)
