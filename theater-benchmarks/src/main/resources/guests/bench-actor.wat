;; The benchmark actor: the smallest guest that follows the theater:simple/actor contract.
;;
;; init(state): keeps the state.
;; handle-send(state, (msg)): an empty message, or one that does not start with 's', keeps the state and returns
;;   at once (the trivial export of the round-trip benchmark); 's' spins in (loop br 0) until it is interrupted
;;   (the long call of the metrics and forceStop benchmarks).
;; One page of linear memory, a bump allocator for the host's lowering, reset by cabi_post_* after each call.
(module
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 1024))

  ;; cabi_realloc(old_ptr, old_size, align, new_size) -> ptr: bump allocation within the one page.
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
    (if (i32.and (i32.ne (local.get $msg_len) (i32.const 0))
                 (i32.eq (i32.load8_u (local.get $msg)) (i32.const 115)))
      (then (loop $spin (br $spin))))
    (call $ok_state (local.get $some) (local.get $ptr) (local.get $len)))

  (func (export "cabi_post_theater:simple/actor#init") (param i32) (global.set $heap (i32.const 1024)))
  (func (export "cabi_post_theater:simple/message-server-client#handle-send") (param i32) (global.set $heap (i32.const 1024)))
)
