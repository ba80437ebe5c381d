// theater:simple/store: a content-addressed store with labels (handler "store").

import {
  IMPORT_RET, loadBytes, loadList, loadResult, loadString, loadStringList, loadUnitResult, Result, Utf8,
} from "../abi";

/** The address of stored content: the hex SHA-256 of the content (record content-ref: 8 bytes, align 4). */
export class ContentRef {
  constructor(public hash: string) {}
}

function loadContentRef(src: usize): ContentRef {
  return new ContentRef(loadString(src));
}

function loadOptionContentRef(src: usize): ContentRef | null {
  return load<u8>(src) ? loadContentRef(src + 4) : null;
}

function loadContentRefs(src: usize): Array<ContentRef> {
  return loadList<ContentRef>(src, 8, loadContentRef);
}

function loadBool(src: usize): bool {
  return load<u8>(src) != 0;
}

function loadU64(src: usize): u64 {
  return load<u64>(src);
}

// @ts-ignore: decorator
@external("theater:simple/store", "new")
declare function raw_new(ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/store", "store")
declare function raw_store(id: usize, idLen: usize, content: usize, contentLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/store", "get")
declare function raw_get(id: usize, idLen: usize, hash: usize, hashLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/store", "exists")
declare function raw_exists(id: usize, idLen: usize, hash: usize, hashLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/store", "label")
declare function raw_label(id: usize, idLen: usize, label: usize, labelLen: usize, hash: usize, hashLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/store", "get-by-label")
declare function raw_get_by_label(id: usize, idLen: usize, label: usize, labelLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/store", "remove-label")
declare function raw_remove_label(id: usize, idLen: usize, label: usize, labelLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/store", "remove-from-label")
declare function raw_remove_from_label(id: usize, idLen: usize, label: usize, labelLen: usize, hash: usize, hashLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/store", "store-at-label")
declare function raw_store_at_label(id: usize, idLen: usize, label: usize, labelLen: usize, content: usize, contentLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/store", "replace-content-at-label")
declare function raw_replace_content_at_label(id: usize, idLen: usize, label: usize, labelLen: usize, content: usize, contentLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/store", "replace-at-label")
declare function raw_replace_at_label(id: usize, idLen: usize, label: usize, labelLen: usize, hash: usize, hashLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/store", "list-labels")
declare function raw_list_labels(id: usize, idLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/store", "list-all-content")
declare function raw_list_all_content(id: usize, idLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/store", "calculate-total-size")
declare function raw_calculate_total_size(id: usize, idLen: usize, ret: usize): void;

/** Creates a store; its id. */
export function create(): Result<string> {
  raw_new(IMPORT_RET);
  return loadResult<string>(IMPORT_RET, 4, loadString);
}

/** Stores content; its reference (WIT: store). */
export function put(store: string, content: Uint8Array): Result<ContentRef> {
  const s = new Utf8(store);
  raw_store(s.ptr, s.len, content.dataStart, <usize>content.length, IMPORT_RET);
  s.free();
  return loadResult<ContentRef>(IMPORT_RET, 4, loadContentRef);
}

/** Stored content. */
export function get(store: string, content: ContentRef): Result<Uint8Array> {
  const s = new Utf8(store);
  const h = new Utf8(content.hash);
  raw_get(s.ptr, s.len, h.ptr, h.len, IMPORT_RET);
  s.free();
  h.free();
  return loadResult<Uint8Array>(IMPORT_RET, 4, loadBytes);
}

/** Whether content is stored. */
export function exists(store: string, content: ContentRef): Result<bool> {
  const s = new Utf8(store);
  const h = new Utf8(content.hash);
  raw_exists(s.ptr, s.len, h.ptr, h.len, IMPORT_RET);
  s.free();
  h.free();
  return loadResult<bool>(IMPORT_RET, 4, loadBool);
}

/** Adds content to a label; null on success. */
export function label(store: string, label: string, content: ContentRef): string | null {
  const s = new Utf8(store);
  const l = new Utf8(label);
  const h = new Utf8(content.hash);
  raw_label(s.ptr, s.len, l.ptr, l.len, h.ptr, h.len, IMPORT_RET);
  s.free();
  l.free();
  h.free();
  return loadUnitResult(IMPORT_RET);
}

/** The content a label points at, if any. */
export function getByLabel(store: string, label: string): Result<ContentRef | null> {
  const s = new Utf8(store);
  const l = new Utf8(label);
  raw_get_by_label(s.ptr, s.len, l.ptr, l.len, IMPORT_RET);
  s.free();
  l.free();
  return loadResult<ContentRef | null>(IMPORT_RET, 4, loadOptionContentRef);
}

/** Deletes a label; null on success. */
export function removeLabel(store: string, label: string): string | null {
  const s = new Utf8(store);
  const l = new Utf8(label);
  raw_remove_label(s.ptr, s.len, l.ptr, l.len, IMPORT_RET);
  s.free();
  l.free();
  return loadUnitResult(IMPORT_RET);
}

/** Removes one content reference from a label; null on success. */
export function removeFromLabel(store: string, label: string, content: ContentRef): string | null {
  const s = new Utf8(store);
  const l = new Utf8(label);
  const h = new Utf8(content.hash);
  raw_remove_from_label(s.ptr, s.len, l.ptr, l.len, h.ptr, h.len, IMPORT_RET);
  s.free();
  l.free();
  h.free();
  return loadUnitResult(IMPORT_RET);
}

/** Stores content and adds it to a label; its reference. */
export function storeAtLabel(store: string, label: string, content: Uint8Array): Result<ContentRef> {
  const s = new Utf8(store);
  const l = new Utf8(label);
  raw_store_at_label(s.ptr, s.len, l.ptr, l.len, content.dataStart, <usize>content.length, IMPORT_RET);
  s.free();
  l.free();
  return loadResult<ContentRef>(IMPORT_RET, 4, loadContentRef);
}

/** Stores content and makes it the only content of a label; its reference. */
export function replaceContentAtLabel(store: string, label: string, content: Uint8Array): Result<ContentRef> {
  const s = new Utf8(store);
  const l = new Utf8(label);
  raw_replace_content_at_label(s.ptr, s.len, l.ptr, l.len, content.dataStart, <usize>content.length, IMPORT_RET);
  s.free();
  l.free();
  return loadResult<ContentRef>(IMPORT_RET, 4, loadContentRef);
}

/** Makes stored content the only content of a label; null on success. */
export function replaceAtLabel(store: string, label: string, content: ContentRef): string | null {
  const s = new Utf8(store);
  const l = new Utf8(label);
  const h = new Utf8(content.hash);
  raw_replace_at_label(s.ptr, s.len, l.ptr, l.len, h.ptr, h.len, IMPORT_RET);
  s.free();
  l.free();
  h.free();
  return loadUnitResult(IMPORT_RET);
}

/** Every label. */
export function listLabels(store: string): Result<Array<string>> {
  const s = new Utf8(store);
  raw_list_labels(s.ptr, s.len, IMPORT_RET);
  s.free();
  return loadResult<Array<string>>(IMPORT_RET, 4, loadStringList);
}

/** Every stored content reference. */
export function listAllContent(store: string): Result<Array<ContentRef>> {
  const s = new Utf8(store);
  raw_list_all_content(s.ptr, s.len, IMPORT_RET);
  s.free();
  return loadResult<Array<ContentRef>>(IMPORT_RET, 4, loadContentRefs);
}

/** The total size of the stored content in bytes. */
export function calculateTotalSize(store: string): Result<u64> {
  const s = new Utf8(store);
  raw_calculate_total_size(s.ptr, s.len, IMPORT_RET);
  s.free();
  return loadResult<u64>(IMPORT_RET, 8, loadU64);
}
