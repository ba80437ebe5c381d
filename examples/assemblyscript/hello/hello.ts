// hello: the smallest useful Theater actor, in AssemblyScript.
//
// On init it greets through the runtime's log, says who it is, counts how many times it has been started in its
// state (a little-endian u32, as in the C and Rust versions), and asks the runtime to shut it down with a farewell.
// `./theater run examples/assemblyscript/hello/hello.toml` shows all of it, plus the chain.

import { Actor, Reader, register, runtime, utf8, Writer } from "../../../guest-sdk/assemblyscript/assembly/index";

class Hello extends Actor {
  starts: u32 = 0;

  load(state: Uint8Array): void {
    this.starts = new Reader(state).u32();
  }

  save(): Uint8Array {
    return new Writer().u32(this.starts).finish();
  }

  init(state: Uint8Array | null): void {
    if (state !== null && state.length == 4) this.load(state);
    this.starts++;
    runtime.log("Hello from a Theater actor written in AssemblyScript!");
    runtime.log("my actor id is " + runtime.selfId());
    runtime.log("times started (from my state): " + this.starts.toString());
    const refused = runtime.shutdown(utf8("goodbye"));
    if (refused !== null) runtime.log("the runtime refused to shut me down: " + refused);
  }
}

register((): Actor => new Hello());

export * from "../../../guest-sdk/assemblyscript/assembly/exports/actor";
