//! ping: plays with pong, then stops.
//!
//! Its partner's address comes from its init state when it has one; otherwise ping spawns pong itself (as its
//! child, from pong.toml) and uses the id it gets back. That address is the one place that decides who pong is, so
//! a lookup by name fits there once the runtime resolves actor names.
//!
//!   init                              three requests to pong (logging each answer), a one-way note, then a channel:
//!                                     opened with "hello pong", and a first message on it
//!   handle_channel_message(id, msg)   logs it; after the second one (pong's welcome, then its echo) closes the
//!                                     channel and asks the runtime to shut ping down (which stops pong, its child)
//!   handle_channel_close(id)          logs it
//!
//! State: the partner's address and how many channel messages ping has received.

use theater_guest::prelude::*;

struct Ping {
    partner: String,
    received: u32,
}

impl State for Ping {
    fn encode(&self) -> Vec<u8> {
        Writer::new().str(&self.partner).u32(self.received).finish()
    }

    fn decode(bytes: &[u8]) -> Result<Self, String> {
        let mut r = Reader::new(bytes);
        Ok(Ping { partner: r.str()?, received: r.u32()? })
    }
}

/// Who ping plays with: the address it was given, or a pong of its own.
fn find_partner(given: Option<Vec<u8>>) -> Result<String, String> {
    match given {
        Some(address) => String::from_utf8(address).map_err(|_| "ping's init state must be pong's address".to_string()),
        None => supervisor::spawn("pong.toml", None).map_err(|e| format!("ping could not start pong: {}", e)),
    }
}

impl Actor for Ping {
    fn init(state: Option<Vec<u8>>) -> Result<Self, String> {
        let partner = find_partner(state)?;
        runtime::log(&format!("ping: my partner is {}", partner));
        for round in 1..=3 {
            match message_server::request(&partner, format!("ping {}", round).as_bytes()) {
                Ok(answer) => runtime::log(&format!("ping: pong answered '{}'", String::from_utf8_lossy(&answer))),
                Err(e) => runtime::log(&format!("ping: the request failed: {}", e)),
            }
        }
        if let Err(e) = message_server::send(&partner, b"thanks for the game") {
            runtime::log(&format!("ping: the note was not sent: {}", e));
        }
        match message_server::open_channel(&partner, b"hello pong") {
            Ok(channel) => {
                runtime::log(&format!("ping: channel {} is open", channel));
                if let Err(e) = message_server::send_on_channel(&channel, b"how are you?") {
                    runtime::log(&format!("ping: could not use the channel: {}", e));
                }
            }
            Err(e) => runtime::log(&format!("ping: no channel: {}", e)),
        }
        Ok(Ping { partner, received: 0 })
    }
}

impl MessageServer for Ping {
    fn handle_channel_message(&mut self, channel: ChannelId, msg: Vec<u8>) -> Result<(), String> {
        self.received += 1;
        runtime::log(&format!("ping: on the channel: {}", String::from_utf8_lossy(&msg)));
        if self.received == 2 {
            runtime::log("ping: closing the channel and stopping");
            message_server::close_channel(&channel)?;
            runtime::shutdown(Some(b"done"))?;
        }
        Ok(())
    }

    fn handle_channel_close(&mut self, _channel: ChannelId) -> Result<(), String> {
        runtime::log("ping: pong closed the channel");
        Ok(())
    }
}

export_actor!(Ping: message_server);
