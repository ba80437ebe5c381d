//! The canonical ABI (`docs/abi.md`): how WIT values lie in linear memory, and who owns what.
//!
//! [`Wit`] is implemented by every type that crosses the boundary: the numbers, `bool`, `char`, `String`,
//! `Vec<T>`, `Option<T>`, `Result<T, E>`, tuples up to eight elements and `()` (the missing payload of
//! `result<_, E>`), plus the records, variants, enums and flags declared with [`wit_record!`](crate::wit_record),
//! [`wit_variant!`](crate::wit_variant), [`wit_enum!`](crate::wit_enum) and [`wit_flags!`](crate::wit_flags).
//!
//! Ownership follows the canonical ABI: [`Wit::lift`] takes ownership of the strings and lists the value points to
//! (the host allocated them with this module's `cabi_realloc`), [`Wit::lower`] hands ownership of the value's
//! strings and lists to the memory it writes, and [`Wit::free`] releases what a lowered value owns. An export lowers
//! its result into [`RetArea`] and frees it in its `cabi_post_*` function once the host has read it.
//!
//! The flat forms (values passed as core parameters) are unpacked by hand with the `lift_*` helpers below; see
//! the conformance guest (`theater-core/src/test/resources/guests/conformance/rust`) for every type family.

use std::alloc::{alloc, dealloc, handle_alloc_error, Layout};
use std::mem;

/// A type with a canonical ABI layout.
///
/// # Safety
/// `SIZE` and `ALIGN` must be the canonical size and alignment, `lift` must read exactly that layout, and
/// `PLAIN` may only be true when Rust lays the type out the same way and a value owns nothing.
pub unsafe trait Wit: Sized {
    /// The size in linear memory, in bytes.
    const SIZE: usize;
    /// The alignment in linear memory.
    const ALIGN: usize;
    /// True for numbers: a `list<T>` of them is adopted or handed over as it is, without copying.
    const PLAIN: bool = false;

    /// Reads a value from `src`, taking ownership of the blocks it points to.
    ///
    /// # Safety
    /// `src` must point to a valid, aligned value of this type whose blocks came from this module's allocator.
    unsafe fn lift(src: *const u8) -> Self;

    /// Writes the value to `dst`; the memory now owns its strings and lists.
    ///
    /// # Safety
    /// `dst` must be valid for `SIZE` bytes and aligned to `ALIGN`.
    unsafe fn lower(self, dst: *mut u8);

    /// Frees the blocks owned by the value lowered at `src`.
    ///
    /// # Safety
    /// `src` must hold a value written by [`Wit::lower`] that nothing else frees.
    unsafe fn free(src: *const u8) {
        let _ = src;
    }
}

/// `offset` rounded up to a multiple of `align`.
pub const fn align_to(offset: usize, align: usize) -> usize {
    (offset + align - 1) & !(align - 1)
}

/// The larger of two sizes or alignments.
pub const fn max(a: usize, b: usize) -> usize {
    if a > b {
        a
    } else {
        b
    }
}

/// The alignment of a record: the largest field alignment.
pub const fn record_align(fields: &[(usize, usize)]) -> usize {
    let mut align = 1;
    let mut i = 0;
    while i < fields.len() {
        align = max(align, fields[i].1);
        i += 1;
    }
    align
}

/// The size of a record of `(size, align)` fields laid out in order.
pub const fn record_size(fields: &[(usize, usize)]) -> usize {
    let mut offset = 0;
    let mut i = 0;
    while i < fields.len() {
        offset = align_to(offset, fields[i].1) + fields[i].0;
        i += 1;
    }
    align_to(offset, record_align(fields))
}

/// The size of a variant's discriminant: 1 byte up to 256 cases, 2 up to 65,536, else 4.
pub const fn discriminant_size(cases: usize) -> usize {
    if cases <= 256 {
        1
    } else if cases <= 65536 {
        2
    } else {
        4
    }
}

/// Where the payload of a variant starts, from its case count and its payloads' largest alignment.
pub const fn payload_offset(cases: usize, payload_align: usize) -> usize {
    align_to(discriminant_size(cases), payload_align)
}

/// The alignment of a variant.
pub const fn variant_align(cases: usize, payload_align: usize) -> usize {
    max(discriminant_size(cases), payload_align)
}

/// The size of a variant.
pub const fn variant_size(cases: usize, payload_size: usize, payload_align: usize) -> usize {
    align_to(payload_offset(cases, payload_align) + payload_size, variant_align(cases, payload_align))
}

/// Reads a discriminant and checks it against the case count.
///
/// # Safety
/// `src` must point to a readable discriminant of a variant with `cases` cases.
pub unsafe fn read_discriminant(src: *const u8, cases: usize, type_name: &str) -> usize {
    let d = match discriminant_size(cases) {
        1 => *src as usize,
        2 => *(src as *const u16) as usize,
        _ => *(src as *const u32) as usize,
    };
    if d >= cases {
        violation(format_args!("{} discriminant {} is out of range (it has {} cases)", type_name, d, cases));
    }
    d
}

/// Writes a discriminant.
///
/// # Safety
/// `dst` must be writable for the discriminant of a variant with `cases` cases.
pub unsafe fn write_discriminant(dst: *mut u8, cases: usize, d: usize) {
    match discriminant_size(cases) {
        1 => *dst = d as u8,
        2 => *(dst as *mut u16) = d as u16,
        _ => *(dst as *mut u32) = d as u32,
    }
}

/// Fails the current call: a value broke a rule of the canonical ABI.
#[cold]
pub fn violation(what: std::fmt::Arguments<'_>) -> ! {
    panic!("canonical ABI violation: {}", what)
}

/// A block for `size` bytes at `align` from the guest's allocator; a dangling aligned pointer when `size` is 0.
pub fn allocate(size: usize, align: usize) -> *mut u8 {
    if size == 0 {
        return align as *mut u8;
    }
    let layout = Layout::from_size_align(size, align).unwrap_or_else(|_| violation(format_args!("bad layout")));
    let ptr = unsafe { alloc(layout) };
    if ptr.is_null() {
        handle_alloc_error(layout);
    }
    ptr
}

/// Frees a block from [`allocate`] or `cabi_realloc` (nothing when `size` is 0).
///
/// # Safety
/// The block must be live and owned by the caller.
pub unsafe fn release(ptr: *mut u8, size: usize, align: usize) {
    if size != 0 {
        dealloc(ptr, Layout::from_size_align_unchecked(size, align));
    }
}

/// Takes ownership of `len` bytes the host allocated at `ptr`.
///
/// # Safety
/// The block must come from this module's `cabi_realloc` (or `len` must be 0).
pub unsafe fn lift_bytes(ptr: *mut u8, len: usize) -> Vec<u8> {
    if len == 0 {
        return Vec::new();
    }
    Vec::from_raw_parts(ptr, len, len)
}

/// Takes ownership of a UTF-8 string the host allocated at `ptr`.
///
/// # Safety
/// As for [`lift_bytes`].
pub unsafe fn lift_string(ptr: *mut u8, len: usize) -> String {
    match String::from_utf8(lift_bytes(ptr, len)) {
        Ok(s) => s,
        Err(e) => violation(format_args!("a string is not valid UTF-8: {}", e.utf8_error())),
    }
}

/// Takes ownership of a list of `len` elements at `ptr`.
///
/// # Safety
/// As for [`lift_bytes`]; the elements must be valid values of `T`.
pub unsafe fn lift_list<T: Wit>(ptr: *mut u8, len: usize) -> Vec<T> {
    if len == 0 {
        return Vec::new();
    }
    if T::PLAIN {
        return Vec::from_raw_parts(ptr as *mut T, len, len);
    }
    let mut out = Vec::with_capacity(len);
    for i in 0..len {
        out.push(T::lift(ptr.add(i * T::SIZE)));
    }
    release(ptr, len * T::SIZE, T::ALIGN);
    out
}

/// An `option<list<u8>>` from its flat form.
///
/// # Safety
/// As for [`lift_bytes`].
pub unsafe fn lift_option_bytes(is_some: u32, ptr: *mut u8, len: usize) -> Option<Vec<u8>> {
    match is_some {
        0 => None,
        1 => Some(lift_bytes(ptr, len)),
        d => violation(format_args!("option discriminant {} is out of range", d)),
    }
}

/// An `option<string>` from its flat form.
///
/// # Safety
/// As for [`lift_bytes`].
pub unsafe fn lift_option_string(is_some: u32, ptr: *mut u8, len: usize) -> Option<String> {
    match is_some {
        0 => None,
        1 => Some(lift_string(ptr, len)),
        d => violation(format_args!("option discriminant {} is out of range", d)),
    }
}

/// A `char` from its flat form.
pub fn lift_char(v: u32) -> char {
    char::from_u32(v).unwrap_or_else(|| violation(format_args!("{:#x} is not a Unicode scalar value", v)))
}

/// Hands a list over to linear memory: returns its `(ptr, len)`; free it with [`Wit::free`] of `Vec<T>`, or lift it.
pub fn lower_list<T: Wit>(mut list: Vec<T>) -> (*mut u8, usize) {
    let len = list.len();
    if len == 0 {
        return (T::ALIGN as *mut u8, 0);
    }
    if T::PLAIN {
        list.shrink_to_fit();
        let ptr = list.as_mut_ptr() as *mut u8;
        mem::forget(list);
        return (ptr, len);
    }
    let ptr = allocate(len * T::SIZE, T::ALIGN);
    for (i, item) in list.into_iter().enumerate() {
        unsafe { item.lower(ptr.add(i * T::SIZE)) };
    }
    (ptr, len)
}

/// Hands a string over to linear memory: returns its `(ptr, len)`.
pub fn lower_string(s: String) -> (*mut u8, usize) {
    lower_list(s.into_bytes())
}

/// Frees a list at `(ptr, len)` that [`lower_list`] handed over.
///
/// # Safety
/// The list must be owned by the caller and not freed twice.
pub unsafe fn free_list<T: Wit>(ptr: *mut u8, len: usize) {
    if len == 0 {
        return;
    }
    if !T::PLAIN {
        for i in 0..len {
            T::free(ptr.add(i * T::SIZE));
        }
    }
    release(ptr, len * T::SIZE, T::ALIGN);
}

/// A value lowered into a block of its own, for a parameter passed through memory (more than 16 flat values, or
/// a list of non-numbers passed to a host function). The block and everything in it are freed on drop.
pub struct Lowered<T: Wit> {
    ptr: *mut u8,
    _type: std::marker::PhantomData<T>,
}

impl<T: Wit> Lowered<T> {
    /// Lowers `value` into a fresh block.
    pub fn new(value: T) -> Self {
        let ptr = allocate(max(T::SIZE, 1), T::ALIGN);
        unsafe { value.lower(ptr) };
        Lowered { ptr, _type: std::marker::PhantomData }
    }

    /// Where the value lies.
    pub fn ptr(&self) -> *mut u8 {
        self.ptr
    }
}

impl<T: Wit> Drop for Lowered<T> {
    fn drop(&mut self) {
        unsafe {
            T::free(self.ptr);
            release(self.ptr, max(T::SIZE, 1), T::ALIGN);
        }
    }
}

/// A list lowered for a host call: `(ptr, len)` stay valid until it is dropped, then everything is freed.
pub struct LoweredList<T: Wit> {
    ptr: *mut u8,
    len: usize,
    _type: std::marker::PhantomData<T>,
}

impl<T: Wit> LoweredList<T> {
    /// Lowers the elements into a fresh block.
    pub fn new(items: Vec<T>) -> Self {
        let (ptr, len) = lower_list(items);
        LoweredList { ptr, len, _type: std::marker::PhantomData }
    }

    /// The list's address.
    pub fn ptr(&self) -> *mut u8 {
        self.ptr
    }

    /// The number of elements.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when there are no elements.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl<T: Wit> Drop for LoweredList<T> {
    fn drop(&mut self) {
        unsafe { free_list::<T>(self.ptr, self.len) }
    }
}

/// The return area of a host call: `call_with_return_area(|ret| raw_import(..., ret))` passes the pointer to the
/// host function, then lifts its result (taking ownership of what the host allocated).
pub fn call_with_return_area<T: Wit>(call: impl FnOnce(*mut u8)) -> T {
    #[repr(C, align(8))]
    struct Area([u8; 256]);
    if T::SIZE > 256 {
        violation(format_args!("a result of {} bytes does not fit the 256-byte return area", T::SIZE));
    }
    let mut area = mem::MaybeUninit::<Area>::uninit();
    let ptr = area.as_mut_ptr() as *mut u8;
    call(ptr);
    unsafe { T::lift(ptr) }
}

/// The return area of an export: the host reads the result from it after the export returned, then calls the
/// export's `cabi_post_*` function, which frees what the result owns. Calls never overlap, so one area serves all
/// exports of a module.
pub struct RetArea;

#[repr(C, align(8))]
struct RetBytes([u8; RET_AREA_SIZE]);

const RET_AREA_SIZE: usize = 256;
static mut RET_AREA: RetBytes = RetBytes([0; RET_AREA_SIZE]);

impl RetArea {
    /// Lowers an export's result into the return area and returns its address.
    pub fn put<T: Wit>(value: T) -> *mut u8 {
        if T::SIZE > RET_AREA_SIZE {
            violation(format_args!("a result of {} bytes does not fit the return area", T::SIZE));
        }
        unsafe {
            let ptr = RET_AREA.0.as_mut_ptr();
            value.lower(ptr);
            ptr
        }
    }

    /// Frees what the result at `ptr` (from [`RetArea::put`]) owns: the body of a `cabi_post_*` function.
    ///
    /// # Safety
    /// `ptr` must be the address [`RetArea::put`] returned for a `T`, not yet freed.
    pub unsafe fn free<T: Wit>(ptr: *mut u8) {
        T::free(ptr)
    }
}

macro_rules! plain {
    ($($t:ty),*) => {$(
        unsafe impl Wit for $t {
            const SIZE: usize = mem::size_of::<$t>();
            const ALIGN: usize = mem::align_of::<$t>();
            const PLAIN: bool = true;
            unsafe fn lift(src: *const u8) -> Self {
                *(src as *const $t)
            }
            unsafe fn lower(self, dst: *mut u8) {
                *(dst as *mut $t) = self;
            }
        }
    )*};
}

plain!(u8, i8, u16, i16, u32, i32, u64, i64, f32, f64);

unsafe impl Wit for bool {
    const SIZE: usize = 1;
    const ALIGN: usize = 1;
    unsafe fn lift(src: *const u8) -> Self {
        *src != 0
    }
    unsafe fn lower(self, dst: *mut u8) {
        *dst = self as u8;
    }
}

unsafe impl Wit for char {
    const SIZE: usize = 4;
    const ALIGN: usize = 4;
    unsafe fn lift(src: *const u8) -> Self {
        lift_char(*(src as *const u32))
    }
    unsafe fn lower(self, dst: *mut u8) {
        *(dst as *mut u32) = self as u32;
    }
}

unsafe impl Wit for () {
    const SIZE: usize = 0;
    const ALIGN: usize = 1;
    unsafe fn lift(_src: *const u8) -> Self {}
    unsafe fn lower(self, _dst: *mut u8) {}
}

unsafe impl Wit for String {
    const SIZE: usize = 8;
    const ALIGN: usize = 4;
    unsafe fn lift(src: *const u8) -> Self {
        let p = src as *const u32;
        lift_string(*p as *mut u8, *p.add(1) as usize)
    }
    unsafe fn lower(self, dst: *mut u8) {
        let (ptr, len) = lower_string(self);
        let p = dst as *mut u32;
        *p = ptr as u32;
        *p.add(1) = len as u32;
    }
    unsafe fn free(src: *const u8) {
        let p = src as *const u32;
        release(*p as *mut u8, *p.add(1) as usize, 1);
    }
}

unsafe impl<T: Wit> Wit for Vec<T> {
    const SIZE: usize = 8;
    const ALIGN: usize = 4;
    unsafe fn lift(src: *const u8) -> Self {
        let p = src as *const u32;
        lift_list(*p as *mut u8, *p.add(1) as usize)
    }
    unsafe fn lower(self, dst: *mut u8) {
        let (ptr, len) = lower_list(self);
        let p = dst as *mut u32;
        *p = ptr as u32;
        *p.add(1) = len as u32;
    }
    unsafe fn free(src: *const u8) {
        let p = src as *const u32;
        free_list::<T>(*p as *mut u8, *p.add(1) as usize);
    }
}

unsafe impl<T: Wit> Wit for Option<T> {
    const SIZE: usize = variant_size(2, T::SIZE, T::ALIGN);
    const ALIGN: usize = variant_align(2, T::ALIGN);
    unsafe fn lift(src: *const u8) -> Self {
        match read_discriminant(src, 2, "option") {
            0 => None,
            _ => Some(T::lift(src.add(payload_offset(2, T::ALIGN)))),
        }
    }
    unsafe fn lower(self, dst: *mut u8) {
        match self {
            None => write_discriminant(dst, 2, 0),
            Some(v) => {
                write_discriminant(dst, 2, 1);
                v.lower(dst.add(payload_offset(2, T::ALIGN)));
            }
        }
    }
    unsafe fn free(src: *const u8) {
        if *src == 1 {
            T::free(src.add(payload_offset(2, T::ALIGN)));
        }
    }
}

unsafe impl<T: Wit, E: Wit> Wit for Result<T, E> {
    const SIZE: usize = variant_size(2, max(T::SIZE, E::SIZE), max(T::ALIGN, E::ALIGN));
    const ALIGN: usize = variant_align(2, max(T::ALIGN, E::ALIGN));
    unsafe fn lift(src: *const u8) -> Self {
        let payload = src.add(payload_offset(2, max(T::ALIGN, E::ALIGN)));
        match read_discriminant(src, 2, "result") {
            0 => Ok(T::lift(payload)),
            _ => Err(E::lift(payload)),
        }
    }
    unsafe fn lower(self, dst: *mut u8) {
        let payload = dst.add(payload_offset(2, max(T::ALIGN, E::ALIGN)));
        match self {
            Ok(v) => {
                write_discriminant(dst, 2, 0);
                v.lower(payload);
            }
            Err(e) => {
                write_discriminant(dst, 2, 1);
                e.lower(payload);
            }
        }
    }
    unsafe fn free(src: *const u8) {
        let payload = src.add(payload_offset(2, max(T::ALIGN, E::ALIGN)));
        if *src == 0 {
            T::free(payload);
        } else {
            E::free(payload);
        }
    }
}

macro_rules! tuple {
    ($($t:ident $v:ident),+) => {
        unsafe impl<$($t: Wit),+> Wit for ($($t,)+) {
            const SIZE: usize = record_size(&[$(($t::SIZE, $t::ALIGN)),+]);
            const ALIGN: usize = record_align(&[$(($t::SIZE, $t::ALIGN)),+]);
            #[allow(unused_assignments)]
            unsafe fn lift(src: *const u8) -> Self {
                let mut offset = 0;
                $(
                    offset = align_to(offset, $t::ALIGN);
                    let $v = $t::lift(src.add(offset));
                    offset += $t::SIZE;
                )+
                ($($v,)+)
            }
            #[allow(unused_assignments)]
            unsafe fn lower(self, dst: *mut u8) {
                let ($($v,)+) = self;
                let mut offset = 0;
                $(
                    offset = align_to(offset, $t::ALIGN);
                    $v.lower(dst.add(offset));
                    offset += $t::SIZE;
                )+
            }
            #[allow(unused_assignments)]
            unsafe fn free(src: *const u8) {
                let mut offset = 0;
                $(
                    offset = align_to(offset, $t::ALIGN);
                    $t::free(src.add(offset));
                    offset += $t::SIZE;
                )+
            }
        }
    };
}

tuple!(A a);
tuple!(A a, B b);
tuple!(A a, B b, C c);
tuple!(A a, B b, C c, D d);
tuple!(A a, B b, C c, D d, E e);
tuple!(A a, B b, C c, D d, E e, F f);
tuple!(A a, B b, C c, D d, E e, F f, G g);
tuple!(A a, B b, C c, D d, E e, F f, G g, H h);
