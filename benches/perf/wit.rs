//! The WIT the bench generates bindings for, written as text by the bench itself.

use std::fmt::Write as _;

/// The synthetic world: `interfaces` interfaces of `functions` functions each (plus a resource
/// with three methods per interface), the first half imported, the second half exported. Every
/// interface uses the types of a shared `common` interface, so exports also pull in an import.
///
/// The functions cycle through 20 shapes: scalars, strings, records, variants, enums, flags,
/// lists, tuples, nested options/results, resources (own and borrow), more than 16 flat
/// parameters, and async functions with `future<T>` and `stream<T>` parameters and results.
pub fn synthetic(interfaces: usize, functions: usize) -> String {
    synthetic_with(interfaces, functions, &SHAPES)
}

/// The synthetic world as the `compile` group builds it: the same but for the last shape's
/// result, `future<rec>` instead of `future<result<list<rec>, string>>`. wit-bindgen 0.63.0's
/// bindings of the original do not compile once two imported interfaces have that function:
/// the `FuturePayload` impl of an anonymous payload type holding an interface's own type
/// (`result<list<rec>, string>`, `list<rec>`) is written for the first interface only
/// (error[E0277] in every other one). A named payload (`rec`, `val`) is fine.
pub fn synthetic_compilable(interfaces: usize, functions: usize) -> String {
    synthetic_with(interfaces, functions, &compilable_shapes())
}

fn compilable_shapes() -> [Shape; 20] {
    let mut shapes = SHAPES;
    shapes[19] = Shape {
        wit: "async func(input: stream<rec>, m: mode) -> future<rec>",
        rust: "(_input: R::StreamReader<e::Rec>, _m: e::Mode) -> R::FutureReader<e::Rec>",
        forward: None,
    };
    shapes
}

fn synthetic_with(interfaces: usize, functions: usize, shapes: &[Shape; 20]) -> String {
    let mut wit = String::new();
    wit.push_str("package bench:synth;\n\n");
    wit.push_str(
        "interface common {\n\
         \x20 enum level { debug, info, warn, error }\n\
         \x20 record meta { created: u64, author: string, level: level }\n\
         }\n\n",
    );
    for i in 0..interfaces {
        let _ = writeln!(wit, "interface iface{i} {{");
        wit.push_str(
            "  use common.{meta, level};\n\
             \x20 record rec { id: u64, name: string, tags: list<string>, score: option<f64> }\n\
             \x20 variant val { none, int(s64), text(string), rec(rec), many(list<rec>) }\n\
             \x20 enum mode { fast, slow, auto }\n\
             \x20 flags perms { read, write, exec }\n\
             \x20 type recs = list<rec>;\n\
             \x20 resource handle {\n\
             \x20   constructor(name: string);\n\
             \x20   name: func() -> string;\n\
             \x20   set: func(v: val) -> result<_, string>;\n\
             \x20 }\n",
        );
        for j in 0..functions {
            let _ = writeln!(wit, "  f{j}: {};", shapes[j % shapes.len()].wit);
        }
        wit.push_str("}\n\n");
    }
    wit.push_str("world synth {\n");
    for i in 0..interfaces {
        let direction = if i < interfaces / 2 {
            "import"
        } else {
            "export"
        };
        let _ = writeln!(wit, "  {direction} iface{i};");
    }
    wit.push_str("}\n");
    wit
}

/// One of the shapes the synthetic world's functions cycle through: its WIT, and the Rust of a
/// stub implementing it as an export (see [`synthetic_stubs`]).
#[derive(Clone, Copy)]
struct Shape {
    wit: &'static str,
    /// The export trait method's parameters and result, after `fn fN`; `e::` names the exported
    /// interface's types, `R::` the runtime crate's.
    rust: &'static str,
    /// The stub's body when it forwards to the same function of an imported interface (`i::`),
    /// whose signature is the same with either generator; otherwise it is `unreachable!()`.
    forward: Option<&'static str>,
}

const SHAPES: [Shape; 20] = [
    Shape {
        wit: "func()",
        rust: "()",
        forward: Some("i::f{j}()"),
    },
    Shape {
        wit: "func(a: u32, b: u32) -> u32",
        rust: "(a: u32, b: u32) -> u32",
        forward: Some("i::f{j}(a, b)"),
    },
    Shape {
        wit: "func(name: string) -> string",
        rust: "(name: String) -> String",
        forward: Some("i::f{j}(&name)"),
    },
    Shape {
        wit: "func(id: u64, name: string) -> rec",
        rust: "(_id: u64, _name: String) -> e::Rec",
        forward: None,
    },
    Shape {
        wit: "func(items: list<rec>) -> u32",
        rust: "(_items: Vec<e::Rec>) -> u32",
        forward: None,
    },
    Shape {
        wit: "func(items: recs, name: string) -> option<rec>",
        rust: "(_items: e::Recs, _name: String) -> Option<e::Rec>",
        forward: None,
    },
    Shape {
        wit: "func(v: val) -> mode",
        rust: "(_v: e::Val) -> e::Mode",
        forward: None,
    },
    Shape {
        wit: "func(p: perms, m: meta) -> result<level, string>",
        rust: "(_p: e::Perms, _m: e::Meta) -> Result<e::Level, String>",
        forward: None,
    },
    Shape {
        wit: "func(data: list<u8>) -> list<u8>",
        rust: "(data: Vec<u8>) -> Vec<u8>",
        forward: Some("i::f{j}(&data)"),
    },
    Shape {
        wit: "func(xs: list<tuple<string, u32>>) -> list<tuple<u32, string>>",
        rust: "(_xs: Vec<(String, u32)>) -> Vec<(u32, String)>",
        forward: None,
    },
    Shape {
        wit: "func(x: option<result<list<option<string>>, val>>) -> result<option<rec>, string>",
        rust: "(_x: Option<Result<Vec<Option<String>>, e::Val>>) -> Result<Option<e::Rec>, String>",
        forward: None,
    },
    Shape {
        wit: "func(name: string) -> result<handle, string>",
        rust: "(_name: String) -> Result<e::Handle, String>",
        forward: None,
    },
    Shape {
        wit: "func(h: borrow<handle>) -> val",
        rust: "(_h: e::HandleBorrow<'_>) -> e::Val",
        forward: None,
    },
    Shape {
        wit: "func(a: u8, b: s16, c: u32, d: s64, e: f32, f: f64, g: bool, h: char, i: string, \
              j: list<u32>, k: option<u8>, l: rec, m: mode, n: perms) -> tuple<u64, string>",
        rust: "(_a: u8, _b: i16, _c: u32, _d: i64, _e: f32, _f: f64, _g: bool, _h: char, \
               _i: String, _j: Vec<u32>, _k: Option<u8>, _l: e::Rec, _m: e::Mode, _n: e::Perms) \
               -> (u64, String)",
        forward: None,
    },
    Shape {
        wit: "async func(x: u32) -> future<u32>",
        rust: "(_x: u32) -> R::FutureReader<u32>",
        forward: None,
    },
    Shape {
        wit: "async func(n: u32) -> stream<u32>",
        rust: "(_n: u32) -> R::StreamReader<u32>",
        forward: None,
    },
    Shape {
        wit: "async func(data: stream<u8>) -> result<u64, string>",
        rust: "(_data: R::StreamReader<u8>) -> Result<u64, String>",
        forward: None,
    },
    Shape {
        wit: "async func(filter: option<string>) -> stream<rec>",
        rust: "(_filter: Option<String>) -> R::StreamReader<e::Rec>",
        forward: None,
    },
    Shape {
        wit: "async func(v: future<val>) -> val",
        rust: "(_v: R::FutureReader<e::Val>) -> e::Val",
        forward: None,
    },
    Shape {
        wit: "async func(input: stream<rec>, m: mode) -> future<result<list<rec>, string>>",
        rust: "(_input: R::StreamReader<e::Rec>, _m: e::Mode) \
               -> R::FutureReader<Result<Vec<e::Rec>, String>>",
        forward: None,
    },
];

/// A `lib.rs` implementing the exports of `synthetic_compilable(interfaces, functions)`
/// with a stub, for either generator's bindings in `mod bindings` (their export traits have the
/// same signatures; `runtime` is the crate with `FutureReader` and `StreamReader`). Exported
/// interface `k` forwards the functions whose import signature is the same with both generators
/// (no parameters, numbers, `string`, `list<u8>`) to the same function of imported interface
/// `k - interfaces / 2`, so that import glue is compiled too; every other function and the
/// resource's methods are `unreachable!()`.
pub fn synthetic_stubs(interfaces: usize, functions: usize, runtime: &str) -> String {
    let shapes = compilable_shapes();
    let mut rust = format!(
        "//! Stubs of the synthetic world's exports (written by benches/perf/wit.rs).\n\
         mod bindings;\n\
         use {runtime} as R;\n\
         pub struct Stub;\n"
    );
    let half = interfaces / 2;
    for k in half..interfaces {
        let _ = write!(
            rust,
            "mod s{k} {{\n\
             \x20   #[allow(unused_imports)]\n\
             \x20   use super::{{Stub, R}};\n\
             \x20   use crate::bindings::exports::bench::synth::iface{k} as e;\n\
             \x20   #[allow(unused_imports)]\n\
             \x20   use crate::bindings::bench::synth::iface{} as i;\n\
             \x20   impl e::GuestHandle for Stub {{\n\
             \x20       fn new(_name: String) -> Self {{ unreachable!() }}\n\
             \x20       fn name(&self) -> String {{ unreachable!() }}\n\
             \x20       fn set(&self, _v: e::Val) -> Result<(), String> {{ unreachable!() }}\n\
             \x20   }}\n\
             \x20   impl e::Guest for Stub {{\n\
             \x20       type Handle = Stub;\n",
            k - half
        );
        for j in 0..functions {
            let shape = &shapes[j % shapes.len()];
            let asyncness = if shape.wit.starts_with("async") {
                "async "
            } else {
                ""
            };
            let body = shape.forward.map_or_else(
                || "unreachable!()".to_string(),
                |f| f.replace("{j}", &j.to_string()),
            );
            let _ = writeln!(
                rust,
                "        {asyncness}fn f{j}{} {{ {body} }}",
                shape.rust
            );
        }
        rust.push_str("    }\n}\n");
    }
    rust.push_str("bindings::export!(Stub with_types_in bindings);\n");
    rust
}

/// A world whose one function takes and returns a type nested `depth` levels deep. Each level
/// wraps the one below in the next of `tuple<T, T>`, `list<T>`, `result<T, T>`, `option<T>`
/// (innermost first), so depth 4 is `option<result<list<tuple<string, string>>, …>>`; the tuple
/// and the result hold the level below twice, the case where inlining each type's lift/lower
/// at every use doubles the code. The interface is both imported and exported, so lowering and
/// lifting are generated in both directions.
pub fn nesting(depth: usize) -> String {
    let mut wit =
        String::from("package bench:nest;\n\ninterface deep {\n  type level0 = string;\n");
    for d in 1..=depth {
        let p = format!("level{}", d - 1);
        let ty = match (d - 1) % 4 {
            0 => format!("tuple<{p}, {p}>"),
            1 => format!("list<{p}>"),
            2 => format!("result<{p}, {p}>"),
            _ => format!("option<{p}>"),
        };
        let _ = writeln!(wit, "  type level{d} = {ty};");
    }
    let _ = writeln!(wit, "  roundtrip: func(x: level{depth}) -> level{depth};");
    wit.push_str("}\n\nworld nest {\n  import deep;\n  export deep;\n}\n");
    wit
}

/// The small world both generators' components implement for the component-size comparison.
pub const SMALL: &str = r#"package bench:small;

interface api {
  record point { x: s32, y: s32, label: string }
  variant shape { circle(f64), rect(tuple<f64, f64>), poly(list<point>) }
  enum color { red, green, blue }
  flags perms { read, write, exec }

  resource counter {
    constructor(start: u64);
    add: func(n: u64) -> u64;
  }

  greet: func(name: string) -> string;
  sum: func(values: list<u32>) -> u64;
  area: func(s: shape) -> f64;
  find: func(points: list<point>, label: string) -> option<point>;
  parse: func(s: string) -> result<color, string>;
  allowed: func(p: perms) -> bool;
  doubled: async func(input: stream<u32>) -> stream<u32>;
  later: async func(x: u32) -> future<u32>;
}

world small {
  import log: func(msg: string);
  export api;
}
"#;

/// The async transfer benchmark: `runner` writes, `test` reads.
pub const TRANSFER: &str = r#"package bench:transfer;

interface api {
  record sample { id: u32, value: f64, ok: bool }

  /// Reads `data` to its end: (bytes read, sum of the first and last byte of every chunk).
  sink-bytes: async func(data: stream<u8>) -> tuple<u64, u64>;
  /// Reads `items` to its end: (records read, sum of their ids).
  sink-samples: async func(items: stream<sample>) -> tuple<u64, u64>;
  /// Answers with a future of the value of `x` plus one.
  add-one: async func(x: future<u32>) -> future<u32>;
}

world test {
  export api;
}

world runner {
  import api;
  /// A quick functional check (run by `tests/support::run_composed`).
  export run: async func();
  /// Moves `total` bytes in chunks of `chunk`; returns the bytes that arrived.
  export bytes: async func(total: u64, chunk: u32) -> u64;
  /// Moves `count` records in chunks of `chunk`; returns the records that arrived.
  export samples: async func(count: u32, chunk: u32) -> u64;
  /// `count` future round trips through `add-one`; returns the number checked.
  export futures: async func(count: u32) -> u64;
}
"#;

/// Group 4's world: synchronous calls of a few shapes from a runner into a test component.
pub const CALLS: &str = r#"package bench:calls;

interface api {
  record item { name: string, values: list<u32> }

  /// A running total.
  resource counter {
    constructor(start: u32);
    add: func(n: u32) -> u32;
  }

  echo: func(s: string) -> string;
  sum: func(xs: list<u32>) -> u64;
  /// The item with its name and values reversed.
  swap: func(x: item) -> item;
}

world test {
  export api;
}

world runner {
  import api;
  /// A quick functional check (run by `tests/support::run_composed`).
  export run: func();
  /// `count` calls of `echo` with a string of `len` bytes; returns the bytes that came back.
  export echoes: func(count: u32, len: u32) -> u64;
  /// `count` calls of `sum` with the list 0..len; returns the sum of the answers.
  export sums: func(count: u32, len: u32) -> u64;
  /// `count` calls of `swap`; returns the total length of the names and values that came back.
  export swaps: func(count: u32) -> u64;
  /// `count` calls of `counter.add(1)` on one counter made with 0; returns its last answer.
  export adds: func(count: u32) -> u64;
}
"#;
