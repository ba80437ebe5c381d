// theater:simple/filesystem: files under the directory an actor may use (plugin handler "filesystem").

import {
  IMPORT_RET, loadBytes, loadResult, loadString, loadStringList, loadUnitResult, lowerStrings, Result, Utf8, violation,
} from "../abi";

/** The outcome of a command (variant command-result: success(command-success) or error(command-error)). */
export class CommandResult {
  constructor(
    /** True for success: stdout, stderr and exitCode are set; false for error: message is set. */
    public success: bool,
    public stdout: string,
    public stderr: string,
    public exitCode: i32,
    public message: string,
  ) {}
}

function loadCommandResult(src: usize): CommandResult {
  const tag = load<u8>(src);
  if (tag > 1) violation("command-result discriminant " + tag.toString() + " is out of range");
  if (tag == 0) {
    const stdout = loadString(src + 4);
    const stderr = loadString(src + 12);
    return new CommandResult(true, stdout, stderr, load<i32>(src, 20), "");
  }
  return new CommandResult(false, "", "", 0, loadString(src + 4));
}

function loadBool(src: usize): bool {
  return load<u8>(src) != 0;
}

// @ts-ignore: decorator
@external("theater:simple/filesystem", "read-file")
declare function raw_read_file(path: usize, pathLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/filesystem", "write-file")
declare function raw_write_file(path: usize, pathLen: usize, content: usize, contentLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/filesystem", "list-files")
declare function raw_list_files(path: usize, pathLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/filesystem", "delete-file")
declare function raw_delete_file(path: usize, pathLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/filesystem", "create-dir")
declare function raw_create_dir(path: usize, pathLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/filesystem", "delete-dir")
declare function raw_delete_dir(path: usize, pathLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/filesystem", "path-exists")
declare function raw_path_exists(path: usize, pathLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/filesystem", "execute-command")
declare function raw_execute_command(dir: usize, dirLen: usize, command: usize, commandLen: usize, args: usize, argsLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/filesystem", "execute-nix-command")
declare function raw_execute_nix_command(dir: usize, dirLen: usize, command: usize, commandLen: usize, ret: usize): void;

function onPath(f: (path: usize, pathLen: usize, ret: usize) => void, path: string): void {
  const p = new Utf8(path);
  f(p.ptr, p.len, IMPORT_RET);
  p.free();
}

/** A file's contents. */
export function readFile(path: string): Result<Uint8Array> {
  onPath(raw_read_file, path);
  return loadResult<Uint8Array>(IMPORT_RET, 4, loadBytes);
}

/** Writes a file, replacing it; null on success. */
export function writeFile(path: string, content: string): string | null {
  const p = new Utf8(path);
  const c = new Utf8(content);
  raw_write_file(p.ptr, p.len, c.ptr, c.len, IMPORT_RET);
  p.free();
  c.free();
  return loadUnitResult(IMPORT_RET);
}

/** The entries of a directory. */
export function listFiles(path: string): Result<Array<string>> {
  onPath(raw_list_files, path);
  return loadResult<Array<string>>(IMPORT_RET, 4, loadStringList);
}

/** Deletes a file; null on success. */
export function deleteFile(path: string): string | null {
  onPath(raw_delete_file, path);
  return loadUnitResult(IMPORT_RET);
}

/** Creates a directory; null on success. */
export function createDir(path: string): string | null {
  onPath(raw_create_dir, path);
  return loadUnitResult(IMPORT_RET);
}

/** Deletes a directory and its contents; null on success. */
export function deleteDir(path: string): string | null {
  onPath(raw_delete_dir, path);
  return loadUnitResult(IMPORT_RET);
}

/** Whether a path exists. */
export function pathExists(path: string): Result<bool> {
  onPath(raw_path_exists, path);
  return loadResult<bool>(IMPORT_RET, 4, loadBool);
}

/** Runs a command in a directory. */
export function executeCommand(dir: string, command: string, args: Array<string>): Result<CommandResult> {
  const d = new Utf8(dir);
  const c = new Utf8(command);
  const a = lowerStrings(args);
  raw_execute_command(d.ptr, d.len, c.ptr, c.len, a.ptr, a.len, IMPORT_RET);
  d.free();
  c.free();
  a.free();
  return loadResult<CommandResult>(IMPORT_RET, 4, loadCommandResult);
}

/** Runs a nix command in a directory. */
export function executeNixCommand(dir: string, command: string): Result<CommandResult> {
  const d = new Utf8(dir);
  const c = new Utf8(command);
  raw_execute_nix_command(d.ptr, d.len, c.ptr, c.len, IMPORT_RET);
  d.free();
  c.free();
  return loadResult<CommandResult>(IMPORT_RET, 4, loadCommandResult);
}
