// Results through two components (intermediate): implements `test` by calling the leaf's `test`
// and converting each answer from the imported types to its own exported ones.
use bindings::exports::test::results::test as exports;
use bindings::test::results::test as imports;

struct Component;

fn e(e: imports::E) -> exports::E {
    match e {
        imports::E::A => exports::E::A,
        imports::E::B => exports::E::B,
        imports::E::C => exports::E::C,
    }
}

fn e2(imports::E2 { line, column }: imports::E2) -> exports::E2 {
    exports::E2 { line, column }
}

impl exports::Guest for Component {
    fn string_error(a: f32) -> Result<f32, String> {
        imports::string_error(a)
    }

    fn enum_error(a: f32) -> Result<f32, exports::E> {
        imports::enum_error(a).map_err(e)
    }

    fn record_error(a: f32) -> Result<f32, exports::E2> {
        imports::record_error(a).map_err(e2)
    }

    fn variant_error(a: f32) -> Result<f32, exports::E3> {
        imports::variant_error(a).map_err(|err| match err {
            imports::E3::E1(x) => exports::E3::E1(e(x)),
            imports::E3::E2(x) => exports::E3::E2(e2(x)),
        })
    }

    fn empty_error(a: u32) -> Result<u32, ()> {
        imports::empty_error(a)
    }

    fn double_error(a: u32) -> Result<Result<(), String>, String> {
        imports::double_error(a)
    }
}

bindings::export!(Component with_types_in bindings);
