// theater:simple/http-framework: serving HTTP and WebSockets from an actor (handler "http-framework"). Requests
// arrive at the actor's handleHttpRequest and friends (export with exports/http).

import { IMPORT_RET, loadResult, loadUnitResult, Result, Some, Utf8 } from "../abi";
import { loadServerInfo, MessageType, ServerConfig, ServerInfo, WebsocketMessage } from "./http-types";

function loadU64(src: usize): u64 {
  return load<u64>(src);
}

function loadU16(src: usize): u16 {
  return load<u16>(src);
}

// @ts-ignore: decorator
@external("theater:simple/http-framework", "create-server")
declare function raw_create_server(
  portIsSome: u32, port: u32, hostIsSome: u32, host: usize, hostLen: usize,
  tlsIsSome: u32, cert: usize, certLen: usize, key: usize, keyLen: usize, ret: usize,
): void;
// @ts-ignore: decorator
@external("theater:simple/http-framework", "get-server-info")
declare function raw_get_server_info(server: u64, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/http-framework", "start-server")
declare function raw_start_server(server: u64, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/http-framework", "stop-server")
declare function raw_stop_server(server: u64, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/http-framework", "destroy-server")
declare function raw_destroy_server(server: u64, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/http-framework", "register-handler")
declare function raw_register_handler(name: usize, nameLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/http-framework", "add-route")
declare function raw_add_route(server: u64, path: usize, pathLen: usize, method: usize, methodLen: usize, handler: u64, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/http-framework", "remove-route")
declare function raw_remove_route(route: u64, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/http-framework", "add-middleware")
declare function raw_add_middleware(server: u64, path: usize, pathLen: usize, handler: u64, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/http-framework", "remove-middleware")
declare function raw_remove_middleware(middleware: u64, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/http-framework", "enable-websocket")
declare function raw_enable_websocket(
  server: u64, path: usize, pathLen: usize, connectIsSome: u32, connect: u64, message: u64,
  disconnectIsSome: u32, disconnect: u64, ret: usize,
): void;
// @ts-ignore: decorator
@external("theater:simple/http-framework", "send-websocket-message")
declare function raw_send_websocket_message(
  server: u64, connection: u64, ty: u32, other: usize, otherLen: usize, dataIsSome: u32, data: usize, dataLen: usize,
  textIsSome: u32, text: usize, textLen: usize, ret: usize,
): void;
// @ts-ignore: decorator
@external("theater:simple/http-framework", "close-websocket")
declare function raw_close_websocket(server: u64, connection: u64, ret: usize): void;

/** Creates a server (not yet listening); its id. */
export function createServer(config: ServerConfig): Result<u64> {
  const host = config.host;
  const h = host !== null ? new Utf8(host) : null;
  const tls = config.tlsConfig;
  const cert = tls !== null ? new Utf8(tls.certPath) : null;
  const key = tls !== null ? new Utf8(tls.keyPath) : null;
  raw_create_server(
    config.port != 0 ? 1 : 0, <u32>config.port,
    h !== null ? 1 : 0, h !== null ? h.ptr : 0, h !== null ? h.len : 0,
    tls !== null ? 1 : 0, cert !== null ? cert.ptr : 0, cert !== null ? cert.len : 0,
    key !== null ? key.ptr : 0, key !== null ? key.len : 0,
    IMPORT_RET,
  );
  if (h !== null) h.free();
  if (cert !== null) cert.free();
  if (key !== null) key.free();
  return loadResult<u64>(IMPORT_RET, 8, loadU64);
}

/** A server's current state. */
export function getServerInfo(server: u64): Result<ServerInfo> {
  raw_get_server_info(server, IMPORT_RET);
  return loadResult<ServerInfo>(IMPORT_RET, 8, loadServerInfo);
}

/** Starts listening; the bound port. */
export function startServer(server: u64): Result<u16> {
  raw_start_server(server, IMPORT_RET);
  return loadResult<u16>(IMPORT_RET, 4, loadU16);
}

/** Stops listening; null on success. */
export function stopServer(server: u64): string | null {
  raw_stop_server(server, IMPORT_RET);
  return loadUnitResult(IMPORT_RET);
}

/** Stops and forgets a server; null on success. */
export function destroyServer(server: u64): string | null {
  raw_destroy_server(server, IMPORT_RET);
  return loadUnitResult(IMPORT_RET);
}

/** Registers a named handler; the id routes and middleware refer to. */
export function registerHandler(name: string): Result<u64> {
  const n = new Utf8(name);
  raw_register_handler(n.ptr, n.len, IMPORT_RET);
  n.free();
  return loadResult<u64>(IMPORT_RET, 8, loadU64);
}

/** Routes requests with this path and method to a handler; the route's id. */
export function addRoute(server: u64, path: string, method: string, handler: u64): Result<u64> {
  const p = new Utf8(path);
  const m = new Utf8(method);
  raw_add_route(server, p.ptr, p.len, m.ptr, m.len, handler, IMPORT_RET);
  p.free();
  m.free();
  return loadResult<u64>(IMPORT_RET, 8, loadU64);
}

/** Removes a route; null on success. */
export function removeRoute(route: u64): string | null {
  raw_remove_route(route, IMPORT_RET);
  return loadUnitResult(IMPORT_RET);
}

/** Runs a handler as middleware for requests under a path; the middleware's id. */
export function addMiddleware(server: u64, path: string, handler: u64): Result<u64> {
  const p = new Utf8(path);
  raw_add_middleware(server, p.ptr, p.len, handler, IMPORT_RET);
  p.free();
  return loadResult<u64>(IMPORT_RET, 8, loadU64);
}

/** Removes a middleware; null on success. */
export function removeMiddleware(middleware: u64): string | null {
  raw_remove_middleware(middleware, IMPORT_RET);
  return loadUnitResult(IMPORT_RET);
}

/** Accepts WebSocket connections on a path, with handlers for connect, message and disconnect; null on success. */
export function enableWebsocket(
  server: u64, path: string, connect: Some<u64> | null, message: u64, disconnect: Some<u64> | null,
): string | null {
  const p = new Utf8(path);
  raw_enable_websocket(
    server, p.ptr, p.len,
    connect !== null ? 1 : 0, connect !== null ? connect.value : 0,
    message,
    disconnect !== null ? 1 : 0, disconnect !== null ? disconnect.value : 0,
    IMPORT_RET,
  );
  p.free();
  return loadUnitResult(IMPORT_RET);
}

/** Sends a message on a WebSocket connection; null on success. */
export function sendWebsocketMessage(server: u64, connection: u64, message: WebsocketMessage): string | null {
  const other = message.ty == MessageType.Other ? new Utf8(message.other) : null;
  const data = message.data;
  const text = message.text;
  const t = text !== null ? new Utf8(text) : null;
  raw_send_websocket_message(
    server, connection, <u32>message.ty, other !== null ? other.ptr : 0, other !== null ? other.len : 0,
    data !== null ? 1 : 0, data !== null ? data.dataStart : 0, data !== null ? <usize>data.length : 0,
    t !== null ? 1 : 0, t !== null ? t.ptr : 0, t !== null ? t.len : 0,
    IMPORT_RET,
  );
  if (other !== null) other.free();
  if (t !== null) t.free();
  return loadUnitResult(IMPORT_RET);
}

/** Closes a WebSocket connection; null on success. */
export function closeWebsocket(server: u64, connection: u64): string | null {
  raw_close_websocket(server, connection, IMPORT_RET);
  return loadUnitResult(IMPORT_RET);
}
