//! The Rust SDK's probe actor for theater-core's tests (GuestSdkTest). Its state counts "count" messages (a
//! little-endian u32); handle-send runs one command:
//!
//!   count          the count goes up by one
//!   panic:<text>   the count goes up, then the handler panics with <text>
//!   deep:<n>       the count goes up, then a recursion n calls deep, each with a 512-byte stack buffer, panics
//!   index          the count goes up, then an index out of bounds panics
//!   log:<text>     logs <text>
//!
//! init panics when its init state is "panic", and otherwise starts from the state it is given.

use theater_guest::prelude::*;

struct Probe {
    count: u32,
}

impl State for Probe {
    fn encode(&self) -> Vec<u8> {
        Writer::new().u32(self.count).finish()
    }

    fn decode(bytes: &[u8]) -> Result<Self, String> {
        if bytes.is_empty() {
            return Ok(Probe { count: 0 });
        }
        Ok(Probe { count: Reader::new(bytes).u32()? })
    }
}

impl Actor for Probe {
    fn init(state: Option<Vec<u8>>) -> Result<Self, String> {
        match state {
            Some(s) if s == b"panic" => panic!("probe: asked to fail in init"),
            Some(s) => Probe::decode(&s),
            None => Ok(Probe { count: 0 }),
        }
    }
}

#[inline(never)]
fn deep(depth: u32, above: &[u8; 512]) -> u32 {
    let mut frame = [depth as u8; 512];
    frame[0] = above[1];
    if depth == 0 {
        panic!("probe: deep panic after {} bytes of frames", frame.len());
    }
    deep(depth - 1, &frame) + u32::from(frame[3])
}

impl MessageServer for Probe {
    fn handle_send(&mut self, msg: Vec<u8>) -> Result<(), String> {
        let text = String::from_utf8(msg).map_err(|e| e.to_string())?;
        if text == "count" {
            self.count += 1;
        } else if let Some(message) = text.strip_prefix("panic:") {
            self.count += 1;
            panic!("{}", message);
        } else if let Some(n) = text.strip_prefix("deep:") {
            self.count += 1;
            let n: u32 = n.parse().map_err(|_| format!("not a depth: {}", n))?;
            self.count += deep(n, &[0; 512]);
        } else if text == "index" {
            self.count += 1;
            let v = vec![1u8, 2, 3];
            self.count += u32::from(v[text.len()]);
        } else if let Some(line) = text.strip_prefix("log:") {
            runtime::log(line);
        } else {
            return Err(format!("unknown command '{}'", text));
        }
        Ok(())
    }
}

export_actor!(Probe: message_server);
