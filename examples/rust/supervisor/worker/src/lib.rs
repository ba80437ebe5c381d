//! worker: a flaky child. It counts its starts in its state; on its first two starts it sends itself "crash",
//! and `handle_send` panics on it. The panic becomes the call's `err` result, the child fails, and its supervisor
//! restarts it (after a backoff, from its last state, so the count survives). On its third start it tells its
//! supervisor that it is stable.
//!
//! State: its supervisor's address (the init bytes of the spawn) and its number of starts.

use theater_guest::prelude::*;

struct Worker {
    boss: String,
    starts: u32,
}

impl State for Worker {
    fn encode(&self) -> Vec<u8> {
        Writer::new().str(&self.boss).u32(self.starts).finish()
    }

    fn decode(bytes: &[u8]) -> Result<Self, String> {
        let mut r = Reader::new(bytes);
        Ok(Worker { boss: r.str()?, starts: r.u32()? })
    }
}

impl Actor for Worker {
    fn init(state: Option<Vec<u8>>) -> Result<Self, String> {
        let state = state.ok_or("worker needs its supervisor's address and start count as its init state")?;
        let mut me = Worker::decode(&state)?;
        me.starts += 1;
        runtime::log(&format!("worker: start {}", me.starts));
        if me.starts < 3 {
            message_server::send(&runtime::self_id(), b"crash")?;
        } else {
            message_server::send(&me.boss, format!("stable after {} starts", me.starts).as_bytes())?;
        }
        Ok(me)
    }
}

impl MessageServer for Worker {
    fn handle_send(&mut self, msg: Vec<u8>) -> Result<(), String> {
        if msg == b"crash" {
            panic!("worker: crashing on purpose at start {}", self.starts);
        }
        Ok(())
    }
}

export_actor!(Worker: message_server);
