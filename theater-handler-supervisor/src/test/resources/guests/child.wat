;; Supervision test child: an actor that crashes on demand, on init, or exits normally.
;;
;; init(state): a state that starts with "!t" traps (a child that cannot start), "!e" returns err; anything else
;;   (or none) is kept as the state.
;; handle-send(state, (msg)): msg[0] selects
;;   't' trap (unreachable)             'e' err("requested error")
;;   'c' count: the state is a u32 little-endian counter (none = 0), incremented
;;   'S' set the state to msg[1..]      'x' exit: runtime.shutdown(some(state)), keeping the state
;;   anything else: keep the state
;; A bump allocator serves cabi_realloc; cabi_post_* resets it once the host has read each result.
(module
  (import "theater:simple/runtime" "shutdown" (func $shutdown (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 4096))
  (data (i32.const 256) "requested error")
  (data (i32.const 288) "init refused")

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

  ;; ok(some(ptr, len)) (ok(none) when $some is 0) in the return area at 64.
  (func $ok_state (param $some i32) (param $ptr i32) (param $len i32) (result i32)
    (i32.store8 (i32.const 64) (i32.const 0))
    (i32.store8 (i32.const 68) (local.get $some))
    (i32.store (i32.const 72) (local.get $ptr))
    (i32.store (i32.const 76) (local.get $len))
    (i32.const 64))

  ;; err(string at ptr, len) in the return area at 64.
  (func $err (param $ptr i32) (param $len i32) (result i32)
    (i32.store8 (i32.const 64) (i32.const 1))
    (i32.store (i32.const 68) (local.get $ptr))
    (i32.store (i32.const 72) (local.get $len))
    (i32.const 64))

  (func (export "theater:simple/actor#init") (param $some i32) (param $ptr i32) (param $len i32) (result i32)
    (if (i32.and (i32.ge_u (local.get $len) (i32.const 2))
                 (i32.and (local.get $some) (i32.eq (i32.load8_u (local.get $ptr)) (i32.const 33))))
      (then
        (if (i32.eq (i32.load8_u offset=1 (local.get $ptr)) (i32.const 116)) (then unreachable))
        (if (i32.eq (i32.load8_u offset=1 (local.get $ptr)) (i32.const 101))
          (then (return (call $err (i32.const 288) (i32.const 12)))))))
    (call $ok_state (local.get $some) (local.get $ptr) (local.get $len)))

  (func (export "theater:simple/message-server-client#handle-send")
    (param $some i32) (param $ptr i32) (param $len i32) (param $msg i32) (param $msg_len i32) (result i32)
    (local $cmd i32) (local $new i32) (local $count i32)
    (if (i32.eqz (local.get $msg_len)) (then (return (call $ok_state (local.get $some) (local.get $ptr) (local.get $len)))))
    (local.set $cmd (i32.load8_u (local.get $msg)))
    ;; 't' (116): crash
    (if (i32.eq (local.get $cmd) (i32.const 116)) (then unreachable))
    ;; 'e' (101): err
    (if (i32.eq (local.get $cmd) (i32.const 101)) (then (return (call $err (i32.const 256) (i32.const 15)))))
    ;; 'c' (99): count
    (if (i32.eq (local.get $cmd) (i32.const 99))
      (then
        (if (i32.and (local.get $some) (i32.ge_u (local.get $len) (i32.const 4)))
          (then (local.set $count (i32.load (local.get $ptr)))))
        (local.set $new (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 4)))
        (i32.store (local.get $new) (i32.add (local.get $count) (i32.const 1)))
        (return (call $ok_state (i32.const 1) (local.get $new) (i32.const 4)))))
    ;; 'S' (83): set the state to msg[1..]
    (if (i32.eq (local.get $cmd) (i32.const 83))
      (then (return (call $ok_state (i32.const 1) (i32.add (local.get $msg) (i32.const 1)) (i32.sub (local.get $msg_len) (i32.const 1))))))
    ;; 'x' (120): exit normally, handing the state over as the shutdown data
    (if (i32.eq (local.get $cmd) (i32.const 120))
      (then (call $shutdown (local.get $some) (local.get $ptr) (local.get $len) (i32.const 128))))
    (call $ok_state (local.get $some) (local.get $ptr) (local.get $len)))

  (func (export "cabi_post_theater:simple/actor#init") (param i32) (global.set $heap (i32.const 4096)))
  (func (export "cabi_post_theater:simple/message-server-client#handle-send") (param i32) (global.set $heap (i32.const 4096)))
)
