;; A guest with a v128 export and import, which host functions and calls cannot express.
(module
  (import "test:host/env" "vector" (func $vector (param v128)))
  (func (export "lane") (param v128) (result i32) (i32x4.extract_lane 0 (local.get 0)))
)
