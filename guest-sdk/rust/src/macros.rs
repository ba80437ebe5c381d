//! Declaring WIT records, variants, enums and flags as Rust types with their canonical layout.

/// Declares a struct for a WIT `record` and implements [`Wit`](crate::abi::Wit) for it: fields in WIT order.
///
/// ```ignore
/// wit_record! {
///     /// record point { x: s32, y: s32, label: string }
///     #[derive(Clone, Debug, PartialEq)]
///     pub struct Point { pub x: i32, pub y: i32, pub label: String }
/// }
/// ```
#[macro_export]
macro_rules! wit_record {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident { $( $(#[$fmeta:meta])* $fvis:vis $field:ident : $ty:ty ),+ $(,)? }
    ) => {
        $(#[$meta])*
        $vis struct $name { $( $(#[$fmeta])* $fvis $field: $ty ),+ }

        unsafe impl $crate::abi::Wit for $name {
            const SIZE: usize =
                $crate::abi::record_size(&[$((<$ty as $crate::abi::Wit>::SIZE, <$ty as $crate::abi::Wit>::ALIGN)),+]);
            const ALIGN: usize =
                $crate::abi::record_align(&[$((<$ty as $crate::abi::Wit>::SIZE, <$ty as $crate::abi::Wit>::ALIGN)),+]);

            #[allow(unused_assignments)]
            unsafe fn lift(src: *const u8) -> Self {
                let mut offset = 0usize;
                $(
                    offset = $crate::abi::align_to(offset, <$ty as $crate::abi::Wit>::ALIGN);
                    let $field = <$ty as $crate::abi::Wit>::lift(src.add(offset));
                    offset += <$ty as $crate::abi::Wit>::SIZE;
                )+
                $name { $($field),+ }
            }

            #[allow(unused_assignments)]
            unsafe fn lower(self, dst: *mut u8) {
                let $name { $($field),+ } = self;
                let mut offset = 0usize;
                $(
                    offset = $crate::abi::align_to(offset, <$ty as $crate::abi::Wit>::ALIGN);
                    $crate::abi::Wit::lower($field, dst.add(offset));
                    offset += <$ty as $crate::abi::Wit>::SIZE;
                )+
            }

            #[allow(unused_assignments)]
            unsafe fn free(src: *const u8) {
                let mut offset = 0usize;
                $(
                    offset = $crate::abi::align_to(offset, <$ty as $crate::abi::Wit>::ALIGN);
                    <$ty as $crate::abi::Wit>::free(src.add(offset));
                    offset += <$ty as $crate::abi::Wit>::SIZE;
                )+
            }
        }
    };
}

/// Declares a field-less Rust enum for a WIT `enum` (or a `variant` whose cases carry nothing), cases in WIT order.
///
/// ```ignore
/// wit_enum! { #[derive(Clone, Copy, Debug, PartialEq, Eq)] pub enum Color { Red, Green, Blue } }
/// ```
#[macro_export]
macro_rules! wit_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $( $(#[$cmeta:meta])* $case:ident ),+ $(,)? }) => {
        $(#[$meta])*
        $vis enum $name { $( $(#[$cmeta])* $case ),+ }

        impl $name {
            /// Every case, in WIT order: the index is the discriminant.
            pub const CASES: &'static [$name] = &[$($name::$case),+];
        }

        unsafe impl $crate::abi::Wit for $name {
            const SIZE: usize = $crate::abi::discriminant_size(Self::CASES.len());
            const ALIGN: usize = $crate::abi::discriminant_size(Self::CASES.len());

            unsafe fn lift(src: *const u8) -> Self {
                let d = $crate::abi::read_discriminant(src, Self::CASES.len(), stringify!($name));
                match d {
                    $(d if d == $name::$case as usize => $name::$case,)+
                    _ => unreachable!(),
                }
            }

            unsafe fn lower(self, dst: *mut u8) {
                $crate::abi::write_discriminant(dst, Self::CASES.len(), self as usize);
            }
        }
    };
}

/// Declares a WIT `flags` type as a bit set: `repr` is `u8` for up to 8 flags, `u16` up to 16, `u32` up to 32, and
/// each flag names its bit (its position in the WIT declaration).
///
/// ```ignore
/// wit_flags! { pub struct Perms: u8 { READ = 0, WRITE = 1, EXEC = 2 } }
/// let rw = Perms::READ | Perms::WRITE;
/// ```
#[macro_export]
macro_rules! wit_flags {
    ($(#[$meta:meta])* $vis:vis struct $name:ident : $repr:ty { $( $(#[$fmeta:meta])* $flag:ident = $bit:expr ),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        $vis struct $name($repr);

        #[allow(dead_code)]
        impl $name {
            $( $(#[$fmeta])* pub const $flag: $name = $name(1 << $bit); )+
            /// Every flag set.
            pub const ALL: $name = $name(0 $(| (1 << $bit))+);
            /// No flag set.
            pub const fn empty() -> Self {
                $name(0)
            }
            /// The bits, flag i being bit i.
            pub const fn bits(self) -> $repr {
                self.0
            }
            /// The flags of `bits`; `None` when a bit beyond the last flag is set.
            pub const fn from_bits(bits: $repr) -> Option<Self> {
                if bits & !Self::ALL.0 == 0 {
                    Some($name(bits))
                } else {
                    None
                }
            }
            /// True when every flag of `other` is set here.
            pub const fn contains(self, other: Self) -> bool {
                self.0 & other.0 == other.0
            }
        }

        impl core::ops::BitOr for $name {
            type Output = Self;
            fn bitor(self, other: Self) -> Self {
                $name(self.0 | other.0)
            }
        }

        unsafe impl $crate::abi::Wit for $name {
            const SIZE: usize = core::mem::size_of::<$repr>();
            const ALIGN: usize = core::mem::size_of::<$repr>();

            unsafe fn lift(src: *const u8) -> Self {
                let bits = *(src as *const $repr);
                match Self::from_bits(bits) {
                    Some(flags) => flags,
                    None => $crate::abi::violation(format_args!(
                        "{} has bits {:#x} set beyond its last flag", stringify!($name), bits)),
                }
            }

            unsafe fn lower(self, dst: *mut u8) {
                *(dst as *mut $repr) = self.0;
            }
        }
    };
}

/// Declares a Rust enum for a WIT `variant`: cases in WIT order, each with at most one payload type.
///
/// ```ignore
/// wit_variant! {
///     #[derive(Clone, Debug, PartialEq)]
///     pub enum Shape { Circle(f64), Rect(Point), Named(String), Empty }
/// }
/// ```
#[macro_export]
macro_rules! wit_variant {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $( $(#[$cmeta:meta])* $case:ident $(($payload:ty))? ),+ $(,)? }) => {
        $(#[$meta])*
        $vis enum $name { $( $(#[$cmeta])* $case $(($payload))? ),+ }

        unsafe impl $crate::abi::Wit for $name {
            const SIZE: usize = $crate::abi::variant_size(
                Self::__CASES, Self::__PAYLOAD_SIZE, Self::__PAYLOAD_ALIGN);
            const ALIGN: usize = $crate::abi::variant_align(Self::__CASES, Self::__PAYLOAD_ALIGN);

            #[allow(unused_assignments)]
            unsafe fn lift(src: *const u8) -> Self {
                let d = $crate::abi::read_discriminant(src, Self::__CASES, stringify!($name));
                let payload = src.add($crate::abi::payload_offset(Self::__CASES, Self::__PAYLOAD_ALIGN));
                let mut i = 0usize;
                $(
                    if d == i {
                        return $crate::__wit_case_lift!($name::$case, payload $(, $payload)?);
                    }
                    i += 1;
                )+
                unreachable!()
            }

            unsafe fn lower(self, dst: *mut u8) {
                #[allow(non_camel_case_types, dead_code)]
                enum Case { $($case),+ }
                let payload = dst.add($crate::abi::payload_offset(Self::__CASES, Self::__PAYLOAD_ALIGN));
                match self {
                    $(
                        $crate::__wit_case_pattern!($name::$case, value $(, $payload)?) => {
                            $crate::abi::write_discriminant(dst, Self::__CASES, Case::$case as usize);
                            $crate::__wit_case_lower!(value, payload $(, $payload)?);
                        }
                    )+
                }
            }

            #[allow(unused_assignments)]
            unsafe fn free(src: *const u8) {
                let d = $crate::abi::read_discriminant(src, Self::__CASES, stringify!($name));
                let payload = src.add($crate::abi::payload_offset(Self::__CASES, Self::__PAYLOAD_ALIGN));
                let mut i = 0usize;
                $(
                    if d == i {
                        $crate::__wit_case_free!(payload $(, $payload)?);
                    }
                    i += 1;
                )+
            }
        }

        impl $name {
            const __CASES: usize = [$(stringify!($case)),+].len();
            const __PAYLOAD_SIZE: usize = {
                let mut size = 0;
                $( size = $crate::abi::max(size, $crate::__wit_payload_size!($($payload)?)); )+
                size
            };
            const __PAYLOAD_ALIGN: usize = {
                let mut align = 1;
                $( align = $crate::abi::max(align, $crate::__wit_payload_align!($($payload)?)); )+
                align
            };
        }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __wit_payload_size {
    () => {
        0
    };
    ($t:ty) => {
        <$t as $crate::abi::Wit>::SIZE
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __wit_payload_align {
    () => {
        1
    };
    ($t:ty) => {
        <$t as $crate::abi::Wit>::ALIGN
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __wit_case_lift {
    ($case:path, $p:expr) => {
        $case
    };
    ($case:path, $p:expr, $t:ty) => {
        $case(<$t as $crate::abi::Wit>::lift($p))
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __wit_case_pattern {
    ($case:path, $v:ident) => {
        $case
    };
    ($case:path, $v:ident, $t:ty) => {
        $case($v)
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __wit_case_lower {
    ($v:ident, $p:expr) => {};
    ($v:ident, $p:expr, $t:ty) => {
        <$t as $crate::abi::Wit>::lower($v, $p)
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __wit_case_free {
    ($p:expr) => {};
    ($p:expr, $t:ty) => {
        <$t as $crate::abi::Wit>::free($p)
    };
}
