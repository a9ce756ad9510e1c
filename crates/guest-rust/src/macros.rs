//! Types generated bindings define the same way for every world, written once here instead of in
//! every bindings file: `flags!` for a WIT `flags`, `imported_resource!` and
//! `exported_resource!` for the handle types of resources.

/// Defines a WIT `flags` type: a `Copy` set of named bits with `empty`, `all`, `bits`,
/// `from_bits_retain`, `contains`, `is_empty`, `insert`, `remove`, the bit operators and a
/// `Debug` that lists the WIT names of the flags set.
///
/// ```
/// witbind_rt::flags! {
///     /// Access rights.
///     pub struct Access: u8 {
///         const READ = 0, "read";
///         const WRITE = 1, "write";
///     }
/// }
/// let rw = Access::READ | Access::WRITE;
/// assert_eq!(rw.bits(), 0b11);
/// assert_eq!(!Access::READ, Access::WRITE);
/// assert_eq!(format!("{rw:?}"), r#"{"read", "write"}"#);
/// ```
#[macro_export]
macro_rules! flags {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident: $repr:ty {
            $($(#[$flag_meta:meta])* const $flag:ident = $bit:literal, $wit:literal;)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        $vis struct $name {
            bits: $repr,
        }

        #[allow(dead_code)]
        impl $name {
            $($(#[$flag_meta])* pub const $flag: $name = $name { bits: 1 << $bit };)*
            const __ALL: $repr = 0 $(| (1 << $bit))*;

            /// No flag set.
            pub const fn empty() -> $name {
                $name { bits: 0 }
            }

            /// Every flag set.
            pub const fn all() -> $name {
                $name { bits: Self::__ALL }
            }

            /// The raw bits, one per flag in declaration order.
            pub const fn bits(self) -> $repr {
                self.bits
            }

            /// Flags from raw bits, keeping bits that name no flag.
            pub const fn from_bits_retain(bits: $repr) -> $name {
                $name { bits }
            }

            pub const fn contains(self, other: $name) -> bool {
                self.bits & other.bits == other.bits
            }

            pub const fn is_empty(self) -> bool {
                self.bits == 0
            }

            pub fn insert(&mut self, other: $name) {
                self.bits |= other.bits;
            }

            pub fn remove(&mut self, other: $name) {
                self.bits &= !other.bits;
            }
        }

        $crate::flags!(@op $name, BitOr, bitor, BitOrAssign, bitor_assign, |);
        $crate::flags!(@op $name, BitAnd, bitand, BitAndAssign, bitand_assign, &);
        $crate::flags!(@op $name, BitXor, bitxor, BitXorAssign, bitxor_assign, ^);

        impl ::core::ops::Not for $name {
            type Output = $name;
            fn not(self) -> $name {
                $name { bits: !self.bits & Self::__ALL }
            }
        }

        impl ::core::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                let mut set = f.debug_set();
                $(if self.contains($name::$flag) {
                    set.entry(&$wit);
                })*
                set.finish()
            }
        }
    };
    (@op $name:ident, $op:ident, $method:ident, $assign:ident, $assign_method:ident, $sym:tt) => {
        impl ::core::ops::$op for $name {
            type Output = $name;
            fn $method(self, rhs: $name) -> $name {
                $name { bits: self.bits $sym rhs.bits }
            }
        }

        impl ::core::ops::$assign for $name {
            fn $assign_method(&mut self, rhs: $name) {
                self.bits = self.bits $sym rhs.bits;
            }
        }
    };
}

/// The owned handle type of a resource: it owns one handle and drops it (calling the
/// resource's `[resource-drop]` import, `$module`/`$drop`) when dropped. Used by
/// `imported_resource!` and `exported_resource!`.
#[doc(hidden)]
#[macro_export]
macro_rules! __owned_handle {
    ($(#[$meta:meta])* $vis:vis struct $name:ident = $module:literal $drop:literal) => {
        $(#[$meta])*
        #[derive(Debug)]
        $vis struct $name {
            handle: $crate::Handle,
        }

        #[allow(dead_code)]
        impl $name {
            #[doc(hidden)]
            /// # Safety
            /// `handle` must be an owned handle of this resource type.
            pub unsafe fn __from_handle(handle: u32) -> $name {
                $name { handle: $crate::Handle::new(handle) }
            }
        }

        impl $crate::OwnsHandle for $name {
            fn handle_slot(&self) -> &$crate::Handle {
                &self.handle
            }
        }

        impl ::core::ops::Drop for $name {
            fn drop(&mut self) {
                if let Some(handle) = self.handle.release() {
                    #[link(wasm_import_module = $module)]
                    unsafe extern "C" {
                        #[link_name = $drop]
                        fn __drop(_: i32);
                    }
                    unsafe { __drop(handle as i32) }
                }
            }
        }
    };
}

/// Defines the handle type of an imported resource (see `__owned_handle!`). The bindings add the
/// resource's functions in an `impl` of their own.
#[macro_export]
macro_rules! imported_resource {
    ($(#[$meta:meta])* $vis:vis struct $name:ident = $module:literal $drop:literal;) => {
        $crate::__owned_handle!($(#[$meta])* $vis struct $name = $module $drop);

        #[allow(dead_code)]
        impl $name {
            #[doc(hidden)]
            pub fn __handle(&self) -> u32 {
                self.handle.get()
            }
        }
    };
}

/// Defines the handle types of a resource the component implements (exports): `$handle` owns a
/// handle of the resource, `$borrow` is a borrowed one (its representation), and the user's
/// type implementing the trait `$guest` is the value behind both. `$module` is the `[export]…`
/// module of the resource's `[resource-new]` (`$new`), `[resource-rep]` (`$rep`) and
/// `[resource-drop]` (`$drop`) imports.
#[macro_export]
macro_rules! exported_resource {
    (
        $(#[$meta:meta])*
        $vis:vis struct $handle:ident, $borrow:ident: $guest:path =
            $module:literal $new:literal $rep:literal $drop:literal;
    ) => {
        $crate::__owned_handle!(
            $(#[$meta])*
            /// An owned handle to a resource this component implements.
            $vis struct $handle = $module $drop
        );

        #[allow(dead_code)]
        impl $handle {
            /// Gives `value` to the host as a new resource and returns the handle.
            pub fn new<T: $guest>(value: T) -> $handle {
                #[link(wasm_import_module = $module)]
                unsafe extern "C" {
                    #[link_name = $new]
                    fn __new(_: i32) -> i32;
                }
                let rep = $crate::rep_new(value);
                $handle { handle: $crate::Handle::new(unsafe { __new(rep as i32) } as u32) }
            }

            /// Borrows the value behind this handle.
            pub fn get<T: $guest>(&self) -> &T {
                // SAFETY: the representation lives until the handle is dropped.
                unsafe { $crate::rep_get::<T>(Self::__rep(self.handle.get())) }
            }

            /// Borrows the value behind this handle mutably.
            pub fn get_mut<T: $guest>(&mut self) -> &mut T {
                // SAFETY: the representation lives until the handle is dropped, and `&mut
                // self` is the only access to it: the host lends no borrow of a resource whose
                // owning handle is held (moving a lent resource traps), and `get` needs `&self`.
                unsafe { $crate::rep_get_mut::<T>(Self::__rep(self.handle.get())) }
            }

            /// Takes the value back out of the handle, ending the resource: the handle is
            /// dropped from the host's table, and the destructor that then runs frees only the
            /// (now empty) representation, not the value. Panics if `T` is not the type the
            /// resource was made with, or if the handle was given away.
            pub fn into_inner<T: $guest>(self) -> T {
                // SAFETY: the representation of a handle of this resource comes from
                // `rep_new` (in `new` or the constructor's export), and it lives until the
                // handle is dropped below. `self` owns the resource's only handle, so nothing
                // borrows the value: a borrow lent from this handle would make the host trap
                // on the drop below before anyone could use it again.
                let value = unsafe { $crate::rep_take::<T>(Self::__rep(self.handle.get())) };
                // `[resource-drop]`: the host removes the handle and calls the destructor.
                ::core::mem::drop(self);
                value
            }

            fn __rep(handle: u32) -> u32 {
                #[link(wasm_import_module = $module)]
                unsafe extern "C" {
                    #[link_name = $rep]
                    fn __rep(_: i32) -> i32;
                }
                unsafe { __rep(handle as i32) as u32 }
            }
        }

        /// A borrowed handle to a resource this component implements.
        #[derive(Debug, Clone, Copy)]
        $vis struct $borrow<'a> {
            rep: u32,
            _marker: ::core::marker::PhantomData<&'a $handle>,
        }

        #[allow(dead_code)]
        impl<'a> $borrow<'a> {
            #[doc(hidden)]
            /// # Safety
            /// `rep` must be a live representation of this resource type.
            pub unsafe fn __from_rep(rep: u32) -> $borrow<'a> {
                $borrow { rep, _marker: ::core::marker::PhantomData }
            }

            /// Borrows the value behind this handle.
            pub fn get<T: $guest>(&self) -> &'a T {
                unsafe { $crate::rep_get::<T>(self.rep) }
            }
        }
    };
}

/// The `wit_future` module of a bindings file whose world passes futures: the payload trait the
/// bindings implement once per payload type (pointing at its vtable), `new` and `spawn`.
#[macro_export]
macro_rules! future_module {
    () => {
        /// Creating `future<T>` values to pass to imports or return from exports.
        #[allow(dead_code)]
        pub mod wit_future {
            /// Payload types this world can carry in a `future`.
            pub trait FuturePayload: Sized + 'static {
                #[doc(hidden)]
                const VTABLE: &'static $crate::FutureVtable<Self>;
            }

            /// A new future; if the writer is dropped unwritten, `default()` is written.
            pub fn new<T: FuturePayload>(
                default: impl FnOnce() -> T + 'static,
            ) -> ($crate::FutureWriter<T>, $crate::FutureReader<T>) {
                $crate::future_new(T::VTABLE, default)
            }

            /// A future resolved by `future`, run as a background task of the current call.
            pub fn spawn<T: FuturePayload>(
                future: impl ::core::future::Future<Output = T> + 'static,
            ) -> $crate::FutureReader<T> {
                $crate::future_spawn(T::VTABLE, future)
            }
        }
    };
}

/// The `wit_stream` module of a bindings file whose world passes streams: the element trait the
/// bindings implement once per element type (pointing at its vtable), `new` and `spawn`.
#[macro_export]
macro_rules! stream_module {
    () => {
        /// Creating `stream<T>` values to pass to imports or return from exports.
        #[allow(dead_code)]
        pub mod wit_stream {
            /// Element types this world can carry in a `stream`.
            pub trait StreamPayload: Sized + 'static {
                #[doc(hidden)]
                const VTABLE: &'static $crate::StreamVtable<Self>;
            }

            /// A new stream: its writer and its reader.
            pub fn new<T: StreamPayload>() -> ($crate::StreamWriter<T>, $crate::StreamReader<T>) {
                $crate::stream_new(T::VTABLE)
            }

            /// A stream fed by `items`, pumped by a background task of the current call.
            pub fn spawn<T: StreamPayload>(
                items: impl $crate::futures_core::Stream<Item = T> + 'static,
            ) -> $crate::StreamReader<T> {
                $crate::stream_spawn(T::VTABLE, items)
            }
        }
    };
}

/// Defines the vtable static `$name` of one future or stream payload type: the seven
/// intrinsics imported from `$module` (named in `[new read write cancel-read cancel-write
/// drop-readable drop-writable]` order), and the remaining fields (`size`, `align`, `plain`
/// for streams, `store`, `load`); and implements the payload trait `$trait` with it.
#[macro_export]
macro_rules! endpoint_vtable {
    (future $name:ident: $payload:ty, $trait:path = $module:literal $names:tt $fields:tt) => {
        $crate::endpoint_vtable!(@static FutureVtable $name $payload, $trait, $module $names (i32, i32) $fields);
    };
    (stream $name:ident: $payload:ty, $trait:path = $module:literal $names:tt $fields:tt) => {
        $crate::endpoint_vtable!(@static StreamVtable $name $payload, $trait, $module $names (i32, i32, i32) $fields);
    };
    (
        @static $vt:ident $name:ident $payload:ty, $trait:path, $module:literal
        [$new:literal $read:literal $write:literal $cancel_read:literal $cancel_write:literal
            $drop_readable:literal $drop_writable:literal]
        ($($io:ty),*) { $($field:ident: $value:expr),* $(,)? }
    ) => {
        pub static $name: $crate::$vt<$payload> = {
            #[link(wasm_import_module = $module)]
            unsafe extern "C" {
                #[link_name = $new]
                fn new() -> i64;
                #[link_name = $read]
                fn read($(_: $io),*) -> i32;
                #[link_name = $write]
                fn write($(_: $io),*) -> i32;
                #[link_name = $cancel_read]
                fn cancel_read(_: i32) -> i32;
                #[link_name = $cancel_write]
                fn cancel_write(_: i32) -> i32;
                #[link_name = $drop_readable]
                fn drop_readable(_: i32);
                #[link_name = $drop_writable]
                fn drop_writable(_: i32);
            }
            $crate::$vt {
                new,
                read,
                write,
                cancel_read,
                cancel_write,
                drop_readable,
                drop_writable,
                $($field: $value),*
            }
        };

        impl $trait for $payload {
            const VTABLE: &'static $crate::$vt<Self> = &$name;
        }
    };
}

/// Defines a WIT `enum`: a `#[repr]` Rust enum with `from_discriminant`. Written as
/// `error enum`, with each case's WIT name and documentation (`Case = "case", "docs";`), it also
/// gets `name()`, `message()`, `Display` (the name, then `: ` and the docs if there are any) and
/// `core::error::Error`, as a WIT enum used as a `result`'s error does.
#[macro_export]
macro_rules! wit_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident: $repr:ty { $($(#[$case_meta:meta])* $case:ident,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr($repr)]
        $vis enum $name {
            $($(#[$case_meta])* $case,)*
        }

        #[allow(dead_code)]
        impl $name {
            /// The case with discriminant `value`, if there is one.
            pub fn from_discriminant(value: $repr) -> ::core::option::Option<$name> {
                const CASES: &[$name] = &[$($name::$case),*];
                CASES.get(value as usize).copied()
            }
        }
    };
    (
        $(#[$meta:meta])* $vis:vis error enum $name:ident: $repr:ty {
            $($(#[$case_meta:meta])* $case:ident = $wit:literal, $docs:literal;)*
        }
    ) => {
        $crate::wit_enum!($(#[$meta])* $vis enum $name: $repr { $($(#[$case_meta])* $case,)* });

        #[allow(dead_code)]
        impl $name {
            /// The case's name in the WIT.
            pub fn name(&self) -> &'static str {
                match self {
                    $($name::$case => $wit,)*
                }
            }

            /// The case's documentation in the WIT (empty if it has none).
            pub fn message(&self) -> &'static str {
                match self {
                    $($name::$case => $docs,)*
                }
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self.message() {
                    "" => f.write_str(self.name()),
                    message => write!(f, "{}: {message}", self.name()),
                }
            }
        }

        impl ::core::error::Error for $name {}
    };
}
