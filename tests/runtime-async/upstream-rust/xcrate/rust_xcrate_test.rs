//@ more-bindings = { a = "a --pub-export-macro --export-macro-name export_a --default-bindings-module rust_xcrate_test::a", b = "b --pub-export-macro --export-macro-name export_b --default-bindings-module rust_xcrate_test::b" }

// Cross-crate bindings (the library): no world of its own, only the bindings of worlds `a` and
// `b` as `pub mod a` and `pub mod b`, each with a `pub` export macro (`export_a!`, `export_b!`)
// whose default path to the types is this crate's (`rust_xcrate_test::b`), the way another
// crate names it. `intermediate.rs` is built from them alone.
