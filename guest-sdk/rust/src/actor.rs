//! The exports of an actor: one trait per `theater:simple` export interface, and [`export_actor!`](crate::export_actor)
//! to export the ones an actor implements.
//!
//! Every export receives the actor's state from the host, decodes it with [`State::decode`], calls the trait
//! method on it and hands the new state back with [`State::encode`]. An `Err` from the method, or a panic inside it,
//! becomes the export's `err` result: the call fails and the host keeps the state it had.

use crate::host::http_framework::HandlerId;
use crate::host::http_types::{HttpRequest, HttpResponse, MiddlewareResult, WebsocketMessage};
use crate::state::State;
use crate::types::{ActorError, ChannelAccept, ChannelId, RequestId};

/// Every actor: `theater:simple/actor`.
pub trait Actor: State {
    /// Starts (or restarts) the actor. `state` is the manifest's `init_state`, the init bytes of the parent's
    /// `spawn`, or the saved state on a restart or resume; `None` when there is none. An `Err` fails the start.
    fn init(state: Option<Vec<u8>>) -> Result<Self, String>;
}

fn not_handled(what: &str) -> String {
    format!("this actor does not handle {}: implement it in the actor's MessageServer impl", what)
}

/// Messages from other actors: `theater:simple/message-server-client` (handler `message-server`).
/// Export it with `export_actor!(MyActor: message_server)`.
pub trait MessageServer: Actor {
    /// A one-way message. The default refuses it.
    fn handle_send(&mut self, msg: Vec<u8>) -> Result<(), String> {
        let _ = msg;
        Err(not_handled("one-way messages (handle_send)"))
    }

    /// A request: `Some(reply)` answers now; `None` answers later through
    /// [`respond_to_request`](crate::host::message_server::respond_to_request). The default refuses it.
    fn handle_request(&mut self, request_id: RequestId, msg: Vec<u8>) -> Result<Option<Vec<u8>>, String> {
        let _ = (request_id, msg);
        Err(not_handled("requests (handle_request)"))
    }

    /// A channel being opened to this actor. The default refuses the channel.
    fn handle_channel_open(&mut self, channel: ChannelId, msg: Vec<u8>) -> Result<ChannelAccept, String> {
        let _ = (channel, msg);
        Ok(ChannelAccept::reject())
    }

    /// A message on an open channel. The default ignores it.
    fn handle_channel_message(&mut self, channel: ChannelId, msg: Vec<u8>) -> Result<(), String> {
        let _ = (channel, msg);
        Ok(())
    }

    /// The other end closed a channel. The default ignores it.
    fn handle_channel_close(&mut self, channel: ChannelId) -> Result<(), String> {
        let _ = channel;
        Ok(())
    }
}

/// News of this actor's children: `theater:simple/supervisor-handlers` (handler `supervisor`).
/// Export it with `export_actor!(MyActor: supervisor)`. Restarts follow the manifest's `[supervision]` table;
/// these methods only hear about them.
pub trait Supervisor: Actor {
    /// A child failed (a trap, a timeout, an `err` result or a panic; the message is in `error.data`).
    fn handle_child_error(&mut self, child: String, error: ActorError) -> Result<(), String> {
        let _ = (child, error);
        Ok(())
    }

    /// A child stopped by itself, with its final data.
    fn handle_child_exit(&mut self, child: String, data: Option<Vec<u8>>) -> Result<(), String> {
        let _ = (child, data);
        Ok(())
    }

    /// A child was stopped from outside.
    fn handle_child_external_stop(&mut self, child: String) -> Result<(), String> {
        let _ = child;
        Ok(())
    }
}

/// Output and exit of processes this actor started: `theater:simple/process-handlers` (handler `process`).
/// Export it with `export_actor!(MyActor: process)`.
pub trait ProcessHandlers: Actor {
    /// Output on a process's stdout.
    fn handle_stdout(&mut self, pid: u64, data: Vec<u8>) -> Result<(), String> {
        let _ = (pid, data);
        Ok(())
    }

    /// Output on a process's stderr.
    fn handle_stderr(&mut self, pid: u64, data: Vec<u8>) -> Result<(), String> {
        let _ = (pid, data);
        Ok(())
    }

    /// A process exited.
    fn handle_exit(&mut self, pid: u64, code: i32) -> Result<(), String> {
        let _ = (pid, code);
        Ok(())
    }
}

/// Serving HTTP and WebSockets: `theater:simple/http-handlers` (handler `http-framework`).
/// Export it with `export_actor!(MyActor: http)`.
pub trait HttpHandlers: Actor {
    /// A request routed to one of this actor's handlers. The default answers 404.
    fn handle_request(&mut self, handler: HandlerId, request: HttpRequest) -> Result<HttpResponse, String> {
        let _ = (handler, request);
        Ok(HttpResponse::new(404, "text/plain", "not found"))
    }

    /// A middleware handler's verdict on a request. The default lets it through unchanged.
    fn handle_middleware(&mut self, handler: HandlerId, request: HttpRequest) -> Result<MiddlewareResult, String> {
        let _ = handler;
        Ok(MiddlewareResult { proceed: true, request })
    }

    /// A new WebSocket connection (handler, connection id, path, protocol).
    fn handle_websocket_connect(
        &mut self,
        handler: HandlerId,
        connection: u64,
        path: String,
        protocol: Option<String>,
    ) -> Result<(), String> {
        let _ = (handler, connection, path, protocol);
        Ok(())
    }

    /// A WebSocket message; returns the messages to send back.
    fn handle_websocket_message(
        &mut self,
        handler: HandlerId,
        connection: u64,
        message: WebsocketMessage,
    ) -> Result<Vec<WebsocketMessage>, String> {
        let _ = (handler, connection, message);
        Ok(Vec::new())
    }

    /// A WebSocket connection closed.
    fn handle_websocket_disconnect(&mut self, handler: HandlerId, connection: u64) -> Result<(), String> {
        let _ = (handler, connection);
        Ok(())
    }
}

/// The bodies of the exports [`export_actor!`](crate::export_actor) generates, one per WIT function, with the
/// function's flat core signature. Not for direct use.
#[doc(hidden)]
pub mod exports {
    use super::*;
    use crate::abi::{lift_bytes, lift_option_bytes, lift_option_string, lift_string, RetArea};
    use crate::host::http_types::MessageType;
    use crate::types::WitErrorType;
    use crate::unwind::catch;

    type S = *mut u8;

    /// `result<tuple<option<list<u8>>>, string>`
    pub type StateResult = Result<(Option<Vec<u8>>,), String>;
    /// `result<tuple<option<list<u8>>, tuple<T>>, string>`
    pub type StateAndResult<T> = Result<(Option<Vec<u8>>, (T,)), String>;

    /// Decodes the state, runs `f` on it and encodes the new state; a panic or `Err` becomes `Err`.
    fn with_state<A: State, T>(
        is_some: u32,
        ptr: S,
        len: usize,
        f: impl FnOnce(&mut A) -> Result<T, String>,
    ) -> Result<(Option<Vec<u8>>, T), String> {
        catch(|| {
            let bytes = unsafe { lift_option_bytes(is_some, ptr, len) }.unwrap_or_default();
            let mut actor = A::decode(&bytes)?;
            let out = f(&mut actor)?;
            Ok((Some(actor.encode()), out))
        })
        .and_then(|r| r)
    }

    fn state_only(r: Result<(Option<Vec<u8>>, ()), String>) -> *mut u8 {
        RetArea::put::<StateResult>(r.map(|(s, ())| (s,)))
    }

    fn state_and<T: crate::abi::Wit>(r: Result<(Option<Vec<u8>>, T), String>) -> *mut u8 {
        RetArea::put::<StateAndResult<T>>(r.map(|(s, t)| (s, (t,))))
    }

    pub unsafe fn post_state(ret: S) {
        RetArea::free::<StateResult>(ret)
    }

    pub unsafe fn post_state_and<T: crate::abi::Wit>(ret: S) {
        RetArea::free::<StateAndResult<T>>(ret)
    }

    pub unsafe fn init<A: Actor>(is_some: u32, ptr: S, len: usize) -> *mut u8 {
        let r = catch(|| {
            let state = lift_option_bytes(is_some, ptr, len);
            A::init(state).map(|a| (Some(a.encode()),))
        })
        .and_then(|r| r);
        RetArea::put::<StateResult>(r)
    }

    pub unsafe fn handle_send<A: MessageServer>(is_some: u32, ptr: S, len: usize, m: S, m_len: usize) -> *mut u8 {
        state_only(with_state(is_some, ptr, len, |a: &mut A| a.handle_send(lift_bytes(m, m_len))))
    }

    pub unsafe fn handle_request<A: MessageServer>(
        is_some: u32,
        ptr: S,
        len: usize,
        id: S,
        id_len: usize,
        m: S,
        m_len: usize,
    ) -> *mut u8 {
        state_and(with_state(is_some, ptr, len, |a: &mut A| {
            a.handle_request(lift_string(id, id_len), lift_bytes(m, m_len))
        }))
    }

    pub unsafe fn handle_channel_open<A: MessageServer>(
        is_some: u32,
        ptr: S,
        len: usize,
        id: S,
        id_len: usize,
        m: S,
        m_len: usize,
    ) -> *mut u8 {
        state_and(with_state(is_some, ptr, len, |a: &mut A| {
            a.handle_channel_open(lift_string(id, id_len), lift_bytes(m, m_len))
        }))
    }

    pub unsafe fn handle_channel_message<A: MessageServer>(
        is_some: u32,
        ptr: S,
        len: usize,
        id: S,
        id_len: usize,
        m: S,
        m_len: usize,
    ) -> *mut u8 {
        state_only(with_state(is_some, ptr, len, |a: &mut A| {
            a.handle_channel_message(lift_string(id, id_len), lift_bytes(m, m_len))
        }))
    }

    pub unsafe fn handle_channel_close<A: MessageServer>(
        is_some: u32,
        ptr: S,
        len: usize,
        id: S,
        id_len: usize,
    ) -> *mut u8 {
        state_only(with_state(is_some, ptr, len, |a: &mut A| a.handle_channel_close(lift_string(id, id_len))))
    }

    #[allow(clippy::too_many_arguments)]
    pub unsafe fn handle_child_error<A: Supervisor>(
        is_some: u32,
        ptr: S,
        len: usize,
        id: S,
        id_len: usize,
        error_type: u32,
        data_is_some: u32,
        data: S,
        data_len: usize,
    ) -> *mut u8 {
        state_only(with_state(is_some, ptr, len, |a: &mut A| {
            let error_type = match WitErrorType::CASES.get(error_type as usize) {
                Some(t) => *t,
                None => crate::abi::violation(format_args!("wit-error-type {} is out of range", error_type)),
            };
            let error = ActorError { error_type, data: lift_option_bytes(data_is_some, data, data_len) };
            a.handle_child_error(lift_string(id, id_len), error)
        }))
    }

    #[allow(clippy::too_many_arguments)]
    pub unsafe fn handle_child_exit<A: Supervisor>(
        is_some: u32,
        ptr: S,
        len: usize,
        id: S,
        id_len: usize,
        data_is_some: u32,
        data: S,
        data_len: usize,
    ) -> *mut u8 {
        state_only(with_state(is_some, ptr, len, |a: &mut A| {
            a.handle_child_exit(lift_string(id, id_len), lift_option_bytes(data_is_some, data, data_len))
        }))
    }

    pub unsafe fn handle_child_external_stop<A: Supervisor>(
        is_some: u32,
        ptr: S,
        len: usize,
        id: S,
        id_len: usize,
    ) -> *mut u8 {
        state_only(with_state(is_some, ptr, len, |a: &mut A| a.handle_child_external_stop(lift_string(id, id_len))))
    }

    pub unsafe fn handle_stdout<A: ProcessHandlers>(is_some: u32, ptr: S, len: usize, pid: u64, d: S, d_len: usize) -> *mut u8 {
        state_only(with_state(is_some, ptr, len, |a: &mut A| a.handle_stdout(pid, lift_bytes(d, d_len))))
    }

    pub unsafe fn handle_stderr<A: ProcessHandlers>(is_some: u32, ptr: S, len: usize, pid: u64, d: S, d_len: usize) -> *mut u8 {
        state_only(with_state(is_some, ptr, len, |a: &mut A| a.handle_stderr(pid, lift_bytes(d, d_len))))
    }

    pub unsafe fn handle_exit<A: ProcessHandlers>(is_some: u32, ptr: S, len: usize, pid: u64, code: i32) -> *mut u8 {
        state_only(with_state(is_some, ptr, len, |a: &mut A| a.handle_exit(pid, code)))
    }

    #[allow(clippy::too_many_arguments)]
    unsafe fn lift_request(
        method: S,
        method_len: usize,
        uri: S,
        uri_len: usize,
        headers: S,
        headers_len: usize,
        body_is_some: u32,
        body: S,
        body_len: usize,
    ) -> HttpRequest {
        HttpRequest {
            method: lift_string(method, method_len),
            uri: lift_string(uri, uri_len),
            headers: crate::abi::lift_list(headers, headers_len),
            body: lift_option_bytes(body_is_some, body, body_len),
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub unsafe fn http_handle_request<A: HttpHandlers>(
        is_some: u32,
        ptr: S,
        len: usize,
        handler: u64,
        method: S,
        method_len: usize,
        uri: S,
        uri_len: usize,
        headers: S,
        headers_len: usize,
        body_is_some: u32,
        body: S,
        body_len: usize,
    ) -> *mut u8 {
        state_and(with_state(is_some, ptr, len, |a: &mut A| {
            let request =
                lift_request(method, method_len, uri, uri_len, headers, headers_len, body_is_some, body, body_len);
            a.handle_request(handler, request)
        }))
    }

    #[allow(clippy::too_many_arguments)]
    pub unsafe fn http_handle_middleware<A: HttpHandlers>(
        is_some: u32,
        ptr: S,
        len: usize,
        handler: u64,
        method: S,
        method_len: usize,
        uri: S,
        uri_len: usize,
        headers: S,
        headers_len: usize,
        body_is_some: u32,
        body: S,
        body_len: usize,
    ) -> *mut u8 {
        state_and(with_state(is_some, ptr, len, |a: &mut A| {
            let request =
                lift_request(method, method_len, uri, uri_len, headers, headers_len, body_is_some, body, body_len);
            a.handle_middleware(handler, request)
        }))
    }

    #[allow(clippy::too_many_arguments)]
    pub unsafe fn http_handle_websocket_connect<A: HttpHandlers>(
        is_some: u32,
        ptr: S,
        len: usize,
        handler: u64,
        connection: u64,
        path: S,
        path_len: usize,
        protocol_is_some: u32,
        protocol: S,
        protocol_len: usize,
    ) -> *mut u8 {
        state_only(with_state(is_some, ptr, len, |a: &mut A| {
            let protocol = lift_option_string(protocol_is_some, protocol, protocol_len);
            a.handle_websocket_connect(handler, connection, lift_string(path, path_len), protocol)
        }))
    }

    #[allow(clippy::too_many_arguments)]
    pub unsafe fn http_handle_websocket_message<A: HttpHandlers>(
        is_some: u32,
        ptr: S,
        len: usize,
        handler: u64,
        connection: u64,
        ty: u32,
        other: S,
        other_len: usize,
        data_is_some: u32,
        data: S,
        data_len: usize,
        text_is_some: u32,
        text: S,
        text_len: usize,
    ) -> *mut u8 {
        state_and(with_state(is_some, ptr, len, |a: &mut A| {
            let ty = match ty {
                0 => MessageType::Text,
                1 => MessageType::Binary,
                2 => MessageType::Connect,
                3 => MessageType::Close,
                4 => MessageType::Ping,
                5 => MessageType::Pong,
                6 => MessageType::Other(lift_string(other, other_len)),
                d => crate::abi::violation(format_args!("message-type discriminant {} is out of range", d)),
            };
            let message = WebsocketMessage {
                ty,
                data: lift_option_bytes(data_is_some, data, data_len),
                text: lift_option_string(text_is_some, text, text_len),
            };
            a.handle_websocket_message(handler, connection, message)
        }))
    }

    pub unsafe fn http_handle_websocket_disconnect<A: HttpHandlers>(
        is_some: u32,
        ptr: S,
        len: usize,
        handler: u64,
        connection: u64,
    ) -> *mut u8 {
        state_only(with_state(is_some, ptr, len, |a: &mut A| a.handle_websocket_disconnect(handler, connection)))
    }
}

/// Exports an actor's handlers under their canonical names, with `cabi_post_*` functions that free each result.
///
/// ```ignore
/// export_actor!(Hello);                                 // theater:simple/actor#init
/// export_actor!(Pong: message_server);                  // + message-server-client
/// export_actor!(Boss: message_server, supervisor);      // + supervisor-handlers
/// ```
/// Interfaces: `message_server` ([`MessageServer`]), `supervisor` ([`Supervisor`]), `process`
/// ([`ProcessHandlers`]), `http` ([`HttpHandlers`]). Each export exists only when its interface is named, so the
/// runtime sees exactly what the actor handles.
#[macro_export]
macro_rules! export_actor {
    ($ty:ty $(: $($iface:ident),+ $(,)?)?) => {
        $crate::__export_interface!(actor, $ty);
        $($($crate::__export_interface!($iface, $ty);)+)?
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __export_fn {
    ($name:literal, $post:literal, $body:path, $post_body:expr, ($($arg:ident: $t:ty),*)) => {
        const _: () = {
            #[export_name = $name]
            unsafe extern "C" fn export($($arg: $t),*) -> *mut u8 {
                $body($($arg),*)
            }
            #[export_name = $post]
            unsafe extern "C" fn post(ret: *mut u8) {
                $post_body(ret)
            }
        };
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __export_interface {
    (actor, $ty:ty) => {
        $crate::__export_fn!(
            "theater:simple/actor#init",
            "cabi_post_theater:simple/actor#init",
            $crate::actor::exports::init::<$ty>,
            $crate::actor::exports::post_state,
            (a: u32, b: *mut u8, c: usize)
        );
    };
    (message_server, $ty:ty) => {
        $crate::__export_fn!(
            "theater:simple/message-server-client#handle-send",
            "cabi_post_theater:simple/message-server-client#handle-send",
            $crate::actor::exports::handle_send::<$ty>,
            $crate::actor::exports::post_state,
            (a: u32, b: *mut u8, c: usize, d: *mut u8, e: usize)
        );
        $crate::__export_fn!(
            "theater:simple/message-server-client#handle-request",
            "cabi_post_theater:simple/message-server-client#handle-request",
            $crate::actor::exports::handle_request::<$ty>,
            $crate::actor::exports::post_state_and::<Option<Vec<u8>>>,
            (a: u32, b: *mut u8, c: usize, d: *mut u8, e: usize, f: *mut u8, g: usize)
        );
        $crate::__export_fn!(
            "theater:simple/message-server-client#handle-channel-open",
            "cabi_post_theater:simple/message-server-client#handle-channel-open",
            $crate::actor::exports::handle_channel_open::<$ty>,
            $crate::actor::exports::post_state_and::<$crate::types::ChannelAccept>,
            (a: u32, b: *mut u8, c: usize, d: *mut u8, e: usize, f: *mut u8, g: usize)
        );
        $crate::__export_fn!(
            "theater:simple/message-server-client#handle-channel-message",
            "cabi_post_theater:simple/message-server-client#handle-channel-message",
            $crate::actor::exports::handle_channel_message::<$ty>,
            $crate::actor::exports::post_state,
            (a: u32, b: *mut u8, c: usize, d: *mut u8, e: usize, f: *mut u8, g: usize)
        );
        $crate::__export_fn!(
            "theater:simple/message-server-client#handle-channel-close",
            "cabi_post_theater:simple/message-server-client#handle-channel-close",
            $crate::actor::exports::handle_channel_close::<$ty>,
            $crate::actor::exports::post_state,
            (a: u32, b: *mut u8, c: usize, d: *mut u8, e: usize)
        );
    };
    (supervisor, $ty:ty) => {
        $crate::__export_fn!(
            "theater:simple/supervisor-handlers#handle-child-error",
            "cabi_post_theater:simple/supervisor-handlers#handle-child-error",
            $crate::actor::exports::handle_child_error::<$ty>,
            $crate::actor::exports::post_state,
            (a: u32, b: *mut u8, c: usize, d: *mut u8, e: usize, f: u32, g: u32, h: *mut u8, i: usize)
        );
        $crate::__export_fn!(
            "theater:simple/supervisor-handlers#handle-child-exit",
            "cabi_post_theater:simple/supervisor-handlers#handle-child-exit",
            $crate::actor::exports::handle_child_exit::<$ty>,
            $crate::actor::exports::post_state,
            (a: u32, b: *mut u8, c: usize, d: *mut u8, e: usize, f: u32, g: *mut u8, h: usize)
        );
        $crate::__export_fn!(
            "theater:simple/supervisor-handlers#handle-child-external-stop",
            "cabi_post_theater:simple/supervisor-handlers#handle-child-external-stop",
            $crate::actor::exports::handle_child_external_stop::<$ty>,
            $crate::actor::exports::post_state,
            (a: u32, b: *mut u8, c: usize, d: *mut u8, e: usize)
        );
    };
    (process, $ty:ty) => {
        $crate::__export_fn!(
            "theater:simple/process-handlers#handle-stdout",
            "cabi_post_theater:simple/process-handlers#handle-stdout",
            $crate::actor::exports::handle_stdout::<$ty>,
            $crate::actor::exports::post_state,
            (a: u32, b: *mut u8, c: usize, d: u64, e: *mut u8, f: usize)
        );
        $crate::__export_fn!(
            "theater:simple/process-handlers#handle-stderr",
            "cabi_post_theater:simple/process-handlers#handle-stderr",
            $crate::actor::exports::handle_stderr::<$ty>,
            $crate::actor::exports::post_state,
            (a: u32, b: *mut u8, c: usize, d: u64, e: *mut u8, f: usize)
        );
        $crate::__export_fn!(
            "theater:simple/process-handlers#handle-exit",
            "cabi_post_theater:simple/process-handlers#handle-exit",
            $crate::actor::exports::handle_exit::<$ty>,
            $crate::actor::exports::post_state,
            (a: u32, b: *mut u8, c: usize, d: u64, e: i32)
        );
    };
    (http, $ty:ty) => {
        $crate::__export_fn!(
            "theater:simple/http-handlers#handle-request",
            "cabi_post_theater:simple/http-handlers#handle-request",
            $crate::actor::exports::http_handle_request::<$ty>,
            $crate::actor::exports::post_state_and::<$crate::host::http_types::HttpResponse>,
            (a: u32, b: *mut u8, c: usize, d: u64, e: *mut u8, f: usize, g: *mut u8, h: usize, i: *mut u8, j: usize,
             k: u32, l: *mut u8, m: usize)
        );
        $crate::__export_fn!(
            "theater:simple/http-handlers#handle-middleware",
            "cabi_post_theater:simple/http-handlers#handle-middleware",
            $crate::actor::exports::http_handle_middleware::<$ty>,
            $crate::actor::exports::post_state_and::<$crate::host::http_types::MiddlewareResult>,
            (a: u32, b: *mut u8, c: usize, d: u64, e: *mut u8, f: usize, g: *mut u8, h: usize, i: *mut u8, j: usize,
             k: u32, l: *mut u8, m: usize)
        );
        $crate::__export_fn!(
            "theater:simple/http-handlers#handle-websocket-connect",
            "cabi_post_theater:simple/http-handlers#handle-websocket-connect",
            $crate::actor::exports::http_handle_websocket_connect::<$ty>,
            $crate::actor::exports::post_state,
            (a: u32, b: *mut u8, c: usize, d: u64, e: u64, f: *mut u8, g: usize, h: u32, i: *mut u8, j: usize)
        );
        $crate::__export_fn!(
            "theater:simple/http-handlers#handle-websocket-message",
            "cabi_post_theater:simple/http-handlers#handle-websocket-message",
            $crate::actor::exports::http_handle_websocket_message::<$ty>,
            $crate::actor::exports::post_state_and::<Vec<$crate::host::http_types::WebsocketMessage>>,
            (a: u32, b: *mut u8, c: usize, d: u64, e: u64, f: u32, g: *mut u8, h: usize, i: u32, j: *mut u8, k: usize,
             l: u32, m: *mut u8, n: usize)
        );
        $crate::__export_fn!(
            "theater:simple/http-handlers#handle-websocket-disconnect",
            "cabi_post_theater:simple/http-handlers#handle-websocket-disconnect",
            $crate::actor::exports::http_handle_websocket_disconnect::<$ty>,
            $crate::actor::exports::post_state,
            (a: u32, b: *mut u8, c: usize, d: u64, e: u64)
        );
    };
    ($other:ident, $ty:ty) => {
        compile_error!(concat!(
            "export_actor!: unknown interface '", stringify!($other),
            "'; use message_server, supervisor, process or http"
        ));
    };
}
