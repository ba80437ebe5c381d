// The actor base class and what the export trampolines (exports/*.ts) call.
//
// Every export receives the actor's state from the host: the SDK creates a fresh actor object with the factory
// given to register(), restores it with load(state), calls the handler, and hands the new state back with save().
// A handler fails the call by throwing (`throw new Error("why")`): the call's result is err, and the host keeps
// the state it had.

import {
  EXPORT_RET, freeList, freeOptionBytes, freeString, liftBytes, liftOptionBytes, liftOptionString, liftString,
  storeList, storeOptionBytes, storeString,
} from "./abi";
import {
  freeHttpResponse, freeMiddlewareResult, freeWebsocketMessage, HttpRequest, HttpResponse, liftWebsocketMessage,
  loadHeaders, MiddlewareResult, storeHttpResponse, storeMiddlewareResult, storeWebsocketMessage, WebsocketMessage,
} from "./host/http-types";
import { ActorError, ChannelAccept, freeChannelAccept, liftErrorType, storeChannelAccept } from "./types";

/** An actor. Override init, load and save, and the handlers of the interfaces you export. */
export abstract class Actor {
  /** Starts (or restarts) the actor: state is the manifest's init_state, the spawn's init bytes, or the saved state. */
  init(state: Uint8Array | null): void {}

  /** Restores the actor from the bytes save() produced (empty when the host holds no state). */
  abstract load(state: Uint8Array): void;

  /** The bytes the host keeps until the next call. */
  abstract save(): Uint8Array;

  // theater:simple/message-server-client (export with exports/message-server)

  /** A one-way message. The default refuses it. */
  handleSend(msg: Uint8Array): void {
    throw new Error("this actor does not handle one-way messages: override handleSend");
  }

  /** A request: bytes answer now; null answers later with messageServer.respondToRequest. The default refuses it. */
  handleRequest(requestId: string, msg: Uint8Array): Uint8Array | null {
    throw new Error("this actor does not handle requests: override handleRequest");
  }

  /** A channel being opened to this actor. The default refuses the channel. */
  handleChannelOpen(channel: string, msg: Uint8Array): ChannelAccept {
    return ChannelAccept.reject();
  }

  /** A message on an open channel. The default ignores it. */
  handleChannelMessage(channel: string, msg: Uint8Array): void {}

  /** The other end closed a channel. The default ignores it. */
  handleChannelClose(channel: string): void {}

  // theater:simple/supervisor-handlers (export with exports/supervisor)

  /** A child failed (a trap, a timeout, an err result or an abort; the message is error.message). */
  handleChildError(child: string, error: ActorError): void {}

  /** A child stopped by itself, with its final data. */
  handleChildExit(child: string, data: Uint8Array | null): void {}

  /** A child was stopped from outside. */
  handleChildExternalStop(child: string): void {}

  // theater:simple/process-handlers (export with exports/process)

  handleStdout(pid: u64, data: Uint8Array): void {}

  handleStderr(pid: u64, data: Uint8Array): void {}

  handleExit(pid: u64, code: i32): void {}

  // theater:simple/http-handlers (export with exports/http)

  /** A request routed to one of this actor's handlers. The default answers 404. */
  handleHttpRequest(handler: u64, request: HttpRequest): HttpResponse {
    return HttpResponse.text(404, "not found");
  }

  /** A middleware handler's verdict on a request. The default lets it through unchanged. */
  handleMiddleware(handler: u64, request: HttpRequest): MiddlewareResult {
    return new MiddlewareResult(true, request);
  }

  handleWebsocketConnect(handler: u64, connection: u64, path: string, protocol: string | null): void {}

  /** A WebSocket message; returns the messages to send back. */
  handleWebsocketMessage(handler: u64, connection: u64, message: WebsocketMessage): Array<WebsocketMessage> {
    return new Array<WebsocketMessage>();
  }

  handleWebsocketDisconnect(handler: u64, connection: u64): void {}
}

let factory: (() => Actor) | null = null;

/** Names the actor class: register(() => new MyActor()) at the top level of the entry file. */
export function register(create: () => Actor): void {
  factory = create;
}

function create(): Actor {
  const f = factory;
  if (f === null) throw new Error("no actor is registered: call register(() => new MyActor()) in the entry file");
  return f();
}

function restore(isSome: u32, ptr: usize, len: usize): Actor {
  const state = liftOptionBytes(isSome, ptr, len);
  const actor = create();
  actor.load(state !== null ? state : new Uint8Array(0));
  return actor;
}

// ---- results (disc at 0, payload at 4; an err is a string at 4) ----

/** err(message) in a return area. */
export function storeErr(dst: usize, message: string): void {
  store<u8>(dst, 1);
  storeString(dst + 4, message);
}

/** result<tuple<option<list<u8>>>, string> (16 bytes). */
function storeState(dst: usize, actor: Actor): void {
  store<u8>(dst, 0);
  storeOptionBytes(dst + 4, actor.save());
}

function freeErrOr(src: usize): bool {
  if (load<u8>(src) == 0) return false;
  freeString(src + 4);
  return true;
}

export function freeStateResult(src: usize): void {
  if (!freeErrOr(src)) freeOptionBytes(src + 4);
}

// The state-and-value results: tuple<option<list<u8>>, tuple<T>>, the state at 4, the value at 16.

export function freeRequestResult(src: usize): void {
  if (freeErrOr(src)) return;
  freeOptionBytes(src + 4);
  freeOptionBytes(src + 16);
}

export function freeChannelOpenResult(src: usize): void {
  if (freeErrOr(src)) return;
  freeOptionBytes(src + 4);
  freeChannelAccept(src + 16);
}

export function freeHttpRequestResult(src: usize): void {
  if (freeErrOr(src)) return;
  freeOptionBytes(src + 4);
  freeHttpResponse(src + 16);
}

export function freeMiddlewareResultResult(src: usize): void {
  if (freeErrOr(src)) return;
  freeOptionBytes(src + 4);
  freeMiddlewareResult(src + 16);
}

export function freeWebsocketMessageResult(src: usize): void {
  if (freeErrOr(src)) return;
  freeOptionBytes(src + 4);
  freeList(src + 16, 36, freeWebsocketMessage);
}

// ---- dispatch: lift the parameters, run the handler, lower the result into EXPORT_RET ----

export function dispatchInit(isSome: u32, ptr: usize, len: usize): void {
  const state = liftOptionBytes(isSome, ptr, len);
  const actor = create();
  actor.init(state);
  storeState(EXPORT_RET, actor);
}

export function dispatchSend(isSome: u32, ptr: usize, len: usize, m: usize, mLen: usize): void {
  const actor = restore(isSome, ptr, len);
  actor.handleSend(liftBytes(m, mLen));
  storeState(EXPORT_RET, actor);
}

export function dispatchRequest(isSome: u32, ptr: usize, len: usize, id: usize, idLen: usize, m: usize, mLen: usize): void {
  const actor = restore(isSome, ptr, len);
  const reply = actor.handleRequest(liftString(id, idLen), liftBytes(m, mLen));
  storeState(EXPORT_RET, actor);
  storeOptionBytes(EXPORT_RET + 16, reply);
}

export function dispatchChannelOpen(isSome: u32, ptr: usize, len: usize, id: usize, idLen: usize, m: usize, mLen: usize): void {
  const actor = restore(isSome, ptr, len);
  const accept = actor.handleChannelOpen(liftString(id, idLen), liftBytes(m, mLen));
  storeState(EXPORT_RET, actor);
  storeChannelAccept(EXPORT_RET + 16, accept);
}

export function dispatchChannelMessage(isSome: u32, ptr: usize, len: usize, id: usize, idLen: usize, m: usize, mLen: usize): void {
  const actor = restore(isSome, ptr, len);
  actor.handleChannelMessage(liftString(id, idLen), liftBytes(m, mLen));
  storeState(EXPORT_RET, actor);
}

export function dispatchChannelClose(isSome: u32, ptr: usize, len: usize, id: usize, idLen: usize): void {
  const actor = restore(isSome, ptr, len);
  actor.handleChannelClose(liftString(id, idLen));
  storeState(EXPORT_RET, actor);
}

export function dispatchChildError(
  isSome: u32, ptr: usize, len: usize, id: usize, idLen: usize, errorType: u32, dataIsSome: u32, data: usize, dataLen: usize,
): void {
  const actor = restore(isSome, ptr, len);
  const child = liftString(id, idLen);
  const error = new ActorError(liftErrorType(errorType), liftOptionBytes(dataIsSome, data, dataLen));
  actor.handleChildError(child, error);
  storeState(EXPORT_RET, actor);
}

export function dispatchChildExit(isSome: u32, ptr: usize, len: usize, id: usize, idLen: usize, dataIsSome: u32, data: usize, dataLen: usize): void {
  const actor = restore(isSome, ptr, len);
  const child = liftString(id, idLen);
  actor.handleChildExit(child, liftOptionBytes(dataIsSome, data, dataLen));
  storeState(EXPORT_RET, actor);
}

export function dispatchChildExternalStop(isSome: u32, ptr: usize, len: usize, id: usize, idLen: usize): void {
  const actor = restore(isSome, ptr, len);
  actor.handleChildExternalStop(liftString(id, idLen));
  storeState(EXPORT_RET, actor);
}

export function dispatchStdout(isSome: u32, ptr: usize, len: usize, pid: u64, d: usize, dLen: usize): void {
  const actor = restore(isSome, ptr, len);
  actor.handleStdout(pid, liftBytes(d, dLen));
  storeState(EXPORT_RET, actor);
}

export function dispatchStderr(isSome: u32, ptr: usize, len: usize, pid: u64, d: usize, dLen: usize): void {
  const actor = restore(isSome, ptr, len);
  actor.handleStderr(pid, liftBytes(d, dLen));
  storeState(EXPORT_RET, actor);
}

export function dispatchExit(isSome: u32, ptr: usize, len: usize, pid: u64, code: i32): void {
  const actor = restore(isSome, ptr, len);
  actor.handleExit(pid, code);
  storeState(EXPORT_RET, actor);
}

function liftRequest(
  method: usize, methodLen: usize, uri: usize, uriLen: usize, headers: usize, headersLen: usize,
  bodyIsSome: u32, body: usize, bodyLen: usize,
): HttpRequest {
  const m = liftString(method, methodLen);
  const u = liftString(uri, uriLen);
  const h = loadHeaders(headers, headersLen);
  return new HttpRequest(m, u, h, liftOptionBytes(bodyIsSome, body, bodyLen));
}

export function dispatchHttpRequest(
  isSome: u32, ptr: usize, len: usize, handler: u64, method: usize, methodLen: usize, uri: usize, uriLen: usize,
  headers: usize, headersLen: usize, bodyIsSome: u32, body: usize, bodyLen: usize,
): void {
  const actor = restore(isSome, ptr, len);
  const request = liftRequest(method, methodLen, uri, uriLen, headers, headersLen, bodyIsSome, body, bodyLen);
  const response = actor.handleHttpRequest(handler, request);
  storeState(EXPORT_RET, actor);
  storeHttpResponse(EXPORT_RET + 16, response);
}

export function dispatchMiddleware(
  isSome: u32, ptr: usize, len: usize, handler: u64, method: usize, methodLen: usize, uri: usize, uriLen: usize,
  headers: usize, headersLen: usize, bodyIsSome: u32, body: usize, bodyLen: usize,
): void {
  const actor = restore(isSome, ptr, len);
  const request = liftRequest(method, methodLen, uri, uriLen, headers, headersLen, bodyIsSome, body, bodyLen);
  const verdict = actor.handleMiddleware(handler, request);
  storeState(EXPORT_RET, actor);
  storeMiddlewareResult(EXPORT_RET + 16, verdict);
}

export function dispatchWebsocketConnect(
  isSome: u32, ptr: usize, len: usize, handler: u64, connection: u64, path: usize, pathLen: usize,
  protocolIsSome: u32, protocol: usize, protocolLen: usize,
): void {
  const actor = restore(isSome, ptr, len);
  const p = liftString(path, pathLen);
  actor.handleWebsocketConnect(handler, connection, p, liftOptionString(protocolIsSome, protocol, protocolLen));
  storeState(EXPORT_RET, actor);
}

export function dispatchWebsocketMessage(
  isSome: u32, ptr: usize, len: usize, handler: u64, connection: u64, ty: u32, other: usize, otherLen: usize,
  dataIsSome: u32, data: usize, dataLen: usize, textIsSome: u32, text: usize, textLen: usize,
): void {
  const actor = restore(isSome, ptr, len);
  const message = liftWebsocketMessage(ty, other, otherLen, dataIsSome, data, dataLen, textIsSome, text, textLen);
  const replies = actor.handleWebsocketMessage(handler, connection, message);
  storeState(EXPORT_RET, actor);
  storeList<WebsocketMessage>(EXPORT_RET + 16, replies, 36, 4, storeWebsocketMessage);
}

export function dispatchWebsocketDisconnect(isSome: u32, ptr: usize, len: usize, handler: u64, connection: u64): void {
  const actor = restore(isSome, ptr, len);
  actor.handleWebsocketDisconnect(handler, connection);
  storeState(EXPORT_RET, actor);
}
