//! `theater:simple/store`: a content-addressed store with labels (handler `store`).

use crate::abi::call_with_return_area;
use crate::wit_record;

wit_record! {
    /// The address of stored content.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct ContentRef {
        /// The hex SHA-256 of the content.
        pub hash: String,
    }
}

type S = *const u8;

#[link(wasm_import_module = "theater:simple/store")]
extern "C" {
    #[link_name = "new"]
    fn raw_new(ret: *mut u8);
    #[link_name = "store"]
    fn raw_store(id: S, id_len: usize, content: S, content_len: usize, ret: *mut u8);
    #[link_name = "get"]
    fn raw_get(id: S, id_len: usize, hash: S, hash_len: usize, ret: *mut u8);
    #[link_name = "exists"]
    fn raw_exists(id: S, id_len: usize, hash: S, hash_len: usize, ret: *mut u8);
    #[link_name = "label"]
    fn raw_label(id: S, id_len: usize, label: S, label_len: usize, hash: S, hash_len: usize, ret: *mut u8);
    #[link_name = "get-by-label"]
    fn raw_get_by_label(id: S, id_len: usize, label: S, label_len: usize, ret: *mut u8);
    #[link_name = "remove-label"]
    fn raw_remove_label(id: S, id_len: usize, label: S, label_len: usize, ret: *mut u8);
    #[link_name = "remove-from-label"]
    fn raw_remove_from_label(id: S, id_len: usize, label: S, label_len: usize, hash: S, hash_len: usize, ret: *mut u8);
    #[link_name = "store-at-label"]
    fn raw_store_at_label(id: S, id_len: usize, label: S, label_len: usize, content: S, content_len: usize, ret: *mut u8);
    #[link_name = "replace-content-at-label"]
    fn raw_replace_content_at_label(
        id: S,
        id_len: usize,
        label: S,
        label_len: usize,
        content: S,
        content_len: usize,
        ret: *mut u8,
    );
    #[link_name = "replace-at-label"]
    fn raw_replace_at_label(id: S, id_len: usize, label: S, label_len: usize, hash: S, hash_len: usize, ret: *mut u8);
    #[link_name = "list-labels"]
    fn raw_list_labels(id: S, id_len: usize, ret: *mut u8);
    #[link_name = "list-all-content"]
    fn raw_list_all_content(id: S, id_len: usize, ret: *mut u8);
    #[link_name = "calculate-total-size"]
    fn raw_calculate_total_size(id: S, id_len: usize, ret: *mut u8);
}

/// Creates a store; its id.
pub fn new() -> Result<String, String> {
    call_with_return_area(|ret| unsafe { raw_new(ret) })
}

/// Stores content; its reference.
pub fn store(store: &str, content: &[u8]) -> Result<ContentRef, String> {
    call_with_return_area(|ret| unsafe { raw_store(store.as_ptr(), store.len(), content.as_ptr(), content.len(), ret) })
}

/// Stored content.
pub fn get(store: &str, content: &ContentRef) -> Result<Vec<u8>, String> {
    let h = &content.hash;
    call_with_return_area(|ret| unsafe { raw_get(store.as_ptr(), store.len(), h.as_ptr(), h.len(), ret) })
}

/// Whether content is stored.
pub fn exists(store: &str, content: &ContentRef) -> Result<bool, String> {
    let h = &content.hash;
    call_with_return_area(|ret| unsafe { raw_exists(store.as_ptr(), store.len(), h.as_ptr(), h.len(), ret) })
}

/// Adds content to a label.
pub fn label(store: &str, label: &str, content: &ContentRef) -> Result<(), String> {
    let h = &content.hash;
    call_with_return_area(|ret| unsafe {
        raw_label(store.as_ptr(), store.len(), label.as_ptr(), label.len(), h.as_ptr(), h.len(), ret)
    })
}

/// The content a label points at, if any.
pub fn get_by_label(store: &str, label: &str) -> Result<Option<ContentRef>, String> {
    call_with_return_area(|ret| unsafe {
        raw_get_by_label(store.as_ptr(), store.len(), label.as_ptr(), label.len(), ret)
    })
}

/// Deletes a label.
pub fn remove_label(store: &str, label: &str) -> Result<(), String> {
    call_with_return_area(|ret| unsafe {
        raw_remove_label(store.as_ptr(), store.len(), label.as_ptr(), label.len(), ret)
    })
}

/// Removes one content reference from a label.
pub fn remove_from_label(store: &str, label: &str, content: &ContentRef) -> Result<(), String> {
    let h = &content.hash;
    call_with_return_area(|ret| unsafe {
        raw_remove_from_label(store.as_ptr(), store.len(), label.as_ptr(), label.len(), h.as_ptr(), h.len(), ret)
    })
}

/// Stores content and adds it to a label; its reference.
pub fn store_at_label(store: &str, label: &str, content: &[u8]) -> Result<ContentRef, String> {
    call_with_return_area(|ret| unsafe {
        raw_store_at_label(
            store.as_ptr(),
            store.len(),
            label.as_ptr(),
            label.len(),
            content.as_ptr(),
            content.len(),
            ret,
        )
    })
}

/// Stores content and makes it the only content of a label; its reference.
pub fn replace_content_at_label(store: &str, label: &str, content: &[u8]) -> Result<ContentRef, String> {
    call_with_return_area(|ret| unsafe {
        raw_replace_content_at_label(
            store.as_ptr(),
            store.len(),
            label.as_ptr(),
            label.len(),
            content.as_ptr(),
            content.len(),
            ret,
        )
    })
}

/// Makes stored content the only content of a label.
pub fn replace_at_label(store: &str, label: &str, content: &ContentRef) -> Result<(), String> {
    let h = &content.hash;
    call_with_return_area(|ret| unsafe {
        raw_replace_at_label(store.as_ptr(), store.len(), label.as_ptr(), label.len(), h.as_ptr(), h.len(), ret)
    })
}

/// Every label.
pub fn list_labels(store: &str) -> Result<Vec<String>, String> {
    call_with_return_area(|ret| unsafe { raw_list_labels(store.as_ptr(), store.len(), ret) })
}

/// Every stored content reference.
pub fn list_all_content(store: &str) -> Result<Vec<ContentRef>, String> {
    call_with_return_area(|ret| unsafe { raw_list_all_content(store.as_ptr(), store.len(), ret) })
}

/// The total size of the stored content in bytes.
pub fn calculate_total_size(store: &str) -> Result<u64, String> {
    call_with_return_area(|ret| unsafe { raw_calculate_total_size(store.as_ptr(), store.len(), ret) })
}
