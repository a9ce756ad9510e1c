//! `witbind-macro`: the [`generate!`] macro, which runs witbind's Rust generator at compile time
//! and puts the bindings where it is invoked.
//!
//! Use it through `witbind-rt`, which re-exports it (default feature `macros`), so a component
//! needs one dependency:
//!
//! ```ignore
//! witbind_rt::generate!({ world: "hello", path: "wit" });
//! ```
//!
//! The options are the command line's (`witbind generate`), with the same names; see
//! [`generate!`].

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{braced, bracketed, Ident, LitBool, LitStr, Token};
use witbind::{Generator, Lang, Ownership, RustFlags, With};

/// The file name WIT given with `inline` has in diagnostics.
const INLINE_NAME: &str = "inline.wit";

/// Generates Rust bindings for a WIT world, in place.
///
/// ```ignore
/// witbind_rt::generate!({
///     world: "hello",                    // `name` or `ns:pkg/name`; needed when there are several
///     path: "wit",                       // or a list: ["wit", "extra.wit"]
///     inline: "package a:b; world w {}", // WIT source text (instead of, or besides, `path`)
///     runtime_path: "::witbind_rt",      // the runtime crate's path in the generated code
///     features: ["fancy"],               // `@unstable(feature = …)` gates to enable
///     all_features: false,               // enable every `@unstable` gate
///     additional_derives: [serde::Serialize, Hash, Eq], // on plain records, variants, enums, flags
///     additional_derives_ignore: ["big-record"],        // WIT type names that get none
///     skip: ["legacy-fn"],               // WIT function names to generate nothing for
///     with: {                            // imported interfaces: bindings from elsewhere, or here
///         "wasi:io/streams@0.2.6": other_crate::wasi::io::streams,
///         "my:pkg/local": generate,
///     },
///     generate_all,                      // generate every import `with` does not name
///     raw_strings,                       // `string` as `Vec<u8>` / `&[u8]`, unchecked
///     generate_unused_types: true,       // accepted; witbind always generates them
///     std_feature,                       // accepted; the generated code is always `no_std`
///     type_section_suffix: "-mine",      // for one world's bindings twice in one component
///     export_macro_name: "export_it",    // the export macro's name (default `export`)
///     default_bindings_module: "bindings", // where `export!(T)` finds the bindings
///     disable_custom_section_link_helpers: true, // no link helper with `pub_export_macro`
///     ownership: Borrowing { duplicate_if_necessary: true }, // or `Owning` (the default)
///     enable_method_chaining: true,      // resource methods without a result return `&Self`
///     pub_export_macro: true,            // the export macro usable from other crates
///     merge_structurally_equal_types,    // structurally equal types are one Rust type
/// });
/// ```
///
/// The options are `witbind generate`'s: `path` is its `<WIT>...` (`.wit` files, directories
/// with an optional `deps/`, wasm-encoded packages), the others its flags with `-` written `_`.
/// At least one of `path` and `inline` is needed. Relative paths are relative to the directory
/// of the crate's `Cargo.toml` (`CARGO_MANIFEST_DIR`).
///
/// The bindings are the items `witbind generate --lang rust` would write to a file, expanded at
/// the call site, including the `export!` macro:
///
/// - invoked at the crate root, export with `export!(MyType);`;
/// - invoked in a module, `mod bindings { witbind_rt::generate!({ .. }); }`, export with
///   `bindings::export!(MyType with_types_in bindings);`.
///
/// Every file the inputs can read (each `.wit` and `.wasm` file under a `path`, recursively, so
/// `deps/` too) is tracked with `include_bytes!`: editing one rebuilds the crate. A new file in
/// a directory is only seen on the next rebuild for another reason (stable Rust cannot track a
/// directory's listing).
///
/// An error in the WIT is a compile error at the macro call; its message names the WIT
/// `file:line:col` (for `inline`, the file is `inline.wit`) and shows the offending line.
#[proc_macro]
pub fn generate(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    let options = match syn::parse::<Options>(input) {
        Ok(options) => options,
        Err(e) => return e.to_compile_error().into(),
    };
    match std::env::var_os("CARGO_MANIFEST_DIR") {
        Some(dir) => expand(&options, Path::new(&dir)).into(),
        None => error("`CARGO_MANIFEST_DIR` is not set: build with cargo").into(),
    }
}

/// The options of one `generate!` call.
#[derive(Default)]
struct Options {
    world: Option<String>,
    paths: Vec<LitStr>,
    inline: Option<String>,
    runtime_path: Option<String>,
    features: Vec<String>,
    all_features: bool,
    /// The Rust generator's options of wit-bindgen's names.
    rust: RustFlags,
}

impl Parse for Options {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let content;
        braced!(content in input);
        if !input.is_empty() {
            return Err(input.error("unexpected tokens after `{ .. }`"));
        }
        let mut options = Options::default();
        let mut seen: BTreeSet<String> = BTreeSet::new();
        for field in Punctuated::<Field, Token![,]>::parse_terminated(&content)? {
            let name = field.name.to_string();
            if !seen.insert(name.clone()) {
                return Err(syn::Error::new(
                    field.name.span(),
                    format!("`{name}` is given twice"),
                ));
            }
            match field.value {
                Value::World(world) => options.world = Some(world.value()),
                Value::Path(paths) => options.paths = paths,
                Value::Inline(source) => options.inline = Some(source.value()),
                Value::RuntimePath(path) => options.runtime_path = Some(path.value()),
                Value::Features(features) => options.features = features,
                Value::AllFeatures(all) => options.all_features = all.value,
                Value::AdditionalDerives(paths) => options.rust.additional_derives = paths,
                Value::AdditionalDerivesIgnore(names) => {
                    options.rust.additional_derives_ignore =
                        names.iter().map(LitStr::value).collect()
                }
                Value::Skip(names) => options.rust.skip = names.iter().map(LitStr::value).collect(),
                Value::With(with) => options.rust.with = with,
                Value::GenerateAll(all) => options.rust.generate_all = all,
                Value::RawStrings(raw) => options.rust.raw_strings = raw,
                Value::GenerateUnusedTypes(v) => options.rust.generate_unused_types = v.value,
                Value::StdFeature(v) => options.rust.std_feature = v,
                Value::TypeSectionSuffix(v) => options.rust.type_section_suffix = Some(v.value()),
                Value::DisableLinkHelpers(v) => {
                    options.rust.disable_custom_section_link_helpers = v.value
                }
                Value::ExportMacroName(v) => options.rust.export_macro_name = Some(v.value()),
                Value::DefaultBindingsModule(v) => {
                    options.rust.default_bindings_module = Some(v.value())
                }
                Value::Ownership(v) => options.rust.ownership = v,
                Value::EnableMethodChaining(v) => options.rust.enable_method_chaining = v.value,
                Value::PubExportMacro(v) => options.rust.pub_export_macro = v.value,
                Value::MergeEqualTypes(v) => options.rust.merge_structurally_equal_types = v,
            }
        }
        if options.paths.is_empty() && options.inline.is_none() {
            return Err(syn::Error::new(
                Span::call_site(),
                "no WIT input: give `path: \"wit\"` (a file or directory) or `inline: \"…\"`",
            ));
        }
        Ok(options)
    }
}

/// `name: value`.
struct Field {
    name: Ident,
    value: Value,
}

enum Value {
    World(LitStr),
    Path(Vec<LitStr>),
    Inline(LitStr),
    RuntimePath(LitStr),
    Features(Vec<String>),
    AllFeatures(LitBool),
    AdditionalDerives(Vec<String>),
    AdditionalDerivesIgnore(Vec<LitStr>),
    Skip(Vec<LitStr>),
    With(Vec<(String, With)>),
    GenerateAll(bool),
    RawStrings(bool),
    GenerateUnusedTypes(LitBool),
    StdFeature(bool),
    TypeSectionSuffix(LitStr),
    DisableLinkHelpers(LitBool),
    ExportMacroName(LitStr),
    DefaultBindingsModule(LitStr),
    Ownership(Ownership),
    EnableMethodChaining(LitBool),
    PubExportMacro(LitBool),
    MergeEqualTypes(bool),
}

const OPTION_NAMES: &str = "`world`, `path`, `inline`, `runtime_path`, `features`, \
    `all_features`, `additional_derives`, `additional_derives_ignore`, `skip`, `with`, \
    `generate_all`, `raw_strings`, `generate_unused_types`, `std_feature`, `type_section_suffix`, `disable_custom_section_link_helpers`, \
    `export_macro_name`, `default_bindings_module`, `ownership`, `enable_method_chaining`, \
    `pub_export_macro`, `merge_structurally_equal_types`";

impl Parse for Field {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let name: Ident = input.parse()?;
        // A flag may stand alone (`generate_all,`), as in wit-bindgen.
        if !input.peek(Token![:]) {
            let value = match name.to_string().as_str() {
                "generate_all" => Some(Value::GenerateAll(true)),
                "raw_strings" => Some(Value::RawStrings(true)),
                "std_feature" => Some(Value::StdFeature(true)),
                "merge_structurally_equal_types" => Some(Value::MergeEqualTypes(true)),
                _ => None,
            };
            if let Some(value) = value {
                return Ok(Field { name, value });
            }
        }
        input.parse::<Token![:]>()?;
        let value = match name.to_string().as_str() {
            "world" => Value::World(input.parse()?),
            "path" => Value::Path(one_or_list(input)?),
            "inline" => Value::Inline(input.parse()?),
            "runtime_path" => Value::RuntimePath(input.parse()?),
            // Like `--features a,b`: a list, or one string with commas.
            "features" => Value::Features(
                one_or_list(input)?
                    .iter()
                    .flat_map(|lit| {
                        lit.value()
                            .split(',')
                            .map(|f| f.trim().to_string())
                            .filter(|f| !f.is_empty())
                            .collect::<Vec<_>>()
                    })
                    .collect(),
            ),
            "all_features" => Value::AllFeatures(input.parse()?),
            "additional_derives" => {
                let content;
                bracketed!(content in input);
                let paths = Punctuated::<syn::Path, Token![,]>::parse_terminated(&content)?;
                Value::AdditionalDerives(
                    paths
                        .iter()
                        .map(|p| quote!(#p).to_string().replace(' ', ""))
                        .collect(),
                )
            }
            "additional_derives_ignore" => Value::AdditionalDerivesIgnore(one_or_list(input)?),
            "skip" => Value::Skip(one_or_list(input)?),
            "with" => {
                let content;
                braced!(content in input);
                let entries = Punctuated::<WithEntry, Token![,]>::parse_terminated(&content)?;
                Value::With(entries.into_iter().map(|e| (e.name, e.with)).collect())
            }
            "generate_all" => Value::GenerateAll(input.parse::<LitBool>()?.value),
            "raw_strings" => Value::RawStrings(input.parse::<LitBool>()?.value),
            "generate_unused_types" => Value::GenerateUnusedTypes(input.parse()?),
            "std_feature" => Value::StdFeature(input.parse::<LitBool>()?.value),
            "type_section_suffix" => Value::TypeSectionSuffix(input.parse()?),
            "disable_custom_section_link_helpers" => Value::DisableLinkHelpers(input.parse()?),
            "export_macro_name" => Value::ExportMacroName(input.parse()?),
            "default_bindings_module" => Value::DefaultBindingsModule(input.parse()?),
            "ownership" => Value::Ownership(parse_ownership(input)?),
            "enable_method_chaining" => Value::EnableMethodChaining(input.parse()?),
            "pub_export_macro" => Value::PubExportMacro(input.parse()?),
            "merge_structurally_equal_types" => {
                Value::MergeEqualTypes(input.parse::<LitBool>()?.value)
            }
            other => {
                return Err(syn::Error::new(
                    name.span(),
                    format!("unknown option `{other}`; the options are {OPTION_NAMES}"),
                ))
            }
        };
        Ok(Field { name, value })
    }
}

/// `"ns:pkg/iface": path::to::bindings` or `"ns:pkg/iface": generate`.
struct WithEntry {
    name: String,
    with: With,
}

impl Parse for WithEntry {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let name: LitStr = input.parse()?;
        input.parse::<Token![:]>()?;
        let path: syn::Path = input.parse()?;
        let with = match path.get_ident() {
            Some(ident) if ident == "generate" => With::Generate,
            _ => With::Path(quote!(#path).to_string().replace(' ', "")),
        };
        Ok(WithEntry {
            name: name.value(),
            with,
        })
    }
}

/// `Owning`, `Borrowing { duplicate_if_necessary: bool }` (the field may be left out: `false`).
fn parse_ownership(input: ParseStream) -> syn::Result<Ownership> {
    let mode: Ident = input.parse()?;
    match mode.to_string().as_str() {
        "Owning" => Ok(Ownership::Owning),
        "Borrowing" => {
            let mut duplicate_if_necessary = false;
            if input.peek(syn::token::Brace) {
                let content;
                braced!(content in input);
                if !content.is_empty() {
                    let field: Ident = content.parse()?;
                    if field != "duplicate_if_necessary" {
                        return Err(syn::Error::new(
                            field.span(),
                            "expected `duplicate_if_necessary: bool`",
                        ));
                    }
                    content.parse::<Token![:]>()?;
                    duplicate_if_necessary = content.parse::<LitBool>()?.value;
                    if content.peek(Token![,]) {
                        content.parse::<Token![,]>()?;
                    }
                }
            }
            Ok(Ownership::Borrowing {
                duplicate_if_necessary,
            })
        }
        _ => Err(syn::Error::new(
            mode.span(),
            "expected `Owning` or `Borrowing { duplicate_if_necessary: bool }`",
        )),
    }
}

/// `"a"` or `["a", "b"]`.
fn one_or_list(input: ParseStream) -> syn::Result<Vec<LitStr>> {
    if input.peek(syn::token::Bracket) {
        let content;
        bracketed!(content in input);
        let list = Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?;
        Ok(list.into_iter().collect())
    } else {
        Ok(vec![input.parse()?])
    }
}

/// The tokens `generate!` expands to, with relative paths taken from `manifest_dir`.
fn expand(options: &Options, manifest_dir: &Path) -> TokenStream {
    let mut paths = Vec::new();
    for lit in &options.paths {
        let path = manifest_dir.join(lit.value());
        if !path.exists() {
            let message = format!(
                "witbind: no such WIT input: `{}` (relative paths start at the crate's Cargo.toml)",
                lit.value()
            );
            return syn::Error::new(lit.span(), message).to_compile_error();
        }
        paths.push(path);
    }

    let mut generator = Generator::new(Lang::Rust).all_features(options.all_features);
    for path in &paths {
        generator = generator.input(path);
    }
    if let Some(source) = &options.inline {
        generator = generator.inline(INLINE_NAME, source.as_str());
    }
    if let Some(world) = &options.world {
        generator = generator.world(world);
    }
    if let Some(runtime_path) = &options.runtime_path {
        generator = generator.runtime_path(runtime_path);
    }
    for feature in &options.features {
        generator = generator.feature(feature);
    }
    generator = generator.rust_flags(options.rust.clone());

    // Tracked whatever the outcome: fixing the WIT must rebuild a crate that failed.
    let tracked = track(&paths);
    let bindings = match generator.generate() {
        Ok(output) => match output.files() {
            [file] => match file.contents.parse::<TokenStream>() {
                Ok(tokens) => tokens,
                Err(e) => error(&format!(
                    "witbind generated Rust that does not parse ({e}); please report this"
                )),
            },
            files => error(&format!(
                "witbind generated {} files; `generate!` expects one",
                files.len()
            )),
        },
        Err(e) => error(&format!("witbind: {e}")),
    };
    quote! {
        #tracked
        #bindings
    }
}

/// `compile_error!` at the macro call.
fn error(message: &str) -> TokenStream {
    quote_spanned! {Span::call_site()=> ::core::compile_error!(#message);}
}

/// `const _: &[u8] = include_bytes!("/abs/file");` for every file the inputs can read, so that
/// cargo rebuilds the crate when one of them changes.
fn track(paths: &[PathBuf]) -> TokenStream {
    let mut files = BTreeSet::new();
    let mut visited = BTreeSet::new();
    for path in paths {
        if path.is_dir() {
            collect_wit_files(path, &mut files, &mut visited);
        } else if path.is_file() {
            files.insert(path.clone());
        }
    }
    files
        .iter()
        .filter_map(|file| file.to_str())
        .map(|file| quote! { const _: &[u8] = ::core::include_bytes!(#file); })
        .collect()
}

/// Every `.wit`, `.wasm` and `.wat` file under `dir`, following symbolic links (`visited` keeps
/// a link cycle from looping).
fn collect_wit_files(dir: &Path, files: &mut BTreeSet<PathBuf>, visited: &mut BTreeSet<PathBuf>) {
    let Ok(canonical) = dir.canonicalize() else {
        return;
    };
    if !visited.insert(canonical) {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_wit_files(&path, files, visited);
        } else if path
            .extension()
            .is_some_and(|ext| ext == "wit" || ext == "wasm" || ext == "wat")
        {
            files.insert(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(tokens: TokenStream) -> Options {
        syn::parse2(tokens).expect("options parse")
    }

    /// Every `include_bytes!` path in `tokens`, in order.
    fn tracked(tokens: &TokenStream) -> Vec<String> {
        let text = tokens.to_string();
        text.split("include_bytes ! (")
            .skip(1)
            .map(|rest| {
                let lit = &rest[..rest.find(')').expect("closing parenthesis")];
                syn::parse_str::<LitStr>(lit).expect("a string").value()
            })
            .collect()
    }

    fn write(path: &Path, contents: &str) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
    }

    #[test]
    fn options_parse_like_the_command_line() {
        let o = options(quote! {{
            world: "w",
            path: ["a", "b/c.wit"],
            inline: "package a:b;",
            runtime_path: "crate::rt",
            features: ["x", "y,z"],
            all_features: true,
        }});
        assert_eq!(o.world.as_deref(), Some("w"));
        let paths: Vec<String> = o.paths.iter().map(LitStr::value).collect();
        assert_eq!(paths, ["a", "b/c.wit"]);
        assert_eq!(o.inline.as_deref(), Some("package a:b;"));
        assert_eq!(o.runtime_path.as_deref(), Some("crate::rt"));
        assert_eq!(o.features, ["x", "y", "z"]);
        assert!(o.all_features);

        let o = options(quote! {{ path: "wit", features: "a, b" }});
        assert_eq!(o.paths.len(), 1);
        assert_eq!(o.features, ["a", "b"]);
        assert!(!o.all_features);
    }

    #[test]
    fn rust_generator_options_parse_with_upstream_names() {
        let o = options(quote! {{
            path: "wit",
            additional_derives: [serde::Serialize, Hash, ::core::cmp::Eq],
            additional_derives_ignore: ["big-record"],
            skip: ["legacy", "[method]r.old"],
            with: {
                "wasi:io/streams@0.2.6": other::wasi::io::streams,
                "my:pkg/local": generate,
            },
            generate_all,
        }});
        assert_eq!(
            o.rust.additional_derives,
            ["serde::Serialize", "Hash", "::core::cmp::Eq"]
        );
        assert_eq!(o.rust.additional_derives_ignore, ["big-record"]);
        assert_eq!(o.rust.skip, ["legacy", "[method]r.old"]);
        assert_eq!(
            o.rust.with,
            [
                (
                    "wasi:io/streams@0.2.6".to_string(),
                    With::Path("other::wasi::io::streams".into())
                ),
                ("my:pkg/local".to_string(), With::Generate),
            ]
        );
        assert!(o.rust.generate_all);
        assert!(!o.rust.raw_strings);
        assert!(!o.rust.std_feature);
        let o = options(quote! {{
            path: "wit",
            raw_strings,
            std_feature,
            generate_unused_types: true,
            generate_all: false,
            type_section_suffix: "-b",
            disable_custom_section_link_helpers: true,
            export_macro_name: "export_it",
            default_bindings_module: "bindings",
        }});
        assert!(!o.rust.generate_all);
        assert!(o.rust.raw_strings);
        assert!(o.rust.std_feature);
        assert!(o.rust.generate_unused_types);
        assert_eq!(o.rust.type_section_suffix.as_deref(), Some("-b"));
        assert!(o.rust.disable_custom_section_link_helpers);
        assert_eq!(o.rust.export_macro_name.as_deref(), Some("export_it"));
        assert_eq!(o.rust.default_bindings_module.as_deref(), Some("bindings"));
        assert_eq!(o.rust.ownership, Ownership::Owning);
        assert!(!o.rust.enable_method_chaining && !o.rust.pub_export_macro);
        let o = options(quote! {{
            path: "wit",
            ownership: Borrowing { duplicate_if_necessary: true },
            enable_method_chaining: true,
            pub_export_macro: true,
        }});
        let duplicate = Ownership::Borrowing {
            duplicate_if_necessary: true,
        };
        assert_eq!(o.rust.ownership, duplicate);
        assert!(o.rust.enable_method_chaining && o.rust.pub_export_macro);
        assert!(!o.rust.merge_structurally_equal_types);
        for tokens in [
            quote! {{ path: "wit", merge_structurally_equal_types: true }},
            quote! {{ path: "wit", merge_structurally_equal_types }},
        ] {
            assert!(options(tokens).rust.merge_structurally_equal_types);
        }
        let o = options(quote! {{ path: "wit", merge_structurally_equal_types: false }});
        assert!(!o.rust.merge_structurally_equal_types);
        for (tokens, expected) in [
            (quote! { Owning }, Ownership::Owning),
            (
                quote! { Borrowing },
                Ownership::Borrowing {
                    duplicate_if_necessary: false,
                },
            ),
            (
                quote! { Borrowing {} },
                Ownership::Borrowing {
                    duplicate_if_necessary: false,
                },
            ),
        ] {
            let o = options(quote! {{ path: "wit", ownership: #tokens }});
            assert_eq!(o.rust.ownership, expected, "{tokens}");
        }
    }

    #[test]
    fn bad_options_are_errors() {
        for (tokens, expected) in [
            (quote! {{ world: "w" }}, "no WIT input"),
            (quote! {{ path: "a", path: "b" }}, "`path` is given twice"),
            (
                quote! {{ path: "a", lang: "rust" }},
                "unknown option `lang`",
            ),
            (quote! {{ path: 1 }}, "expected string literal"),
            (
                quote! {{ path: "a", ownership: Lending }},
                "expected `Owning` or `Borrowing",
            ),
            (
                quote! {{ path: "a", ownership: Borrowing { copy: true } }},
                "expected `duplicate_if_necessary: bool`",
            ),
            (quote! { path: "a" }, "expected curly braces"),
        ] {
            let err = match syn::parse2::<Options>(tokens.clone()) {
                Ok(_) => panic!("`{tokens}` parsed"),
                Err(e) => e.to_string(),
            };
            assert!(err.contains(expected), "`{tokens}`: {err}");
        }
    }

    /// Every WIT file of a directory input is tracked, `deps/` included, whether or not the
    /// generation succeeds; a file input is tracked itself.
    #[test]
    fn inputs_are_tracked() {
        let dir = tempfile_dir();
        let root = dir.path();
        write(
            &root.join("wit/main.wit"),
            "package a:b;\nworld w { import c:d/i; }\n",
        );
        write(&root.join("wit/notes.txt"), "not WIT");
        write(
            &root.join("wit/deps/c-d/i.wit"),
            "package c:d;\ninterface i { f: func(); }\n",
        );
        write(
            &root.join("wit/deps/e.wit"),
            "package e:f;\ninterface j {}\n",
        );
        write(&root.join("extra.wit"), "package x:y;\ninterface k {}\n");

        let expanded = expand(
            &options(quote! {{ path: ["wit", "extra.wit"], world: "a:b/w" }}),
            root,
        );
        let expected: Vec<String> = [
            "extra.wit",
            "wit/deps/c-d/i.wit",
            "wit/deps/e.wit",
            "wit/main.wit",
        ]
        .iter()
        .map(|p| root.join(p).to_str().unwrap().to_string())
        .collect();
        assert_eq!(tracked(&expanded), expected);
        assert!(
            expanded.to_string().contains("witbind_export"),
            "{expanded}"
        );

        write(
            &root.join("wit/main.wit"),
            "package a:b;\nworld w { import c:d/nope; }\n",
        );
        let failed = expand(&options(quote! {{ path: "wit" }}), root);
        assert!(failed.to_string().contains("compile_error"), "{failed}");
        assert_eq!(tracked(&failed), expected[1..]);
    }

    #[test]
    fn wit_errors_name_file_line_and_column() {
        let dir = tempfile_dir();
        let expanded = expand(
            &options(quote! {{ inline: "package a:b;\nworld w {\n  import f: func(;\n}\n" }}),
            dir.path(),
        );
        let text = expanded.to_string();
        assert!(text.contains("compile_error"), "{text}");
        assert!(text.contains("inline.wit:3:"), "{text}");
    }

    fn tempfile_dir() -> TempDir {
        TempDir::new()
    }

    /// A directory removed when dropped (the crate has no `tempfile` dependency).
    struct TempDir(PathBuf);

    impl TempDir {
        fn new() -> TempDir {
            use std::sync::atomic::{AtomicU32, Ordering};
            static NEXT: AtomicU32 = AtomicU32::new(0);
            let path = std::env::temp_dir().join(format!(
                "witbind-macro-test-{}-{}",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::SeqCst)
            ));
            let _ = fs::remove_dir_all(&path);
            fs::create_dir_all(&path).unwrap();
            TempDir(path)
        }

        fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }
}
