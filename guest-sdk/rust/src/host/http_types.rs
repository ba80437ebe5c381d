//! The types of `theater:simple/http-types` and `theater:simple/websocket-types`.

use crate::{wit_record, wit_variant};

/// A header list: (name, value) pairs in order; a name may repeat.
pub type Headers = Vec<(String, String)>;

wit_record! {
    /// An HTTP request.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct HttpRequest {
        pub method: String,
        pub uri: String,
        pub headers: Headers,
        pub body: Option<Vec<u8>>,
    }
}

wit_record! {
    /// An HTTP response.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct HttpResponse {
        pub status: u16,
        pub headers: Headers,
        pub body: Option<Vec<u8>>,
    }
}

impl HttpResponse {
    /// A response with a status, one `content-type` header and a body.
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        HttpResponse {
            status,
            headers: vec![("content-type".to_string(), content_type.to_string())],
            body: Some(body.into()),
        }
    }
}

wit_record! {
    /// The TLS files of a server.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct TlsConfig {
        pub cert_path: String,
        pub key_path: String,
    }
}

wit_record! {
    /// How to create a server; a port of 0 or `None` picks a free one.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct ServerConfig {
        pub port: Option<u16>,
        pub host: Option<String>,
        pub tls_config: Option<TlsConfig>,
    }
}

wit_record! {
    /// What a server looks like now.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct ServerInfo {
        pub id: u64,
        pub port: u16,
        pub host: String,
        pub running: bool,
        pub routes_count: u32,
        pub middleware_count: u32,
        pub websocket_enabled: bool,
    }
}

wit_record! {
    /// A middleware's verdict: go on with the (possibly changed) request, or stop.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct MiddlewareResult {
        pub proceed: bool,
        pub request: HttpRequest,
    }
}

wit_variant! {
    /// The kind of a WebSocket message.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub enum MessageType {
        Text,
        Binary,
        Connect,
        Close,
        Ping,
        Pong,
        Other(String),
    }
}

wit_record! {
    /// A WebSocket message: `text` for text frames, `data` for binary ones.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct WebsocketMessage {
        pub ty: MessageType,
        pub data: Option<Vec<u8>>,
        pub text: Option<String>,
    }
}

impl WebsocketMessage {
    /// A text frame.
    pub fn text(text: impl Into<String>) -> Self {
        WebsocketMessage { ty: MessageType::Text, data: None, text: Some(text.into()) }
    }

    /// A binary frame.
    pub fn binary(data: impl Into<Vec<u8>>) -> Self {
        WebsocketMessage { ty: MessageType::Binary, data: Some(data.into()), text: None }
    }
}
