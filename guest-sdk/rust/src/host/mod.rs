//! Typed wrappers of the host interfaces of `theater:simple`. A module is named after its WIT interface; each
//! function lowers its arguments, calls the host import `theater:simple/<interface>#<function>` and lifts the
//! result. Only the functions an actor calls end up as imports of its module, and the runtime links them when the
//! actor's manifest grants the handler that provides the interface (`[[handler]] type = "..."`).
//!
//! Arguments stay the caller's; strings and lists in results are allocated by the host in guest memory and become
//! the returned Rust values.

pub mod environment;
pub mod filesystem;
pub mod http_client;
pub mod http_framework;
pub mod http_types;
pub mod message_server;
pub mod process;
pub mod random;
pub mod runtime;
pub mod store;
pub mod supervisor;
pub mod timing;
