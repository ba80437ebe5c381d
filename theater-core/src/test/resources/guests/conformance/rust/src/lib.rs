//! The conformance guest of `wit/conformance/conformance.wit`, written with the Rust SDK's ABI helpers
//! (`theater_guest::abi`). Like the C guest (`../conformance.c`, whose README the behaviour follows):
//!
//! - `echo-*` lifts its argument into Rust values (taking ownership of what the host allocated) and lowers a
//!   fresh copy as its result; it never calls the host.
//! - `relay-*` lifts its argument, passes it to the host import `theater:conformance/host#echo-*` of the same type,
//!   lifts what the host returned, and returns that: exactly one host call.
//! - Results that own memory are freed by `cabi_post_*` functions, which count themselves.
//! - `test-live-allocations` and `test-post-return-count` are there for the tests.

use theater_guest::abi::{
    call_with_return_area, lift_char, lift_list, lift_string, Lowered, LoweredList, RetArea, Wit,
};
use theater_guest::{wit_enum, wit_flags, wit_record, wit_variant};

wit_record! {
    #[derive(Clone, Debug, PartialEq)]
    pub struct Point { pub x: i32, pub y: i32, pub label: String }
}

wit_variant! {
    #[derive(Clone, Debug, PartialEq)]
    pub enum Shape { Circle(f64), Rect(Point), Named(String), Empty }
}

wit_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Color { Red, Green, Blue }
}

wit_flags! {
    pub struct Perms: u8 { READ = 0, WRITE = 1, EXEC = 2 }
}

wit_record! {
    #[derive(Clone, Debug, PartialEq)]
    pub struct Extremes { pub a: u64, pub b: i64, pub c: u32, pub d: i32, pub e: u16, pub f: i16, pub g: u8, pub h: i8 }
}

wit_record! {
    #[derive(Clone, Debug, PartialEq)]
    pub struct Wide {
        pub f0: i32, pub f1: i32, pub f2: i32, pub f3: i32, pub f4: i32, pub f5: i32, pub f6: i32, pub f7: i32,
        pub f8: i32, pub f9: i32, pub f10: i32, pub f11: i32, pub f12: i32, pub f13: i32, pub f14: i32,
        pub f15: i32, pub f16: i32,
    }
}

type Nested = Option<Result<Option<String>, Vec<u8>>>;
type Quad = (u8, String, f64, bool);

static mut POST_RETURNS: u32 = 0;

#[link(wasm_import_module = "theater:conformance/host")]
extern "C" {
    #[link_name = "echo-point"]
    fn host_echo_point(x: i32, y: i32, label: *const u8, label_len: usize, ret: *mut u8);
    #[link_name = "echo-shape"]
    fn host_echo_shape(d: i32, a: i64, b: i32, c: i32, e: i32, ret: *mut u8);
    #[link_name = "echo-color"]
    fn host_echo_color(v: i32) -> i32;
    #[link_name = "echo-perms"]
    fn host_echo_perms(v: i32) -> i32;
    #[link_name = "echo-nested"]
    fn host_echo_nested(o: i32, r: i32, a: i32, b: i32, c: i32, ret: *mut u8);
    #[link_name = "echo-strings"]
    fn host_echo_strings(list: *const u8, len: usize, ret: *mut u8);
    #[link_name = "echo-quad"]
    fn host_echo_quad(a: i32, s: *const u8, s_len: usize, d: f64, b: i32, ret: *mut u8);
    #[link_name = "echo-char"]
    fn host_echo_char(c: i32) -> i32;
    #[link_name = "echo-extremes"]
    fn host_echo_extremes(a: i64, b: i64, c: i32, d: i32, e: i32, f: i32, g: i32, h: i32, ret: *mut u8);
    #[link_name = "echo-floats"]
    fn host_echo_floats(a: f32, b: f64, ret: *mut u8);
    #[link_name = "echo-wide"]
    fn host_echo_wide(params: *const u8, ret: *mut u8);
}

// ---- lifting the flat forms ----

unsafe fn lift_point(x: i32, y: i32, ptr: *mut u8, len: usize) -> Point {
    Point { x, y, label: lift_string(ptr, len) }
}

/// shape flattens to `i32 i64 i32 i32 i32`: the i64 slot joins circle's f64 (its bits) and the first i32 of rect
/// and named (zero-extended).
unsafe fn lift_shape(d: i32, a: i64, b: i32, c: i32, e: i32) -> Shape {
    match d {
        0 => Shape::Circle(f64::from_bits(a as u64)),
        1 => Shape::Rect(lift_point(a as i32, b, c as u32 as *mut u8, e as u32 as usize)),
        2 => Shape::Named(lift_string(a as u32 as *mut u8, b as u32 as usize)),
        3 => Shape::Empty,
        _ => core::arch::wasm32::unreachable(),
    }
}

/// nested flattens to five i32: option tag, result tag, then ok = (option tag, ptr, len) or err = (ptr, len, 0).
unsafe fn lift_nested(o: i32, r: i32, a: i32, b: i32, c: i32) -> Nested {
    match o {
        0 => None,
        1 => Some(match r {
            0 => Ok(match a {
                0 => None,
                1 => Some(lift_string(b as u32 as *mut u8, c as u32 as usize)),
                _ => core::arch::wasm32::unreachable(),
            }),
            1 => Err(theater_guest::abi::lift_bytes(a as u32 as *mut u8, b as u32 as usize)),
            _ => core::arch::wasm32::unreachable(),
        }),
        _ => core::arch::wasm32::unreachable(),
    }
}

fn lift_color(v: i32) -> Color {
    match Color::CASES.get(v as usize) {
        Some(c) => *c,
        None => core::arch::wasm32::unreachable(),
    }
}

/// Like the spec's lift, unknown flag bits are ignored.
fn lift_perms(v: i32) -> Perms {
    match Perms::from_bits((v as u8) & Perms::ALL.bits()) {
        Some(p) => p,
        None => core::arch::wasm32::unreachable(),
    }
}

// ---- lowering to the flat forms, for the host calls ----

fn flat_shape(v: &Shape) -> (i32, i64, i32, i32, i32) {
    match v {
        Shape::Circle(r) => (0, r.to_bits() as i64, 0, 0, 0),
        Shape::Rect(p) => (1, p.x as u32 as i64, p.y, p.label.as_ptr() as i32, p.label.len() as i32),
        Shape::Named(s) => (2, s.as_ptr() as u32 as i64, s.len() as i32, 0, 0),
        Shape::Empty => (3, 0, 0, 0, 0),
    }
}

fn flat_nested(v: &Nested) -> (i32, i32, i32, i32, i32) {
    match v {
        None => (0, 0, 0, 0, 0),
        Some(Ok(None)) => (1, 0, 0, 0, 0),
        Some(Ok(Some(s))) => (1, 0, 1, s.as_ptr() as i32, s.len() as i32),
        Some(Err(b)) => (1, 1, b.as_ptr() as i32, b.len() as i32, 0),
    }
}

// ---- relays: one host call each, the host's result lifted ----

fn relay_point(v: Point) -> Point {
    call_with_return_area(|ret| unsafe { host_echo_point(v.x, v.y, v.label.as_ptr(), v.label.len(), ret) })
}

fn relay_shape(v: Shape) -> Shape {
    let (d, a, b, c, e) = flat_shape(&v);
    call_with_return_area(|ret| unsafe { host_echo_shape(d, a, b, c, e, ret) })
}

fn relay_nested(v: Nested) -> Nested {
    let (o, r, a, b, c) = flat_nested(&v);
    call_with_return_area(|ret| unsafe { host_echo_nested(o, r, a, b, c, ret) })
}

fn relay_strings(v: Vec<String>) -> Vec<String> {
    let list = LoweredList::new(v);
    call_with_return_area(|ret| unsafe { host_echo_strings(list.ptr(), list.len(), ret) })
}

fn relay_quad(v: Quad) -> Quad {
    call_with_return_area(|ret| unsafe {
        host_echo_quad(i32::from(v.0), v.1.as_ptr(), v.1.len(), v.2, i32::from(v.3), ret)
    })
}

fn relay_extremes(v: Extremes) -> Extremes {
    call_with_return_area(|ret| unsafe {
        host_echo_extremes(
            v.a as i64,
            v.b,
            v.c as i32,
            v.d,
            i32::from(v.e),
            i32::from(v.f),
            i32::from(v.g),
            i32::from(v.h),
            ret,
        )
    })
}

fn relay_wide(v: Wide) -> Wide {
    let params = Lowered::new(v);
    call_with_return_area(|ret| unsafe { host_echo_wide(params.ptr(), ret) })
}

// ---- exports ----

macro_rules! post {
    ($name:literal, $ty:ty) => {
        const _: () = {
            #[export_name = $name]
            unsafe extern "C" fn post(ret: *mut u8) {
                RetArea::free::<$ty>(ret);
                POST_RETURNS += 1;
            }
        };
    };
}

#[export_name = "theater:conformance/guest#echo-point"]
unsafe extern "C" fn echo_point(x: i32, y: i32, ptr: *mut u8, len: usize) -> *mut u8 {
    RetArea::put(lift_point(x, y, ptr, len).clone())
}

#[export_name = "theater:conformance/guest#relay-point"]
unsafe extern "C" fn relay_point_export(x: i32, y: i32, ptr: *mut u8, len: usize) -> *mut u8 {
    RetArea::put(relay_point(lift_point(x, y, ptr, len)))
}

#[export_name = "theater:conformance/guest#echo-shape"]
unsafe extern "C" fn echo_shape(d: i32, a: i64, b: i32, c: i32, e: i32) -> *mut u8 {
    RetArea::put(lift_shape(d, a, b, c, e).clone())
}

#[export_name = "theater:conformance/guest#relay-shape"]
unsafe extern "C" fn relay_shape_export(d: i32, a: i64, b: i32, c: i32, e: i32) -> *mut u8 {
    RetArea::put(relay_shape(lift_shape(d, a, b, c, e)))
}

#[export_name = "theater:conformance/guest#echo-color"]
extern "C" fn echo_color(v: i32) -> i32 {
    lift_color(v) as i32
}

#[export_name = "theater:conformance/guest#relay-color"]
extern "C" fn relay_color(v: i32) -> i32 {
    lift_color(unsafe { host_echo_color(lift_color(v) as i32) }) as i32
}

#[export_name = "theater:conformance/guest#echo-perms"]
extern "C" fn echo_perms(v: i32) -> i32 {
    i32::from(lift_perms(v).bits())
}

#[export_name = "theater:conformance/guest#relay-perms"]
extern "C" fn relay_perms(v: i32) -> i32 {
    i32::from(lift_perms(unsafe { host_echo_perms(i32::from(lift_perms(v).bits())) }).bits())
}

#[export_name = "theater:conformance/guest#echo-nested"]
unsafe extern "C" fn echo_nested(o: i32, r: i32, a: i32, b: i32, c: i32) -> *mut u8 {
    RetArea::put(lift_nested(o, r, a, b, c).clone())
}

#[export_name = "theater:conformance/guest#relay-nested"]
unsafe extern "C" fn relay_nested_export(o: i32, r: i32, a: i32, b: i32, c: i32) -> *mut u8 {
    RetArea::put(relay_nested(lift_nested(o, r, a, b, c)))
}

#[export_name = "theater:conformance/guest#echo-strings"]
unsafe extern "C" fn echo_strings(ptr: *mut u8, len: usize) -> *mut u8 {
    RetArea::put(lift_list::<String>(ptr, len).clone())
}

#[export_name = "theater:conformance/guest#relay-strings"]
unsafe extern "C" fn relay_strings_export(ptr: *mut u8, len: usize) -> *mut u8 {
    RetArea::put(relay_strings(lift_list::<String>(ptr, len)))
}

#[export_name = "theater:conformance/guest#echo-quad"]
unsafe extern "C" fn echo_quad(a: i32, ptr: *mut u8, len: usize, d: f64, b: i32) -> *mut u8 {
    let quad: Quad = (a as u8, lift_string(ptr, len), d, b != 0);
    RetArea::put(quad.clone())
}

#[export_name = "theater:conformance/guest#relay-quad"]
unsafe extern "C" fn relay_quad_export(a: i32, ptr: *mut u8, len: usize, d: f64, b: i32) -> *mut u8 {
    RetArea::put(relay_quad((a as u8, lift_string(ptr, len), d, b != 0)))
}

#[export_name = "theater:conformance/guest#echo-char"]
extern "C" fn echo_char(v: i32) -> i32 {
    lift_char(v as u32) as i32
}

#[export_name = "theater:conformance/guest#relay-char"]
extern "C" fn relay_char(v: i32) -> i32 {
    lift_char(unsafe { host_echo_char(lift_char(v as u32) as i32) } as u32) as i32
}

#[allow(clippy::too_many_arguments)]
fn extremes(a: i64, b: i64, c: i32, d: i32, e: i32, f: i32, g: i32, h: i32) -> Extremes {
    Extremes { a: a as u64, b, c: c as u32, d, e: e as u16, f: f as i16, g: g as u8, h: h as i8 }
}

#[export_name = "theater:conformance/guest#echo-extremes"]
#[allow(clippy::too_many_arguments)]
extern "C" fn echo_extremes(a: i64, b: i64, c: i32, d: i32, e: i32, f: i32, g: i32, h: i32) -> *mut u8 {
    RetArea::put(extremes(a, b, c, d, e, f, g, h))
}

#[export_name = "theater:conformance/guest#relay-extremes"]
#[allow(clippy::too_many_arguments)]
extern "C" fn relay_extremes_export(a: i64, b: i64, c: i32, d: i32, e: i32, f: i32, g: i32, h: i32) -> *mut u8 {
    RetArea::put(relay_extremes(extremes(a, b, c, d, e, f, g, h)))
}

#[export_name = "theater:conformance/guest#echo-floats"]
extern "C" fn echo_floats(a: f32, b: f64) -> *mut u8 {
    RetArea::put((a, b))
}

#[export_name = "theater:conformance/guest#relay-floats"]
extern "C" fn relay_floats(a: f32, b: f64) -> *mut u8 {
    let result: (f32, f64) = call_with_return_area(|ret| unsafe { host_echo_floats(a, b, ret) });
    RetArea::put(result)
}

/// The 17 parameters arrive in a block the host allocated: lift it, then free it.
unsafe fn lift_wide(params: *mut u8) -> Wide {
    let wide = Wide::lift(params);
    theater_guest::abi::release(params, Wide::SIZE, Wide::ALIGN);
    wide
}

#[export_name = "theater:conformance/guest#echo-wide"]
unsafe extern "C" fn echo_wide(params: *mut u8) -> *mut u8 {
    RetArea::put(lift_wide(params))
}

#[export_name = "theater:conformance/guest#relay-wide"]
unsafe extern "C" fn relay_wide_export(params: *mut u8) -> *mut u8 {
    RetArea::put(relay_wide(lift_wide(params)))
}

post!("cabi_post_theater:conformance/guest#echo-point", Point);
post!("cabi_post_theater:conformance/guest#relay-point", Point);
post!("cabi_post_theater:conformance/guest#echo-shape", Shape);
post!("cabi_post_theater:conformance/guest#relay-shape", Shape);
post!("cabi_post_theater:conformance/guest#echo-nested", Nested);
post!("cabi_post_theater:conformance/guest#relay-nested", Nested);
post!("cabi_post_theater:conformance/guest#echo-strings", Vec<String>);
post!("cabi_post_theater:conformance/guest#relay-strings", Vec<String>);
post!("cabi_post_theater:conformance/guest#echo-quad", Quad);
post!("cabi_post_theater:conformance/guest#relay-quad", Quad);

#[export_name = "test-live-allocations"]
extern "C" fn test_live_allocations() -> i32 {
    theater_guest::heap::live_blocks() as i32
}

#[export_name = "test-post-return-count"]
extern "C" fn test_post_return_count() -> i32 {
    unsafe { POST_RETURNS as i32 }
}
