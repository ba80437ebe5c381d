//! `theater:simple/runtime`: logging, the actor's chain and id, and stopping itself (handler `runtime`).

use crate::abi::call_with_return_area;
use crate::types::{ActorId, Chain};

#[link(wasm_import_module = "theater:simple/runtime")]
extern "C" {
    #[link_name = "log"]
    fn raw_log(msg: *const u8, msg_len: usize);
    #[link_name = "get-chain"]
    fn raw_get_chain(ret: *mut u8);
    #[link_name = "shutdown"]
    fn raw_shutdown(is_some: u32, data: *const u8, data_len: usize, ret: *mut u8);
    #[link_name = "self"]
    fn raw_self(ret: *mut u8);
}

/// Writes a line to the actor's log (a `host-call` event in its chain; `theater run` prints it).
pub fn log(msg: &str) {
    unsafe { raw_log(msg.as_ptr(), msg.len()) }
}

/// The actor's hash chain so far.
pub fn get_chain() -> Chain {
    call_with_return_area(|ret| unsafe { raw_get_chain(ret) })
}

/// Asks the runtime to stop this actor after the current call, with optional final data for its supervisor.
pub fn shutdown(data: Option<&[u8]>) -> Result<(), String> {
    let (is_some, ptr, len) = match data {
        Some(d) => (1, d.as_ptr(), d.len()),
        None => (0, std::ptr::null(), 0),
    };
    call_with_return_area(|ret| unsafe { raw_shutdown(is_some, ptr, len, ret) })
}

/// This actor's id.
pub fn self_id() -> ActorId {
    call_with_return_area(|ret| unsafe { raw_self(ret) })
}
