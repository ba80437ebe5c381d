;; Hostile guest: echo-point returns a return area that lies past the end of memory.
;; theater:conformance/guest#echo-point: (i32 x, i32 y, i32 label-ptr, i32 label-len) -> i32 return-area
;; It returns 0xFFFFFFF0: the 16-byte point would span 0xFFFFFFF0..0x100000000, beyond the 1-page memory.
;; Expected: the host's lift of the result fails (return area out of bounds); the host is unaffected.
(module
  (memory (export "memory") 1)
  ;; cabi_realloc: a bump allocator that never frees; it grows memory when needed and copies on growth.
  (global $heap (mut i32) (i32.const 1024))
  (func $cabi_realloc (export "cabi_realloc")
    (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
    (local $ptr i32) (local $i i32)
    (if (i32.and (i32.ne (local.get $old) (i32.const 0)) (i32.le_u (local.get $new_size) (local.get $old_size)))
      (then (return (local.get $old))))
    (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $ptr) (local.get $new_size)))
    (if (i32.gt_u (global.get $heap) (i32.shl (memory.size) (i32.const 16)))
      (then
        (if (i32.eq (memory.grow (i32.shr_u (i32.add (i32.sub (global.get $heap) (i32.shl (memory.size) (i32.const 16)))
                                                     (i32.const 65535))
                                            (i32.const 16)))
                    (i32.const -1))
          (then unreachable))))
    (block $done
      (loop $copy
        (br_if $done (i32.ge_u (local.get $i) (local.get $old_size)))
        (i32.store8 (i32.add (local.get $ptr) (local.get $i)) (i32.load8_u (i32.add (local.get $old) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $copy)))
    (local.get $ptr))
  (func (export "theater:conformance/guest#echo-point") (param i32 i32 i32 i32) (result i32)
    (i32.const 0xFFFFFFF0)))
