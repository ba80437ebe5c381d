// theater:simple/supervisor-handlers exports: the actor hears about its children (handler "supervisor")
// (export * from "theater-guest/assembly/exports/supervisor" in the entry file; see exports/actor.ts for how a
// trampoline turns an abort into err).

import { EXPORT_RET } from "../abi";
import { dispatchChildError, dispatchChildExit, dispatchChildExternalStop, freeStateResult, storeErr } from "../actor";
import { asyncify_stop_unwind, enter, recover, unwound } from "../unwind";

export function theater$simple$supervisor_handlers$handle_child_error(isSome: u32, ptr: usize, len: usize, id: usize, idLen: usize, errorType: u32, dataIsSome: u32, data: usize, dataLen: usize): usize {
  const sp = __stack_pointer;
  enter();
  dispatchChildError(isSome, ptr, len, id, idLen, errorType, dataIsSome, data, dataLen);
  if (unwound()) {
    asyncify_stop_unwind();
    __stack_pointer = sp;
    storeErr(EXPORT_RET, recover());
  }
  return EXPORT_RET;
}

export function cabi_post$theater$simple$supervisor_handlers$handle_child_error(ret: usize): void {
  freeStateResult(ret);
}

export function theater$simple$supervisor_handlers$handle_child_exit(isSome: u32, ptr: usize, len: usize, id: usize, idLen: usize, dataIsSome: u32, data: usize, dataLen: usize): usize {
  const sp = __stack_pointer;
  enter();
  dispatchChildExit(isSome, ptr, len, id, idLen, dataIsSome, data, dataLen);
  if (unwound()) {
    asyncify_stop_unwind();
    __stack_pointer = sp;
    storeErr(EXPORT_RET, recover());
  }
  return EXPORT_RET;
}

export function cabi_post$theater$simple$supervisor_handlers$handle_child_exit(ret: usize): void {
  freeStateResult(ret);
}

export function theater$simple$supervisor_handlers$handle_child_external_stop(isSome: u32, ptr: usize, len: usize, id: usize, idLen: usize): usize {
  const sp = __stack_pointer;
  enter();
  dispatchChildExternalStop(isSome, ptr, len, id, idLen);
  if (unwound()) {
    asyncify_stop_unwind();
    __stack_pointer = sp;
    storeErr(EXPORT_RET, recover());
  }
  return EXPORT_RET;
}

export function cabi_post$theater$simple$supervisor_handlers$handle_child_external_stop(ret: usize): void {
  freeStateResult(ret);
}
