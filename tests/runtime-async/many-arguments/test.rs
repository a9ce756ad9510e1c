// Many arguments (test side): copies every parameter into the result field of the same name, so
// the runner can check that each value crossed in its own position, whether parameters travel
// flat (≤ 16 flat values) or in memory, and results in registers or through a return pointer.
mod alloc_probe;

use bindings::exports::test::many_arguments::api::{
    Guest, Level, SixteenFields, Small, TwentyFields,
};

struct Component;

impl Guest for Component {
    fn twenty(
        a: u8,
        b: i8,
        c: u16,
        d: i16,
        e: u32,
        f: i32,
        g: u64,
        h: i64,
        i: f32,
        j: f64,
        k: bool,
        l: char,
        m: String,
        n: Vec<u8>,
        o: Option<u32>,
        p: (u8, u16),
        q: Result<u32, String>,
        r: Level,
        s: Vec<String>,
        t: Small,
    ) -> TwentyFields {
        TwentyFields {
            a,
            b,
            c,
            d,
            e,
            f,
            g,
            h,
            i,
            j,
            k,
            l,
            m,
            n,
            o,
            p,
            q,
            r,
            s,
            t,
        }
    }

    fn sixteen(
        a: u8,
        b: i8,
        c: u16,
        d: i16,
        e: u32,
        f: i32,
        g: u64,
        h: i64,
        i: f32,
        j: f64,
        k: bool,
        l: char,
        m: u8,
        n: u16,
        o: u32,
        p: u64,
    ) -> SixteenFields {
        SixteenFields {
            a,
            b,
            c,
            d,
            e,
            f,
            g,
            h,
            i,
            j,
            k,
            l,
            m,
            n,
            o,
            p,
        }
    }

    fn seventeen(
        a: u8,
        b: i8,
        c: u16,
        d: i16,
        e: u32,
        f: i32,
        g: u64,
        h: i64,
        i: f32,
        j: f64,
        k: bool,
        l: char,
        m: u8,
        n: u16,
        o: u32,
        p: u64,
        q: i64,
    ) -> (SixteenFields, i64) {
        (
            Self::sixteen(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p),
            q,
        )
    }

    fn octal(
        d0: u8,
        d1: u8,
        d2: u8,
        d3: u8,
        d4: u8,
        d5: u8,
        d6: u8,
        d7: u8,
        d8: u8,
        d9: u8,
        d10: u8,
        d11: u8,
        d12: u8,
        d13: u8,
        d14: u8,
        d15: u8,
        d16: u8,
        d17: u8,
        d18: u8,
        d19: u8,
    ) -> u64 {
        let digits = [
            d0, d1, d2, d3, d4, d5, d6, d7, d8, d9, d10, d11, d12, d13, d14, d15, d16, d17, d18,
            d19,
        ];
        digits.iter().fold(0u64, |acc, d| {
            assert!(*d < 8, "not an octal digit: {d}");
            (acc << 3) | u64::from(*d)
        })
    }

    fn eight_strings(
        a: String,
        b: String,
        c: String,
        d: String,
        e: String,
        f: String,
        g: String,
        h: String,
    ) -> String {
        [a, b, c, d, e, f, g, h].join("|")
    }

    fn nine_strings(
        a: String,
        b: String,
        c: String,
        d: String,
        e: String,
        f: String,
        g: String,
        h: String,
        i: String,
    ) -> Vec<String> {
        vec![a, b, c, d, e, f, g, h, i]
    }

    fn div_mod(a: u64, b: u64) -> (u64, u64) {
        (a / b, a % b)
    }
}

impl bindings::exports::test::many_arguments::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
