// theater:simple/http-handlers exports: the actor serves HTTP and WebSockets (handler "http-framework")
// (export * from "theater-guest/assembly/exports/http" in the entry file; see exports/actor.ts for how a
// trampoline turns an abort into err).

import { EXPORT_RET } from "../abi";
import { dispatchHttpRequest, dispatchMiddleware, dispatchWebsocketConnect, dispatchWebsocketDisconnect, dispatchWebsocketMessage, freeHttpRequestResult, freeMiddlewareResultResult, freeStateResult, freeWebsocketMessageResult, storeErr } from "../actor";
import { asyncify_stop_unwind, enter, recover, unwound } from "../unwind";

export function theater$simple$http_handlers$handle_request(isSome: u32, ptr: usize, len: usize, handler: u64, method: usize, methodLen: usize, uri: usize, uriLen: usize, headers: usize, headersLen: usize, bodyIsSome: u32, body: usize, bodyLen: usize): usize {
  const sp = __stack_pointer;
  enter();
  dispatchHttpRequest(isSome, ptr, len, handler, method, methodLen, uri, uriLen, headers, headersLen, bodyIsSome, body, bodyLen);
  if (unwound()) {
    asyncify_stop_unwind();
    __stack_pointer = sp;
    storeErr(EXPORT_RET, recover());
  }
  return EXPORT_RET;
}

export function cabi_post$theater$simple$http_handlers$handle_request(ret: usize): void {
  freeHttpRequestResult(ret);
}

export function theater$simple$http_handlers$handle_middleware(isSome: u32, ptr: usize, len: usize, handler: u64, method: usize, methodLen: usize, uri: usize, uriLen: usize, headers: usize, headersLen: usize, bodyIsSome: u32, body: usize, bodyLen: usize): usize {
  const sp = __stack_pointer;
  enter();
  dispatchMiddleware(isSome, ptr, len, handler, method, methodLen, uri, uriLen, headers, headersLen, bodyIsSome, body, bodyLen);
  if (unwound()) {
    asyncify_stop_unwind();
    __stack_pointer = sp;
    storeErr(EXPORT_RET, recover());
  }
  return EXPORT_RET;
}

export function cabi_post$theater$simple$http_handlers$handle_middleware(ret: usize): void {
  freeMiddlewareResultResult(ret);
}

export function theater$simple$http_handlers$handle_websocket_connect(isSome: u32, ptr: usize, len: usize, handler: u64, connection: u64, path: usize, pathLen: usize, protocolIsSome: u32, protocol: usize, protocolLen: usize): usize {
  const sp = __stack_pointer;
  enter();
  dispatchWebsocketConnect(isSome, ptr, len, handler, connection, path, pathLen, protocolIsSome, protocol, protocolLen);
  if (unwound()) {
    asyncify_stop_unwind();
    __stack_pointer = sp;
    storeErr(EXPORT_RET, recover());
  }
  return EXPORT_RET;
}

export function cabi_post$theater$simple$http_handlers$handle_websocket_connect(ret: usize): void {
  freeStateResult(ret);
}

export function theater$simple$http_handlers$handle_websocket_message(isSome: u32, ptr: usize, len: usize, handler: u64, connection: u64, ty: u32, other: usize, otherLen: usize, dataIsSome: u32, data: usize, dataLen: usize, textIsSome: u32, text: usize, textLen: usize): usize {
  const sp = __stack_pointer;
  enter();
  dispatchWebsocketMessage(isSome, ptr, len, handler, connection, ty, other, otherLen, dataIsSome, data, dataLen, textIsSome, text, textLen);
  if (unwound()) {
    asyncify_stop_unwind();
    __stack_pointer = sp;
    storeErr(EXPORT_RET, recover());
  }
  return EXPORT_RET;
}

export function cabi_post$theater$simple$http_handlers$handle_websocket_message(ret: usize): void {
  freeWebsocketMessageResult(ret);
}

export function theater$simple$http_handlers$handle_websocket_disconnect(isSome: u32, ptr: usize, len: usize, handler: u64, connection: u64): usize {
  const sp = __stack_pointer;
  enter();
  dispatchWebsocketDisconnect(isSome, ptr, len, handler, connection);
  if (unwound()) {
    asyncify_stop_unwind();
    __stack_pointer = sp;
    storeErr(EXPORT_RET, recover());
  }
  return EXPORT_RET;
}

export function cabi_post$theater$simple$http_handlers$handle_websocket_disconnect(ret: usize): void {
  freeStateResult(ret);
}
