;; Supervision test parent: spawns children and writes down, in its state, everything it did and heard.
;;
;; The state is text. Each call copies the old state and appends lines to it:
;;   init(state): for each line "+<manifest path>" of the state, supervisor.spawn(path, none)
;;                                         -> "spawned <id>" or "err <message>"
;;   handle-send(state, (msg)), by msg[0]:
;;     's' <path>  spawn(path, none)       -> "spawned <id>"         | "err <message>"
;;     'R' <path>  resume(path, "resumed") -> "resumed <id>"         | "err <message>"
;;     'k' <id>    stop-child(id)          -> "stopped <id>"         | "err <message>"
;;     'r' <id>    restart-child(id)       -> "restarted <id>"       | "err <message>"
;;     'l'         list-children()         -> "children <n> <id> <id> ..."
;;     'g' <id>    get-child-state(id)     -> "state <id> <length>"  | "state <id> none" | "err <message>"
;;     'v' <id>    get-child-events(id)    -> "events <id> <count>"  | "err <message>"
;;   handle-child-error(state, (id, error)) -> "error <id> <error-type discriminant>"
;;   handle-child-exit(state, (id, data))   -> "exit <id> <data>" or "exit <id> none"
;;   handle-child-external-stop(state, (id)) -> "external-stop <id>"
;;
;; Memory: 64 the export return area, 128 the import return area, 4096.. a bump heap that cabi_post_* resets.
(module
  (import "theater:simple/supervisor" "spawn" (func $spawn (param i32 i32 i32 i32 i32 i32)))
  (import "theater:simple/supervisor" "resume" (func $resume (param i32 i32 i32 i32 i32 i32)))
  (import "theater:simple/supervisor" "list-children" (func $list_children (param i32)))
  (import "theater:simple/supervisor" "stop-child" (func $stop_child (param i32 i32 i32)))
  (import "theater:simple/supervisor" "restart-child" (func $restart_child (param i32 i32 i32)))
  (import "theater:simple/supervisor" "get-child-state" (func $get_child_state (param i32 i32 i32)))
  (import "theater:simple/supervisor" "get-child-events" (func $get_child_events (param i32 i32 i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 4096))
  (global $out (mut i32) (i32.const 0))
  (global $out_len (mut i32) (i32.const 0))
  (data (i32.const 256) "spawned ")
  (data (i32.const 272) "err ")
  (data (i32.const 288) "resumed ")
  (data (i32.const 304) "stopped ")
  (data (i32.const 320) "restarted ")
  (data (i32.const 336) "children ")
  (data (i32.const 352) "state ")
  (data (i32.const 368) "none")
  (data (i32.const 384) "events ")
  (data (i32.const 400) "error ")
  (data (i32.const 416) "exit ")
  (data (i32.const 432) "external-stop ")
  (data (i32.const 448) "resumed")

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

  ;; Starts the new state: a buffer with room for the old state plus 16 KiB of new lines.
  (func $begin (param $some i32) (param $ptr i32) (param $len i32)
    (if (i32.eqz (local.get $some)) (then (local.set $len (i32.const 0))))
    (global.set $out (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (i32.add (local.get $len) (i32.const 16384))))
    (if (local.get $len) (then (memory.copy (global.get $out) (local.get $ptr) (local.get $len))))
    (global.set $out_len (local.get $len)))

  (func $put (param $ptr i32) (param $len i32)
    (memory.copy (i32.add (global.get $out) (global.get $out_len)) (local.get $ptr) (local.get $len))
    (global.set $out_len (i32.add (global.get $out_len) (local.get $len))))

  (func $put_byte (param $b i32)
    (i32.store8 (i32.add (global.get $out) (global.get $out_len)) (local.get $b))
    (global.set $out_len (i32.add (global.get $out_len) (i32.const 1))))

  (func $put_u32 (param $n i32)
    (local $div i32)
    (local.set $div (i32.const 1))
    (block $done
      (loop $grow
        (br_if $done (i32.lt_u (i32.div_u (local.get $n) (local.get $div)) (i32.const 10)))
        (local.set $div (i32.mul (local.get $div) (i32.const 10)))
        (br $grow)))
    (block $end
      (loop $digits
        (call $put_byte (i32.add (i32.const 48) (i32.rem_u (i32.div_u (local.get $n) (local.get $div)) (i32.const 10))))
        (br_if $end (i32.eq (local.get $div) (i32.const 1)))
        (local.set $div (i32.div_u (local.get $div) (i32.const 10)))
        (br $digits))))

  ;; Appends the string (ptr, len) stored at $area.
  (func $put_string_at (param $area i32)
    (call $put (i32.load (local.get $area)) (i32.load offset=4 (local.get $area))))

  ;; ok(some(new state)) in the return area at 64.
  (func $finish (result i32)
    (i32.store8 (i32.const 64) (i32.const 0))
    (i32.store8 (i32.const 68) (i32.const 1))
    (i32.store (i32.const 72) (global.get $out))
    (i32.store (i32.const 76) (global.get $out_len))
    (i32.const 64))

  ;; Appends "<ok-prefix><string>" or "err <string>" for a result<string, string> at 128, and a newline.
  (func $put_result_string (param $prefix i32) (param $prefix_len i32)
    (if (i32.load8_u (i32.const 128))
      (then (call $put (i32.const 272) (i32.const 4)))
      (else (call $put (local.get $prefix) (local.get $prefix_len))))
    (call $put_string_at (i32.const 132))
    (call $put_byte (i32.const 10)))

  ;; Appends "<ok-prefix><id>" or "err <string>" for a result<_, string> at 128, and a newline.
  (func $put_result_unit (param $prefix i32) (param $prefix_len i32) (param $id i32) (param $id_len i32)
    (if (i32.load8_u (i32.const 128))
      (then
        (call $put (i32.const 272) (i32.const 4))
        (call $put_string_at (i32.const 132)))
      (else
        (call $put (local.get $prefix) (local.get $prefix_len))
        (call $put (local.get $id) (local.get $id_len))))
    (call $put_byte (i32.const 10)))

  (func $do_spawn (param $path i32) (param $path_len i32)
    (call $spawn (local.get $path) (local.get $path_len) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 128))
    (call $put_result_string (i32.const 256) (i32.const 8)))

  (func (export "theater:simple/actor#init") (param $some i32) (param $ptr i32) (param $len i32) (result i32)
    (local $i i32) (local $start i32) (local $end i32)
    (call $begin (local.get $some) (local.get $ptr) (local.get $len))
    (if (i32.eqz (local.get $some)) (then (return (call $finish))))
    ;; lines: [start, end) ending at '\n' or the end of the state
    (local.set $start (i32.const 0))
    (block $lines_done
      (loop $lines
        (br_if $lines_done (i32.ge_u (local.get $start) (local.get $len)))
        (local.set $end (local.get $start))
        (block $eol
          (loop $scan
            (br_if $eol (i32.ge_u (local.get $end) (local.get $len)))
            (br_if $eol (i32.eq (i32.load8_u (i32.add (local.get $ptr) (local.get $end))) (i32.const 10)))
            (local.set $end (i32.add (local.get $end) (i32.const 1)))
            (br $scan)))
        ;; '+' (43) at the start of a line: spawn the rest
        (if (i32.and (i32.gt_u (local.get $end) (i32.add (local.get $start) (i32.const 1)))
                     (i32.eq (i32.load8_u (i32.add (local.get $ptr) (local.get $start))) (i32.const 43)))
          (then
            (call $do_spawn
              (i32.add (local.get $ptr) (i32.add (local.get $start) (i32.const 1)))
              (i32.sub (local.get $end) (i32.add (local.get $start) (i32.const 1))))))
        (local.set $start (i32.add (local.get $end) (i32.const 1)))
        (br $lines)))
    (call $finish))

  (func (export "theater:simple/message-server-client#handle-send")
    (param $some i32) (param $ptr i32) (param $len i32) (param $msg i32) (param $msg_len i32) (result i32)
    (local $cmd i32) (local $arg i32) (local $arg_len i32) (local $list i32) (local $n i32) (local $i i32)
    (call $begin (local.get $some) (local.get $ptr) (local.get $len))
    (if (i32.eqz (local.get $msg_len)) (then (return (call $finish))))
    (local.set $cmd (i32.load8_u (local.get $msg)))
    (local.set $arg (i32.add (local.get $msg) (i32.const 1)))
    (local.set $arg_len (i32.sub (local.get $msg_len) (i32.const 1)))
    ;; 's' (115): spawn
    (if (i32.eq (local.get $cmd) (i32.const 115))
      (then (call $do_spawn (local.get $arg) (local.get $arg_len))))
    ;; 'R' (82): resume with the state "resumed"
    (if (i32.eq (local.get $cmd) (i32.const 82))
      (then
        (call $resume (local.get $arg) (local.get $arg_len) (i32.const 1) (i32.const 448) (i32.const 7) (i32.const 128))
        (call $put_result_string (i32.const 288) (i32.const 8))))
    ;; 'k' (107): stop-child
    (if (i32.eq (local.get $cmd) (i32.const 107))
      (then
        (call $stop_child (local.get $arg) (local.get $arg_len) (i32.const 128))
        (call $put_result_unit (i32.const 304) (i32.const 8) (local.get $arg) (local.get $arg_len))))
    ;; 'r' (114): restart-child
    (if (i32.eq (local.get $cmd) (i32.const 114))
      (then
        (call $restart_child (local.get $arg) (local.get $arg_len) (i32.const 128))
        (call $put_result_unit (i32.const 320) (i32.const 10) (local.get $arg) (local.get $arg_len))))
    ;; 'l' (108): list-children -> "children <n> <id> ..."
    (if (i32.eq (local.get $cmd) (i32.const 108))
      (then
        (call $list_children (i32.const 128))
        (local.set $list (i32.load (i32.const 128)))
        (local.set $n (i32.load (i32.const 132)))
        (call $put (i32.const 336) (i32.const 9))
        (call $put_u32 (local.get $n))
        (local.set $i (i32.const 0))
        (block $done
          (loop $each
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (call $put_byte (i32.const 32))
            (call $put_string_at (i32.add (local.get $list) (i32.mul (local.get $i) (i32.const 8))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $each)))
        (call $put_byte (i32.const 10))))
    ;; 'g' (103): get-child-state -> "state <id> <length>" / "state <id> none"
    (if (i32.eq (local.get $cmd) (i32.const 103))
      (then
        (call $get_child_state (local.get $arg) (local.get $arg_len) (i32.const 128))
        (if (i32.load8_u (i32.const 128))
          (then
            (call $put (i32.const 272) (i32.const 4))
            (call $put_string_at (i32.const 132)))
          (else
            (call $put (i32.const 352) (i32.const 6))
            (call $put (local.get $arg) (local.get $arg_len))
            (call $put_byte (i32.const 32))
            (if (i32.load8_u (i32.const 132))
              (then (call $put_u32 (i32.load (i32.const 140))))
              (else (call $put (i32.const 368) (i32.const 4))))))
        (call $put_byte (i32.const 10))))
    ;; 'v' (118): get-child-events -> "events <id> <count>"
    (if (i32.eq (local.get $cmd) (i32.const 118))
      (then
        (call $get_child_events (local.get $arg) (local.get $arg_len) (i32.const 128))
        (if (i32.load8_u (i32.const 128))
          (then
            (call $put (i32.const 272) (i32.const 4))
            (call $put_string_at (i32.const 132)))
          (else
            (call $put (i32.const 384) (i32.const 7))
            (call $put (local.get $arg) (local.get $arg_len))
            (call $put_byte (i32.const 32))
            (call $put_u32 (i32.load (i32.const 136)))))
        (call $put_byte (i32.const 10))))
    (call $finish))

  ;; params: state (3), child id (2), wit-actor-error { error-type, data: option<list<u8>> } (1 + 3)
  (func (export "theater:simple/supervisor-handlers#handle-child-error")
    (param $some i32) (param $ptr i32) (param $len i32) (param $id i32) (param $id_len i32)
    (param $type i32) (param $data_some i32) (param $data i32) (param $data_len i32) (result i32)
    (call $begin (local.get $some) (local.get $ptr) (local.get $len))
    (call $put (i32.const 400) (i32.const 6))
    (call $put (local.get $id) (local.get $id_len))
    (call $put_byte (i32.const 32))
    (call $put_u32 (local.get $type))
    (call $put_byte (i32.const 10))
    (call $finish))

  ;; params: state (3), child id (2), data: option<list<u8>> (3)
  (func (export "theater:simple/supervisor-handlers#handle-child-exit")
    (param $some i32) (param $ptr i32) (param $len i32) (param $id i32) (param $id_len i32)
    (param $data_some i32) (param $data i32) (param $data_len i32) (result i32)
    (call $begin (local.get $some) (local.get $ptr) (local.get $len))
    (call $put (i32.const 416) (i32.const 5))
    (call $put (local.get $id) (local.get $id_len))
    (call $put_byte (i32.const 32))
    (if (local.get $data_some)
      (then (call $put (local.get $data) (local.get $data_len)))
      (else (call $put (i32.const 368) (i32.const 4))))
    (call $put_byte (i32.const 10))
    (call $finish))

  ;; params: state (3), child id (2)
  (func (export "theater:simple/supervisor-handlers#handle-child-external-stop")
    (param $some i32) (param $ptr i32) (param $len i32) (param $id i32) (param $id_len i32) (result i32)
    (call $begin (local.get $some) (local.get $ptr) (local.get $len))
    (call $put (i32.const 432) (i32.const 14))
    (call $put (local.get $id) (local.get $id_len))
    (call $put_byte (i32.const 10))
    (call $finish))

  (func (export "cabi_post_theater:simple/actor#init") (param i32) (global.set $heap (i32.const 4096)))
  (func (export "cabi_post_theater:simple/message-server-client#handle-send") (param i32) (global.set $heap (i32.const 4096)))
  (func (export "cabi_post_theater:simple/supervisor-handlers#handle-child-error") (param i32) (global.set $heap (i32.const 4096)))
  (func (export "cabi_post_theater:simple/supervisor-handlers#handle-child-exit") (param i32) (global.set $heap (i32.const 4096)))
  (func (export "cabi_post_theater:simple/supervisor-handlers#handle-child-external-stop") (param i32) (global.set $heap (i32.const 4096)))
)
