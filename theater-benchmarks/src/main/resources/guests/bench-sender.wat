;; The sending actor of the send benchmark.
;;
;; init(state): keeps the state, which is the id of the actor to send to (UTF-8).
;; handle-send(state, (msg)): msg is a u32 little-endian count N; sends N one-byte messages "p" to the actor
;;   named by the state through theater:simple/message-server-host#send, one host call each, and returns the
;;   state unchanged. The first refused send ends the call with err(the refusal).
;; One page of linear memory, a bump allocator for the host's lowering, reset by cabi_post_* after each call.
(module
  ;; send: func(actor-id: string, msg: list<u8>) -> result<_, string>, the result through a return area.
  (import "theater:simple/message-server-host" "send" (func $send (param i32 i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 1024))
  (data (i32.const 512) "p")

  (func $realloc (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr
      (i32.and
        (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
        (i32.sub (i32.const 0) (local.get $align))))
    (if (i32.gt_u (i32.add (local.get $ptr) (local.get $size)) (i32.const 65536)) (then unreachable))
    (global.set $heap (i32.add (local.get $ptr) (local.get $size)))
    (if (i32.ne (local.get $old) (i32.const 0))
      (then (memory.copy (local.get $ptr) (local.get $old)
              (select (local.get $old_size) (local.get $size) (i32.lt_u (local.get $old_size) (local.get $size))))))
    (local.get $ptr))

  ;; Writes ok(option<list<u8>>) into the return area at 64 and returns 64.
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
    (local $left i32)
    (if (i32.ge_u (local.get $msg_len) (i32.const 4))
      (then (local.set $left (i32.load (local.get $msg)))))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $left)))
        ;; send(state as the actor id, "p", return area at 128)
        (call $send (local.get $ptr) (local.get $len) (i32.const 512) (i32.const 1) (i32.const 128))
        (if (i32.ne (i32.load8_u (i32.const 128)) (i32.const 0))
          (then
            ;; err(string): pass the host's message on as this call's err
            (i32.store8 (i32.const 64) (i32.const 1))
            (i32.store (i32.const 68) (i32.load (i32.const 132)))
            (i32.store (i32.const 72) (i32.load (i32.const 136)))
            (return (i32.const 64))))
        (local.set $left (i32.sub (local.get $left) (i32.const 1)))
        (br $next)))
    (call $ok_state (local.get $some) (local.get $ptr) (local.get $len)))

  (func (export "cabi_post_theater:simple/actor#init") (param i32) (global.set $heap (i32.const 1024)))
  (func (export "cabi_post_theater:simple/message-server-client#handle-send") (param i32) (global.set $heap (i32.const 1024)))
)
