// supervisor: starts a flaky worker and watches it. Restarts follow the [supervision] table of supervisor.toml
// (one-for-one, backoff from 100 ms, the worker restarted from its last state); this actor only hears about them
// through the supervisor-handlers exports. When the worker reports that it is stable, the supervisor stops, and
// with it the worker.
//
// State: how many failures of its child it has heard of.

import {
  Actor, ActorError, Reader, register, runtime, supervisor, text, Writer,
} from "../../../guest-sdk/assemblyscript/assembly/index";

class Boss extends Actor {
  failures: u32 = 0;

  load(state: Uint8Array): void {
    this.failures = new Reader(state).u32();
  }

  save(): Uint8Array {
    return new Writer().u32(this.failures).finish();
  }

  init(state: Uint8Array | null): void {
    const init = new Writer().str(runtime.selfId()).u32(0).finish();
    const worker = supervisor.spawn("worker.toml", init).unwrap();
    runtime.log("supervisor: spawned worker.toml as " + worker);
  }

  handleChildError(child: string, error: ActorError): void {
    this.failures++;
    runtime.log("supervisor: child " + child + " failed: " + error.message);
  }

  handleChildExit(child: string, data: Uint8Array | null): void {
    runtime.log("supervisor: child " + child + " exited");
  }

  handleSend(msg: Uint8Array): void {
    runtime.log("supervisor: the worker says '" + text(msg) + "' after " + this.failures.toString()
      + " failures; stopping");
    const refused = runtime.shutdown();
    if (refused !== null) throw new Error(refused);
  }
}

register((): Actor => new Boss());

export * from "../../../guest-sdk/assemblyscript/assembly/exports/actor";
export * from "../../../guest-sdk/assemblyscript/assembly/exports/message-server";
export * from "../../../guest-sdk/assemblyscript/assembly/exports/supervisor";
