//! witbind: bindings for WebAssembly components, generated from WIT.
//!
//! The pipeline is load → plan → emit → write: [`Generator`] loads WIT with `wit-parser`, plans
//! the world's boundary once, emits source for one language and returns the files in memory
//! ([`Output`]), which can be written (all or nothing) or compared with what is on disk.
//!
//! This library is one of three ways in; all three run the same generator with the same options:
//!
//! - the command line, `witbind generate <WIT>... --lang rust` (the `cli` feature, on by
//!   default);
//! - the `generate!` macro of `witbind-rt` (crate `witbind-macro`), for bindings generated at
//!   compile time where the macro is invoked;
//! - this library, for example from a build script writing into `OUT_DIR` (see [`Output::write`]).
//!
//! ```no_run
//! use witbind::{Generator, Lang};
//!
//! let output = Generator::new(Lang::Rust)
//!     .input("wit/")
//!     .world("hello")
//!     .generate()?;
//! output.write("src/")?;
//! # Ok::<(), witbind::Error>(())
//! ```
//!
//! The runtime test runner behind `witbind test` is [`testing`] (feature `test-runner`, part of
//! `cli`): it builds components from bindings, composes them and runs them under wasmtime.
//!
//! To depend on the library without the command line (and its `clap` and wasmtime
//! dependencies), use `witbind = { version = "…", default-features = false }`.

#![warn(missing_docs)]

mod error;
/// The pipeline's stages (load, plan, per-language emitters). Public for witbind's own tests and
/// benchmarks; not a stable API: use [`Generator`].
#[doc(hidden)]
pub mod gen;
mod output;
#[cfg(feature = "test-runner")]
pub mod testing;

use std::path::PathBuf;

pub use error::{Error, ErrorKind};
pub use output::{Output, OutputFile};

use gen::backend::Backend;
use gen::load::{load, Features, Input};
use gen::plan::WorldPlan;

/// Where the Rust bindings of an imported interface come from (see [`Generator::with`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum With {
    /// Bindings generated elsewhere by witbind, at this Rust path (`crate::shared::ns::pkg::iface`,
    /// `other_crate::bindings::ns::pkg::iface`): nothing is generated for the interface, and
    /// its types are the ones at the path.
    Path(String),
    /// Generated here, as without `with`.
    Generate,
}

impl With {
    /// Reads `ns:pkg/iface=path::to::bindings` or `ns:pkg/iface=generate` (the command line's
    /// `--with`).
    ///
    /// # Errors
    /// [`ErrorKind::Usage`] without `=`.
    pub fn parse_mapping(mapping: &str) -> Result<(String, With), Error> {
        let Some((name, target)) = mapping.split_once('=') else {
            return Err(Error::usage(format!(
                "`--with {mapping}`: expected `ns:pkg/iface=path::to::bindings` or \
                 `ns:pkg/iface=generate`"
            )));
        };
        let with = match target.trim() {
            "generate" => With::Generate,
            path => With::Path(path.to_string()),
        };
        Ok((name.trim().to_string(), with))
    }
}

/// The Rust generator's options of wit-bindgen's names, as a group (see the [`Generator`]
/// methods of the same names).
#[derive(Clone, Debug, Default)]
pub struct RustFlags {
    /// [`Generator::additional_derive`].
    pub additional_derives: Vec<String>,
    /// [`Generator::additional_derive_ignore`].
    pub additional_derives_ignore: Vec<String>,
    /// [`Generator::skip`].
    pub skip: Vec<String>,
    /// [`Generator::with`].
    pub with: Vec<(String, With)>,
    /// [`Generator::generate_all`].
    pub generate_all: bool,
    /// [`Generator::raw_strings`].
    pub raw_strings: bool,
    /// [`Generator::generate_unused_types`].
    pub generate_unused_types: bool,
    /// [`Generator::std_feature`].
    pub std_feature: bool,
    /// [`Generator::type_section_suffix`].
    pub type_section_suffix: Option<String>,
    /// [`Generator::disable_custom_section_link_helpers`].
    pub disable_custom_section_link_helpers: bool,
    /// [`Generator::export_macro_name`].
    pub export_macro_name: Option<String>,
    /// [`Generator::default_bindings_module`].
    pub default_bindings_module: Option<String>,
    /// [`Generator::ownership`].
    pub ownership: Ownership,
    /// [`Generator::enable_method_chaining`].
    pub enable_method_chaining: bool,
    /// [`Generator::pub_export_macro`].
    pub pub_export_macro: bool,
    /// [`Generator::merge_structurally_equal_types`].
    pub merge_structurally_equal_types: bool,
}

/// How a Rust import wrapper takes parameters that hold strings or lists (wit-bindgen's
/// `ownership` option; [`Generator::ownership`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Ownership {
    /// Types are defined once, owning their strings and lists; a parameter borrows only at
    /// the top: `&str`, `&[T]`, `&Record`, `Option<&str>`.
    #[default]
    Owning,
    /// A record or variant that an import only takes as a parameter is defined borrowing its
    /// strings and lists (`Thing<'a> { name: &'a str }`). One that is also returned or
    /// exported is taken as `&Thing`, or, with `duplicate_if_necessary`, defined twice:
    /// `ThingParam<'a>` borrowing and `ThingResult` owning.
    Borrowing {
        /// Two definitions for a type used both ways, rather than `&Thing`.
        duplicate_if_necessary: bool,
    },
}

impl Ownership {
    /// Reads the command line's `--ownership` value: `owning`, `borrowing` or
    /// `borrowing-duplicate-if-necessary`.
    ///
    /// # Errors
    /// [`ErrorKind::Usage`] for any other value.
    pub fn parse(value: &str) -> Result<Ownership, Error> {
        match value {
            "owning" => Ok(Ownership::Owning),
            "borrowing" => Ok(Ownership::Borrowing {
                duplicate_if_necessary: false,
            }),
            "borrowing-duplicate-if-necessary" => Ok(Ownership::Borrowing {
                duplicate_if_necessary: true,
            }),
            other => Err(Error::usage(format!(
                "`--ownership {other}`: expected `owning`, `borrowing` or \
                 `borrowing-duplicate-if-necessary`"
            ))),
        }
    }
}

impl RustFlags {
    /// The first option that is set, by its `generate!` name (languages other than Rust refuse
    /// them rather than ignore them).
    pub(crate) fn first_set(&self) -> Option<&'static str> {
        [
            ("additional_derives", !self.additional_derives.is_empty()),
            (
                "additional_derives_ignore",
                !self.additional_derives_ignore.is_empty(),
            ),
            ("skip", !self.skip.is_empty()),
            ("with", !self.with.is_empty()),
            ("generate_all", self.generate_all),
            ("raw_strings", self.raw_strings),
            ("generate_unused_types", self.generate_unused_types),
            ("std_feature", self.std_feature),
            ("type_section_suffix", self.type_section_suffix.is_some()),
            (
                "disable_custom_section_link_helpers",
                self.disable_custom_section_link_helpers,
            ),
            ("export_macro_name", self.export_macro_name.is_some()),
            (
                "default_bindings_module",
                self.default_bindings_module.is_some(),
            ),
            ("ownership", self.ownership != Ownership::Owning),
            ("enable_method_chaining", self.enable_method_chaining),
            ("pub_export_macro", self.pub_export_macro),
            (
                "merge_structurally_equal_types",
                self.merge_structurally_equal_types,
            ),
        ]
        .into_iter()
        .find_map(|(name, set)| set.then_some(name))
    }
}

/// The language to generate bindings for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// Rust: one file, `<world>.rs`, for a crate depending on `witbind-rt` (see
    /// `docs/rust-bindings.md`).
    Rust,
    /// MoonBit: a module (`moon.mod.json`) with one package per interface, a `world` package
    /// (world-level items), an `ffi` package of runtime helpers and the linked `link` package;
    /// exports are implemented in the user's package `impl` of the same module (see
    /// [`Generator::skeleton`]). Strings cross as UTF-16 (`string-encoding=utf16`). Async
    /// functions, futures and streams use the `rt` package (see `docs/moonbit-bindings.md`).
    MoonBit,
}

/// Builder for one generation run: the inputs, the world and the options of
/// `witbind generate`, then [`generate`](Generator::generate).
///
/// Every setter takes and returns the builder by value; `generate` borrows it, so one builder
/// can run several times.
///
/// ```
/// use witbind::{Generator, Lang};
///
/// let wit = "
///     package example:hello;
///
///     world hello {
///         export greet: func(name: string) -> string;
///     }
/// ";
/// let output = Generator::new(Lang::Rust)
///     .inline("hello.wit", wit) // or `.input("wit/")`: files, directories, wasm packages
///     .world("hello") // optional here: the input has one world
///     .generate()?;
///
/// let [file] = output.files() else { panic!("one file per world") };
/// assert_eq!(file.path, "hello.rs");
/// // At the root (where `generate!` may expand into the user's crate) `String` is spelled in full.
/// let greet = "fn greet(name: ::witbind_rt::String) -> ::witbind_rt::String;";
/// assert!(file.contents.contains(greet));
///
/// // Errors name the WIT file, line and column.
/// let err = Generator::new(Lang::Rust)
///     .inline("broken.wit", "package a:b;\nworld w {\n  export f: func(;\n}\n")
///     .generate()
///     .unwrap_err();
/// assert_eq!(err.kind(), witbind::ErrorKind::Input);
/// assert!(err.to_string().contains("broken.wit:3:"), "{err}");
/// # Ok::<(), witbind::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Generator {
    lang: Lang,
    inputs: Vec<Input>,
    world: Option<String>,
    features: Features,
    rust: gen::rust::RustOptions,
}

impl Generator {
    /// A generator for `lang` with no input yet, no world selected, no `@unstable` feature
    /// enabled and the default runtime path (`::witbind_rt`).
    pub fn new(lang: Lang) -> Self {
        Generator {
            lang,
            inputs: Vec::new(),
            world: None,
            features: Features::default(),
            rust: gen::rust::RustOptions::default(),
        }
    }

    /// Adds a WIT input: a `.wit` file, a directory (with an optional `deps/`), or a
    /// wasm-encoded WIT package. Relative paths are relative to the current directory (in a
    /// build script, the package's directory). The order of inputs does not matter: `.wit`
    /// files (and inline sources) declaring the same package form it together, and packages
    /// are added in the order of their dependencies.
    pub fn input(mut self, path: impl Into<PathBuf>) -> Self {
        self.inputs.push(Input::Path(path.into()));
        self
    }

    /// Adds WIT source text as an input; `name` is the file name diagnostics show.
    pub fn inline(mut self, name: impl Into<String>, source: impl Into<String>) -> Self {
        self.inputs.push(Input::Inline {
            name: name.into(),
            source: source.into(),
        });
        self
    }

    /// Selects the world by name (`name`) or id (`ns:pkg/name`). Needed when the inputs define
    /// several worlds.
    pub fn world(mut self, world: impl Into<String>) -> Self {
        self.world = Some(world.into());
        self
    }

    /// Enables an `@unstable(feature = …)` gate.
    pub fn feature(mut self, feature: impl Into<String>) -> Self {
        self.features.enabled.push(feature.into());
        self
    }

    /// Enables every `@unstable` gate.
    pub fn all_features(mut self, all: bool) -> Self {
        self.features.all = all;
        self
    }

    /// The path generated Rust code uses for the runtime crate (default `::witbind_rt`).
    pub fn runtime_path(mut self, path: impl Into<String>) -> Self {
        self.rust.runtime_path = path.into();
        self
    }

    /// Rust: adds `#[derive(PATH)]` to every generated record, variant, enum and flags type
    /// (`serde::Serialize`, `Hash`, …), except types holding resource handles, futures or
    /// streams (they cannot derive what needs copying or comparing) and types named with
    /// [`Generator::additional_derive_ignore`]. Derives a type has already are not repeated.
    pub fn additional_derive(mut self, path: impl Into<String>) -> Self {
        self.rust.flags.additional_derives.push(path.into());
        self
    }

    /// Rust: no [`Generator::additional_derive`] on the type(s) of this WIT name.
    pub fn additional_derive_ignore(mut self, wit_name: impl Into<String>) -> Self {
        self.rust
            .flags
            .additional_derives_ignore
            .push(wit_name.into());
        self
    }

    /// Rust: generates nothing for the function of this WIT name (`name`, or
    /// `[method]resource.name` and the like for resource functions), imported or exported.
    pub fn skip(mut self, wit_name: impl Into<String>) -> Self {
        self.rust.flags.skip.push(wit_name.into());
        self
    }

    /// Rust: what to do with an imported interface, by its name in the world
    /// (`ns:pkg/iface@version`, or the label of `import label: iface`): use bindings generated
    /// elsewhere ([`With::Path`], the module of another `generate!` or crate), or generate them
    /// here ([`With::Generate`]). Once one interface is given, every imported interface must be,
    /// unless [`Generator::generate_all`] is set; a name the world does not import is an error.
    pub fn with(mut self, interface: impl Into<String>, with: With) -> Self {
        self.rust.flags.with.push((interface.into(), with));
        self
    }

    /// Rust: generates every imported interface not named with [`Generator::with`] (the
    /// default when `with` is not used at all).
    pub fn generate_all(mut self, all: bool) -> Self {
        self.rust.flags.generate_all = all;
        self
    }

    /// Rust: the options of [`RustFlags`] at once (as the command line gives them), added to
    /// those set already.
    pub fn rust_flags(mut self, flags: RustFlags) -> Self {
        let rust = &mut self.rust.flags;
        rust.additional_derives.extend(flags.additional_derives);
        rust.additional_derives_ignore
            .extend(flags.additional_derives_ignore);
        rust.skip.extend(flags.skip);
        rust.with.extend(flags.with);
        rust.generate_all |= flags.generate_all;
        rust.disable_custom_section_link_helpers |= flags.disable_custom_section_link_helpers;
        rust.raw_strings |= flags.raw_strings;
        rust.generate_unused_types |= flags.generate_unused_types;
        rust.std_feature |= flags.std_feature;
        rust.enable_method_chaining |= flags.enable_method_chaining;
        rust.pub_export_macro |= flags.pub_export_macro;
        rust.merge_structurally_equal_types |= flags.merge_structurally_equal_types;
        if flags.ownership != Ownership::Owning {
            rust.ownership = flags.ownership;
        }
        for (mine, theirs) in [
            (&mut rust.type_section_suffix, flags.type_section_suffix),
            (&mut rust.export_macro_name, flags.export_macro_name),
            (
                &mut rust.default_bindings_module,
                flags.default_bindings_module,
            ),
        ] {
            if theirs.is_some() {
                *mine = theirs;
            }
        }
        self
    }

    /// Rust: WIT `string`s are `Vec<u8>` (`&[u8]` as import parameters) instead of `String`
    /// (`&str`): the bytes as they cross the boundary, not checked to be UTF-8. The canonical
    /// ABI still declares them strings, so what a component sends must be UTF-8.
    pub fn raw_strings(mut self, raw: bool) -> Self {
        self.rust.flags.raw_strings = raw;
        self
    }

    /// Rust: accepted for wit-bindgen compatibility. witbind always generates every type of
    /// the interfaces a world reaches, used by a function or not, which is what this option
    /// asks of wit-bindgen (whose default leaves unused types out).
    pub fn generate_unused_types(mut self, generate: bool) -> Self {
        self.rust.flags.generate_unused_types = generate;
        self
    }

    /// Rust: accepted for wit-bindgen compatibility, where it puts `#[cfg(feature = "std")]`
    /// on the generated items that need `std`. witbind's generated code needs none, with or
    /// without this option: it builds in a `#![no_std]` crate (naming `String`, `Vec` and
    /// `Box` through `witbind-rt`, which uses only `alloc`; the crate needs no `extern crate
    /// alloc` of its own, but a `#[global_allocator]` and a `#[panic_handler]` as any
    /// `no_std` binary does).
    pub fn std_feature(mut self, std_feature: bool) -> Self {
        self.rust.flags.std_feature = std_feature;
        self
    }

    /// Rust: appends `suffix` to the name of the custom section holding the world's component
    /// type, so that bindings of one world generated twice into one component (two crates, two
    /// `generate!`) do not merge into one malformed section.
    pub fn type_section_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.rust.flags.type_section_suffix = Some(suffix.into());
        self
    }

    /// Rust: accepted for wit-bindgen compatibility: wit-bindgen emits functions that make the
    /// linker keep its custom section, which this option turns off. witbind needs one only with
    /// [`Generator::pub_export_macro`] (bindings a library crate may hold: import wrappers call
    /// it), and this option leaves it out there; otherwise it changes nothing (the section is a
    /// `pub` static of the component's own crate, which the linker keeps as it is).
    pub fn disable_custom_section_link_helpers(mut self, disable: bool) -> Self {
        self.rust.flags.disable_custom_section_link_helpers = disable;
        self
    }

    /// Rust: the name of the export macro (default `export`).
    pub fn export_macro_name(mut self, name: impl Into<String>) -> Self {
        self.rust.flags.export_macro_name = Some(name.into());
        self
    }

    /// Rust: the path the export macro finds the bindings at when called without
    /// `with_types_in` (default `self`: the bindings at the crate root), e.g. `bindings` for
    /// `bindings::export!(MyType)` from the crate root.
    pub fn default_bindings_module(mut self, path: impl Into<String>) -> Self {
        self.rust.flags.default_bindings_module = Some(path.into());
        self
    }

    /// Rust: how import wrappers take parameters holding strings and lists (default
    /// [`Ownership::Owning`]: `&str`, `&[T]`, `&Record`).
    pub fn ownership(mut self, ownership: Ownership) -> Self {
        self.rust.flags.ownership = ownership;
        self
    }

    /// Rust: resource methods without a result return `&Self` (imports) and are implemented
    /// returning `&Self` (exports), so calls chain: `a.set_x(1).set_y(2)`.
    pub fn enable_method_chaining(mut self, enable: bool) -> Self {
        self.rust.flags.enable_method_chaining = enable;
        self
    }

    /// Rust: the export macro is `pub` (a hidden `#[macro_export]` macro named after the world,
    /// re-exported with `pub use`), so another crate can export through bindings generated in
    /// this one (see [`Generator::default_bindings_module`] for where the macro then finds
    /// them). The bindings then embed their world without its exports, which the macro embeds
    /// where it is called, and import wrappers call a link helper (see
    /// [`Generator::disable_custom_section_link_helpers`]).
    pub fn pub_export_macro(mut self, public: bool) -> Self {
        self.rust.flags.pub_export_macro = public;
        self
    }

    /// Rust: records, variants, enums and flags that are structurally equal (same kind, same
    /// field, case or flag names in order, equal types in them) are one Rust type: the first
    /// is defined, the others are aliases of it (`pub type Kind5 = super::blag::Kind1;`), so
    /// their values are interchangeable. Resources are equal only to themselves (the import
    /// and export copies of one are two resources); types holding a borrow, and import types
    /// with a borrowing definition ([`Ownership::Borrowing`]), are not merged.
    pub fn merge_structurally_equal_types(mut self, merge: bool) -> Self {
        self.rust.flags.merge_structurally_equal_types = merge;
        self
    }

    /// Runs the generator and returns the files it produces, in memory.
    ///
    /// # Errors
    /// [`ErrorKind::Input`] when the WIT does not parse or resolve, or the world cannot be
    /// selected (the message names `file:line:col` and shows the line); [`ErrorKind::Usage`]
    /// when there is no input or the language is not implemented.
    pub fn generate(&self) -> Result<Output, Error> {
        let loaded = load(&self.inputs, self.world.as_deref(), &self.features)?;
        let plan = WorldPlan::new(&loaded.resolve, loaded.world);
        Ok(Output::new(self.backend()?.emit(&plan)?))
    }

    /// The files a user's implementation of the world's exports starts from, when the language
    /// keeps it apart from the bindings: for MoonBit, the `impl` package (`impl/moon.pkg.json`
    /// importing what the export signatures name, and `impl/impl.mbt` declaring each export
    /// with a body that aborts with its name). Empty for Rust, whose exports are a trait in the
    /// bindings.
    ///
    /// # Errors
    /// As [`Generator::generate`].
    pub fn skeleton(&self) -> Result<Output, Error> {
        Ok(self.generate_with_skeleton()?.1)
    }

    /// [`Generator::generate`] and [`Generator::skeleton`] from one reading of the WIT.
    ///
    /// # Errors
    /// As [`Generator::generate`].
    pub fn generate_with_skeleton(&self) -> Result<(Output, Output), Error> {
        let loaded = load(&self.inputs, self.world.as_deref(), &self.features)?;
        let plan = WorldPlan::new(&loaded.resolve, loaded.world);
        let backend = self.backend()?;
        let skeleton = Output::new(backend.skeleton(&plan)?);
        Ok((Output::new(backend.emit(&plan)?), skeleton))
    }

    fn backend(&self) -> Result<Box<dyn Backend>, Error> {
        match self.lang {
            Lang::Rust => Ok(Box::new(gen::rust::RustBackend(self.rust.clone()))),
            Lang::MoonBit => match self.rust.flags.first_set() {
                Some(option) => Err(Error::usage(format!(
                    "`{option}` is an option of the Rust generator; MoonBit has no such option"
                ))),
                None => Ok(Box::new(gen::moonbit::MoonBitBackend)),
            },
        }
    }
}
