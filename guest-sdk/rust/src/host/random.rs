//! `theater:simple/random`: randomness (plugin handler `random`; a seeded handler records its seed in the chain).

use crate::abi::call_with_return_area;

#[link(wasm_import_module = "theater:simple/random")]
extern "C" {
    #[link_name = "random-bytes"]
    fn raw_random_bytes(length: u32, ret: *mut u8);
    #[link_name = "random-range"]
    fn raw_random_range(min: u64, max: u64, ret: *mut u8);
    #[link_name = "random-float"]
    fn raw_random_float(ret: *mut u8);
    #[link_name = "generate-uuid"]
    fn raw_generate_uuid(ret: *mut u8);
}

/// `length` random bytes.
pub fn random_bytes(length: u32) -> Result<Vec<u8>, String> {
    call_with_return_area(|ret| unsafe { raw_random_bytes(length, ret) })
}

/// A random number in `[min, max)`.
pub fn random_range(min: u64, max: u64) -> Result<u64, String> {
    call_with_return_area(|ret| unsafe { raw_random_range(min, max, ret) })
}

/// A random number in `[0, 1)`.
pub fn random_float() -> Result<f64, String> {
    call_with_return_area(|ret| unsafe { raw_random_float(ret) })
}

/// A random (version 4) UUID.
pub fn generate_uuid() -> Result<String, String> {
    call_with_return_area(|ret| unsafe { raw_generate_uuid(ret) })
}
