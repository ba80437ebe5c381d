// theater:simple/actor#init and cabi_realloc: every actor's entry file exports these
// (export * from "theater-guest/assembly/exports/actor").
//
// Each trampoline enters the export, runs the dispatch function (which may be unwound by an abort), and, when it
// was, stops the unwind itself: Asyncify leaves a function that stops unwinds uninstrumented, so the trampoline
// goes on to reset the shadow stack pointer (the unwound frames never restored it) and write err(message).

import { EXPORT_RET } from "../abi";
import { dispatchInit, freeStateResult, storeErr } from "../actor";
import { asyncify_stop_unwind, enter, recover, unwound } from "../unwind";

export { cabi_realloc } from "../abi";

export function theater$simple$actor$init(isSome: u32, ptr: usize, len: usize): usize {
  const sp = __stack_pointer;
  enter();
  dispatchInit(isSome, ptr, len);
  if (unwound()) {
    asyncify_stop_unwind();
    __stack_pointer = sp;
    storeErr(EXPORT_RET, recover());
  }
  return EXPORT_RET;
}

export function cabi_post$theater$simple$actor$init(ret: usize): void {
  freeStateResult(ret);
}
