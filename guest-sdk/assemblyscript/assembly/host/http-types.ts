// The types of theater:simple/http-types and theater:simple/websocket-types, with their canonical layouts.

import {
  freeList, freeOptionBytes, freeString, freeStringPair, liftList, liftOptionBytes, liftOptionString, liftString,
  loadOptionBytes, loadOptionString, loadString, loadStringPair, loadStringPairs, storeList, storeOptionBytes,
  storeOptionString, storeString, storeStringPair, StringPair, utf8, violation,
} from "../abi";

/** An HTTP request (record http-request: 36 bytes, align 4). Headers are (name, value) pairs in order. */
export class HttpRequest {
  constructor(
    public method: string,
    public uri: string,
    public headers: Array<StringPair> = new Array<StringPair>(),
    public body: Uint8Array | null = null,
  ) {}
}

/** An HTTP response (record http-response: 24 bytes, align 4). */
export class HttpResponse {
  constructor(
    public status: u16,
    public headers: Array<StringPair> = new Array<StringPair>(),
    public body: Uint8Array | null = null,
  ) {}

  /** A response with a text/plain body. */
  static text(status: u16, body: string): HttpResponse {
    const headers = new Array<StringPair>();
    headers.push(new StringPair("content-type", "text/plain; charset=utf-8"));
    return new HttpResponse(status, headers, utf8(body));
  }
}

/** The TLS files of a server. */
export class TlsConfig {
  constructor(public certPath: string, public keyPath: string) {}
}

/** How to create a server; a port of 0 or none picks a free one. */
export class ServerConfig {
  constructor(public port: u16 = 0, public host: string | null = null, public tlsConfig: TlsConfig | null = null) {}
}

/** What a server looks like now (record server-info: 40 bytes, align 8). */
export class ServerInfo {
  constructor(
    public id: u64,
    public port: u16,
    public host: string,
    public running: bool,
    public routesCount: u32,
    public middlewareCount: u32,
    public websocketEnabled: bool,
  ) {}
}

/** A middleware's verdict: go on with the (possibly changed) request, or stop. */
export class MiddlewareResult {
  constructor(public proceed: bool, public request: HttpRequest) {}
}

/** The kind of a WebSocket message (variant message-type; `other` carries a name). */
export enum MessageType {
  Text = 0,
  Binary = 1,
  Connect = 2,
  Close = 3,
  Ping = 4,
  Pong = 5,
  Other = 6,
}

/** A WebSocket message (record websocket-message: 36 bytes, align 4): text for text frames, data for binary ones. */
export class WebsocketMessage {
  constructor(
    public ty: MessageType,
    public data: Uint8Array | null = null,
    public text: string | null = null,
    public other: string = "",
  ) {}

  static text(text: string): WebsocketMessage {
    return new WebsocketMessage(MessageType.Text, null, text);
  }

  static binary(data: Uint8Array): WebsocketMessage {
    return new WebsocketMessage(MessageType.Binary, data, null);
  }
}

// ---- layouts ----

export function loadHeaders(ptr: usize, len: usize): Array<StringPair> {
  return liftList<StringPair>(ptr, len, 16, loadStringPair);
}

export function loadHttpRequest(src: usize): HttpRequest {
  const method = loadString(src);
  const uri = loadString(src + 8);
  const headers = loadStringPairs(src + 16);
  return new HttpRequest(method, uri, headers, loadOptionBytes(src + 24));
}

export function storeHttpRequest(dst: usize, v: HttpRequest): void {
  storeString(dst, v.method);
  storeString(dst + 8, v.uri);
  storeList<StringPair>(dst + 16, v.headers, 16, 4, storeStringPair);
  storeOptionBytes(dst + 24, v.body);
}

export function freeHttpRequest(src: usize): void {
  freeString(src);
  freeString(src + 8);
  freeList(src + 16, 16, freeStringPair);
  freeOptionBytes(src + 24);
}

export function loadHttpResponse(src: usize): HttpResponse {
  const status = load<u16>(src);
  const headers = loadStringPairs(src + 4);
  return new HttpResponse(status, headers, loadOptionBytes(src + 12));
}

export function storeHttpResponse(dst: usize, v: HttpResponse): void {
  store<u16>(dst, v.status);
  storeList<StringPair>(dst + 4, v.headers, 16, 4, storeStringPair);
  storeOptionBytes(dst + 12, v.body);
}

export function freeHttpResponse(src: usize): void {
  freeList(src + 4, 16, freeStringPair);
  freeOptionBytes(src + 12);
}

export function loadServerInfo(src: usize): ServerInfo {
  const id = load<u64>(src);
  const port = load<u16>(src, 8);
  const host = loadString(src + 12);
  return new ServerInfo(id, port, host, load<u8>(src, 20) != 0, load<u32>(src, 24), load<u32>(src, 28), load<u8>(src, 32) != 0);
}

export function storeMiddlewareResult(dst: usize, v: MiddlewareResult): void {
  store<u8>(dst, v.proceed ? 1 : 0);
  storeHttpRequest(dst + 4, v.request);
}

export function freeMiddlewareResult(src: usize): void {
  freeHttpRequest(src + 4);
}

export function liftMessageType(ty: u32): MessageType {
  if (ty > 6) violation("message-type discriminant " + ty.toString() + " is out of range");
  return <MessageType>ty;
}

/** A websocket-message from its flat form (9 values). */
export function liftWebsocketMessage(
  ty: u32, other: usize, otherLen: usize, dataIsSome: u32, data: usize, dataLen: usize,
  textIsSome: u32, text: usize, textLen: usize,
): WebsocketMessage {
  const kind = liftMessageType(ty);
  const name = kind == MessageType.Other ? liftString(other, otherLen) : "";
  const d = liftOptionBytes(dataIsSome, data, dataLen);
  return new WebsocketMessage(kind, d, liftOptionString(textIsSome, text, textLen), name);
}

export function storeWebsocketMessage(dst: usize, v: WebsocketMessage): void {
  store<u8>(dst, <u8>v.ty);
  if (v.ty == MessageType.Other) storeString(dst + 4, v.other);
  storeOptionBytes(dst + 12, v.data);
  storeOptionString(dst + 24, v.text);
}

export function freeWebsocketMessage(src: usize): void {
  if (load<u8>(src) == <u8>MessageType.Other) freeString(src + 4);
  freeOptionBytes(src + 12);
  if (load<u8>(src, 24) == 1) freeString(src + 28);
}

export function loadWebsocketMessage(src: usize): WebsocketMessage {
  const kind = liftMessageType(load<u8>(src));
  const name = kind == MessageType.Other ? loadString(src + 4) : "";
  const d = loadOptionBytes(src + 12);
  return new WebsocketMessage(kind, d, loadOptionString(src + 24), name);
}
