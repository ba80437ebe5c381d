// theater:simple/runtime: logging, the actor's chain and id, and stopping itself (handler "runtime").

import { IMPORT_RET, loadList, loadString, loadUnitResult, Utf8 } from "../abi";
import { ActorId, ChainEvent, loadChainEvent } from "../types";

// @ts-ignore: decorator
@external("theater:simple/runtime", "log")
declare function raw_log(msg: usize, msgLen: usize): void;
// @ts-ignore: decorator
@external("theater:simple/runtime", "get-chain")
declare function raw_get_chain(ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/runtime", "shutdown")
declare function raw_shutdown(isSome: u32, data: usize, dataLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/runtime", "self")
declare function raw_self(ret: usize): void;

/** Writes a line to the actor's log (a host-call event in its chain; `theater run` prints it). */
export function log(msg: string): void {
  const m = new Utf8(msg);
  raw_log(m.ptr, m.len);
  m.free();
}

/** The actor's hash chain so far, oldest event first. */
export function getChain(): Array<ChainEvent> {
  raw_get_chain(IMPORT_RET);
  return loadList<ChainEvent>(IMPORT_RET, 64, loadChainEvent);
}

/** Asks the runtime to stop this actor after the current call, with optional final data; null when accepted. */
export function shutdown(data: Uint8Array | null = null): string | null {
  if (data === null) raw_shutdown(0, 0, 0, IMPORT_RET);
  else raw_shutdown(1, data.dataStart, <usize>data.length, IMPORT_RET);
  return loadUnitResult(IMPORT_RET);
}

/** This actor's id. */
export function selfId(): ActorId {
  raw_self(IMPORT_RET);
  return loadString(IMPORT_RET);
}
