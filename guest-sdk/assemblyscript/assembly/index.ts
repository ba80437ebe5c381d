// theater-guest: write Theater actors in AssemblyScript.
//
//   import { Actor, register, runtime } from "theater-guest/assembly";
//   class Hello extends Actor { ... }
//   register((): Actor => new Hello());
//   export * from "theater-guest/assembly/exports/actor";          // init and cabi_realloc: every actor
//   export * from "theater-guest/assembly/exports/message-server"; // and the interfaces it handles
//
// Compile with the SDK's transform: asc ... --transform theater-guest/transform/index.js (README.md).

export { Actor, register } from "./actor";
export { Result, Some, StringPair, text, utf8 } from "./abi";
export { Reader, Writer } from "./state";
export { ActorError, ActorId, ChainEvent, ChannelAccept, ChannelId, RequestId, WitErrorType } from "./types";
export {
  HttpRequest, HttpResponse, MessageType, MiddlewareResult, ServerConfig, ServerInfo, TlsConfig, WebsocketMessage,
} from "./host/http-types";
export { ContentRef } from "./host/store";
export { OutputMode, ProcessConfig, ProcessStatus } from "./host/process";
export { CommandResult } from "./host/filesystem";

import * as environment from "./host/environment";
import * as filesystem from "./host/filesystem";
import * as httpClient from "./host/http-client";
import * as httpFramework from "./host/http-framework";
import * as messageServer from "./host/message-server";
import * as process from "./host/process";
import * as random from "./host/random";
import * as runtime from "./host/runtime";
import * as store from "./host/store";
import * as supervisor from "./host/supervisor";
import * as timing from "./host/timing";

export { environment, filesystem, httpClient, httpFramework, messageServer, process, random, runtime, store, supervisor, timing };
