// The canonical ABI (docs/abi.md) in AssemblyScript: the blocks that cross the boundary, strings and lists in
// linear memory, and the return areas.
//
// Ownership follows the canonical ABI. A string or list the host passes in (or returns from an import) lies in a
// block it allocated with this module's cabi_realloc: lifting copies it into an AssemblyScript value and frees the
// block. Lowering a result allocates blocks that stay alive until the export's cabi_post_* function frees them.
// Canonical ABI blocks are plain heap blocks (heap.alloc), never garbage-collected objects, so the collector can
// neither move nor free them while the host reads them.

// Keeps the abort handler (unwind.ts) in every program that uses these helpers: an abort outside an export then
// traps instead of calling an `env.abort` import the runtime does not provide.
import "./unwind";

// ---- blocks ----

let liveBlocks: i32 = 0;

/** A block of `size` bytes aligned to `align` (at most 16); an aligned dummy address when `size` is 0. */
export function allocate(size: usize, align: usize): usize {
  if (size == 0) return align;
  const ptr = heap.alloc(size);
  if (ptr & (align - 1)) unreachable(); // heap blocks are 16-aligned
  liveBlocks++;
  return ptr;
}

/** Frees a block from allocate or cabi_realloc (nothing when `size` is 0). */
export function release(ptr: usize, size: usize): void {
  if (size == 0) return;
  heap.free(ptr);
  liveBlocks--;
}

/** How many canonical ABI blocks are allocated and not yet freed: lets a test see that a call leaves nothing behind. */
export function liveAllocations(): i32 {
  return liveBlocks;
}

/** The host allocates guest memory through this export (re-exported by every exports module). */
export function cabi_realloc(oldPtr: usize, oldSize: usize, align: usize, newSize: usize): usize {
  if (align == 0 || (align & (align - 1)) != 0 || align > 16) unreachable();
  if (oldPtr == 0) return allocate(newSize, align);
  if (newSize == 0) {
    release(oldPtr, oldSize);
    return align;
  }
  if (oldSize == 0) return allocate(newSize, align);
  const ptr = heap.realloc(oldPtr, newSize);
  if (ptr & (align - 1)) unreachable();
  return ptr;
}

// ---- return areas ----

/** Where an export's result lies until the host has read it and called cabi_post_*; calls never overlap. */
export const EXPORT_RET: usize = memory.data(256, 16);
/** Where a host import writes its result; lifted at once, before the next host call. */
export const IMPORT_RET: usize = memory.data(256, 16);

// ---- strings ----

/** Takes a UTF-8 string the host allocated at (ptr, len): decodes it and frees the block. */
export function liftString(ptr: usize, len: usize): string {
  const s = String.UTF8.decodeUnsafe(ptr, len, false);
  release(ptr, len);
  return s;
}

/** Reads a string lowered at `src` (ptr, len) and frees its block. */
export function loadString(src: usize): string {
  return liftString(load<u32>(src), load<u32>(src, 4));
}

/** Writes `s` at `dst` as (ptr, len) in a fresh block the memory owns. */
export function storeString(dst: usize, s: string): void {
  const len = <usize>String.UTF8.byteLength(s, false);
  const ptr = allocate(len, 1);
  if (len > 0) String.UTF8.encodeUnsafe(changetype<usize>(s), s.length, ptr, false);
  store<u32>(dst, <u32>ptr);
  store<u32>(dst, <u32>len, 4);
}

/** Frees the block of a string lowered at `src`. */
export function freeString(src: usize): void {
  release(load<u32>(src), load<u32>(src, 4));
}

/** A string encoded as UTF-8 for a host call; free() it when the call has returned. */
export class Utf8 {
  readonly ptr: usize;
  readonly len: usize;

  constructor(s: string) {
    this.len = <usize>String.UTF8.byteLength(s, false);
    this.ptr = allocate(this.len, 1);
    if (this.len > 0) String.UTF8.encodeUnsafe(changetype<usize>(s), s.length, this.ptr, false);
  }

  free(): void {
    release(this.ptr, this.len);
  }
}

// ---- bytes ----

/** Takes bytes the host allocated at (ptr, len): copies them into a Uint8Array and frees the block. */
export function liftBytes(ptr: usize, len: usize): Uint8Array {
  const out = new Uint8Array(<i32>len);
  if (len > 0) memory.copy(out.dataStart, ptr, len);
  release(ptr, len);
  return out;
}

/** Reads a list<u8> lowered at `src` and frees its block. */
export function loadBytes(src: usize): Uint8Array {
  return liftBytes(load<u32>(src), load<u32>(src, 4));
}

/** Writes `bytes` at `dst` as (ptr, len) in a fresh block the memory owns. */
export function storeBytes(dst: usize, bytes: Uint8Array): void {
  const len = <usize>bytes.length;
  const ptr = allocate(len, 1);
  if (len > 0) memory.copy(ptr, bytes.dataStart, len);
  store<u32>(dst, <u32>ptr);
  store<u32>(dst, <u32>len, 4);
}

/** The UTF-8 bytes of a string. */
export function utf8(s: string): Uint8Array {
  return Uint8Array.wrap(String.UTF8.encode(s, false));
}

/** A Uint8Array as text (UTF-8). */
export function text(bytes: Uint8Array): string {
  return String.UTF8.decodeUnsafe(bytes.dataStart, <usize>bytes.length, false);
}

// ---- options ----

/** The payload of a present option<T> where T is a number (AssemblyScript has no nullable numbers). */
export class Some<T> {
  constructor(public value: T) {}
}

/** An option<list<u8>> from its flat form. */
export function liftOptionBytes(isSome: u32, ptr: usize, len: usize): Uint8Array | null {
  if (isSome > 1) violation("option discriminant " + isSome.toString() + " is out of range");
  return isSome ? liftBytes(ptr, len) : null;
}

/** An option<string> from its flat form. */
export function liftOptionString(isSome: u32, ptr: usize, len: usize): string | null {
  if (isSome > 1) violation("option discriminant " + isSome.toString() + " is out of range");
  return isSome ? liftString(ptr, len) : null;
}

/** Reads an option<list<u8>> (tag at 0, list at 4) lowered at `src`. */
export function loadOptionBytes(src: usize): Uint8Array | null {
  const tag = load<u8>(src);
  if (tag > 1) violation("option discriminant " + tag.toString() + " is out of range");
  return tag ? loadBytes(src + 4) : null;
}

/** Writes an option<list<u8>> (12 bytes, align 4) at `dst`. */
export function storeOptionBytes(dst: usize, bytes: Uint8Array | null): void {
  if (bytes === null) {
    store<u8>(dst, 0);
  } else {
    store<u8>(dst, 1);
    storeBytes(dst + 4, bytes);
  }
}

/** Frees what an option<list<u8>> at `src` owns. */
export function freeOptionBytes(src: usize): void {
  if (load<u8>(src) == 1) freeString(src + 4);
}

/** Reads an option<string> (tag at 0, string at 4) lowered at `src`. */
export function loadOptionString(src: usize): string | null {
  const tag = load<u8>(src);
  if (tag > 1) violation("option discriminant " + tag.toString() + " is out of range");
  return tag ? loadString(src + 4) : null;
}

/** Writes an option<string> (12 bytes, align 4) at `dst`. */
export function storeOptionString(dst: usize, s: string | null): void {
  if (s === null) {
    store<u8>(dst, 0);
  } else {
    store<u8>(dst, 1);
    storeString(dst + 4, s);
  }
}

// ---- lists ----

/** Takes a list of `len` elements of `size` bytes at `ptr`: lifts each with `lift` and frees the block. */
export function liftList<T>(ptr: usize, len: usize, size: usize, lift: (src: usize) => T): Array<T> {
  const out = new Array<T>(<i32>len);
  for (let i: usize = 0; i < len; i++) {
    unchecked((out[<i32>i] = lift(ptr + i * size)));
  }
  release(ptr, len * size);
  return out;
}

/** Reads a list lowered at `src` (ptr, len). */
export function loadList<T>(src: usize, size: usize, lift: (src: usize) => T): Array<T> {
  return liftList<T>(load<u32>(src), load<u32>(src, 4), size, lift);
}

/** Lowers `items` into a fresh block (elements of `size` bytes at `align`); returns the block's address. */
export function lowerList<T>(items: Array<T>, size: usize, align: usize, lower: (dst: usize, value: T) => void): usize {
  const len = <usize>items.length;
  const ptr = allocate(len * size, align);
  for (let i: usize = 0; i < len; i++) {
    lower(ptr + i * size, unchecked(items[<i32>i]));
  }
  return ptr;
}

/** Writes `items` at `dst` as (ptr, len) in a fresh block the memory owns. */
export function storeList<T>(dst: usize, items: Array<T>, size: usize, align: usize, lower: (dst: usize, value: T) => void): void {
  store<u32>(dst, <u32>lowerList<T>(items, size, align, lower));
  store<u32>(dst, <u32>items.length, 4);
}

/** Frees a list lowered at `src`: each element with `free` (when its elements own blocks), then the block. */
export function freeList(src: usize, size: usize, free: ((src: usize) => void) | null): void {
  const ptr = <usize>load<u32>(src);
  const len = <usize>load<u32>(src, 4);
  if (free !== null) {
    for (let i: usize = 0; i < len; i++) free(ptr + i * size);
  }
  release(ptr, len * size);
}

/** A list lowered for a host call: (ptr, len) stay valid until free(). */
export class LoweredList {
  constructor(readonly ptr: usize, readonly len: usize, private readonly size: usize, private readonly freeElement: ((src: usize) => void) | null) {}

  free(): void {
    for (let i: usize = 0; i < this.len; i++) {
      const f = this.freeElement;
      if (f !== null) f(this.ptr + i * this.size);
    }
    release(this.ptr, this.len * this.size);
  }
}

/** Lowers a list<string> for a host call. */
export function lowerStrings(items: Array<string>): LoweredList {
  return new LoweredList(lowerList<string>(items, 8, 4, storeString), <usize>items.length, 8, freeString);
}

/** Lowers a list<tuple<string, string>> for a host call. */
export function lowerStringPairs(items: Array<StringPair>): LoweredList {
  return new LoweredList(lowerList<StringPair>(items, 16, 4, storeStringPair), <usize>items.length, 16, freeStringPair);
}

/** A tuple<string, string>: a header, an environment variable. */
export class StringPair {
  constructor(public name: string, public value: string) {}
}

export function loadStringPair(src: usize): StringPair {
  const name = loadString(src);
  return new StringPair(name, loadString(src + 8));
}

export function storeStringPair(dst: usize, pair: StringPair): void {
  storeString(dst, pair.name);
  storeString(dst + 8, pair.value);
}

export function freeStringPair(src: usize): void {
  freeString(src);
  freeString(src + 8);
}

export function loadStringList(src: usize): Array<string> {
  return loadList<string>(src, 8, loadString);
}

export function loadStringPairs(src: usize): Array<StringPair> {
  return loadList<StringPair>(src, 16, loadStringPair);
}

// ---- results ----

/** The outcome of a host call that returns result<T, string>: `value` when `error` is null. */
export class Result<T> {
  constructor(readonly value: T, readonly error: string | null) {}

  get isOk(): bool {
    return this.error === null;
  }

  /** The value; an error aborts the current call with the error's message. */
  unwrap(): T {
    const e = this.error;
    if (e !== null) throw new Error(e);
    return this.value;
  }
}

/** Reads a result<T, string> whose payload starts at `offset` (4 for T of align <= 4, 8 for 64-bit T). */
export function loadResult<T>(src: usize, offset: usize, lift: (src: usize) => T): Result<T> {
  const tag = load<u8>(src);
  if (tag > 1) violation("result discriminant " + tag.toString() + " is out of range");
  if (tag == 0) return new Result<T>(lift(src + offset), null);
  return new Result<T>(zero<T>(), loadString(src + offset));
}

/** Reads a result<_, string>: null when ok, else the error. */
export function loadUnitResult(src: usize): string | null {
  const tag = load<u8>(src);
  if (tag > 1) violation("result discriminant " + tag.toString() + " is out of range");
  return tag == 0 ? null : loadString(src + 4);
}

function zero<T>(): T {
  if (isReference<T>()) return changetype<T>(0);
  // @ts-ignore: a number type
  return <T>0;
}

/** Fails the current call: a value broke a rule of the canonical ABI. */
export function violation(what: string): void {
  throw new Error("canonical ABI violation: " + what);
}

/** A char from its flat form (a Unicode scalar value). */
export function liftChar(v: u32): u32 {
  if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) violation(v.toString(16) + " is not a Unicode scalar value");
  return v;
}
