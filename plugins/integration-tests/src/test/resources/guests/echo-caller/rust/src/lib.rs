//! Calls a third-party handler's interface from Rust: `example:echo/echo` of examples/echo-handler-plugin, which the
//! SDK knows nothing about. The imports are declared from the interface's WIT with the canonical ABI's flattening
//! (docs/guests.md); `call_with_return_area` lifts results that do not fit one core value. On init it calls each
//! function and logs what came back; EchoExamplePluginIT reads the log lines.
//!
//! ```wit
//! echo: func(message: string) -> string;                    // (i32 i32 i32) -> ()   the result via a return area
//! reverse: func(message: string) -> result<string, string>; // (i32 i32 i32) -> ()
//! count: func() -> u64;                                     // () -> i64
//! ```

use theater_guest::abi::call_with_return_area;
use theater_guest::prelude::*;

#[link(wasm_import_module = "example:echo/echo")]
extern "C" {
    #[link_name = "echo"]
    fn raw_echo(message: *const u8, message_len: usize, ret: *mut u8);
    #[link_name = "reverse"]
    fn raw_reverse(message: *const u8, message_len: usize, ret: *mut u8);
    #[link_name = "count"]
    fn raw_count() -> u64;
}

fn echo(message: &str) -> String {
    call_with_return_area(|ret| unsafe { raw_echo(message.as_ptr(), message.len(), ret) })
}

fn reverse(message: &str) -> Result<String, String> {
    call_with_return_area(|ret| unsafe { raw_reverse(message.as_ptr(), message.len(), ret) })
}

fn count() -> u64 {
    unsafe { raw_count() }
}

struct Caller;

impl State for Caller {
    fn encode(&self) -> Vec<u8> {
        Vec::new()
    }

    fn decode(_bytes: &[u8]) -> Result<Self, String> {
        Ok(Caller)
    }
}

impl Actor for Caller {
    fn init(_state: Option<Vec<u8>>) -> Result<Self, String> {
        runtime::log(&format!("echo: {}", echo("hi")));
        runtime::log(&format!("reverse: {:?}", reverse("stressed")));
        runtime::log(&format!("reverse of nothing: {:?}", reverse("")));
        runtime::log(&format!("count: {}", count()));
        Ok(Caller)
    }
}

export_actor!(Caller);
