;; Hostile guest: grows its memory as far as it can.
;; export run: (i32 max-steps) -> i32   (plain core export, not in the WIT)
;; run grows memory by 1 page up to max-steps times and stops at the first memory.grow that returns -1.
;; It RETURNS the number of pages it obtained (it does not trap). Memory starts at 1 page and declares no
;; maximum, so only the host's limit stops it.
;; Expected: with InstanceLimits of L pages, run(1000000) returns L - 1 (memory ends at exactly L pages) and the
;; call succeeds; without a limit it returns min(max-steps, what the engine allows).
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
  (func (export "run") (param $max i32) (result i32)
    (local $got i32)
    (block $done
      (loop $grow
        (br_if $done (i32.ge_u (local.get $got) (local.get $max)))
        (br_if $done (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
        (local.set $got (i32.add (local.get $got) (i32.const 1)))
        (br $grow)))
    (local.get $got)))
