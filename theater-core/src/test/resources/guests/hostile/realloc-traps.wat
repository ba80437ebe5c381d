;; Hostile guest: cabi_realloc traps.
;; theater:conformance/guest#echo-point: (i32 x, i32 y, i32 label-ptr, i32 label-len) -> i32 return-area
;; To pass the point in, the host must allocate the label with cabi_realloc, which executes `unreachable`.
;; Call it with a non-empty label. echo-point itself would return a valid point (0, 0, "") at 16.
;; Expected: the call fails with a trap while the host lowers the argument; the host is unaffected.
(module
  (memory (export "memory") 1)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    unreachable)
  (func (export "theater:conformance/guest#echo-point") (param i32 i32 i32 i32) (result i32)
    (i32.const 16)))
