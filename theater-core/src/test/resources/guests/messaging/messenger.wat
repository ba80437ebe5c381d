;; Messaging test actor: every message-server-client export, and a small command language that calls every
;; message-server-host function. Ids (actor, request, channel) are 36-byte UUID strings.
;;
;; The state is a log: each export appends one line and a '\n' to it (the host keeps it; tests read it back).
;;
;; Commands (handle-send's message, handle-request's payload, '!' channel messages):
;;   s<actor-id><payload>     send                     line "ok" | "err:<message>"
;;   r<actor-id><payload>     request                  line "ok:<reply>" | "err:<message>"
;;   o<actor-id><payload>     open-channel             line "ok:<channel-id>" | "err:<message>"
;;   m<channel-id><payload>   send-on-channel          line "ok" | "err:<message>"
;;   c<channel-id>            close-channel            line "ok" | "err:<message>"
;;   l                        list-outstanding-requests  line "ok:<id>,<id>,..."
;;   p<request-id><payload>   respond-to-request       line "ok" | "err:<message>"
;;   x<request-id>            cancel-request           line "ok" | "err:<message>"
;;   n<count u8><command>     run <command> count times; line = the first "err..." or the last line
;;   e<text>                  line "<text>"
;;   t                        trap (unreachable)
;;   w                        spin forever in (loop br 0)
;;   anything else            line = the whole command
;;
;; handle-send(msg):                 runs msg; logs the line
;; handle-request(id, payload):      payload "d..." defers (returns none) and logs "req:<id>";
;;                                   otherwise runs payload, returns some(line) and logs "req:<id>"
;; handle-channel-open(cid, msg):    logs "open:<cid>:<msg>"; msg "n<text>" rejects, with message <text> if any;
;;                                   "a<text>" accepts with message <text> if any; anything else accepts, no message
;; handle-channel-message(cid, msg): logs "msg:<cid>:<msg>"; msg "E<text>" sends <text> back on the channel,
;;                                   "C" closes the channel, "!<command>" runs it; the outcome is logged after a '|'
;; handle-channel-close(cid):        logs "close:<cid>"
(module
  (import "theater:simple/message-server-host" "send" (func $send (param i32 i32 i32 i32 i32)))
  (import "theater:simple/message-server-host" "request" (func $request (param i32 i32 i32 i32 i32)))
  (import "theater:simple/message-server-host" "open-channel" (func $open_channel (param i32 i32 i32 i32 i32)))
  (import "theater:simple/message-server-host" "send-on-channel" (func $send_on_channel (param i32 i32 i32 i32 i32)))
  (import "theater:simple/message-server-host" "close-channel" (func $close_channel (param i32 i32 i32)))
  (import "theater:simple/message-server-host" "list-outstanding-requests" (func $list_outstanding (param i32)))
  (import "theater:simple/message-server-host" "respond-to-request" (func $respond (param i32 i32 i32 i32 i32)))
  (import "theater:simple/message-server-host" "cancel-request" (func $cancel (param i32 i32 i32)))

  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 4096))
  (global $line_ptr (mut i32) (i32.const 0))
  (global $line_len (mut i32) (i32.const 0))

  ;; 64: the export's return area. 128: an import's return area (tag@128, ptr@132, len@136).
  (data (i32.const 256) "ok")
  (data (i32.const 260) "err:")
  (data (i32.const 264) "ok:")
  (data (i32.const 268) "req:")
  (data (i32.const 272) "open:")
  (data (i32.const 280) "msg:")
  (data (i32.const 288) "close:")
  (data (i32.const 296) ":")
  (data (i32.const 300) ",")
  (data (i32.const 304) "|")

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

  (func $alloc (param $size i32) (result i32)
    (call $realloc (i32.const 0) (i32.const 0) (i32.const 4) (local.get $size)))

  (func $reset (global.set $heap (i32.const 4096)))

  (func $line_reset
    (global.set $line_ptr (i32.const 0))
    (global.set $line_len (i32.const 0)))

  ;; Appends len bytes at ptr to the line.
  (func $line_add (param $ptr i32) (param $len i32)
    (local $new i32)
    (local.set $new (call $alloc (i32.add (global.get $line_len) (local.get $len))))
    (memory.copy (local.get $new) (global.get $line_ptr) (global.get $line_len))
    (memory.copy (i32.add (local.get $new) (global.get $line_len)) (local.get $ptr) (local.get $len))
    (global.set $line_ptr (local.get $new))
    (global.set $line_len (i32.add (global.get $line_len) (local.get $len))))

  ;; The line for a result<_, string> in the import return area.
  (func $line_unit
    (if (i32.load8_u (i32.const 128))
      (then
        (call $line_add (i32.const 260) (i32.const 4))
        (call $line_add (i32.load (i32.const 132)) (i32.load (i32.const 136))))
      (else (call $line_add (i32.const 256) (i32.const 2)))))

  ;; The line for a result<list<u8>, string> or result<string, string> in the import return area.
  (func $line_bytes
    (if (i32.load8_u (i32.const 128))
      (then (call $line_add (i32.const 260) (i32.const 4)))
      (else (call $line_add (i32.const 264) (i32.const 3))))
    (call $line_add (i32.load (i32.const 132)) (i32.load (i32.const 136))))

  ;; Traps unless the command has at least n bytes.
  (func $need (param $len i32) (param $n i32)
    (if (i32.lt_u (local.get $len) (local.get $n)) (then unreachable)))

  (func $spin (loop $l (br $l)))

  ;; Runs the command at (cmd, len), appending its outcome to the line.
  (func $exec (param $cmd i32) (param $len i32)
    (local $op i32) (local $i i32) (local $count i32) (local $list i32) (local $n i32)
    (if (i32.eqz (local.get $len)) (then (return)))
    (local.set $op (i32.load8_u (local.get $cmd)))
    ;; 's' send
    (if (i32.eq (local.get $op) (i32.const 115))
      (then
        (call $need (local.get $len) (i32.const 37))
        (call $send (i32.add (local.get $cmd) (i32.const 1)) (i32.const 36)
          (i32.add (local.get $cmd) (i32.const 37)) (i32.sub (local.get $len) (i32.const 37)) (i32.const 128))
        (call $line_unit)
        (return)))
    ;; 'r' request
    (if (i32.eq (local.get $op) (i32.const 114))
      (then
        (call $need (local.get $len) (i32.const 37))
        (call $request (i32.add (local.get $cmd) (i32.const 1)) (i32.const 36)
          (i32.add (local.get $cmd) (i32.const 37)) (i32.sub (local.get $len) (i32.const 37)) (i32.const 128))
        (call $line_bytes)
        (return)))
    ;; 'o' open-channel
    (if (i32.eq (local.get $op) (i32.const 111))
      (then
        (call $need (local.get $len) (i32.const 37))
        (call $open_channel (i32.add (local.get $cmd) (i32.const 1)) (i32.const 36)
          (i32.add (local.get $cmd) (i32.const 37)) (i32.sub (local.get $len) (i32.const 37)) (i32.const 128))
        (call $line_bytes)
        (return)))
    ;; 'm' send-on-channel
    (if (i32.eq (local.get $op) (i32.const 109))
      (then
        (call $need (local.get $len) (i32.const 37))
        (call $send_on_channel (i32.add (local.get $cmd) (i32.const 1)) (i32.const 36)
          (i32.add (local.get $cmd) (i32.const 37)) (i32.sub (local.get $len) (i32.const 37)) (i32.const 128))
        (call $line_unit)
        (return)))
    ;; 'c' close-channel
    (if (i32.eq (local.get $op) (i32.const 99))
      (then
        (call $need (local.get $len) (i32.const 37))
        (call $close_channel (i32.add (local.get $cmd) (i32.const 1)) (i32.const 36) (i32.const 128))
        (call $line_unit)
        (return)))
    ;; 'l' list-outstanding-requests: list<string> at (ptr@128, len@132), 8 bytes per element
    (if (i32.eq (local.get $op) (i32.const 108))
      (then
        (call $list_outstanding (i32.const 128))
        (local.set $list (i32.load (i32.const 128)))
        (local.set $n (i32.load (i32.const 132)))
        (call $line_add (i32.const 264) (i32.const 3))
        (local.set $i (i32.const 0))
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (if (local.get $i) (then (call $line_add (i32.const 300) (i32.const 1))))
            (call $line_add
              (i32.load (i32.add (local.get $list) (i32.mul (local.get $i) (i32.const 8))))
              (i32.load offset=4 (i32.add (local.get $list) (i32.mul (local.get $i) (i32.const 8)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
        (return)))
    ;; 'p' respond-to-request
    (if (i32.eq (local.get $op) (i32.const 112))
      (then
        (call $need (local.get $len) (i32.const 37))
        (call $respond (i32.add (local.get $cmd) (i32.const 1)) (i32.const 36)
          (i32.add (local.get $cmd) (i32.const 37)) (i32.sub (local.get $len) (i32.const 37)) (i32.const 128))
        (call $line_unit)
        (return)))
    ;; 'x' cancel-request
    (if (i32.eq (local.get $op) (i32.const 120))
      (then
        (call $need (local.get $len) (i32.const 37))
        (call $cancel (i32.add (local.get $cmd) (i32.const 1)) (i32.const 36) (i32.const 128))
        (call $line_unit)
        (return)))
    ;; 'n' repeat
    (if (i32.eq (local.get $op) (i32.const 110))
      (then
        (call $need (local.get $len) (i32.const 2))
        (local.set $count (i32.load8_u offset=1 (local.get $cmd)))
        (local.set $i (i32.const 0))
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
            (call $line_reset)
            (call $exec (i32.add (local.get $cmd) (i32.const 2)) (i32.sub (local.get $len) (i32.const 2)))
            ;; stop at the first error: the line starts with "err:"
            (br_if $done (i32.and (i32.ge_u (global.get $line_len) (i32.const 4))
                                  (i32.eq (i32.load (global.get $line_ptr)) (i32.load (i32.const 260)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
        (return)))
    ;; 'e' echo
    (if (i32.eq (local.get $op) (i32.const 101))
      (then
        (call $line_add (i32.add (local.get $cmd) (i32.const 1)) (i32.sub (local.get $len) (i32.const 1)))
        (return)))
    ;; 't' trap
    (if (i32.eq (local.get $op) (i32.const 116)) (then unreachable))
    ;; 'w' spin
    (if (i32.eq (local.get $op) (i32.const 119)) (then (call $spin)))
    (call $line_add (local.get $cmd) (local.get $len)))

  ;; Writes ok(some(state ++ line ++ "\n")) to the return area at 64 (state and response slots up to 80).
  (func $finish (param $some i32) (param $ptr i32) (param $len i32)
    (local $new i32) (local $old i32)
    (local.set $old (select (local.get $len) (i32.const 0) (local.get $some)))
    (local.set $new (call $alloc (i32.add (i32.add (local.get $old) (global.get $line_len)) (i32.const 1))))
    (memory.copy (local.get $new) (local.get $ptr) (local.get $old))
    (memory.copy (i32.add (local.get $new) (local.get $old)) (global.get $line_ptr) (global.get $line_len))
    (i32.store8 (i32.add (i32.add (local.get $new) (local.get $old)) (global.get $line_len)) (i32.const 10))
    (i32.store8 (i32.const 64) (i32.const 0))
    (i32.store8 (i32.const 68) (i32.const 1))
    (i32.store (i32.const 72) (local.get $new))
    (i32.store (i32.const 76) (i32.add (i32.add (local.get $old) (global.get $line_len)) (i32.const 1))))

  (func (export "theater:simple/actor#init") (param $some i32) (param $ptr i32) (param $len i32) (result i32)
    (i32.store8 (i32.const 64) (i32.const 0))
    (i32.store8 (i32.const 68) (local.get $some))
    (i32.store (i32.const 72) (local.get $ptr))
    (i32.store (i32.const 76) (local.get $len))
    (i32.const 64))

  (func (export "theater:simple/message-server-client#handle-send")
    (param $some i32) (param $ptr i32) (param $len i32) (param $msg i32) (param $msg_len i32) (result i32)
    (call $line_reset)
    (call $exec (local.get $msg) (local.get $msg_len))
    (call $finish (local.get $some) (local.get $ptr) (local.get $len))
    (i32.const 64))

  (func (export "theater:simple/message-server-client#handle-request")
    (param $some i32) (param $ptr i32) (param $len i32) (param $id i32) (param $id_len i32)
    (param $data i32) (param $data_len i32) (result i32)
    (local $reply i32) (local $reply_len i32) (local $defer i32)
    (local.set $defer (i32.and (i32.ne (local.get $data_len) (i32.const 0))
                               (i32.eq (i32.load8_u (local.get $data)) (i32.const 100))))
    (if (i32.eqz (local.get $defer))
      (then
        (call $line_reset)
        (call $exec (local.get $data) (local.get $data_len))
        (local.set $reply (global.get $line_ptr))
        (local.set $reply_len (global.get $line_len))))
    (call $line_reset)
    (call $line_add (i32.const 268) (i32.const 4))
    (call $line_add (local.get $id) (local.get $id_len))
    (call $finish (local.get $some) (local.get $ptr) (local.get $len))
    (i32.store8 (i32.const 80) (i32.eqz (local.get $defer)))
    (i32.store (i32.const 84) (local.get $reply))
    (i32.store (i32.const 88) (local.get $reply_len))
    (i32.const 64))

  ;; result<tuple<option<list<u8>>, tuple<channel-accept>>, string>: accepted@80, message option tag@84 ptr@88 len@92
  (func (export "theater:simple/message-server-client#handle-channel-open")
    (param $some i32) (param $ptr i32) (param $len i32) (param $cid i32) (param $cid_len i32)
    (param $msg i32) (param $msg_len i32) (result i32)
    (local $first i32)
    (call $line_reset)
    (call $line_add (i32.const 272) (i32.const 5))
    (call $line_add (local.get $cid) (local.get $cid_len))
    (call $line_add (i32.const 296) (i32.const 1))
    (call $line_add (local.get $msg) (local.get $msg_len))
    (call $finish (local.get $some) (local.get $ptr) (local.get $len))
    (if (local.get $msg_len) (then (local.set $first (i32.load8_u (local.get $msg)))))
    ;; accepted unless the message starts with 'n'
    (i32.store8 (i32.const 80) (i32.ne (local.get $first) (i32.const 110)))
    ;; a message when it starts with 'a' or 'n' and has more bytes
    (i32.store8 (i32.const 84)
      (i32.and (i32.gt_u (local.get $msg_len) (i32.const 1))
               (i32.or (i32.eq (local.get $first) (i32.const 97)) (i32.eq (local.get $first) (i32.const 110)))))
    (i32.store (i32.const 88) (i32.add (local.get $msg) (i32.const 1)))
    (i32.store (i32.const 92) (i32.sub (local.get $msg_len) (i32.const 1)))
    (i32.const 64))

  (func (export "theater:simple/message-server-client#handle-channel-message")
    (param $some i32) (param $ptr i32) (param $len i32) (param $cid i32) (param $cid_len i32)
    (param $msg i32) (param $msg_len i32) (result i32)
    (local $first i32)
    (call $line_reset)
    (call $line_add (i32.const 280) (i32.const 4))
    (call $line_add (local.get $cid) (local.get $cid_len))
    (call $line_add (i32.const 296) (i32.const 1))
    (call $line_add (local.get $msg) (local.get $msg_len))
    (if (local.get $msg_len) (then (local.set $first (i32.load8_u (local.get $msg)))))
    ;; 'E': echo the rest back on the channel
    (if (i32.eq (local.get $first) (i32.const 69))
      (then
        (call $send_on_channel (local.get $cid) (local.get $cid_len)
          (i32.add (local.get $msg) (i32.const 1)) (i32.sub (local.get $msg_len) (i32.const 1)) (i32.const 128))
        (call $line_add (i32.const 304) (i32.const 1))
        (call $line_unit)))
    ;; 'C': close the channel
    (if (i32.eq (local.get $first) (i32.const 67))
      (then
        (call $close_channel (local.get $cid) (local.get $cid_len) (i32.const 128))
        (call $line_add (i32.const 304) (i32.const 1))
        (call $line_unit)))
    ;; '!': run the rest as a command
    (if (i32.eq (local.get $first) (i32.const 33))
      (then
        (call $line_add (i32.const 304) (i32.const 1))
        (call $exec (i32.add (local.get $msg) (i32.const 1)) (i32.sub (local.get $msg_len) (i32.const 1)))))
    (call $finish (local.get $some) (local.get $ptr) (local.get $len))
    (i32.const 64))

  (func (export "theater:simple/message-server-client#handle-channel-close")
    (param $some i32) (param $ptr i32) (param $len i32) (param $cid i32) (param $cid_len i32) (result i32)
    (call $line_reset)
    (call $line_add (i32.const 288) (i32.const 6))
    (call $line_add (local.get $cid) (local.get $cid_len))
    (call $finish (local.get $some) (local.get $ptr) (local.get $len))
    (i32.const 64))

  (func (export "cabi_post_theater:simple/actor#init") (param i32) (call $reset))
  (func (export "cabi_post_theater:simple/message-server-client#handle-send") (param i32) (call $reset))
  (func (export "cabi_post_theater:simple/message-server-client#handle-request") (param i32) (call $reset))
  (func (export "cabi_post_theater:simple/message-server-client#handle-channel-open") (param i32) (call $reset))
  (func (export "cabi_post_theater:simple/message-server-client#handle-channel-message") (param i32) (call $reset))
  (func (export "cabi_post_theater:simple/message-server-client#handle-channel-close") (param i32) (call $reset))
)
