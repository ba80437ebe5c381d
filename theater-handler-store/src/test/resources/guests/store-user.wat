;; Test actor that drives theater:simple/store. init keeps the state it is given.
;;
;; handle-send(state, (msg)): msg = op byte, then up to three fields, each a u32 little-endian length and that
;; many bytes. The op calls one store function with the fields as its arguments (strings, bytes, or a content
;; reference's hash), and the new state is the outcome:
;;   ok:  0x00, then the payload     err: 0x01, then the error message
;; Payloads: a string or bytes as they are; bool one byte; nothing for result<_, string>; option<content-ref>
;; one byte 0/1 then the hash; list<string> / list<content-ref> each element as u32 length + bytes; u64 8 bytes LE.
;;
;;   'n' new()                                  's' store(id, content)
;;   'g' get(id, ref)                           'e' exists(id, ref)
;;   'l' label(id, label, ref)                  'b' get-by-label(id, label)
;;   'r' remove-label(id, label)                'f' remove-from-label(id, label, ref)
;;   'S' store-at-label(id, label, content)     'C' replace-content-at-label(id, label, content)
;;   'R' replace-at-label(id, label, ref)       'L' list-labels(id)
;;   'A' list-all-content(id)                   'z' calculate-total-size(id)
(module
  (import "theater:simple/store" "new" (func $new (param i32)))
  (import "theater:simple/store" "store" (func $store (param i32 i32 i32 i32 i32)))
  (import "theater:simple/store" "get" (func $get (param i32 i32 i32 i32 i32)))
  (import "theater:simple/store" "exists" (func $exists (param i32 i32 i32 i32 i32)))
  (import "theater:simple/store" "label" (func $label (param i32 i32 i32 i32 i32 i32 i32)))
  (import "theater:simple/store" "get-by-label" (func $get_by_label (param i32 i32 i32 i32 i32)))
  (import "theater:simple/store" "remove-label" (func $remove_label (param i32 i32 i32 i32 i32)))
  (import "theater:simple/store" "remove-from-label" (func $remove_from_label (param i32 i32 i32 i32 i32 i32 i32)))
  (import "theater:simple/store" "store-at-label" (func $store_at_label (param i32 i32 i32 i32 i32 i32 i32)))
  (import "theater:simple/store" "replace-content-at-label" (func $replace_content_at_label (param i32 i32 i32 i32 i32 i32 i32)))
  (import "theater:simple/store" "replace-at-label" (func $replace_at_label (param i32 i32 i32 i32 i32 i32 i32)))
  (import "theater:simple/store" "list-labels" (func $list_labels (param i32 i32 i32)))
  (import "theater:simple/store" "list-all-content" (func $list_all_content (param i32 i32 i32)))
  (import "theater:simple/store" "calculate-total-size" (func $total_size (param i32 i32 i32)))
  (memory (export "memory") 1)
  ;; 64: the export's return area; 512: the parsed fields (ptr, len) x 3; 1024: the imports' return area.
  (global $heap (mut i32) (i32.const 4096))
  (global $pos (mut i32) (i32.const 0))

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

  ;; The output buffer: $begin allocates it, $put* append, $end returns it as the new state.
  (func $begin (param $size i32) (result i32)
    (local $at i32)
    (local.set $at (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (local.get $size)))
    (global.set $pos (local.get $at))
    (local.get $at))
  (func $put8 (param $v i32)
    (i32.store8 (global.get $pos) (local.get $v))
    (global.set $pos (i32.add (global.get $pos) (i32.const 1))))
  (func $put32 (param $v i32)
    (i32.store (global.get $pos) (local.get $v))
    (global.set $pos (i32.add (global.get $pos) (i32.const 4))))
  (func $put_bytes (param $ptr i32) (param $len i32)
    (memory.copy (global.get $pos) (local.get $ptr) (local.get $len))
    (global.set $pos (i32.add (global.get $pos) (local.get $len))))

  (func $f_ptr (param $i i32) (result i32) (i32.load (i32.add (i32.const 512) (i32.shl (local.get $i) (i32.const 3)))))
  (func $f_len (param $i i32) (result i32) (i32.load (i32.add (i32.const 516) (i32.shl (local.get $i) (i32.const 3)))))

  ;; Reads up to three fields from [at, end) into the table at 512.
  (func $fields (param $at i32) (param $end i32)
    (local $i i32) (local $len i32)
    (memory.fill (i32.const 512) (i32.const 0) (i32.const 24))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (i32.const 3)))
        (br_if $done (i32.gt_u (i32.add (local.get $at) (i32.const 4)) (local.get $end)))
        (local.set $len (i32.load (local.get $at)))
        (i32.store (i32.add (i32.const 512) (i32.shl (local.get $i) (i32.const 3))) (i32.add (local.get $at) (i32.const 4)))
        (i32.store (i32.add (i32.const 516) (i32.shl (local.get $i) (i32.const 3))) (local.get $len))
        (local.set $at (i32.add (i32.add (local.get $at) (i32.const 4)) (local.get $len)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))

  (func (export "theater:simple/actor#init") (param $some i32) (param $ptr i32) (param $len i32) (result i32)
    (call $ok_state (local.get $some) (local.get $ptr) (local.get $len)))

  (func (export "theater:simple/message-server-client#handle-send")
    (param $some i32) (param $ptr i32) (param $len i32) (param $msg i32) (param $msg_len i32) (result i32)
    (local $op i32) (local $shape i32) (local $at i32) (local $n i32) (local $i i32) (local $total i32)
    (local $sptr i32) (local $slen i32) (local $out i32)
    (if (i32.eqz (local.get $msg_len)) (then (return (call $ok_state (local.get $some) (local.get $ptr) (local.get $len)))))
    (local.set $op (i32.load8_u (local.get $msg)))
    (call $fields (i32.add (local.get $msg) (i32.const 1)) (i32.add (local.get $msg) (local.get $msg_len)))
    ;; shapes: 0 string/bytes, 1 bool, 2 nothing, 3 option<content-ref>, 4 list of strings, 5 u64
    (local.set $shape (i32.const 0))
    (if (i32.eq (local.get $op) (i32.const 110)) ;; 'n'
      (then (call $new (i32.const 1024))))
    (if (i32.eq (local.get $op) (i32.const 115)) ;; 's'
      (then (call $store (call $f_ptr (i32.const 0)) (call $f_len (i32.const 0))
                         (call $f_ptr (i32.const 1)) (call $f_len (i32.const 1)) (i32.const 1024))))
    (if (i32.eq (local.get $op) (i32.const 103)) ;; 'g'
      (then (call $get (call $f_ptr (i32.const 0)) (call $f_len (i32.const 0))
                       (call $f_ptr (i32.const 1)) (call $f_len (i32.const 1)) (i32.const 1024))))
    (if (i32.eq (local.get $op) (i32.const 101)) ;; 'e'
      (then (call $exists (call $f_ptr (i32.const 0)) (call $f_len (i32.const 0))
                          (call $f_ptr (i32.const 1)) (call $f_len (i32.const 1)) (i32.const 1024))
            (local.set $shape (i32.const 1))))
    (if (i32.eq (local.get $op) (i32.const 108)) ;; 'l'
      (then (call $label (call $f_ptr (i32.const 0)) (call $f_len (i32.const 0))
                         (call $f_ptr (i32.const 1)) (call $f_len (i32.const 1))
                         (call $f_ptr (i32.const 2)) (call $f_len (i32.const 2)) (i32.const 1024))
            (local.set $shape (i32.const 2))))
    (if (i32.eq (local.get $op) (i32.const 98)) ;; 'b'
      (then (call $get_by_label (call $f_ptr (i32.const 0)) (call $f_len (i32.const 0))
                                (call $f_ptr (i32.const 1)) (call $f_len (i32.const 1)) (i32.const 1024))
            (local.set $shape (i32.const 3))))
    (if (i32.eq (local.get $op) (i32.const 114)) ;; 'r'
      (then (call $remove_label (call $f_ptr (i32.const 0)) (call $f_len (i32.const 0))
                                (call $f_ptr (i32.const 1)) (call $f_len (i32.const 1)) (i32.const 1024))
            (local.set $shape (i32.const 2))))
    (if (i32.eq (local.get $op) (i32.const 102)) ;; 'f'
      (then (call $remove_from_label (call $f_ptr (i32.const 0)) (call $f_len (i32.const 0))
                                     (call $f_ptr (i32.const 1)) (call $f_len (i32.const 1))
                                     (call $f_ptr (i32.const 2)) (call $f_len (i32.const 2)) (i32.const 1024))
            (local.set $shape (i32.const 2))))
    (if (i32.eq (local.get $op) (i32.const 83)) ;; 'S'
      (then (call $store_at_label (call $f_ptr (i32.const 0)) (call $f_len (i32.const 0))
                                  (call $f_ptr (i32.const 1)) (call $f_len (i32.const 1))
                                  (call $f_ptr (i32.const 2)) (call $f_len (i32.const 2)) (i32.const 1024))))
    (if (i32.eq (local.get $op) (i32.const 67)) ;; 'C'
      (then (call $replace_content_at_label (call $f_ptr (i32.const 0)) (call $f_len (i32.const 0))
                                            (call $f_ptr (i32.const 1)) (call $f_len (i32.const 1))
                                            (call $f_ptr (i32.const 2)) (call $f_len (i32.const 2)) (i32.const 1024))))
    (if (i32.eq (local.get $op) (i32.const 82)) ;; 'R'
      (then (call $replace_at_label (call $f_ptr (i32.const 0)) (call $f_len (i32.const 0))
                                    (call $f_ptr (i32.const 1)) (call $f_len (i32.const 1))
                                    (call $f_ptr (i32.const 2)) (call $f_len (i32.const 2)) (i32.const 1024))
            (local.set $shape (i32.const 2))))
    (if (i32.eq (local.get $op) (i32.const 76)) ;; 'L'
      (then (call $list_labels (call $f_ptr (i32.const 0)) (call $f_len (i32.const 0)) (i32.const 1024))
            (local.set $shape (i32.const 4))))
    (if (i32.eq (local.get $op) (i32.const 65)) ;; 'A'
      (then (call $list_all_content (call $f_ptr (i32.const 0)) (call $f_len (i32.const 0)) (i32.const 1024))
            (local.set $shape (i32.const 4))))
    (if (i32.eq (local.get $op) (i32.const 122)) ;; 'z'
      (then (call $total_size (call $f_ptr (i32.const 0)) (call $f_len (i32.const 0)) (i32.const 1024))
            (local.set $shape (i32.const 5))))

    ;; err(message): the message is at offset 4 of the payload, or 8 for result<u64, string>
    (if (i32.ne (i32.load8_u (i32.const 1024)) (i32.const 0))
      (then
        (local.set $at (select (i32.const 1032) (i32.const 1028) (i32.eq (local.get $shape) (i32.const 5))))
        (local.set $sptr (i32.load (local.get $at)))
        (local.set $slen (i32.load (i32.add (local.get $at) (i32.const 4))))
        (local.set $out (call $begin (i32.add (local.get $slen) (i32.const 1))))
        (call $put8 (i32.const 1))
        (call $put_bytes (local.get $sptr) (local.get $slen))
        (return (call $ok_state (i32.const 1) (local.get $out) (i32.sub (global.get $pos) (local.get $out))))))

    (if (i32.eq (local.get $shape) (i32.const 0))
      (then
        (local.set $sptr (i32.load (i32.const 1028)))
        (local.set $slen (i32.load (i32.const 1032)))
        (local.set $out (call $begin (i32.add (local.get $slen) (i32.const 1))))
        (call $put8 (i32.const 0))
        (call $put_bytes (local.get $sptr) (local.get $slen))))
    (if (i32.eq (local.get $shape) (i32.const 1))
      (then
        (local.set $out (call $begin (i32.const 2)))
        (call $put8 (i32.const 0))
        (call $put8 (i32.load8_u (i32.const 1028)))))
    (if (i32.eq (local.get $shape) (i32.const 2))
      (then
        (local.set $out (call $begin (i32.const 1)))
        (call $put8 (i32.const 0))))
    (if (i32.eq (local.get $shape) (i32.const 3))
      (then
        (local.set $out (call $begin (i32.add (i32.const 2) (i32.load (i32.const 1036)))))
        (call $put8 (i32.const 0))
        (call $put8 (i32.load8_u (i32.const 1028)))
        (if (i32.ne (i32.load8_u (i32.const 1028)) (i32.const 0))
          (then (call $put_bytes (i32.load (i32.const 1032)) (i32.load (i32.const 1036)))))))
    (if (i32.eq (local.get $shape) (i32.const 4))
      (then
        (local.set $at (i32.load (i32.const 1028)))
        (local.set $n (i32.load (i32.const 1032)))
        (local.set $total (i32.const 1))
        (local.set $i (i32.const 0))
        (block $sized
          (loop $size
            (br_if $sized (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $total (i32.add (local.get $total)
              (i32.add (i32.const 4) (i32.load (i32.add (i32.add (local.get $at) (i32.shl (local.get $i) (i32.const 3))) (i32.const 4))))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $size)))
        (local.set $out (call $begin (local.get $total)))
        (call $put8 (i32.const 0))
        (local.set $i (i32.const 0))
        (block $written
          (loop $write
            (br_if $written (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $sptr (i32.load (i32.add (local.get $at) (i32.shl (local.get $i) (i32.const 3)))))
            (local.set $slen (i32.load (i32.add (i32.add (local.get $at) (i32.shl (local.get $i) (i32.const 3))) (i32.const 4))))
            (call $put32 (local.get $slen))
            (call $put_bytes (local.get $sptr) (local.get $slen))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $write)))))
    (if (i32.eq (local.get $shape) (i32.const 5))
      (then
        (local.set $out (call $begin (i32.const 9)))
        (call $put8 (i32.const 0))
        (i64.store (global.get $pos) (i64.load (i32.const 1032)))
        (global.set $pos (i32.add (global.get $pos) (i32.const 8)))))
    (call $ok_state (i32.const 1) (local.get $out) (i32.sub (global.get $pos) (local.get $out))))

  (func (export "cabi_post_theater:simple/actor#init") (param i32) (global.set $heap (i32.const 4096)))
  (func (export "cabi_post_theater:simple/message-server-client#handle-send") (param i32) (global.set $heap (i32.const 4096)))
)
