//! Write [Theater](../../../README.md) actors in Rust.
//!
//! An actor is a `cdylib` for `wasm32-unknown-unknown` that implements [`Actor`] (and any of [`MessageServer`],
//! [`Supervisor`], [`ProcessHandlers`], [`HttpHandlers`]) for its state type and exports them with
//! [`export_actor!`]:
//!
//! ```ignore
//! use theater_guest::prelude::*;
//!
//! struct Counter(u32);
//!
//! impl State for Counter {
//!     fn encode(&self) -> Vec<u8> { self.0.to_le_bytes().to_vec() }
//!     fn decode(bytes: &[u8]) -> Result<Self, String> { Reader::new(bytes).u32().map(Counter) }
//! }
//!
//! impl Actor for Counter {
//!     fn init(_state: Option<Vec<u8>>) -> Result<Self, String> {
//!         runtime::log("counter ready");
//!         Ok(Counter(0))
//!     }
//! }
//!
//! impl MessageServer for Counter {
//!     fn handle_send(&mut self, _msg: Vec<u8>) -> Result<(), String> {
//!         self.0 += 1;
//!         Ok(())
//!     }
//! }
//!
//! export_actor!(Counter: message_server);
//! ```
//!
//! The host interfaces are typed functions under [`host`]. The canonical ABI ([`abi`]) is there for calling
//! interfaces this crate does not wrap, e.g. a third-party handler's (`docs/guests.md`).
//!
//! Build: `cargo build --release` with the link arguments of `.cargo/config.toml`, then
//! `wasm-opt --asyncify --pass-arg=asyncify-ignore-imports -Os`, which lets a panic become an `err` result
//! ([`unwind`]). `guest-sdk/rust/README.md` has the details; `scripts/build-guests` does all of it.

#![cfg(target_arch = "wasm32")]

pub mod abi;
pub mod actor;
pub mod heap;
pub mod host;
mod macros;
pub mod state;
pub mod types;
pub mod unwind;

pub use actor::{Actor, HttpHandlers, MessageServer, ProcessHandlers, Supervisor};
pub use state::State;

/// What most actors need: the traits, the state codec, the common types and the host interfaces.
pub mod prelude {
    pub use crate::actor::{Actor, HttpHandlers, MessageServer, ProcessHandlers, Supervisor};
    pub use crate::export_actor;
    pub use crate::host::{
        environment, filesystem, http_client, http_framework, http_types, message_server, process, random, runtime,
        store, supervisor, timing,
    };
    pub use crate::state::{Reader, State, Writer};
    pub use crate::types::{ActorError, ActorId, ChannelAccept, ChannelId, RequestId, WitErrorType};
}
