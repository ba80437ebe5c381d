;; Load-test actor: passes tokens around a ring of peers with theater:simple/message-server-host#send.
;;
;; handle-send(msg):
;;   'P' self:u32 n:u32 ids:n×36 bytes   remembers its peers (little-endian u32s); the state is kept
;;   'T' hops:u32 token:u32              counts the token in its state (a little-endian u32; none = 0) and, while
;;                                       hops > 0, sends 'T' hops-1 token to peer (self + 1 + (hops*7 + token) mod
;;                                       (n-1)) mod n, never to itself; a send that fails traps
;;   anything else                       keeps the state
(module
  (import "theater:simple/message-server-host" "send" (func $send (param i32 i32 i32 i32 i32)))

  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 8192))

  ;; 128: the import's return area. 160: the new state. 200: the outgoing token. 1024: self, n, then the peer ids.
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
    (call $ok_state (local.get $some) (local.get $ptr) (local.get $len)))

  (func (export "theater:simple/message-server-client#handle-send")
    (param $some i32) (param $ptr i32) (param $len i32) (param $msg i32) (param $msg_len i32) (result i32)
    (local $op i32) (local $hops i32) (local $token i32) (local $count i32) (local $n i32) (local $next i32)
    (if (i32.eqz (local.get $msg_len)) (then (return (call $ok_state (local.get $some) (local.get $ptr) (local.get $len)))))
    (local.set $op (i32.load8_u (local.get $msg)))
    ;; 'P' (80): peers
    (if (i32.eq (local.get $op) (i32.const 80))
      (then
        (memory.copy (i32.const 1024) (i32.add (local.get $msg) (i32.const 1)) (i32.sub (local.get $msg_len) (i32.const 1)))
        (return (call $ok_state (local.get $some) (local.get $ptr) (local.get $len)))))
    ;; 'T' (84): token
    (if (i32.eq (local.get $op) (i32.const 84))
      (then
        (local.set $hops (i32.load offset=1 (local.get $msg)))
        (local.set $token (i32.load offset=5 (local.get $msg)))
        (if (i32.and (local.get $some) (i32.ge_u (local.get $len) (i32.const 4)))
          (then (local.set $count (i32.load (local.get $ptr)))))
        (i32.store (i32.const 160) (i32.add (local.get $count) (i32.const 1)))
        (if (local.get $hops)
          (then
            (local.set $n (i32.load (i32.const 1028)))
            (local.set $next
              (i32.rem_u
                (i32.add
                  (i32.add (i32.load (i32.const 1024)) (i32.const 1))
                  (i32.rem_u
                    (i32.add (i32.mul (local.get $hops) (i32.const 7)) (local.get $token))
                    (i32.sub (local.get $n) (i32.const 1))))
                (local.get $n)))
            (i32.store8 (i32.const 200) (i32.const 84))
            (i32.store offset=1 (i32.const 200) (i32.sub (local.get $hops) (i32.const 1)))
            (i32.store offset=5 (i32.const 200) (local.get $token))
            (call $send
              (i32.add (i32.const 1032) (i32.mul (local.get $next) (i32.const 36))) (i32.const 36)
              (i32.const 200) (i32.const 9) (i32.const 128))
            (if (i32.load8_u (i32.const 128)) (then unreachable))))
        (return (call $ok_state (i32.const 1) (i32.const 160) (i32.const 4)))))
    (call $ok_state (local.get $some) (local.get $ptr) (local.get $len)))

  (func (export "cabi_post_theater:simple/actor#init") (param i32) (global.set $heap (i32.const 8192)))
  (func (export "cabi_post_theater:simple/message-server-client#handle-send") (param i32) (global.set $heap (i32.const 8192)))
)
