// The conformance guest of wit/conformance/conformance.wit, written with the AssemblyScript SDK's ABI helpers
// (theater-guest/assembly/abi). Like the C guest (../conformance.c, whose README the behaviour follows):
//
// - echo-* lifts its argument into AssemblyScript values (freeing what the host allocated) and lowers a fresh copy
//   as its result; it never calls the host.
// - relay-* lifts its argument, passes it to the host import theater:conformance/host#echo-* of the same type, lifts
//   what the host returned, and returns that: exactly one host call.
// - Results that own memory are freed by cabi_post_* functions, which count themselves.
// - test-live-allocations and test-post-return-count are there for the tests.

import {
  EXPORT_RET, freeList, freeString, IMPORT_RET, liftBytes, liftChar, liftList, liftString, liveAllocations,
  loadBytes, loadList, loadString, lowerStrings, release, storeBytes, storeList, storeString, violation,
} from "../../../../../../../guest-sdk/assemblyscript/assembly/abi";

export { cabi_realloc } from "../../../../../../../guest-sdk/assemblyscript/assembly/abi";

// @ts-ignore: decorator
@external("theater:conformance/host", "echo-point")
declare function host_echo_point(x: i32, y: i32, label: usize, labelLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:conformance/host", "echo-shape")
declare function host_echo_shape(d: i32, a: i64, b: i32, c: i32, e: i32, ret: usize): void;
// @ts-ignore: decorator
@external("theater:conformance/host", "echo-color")
declare function host_echo_color(v: i32): i32;
// @ts-ignore: decorator
@external("theater:conformance/host", "echo-perms")
declare function host_echo_perms(v: i32): i32;
// @ts-ignore: decorator
@external("theater:conformance/host", "echo-nested")
declare function host_echo_nested(o: i32, r: i32, a: i32, b: i32, c: i32, ret: usize): void;
// @ts-ignore: decorator
@external("theater:conformance/host", "echo-strings")
declare function host_echo_strings(list: usize, len: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:conformance/host", "echo-quad")
declare function host_echo_quad(a: i32, s: usize, sLen: usize, d: f64, b: i32, ret: usize): void;
// @ts-ignore: decorator
@external("theater:conformance/host", "echo-char")
declare function host_echo_char(c: i32): i32;
// @ts-ignore: decorator
@external("theater:conformance/host", "echo-extremes")
declare function host_echo_extremes(a: i64, b: i64, c: i32, d: i32, e: i32, f: i32, g: i32, h: i32, ret: usize): void;
// @ts-ignore: decorator
@external("theater:conformance/host", "echo-floats")
declare function host_echo_floats(a: f32, b: f64, ret: usize): void;
// @ts-ignore: decorator
@external("theater:conformance/host", "echo-wide")
declare function host_echo_wide(params: usize, ret: usize): void;

let postReturns: i32 = 0;

// ---- point: x@0 s32, y@4 s32, label@8 string (16 bytes, align 4) ----

class Point {
  constructor(public x: i32, public y: i32, public label: string) {}
}

function loadPoint(src: usize): Point {
  return new Point(load<i32>(src), load<i32>(src, 4), loadString(src + 8));
}

function storePoint(dst: usize, v: Point): void {
  store<i32>(dst, v.x);
  store<i32>(dst, v.y, 4);
  storeString(dst + 8, v.label);
}

function freePoint(src: usize): void {
  freeString(src + 8);
}

export function theater$conformance$guest$echo_point(x: i32, y: i32, ptr: usize, len: usize): usize {
  storePoint(EXPORT_RET, new Point(x, y, liftString(ptr, len)));
  return EXPORT_RET;
}

export function theater$conformance$guest$relay_point(x: i32, y: i32, ptr: usize, len: usize): usize {
  const label = liftString(ptr, len);
  const l = String.UTF8.encode(label, false);
  host_echo_point(x, y, changetype<usize>(l), <usize>l.byteLength, IMPORT_RET);
  storePoint(EXPORT_RET, loadPoint(IMPORT_RET));
  return EXPORT_RET;
}

// ---- shape: tag@0, payload@8: circle f64 | rect point | named string | empty (24 bytes, align 8) ----

class Shape {
  constructor(public tag: u8, public radius: f64 = 0, public rect: Point | null = null, public name: string = "") {}
}

/** Flat: i32 tag, then an i64 slot joining circle's f64 bits and rect's x / named's pointer, then three i32. */
function liftShape(d: i32, a: i64, b: i32, c: i32, e: i32): Shape {
  if (d == 0) return new Shape(0, reinterpret<f64>(a));
  if (d == 1) return new Shape(1, 0, new Point(<i32>a, b, liftString(<usize>c, <usize>e)));
  if (d == 2) return new Shape(2, 0, null, liftString(<usize><u32>a, <usize>b));
  if (d != 3) violation("shape discriminant " + d.toString() + " is out of range");
  return new Shape(3);
}

function loadShape(src: usize): Shape {
  const tag = load<u8>(src);
  if (tag == 0) return new Shape(0, load<f64>(src, 8));
  if (tag == 1) return new Shape(1, 0, loadPoint(src + 8));
  if (tag == 2) return new Shape(2, 0, null, loadString(src + 8));
  if (tag != 3) violation("shape discriminant " + tag.toString() + " is out of range");
  return new Shape(3);
}

function storeShape(dst: usize, v: Shape): void {
  store<u8>(dst, v.tag);
  if (v.tag == 0) store<f64>(dst, v.radius, 8);
  else if (v.tag == 1) storePoint(dst + 8, v.rect!);
  else if (v.tag == 2) storeString(dst + 8, v.name);
}

function freeShape(src: usize): void {
  const tag = load<u8>(src);
  if (tag == 1) freePoint(src + 8);
  else if (tag == 2) freeString(src + 8);
}

export function theater$conformance$guest$echo_shape(d: i32, a: i64, b: i32, c: i32, e: i32): usize {
  storeShape(EXPORT_RET, liftShape(d, a, b, c, e));
  return EXPORT_RET;
}

export function theater$conformance$guest$relay_shape(d: i32, a: i64, b: i32, c: i32, e: i32): usize {
  const v = liftShape(d, a, b, c, e);
  if (v.tag == 0) {
    host_echo_shape(0, reinterpret<i64>(v.radius), 0, 0, 0, IMPORT_RET);
  } else if (v.tag == 1) {
    const p = v.rect!;
    const l = String.UTF8.encode(p.label, false);
    host_echo_shape(1, <i64><u32>p.x, p.y, <i32>changetype<usize>(l), l.byteLength, IMPORT_RET);
  } else if (v.tag == 2) {
    const n = String.UTF8.encode(v.name, false);
    host_echo_shape(2, <i64><u32>changetype<usize>(n), n.byteLength, 0, 0, IMPORT_RET);
  } else {
    host_echo_shape(3, 0, 0, 0, 0, IMPORT_RET);
  }
  storeShape(EXPORT_RET, loadShape(IMPORT_RET));
  return EXPORT_RET;
}

// ---- color (enum, 3 cases) and perms (flags read, write, exec) ----

function liftColor(v: i32): i32 {
  if (<u32>v > 2) violation("color discriminant " + v.toString() + " is out of range");
  return v;
}

/** Like the spec's lift, unknown flag bits are ignored. */
function liftPerms(v: i32): i32 {
  return v & 7;
}

export function theater$conformance$guest$echo_color(v: i32): i32 {
  return liftColor(v);
}

export function theater$conformance$guest$relay_color(v: i32): i32 {
  return liftColor(host_echo_color(liftColor(v)));
}

export function theater$conformance$guest$echo_perms(v: i32): i32 {
  return liftPerms(v);
}

export function theater$conformance$guest$relay_perms(v: i32): i32 {
  return liftPerms(host_echo_perms(liftPerms(v)));
}

// ---- nested = option<result<option<string>, list<u8>>>: option tag@0, result tag@4, payload@8 (20 bytes) ----

class Nested {
  constructor(
    public some: bool,
    public ok: bool = true,
    public value: string | null = null,
    public error: Uint8Array | null = null,
  ) {}
}

/** Flat: five i32: option tag, result tag, then ok = (option tag, ptr, len) or err = (ptr, len, 0). */
function liftNested(o: i32, r: i32, a: i32, b: i32, c: i32): Nested {
  if (<u32>o > 1 || <u32>r > 1) violation("nested discriminant out of range");
  if (o == 0) return new Nested(false);
  if (r == 1) return new Nested(true, false, null, liftBytes(<usize>a, <usize>b));
  if (<u32>a > 1) violation("option discriminant " + a.toString() + " is out of range");
  return new Nested(true, true, a == 1 ? liftString(<usize>b, <usize>c) : null);
}

function loadNested(src: usize): Nested {
  if (load<u8>(src) == 0) return new Nested(false);
  if (load<u8>(src, 4) == 1) return new Nested(true, false, null, loadBytes(src + 8));
  return new Nested(true, true, load<u8>(src, 8) == 1 ? loadString(src + 12) : null);
}

function storeNested(dst: usize, v: Nested): void {
  store<u8>(dst, v.some ? 1 : 0);
  if (!v.some) return;
  store<u8>(dst, v.ok ? 0 : 1, 4);
  if (!v.ok) {
    storeBytes(dst + 8, v.error!);
    return;
  }
  const value = v.value;
  store<u8>(dst, value !== null ? 1 : 0, 8);
  if (value !== null) storeString(dst + 12, value);
}

function freeNested(src: usize): void {
  if (load<u8>(src) == 0) return;
  if (load<u8>(src, 4) == 1) freeString(src + 8);
  else if (load<u8>(src, 8) == 1) freeString(src + 12);
}

export function theater$conformance$guest$echo_nested(o: i32, r: i32, a: i32, b: i32, c: i32): usize {
  storeNested(EXPORT_RET, liftNested(o, r, a, b, c));
  return EXPORT_RET;
}

export function theater$conformance$guest$relay_nested(o: i32, r: i32, a: i32, b: i32, c: i32): usize {
  const v = liftNested(o, r, a, b, c);
  if (!v.some) {
    host_echo_nested(0, 0, 0, 0, 0, IMPORT_RET);
  } else if (!v.ok) {
    const e = v.error!;
    host_echo_nested(1, 1, <i32>e.dataStart, e.length, 0, IMPORT_RET);
  } else if (v.value === null) {
    host_echo_nested(1, 0, 0, 0, 0, IMPORT_RET);
  } else {
    const s = String.UTF8.encode(v.value!, false);
    host_echo_nested(1, 0, 1, <i32>changetype<usize>(s), s.byteLength, IMPORT_RET);
  }
  storeNested(EXPORT_RET, loadNested(IMPORT_RET));
  return EXPORT_RET;
}

// ---- strings: list<string> ----

export function theater$conformance$guest$echo_strings(ptr: usize, len: usize): usize {
  storeList<string>(EXPORT_RET, liftList<string>(ptr, len, 8, loadString), 8, 4, storeString);
  return EXPORT_RET;
}

export function theater$conformance$guest$relay_strings(ptr: usize, len: usize): usize {
  const list = lowerStrings(liftList<string>(ptr, len, 8, loadString));
  host_echo_strings(list.ptr, list.len, IMPORT_RET);
  list.free();
  storeList<string>(EXPORT_RET, loadList<string>(IMPORT_RET, 8, loadString), 8, 4, storeString);
  return EXPORT_RET;
}

// ---- quad = tuple<u8, string, f64, bool>: u8@0, string@4, f64@16, bool@24 (32 bytes, align 8) ----

function storeQuad(dst: usize, a: u8, s: string, d: f64, b: bool): void {
  store<u8>(dst, a);
  storeString(dst + 4, s);
  store<f64>(dst, d, 16);
  store<u8>(dst, b ? 1 : 0, 24);
}

export function theater$conformance$guest$echo_quad(a: i32, ptr: usize, len: usize, d: f64, b: i32): usize {
  storeQuad(EXPORT_RET, <u8>a, liftString(ptr, len), d, b != 0);
  return EXPORT_RET;
}

export function theater$conformance$guest$relay_quad(a: i32, ptr: usize, len: usize, d: f64, b: i32): usize {
  const s = String.UTF8.encode(liftString(ptr, len), false);
  host_echo_quad(<i32><u8>a, changetype<usize>(s), <usize>s.byteLength, d, b != 0 ? 1 : 0, IMPORT_RET);
  const label = loadString(IMPORT_RET + 4);
  storeQuad(EXPORT_RET, load<u8>(IMPORT_RET), label, load<f64>(IMPORT_RET, 16), load<u8>(IMPORT_RET, 24) != 0);
  return EXPORT_RET;
}

// ---- char ----

export function theater$conformance$guest$echo_char(v: i32): i32 {
  return <i32>liftChar(<u32>v);
}

export function theater$conformance$guest$relay_char(v: i32): i32 {
  return <i32>liftChar(<u32>host_echo_char(<i32>liftChar(<u32>v)));
}

// ---- extremes: a@0 u64, b@8 s64, c@16 u32, d@20 s32, e@24 u16, f@26 s16, g@28 u8, h@29 s8 (32 bytes) ----

function storeExtremes(dst: usize, a: i64, b: i64, c: i32, d: i32, e: i32, f: i32, g: i32, h: i32): void {
  store<i64>(dst, a);
  store<i64>(dst, b, 8);
  store<i32>(dst, c, 16);
  store<i32>(dst, d, 20);
  store<u16>(dst, <u16>e, 24);
  store<i16>(dst, <i16>f, 26);
  store<u8>(dst, <u8>g, 28);
  store<i8>(dst, <i8>h, 29);
}

export function theater$conformance$guest$echo_extremes(a: i64, b: i64, c: i32, d: i32, e: i32, f: i32, g: i32, h: i32): usize {
  storeExtremes(EXPORT_RET, a, b, c, d, e, f, g, h);
  return EXPORT_RET;
}

export function theater$conformance$guest$relay_extremes(a: i64, b: i64, c: i32, d: i32, e: i32, f: i32, g: i32, h: i32): usize {
  host_echo_extremes(a, b, c, d, <i32><u16>e, <i32><i16>f, <i32><u8>g, <i32><i8>h, IMPORT_RET);
  const r = IMPORT_RET;
  storeExtremes(EXPORT_RET, load<i64>(r), load<i64>(r, 8), load<i32>(r, 16), load<i32>(r, 20),
    load<u16>(r, 24), load<i16>(r, 26), load<u8>(r, 28), load<i8>(r, 29));
  return EXPORT_RET;
}

// ---- floats: tuple<f32, f64>: f32@0, f64@8 (16 bytes) ----

export function theater$conformance$guest$echo_floats(a: f32, b: f64): usize {
  store<f32>(EXPORT_RET, a);
  store<f64>(EXPORT_RET, b, 8);
  return EXPORT_RET;
}

export function theater$conformance$guest$relay_floats(a: f32, b: f64): usize {
  host_echo_floats(a, b, IMPORT_RET);
  store<f32>(EXPORT_RET, load<f32>(IMPORT_RET));
  store<f64>(EXPORT_RET, load<f64>(IMPORT_RET, 8), 8);
  return EXPORT_RET;
}

// ---- wide: 17 s32 fields (68 bytes): more than 16 flat values, so passed through memory ----

function liftWide(params: usize): StaticArray<i32> {
  const fields = new StaticArray<i32>(17);
  for (let i = 0; i < 17; i++) fields[i] = load<i32>(params + <usize>i * 4);
  release(params, 68);
  return fields;
}

function storeWide(dst: usize, fields: StaticArray<i32>): void {
  for (let i = 0; i < 17; i++) store<i32>(dst + <usize>i * 4, fields[i]);
}

export function theater$conformance$guest$echo_wide(params: usize): usize {
  storeWide(EXPORT_RET, liftWide(params));
  return EXPORT_RET;
}

export function theater$conformance$guest$relay_wide(params: usize): usize {
  const fields = liftWide(params);
  const block = heap.alloc(68);
  storeWide(block, fields);
  host_echo_wide(block, IMPORT_RET);
  heap.free(block);
  const result = new StaticArray<i32>(17);
  for (let i = 0; i < 17; i++) result[i] = load<i32>(IMPORT_RET + <usize>i * 4);
  storeWide(EXPORT_RET, result);
  return EXPORT_RET;
}

// ---- post-return functions: free what a result owns ----

export function cabi_post$theater$conformance$guest$echo_point(ret: usize): void {
  freePoint(ret);
  postReturns++;
}

export function cabi_post$theater$conformance$guest$relay_point(ret: usize): void {
  freePoint(ret);
  postReturns++;
}

export function cabi_post$theater$conformance$guest$echo_shape(ret: usize): void {
  freeShape(ret);
  postReturns++;
}

export function cabi_post$theater$conformance$guest$relay_shape(ret: usize): void {
  freeShape(ret);
  postReturns++;
}

export function cabi_post$theater$conformance$guest$echo_nested(ret: usize): void {
  freeNested(ret);
  postReturns++;
}

export function cabi_post$theater$conformance$guest$relay_nested(ret: usize): void {
  freeNested(ret);
  postReturns++;
}

export function cabi_post$theater$conformance$guest$echo_strings(ret: usize): void {
  freeList(ret, 8, freeString);
  postReturns++;
}

export function cabi_post$theater$conformance$guest$relay_strings(ret: usize): void {
  freeList(ret, 8, freeString);
  postReturns++;
}

export function cabi_post$theater$conformance$guest$echo_quad(ret: usize): void {
  freeString(ret + 4);
  postReturns++;
}

export function cabi_post$theater$conformance$guest$relay_quad(ret: usize): void {
  freeString(ret + 4);
  postReturns++;
}

export function $test_live_allocations(): i32 {
  return liveAllocations();
}

export function $test_post_return_count(): i32 {
  return postReturns;
}
