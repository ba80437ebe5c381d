// theater:simple/supervisor: spawning and managing child actors (handler "supervisor"). A child's manifest path is
// relative to the parent's manifest; its permissions are never wider than the parent's.

import {
  IMPORT_RET, loadList, loadOptionBytes, loadResult, loadString, loadStringList, loadUnitResult, Result, Utf8,
} from "../abi";
import { ActorId, ChainEvent, loadChainEvent } from "../types";

// @ts-ignore: decorator
@external("theater:simple/supervisor", "spawn")
declare function raw_spawn(manifest: usize, manifestLen: usize, isSome: u32, init: usize, initLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/supervisor", "resume")
declare function raw_resume(manifest: usize, manifestLen: usize, isSome: u32, state: usize, stateLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/supervisor", "list-children")
declare function raw_list_children(ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/supervisor", "stop-child")
declare function raw_stop_child(id: usize, idLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/supervisor", "restart-child")
declare function raw_restart_child(id: usize, idLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/supervisor", "get-child-state")
declare function raw_get_child_state(id: usize, idLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/supervisor", "get-child-events")
declare function raw_get_child_events(id: usize, idLen: usize, ret: usize): void;

function withBytes(
  f: (manifest: usize, manifestLen: usize, isSome: u32, bytes: usize, bytesLen: usize, ret: usize) => void,
  manifest: string, bytes: Uint8Array | null,
): Result<ActorId> {
  const m = new Utf8(manifest);
  if (bytes === null) f(m.ptr, m.len, 0, 0, 0, IMPORT_RET);
  else f(m.ptr, m.len, 1, bytes.dataStart, <usize>bytes.length, IMPORT_RET);
  m.free();
  return loadResult<string>(IMPORT_RET, 4, loadString);
}

/** Spawns a child from a manifest (a path or a store reference) with optional init bytes; its id. */
export function spawn(manifest: string, init: Uint8Array | null = null): Result<ActorId> {
  return withBytes(raw_spawn, manifest, init);
}

/** Starts a child from a manifest with a given (e.g. saved) state; its id. */
export function resume(manifest: string, state: Uint8Array | null = null): Result<ActorId> {
  return withBytes(raw_resume, manifest, state);
}

/** The ids of this actor's children. */
export function listChildren(): Array<ActorId> {
  raw_list_children(IMPORT_RET);
  return loadStringList(IMPORT_RET);
}

function withId(f: (id: usize, idLen: usize, ret: usize) => void, id: string): void {
  const i = new Utf8(id);
  f(i.ptr, i.len, IMPORT_RET);
  i.free();
}

/** Stops a child and its own children; null on success. */
export function stopChild(id: ActorId): string | null {
  withId(raw_stop_child, id);
  return loadUnitResult(IMPORT_RET);
}

/** Restarts a child from its manifest, keeping its id; null on success. */
export function restartChild(id: ActorId): string | null {
  withId(raw_restart_child, id);
  return loadUnitResult(IMPORT_RET);
}

/** A child's current state. */
export function getChildState(id: ActorId): Result<Uint8Array | null> {
  withId(raw_get_child_state, id);
  return loadResult<Uint8Array | null>(IMPORT_RET, 4, loadOptionBytes);
}

function loadEvents(src: usize): Array<ChainEvent> {
  return loadList<ChainEvent>(src, 64, loadChainEvent);
}

/** A child's chain events, across its restarts. */
export function getChildEvents(id: ActorId): Result<Array<ChainEvent>> {
  withId(raw_get_child_events, id);
  return loadResult<Array<ChainEvent>>(IMPORT_RET, 4, loadEvents);
}
