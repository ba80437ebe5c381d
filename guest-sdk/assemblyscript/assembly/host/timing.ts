// theater:simple/timing: the clock and pauses (plugin handler "timing").

import { IMPORT_RET, loadUnitResult } from "../abi";

// @ts-ignore: decorator
@external("theater:simple/timing", "now")
declare function raw_now(): u64;
// @ts-ignore: decorator
@external("theater:simple/timing", "sleep")
declare function raw_sleep(duration: u64, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/timing", "deadline")
declare function raw_deadline(timestamp: u64, ret: usize): void;

/** Milliseconds since the Unix epoch. */
export function now(): u64 {
  return raw_now();
}

/** Pauses the actor for `millis` milliseconds; null on success. */
export function sleep(millis: u64): string | null {
  raw_sleep(millis, IMPORT_RET);
  return loadUnitResult(IMPORT_RET);
}

/** Pauses the actor until `timestamp` (milliseconds since the Unix epoch); null on success. */
export function deadline(timestamp: u64): string | null {
  raw_deadline(timestamp, IMPORT_RET);
  return loadUnitResult(IMPORT_RET);
}
