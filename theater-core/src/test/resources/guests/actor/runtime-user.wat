;; Runtime test actor that uses theater:simple/runtime. init logs "init" and keeps the state.
;; handle-send(state, (msg)): msg[0] selects
;;   'l' log(msg[1..])                       'q' shutdown(some(msg[1..])), keeps the state
;;   'i' state = self() (the actor id)       'n' state = u32 LE number of events get-chain returned
(module
  (import "theater:simple/runtime" "log" (func $log (param i32 i32)))
  (import "theater:simple/runtime" "get-chain" (func $get_chain (param i32)))
  (import "theater:simple/runtime" "shutdown" (func $shutdown (param i32 i32 i32 i32)))
  (import "theater:simple/runtime" "self" (func $self (param i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 4096))
  (data (i32.const 256) "init")

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

  (func $ok_state (param $some i32) (param $ptr i32) (param $len i32) (result i32)
    (i32.store8 (i32.const 64) (i32.const 0))
    (i32.store8 (i32.const 68) (local.get $some))
    (i32.store (i32.const 72) (local.get $ptr))
    (i32.store (i32.const 76) (local.get $len))
    (i32.const 64))

  (func (export "theater:simple/actor#init") (param $some i32) (param $ptr i32) (param $len i32) (result i32)
    (call $log (i32.const 256) (i32.const 4))
    (call $ok_state (local.get $some) (local.get $ptr) (local.get $len)))

  (func (export "theater:simple/message-server-client#handle-send")
    (param $some i32) (param $ptr i32) (param $len i32) (param $msg i32) (param $msg_len i32) (result i32)
    (local $cmd i32) (local $new i32)
    (if (i32.eqz (local.get $msg_len)) (then (return (call $ok_state (local.get $some) (local.get $ptr) (local.get $len)))))
    (local.set $cmd (i32.load8_u (local.get $msg)))
    ;; 'l' (108): log the rest of the message
    (if (i32.eq (local.get $cmd) (i32.const 108))
      (then (call $log (i32.add (local.get $msg) (i32.const 1)) (i32.sub (local.get $msg_len) (i32.const 1)))))
    ;; 'q' (113): shutdown(some(rest)); the result goes to 128
    (if (i32.eq (local.get $cmd) (i32.const 113))
      (then (call $shutdown (i32.const 1) (i32.add (local.get $msg) (i32.const 1))
                            (i32.sub (local.get $msg_len) (i32.const 1)) (i32.const 128))))
    ;; 'i' (105): the state becomes self()
    (if (i32.eq (local.get $cmd) (i32.const 105))
      (then
        (call $self (i32.const 128))
        (return (call $ok_state (i32.const 1) (i32.load (i32.const 128)) (i32.load (i32.const 132))))))
    ;; 'n' (110): the state becomes the number of chain events, u32 little-endian
    (if (i32.eq (local.get $cmd) (i32.const 110))
      (then
        (call $get_chain (i32.const 128))
        (local.set $new (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 4)))
        (i32.store (local.get $new) (i32.load (i32.const 132)))
        (return (call $ok_state (i32.const 1) (local.get $new) (i32.const 4)))))
    (call $ok_state (local.get $some) (local.get $ptr) (local.get $len)))

  (func (export "cabi_post_theater:simple/actor#init") (param i32) (global.set $heap (i32.const 4096)))
  (func (export "cabi_post_theater:simple/message-server-client#handle-send") (param i32) (global.set $heap (i32.const 4096)))
)
