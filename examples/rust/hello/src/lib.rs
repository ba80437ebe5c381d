//! hello: the smallest useful Theater actor, in Rust.
//!
//! On init it greets through the runtime's log, says who it is, counts how many times it has been started in its
//! state (a little-endian u32, as in the C version), and asks the runtime to shut it down with a farewell.
//! `./theater run examples/rust/hello/hello.toml` shows all of it, plus the chain.

use theater_guest::prelude::*;

struct Hello {
    starts: u32,
}

impl State for Hello {
    fn encode(&self) -> Vec<u8> {
        Writer::new().u32(self.starts).finish()
    }

    fn decode(bytes: &[u8]) -> Result<Self, String> {
        Ok(Hello { starts: Reader::new(bytes).u32()? })
    }
}

impl Actor for Hello {
    fn init(state: Option<Vec<u8>>) -> Result<Self, String> {
        let starts = match state {
            Some(bytes) if bytes.len() == 4 => Hello::decode(&bytes)?.starts,
            _ => 0,
        } + 1;
        runtime::log("Hello from a Theater actor written in Rust!");
        runtime::log(&format!("my actor id is {}", runtime::self_id()));
        runtime::log(&format!("times started (from my state): {}", starts));
        if let Err(e) = runtime::shutdown(Some(b"goodbye")) {
            runtime::log(&format!("the runtime refused to shut me down: {}", e));
        }
        Ok(Hello { starts })
    }
}

export_actor!(Hello);
