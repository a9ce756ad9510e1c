// Records (test side): echoes records, describes what it received field by field and builds
// records of its own, so each direction and each field position is checked on its own.
mod alloc_probe;

use bindings::exports::test::records::api::{
    Document, Guest, Inner, Many, Middle, Outer, SingleF32, SingleString, SingleU8,
};

struct Component;

fn collect_labels(m: &Middle, out: &mut Vec<String>) {
    out.push(m.first.label.clone());
    out.extend(m.rest.iter().map(|i| i.label.clone()));
}

impl Guest for Component {
    fn roundtrip_single_u8(x: SingleU8) -> SingleU8 {
        x
    }
    fn roundtrip_single_f32(x: SingleF32) -> SingleF32 {
        x
    }
    fn roundtrip_single_string(x: SingleString) -> SingleString {
        x
    }
    fn wrap_u8(v: u8) -> SingleU8 {
        SingleU8 { value: v }
    }
    fn unwrap_string(x: SingleString) -> String {
        x.value
    }

    fn roundtrip_many(x: Many) -> Many {
        x
    }
    fn describe_many(x: Many) -> String {
        format!(
            "{} {} {} {} {} {} {} {} {} {:?} {:?} {}",
            x.flag,
            x.small,
            x.letter,
            x.wide,
            x.ratio,
            x.name,
            x.half,
            x.precise,
            x.count,
            x.bytes,
            x.maybe,
            x.last
        )
    }
    fn sample_many() -> Many {
        Many {
            flag: true,
            small: -128,
            letter: '🦀',
            wide: u64::MAX - 1,
            ratio: -0.5,
            name: "sämple".to_string(),
            half: -2,
            precise: 1e-300,
            count: 4_000_000_000,
            bytes: vec![9, 8, 7],
            maybe: Some(65_535),
            last: 0xee,
        }
    }

    fn roundtrip_outer(x: Outer) -> Outer {
        x
    }
    fn labels(x: Outer) -> Vec<String> {
        let mut out = Vec::new();
        collect_labels(&x.head, &mut out);
        out.push(x.tail.label.clone());
        if let Some(extra) = &x.extra {
            collect_labels(extra, &mut out);
        }
        out
    }
    fn make_outer(n: u32) -> Outer {
        let inner = |i: u32| Inner {
            a: i as u8,
            b: (i * 1000) as u16,
            label: format!("inner {i}"),
        };
        Outer {
            head: Middle {
                first: inner(0),
                tag: -i64::from(n),
                rest: (1..=n).map(inner).collect(),
            },
            tail: inner(n + 1),
            extra: (n > 0).then(|| Middle {
                first: inner(n + 2),
                tag: i64::from(n),
                rest: Vec::new(),
            }),
        }
    }

    fn roundtrip_document(x: Document) -> Document {
        x
    }
    fn measure(x: Document) -> (u32, u32, u32, u32, u32) {
        (
            x.lines.len() as u32,
            x.data.len() as u32,
            x.sections.len() as u32,
            x.sections.iter().map(Vec::len).sum::<usize>() as u32,
            x.footer.map_or(0, |f| f.len() as u32),
        )
    }
    fn two_records(a: SingleString, b: Many, c: SingleU8) -> (SingleU8, SingleString) {
        (
            SingleU8 {
                value: c.value.wrapping_add(b.last),
            },
            SingleString {
                value: format!("{}+{}", a.value, b.name),
            },
        )
    }
}

impl bindings::exports::test::records::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
