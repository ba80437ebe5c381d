// An abort (a `throw`, a failed assertion, an out-of-range index) becomes the export's `err` result.
//
// WebAssembly 1.0 has no exceptions, and AssemblyScript compiles `throw` to a call of `abort`, which normally traps.
// The SDK's transform makes `abort` call theaterAbort below. Inside an export it keeps the message and starts an
// *unwind*: the transform applies Binaryen's Asyncify, which makes every function that can reach an abort return
// at once while an unwind is under way, up to the export's trampoline (exports/*.ts). The trampoline stops the
// unwind, resets the shadow stack, and returns err("<message> (<file>:<line>:<column>)"). No code of the unwound
// frames runs on the way; the collector frees what they held.
//
// Asyncify records each unwound frame in spare memory at the end of linear memory (at least 64 KiB, grown when
// needed): a stack too deep to fit traps at the end of memory instead of overwriting anything. The region is
// reused while it stays at the end; when the heap has grown past it, a fresh one is taken (the heap grows by
// doubling, so this happens a few times at most).

@external("asyncify", "start_unwind")
declare function asyncify_start_unwind(data: usize): void;

/** Stops an unwind: called directly by each export trampoline, which Asyncify therefore leaves uninstrumented. */
// @ts-ignore: decorator
@external("asyncify", "stop_unwind")
export declare function asyncify_stop_unwind(): void;

const UNWIND_DATA: usize = memory.data(8, 4);
const UNWIND_SPACE: usize = 64 * 1024;

let catching = false;
let unwinding = false;
let formatting = false;
let message: string | null = null;
let regionStart: usize = 0;
let regionEnd: usize = 0;

/** Enters an export: puts things back after a call that trapped. */
export function enter(): void {
  if (unwinding) {
    store<u32>(UNWIND_DATA, load<u32>(UNWIND_DATA, 4));
    asyncify_stop_unwind();
    unwinding = false;
  }
  formatting = false;
  message = null;
  catching = true;
}

/** True when the handler the trampoline called was unwound by an abort. */
export function unwound(): bool {
  catching = false;
  return unwinding;
}

/**
 * After asyncify_stop_unwind: the abort's message. The trampoline itself resets the shadow stack pointer to the
 * value it read on entry (a callee with a frame of its own would add that frame on return).
 */
export function recover(): string {
  unwinding = false;
  const m = message;
  message = null;
  return m !== null ? m : "aborted";
}

function spare(): bool {
  const end = <usize>memory.size() << 16;
  if (regionEnd == end && regionEnd - regionStart >= UNWIND_SPACE) return true;
  const pages = <i32>((UNWIND_SPACE + 0xffff) >>> 16);
  if (memory.grow(pages) < 0) return false;
  regionStart = end;
  regionEnd = <usize>memory.size() << 16;
  return true;
}

function startUnwind(): void {
  if (!spare()) return;
  store<u32>(UNWIND_DATA, <u32>regionStart);
  store<u32>(UNWIND_DATA, <u32>regionEnd, 4);
  unwinding = true;
  asyncify_start_unwind(UNWIND_DATA);
}

/** What `abort` calls (the transform points it here). */
export function theaterAbort(msg: string | null, fileName: string | null, line: u32, column: u32): void {
  if (catching && !unwinding && !formatting) {
    formatting = true;
    let m = msg !== null ? msg : "abort";
    if (fileName !== null) m += " (" + fileName + ":" + line.toString() + ":" + column.toString() + ")";
    message = m;
    formatting = false;
    // When the unwind starts, Asyncify returns from here at once; should startUnwind be inlined here (then this
    // function is Asyncify's runtime and is not instrumented), the check below returns instead.
    startUnwind();
    if (unwinding) return;
  }
  unreachable();
}
