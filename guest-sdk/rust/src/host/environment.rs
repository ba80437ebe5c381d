//! `theater:simple/environment`: the environment variables an actor may read (plugin handler `environment`).

use crate::abi::call_with_return_area;

#[link(wasm_import_module = "theater:simple/environment")]
extern "C" {
    #[link_name = "get-var"]
    fn raw_get_var(name: *const u8, name_len: usize, ret: *mut u8);
    #[link_name = "list-vars"]
    fn raw_list_vars(ret: *mut u8);
    #[link_name = "exists"]
    fn raw_exists(name: *const u8, name_len: usize) -> u32;
}

/// A variable's value, if it is set and the actor may see it.
pub fn get_var(name: &str) -> Option<String> {
    call_with_return_area(|ret| unsafe { raw_get_var(name.as_ptr(), name.len(), ret) })
}

/// The variables the actor may see, (name, value).
pub fn list_vars() -> Vec<(String, String)> {
    call_with_return_area(|ret| unsafe { raw_list_vars(ret) })
}

/// Whether a variable is set and the actor may see it.
pub fn exists(name: &str) -> bool {
    unsafe { raw_exists(name.as_ptr(), name.len()) != 0 }
}
