// theater:simple/http-client: outbound HTTP (handler "http-client").

import { IMPORT_RET, loadResult, lowerStringPairs, Result, Utf8 } from "../abi";
import { HttpRequest, HttpResponse, loadHttpResponse } from "./http-types";

// @ts-ignore: decorator
@external("theater:simple/http-client", "send-http")
declare function raw_send_http(
  method: usize, methodLen: usize, uri: usize, uriLen: usize, headers: usize, headersLen: usize,
  bodyIsSome: u32, body: usize, bodyLen: usize, ret: usize,
): void;

/** Sends a request and returns the response; an error when it could not be sent or no response came. */
export function sendHttp(request: HttpRequest): Result<HttpResponse> {
  const method = new Utf8(request.method);
  const uri = new Utf8(request.uri);
  const headers = lowerStringPairs(request.headers);
  const body = request.body;
  raw_send_http(
    method.ptr, method.len, uri.ptr, uri.len, headers.ptr, headers.len,
    body !== null ? 1 : 0, body !== null ? body.dataStart : 0, body !== null ? <usize>body.length : 0,
    IMPORT_RET,
  );
  method.free();
  uri.free();
  headers.free();
  return loadResult<HttpResponse>(IMPORT_RET, 4, loadHttpResponse);
}
