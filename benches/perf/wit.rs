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
            let _ = writeln!(wit, "  {}", function(j));
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

/// Function `j` of an interface of the synthetic world.
fn function(j: usize) -> String {
    let shape = match j % 20 {
        0 => "func()",
        1 => "func(a: u32, b: u32) -> u32",
        2 => "func(name: string) -> string",
        3 => "func(id: u64, name: string) -> rec",
        4 => "func(items: list<rec>) -> u32",
        5 => "func(items: recs, name: string) -> option<rec>",
        6 => "func(v: val) -> mode",
        7 => "func(p: perms, m: meta) -> result<level, string>",
        8 => "func(data: list<u8>) -> list<u8>",
        9 => "func(xs: list<tuple<string, u32>>) -> list<tuple<u32, string>>",
        10 => "func(x: option<result<list<option<string>>, val>>) -> result<option<rec>, string>",
        11 => "func(name: string) -> result<handle, string>",
        12 => "func(h: borrow<handle>) -> val",
        13 => {
            "func(a: u8, b: s16, c: u32, d: s64, e: f32, f: f64, g: bool, h: char, i: string, \
             j: list<u32>, k: option<u8>, l: rec, m: mode, n: perms) -> tuple<u64, string>"
        }
        14 => "async func(x: u32) -> future<u32>",
        15 => "async func(n: u32) -> stream<u32>",
        16 => "async func(data: stream<u8>) -> result<u64, string>",
        17 => "async func(filter: option<string>) -> stream<rec>",
        18 => "async func(v: future<val>) -> val",
        _ => "async func(input: stream<rec>, m: mode) -> future<result<list<rec>, string>>",
    };
    format!("f{j}: {shape};")
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
