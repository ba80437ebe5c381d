//! `theater:simple/filesystem`: files under the directory an actor may use (plugin handler `filesystem`).

use crate::abi::{call_with_return_area, LoweredList};
use crate::{wit_record, wit_variant};

wit_record! {
    /// The output of a command that ran.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct CommandSuccess {
        pub stdout: String,
        pub stderr: String,
        pub exit_code: i32,
    }
}

wit_record! {
    /// A command that could not run.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct CommandError {
        pub message: String,
    }
}

wit_variant! {
    /// The outcome of a command.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub enum CommandResult {
        Success(CommandSuccess),
        Error(CommandError),
    }
}

type S = *const u8;

#[link(wasm_import_module = "theater:simple/filesystem")]
extern "C" {
    #[link_name = "read-file"]
    fn raw_read_file(path: S, path_len: usize, ret: *mut u8);
    #[link_name = "write-file"]
    fn raw_write_file(path: S, path_len: usize, content: S, content_len: usize, ret: *mut u8);
    #[link_name = "list-files"]
    fn raw_list_files(path: S, path_len: usize, ret: *mut u8);
    #[link_name = "delete-file"]
    fn raw_delete_file(path: S, path_len: usize, ret: *mut u8);
    #[link_name = "create-dir"]
    fn raw_create_dir(path: S, path_len: usize, ret: *mut u8);
    #[link_name = "delete-dir"]
    fn raw_delete_dir(path: S, path_len: usize, ret: *mut u8);
    #[link_name = "path-exists"]
    fn raw_path_exists(path: S, path_len: usize, ret: *mut u8);
    #[link_name = "execute-command"]
    fn raw_execute_command(dir: S, dir_len: usize, command: S, command_len: usize, args: S, args_len: usize, ret: *mut u8);
    #[link_name = "execute-nix-command"]
    fn raw_execute_nix_command(dir: S, dir_len: usize, command: S, command_len: usize, ret: *mut u8);
}

/// A file's contents.
pub fn read_file(path: &str) -> Result<Vec<u8>, String> {
    call_with_return_area(|ret| unsafe { raw_read_file(path.as_ptr(), path.len(), ret) })
}

/// Writes a file, replacing it.
pub fn write_file(path: &str, content: &str) -> Result<(), String> {
    call_with_return_area(|ret| unsafe {
        raw_write_file(path.as_ptr(), path.len(), content.as_ptr(), content.len(), ret)
    })
}

/// The entries of a directory.
pub fn list_files(path: &str) -> Result<Vec<String>, String> {
    call_with_return_area(|ret| unsafe { raw_list_files(path.as_ptr(), path.len(), ret) })
}

/// Deletes a file.
pub fn delete_file(path: &str) -> Result<(), String> {
    call_with_return_area(|ret| unsafe { raw_delete_file(path.as_ptr(), path.len(), ret) })
}

/// Creates a directory.
pub fn create_dir(path: &str) -> Result<(), String> {
    call_with_return_area(|ret| unsafe { raw_create_dir(path.as_ptr(), path.len(), ret) })
}

/// Deletes a directory and its contents.
pub fn delete_dir(path: &str) -> Result<(), String> {
    call_with_return_area(|ret| unsafe { raw_delete_dir(path.as_ptr(), path.len(), ret) })
}

/// Whether a path exists.
pub fn path_exists(path: &str) -> Result<bool, String> {
    call_with_return_area(|ret| unsafe { raw_path_exists(path.as_ptr(), path.len(), ret) })
}

/// Runs a command in a directory.
pub fn execute_command(dir: &str, command: &str, args: &[&str]) -> Result<CommandResult, String> {
    let args = LoweredList::new(args.iter().map(|a| a.to_string()).collect::<Vec<String>>());
    call_with_return_area(|ret| unsafe {
        raw_execute_command(dir.as_ptr(), dir.len(), command.as_ptr(), command.len(), args.ptr(), args.len(), ret)
    })
}

/// Runs a nix command in a directory.
pub fn execute_nix_command(dir: &str, command: &str) -> Result<CommandResult, String> {
    call_with_return_area(|ret| unsafe {
        raw_execute_nix_command(dir.as_ptr(), dir.len(), command.as_ptr(), command.len(), ret)
    })
}
