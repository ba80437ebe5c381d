// The shared types of theater:simple (types.wit), with their canonical layouts.

import {
  freeOptionBytes, loadBytes, loadOptionBytes, loadOptionString, loadString, storeOptionBytes, violation,
} from "./abi";

/** The id of an actor: the address messages go to. */
export type ActorId = string;
/** The id of an open channel. */
export type ChannelId = string;
/** The id of a request awaiting a response. */
export type RequestId = string;

/** An actor's answer to a channel being opened to it (record channel-accept: 16 bytes, align 4). */
export class ChannelAccept {
  constructor(public accepted: bool, public message: Uint8Array | null = null) {}

  static accept(message: Uint8Array | null = null): ChannelAccept {
    return new ChannelAccept(true, message);
  }

  static reject(): ChannelAccept {
    return new ChannelAccept(false, null);
  }
}

export function storeChannelAccept(dst: usize, v: ChannelAccept): void {
  store<u8>(dst, v.accepted ? 1 : 0);
  storeOptionBytes(dst + 4, v.message);
}

export function freeChannelAccept(src: usize): void {
  freeOptionBytes(src + 4);
}

/** One event of an actor's hash chain (record chain-event: 64 bytes, align 8). */
export class ChainEvent {
  constructor(
    public hash: Uint8Array,
    public parentHash: Uint8Array | null,
    public eventType: string,
    public data: Uint8Array,
    public timestamp: u64,
    public description: string | null,
  ) {}
}

export function loadChainEvent(src: usize): ChainEvent {
  const hash = loadBytes(src);
  const parent = loadOptionBytes(src + 8);
  const eventType = loadString(src + 20);
  const data = loadBytes(src + 28);
  const timestamp = load<u64>(src + 40);
  const description = loadOptionString(src + 48);
  return new ChainEvent(hash, parent, eventType, data, timestamp, description);
}

/** Why an actor operation failed (enum wit-error-type). */
export enum WitErrorType {
  OperationTimeout = 0,
  ChannelClosed = 1,
  ShuttingDown = 2,
  FunctionNotFound = 3,
  TypeMismatch = 4,
  Internal = 5,
  SerializationError = 6,
  UpdateComponentError = 7,
  Paused = 8,
}

/** A child's failure as its supervisor hears of it (record wit-actor-error). */
export class ActorError {
  constructor(public errorType: WitErrorType, public data: Uint8Array | null) {}

  /** The failure message (UTF-8), or "" when there is none. */
  get message(): string {
    const d = this.data;
    return d !== null ? String.UTF8.decodeUnsafe(d.dataStart, <usize>d.length, false) : "";
  }
}

export function liftErrorType(v: u32): WitErrorType {
  if (v > 8) violation("wit-error-type " + v.toString() + " is out of range");
  return <WitErrorType>v;
}

