// theater:simple/random: randomness (plugin handler "random"; a seeded handler records its seed in the chain).

import { IMPORT_RET, loadBytes, loadResult, loadString, Result } from "../abi";

function loadU64(src: usize): u64 {
  return load<u64>(src);
}

function loadF64(src: usize): f64 {
  return load<f64>(src);
}

// @ts-ignore: decorator
@external("theater:simple/random", "random-bytes")
declare function raw_random_bytes(length: u32, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/random", "random-range")
declare function raw_random_range(min: u64, max: u64, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/random", "random-float")
declare function raw_random_float(ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/random", "generate-uuid")
declare function raw_generate_uuid(ret: usize): void;

/** `length` random bytes. */
export function randomBytes(length: u32): Result<Uint8Array> {
  raw_random_bytes(length, IMPORT_RET);
  return loadResult<Uint8Array>(IMPORT_RET, 4, loadBytes);
}

/** A random number in [min, max). */
export function randomRange(min: u64, max: u64): Result<u64> {
  raw_random_range(min, max, IMPORT_RET);
  return loadResult<u64>(IMPORT_RET, 8, loadU64);
}

/** A random number in [0, 1). */
export function randomFloat(): Result<f64> {
  raw_random_float(IMPORT_RET);
  return loadResult<f64>(IMPORT_RET, 8, loadF64);
}

/** A random (version 4) UUID. */
export function generateUuid(): Result<string> {
  raw_generate_uuid(IMPORT_RET);
  return loadResult<string>(IMPORT_RET, 4, loadString);
}
