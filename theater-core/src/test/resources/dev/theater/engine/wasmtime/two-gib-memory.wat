;; A module whose memory starts at 32768 pages: 2 GiB, one byte more than wasmtime-java can show the host.
(module
  (memory (export "memory") 32768)
  (func (export "size") (result i32) (memory.size))
)
