//! The `witbind` command line: argument parsing only; the work is in the library.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use witbind::{Generator, Lang, Ownership, RustFlags, With};

#[derive(Parser)]
#[command(
    name = "witbind",
    version,
    about = "Bindings for WebAssembly components, from WIT"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate guest bindings for a world.
    Generate(GenerateArgs),
    /// Build, compose and run runtime test cases (directories holding `test.wit`).
    Test(TestArgs),
}

#[derive(clap::Args)]
struct TestArgs {
    /// Case directories, or directories to search for them.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Languages components may be written in (`rust`, `moonbit`), comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "rust")]
    languages: Vec<String>,
    /// Run each composed component under this command instead of the embedded wasmtime, e.g.
    /// "wasmtime run -W component-model-async -S p3" (split on whitespace).
    #[arg(long)]
    runner: Option<String>,
    /// Where bindings, builds and components are kept.
    #[arg(long, default_value = "target/witbind-test")]
    artifacts: PathBuf,
    /// Only trials whose name (`case | runner.rs | test.mbt`) matches this regex (repeatable:
    /// every one must match).
    #[arg(long)]
    filter: Vec<String>,
    /// Components built and trials run at once (default: the number of CPUs).
    #[arg(long)]
    jobs: Option<usize>,
}

#[derive(clap::Args)]
struct GenerateArgs {
    /// WIT inputs: `.wit` files, directories with `deps/`, or wasm-encoded packages, in any
    /// order (`.wit` files declaring one package form it together; packages resolve by their
    /// dependencies).
    #[arg(required = true)]
    wit: Vec<PathBuf>,
    /// Target language.
    #[arg(long, value_enum)]
    lang: LangArg,
    /// World to generate: `name` or `ns:pkg/name` (needed when there are several).
    #[arg(long)]
    world: Option<String>,
    /// Directory to write into.
    #[arg(long, default_value = ".")]
    out_dir: PathBuf,
    /// Write nothing; exit 1 if the files on disk differ from what would be generated (the
    /// MoonBit `impl/` skeleton is not checked: it is the user's code).
    #[arg(long)]
    check: bool,
    /// MoonBit: do not write the `impl/` skeleton (by default it is written when `impl/` does
    /// not exist yet, and never overwritten).
    #[arg(long)]
    no_skeleton: bool,
    /// Path of the runtime crate in generated Rust code.
    #[arg(long, default_value = "::witbind_rt")]
    runtime_path: String,
    /// Enable an `@unstable(feature = NAME)` gate (repeatable).
    #[arg(long = "features", value_delimiter = ',')]
    features: Vec<String>,
    /// Enable every `@unstable` gate.
    #[arg(long)]
    all_features: bool,
    /// Rust: add this derive (a path: `serde::Serialize`, `Hash`) to generated records,
    /// variants, enums and flags not holding handles (repeatable, or comma-separated).
    #[arg(
        short = 'd',
        long = "additional-derive-attribute",
        value_delimiter = ',',
        value_name = "PATH"
    )]
    additional_derives: Vec<String>,
    /// Rust: no additional derives on the type of this WIT name (repeatable).
    #[arg(
        long = "additional-derive-ignore",
        value_delimiter = ',',
        value_name = "NAME"
    )]
    additional_derives_ignore: Vec<String>,
    /// Rust: generate nothing for the function of this WIT name (repeatable).
    #[arg(long, value_delimiter = ',', value_name = "NAME")]
    skip: Vec<String>,
    /// Rust: `ns:pkg/iface=path::to::bindings` uses bindings of the imported interface
    /// generated elsewhere; `ns:pkg/iface=generate` generates them (repeatable). Once one is
    /// given, every imported interface needs one, or `--generate-all`.
    #[arg(long, value_delimiter = ',', value_name = "NAME=PATH")]
    with: Vec<String>,
    /// Rust: generate every imported interface `--with` does not name.
    #[arg(long)]
    generate_all: bool,
    /// Rust: `string` as `Vec<u8>` / `&[u8]`, its bytes unchecked.
    #[arg(long)]
    raw_strings: bool,
    /// Rust: accepted for wit-bindgen compatibility; witbind always generates unused types.
    #[arg(long)]
    generate_unused_types: bool,
    /// Rust: accepted for wit-bindgen compatibility; the generated code never needs `std`
    /// (it builds in `#![no_std]` crates), so there is nothing to put behind a `std` feature.
    #[arg(long)]
    std_feature: bool,
    /// Rust: append this to the name of the component-type custom section (several bindings of
    /// one world in one component).
    #[arg(long, value_name = "SUFFIX")]
    type_section_suffix: Option<String>,
    /// Rust: no link helper in `--pub-export-macro` bindings (import wrappers call one so a
    /// library crate's component type is linked); without that flag there is none to disable.
    #[arg(long)]
    disable_custom_section_link_helpers: bool,
    /// Rust: the name of the export macro (default `export`).
    #[arg(long, value_name = "NAME")]
    export_macro_name: Option<String>,
    /// Rust: where the export macro finds the bindings without `with_types_in` (default
    /// `self`).
    #[arg(long, value_name = "PATH")]
    default_bindings_module: Option<String>,
    /// Rust: how imports take strings and lists: `owning` (default: `&str`, `&[T]`,
    /// `&Record`), `borrowing` (records only passed to imports borrow their fields) or
    /// `borrowing-duplicate-if-necessary` (`ThingParam<'a>` and `ThingResult` where both are
    /// needed).
    #[arg(long, value_name = "MODE")]
    ownership: Option<String>,
    /// Rust: resource methods without a result return `&Self`, so calls chain.
    #[arg(long)]
    enable_method_chaining: bool,
    /// Rust: make the export macro `pub`, for use from other crates.
    #[arg(long)]
    pub_export_macro: bool,
    /// Rust: structurally equal records, variants, enums and flags are one Rust type (the
    /// later ones aliases of the first).
    #[arg(long)]
    merge_structurally_equal_types: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Rust,
    Moonbit,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Generate(args) => match generate(args) {
            Ok(code) => code,
            Err(err) => {
                eprintln!("error: {err}");
                ExitCode::from(err.exit_code() as u8)
            }
        },
        Command::Test(args) => test(args),
    }
}

fn test(args: TestArgs) -> ExitCode {
    let mut languages = Vec::new();
    for name in &args.languages {
        match witbind::testing::Language::from_name(name.trim()) {
            Some(language) => languages.push(language),
            None => {
                eprintln!("error: unknown language `{name}` (expected `rust` or `moonbit`)");
                return ExitCode::from(2);
            }
        }
    }
    let filters = match args.filter.iter().map(|f| regex::Regex::new(f)).collect() {
        Ok(filters) => filters,
        Err(e) => {
            eprintln!("error: bad --filter: {e}");
            return ExitCode::from(2);
        }
    };
    let runner = args
        .runner
        .map(|r| r.split_whitespace().map(str::to_string).collect::<Vec<_>>());
    if runner.as_ref().is_some_and(Vec::is_empty) {
        eprintln!("error: --runner is empty");
        return ExitCode::from(2);
    }
    let options = witbind::testing::TestOptions {
        paths: args.paths,
        languages,
        runner,
        artifacts: args.artifacts,
        filters,
        jobs: args
            .jobs
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
    };
    match witbind::testing::run(&options) {
        Ok(summary) if summary.ok() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(err.exit_code() as u8)
        }
    }
}

fn generate(args: GenerateArgs) -> Result<ExitCode, witbind::Error> {
    let lang = match args.lang {
        LangArg::Rust => Lang::Rust,
        LangArg::Moonbit => Lang::MoonBit,
    };
    let mut generator = Generator::new(lang)
        .runtime_path(args.runtime_path)
        .all_features(args.all_features);
    for input in args.wit {
        generator = generator.input(input);
    }
    if let Some(world) = args.world {
        generator = generator.world(world);
    }
    for feature in args.features {
        generator = generator.feature(feature);
    }
    let with = args.with.iter().map(|m| With::parse_mapping(m));
    generator = generator.rust_flags(RustFlags {
        additional_derives: args.additional_derives,
        additional_derives_ignore: args.additional_derives_ignore,
        skip: args.skip,
        with: with.collect::<Result<_, _>>()?,
        generate_all: args.generate_all,
        raw_strings: args.raw_strings,
        generate_unused_types: args.generate_unused_types,
        std_feature: args.std_feature,
        type_section_suffix: args.type_section_suffix,
        disable_custom_section_link_helpers: args.disable_custom_section_link_helpers,
        export_macro_name: args.export_macro_name,
        default_bindings_module: args.default_bindings_module,
        ownership: match &args.ownership {
            Some(mode) => Ownership::parse(mode)?,
            None => Ownership::Owning,
        },
        enable_method_chaining: args.enable_method_chaining,
        pub_export_macro: args.pub_export_macro,
        merge_structurally_equal_types: args.merge_structurally_equal_types,
    });
    if args.check {
        let stale = generator.generate()?.check(&args.out_dir);
        if stale.is_empty() {
            return Ok(ExitCode::SUCCESS);
        }
        for path in stale {
            eprintln!("out of date: {}", args.out_dir.join(path).display());
        }
        return Ok(ExitCode::from(1));
    }
    // With a starting point for the user's implementation, unless there is one already: once a
    // skeleton file's directory exists, it is the user's code.
    let output = match args.no_skeleton {
        true => generator.generate()?,
        false => {
            let (output, skeleton) = generator.generate_with_skeleton()?;
            let taken = skeleton.files().iter().any(|f| {
                let dir = Path::new(&f.path).parent().unwrap_or(Path::new(""));
                args.out_dir.join(dir).exists()
            });
            if taken {
                output
            } else {
                output.with(skeleton)
            }
        }
    };
    output.write(&args.out_dir)?;
    // The process ends now: leave the generated text to the OS instead of freeing it (for a
    // large output that is a `munmap` and page-table work for nothing).
    std::mem::forget(output);
    Ok(ExitCode::SUCCESS)
}
