//! `theater:simple/message-server-host`: messages, requests and channels to other actors (handler
//! `message-server`). An address is an actor id.

use crate::abi::call_with_return_area;
use crate::types::{ChannelId, RequestId};

#[link(wasm_import_module = "theater:simple/message-server-host")]
extern "C" {
    #[link_name = "send"]
    fn raw_send(to: *const u8, to_len: usize, msg: *const u8, msg_len: usize, ret: *mut u8);
    #[link_name = "request"]
    fn raw_request(to: *const u8, to_len: usize, msg: *const u8, msg_len: usize, ret: *mut u8);
    #[link_name = "open-channel"]
    fn raw_open_channel(to: *const u8, to_len: usize, msg: *const u8, msg_len: usize, ret: *mut u8);
    #[link_name = "send-on-channel"]
    fn raw_send_on_channel(channel: *const u8, channel_len: usize, msg: *const u8, msg_len: usize, ret: *mut u8);
    #[link_name = "close-channel"]
    fn raw_close_channel(channel: *const u8, channel_len: usize, ret: *mut u8);
    #[link_name = "list-outstanding-requests"]
    fn raw_list_outstanding_requests(ret: *mut u8);
    #[link_name = "respond-to-request"]
    fn raw_respond_to_request(id: *const u8, id_len: usize, msg: *const u8, msg_len: usize, ret: *mut u8);
    #[link_name = "cancel-request"]
    fn raw_cancel_request(id: *const u8, id_len: usize, ret: *mut u8);
}

/// Sends a one-way message; `Ok` once it is in the recipient's mailbox.
pub fn send(to: &str, msg: &[u8]) -> Result<(), String> {
    call_with_return_area(|ret| unsafe { raw_send(to.as_ptr(), to.len(), msg.as_ptr(), msg.len(), ret) })
}

/// Sends a request and waits for the response.
pub fn request(to: &str, msg: &[u8]) -> Result<Vec<u8>, String> {
    call_with_return_area(|ret| unsafe { raw_request(to.as_ptr(), to.len(), msg.as_ptr(), msg.len(), ret) })
}

/// Opens a channel with a first message; the channel's id once the other actor accepts.
pub fn open_channel(to: &str, msg: &[u8]) -> Result<ChannelId, String> {
    call_with_return_area(|ret| unsafe { raw_open_channel(to.as_ptr(), to.len(), msg.as_ptr(), msg.len(), ret) })
}

/// Sends a message on an open channel.
pub fn send_on_channel(channel: &str, msg: &[u8]) -> Result<(), String> {
    call_with_return_area(|ret| unsafe {
        raw_send_on_channel(channel.as_ptr(), channel.len(), msg.as_ptr(), msg.len(), ret)
    })
}

/// Closes an open channel.
pub fn close_channel(channel: &str) -> Result<(), String> {
    call_with_return_area(|ret| unsafe { raw_close_channel(channel.as_ptr(), channel.len(), ret) })
}

/// The requests this actor received and has not answered yet.
pub fn list_outstanding_requests() -> Vec<RequestId> {
    call_with_return_area(|ret| unsafe { raw_list_outstanding_requests(ret) })
}

/// Answers an outstanding request (one whose `handle_request` returned `None`).
pub fn respond_to_request(id: &str, response: &[u8]) -> Result<(), String> {
    call_with_return_area(|ret| unsafe {
        raw_respond_to_request(id.as_ptr(), id.len(), response.as_ptr(), response.len(), ret)
    })
}

/// Drops an outstanding request; its sender receives an error.
pub fn cancel_request(id: &str) -> Result<(), String> {
    call_with_return_area(|ret| unsafe { raw_cancel_request(id.as_ptr(), id.len(), ret) })
}
