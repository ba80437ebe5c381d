//! The guest's memory allocator: Rust's global allocator and the canonical ABI's `cabi_realloc`.
//!
//! Blocks come in power-of-two size classes from 16 bytes to 2 GiB, each with an 8-byte header in front, and are
//! 8-aligned (larger alignments are served from a bigger block). A freed block goes onto the free list of its class
//! and is reused by the next request of that class; otherwise the heap grows upward from `__heap_base` with
//! `memory.grow`. Freeing never needs the size, so a block the host allocated through `cabi_realloc` can be freed
//! as a `String` or `Vec` of any capacity.
//!
//! The code here never panics (a broken invariant traps directly): it runs on every path, including the host's
//! `cabi_realloc` calls and the unwinding of a panic.

use core::alloc::{GlobalAlloc, Layout};
use core::arch::wasm32;

const PAGE: usize = 65536;
const HEADER: usize = 8;
const MIN_BITS: u32 = 4;
const MAX_BITS: u32 = 31;
const CLASSES: usize = (MAX_BITS - MIN_BITS + 1) as usize;
const LIVE: u32 = 0x7EA7_A11C;
const FREE: u32 = 0x7EA7_F4EE;
const OFFSET: u32 = 0x7EA7_0FF5;

struct Heap {
    top: usize,
    free: [usize; CLASSES],
    live: usize,
}

static mut HEAP: Heap = Heap { top: 0, free: [0; CLASSES], live: 0 };

extern "C" {
    static __heap_base: u8;
}

/// The allocator behind `alloc`, `Vec` and `String` in every actor built with this crate.
pub struct TheaterAllocator;

#[global_allocator]
static GLOBAL: TheaterAllocator = TheaterAllocator;

unsafe impl GlobalAlloc for TheaterAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        allocate(layout.size(), layout.align())
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        release(ptr)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        resize(ptr, layout.size(), layout.align(), new_size)
    }
}

/// Called by the host to allocate guest memory for strings, lists and parameters it passes in. The host only ever
/// allocates (`old_ptr` is 0); a zero-size request gets an aligned address that is never freed.
///
/// # Safety
/// Called by the host with the canonical ABI's arguments.
#[no_mangle]
pub unsafe extern "C" fn cabi_realloc(old_ptr: *mut u8, old_size: usize, align: usize, new_size: usize) -> *mut u8 {
    if align == 0 || !align.is_power_of_two() {
        wasm32::unreachable();
    }
    if old_ptr.is_null() {
        if new_size == 0 {
            return align as *mut u8;
        }
        let ptr = allocate(new_size, align);
        if ptr.is_null() {
            wasm32::unreachable();
        }
        return ptr;
    }
    let ptr = resize(old_ptr, old_size, align, new_size);
    if ptr.is_null() {
        wasm32::unreachable();
    }
    ptr
}

/// How many blocks are allocated and not yet freed: lets a test see that a call leaves nothing behind.
pub fn live_blocks() -> usize {
    unsafe { HEAP.live }
}

#[inline]
fn class_bits(size: usize) -> u32 {
    let size = if size < (1 << MIN_BITS) { 1 << MIN_BITS } else { size };
    usize::BITS - (size - 1).leading_zeros()
}

#[inline]
unsafe fn header(ptr: *mut u8) -> *mut u32 {
    ptr.sub(HEADER) as *mut u32
}

unsafe fn heap_start() -> usize {
    if HEAP.top == 0 {
        HEAP.top = (&__heap_base as *const u8 as usize + 7) & !7;
    }
    HEAP.top
}

/// Makes memory end at or after `end`; false when it cannot grow that far.
unsafe fn reach(end: u64) -> bool {
    let have = (wasm32::memory_size(0) * PAGE) as u64;
    if end <= have {
        return true;
    }
    if end > 1u64 << 32 {
        return false;
    }
    let pages = ((end - have + PAGE as u64 - 1) / PAGE as u64) as usize;
    wasm32::memory_grow(0, pages) != usize::MAX
}

unsafe fn bump(capacity: usize) -> *mut u8 {
    let start = heap_start();
    let end = start as u64 + HEADER as u64 + capacity as u64;
    if !reach(end) {
        return core::ptr::null_mut();
    }
    HEAP.top = end as usize;
    (start + HEADER) as *mut u8
}

unsafe fn allocate(size: usize, align: usize) -> *mut u8 {
    if align > HEADER {
        return allocate_aligned(size, align);
    }
    let bits = class_bits(size);
    if bits > MAX_BITS {
        return core::ptr::null_mut();
    }
    let class = (bits - MIN_BITS) as usize;
    let slot = HEAP.free.as_mut_ptr().add(class);
    let ptr = if *slot != 0 {
        let ptr = *slot as *mut u8;
        *slot = *(ptr as *const usize);
        ptr
    } else {
        let ptr = bump(1 << bits);
        if ptr.is_null() {
            return ptr;
        }
        ptr
    };
    let h = header(ptr);
    *h = bits;
    *h.add(1) = LIVE;
    HEAP.live += 1;
    ptr
}

/// A block aligned above 8: carved out of a bigger block, with a header that points back to it.
unsafe fn allocate_aligned(size: usize, align: usize) -> *mut u8 {
    let outer = match size.checked_add(align) {
        Some(n) => allocate(n, HEADER),
        None => return core::ptr::null_mut(),
    };
    if outer.is_null() {
        return outer;
    }
    let mut ptr = (outer as usize + align - 1) & !(align - 1);
    if ptr == outer as usize {
        ptr += align;
    }
    let ptr = ptr as *mut u8;
    let h = header(ptr);
    *h = (ptr as usize - outer as usize) as u32;
    *h.add(1) = OFFSET;
    ptr
}

unsafe fn capacity(ptr: *mut u8) -> usize {
    let h = header(ptr);
    match *h.add(1) {
        LIVE => 1 << *h,
        OFFSET => {
            let offset = *h as usize;
            capacity(ptr.sub(offset)) - offset
        }
        _ => wasm32::unreachable(),
    }
}

unsafe fn release(ptr: *mut u8) {
    let h = header(ptr);
    match *h.add(1) {
        LIVE => {
            *h.add(1) = FREE;
            let slot = HEAP.free.as_mut_ptr().add((*h - MIN_BITS) as usize);
            *(ptr as *mut usize) = *slot;
            *slot = ptr as usize;
            HEAP.live -= 1;
        }
        OFFSET => release(ptr.sub(*h as usize)),
        // A double free, or a pointer this allocator never handed out: stop before the heap is corrupted.
        _ => wasm32::unreachable(),
    }
}

unsafe fn resize(ptr: *mut u8, old_size: usize, align: usize, new_size: usize) -> *mut u8 {
    if new_size <= capacity(ptr) && ptr as usize & (align - 1) == 0 {
        return ptr;
    }
    let fresh = allocate(new_size, align);
    if !fresh.is_null() {
        core::ptr::copy_nonoverlapping(ptr, fresh, if old_size < new_size { old_size } else { new_size });
        release(ptr);
    }
    fresh
}

/// Memory above everything allocated so far, at least `min` bytes, up to the end of linear memory; `None` when
/// memory cannot grow that far. Writing past its end traps instead of overwriting anything, because nothing lies
/// beyond the end of memory. The unwinding of a panic keeps its records there (see `unwind`).
pub(crate) unsafe fn spare(min: usize) -> Option<(usize, usize)> {
    let start = heap_start();
    if !reach(start as u64 + min as u64) {
        return None;
    }
    Some((start, wasm32::memory_size(0) * PAGE))
}
