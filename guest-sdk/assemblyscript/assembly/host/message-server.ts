// theater:simple/message-server-host: messages, requests and channels to other actors (handler "message-server").
// An address is an actor id. Functions returning string | null return null on success and the error otherwise.

import { IMPORT_RET, loadBytes, loadResult, loadString, loadStringList, loadUnitResult, Result, Utf8 } from "../abi";
import { ChannelId, RequestId } from "../types";

// @ts-ignore: decorator
@external("theater:simple/message-server-host", "send")
declare function raw_send(to: usize, toLen: usize, msg: usize, msgLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/message-server-host", "request")
declare function raw_request(to: usize, toLen: usize, msg: usize, msgLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/message-server-host", "open-channel")
declare function raw_open_channel(to: usize, toLen: usize, msg: usize, msgLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/message-server-host", "send-on-channel")
declare function raw_send_on_channel(channel: usize, channelLen: usize, msg: usize, msgLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/message-server-host", "close-channel")
declare function raw_close_channel(channel: usize, channelLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/message-server-host", "list-outstanding-requests")
declare function raw_list_outstanding_requests(ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/message-server-host", "respond-to-request")
declare function raw_respond_to_request(id: usize, idLen: usize, msg: usize, msgLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/message-server-host", "cancel-request")
declare function raw_cancel_request(id: usize, idLen: usize, ret: usize): void;

/** Sends a one-way message; null once it is in the recipient's mailbox, else the error. */
export function send(to: string, msg: Uint8Array): string | null {
  const t = new Utf8(to);
  raw_send(t.ptr, t.len, msg.dataStart, <usize>msg.length, IMPORT_RET);
  t.free();
  return loadUnitResult(IMPORT_RET);
}

/** Sends a request and waits for the response. */
export function request(to: string, msg: Uint8Array): Result<Uint8Array> {
  const t = new Utf8(to);
  raw_request(t.ptr, t.len, msg.dataStart, <usize>msg.length, IMPORT_RET);
  t.free();
  return loadResult<Uint8Array>(IMPORT_RET, 4, loadBytes);
}

/** Opens a channel with a first message; the channel's id once the other actor accepts. */
export function openChannel(to: string, msg: Uint8Array): Result<ChannelId> {
  const t = new Utf8(to);
  raw_open_channel(t.ptr, t.len, msg.dataStart, <usize>msg.length, IMPORT_RET);
  t.free();
  return loadResult<string>(IMPORT_RET, 4, loadString);
}

/** Sends a message on an open channel; null on success. */
export function sendOnChannel(channel: ChannelId, msg: Uint8Array): string | null {
  const c = new Utf8(channel);
  raw_send_on_channel(c.ptr, c.len, msg.dataStart, <usize>msg.length, IMPORT_RET);
  c.free();
  return loadUnitResult(IMPORT_RET);
}

/** Closes an open channel; null on success. */
export function closeChannel(channel: ChannelId): string | null {
  const c = new Utf8(channel);
  raw_close_channel(c.ptr, c.len, IMPORT_RET);
  c.free();
  return loadUnitResult(IMPORT_RET);
}

/** The requests this actor received and has not answered yet. */
export function listOutstandingRequests(): Array<RequestId> {
  raw_list_outstanding_requests(IMPORT_RET);
  return loadStringList(IMPORT_RET);
}

/** Answers an outstanding request (one whose handleRequest returned null); null on success. */
export function respondToRequest(id: RequestId, response: Uint8Array): string | null {
  const i = new Utf8(id);
  raw_respond_to_request(i.ptr, i.len, response.dataStart, <usize>response.length, IMPORT_RET);
  i.free();
  return loadUnitResult(IMPORT_RET);
}

/** Drops an outstanding request; its sender receives an error. Null on success. */
export function cancelRequest(id: RequestId): string | null {
  const i = new Utf8(id);
  raw_cancel_request(i.ptr, i.len, IMPORT_RET);
  i.free();
  return loadUnitResult(IMPORT_RET);
}
