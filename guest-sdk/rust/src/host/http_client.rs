//! `theater:simple/http-client`: outbound HTTP (handler `http-client`).

use crate::abi::{call_with_return_area, LoweredList};
use crate::host::http_types::{HttpRequest, HttpResponse};

#[link(wasm_import_module = "theater:simple/http-client")]
extern "C" {
    #[link_name = "send-http"]
    fn raw_send_http(
        method: *const u8,
        method_len: usize,
        uri: *const u8,
        uri_len: usize,
        headers: *const u8,
        headers_len: usize,
        body_is_some: u32,
        body: *const u8,
        body_len: usize,
        ret: *mut u8,
    );
}

/// Sends a request and returns the response; `Err` when it could not be sent or no response came.
pub fn send_http(req: &HttpRequest) -> Result<HttpResponse, String> {
    let headers = LoweredList::new(req.headers.clone());
    let (body_is_some, body, body_len) = match &req.body {
        Some(b) => (1, b.as_ptr(), b.len()),
        None => (0, std::ptr::null(), 0),
    };
    call_with_return_area(|ret| unsafe {
        raw_send_http(
            req.method.as_ptr(),
            req.method.len(),
            req.uri.as_ptr(),
            req.uri.len(),
            headers.ptr(),
            headers.len(),
            body_is_some,
            body,
            body_len,
            ret,
        )
    })
}
