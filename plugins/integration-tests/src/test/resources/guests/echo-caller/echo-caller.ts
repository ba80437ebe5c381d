// Calls a third-party handler's interface from AssemblyScript: example:echo/echo of examples/echo-handler-plugin,
// which the SDK knows nothing about. The imports are declared from the interface's WIT with the canonical ABI's
// flattening (docs/guests.md); results that do not fit one core value come back through a return area, read with
// the SDK's ABI helpers. On init it calls each function and logs what came back; EchoExamplePluginIT reads the log.
//
//   echo: func(message: string) -> string;                    (i32 i32 i32) -> ()   the result via a return area
//   reverse: func(message: string) -> result<string, string>; (i32 i32 i32) -> ()
//   count: func() -> u64;                                     () -> i64

import { Actor, register, runtime } from "../../../../../../../guest-sdk/assemblyscript/assembly/index";
import {
  IMPORT_RET, loadResult, loadString, Result, Utf8,
} from "../../../../../../../guest-sdk/assemblyscript/assembly/abi";

// @ts-ignore: decorator
@external("example:echo/echo", "echo")
declare function raw_echo(message: usize, messageLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("example:echo/echo", "reverse")
declare function raw_reverse(message: usize, messageLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("example:echo/echo", "count")
declare function raw_count(): u64;

function echo(message: string): string {
  const m = new Utf8(message);
  raw_echo(m.ptr, m.len, IMPORT_RET);
  m.free();
  return loadString(IMPORT_RET);
}

function reverse(message: string): Result<string> {
  const m = new Utf8(message);
  raw_reverse(m.ptr, m.len, IMPORT_RET);
  m.free();
  return loadResult<string>(IMPORT_RET, 4, loadString);
}

function show(r: Result<string>): string {
  return r.isOk ? "Ok(\"" + r.value + "\")" : "Err(\"" + r.error! + "\")";
}

class Caller extends Actor {
  init(state: Uint8Array | null): void {
    runtime.log("echo: " + echo("hi"));
    runtime.log("reverse: " + show(reverse("stressed")));
    runtime.log("reverse of nothing: " + show(reverse("")));
    runtime.log("count: " + raw_count().toString());
  }

  load(state: Uint8Array): void {}

  save(): Uint8Array {
    return new Uint8Array(0);
  }
}

register((): Actor => new Caller());

export * from "../../../../../../../guest-sdk/assemblyscript/assembly/exports/actor";
