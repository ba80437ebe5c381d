// theater:simple/environment: the environment variables an actor may read (plugin handler "environment").

import { IMPORT_RET, loadOptionString, loadStringPairs, StringPair, Utf8 } from "../abi";

// @ts-ignore: decorator
@external("theater:simple/environment", "get-var")
declare function raw_get_var(name: usize, nameLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/environment", "list-vars")
declare function raw_list_vars(ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/environment", "exists")
declare function raw_exists(name: usize, nameLen: usize): u32;

/** A variable's value, if it is set and the actor may see it. */
export function getVar(name: string): string | null {
  const n = new Utf8(name);
  raw_get_var(n.ptr, n.len, IMPORT_RET);
  n.free();
  return loadOptionString(IMPORT_RET);
}

/** The variables the actor may see, (name, value). */
export function listVars(): Array<StringPair> {
  raw_list_vars(IMPORT_RET);
  return loadStringPairs(IMPORT_RET);
}

/** Whether a variable is set and the actor may see it. */
export function exists(name: string): bool {
  const n = new Utf8(name);
  const r = raw_exists(n.ptr, n.len);
  n.free();
  return r != 0;
}
