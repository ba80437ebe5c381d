// theater:simple/process: operating-system processes (handler "process"). Output and exit arrive at the actor's
// handleStdout / handleStderr / handleExit (export with exports/process).

import { IMPORT_RET, loadResult, loadUnitResult, lowerStringPairs, lowerStrings, Result, Some, StringPair, Utf8 } from "../abi";

/** How a process's output is cut into messages (variant output-mode, whose cases carry nothing). */
export enum OutputMode {
  Raw = 0,
  LineByLine = 1,
  Json = 2,
  Chunked = 3,
}

/** What to run and how (record process-config). */
export class ProcessConfig {
  cwd: string | null = null;
  env: Array<StringPair> = new Array<StringPair>();
  bufferSize: u32 = 4096;
  stdoutMode: OutputMode = OutputMode.LineByLine;
  stderrMode: OutputMode = OutputMode.LineByLine;
  /** The chunk size in bytes for OutputMode.Chunked. */
  chunkSize: Some<u32> | null = null;
  /** Kill the process after this many milliseconds; null for no limit. */
  executionTimeout: Some<u64> | null = null;

  constructor(public program: string, public args: Array<string> = new Array<string>()) {}
}

/** The state of a spawned process (record process-status: 32 bytes, align 8). */
export class ProcessStatus {
  constructor(public pid: u64, public running: bool, public exitCode: Some<i32> | null, public startTime: u64) {}
}

function loadProcessStatus(src: usize): ProcessStatus {
  const exit = load<u8>(src, 12) ? new Some<i32>(load<i32>(src, 16)) : null;
  return new ProcessStatus(load<u64>(src), load<u8>(src, 8) != 0, exit, load<u64>(src, 24));
}

function loadU64(src: usize): u64 {
  return load<u64>(src);
}

function loadU32(src: usize): u32 {
  return load<u32>(src);
}

// process-config flattens to exactly 16 values, so it is passed flat.
// @ts-ignore: decorator
@external("theater:simple/process", "os-spawn")
declare function raw_os_spawn(
  program: usize, programLen: usize, args: usize, argsLen: usize, cwdIsSome: u32, cwd: usize, cwdLen: usize,
  env: usize, envLen: usize, bufferSize: u32, stdoutMode: u32, stderrMode: u32, chunkIsSome: u32, chunkSize: u32,
  timeoutIsSome: u32, timeout: u64, ret: usize,
): void;
// @ts-ignore: decorator
@external("theater:simple/process", "os-write-stdin")
declare function raw_os_write_stdin(pid: u64, data: usize, dataLen: usize, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/process", "os-status")
declare function raw_os_status(pid: u64, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/process", "os-signal")
declare function raw_os_signal(pid: u64, signal: u32, ret: usize): void;
// @ts-ignore: decorator
@external("theater:simple/process", "os-kill")
declare function raw_os_kill(pid: u64, ret: usize): void;

/** Starts a process; its pid. */
export function osSpawn(config: ProcessConfig): Result<u64> {
  const program = new Utf8(config.program);
  const args = lowerStrings(config.args);
  const env = lowerStringPairs(config.env);
  const cwd = config.cwd;
  const c = cwd !== null ? new Utf8(cwd) : null;
  const chunk = config.chunkSize;
  const timeout = config.executionTimeout;
  raw_os_spawn(
    program.ptr, program.len, args.ptr, args.len,
    c !== null ? 1 : 0, c !== null ? c.ptr : 0, c !== null ? c.len : 0,
    env.ptr, env.len, config.bufferSize, <u32>config.stdoutMode, <u32>config.stderrMode,
    chunk !== null ? 1 : 0, chunk !== null ? chunk.value : 0,
    timeout !== null ? 1 : 0, timeout !== null ? timeout.value : 0,
    IMPORT_RET,
  );
  program.free();
  args.free();
  env.free();
  if (c !== null) c.free();
  return loadResult<u64>(IMPORT_RET, 8, loadU64);
}

/** Writes to a process's stdin; the number of bytes written. */
export function osWriteStdin(pid: u64, data: Uint8Array): Result<u32> {
  raw_os_write_stdin(pid, data.dataStart, <usize>data.length, IMPORT_RET);
  return loadResult<u32>(IMPORT_RET, 4, loadU32);
}

/** A process's status. */
export function osStatus(pid: u64): Result<ProcessStatus> {
  raw_os_status(pid, IMPORT_RET);
  return loadResult<ProcessStatus>(IMPORT_RET, 8, loadProcessStatus);
}

/** Sends a POSIX signal to a process; null on success. */
export function osSignal(pid: u64, signal: u32): string | null {
  raw_os_signal(pid, signal, IMPORT_RET);
  return loadUnitResult(IMPORT_RET);
}

/** Kills a process; null on success. */
export function osKill(pid: u64): string | null {
  raw_os_kill(pid, IMPORT_RET);
  return loadUnitResult(IMPORT_RET);
}
