// theater:simple/process-handlers exports: output and exit of the actor's processes (handler "process")
// (export * from "theater-guest/assembly/exports/process" in the entry file; see exports/actor.ts for how a
// trampoline turns an abort into err).

import { EXPORT_RET } from "../abi";
import { dispatchExit, dispatchStderr, dispatchStdout, freeStateResult, storeErr } from "../actor";
import { asyncify_stop_unwind, enter, recover, unwound } from "../unwind";

export function theater$simple$process_handlers$handle_stdout(isSome: u32, ptr: usize, len: usize, pid: u64, data: usize, dataLen: usize): usize {
  const sp = __stack_pointer;
  enter();
  dispatchStdout(isSome, ptr, len, pid, data, dataLen);
  if (unwound()) {
    asyncify_stop_unwind();
    __stack_pointer = sp;
    storeErr(EXPORT_RET, recover());
  }
  return EXPORT_RET;
}

export function cabi_post$theater$simple$process_handlers$handle_stdout(ret: usize): void {
  freeStateResult(ret);
}

export function theater$simple$process_handlers$handle_stderr(isSome: u32, ptr: usize, len: usize, pid: u64, data: usize, dataLen: usize): usize {
  const sp = __stack_pointer;
  enter();
  dispatchStderr(isSome, ptr, len, pid, data, dataLen);
  if (unwound()) {
    asyncify_stop_unwind();
    __stack_pointer = sp;
    storeErr(EXPORT_RET, recover());
  }
  return EXPORT_RET;
}

export function cabi_post$theater$simple$process_handlers$handle_stderr(ret: usize): void {
  freeStateResult(ret);
}

export function theater$simple$process_handlers$handle_exit(isSome: u32, ptr: usize, len: usize, pid: u64, code: i32): usize {
  const sp = __stack_pointer;
  enter();
  dispatchExit(isSome, ptr, len, pid, code);
  if (unwound()) {
    asyncify_stop_unwind();
    __stack_pointer = sp;
    storeErr(EXPORT_RET, recover());
  }
  return EXPORT_RET;
}

export function cabi_post$theater$simple$process_handlers$handle_exit(ret: usize): void {
  freeStateResult(ret);
}
