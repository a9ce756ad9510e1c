//! The `witbind` command line: argument parsing only; the work is in the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use witbind::{Generator, Lang};

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
}

#[derive(clap::Args)]
struct GenerateArgs {
    /// WIT inputs: `.wit` files, directories with `deps/`, or wasm-encoded packages.
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
    /// Write nothing; exit 1 if the files on disk differ from what would be generated.
    #[arg(long)]
    check: bool,
    /// Path of the runtime crate in generated Rust code.
    #[arg(long, default_value = "::witbind_rt")]
    runtime_path: String,
    /// Enable an `@unstable(feature = NAME)` gate (repeatable).
    #[arg(long = "features", value_delimiter = ',')]
    features: Vec<String>,
    /// Enable every `@unstable` gate.
    #[arg(long)]
    all_features: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Rust,
    Moonbit,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let Command::Generate(args) = cli.command;
    match generate(args) {
        Ok(code) => code,
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
    let output = generator.generate()?;
    if args.check {
        let stale = output.check(&args.out_dir);
        if stale.is_empty() {
            return Ok(ExitCode::SUCCESS);
        }
        for path in stale {
            eprintln!("out of date: {}", args.out_dir.join(path).display());
        }
        return Ok(ExitCode::from(1));
    }
    output.write(&args.out_dir)?;
    // The process ends now: leave the generated text to the OS instead of freeing it (for a
    // large output that is a `munmap` and page-table work for nothing).
    std::mem::forget(output);
    Ok(ExitCode::SUCCESS)
}
