//! `theater:simple/http-framework`: serving HTTP and WebSockets from an actor (handler `http-framework`).
//! Requests arrive at the actor's [`HttpHandlers`](crate::actor::HttpHandlers) exports.

use crate::abi::call_with_return_area;
use crate::host::http_types::{MessageType, ServerConfig, ServerInfo, WebsocketMessage};

/// The id of a server.
pub type ServerId = u64;
/// The id of a registered handler, passed back to the `http-handlers` exports.
pub type HandlerId = u64;
/// The id of a route.
pub type RouteId = u64;
/// The id of a middleware.
pub type MiddlewareId = u64;

type S = *const u8;

#[link(wasm_import_module = "theater:simple/http-framework")]
extern "C" {
    #[link_name = "create-server"]
    fn raw_create_server(
        port_is_some: u32,
        port: u32,
        host_is_some: u32,
        host: S,
        host_len: usize,
        tls_is_some: u32,
        cert: S,
        cert_len: usize,
        key: S,
        key_len: usize,
        ret: *mut u8,
    );
    #[link_name = "get-server-info"]
    fn raw_get_server_info(server: u64, ret: *mut u8);
    #[link_name = "start-server"]
    fn raw_start_server(server: u64, ret: *mut u8);
    #[link_name = "stop-server"]
    fn raw_stop_server(server: u64, ret: *mut u8);
    #[link_name = "destroy-server"]
    fn raw_destroy_server(server: u64, ret: *mut u8);
    #[link_name = "register-handler"]
    fn raw_register_handler(name: S, name_len: usize, ret: *mut u8);
    #[link_name = "add-route"]
    fn raw_add_route(server: u64, path: S, path_len: usize, method: S, method_len: usize, handler: u64, ret: *mut u8);
    #[link_name = "remove-route"]
    fn raw_remove_route(route: u64, ret: *mut u8);
    #[link_name = "add-middleware"]
    fn raw_add_middleware(server: u64, path: S, path_len: usize, handler: u64, ret: *mut u8);
    #[link_name = "remove-middleware"]
    fn raw_remove_middleware(middleware: u64, ret: *mut u8);
    #[link_name = "enable-websocket"]
    fn raw_enable_websocket(
        server: u64,
        path: S,
        path_len: usize,
        connect_is_some: u32,
        connect: u64,
        message: u64,
        disconnect_is_some: u32,
        disconnect: u64,
        ret: *mut u8,
    );
    #[link_name = "send-websocket-message"]
    fn raw_send_websocket_message(
        server: u64,
        connection: u64,
        ty: u32,
        ty_other: S,
        ty_other_len: usize,
        data_is_some: u32,
        data: S,
        data_len: usize,
        text_is_some: u32,
        text: S,
        text_len: usize,
        ret: *mut u8,
    );
    #[link_name = "close-websocket"]
    fn raw_close_websocket(server: u64, connection: u64, ret: *mut u8);
}

fn flat_str(s: Option<&String>) -> (u32, S, usize) {
    match s {
        Some(s) => (1, s.as_ptr(), s.len()),
        None => (0, std::ptr::null(), 0),
    }
}

fn flat_u64(v: Option<u64>) -> (u32, u64) {
    match v {
        Some(v) => (1, v),
        None => (0, 0),
    }
}

/// Creates a server (not yet listening); its id.
pub fn create_server(config: &ServerConfig) -> Result<ServerId, String> {
    let (port_is_some, port) = match config.port {
        Some(p) => (1, p as u32),
        None => (0, 0),
    };
    let (host_is_some, host, host_len) = flat_str(config.host.as_ref());
    let (tls_is_some, cert, cert_len, key, key_len) = match &config.tls_config {
        Some(t) => (1, t.cert_path.as_ptr(), t.cert_path.len(), t.key_path.as_ptr(), t.key_path.len()),
        None => (0, std::ptr::null(), 0, std::ptr::null(), 0),
    };
    call_with_return_area(|ret| unsafe {
        raw_create_server(
            port_is_some,
            port,
            host_is_some,
            host,
            host_len,
            tls_is_some,
            cert,
            cert_len,
            key,
            key_len,
            ret,
        )
    })
}

/// A server's current state.
pub fn get_server_info(server: ServerId) -> Result<ServerInfo, String> {
    call_with_return_area(|ret| unsafe { raw_get_server_info(server, ret) })
}

/// Starts listening; the bound port.
pub fn start_server(server: ServerId) -> Result<u16, String> {
    call_with_return_area(|ret| unsafe { raw_start_server(server, ret) })
}

/// Stops listening.
pub fn stop_server(server: ServerId) -> Result<(), String> {
    call_with_return_area(|ret| unsafe { raw_stop_server(server, ret) })
}

/// Stops and forgets a server.
pub fn destroy_server(server: ServerId) -> Result<(), String> {
    call_with_return_area(|ret| unsafe { raw_destroy_server(server, ret) })
}

/// Registers a named handler; the id routes and middleware refer to.
pub fn register_handler(name: &str) -> Result<HandlerId, String> {
    call_with_return_area(|ret| unsafe { raw_register_handler(name.as_ptr(), name.len(), ret) })
}

/// Routes requests with this path and method to a handler.
pub fn add_route(server: ServerId, path: &str, method: &str, handler: HandlerId) -> Result<RouteId, String> {
    call_with_return_area(|ret| unsafe {
        raw_add_route(server, path.as_ptr(), path.len(), method.as_ptr(), method.len(), handler, ret)
    })
}

/// Removes a route.
pub fn remove_route(route: RouteId) -> Result<(), String> {
    call_with_return_area(|ret| unsafe { raw_remove_route(route, ret) })
}

/// Runs a handler as middleware for requests under a path.
pub fn add_middleware(server: ServerId, path: &str, handler: HandlerId) -> Result<MiddlewareId, String> {
    call_with_return_area(|ret| unsafe { raw_add_middleware(server, path.as_ptr(), path.len(), handler, ret) })
}

/// Removes a middleware.
pub fn remove_middleware(middleware: MiddlewareId) -> Result<(), String> {
    call_with_return_area(|ret| unsafe { raw_remove_middleware(middleware, ret) })
}

/// Accepts WebSocket connections on a path, with handlers for connect, message and disconnect.
pub fn enable_websocket(
    server: ServerId,
    path: &str,
    connect: Option<HandlerId>,
    message: HandlerId,
    disconnect: Option<HandlerId>,
) -> Result<(), String> {
    let (connect_is_some, connect) = flat_u64(connect);
    let (disconnect_is_some, disconnect) = flat_u64(disconnect);
    call_with_return_area(|ret| unsafe {
        raw_enable_websocket(
            server,
            path.as_ptr(),
            path.len(),
            connect_is_some,
            connect,
            message,
            disconnect_is_some,
            disconnect,
            ret,
        )
    })
}

/// Sends a message on a WebSocket connection.
pub fn send_websocket_message(server: ServerId, connection: u64, message: &WebsocketMessage) -> Result<(), String> {
    let (ty, other, other_len) = match &message.ty {
        MessageType::Text => (0, std::ptr::null(), 0),
        MessageType::Binary => (1, std::ptr::null(), 0),
        MessageType::Connect => (2, std::ptr::null(), 0),
        MessageType::Close => (3, std::ptr::null(), 0),
        MessageType::Ping => (4, std::ptr::null(), 0),
        MessageType::Pong => (5, std::ptr::null(), 0),
        MessageType::Other(s) => (6, s.as_ptr(), s.len()),
    };
    let (data_is_some, data, data_len) = match &message.data {
        Some(d) => (1, d.as_ptr(), d.len()),
        None => (0, std::ptr::null(), 0),
    };
    let (text_is_some, text, text_len) = flat_str(message.text.as_ref());
    call_with_return_area(|ret| unsafe {
        raw_send_websocket_message(
            server,
            connection,
            ty,
            other,
            other_len,
            data_is_some,
            data,
            data_len,
            text_is_some,
            text,
            text_len,
            ret,
        )
    })
}

/// Closes a WebSocket connection.
pub fn close_websocket(server: ServerId, connection: u64) -> Result<(), String> {
    call_with_return_area(|ret| unsafe { raw_close_websocket(server, connection, ret) })
}
