// pong: answers ping. Its state counts the requests it has answered (a little-endian u32).
//
//   handleRequest(id, payload)       logs the payload and answers "pong <n>" at once
//   handleSend(msg)                  logs the note
//   handleChannelOpen(id, msg)       accepts every channel, with the message "welcome to pong"
//   handleChannelMessage(id, msg)    logs it and sends "echo: <msg>" back on the channel
//   handleChannelClose(id)           logs it

import {
  Actor, ChannelAccept, messageServer, Reader, register, runtime, text, utf8, Writer,
} from "../../../guest-sdk/assemblyscript/assembly/index";

class Pong extends Actor {
  answered: u32 = 0;

  load(state: Uint8Array): void {
    this.answered = new Reader(state).u32();
  }

  save(): Uint8Array {
    return new Writer().u32(this.answered).finish();
  }

  init(state: Uint8Array | null): void {
    runtime.log("pong: ready");
  }

  handleSend(msg: Uint8Array): void {
    runtime.log("pong: a note from ping: " + text(msg));
  }

  handleRequest(requestId: string, msg: Uint8Array): Uint8Array | null {
    this.answered++;
    runtime.log("pong: request " + this.answered.toString() + " says '" + text(msg) + "'");
    return utf8("pong " + this.answered.toString());
  }

  handleChannelOpen(channel: string, msg: Uint8Array): ChannelAccept {
    runtime.log("pong: channel " + channel + " opened with '" + text(msg) + "'");
    return ChannelAccept.accept(utf8("welcome to pong"));
  }

  handleChannelMessage(channel: string, msg: Uint8Array): void {
    runtime.log("pong: on the channel: " + text(msg));
    const error = messageServer.sendOnChannel(channel, utf8("echo: " + text(msg)));
    if (error !== null) throw new Error(error);
  }

  handleChannelClose(channel: string): void {
    runtime.log("pong: channel " + channel + " closed");
  }
}

register((): Actor => new Pong());

export * from "../../../guest-sdk/assemblyscript/assembly/exports/actor";
export * from "../../../guest-sdk/assemblyscript/assembly/exports/message-server";
