//! Panics become `err` results.
//!
//! WebAssembly 1.0 has no exceptions, so a Rust panic on `wasm32-unknown-unknown` normally ends in a trap, and the
//! host learns nothing but "unreachable". This module turns a panic inside an export into the export's `err`
//! result carrying the panic message:
//!
//! 1. The link argument `--wrap=rust_begin_unwind` sends every panic to `__wrap_rust_begin_unwind` below instead of
//!    the standard library's handler. Inside a [`catch`], it formats the message and starts an *unwind*.
//! 2. Unwinding is Binaryen's Asyncify transformation, applied after linking (`wasm-opt --asyncify`): every function
//!    that can reach a panic checks, after each such call, whether an unwind is under way, and if so returns at
//!    once. The stack unwinds up to [`catch`], which stops the unwind and returns `Err(message)`.
//! 3. No destructor runs on the way (like `panic = "abort"`), so memory the unwound frames owned stays allocated.
//!    The actor's state is safe: an `err` result leaves the host's copy of the state unchanged, and the next call
//!    decodes it afresh.
//!
//! Asyncify records each unwound frame in spare memory above the heap (at least 64 KiB); a stack too deep to fit
//! traps at the end of linear memory instead of overwriting anything. A panic outside any [`catch`] (in a
//! `cabi_post_*` function, or a user export that does not use it) goes to the standard library's handler and traps.
//!
//! A module that was not post-processed with `wasm-opt --asyncify` still imports `asyncify.start_unwind`, and one
//! linked without `--wrap` imports `env.__real_rust_begin_unwind`: the runtime refuses both at spawn, naming the
//! import. `scripts/build-guests` and `guest-sdk/rust/README.md` show the build.

use std::fmt::Write;
use std::panic::PanicInfo;

#[link(wasm_import_module = "asyncify")]
extern "C" {
    #[link_name = "start_unwind"]
    fn asyncify_start_unwind(data: *mut u32);
    #[link_name = "stop_unwind"]
    fn asyncify_stop_unwind();
}

extern "Rust" {
    /// The standard library's panic handler (`rust_begin_unwind`), reachable under this name through `--wrap`.
    fn __real_rust_begin_unwind(info: &PanicInfo<'_>) -> !;
}

/// Spare memory Asyncify may use for the frames it unwinds: at least this much.
const UNWIND_SPACE: usize = 64 * 1024;

/// Asyncify's data structure: the current and the end address of its scratch memory.
static mut UNWIND_DATA: [u32; 2] = [0, 0];
/// A [`catch`] is under way. Exports do not nest: the host never calls into an actor that is inside a call.
static mut CATCHING: bool = false;
/// An unwind was started and not yet stopped.
static mut UNWINDING: bool = false;
/// The panic handler is formatting a message: a panic now is a panic inside a panic.
static mut FORMATTING: bool = false;
static mut MESSAGE: Option<String> = None;

/// Runs `f`; a panic inside it becomes `Err` with the panic message (`panicked at '<message>', <file>:<line>:<col>`).
pub fn catch<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    // Keeps a frame on the shadow stack: this function's epilogue then resets the stack pointer, which the unwound
    // frames below never restored.
    let mut anchor = [0u8; 16];
    unsafe {
        touch(anchor.as_mut_ptr());
        recover();
        CATCHING = true;
        let mut out = std::mem::MaybeUninit::<R>::uninit();
        run(f, &mut out);
        CATCHING = false;
        if UNWINDING {
            asyncify_stop_unwind();
            UNWINDING = false;
            return Err(MESSAGE.take().unwrap_or_else(|| String::from("panicked")));
        }
        Ok(out.assume_init())
    }
}

/// Puts everything back after a call that trapped: in user code, while formatting a panic message, or while
/// unwinding (its frames did not fit the spare memory).
unsafe fn recover() {
    if UNWINDING {
        UNWIND_DATA[0] = UNWIND_DATA[1];
        asyncify_stop_unwind();
        UNWINDING = false;
    }
    FORMATTING = false;
    MESSAGE = None;
}

#[inline(never)]
fn run<R>(f: impl FnOnce() -> R, out: &mut std::mem::MaybeUninit<R>) {
    out.write(f());
}

#[inline(never)]
fn touch(ptr: *mut u8) {
    unsafe { std::ptr::write_volatile(ptr, 0) }
}

/// Starts the unwind, unless memory cannot grow to give it room (then the panic traps). Asyncify leaves this
/// function (which calls its runtime) uninstrumented, so it returns normally, and its caller returns at once
/// because an unwind is under way.
#[inline(never)]
unsafe fn start() {
    if let Some((start, end)) = crate::heap::spare(UNWIND_SPACE) {
        UNWIND_DATA = [start as u32, end as u32];
        UNWINDING = true;
        asyncify_start_unwind(UNWIND_DATA.as_mut_ptr());
    }
}

/// Where `--wrap=rust_begin_unwind` sends every panic.
#[no_mangle]
pub extern "Rust" fn __wrap_rust_begin_unwind(info: &PanicInfo<'_>) -> ! {
    unsafe {
        if CATCHING && !UNWINDING && !FORMATTING {
            FORMATTING = true;
            let mut message = String::new();
            let _ = write!(message, "{}", info);
            FORMATTING = false;
            MESSAGE = Some(message);
            // When the unwind starts, Asyncify returns from here at once and the call below is not reached.
            start();
        }
        __real_rust_begin_unwind(info)
    }
}
