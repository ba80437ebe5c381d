//! `theater:simple/timing`: the clock and pauses (plugin handler `timing`).

use crate::abi::call_with_return_area;

#[link(wasm_import_module = "theater:simple/timing")]
extern "C" {
    #[link_name = "now"]
    fn raw_now() -> u64;
    #[link_name = "sleep"]
    fn raw_sleep(duration: u64, ret: *mut u8);
    #[link_name = "deadline"]
    fn raw_deadline(timestamp: u64, ret: *mut u8);
}

/// Milliseconds since the Unix epoch.
pub fn now() -> u64 {
    unsafe { raw_now() }
}

/// Pauses the actor for `millis` milliseconds.
pub fn sleep(millis: u64) -> Result<(), String> {
    call_with_return_area(|ret| unsafe { raw_sleep(millis, ret) })
}

/// Pauses the actor until `timestamp` (milliseconds since the Unix epoch).
pub fn deadline(timestamp: u64) -> Result<(), String> {
    call_with_return_area(|ret| unsafe { raw_deadline(timestamp, ret) })
}
