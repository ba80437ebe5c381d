//! pong: answers ping. Its state counts the requests it has answered (a little-endian u32).
//!
//!   handle_request(id, payload)       logs the payload and answers "pong <n>" at once
//!   handle_send(msg)                  logs the note
//!   handle_channel_open(id, msg)      accepts every channel, with the message "welcome to pong"
//!   handle_channel_message(id, msg)   logs it and sends "echo: <msg>" back on the channel
//!   handle_channel_close(id)          logs it

use theater_guest::prelude::*;

struct Pong {
    answered: u32,
}

impl State for Pong {
    fn encode(&self) -> Vec<u8> {
        Writer::new().u32(self.answered).finish()
    }

    fn decode(bytes: &[u8]) -> Result<Self, String> {
        Ok(Pong { answered: Reader::new(bytes).u32()? })
    }
}

impl Actor for Pong {
    fn init(_state: Option<Vec<u8>>) -> Result<Self, String> {
        runtime::log("pong: ready");
        Ok(Pong { answered: 0 })
    }
}

impl MessageServer for Pong {
    fn handle_send(&mut self, msg: Vec<u8>) -> Result<(), String> {
        runtime::log(&format!("pong: a note from ping: {}", String::from_utf8_lossy(&msg)));
        Ok(())
    }

    fn handle_request(&mut self, _id: RequestId, msg: Vec<u8>) -> Result<Option<Vec<u8>>, String> {
        self.answered += 1;
        runtime::log(&format!("pong: request {} says '{}'", self.answered, String::from_utf8_lossy(&msg)));
        Ok(Some(format!("pong {}", self.answered).into_bytes()))
    }

    fn handle_channel_open(&mut self, channel: ChannelId, msg: Vec<u8>) -> Result<ChannelAccept, String> {
        runtime::log(&format!("pong: channel {} opened with '{}'", channel, String::from_utf8_lossy(&msg)));
        Ok(ChannelAccept::accept_with("welcome to pong"))
    }

    fn handle_channel_message(&mut self, channel: ChannelId, msg: Vec<u8>) -> Result<(), String> {
        let text = String::from_utf8_lossy(&msg);
        runtime::log(&format!("pong: on the channel: {}", text));
        message_server::send_on_channel(&channel, format!("echo: {}", text).as_bytes())
    }

    fn handle_channel_close(&mut self, channel: ChannelId) -> Result<(), String> {
        runtime::log(&format!("pong: channel {} closed", channel));
        Ok(())
    }
}

export_actor!(Pong: message_server);
