//! `theater:simple/supervisor`: spawning and managing child actors (handler `supervisor`). A child's manifest path
//! is relative to the parent's manifest; its permissions are never wider than the parent's.

use crate::abi::call_with_return_area;
use crate::types::{ActorId, ChainEvent};

#[link(wasm_import_module = "theater:simple/supervisor")]
extern "C" {
    #[link_name = "spawn"]
    fn raw_spawn(manifest: *const u8, manifest_len: usize, is_some: u32, init: *const u8, init_len: usize, ret: *mut u8);
    #[link_name = "resume"]
    fn raw_resume(manifest: *const u8, manifest_len: usize, is_some: u32, state: *const u8, state_len: usize, ret: *mut u8);
    #[link_name = "list-children"]
    fn raw_list_children(ret: *mut u8);
    #[link_name = "stop-child"]
    fn raw_stop_child(id: *const u8, id_len: usize, ret: *mut u8);
    #[link_name = "restart-child"]
    fn raw_restart_child(id: *const u8, id_len: usize, ret: *mut u8);
    #[link_name = "get-child-state"]
    fn raw_get_child_state(id: *const u8, id_len: usize, ret: *mut u8);
    #[link_name = "get-child-events"]
    fn raw_get_child_events(id: *const u8, id_len: usize, ret: *mut u8);
}

fn flat(bytes: Option<&[u8]>) -> (u32, *const u8, usize) {
    match bytes {
        Some(b) => (1, b.as_ptr(), b.len()),
        None => (0, std::ptr::null(), 0),
    }
}

/// Spawns a child from a manifest (a path or a store reference) with optional init bytes; its id.
pub fn spawn(manifest: &str, init: Option<&[u8]>) -> Result<ActorId, String> {
    let (is_some, ptr, len) = flat(init);
    call_with_return_area(|ret| unsafe { raw_spawn(manifest.as_ptr(), manifest.len(), is_some, ptr, len, ret) })
}

/// Starts a child from a manifest with a given (e.g. saved) state; its id.
pub fn resume(manifest: &str, state: Option<&[u8]>) -> Result<ActorId, String> {
    let (is_some, ptr, len) = flat(state);
    call_with_return_area(|ret| unsafe { raw_resume(manifest.as_ptr(), manifest.len(), is_some, ptr, len, ret) })
}

/// The ids of this actor's children.
pub fn list_children() -> Vec<ActorId> {
    call_with_return_area(|ret| unsafe { raw_list_children(ret) })
}

/// Stops a child and its own children.
pub fn stop_child(id: &str) -> Result<(), String> {
    call_with_return_area(|ret| unsafe { raw_stop_child(id.as_ptr(), id.len(), ret) })
}

/// Restarts a child from its manifest, keeping its id.
pub fn restart_child(id: &str) -> Result<(), String> {
    call_with_return_area(|ret| unsafe { raw_restart_child(id.as_ptr(), id.len(), ret) })
}

/// A child's current state.
pub fn get_child_state(id: &str) -> Result<Option<Vec<u8>>, String> {
    call_with_return_area(|ret| unsafe { raw_get_child_state(id.as_ptr(), id.len(), ret) })
}

/// A child's chain events, across its restarts.
pub fn get_child_events(id: &str) -> Result<Vec<ChainEvent>, String> {
    call_with_return_area(|ret| unsafe { raw_get_child_events(id.as_ptr(), id.len(), ret) })
}
