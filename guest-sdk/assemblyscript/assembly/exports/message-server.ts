// theater:simple/message-server-client exports: the actor receives messages, requests and channels (handler "message-server")
// (export * from "theater-guest/assembly/exports/message-server" in the entry file; see exports/actor.ts for how a
// trampoline turns an abort into err).

import { EXPORT_RET } from "../abi";
import { dispatchChannelClose, dispatchChannelMessage, dispatchChannelOpen, dispatchRequest, dispatchSend, freeChannelOpenResult, freeRequestResult, freeStateResult, storeErr } from "../actor";
import { asyncify_stop_unwind, enter, recover, unwound } from "../unwind";

export function theater$simple$message_server_client$handle_send(isSome: u32, ptr: usize, len: usize, msg: usize, msgLen: usize): usize {
  const sp = __stack_pointer;
  enter();
  dispatchSend(isSome, ptr, len, msg, msgLen);
  if (unwound()) {
    asyncify_stop_unwind();
    __stack_pointer = sp;
    storeErr(EXPORT_RET, recover());
  }
  return EXPORT_RET;
}

export function cabi_post$theater$simple$message_server_client$handle_send(ret: usize): void {
  freeStateResult(ret);
}

export function theater$simple$message_server_client$handle_request(isSome: u32, ptr: usize, len: usize, id: usize, idLen: usize, msg: usize, msgLen: usize): usize {
  const sp = __stack_pointer;
  enter();
  dispatchRequest(isSome, ptr, len, id, idLen, msg, msgLen);
  if (unwound()) {
    asyncify_stop_unwind();
    __stack_pointer = sp;
    storeErr(EXPORT_RET, recover());
  }
  return EXPORT_RET;
}

export function cabi_post$theater$simple$message_server_client$handle_request(ret: usize): void {
  freeRequestResult(ret);
}

export function theater$simple$message_server_client$handle_channel_open(isSome: u32, ptr: usize, len: usize, id: usize, idLen: usize, msg: usize, msgLen: usize): usize {
  const sp = __stack_pointer;
  enter();
  dispatchChannelOpen(isSome, ptr, len, id, idLen, msg, msgLen);
  if (unwound()) {
    asyncify_stop_unwind();
    __stack_pointer = sp;
    storeErr(EXPORT_RET, recover());
  }
  return EXPORT_RET;
}

export function cabi_post$theater$simple$message_server_client$handle_channel_open(ret: usize): void {
  freeChannelOpenResult(ret);
}

export function theater$simple$message_server_client$handle_channel_message(isSome: u32, ptr: usize, len: usize, id: usize, idLen: usize, msg: usize, msgLen: usize): usize {
  const sp = __stack_pointer;
  enter();
  dispatchChannelMessage(isSome, ptr, len, id, idLen, msg, msgLen);
  if (unwound()) {
    asyncify_stop_unwind();
    __stack_pointer = sp;
    storeErr(EXPORT_RET, recover());
  }
  return EXPORT_RET;
}

export function cabi_post$theater$simple$message_server_client$handle_channel_message(ret: usize): void {
  freeStateResult(ret);
}

export function theater$simple$message_server_client$handle_channel_close(isSome: u32, ptr: usize, len: usize, id: usize, idLen: usize): usize {
  const sp = __stack_pointer;
  enter();
  dispatchChannelClose(isSome, ptr, len, id, idLen);
  if (unwound()) {
    asyncify_stop_unwind();
    __stack_pointer = sp;
    storeErr(EXPORT_RET, recover());
  }
  return EXPORT_RET;
}

export function cabi_post$theater$simple$message_server_client$handle_channel_close(ret: usize): void {
  freeStateResult(ret);
}
