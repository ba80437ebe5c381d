//! The shared types of `theater:simple` (`types.wit`).

use crate::{wit_enum, wit_record};

/// The id of an actor: the address messages go to.
pub type ActorId = String;
/// The id of an open channel.
pub type ChannelId = String;
/// The id of a request awaiting a response.
pub type RequestId = String;

wit_record! {
    /// An actor's answer to a channel being opened to it.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct ChannelAccept {
        /// Whether the channel is accepted.
        pub accepted: bool,
        /// An optional first message sent back on the channel.
        pub message: Option<Vec<u8>>,
    }
}

impl ChannelAccept {
    /// Accepts the channel, sending nothing back.
    pub fn accept() -> Self {
        ChannelAccept { accepted: true, message: None }
    }

    /// Accepts the channel and sends `message` back on it.
    pub fn accept_with(message: impl Into<Vec<u8>>) -> Self {
        ChannelAccept { accepted: true, message: Some(message.into()) }
    }

    /// Refuses the channel.
    pub fn reject() -> Self {
        ChannelAccept { accepted: false, message: None }
    }
}

wit_record! {
    /// One event of an actor's hash chain.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct ChainEvent {
        /// SHA-256 over the event's canonical encoding.
        pub hash: Vec<u8>,
        /// The hash of the previous event; none for the first one.
        pub parent_hash: Option<Vec<u8>>,
        /// What happened, e.g. `host-call`.
        pub event_type: String,
        /// The event's payload (JSON).
        pub data: Vec<u8>,
        /// Milliseconds since the Unix epoch.
        pub timestamp: u64,
        /// A human-readable summary.
        pub description: Option<String>,
    }
}

wit_record! {
    /// An actor's hash chain, oldest event first.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Chain {
        pub events: Vec<ChainEvent>,
    }
}

wit_enum! {
    /// Why an actor operation failed.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum WitErrorType {
        OperationTimeout,
        ChannelClosed,
        ShuttingDown,
        FunctionNotFound,
        TypeMismatch,
        Internal,
        SerializationError,
        UpdateComponentError,
        Paused,
    }
}

wit_record! {
    /// A child's failure as its supervisor hears of it (`wit-actor-error`).
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct ActorError {
        pub error_type: WitErrorType,
        /// The failure message (UTF-8), when there is one.
        pub data: Option<Vec<u8>>,
    }
}

impl ActorError {
    /// The failure message as text (lossy UTF-8), or "" when there is none.
    pub fn message(&self) -> String {
        self.data.as_deref().map(|d| String::from_utf8_lossy(d).into_owned()).unwrap_or_default()
    }
}
