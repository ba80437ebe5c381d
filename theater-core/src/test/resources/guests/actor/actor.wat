;; Runtime test actor: theater:simple/actor#init and message-server-client#handle-send / #handle-request,
;; with a bump allocator. The heap is reset by cabi_post_* after the host has read each result.
;;
;; init(state): state "!t" traps, "!e" returns err, "!s" spins forever; anything else is kept as the state.
;; handle-send(state, (msg)): msg[0] selects
;;   'c' count: the state is a u32 little-endian counter (none = 0), incremented
;;   'a' append: appends msg[1] to the state
;;   'e' err("requested error")   't' trap (unreachable)   's' spin in (loop br 0)
;;   'g' grow memory by one page  'x' clear the state (none)  anything else: keep the state
;; handle-request(state, (id, data)): keeps the state and responds some(data).
(module
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 4096))
  (data (i32.const 256) "requested error")
  (data (i32.const 288) "init refused")

  ;; cabi_realloc(old_ptr, old_size, align, new_size) -> ptr: bump allocation, growing memory as needed.
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

  ;; Writes ok(some(ptr, len)) (or ok(none) when $some is 0) into the return area at 64 and returns 64.
  (func $ok_state (param $some i32) (param $ptr i32) (param $len i32) (result i32)
    (i32.store8 (i32.const 64) (i32.const 0))
    (i32.store8 (i32.const 68) (local.get $some))
    (i32.store (i32.const 72) (local.get $ptr))
    (i32.store (i32.const 76) (local.get $len))
    (i32.const 64))

  ;; Writes err(string at ptr, len) into the return area at 64 and returns 64.
  (func $err (param $ptr i32) (param $len i32) (result i32)
    (i32.store8 (i32.const 64) (i32.const 1))
    (i32.store (i32.const 68) (local.get $ptr))
    (i32.store (i32.const 72) (local.get $len))
    (i32.const 64))

  (func $spin (loop $l (br $l)))

  (func (export "theater:simple/actor#init") (param $some i32) (param $ptr i32) (param $len i32) (result i32)
    (if (i32.and (i32.ge_u (local.get $len) (i32.const 2))
                 (i32.and (local.get $some) (i32.eq (i32.load8_u (local.get $ptr)) (i32.const 33))))
      (then
        (if (i32.eq (i32.load8_u offset=1 (local.get $ptr)) (i32.const 116)) (then unreachable))
        (if (i32.eq (i32.load8_u offset=1 (local.get $ptr)) (i32.const 101))
          (then (return (call $err (i32.const 288) (i32.const 12)))))
        (if (i32.eq (i32.load8_u offset=1 (local.get $ptr)) (i32.const 115)) (then (call $spin)))))
    (call $ok_state (local.get $some) (local.get $ptr) (local.get $len)))

  (func (export "theater:simple/message-server-client#handle-send")
    (param $some i32) (param $ptr i32) (param $len i32) (param $msg i32) (param $msg_len i32) (result i32)
    (local $cmd i32) (local $new i32) (local $count i32)
    (if (i32.eqz (local.get $msg_len)) (then (return (call $ok_state (local.get $some) (local.get $ptr) (local.get $len)))))
    (local.set $cmd (i32.load8_u (local.get $msg)))
    ;; 'c' (99): count
    (if (i32.eq (local.get $cmd) (i32.const 99))
      (then
        (if (i32.and (local.get $some) (i32.ge_u (local.get $len) (i32.const 4)))
          (then (local.set $count (i32.load (local.get $ptr)))))
        (local.set $new (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 4)))
        (i32.store (local.get $new) (i32.add (local.get $count) (i32.const 1)))
        (return (call $ok_state (i32.const 1) (local.get $new) (i32.const 4)))))
    ;; 'a' (97): append msg[1]
    (if (i32.eq (local.get $cmd) (i32.const 97))
      (then
        (if (i32.eqz (local.get $some)) (then (local.set $len (i32.const 0))))
        (local.set $new (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (i32.add (local.get $len) (i32.const 1))))
        (if (local.get $len) (then (memory.copy (local.get $new) (local.get $ptr) (local.get $len))))
        (i32.store8 (i32.add (local.get $new) (local.get $len)) (i32.load8_u offset=1 (local.get $msg)))
        (return (call $ok_state (i32.const 1) (local.get $new) (i32.add (local.get $len) (i32.const 1))))))
    ;; 'e' (101): err
    (if (i32.eq (local.get $cmd) (i32.const 101)) (then (return (call $err (i32.const 256) (i32.const 15)))))
    ;; 't' (116): trap
    (if (i32.eq (local.get $cmd) (i32.const 116)) (then unreachable))
    ;; 's' (115): spin
    (if (i32.eq (local.get $cmd) (i32.const 115)) (then (call $spin)))
    ;; 'g' (103): grow memory by one page
    (if (i32.eq (local.get $cmd) (i32.const 103)) (then (drop (memory.grow (i32.const 1)))))
    ;; 'x' (120): clear the state
    (if (i32.eq (local.get $cmd) (i32.const 120)) (then (return (call $ok_state (i32.const 0) (i32.const 0) (i32.const 0)))))
    (call $ok_state (local.get $some) (local.get $ptr) (local.get $len)))

  ;; result<tuple<option<list<u8>>, tuple<option<list<u8>>>>, string>: ok = state at 68, response at 80.
  (func (export "theater:simple/message-server-client#handle-request")
    (param $some i32) (param $ptr i32) (param $len i32) (param $id i32) (param $id_len i32)
    (param $data i32) (param $data_len i32) (result i32)
    (i32.store8 (i32.const 64) (i32.const 0))
    (i32.store8 (i32.const 68) (local.get $some))
    (i32.store (i32.const 72) (local.get $ptr))
    (i32.store (i32.const 76) (local.get $len))
    (i32.store8 (i32.const 80) (i32.const 1))
    (i32.store (i32.const 84) (local.get $data))
    (i32.store (i32.const 88) (local.get $data_len))
    (i32.const 64))

  (func (export "cabi_post_theater:simple/actor#init") (param i32) (global.set $heap (i32.const 4096)))
  (func (export "cabi_post_theater:simple/message-server-client#handle-send") (param i32) (global.set $heap (i32.const 4096)))
  (func (export "cabi_post_theater:simple/message-server-client#handle-request") (param i32) (global.set $heap (i32.const 4096)))
)
