//! supervisor: starts a flaky worker and watches it. Restarts follow the `[supervision]` table of supervisor.toml
//! (one-for-one, backoff from 100 ms, the worker restarted from its last state); this actor only hears about them
//! through `supervisor-handlers`. When the worker reports that it is stable, the supervisor stops, and with it
//! the worker.
//!
//! State: how many failures of its child it has heard of.

use theater_guest::prelude::*;

struct Boss {
    failures: u32,
}

impl State for Boss {
    fn encode(&self) -> Vec<u8> {
        Writer::new().u32(self.failures).finish()
    }

    fn decode(bytes: &[u8]) -> Result<Self, String> {
        Ok(Boss { failures: Reader::new(bytes).u32()? })
    }
}

impl Actor for Boss {
    fn init(_state: Option<Vec<u8>>) -> Result<Self, String> {
        let init = Writer::new().str(&runtime::self_id()).u32(0).finish();
        let worker = supervisor::spawn("worker.toml", Some(&init))?;
        runtime::log(&format!("supervisor: spawned worker.toml as {}", worker));
        Ok(Boss { failures: 0 })
    }
}

impl Supervisor for Boss {
    fn handle_child_error(&mut self, child: String, error: ActorError) -> Result<(), String> {
        self.failures += 1;
        runtime::log(&format!("supervisor: child {} failed ({:?}): {}", child, error.error_type, error.message()));
        Ok(())
    }

    fn handle_child_exit(&mut self, child: String, _data: Option<Vec<u8>>) -> Result<(), String> {
        runtime::log(&format!("supervisor: child {} exited", child));
        Ok(())
    }
}

impl MessageServer for Boss {
    fn handle_send(&mut self, msg: Vec<u8>) -> Result<(), String> {
        runtime::log(&format!(
            "supervisor: the worker says '{}' after {} failures; stopping",
            String::from_utf8_lossy(&msg),
            self.failures
        ));
        runtime::shutdown(None)
    }
}

export_actor!(Boss: supervisor, message_server);
