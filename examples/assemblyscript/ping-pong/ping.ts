// ping: plays with pong, then stops.
//
// Its partner's address comes from its init state when it has one; otherwise ping spawns pong itself (as its
// child, from pong.toml) and uses the id it gets back. That address is the one place that decides who pong is, so
// a lookup by name fits there once the runtime resolves actor names.
//
//   init                              three requests to pong (logging each answer), a one-way note, then a channel:
//                                     opened with "hello pong", and a first message on it
//   handleChannelMessage(id, msg)     logs it; after the second one (pong's welcome, then its echo) closes the
//                                     channel and asks the runtime to shut ping down (which stops pong, its child)
//   handleChannelClose(id)            logs it
//
// State: the partner's address and how many channel messages ping has received.

import {
  Actor, messageServer, Reader, register, runtime, supervisor, text, utf8, Writer,
} from "../../../guest-sdk/assemblyscript/assembly/index";

/** Who ping plays with: the address it was given, or a pong of its own. */
function findPartner(given: Uint8Array | null): string {
  if (given !== null) return text(given);
  const pong = supervisor.spawn("pong.toml");
  if (!pong.isOk) throw new Error("ping could not start pong: " + pong.error!);
  return pong.value;
}

class Ping extends Actor {
  partner: string = "";
  received: u32 = 0;

  load(state: Uint8Array): void {
    const r = new Reader(state);
    this.partner = r.str();
    this.received = r.u32();
  }

  save(): Uint8Array {
    return new Writer().str(this.partner).u32(this.received).finish();
  }

  init(state: Uint8Array | null): void {
    this.partner = findPartner(state);
    runtime.log("ping: my partner is " + this.partner);
    for (let round = 1; round <= 3; round++) {
      const answer = messageServer.request(this.partner, utf8("ping " + round.toString()));
      if (answer.isOk) runtime.log("ping: pong answered '" + text(answer.value) + "'");
      else runtime.log("ping: the request failed: " + answer.error!);
    }
    const unsent = messageServer.send(this.partner, utf8("thanks for the game"));
    if (unsent !== null) runtime.log("ping: the note was not sent: " + unsent);
    const channel = messageServer.openChannel(this.partner, utf8("hello pong"));
    if (channel.isOk) {
      runtime.log("ping: channel " + channel.value + " is open");
      const error = messageServer.sendOnChannel(channel.value, utf8("how are you?"));
      if (error !== null) runtime.log("ping: could not use the channel: " + error);
    } else {
      runtime.log("ping: no channel: " + channel.error!);
    }
  }

  handleChannelMessage(channel: string, msg: Uint8Array): void {
    this.received++;
    runtime.log("ping: on the channel: " + text(msg));
    if (this.received == 2) {
      runtime.log("ping: closing the channel and stopping");
      const notClosed = messageServer.closeChannel(channel);
      if (notClosed !== null) throw new Error(notClosed);
      const refused = runtime.shutdown(utf8("done"));
      if (refused !== null) throw new Error(refused);
    }
  }

  handleChannelClose(channel: string): void {
    runtime.log("ping: pong closed the channel");
  }
}

register((): Actor => new Ping());

export * from "../../../guest-sdk/assemblyscript/assembly/exports/actor";
export * from "../../../guest-sdk/assemblyscript/assembly/exports/message-server";
