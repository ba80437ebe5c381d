;; The actor of the Guice example. Its state is a u32 little-endian count of the messages it got.
;; init(state): keeps the state (none at first).
;; handle-send(state, (msg)): logs "hello, <msg>" through theater:simple/runtime#log and counts the message.
(module
  (import "theater:simple/runtime" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 4096))
  (data (i32.const 256) "hello, ")

  ;; cabi_realloc: a bump allocator; the heap is reset after each call (cabi_post_*).
  (func $realloc (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (local $ptr i32) (local $end i32)
    (local.set $ptr
      (i32.and
        (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
        (i32.sub (i32.const 0) (local.get $align))))
    (local.set $end (i32.add (local.get $ptr) (local.get $size)))
    (block $fits
      (br_if $fits (i32.le_u (local.get $end) (i32.mul (memory.size) (i32.const 65536))))
      (if (i32.eq
            (memory.grow (i32.add (i32.shr_u (i32.sub (local.get $end) (i32.mul (memory.size) (i32.const 65536))) (i32.const 16)) (i32.const 1)))
            (i32.const -1))
        (then unreachable)))
    (global.set $heap (local.get $end))
    (if (i32.ne (local.get $old) (i32.const 0))
      (then (memory.copy (local.get $ptr) (local.get $old)
              (select (local.get $old_size) (local.get $size) (i32.lt_u (local.get $old_size) (local.get $size))))))
    (local.get $ptr))

  ;; ok(tuple(state)) in the return area at 64
  (func $ok_state (param $some i32) (param $ptr i32) (param $len i32) (result i32)
    (i32.store8 (i32.const 64) (i32.const 0))
    (i32.store8 (i32.const 68) (local.get $some))
    (i32.store (i32.const 72) (local.get $ptr))
    (i32.store (i32.const 76) (local.get $len))
    (i32.const 64))

  (func (export "theater:simple/actor#init") (param $some i32) (param $ptr i32) (param $len i32) (result i32)
    (call $ok_state (local.get $some) (local.get $ptr) (local.get $len)))

  (func (export "theater:simple/message-server-client#handle-send")
    (param $some i32) (param $ptr i32) (param $len i32) (param $msg i32) (param $msg_len i32) (result i32)
    (local $text i32) (local $count i32) (local $state i32)
    ;; log "hello, " ++ msg
    (local.set $text (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (i32.add (local.get $msg_len) (i32.const 7))))
    (memory.copy (local.get $text) (i32.const 256) (i32.const 7))
    (memory.copy (i32.add (local.get $text) (i32.const 7)) (local.get $msg) (local.get $msg_len))
    (call $log (local.get $text) (i32.add (local.get $msg_len) (i32.const 7)))
    ;; count = (state is some and 4 bytes long) ? state + 1 : 1
    (local.set $count (i32.const 1))
    (if (i32.and (local.get $some) (i32.eq (local.get $len) (i32.const 4)))
      (then (local.set $count (i32.add (i32.load (local.get $ptr)) (i32.const 1)))))
    (local.set $state (call $realloc (i32.const 0) (i32.const 0) (i32.const 4) (i32.const 4)))
    (i32.store (local.get $state) (local.get $count))
    (call $ok_state (i32.const 1) (local.get $state) (i32.const 4)))

  (func (export "cabi_post_theater:simple/actor#init") (param i32) (global.set $heap (i32.const 4096)))
  (func (export "cabi_post_theater:simple/message-server-client#handle-send") (param i32) (global.set $heap (i32.const 4096)))
)
