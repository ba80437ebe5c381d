// Calls every host function the AssemblyScript SDK wraps, so that each one is an import of this module:
// GuestSdkTest checks every import's core type against the WIT signature the runtime links it with. It is never run.

import {
  Actor, ContentRef, environment, filesystem, HttpRequest, httpClient, httpFramework, messageServer, process,
  ProcessConfig, random, register, runtime, ServerConfig, Some, store, StringPair, supervisor, timing, utf8,
  WebsocketMessage,
} from "../../../../../../../guest-sdk/assemblyscript/assembly/index";

class Imports extends Actor {
  init(state: Uint8Array | null): void {
    everyImport();
  }

  load(state: Uint8Array): void {}

  save(): Uint8Array {
    return new Uint8Array(0);
  }
}

/** Calls every wrapped host function once, so that each stays an import of the module. */
function everyImport(): void {
  runtime.log("every import");
  const id = runtime.selfId();
  const x = utf8("x");
  runtime.getChain();
  runtime.shutdown(null);
  messageServer.send(id, x);
  messageServer.request(id, x);
  messageServer.openChannel(id, x);
  messageServer.sendOnChannel(id, x);
  messageServer.closeChannel(id);
  messageServer.listOutstandingRequests();
  messageServer.respondToRequest(id, x);
  messageServer.cancelRequest(id);
  supervisor.spawn("x.toml", x);
  supervisor.resume("x.toml", null);
  supervisor.listChildren();
  supervisor.stopChild(id);
  supervisor.restartChild(id);
  supervisor.getChildState(id);
  supervisor.getChildEvents(id);
  const content = new ContentRef(id);
  store.create();
  store.put(id, x);
  store.get(id, content);
  store.exists(id, content);
  store.label(id, "l", content);
  store.getByLabel(id, "l");
  store.removeLabel(id, "l");
  store.removeFromLabel(id, "l", content);
  store.storeAtLabel(id, "l", x);
  store.replaceContentAtLabel(id, "l", x);
  store.replaceAtLabel(id, "l", content);
  store.listLabels(id);
  store.listAllContent(id);
  store.calculateTotalSize(id);
  const config = new ProcessConfig("true", ["a"]);
  config.env.push(new StringPair("K", "V"));
  config.executionTimeout = new Some<u64>(1000);
  process.osSpawn(config);
  process.osWriteStdin(1, x);
  process.osStatus(1);
  process.osSignal(1, 15);
  process.osKill(1);
  const headers = new Array<StringPair>();
  headers.push(new StringPair("a", "b"));
  httpClient.sendHttp(new HttpRequest("GET", "http://localhost/", headers, null));
  httpFramework.createServer(new ServerConfig());
  httpFramework.getServerInfo(1);
  httpFramework.startServer(1);
  httpFramework.stopServer(1);
  httpFramework.destroyServer(1);
  httpFramework.registerHandler("h");
  httpFramework.addRoute(1, "/", "GET", 1);
  httpFramework.removeRoute(1);
  httpFramework.addMiddleware(1, "/", 1);
  httpFramework.removeMiddleware(1);
  httpFramework.enableWebsocket(1, "/ws", new Some<u64>(1), 1, null);
  httpFramework.sendWebsocketMessage(1, 1, WebsocketMessage.text("x"));
  httpFramework.closeWebsocket(1, 1);
  timing.now();
  timing.sleep(1);
  timing.deadline(1);
  random.randomBytes(1);
  random.randomRange(0, 1);
  random.randomFloat();
  random.generateUuid();
  environment.getVar("X");
  environment.listVars();
  environment.exists("X");
  filesystem.readFile("x");
  filesystem.writeFile("x", "y");
  filesystem.listFiles("x");
  filesystem.deleteFile("x");
  filesystem.createDir("x");
  filesystem.deleteDir("x");
  filesystem.pathExists("x");
  filesystem.executeCommand("x", "ls", ["-l"]);
  filesystem.executeNixCommand("x", "ls");
}

register((): Actor => new Imports());

export * from "../../../../../../../guest-sdk/assemblyscript/assembly/exports/actor";
