//! witbind: bindings for WebAssembly components, generated from WIT.
//!
//! The pipeline is load → plan → emit → write: [`Generator`] loads WIT with `wit-parser`, plans
//! the world's boundary once (`gen::plan`), emits source for one language (`gen::rust`) and
//! returns the files in memory ([`Output`]), which can be written atomically or compared with
//! what is on disk.
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

mod error;
pub mod gen;
mod output;

use std::path::PathBuf;

pub use error::{Error, ErrorKind};
pub use output::{Output, OutputFile};

use gen::load::{load, Features, Input};
use gen::plan::WorldPlan;

/// The language to generate bindings for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Rust,
    MoonBit,
}

/// Builder for one generation run.
#[derive(Clone, Debug)]
pub struct Generator {
    lang: Lang,
    inputs: Vec<Input>,
    world: Option<String>,
    features: Features,
    rust: gen::rust::RustOptions,
}

impl Generator {
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
    /// wasm-encoded WIT package.
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

    /// Runs the generator and returns the files it produces.
    pub fn generate(&self) -> Result<Output, Error> {
        let loaded = load(&self.inputs, self.world.as_deref(), &self.features)?;
        let plan = WorldPlan::new(&loaded.resolve, loaded.world);
        let world_name = &loaded.resolve.worlds[loaded.world].name;
        match self.lang {
            Lang::Rust => {
                let text = gen::rust::emit(&plan, &self.rust)?;
                Ok(Output::new(vec![OutputFile {
                    path: format!("{}.rs", gen::names::snake(world_name)),
                    contents: text,
                }]))
            }
            Lang::MoonBit => Err(Error::not_implemented(
                "the MoonBit backend is not implemented yet",
            )),
        }
    }
}
