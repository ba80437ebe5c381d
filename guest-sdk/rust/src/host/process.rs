//! `theater:simple/process`: operating-system processes (handler `process`). Output and exit arrive at the
//! actor's [`ProcessHandlers`](crate::actor::ProcessHandlers) exports.

use crate::abi::{call_with_return_area, LoweredList};
use crate::{wit_enum, wit_record};

wit_enum! {
    /// How a process's output is cut into messages (`variant output-mode`, whose cases carry nothing).
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum OutputMode {
        /// Bytes as they arrive.
        Raw,
        /// One message per line.
        LineByLine,
        /// One message per line, each a JSON value.
        Json,
        /// Messages of `chunk_size` bytes.
        Chunked,
    }
}

/// What to run and how (`record process-config`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProcessConfig {
    /// The program to run.
    pub program: String,
    /// Its arguments.
    pub args: Vec<String>,
    /// Its working directory; `None` for the handler's default.
    pub cwd: Option<String>,
    /// Environment variables (name, value).
    pub env: Vec<(String, String)>,
    /// The read buffer size in bytes.
    pub buffer_size: u32,
    /// How stdout is delivered.
    pub stdout_mode: OutputMode,
    /// How stderr is delivered.
    pub stderr_mode: OutputMode,
    /// The chunk size in bytes for [`OutputMode::Chunked`].
    pub chunk_size: Option<u32>,
    /// Kill the process after this many milliseconds; `None` for no limit.
    pub execution_timeout: Option<u64>,
}

impl ProcessConfig {
    /// `program` with `args`, line by line on both streams, a 4 KiB buffer, no timeout.
    pub fn new(program: &str, args: &[&str]) -> Self {
        ProcessConfig {
            program: program.to_string(),
            args: args.iter().map(|a| a.to_string()).collect(),
            cwd: None,
            env: Vec::new(),
            buffer_size: 4096,
            stdout_mode: OutputMode::LineByLine,
            stderr_mode: OutputMode::LineByLine,
            chunk_size: None,
            execution_timeout: None,
        }
    }
}

wit_record! {
    /// The state of a spawned process.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct ProcessStatus {
        pub pid: u64,
        pub running: bool,
        pub exit_code: Option<i32>,
        /// Milliseconds since the Unix epoch.
        pub start_time: u64,
    }
}

#[link(wasm_import_module = "theater:simple/process")]
extern "C" {
    // process-config flattens to exactly 16 values, so it is passed flat.
    #[link_name = "os-spawn"]
    fn raw_os_spawn(
        program: *const u8,
        program_len: usize,
        args: *const u8,
        args_len: usize,
        cwd_is_some: u32,
        cwd: *const u8,
        cwd_len: usize,
        env: *const u8,
        env_len: usize,
        buffer_size: u32,
        stdout_mode: u32,
        stderr_mode: u32,
        chunk_is_some: u32,
        chunk_size: u32,
        timeout_is_some: u32,
        timeout: u64,
        ret: *mut u8,
    );
    #[link_name = "os-write-stdin"]
    fn raw_os_write_stdin(pid: u64, data: *const u8, data_len: usize, ret: *mut u8);
    #[link_name = "os-status"]
    fn raw_os_status(pid: u64, ret: *mut u8);
    #[link_name = "os-signal"]
    fn raw_os_signal(pid: u64, signal: u32, ret: *mut u8);
    #[link_name = "os-kill"]
    fn raw_os_kill(pid: u64, ret: *mut u8);
}

/// Starts a process; its pid.
pub fn os_spawn(config: &ProcessConfig) -> Result<u64, String> {
    let args = LoweredList::new(config.args.clone());
    let env = LoweredList::new(config.env.clone());
    let (cwd_is_some, cwd, cwd_len) = match &config.cwd {
        Some(c) => (1, c.as_ptr(), c.len()),
        None => (0, std::ptr::null(), 0),
    };
    let (chunk_is_some, chunk) = match config.chunk_size {
        Some(c) => (1, c),
        None => (0, 0),
    };
    let (timeout_is_some, timeout) = match config.execution_timeout {
        Some(t) => (1, t),
        None => (0, 0),
    };
    call_with_return_area(|ret| unsafe {
        raw_os_spawn(
            config.program.as_ptr(),
            config.program.len(),
            args.ptr(),
            args.len(),
            cwd_is_some,
            cwd,
            cwd_len,
            env.ptr(),
            env.len(),
            config.buffer_size,
            config.stdout_mode as u32,
            config.stderr_mode as u32,
            chunk_is_some,
            chunk,
            timeout_is_some,
            timeout,
            ret,
        )
    })
}

/// Writes to a process's stdin; the number of bytes written.
pub fn os_write_stdin(pid: u64, data: &[u8]) -> Result<u32, String> {
    call_with_return_area(|ret| unsafe { raw_os_write_stdin(pid, data.as_ptr(), data.len(), ret) })
}

/// A process's status.
pub fn os_status(pid: u64) -> Result<ProcessStatus, String> {
    call_with_return_area(|ret| unsafe { raw_os_status(pid, ret) })
}

/// Sends a POSIX signal to a process.
pub fn os_signal(pid: u64, signal: u32) -> Result<(), String> {
    call_with_return_area(|ret| unsafe { raw_os_signal(pid, signal, ret) })
}

/// Kills a process.
pub fn os_kill(pid: u64) -> Result<(), String> {
    call_with_return_area(|ret| unsafe { raw_os_kill(pid, ret) })
}
