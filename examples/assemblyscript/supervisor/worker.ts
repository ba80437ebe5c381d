// worker: a flaky child. It counts its starts in its state; on its first two starts it sends itself "crash", and
// handleSend throws on it. The abort becomes the call's err result, the child fails, and its supervisor restarts it
// (after a backoff, from its last state, so the count survives). On its third start it tells its supervisor that
// it is stable.
//
// State: its supervisor's address (the init bytes of the spawn) and its number of starts.

import {
  Actor, messageServer, Reader, register, runtime, text, utf8, Writer,
} from "../../../guest-sdk/assemblyscript/assembly/index";

class Worker extends Actor {
  boss: string = "";
  starts: u32 = 0;

  load(state: Uint8Array): void {
    const r = new Reader(state);
    this.boss = r.str();
    this.starts = r.u32();
  }

  save(): Uint8Array {
    return new Writer().str(this.boss).u32(this.starts).finish();
  }

  init(state: Uint8Array | null): void {
    if (state === null) throw new Error("worker needs its supervisor's address and start count as its init state");
    this.load(state);
    this.starts++;
    runtime.log("worker: start " + this.starts.toString());
    const error = this.starts < 3
      ? messageServer.send(runtime.selfId(), utf8("crash"))
      : messageServer.send(this.boss, utf8("stable after " + this.starts.toString() + " starts"));
    if (error !== null) throw new Error(error);
  }

  handleSend(msg: Uint8Array): void {
    if (text(msg) == "crash") throw new Error("worker: crashing on purpose at start " + this.starts.toString());
  }
}

register((): Actor => new Worker());

export * from "../../../guest-sdk/assemblyscript/assembly/exports/actor";
export * from "../../../guest-sdk/assemblyscript/assembly/exports/message-server";
