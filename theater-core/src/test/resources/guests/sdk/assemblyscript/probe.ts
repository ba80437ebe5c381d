// The AssemblyScript SDK's probe actor for theater-core's tests (GuestSdkTest): the same commands as the Rust probe
// (rust/src/lib.rs), with `throw` where Rust panics.
//
//   count          the count goes up by one
//   panic:<text>   the count goes up, then the handler throws <text>
//   deep:<n>       the count goes up, then a recursion n calls deep, each holding a 512-byte array, throws
//   index          the count goes up, then an index out of range aborts
//   log:<text>     logs <text>

import { Actor, Reader, register, runtime, text, Writer } from "../../../../../../../guest-sdk/assemblyscript/assembly/index";

class Probe extends Actor {
  count: u32 = 0;

  init(state: Uint8Array | null): void {
    if (state !== null) {
      if (text(state) == "panic") throw new Error("probe: asked to fail in init");
      this.load(state);
    }
  }

  load(state: Uint8Array): void {
    this.count = state.length == 0 ? 0 : new Reader(state).u32();
  }

  save(): Uint8Array {
    return new Writer().u32(this.count).finish();
  }

  handleSend(msg: Uint8Array): void {
    const command = text(msg);
    if (command == "count") {
      this.count++;
    } else if (command.startsWith("panic:")) {
      this.count++;
      throw new Error(command.substring(6));
    } else if (command.startsWith("deep:")) {
      this.count++;
      const depth = <u32>I32.parseInt(command.substring(5));
      this.count += deep(depth, new StaticArray<u8>(512));
    } else if (command == "index") {
      this.count++;
      const values: Array<u32> = [1, 2, 3];
      this.count += values[command.length];
    } else if (command.startsWith("log:")) {
      runtime.log(command.substring(4));
    } else {
      throw new Error("unknown command '" + command + "'");
    }
  }
}

function deep(depth: u32, above: StaticArray<u8>): u32 {
  const frame = new StaticArray<u8>(512);
  frame[0] = above[1];
  if (depth == 0) throw new Error("probe: deep panic after " + frame.length.toString() + " bytes of frames");
  return deep(depth - 1, frame) + frame[3];
}

register((): Actor => new Probe());

export * from "../../../../../../../guest-sdk/assemblyscript/assembly/exports/actor";
export * from "../../../../../../../guest-sdk/assemblyscript/assembly/exports/message-server";
