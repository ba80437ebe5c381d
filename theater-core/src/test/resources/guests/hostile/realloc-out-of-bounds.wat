;; Hostile guest: cabi_realloc returns a pointer past the end of memory.
;; theater:conformance/guest#echo-point: (i32 x, i32 y, i32 label-ptr, i32 label-len) -> i32 return-area
;; cabi_realloc always returns 0xFFFFFFF0, so the label the host writes would land outside memory.
;; Call it with a non-empty label. echo-point itself would return a valid point (0, 0, "") at 16.
;; Expected: the call fails while the host lowers the argument (allocation out of bounds), without the host
;; writing anywhere; the host is unaffected.
(module
  (memory (export "memory") 1)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (i32.const 0xFFFFFFF0))
  (func (export "theater:conformance/guest#echo-point") (param i32 i32 i32 i32) (result i32)
    (i32.const 16)))
