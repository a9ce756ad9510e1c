// Records (runner side): single-field records (u8, f32, string), a record of twelve mixed fields
// (each checked in its position by the test component's description), nested records three deep
// with lists and options of records, records of strings and lists, several records in one call;
// in both directions. (WIT rejects empty records, so there is none.) Every call is
// allocation-balanced in both components.
mod alloc_probe;

use bindings::test::records::api::{
    self, Document, Inner, Many, Middle, Outer, SingleF32, SingleString, SingleU8,
};
use bindings::test::records::probe::live_allocations;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        single_fields();
        many_fields();
        nested();
        documents();
        several();
    }
}

/// Runs `f`, then asserts that the test component (through its probe) and this runner hold
/// exactly as many heap allocations as before. `f` drops everything it received.
#[track_caller]
fn balanced(f: impl FnOnce()) {
    let test_before = live_allocations();
    let runner_before = alloc_probe::live();
    f();
    let runner_after = alloc_probe::live();
    let test_after = live_allocations();
    assert_eq!(
        test_after, test_before,
        "live allocations in the test component"
    );
    assert_eq!(
        runner_after, runner_before,
        "live allocations in the runner"
    );
}

fn single_fields() {
    for value in [0, 1, 0x7f, 0x80, u8::MAX] {
        balanced(|| {
            assert_eq!(
                api::roundtrip_single_u8(SingleU8 { value }),
                SingleU8 { value }
            )
        });
        balanced(|| assert_eq!(api::wrap_u8(value).value, value));
    }
    for value in [0.0f32, 1.5, f32::MAX, f32::INFINITY, f32::from_bits(1)] {
        balanced(|| {
            assert_eq!(
                api::roundtrip_single_f32(SingleF32 { value })
                    .value
                    .to_bits(),
                value.to_bits()
            )
        });
    }
    balanced(|| {
        let back = api::roundtrip_single_f32(SingleF32 { value: -0.0 });
        assert!(back.value == 0.0 && back.value.is_sign_negative());
    });
    balanced(|| {
        assert!(api::roundtrip_single_f32(SingleF32 { value: f32::NAN })
            .value
            .is_nan())
    });
    for s in ["", "x", "héllo wörld ☃ 🦀"] {
        let x = SingleString {
            value: s.to_string(),
        };
        balanced(|| assert_eq!(api::roundtrip_single_string(&x), x));
        balanced(|| assert_eq!(api::unwrap_string(&x), s));
    }
}

fn many_value() -> Many {
    Many {
        flag: true,
        small: -7,
        letter: 'é',
        wide: 0x8000_0000_0000_0001,
        ratio: 0.25,
        name: "ñame".to_string(),
        half: -300,
        precise: 2.5,
        count: 0xffff_fffe,
        bytes: vec![1, 2, 255],
        maybe: Some(513),
        last: 0x99,
    }
}

fn many_fields() {
    let m = many_value();
    balanced(|| assert_eq!(api::roundtrip_many(&m), m));
    balanced(|| {
        assert_eq!(
            api::describe_many(&m),
            "true -7 é 9223372036854775809 0.25 ñame -300 2.5 4294967294 [1, 2, 255] Some(513) 153"
        )
    });
    let zeros = Many {
        flag: false,
        small: 0,
        letter: '\0',
        wide: 0,
        ratio: 0.0,
        name: String::new(),
        half: 0,
        precise: 0.0,
        count: 0,
        bytes: Vec::new(),
        maybe: None,
        last: 0,
    };
    balanced(|| assert_eq!(api::roundtrip_many(&zeros), zeros));
    // The empty name leaves two spaces between `ratio` and `half`.
    balanced(|| {
        assert_eq!(
            api::describe_many(&zeros),
            "false 0 \0 0 0  0 0 0 [] None 0"
        )
    });
    balanced(|| {
        assert_eq!(
            api::sample_many(),
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
        )
    });
}

fn inner(a: u8, b: u16, label: &str) -> Inner {
    Inner {
        a,
        b,
        label: label.to_string(),
    }
}

fn nested() {
    let x = Outer {
        head: Middle {
            first: inner(1, 2, "head.first"),
            tag: i64::MIN,
            rest: vec![
                inner(3, 4, "head.rest[0]"),
                inner(255, 65_535, "head.rest[1] ☃"),
            ],
        },
        tail: inner(5, 6, "tail"),
        extra: Some(Middle {
            first: inner(7, 8, "extra.first"),
            tag: -1,
            rest: Vec::new(),
        }),
    };
    balanced(|| assert_eq!(api::roundtrip_outer(&x), x));
    balanced(|| {
        assert_eq!(
            api::labels(&x),
            vec![
                "head.first",
                "head.rest[0]",
                "head.rest[1] ☃",
                "tail",
                "extra.first"
            ]
        )
    });
    let bare = Outer {
        extra: None,
        ..x.clone()
    };
    balanced(|| assert_eq!(api::roundtrip_outer(&bare), bare));
    balanced(|| assert_eq!(api::labels(&bare).len(), 4));

    balanced(|| {
        assert_eq!(
            api::make_outer(0),
            Outer {
                head: Middle {
                    first: inner(0, 0, "inner 0"),
                    tag: 0,
                    rest: Vec::new(),
                },
                tail: inner(1, 1000, "inner 1"),
                extra: None,
            }
        )
    });
    balanced(|| {
        assert_eq!(
            api::make_outer(2),
            Outer {
                head: Middle {
                    first: inner(0, 0, "inner 0"),
                    tag: -2,
                    rest: vec![inner(1, 1000, "inner 1"), inner(2, 2000, "inner 2")],
                },
                tail: inner(3, 3000, "inner 3"),
                extra: Some(Middle {
                    first: inner(4, 4000, "inner 4"),
                    tag: 2,
                    rest: Vec::new(),
                }),
            }
        )
    });
    balanced(|| {
        let big = api::make_outer(100);
        assert_eq!(big.head.rest.len(), 100);
        assert_eq!(big.head.rest[99], inner(100, 34_464, "inner 100"));
        assert_eq!(api::roundtrip_outer(&big), big);
    });
}

fn documents() {
    let doc = Document {
        title: "Tïtle".to_string(),
        lines: vec!["first".to_string(), String::new(), "третья".to_string()],
        data: (0..=255).collect(),
        sections: vec![
            vec![],
            vec!["a".to_string(), "🦀".to_string()],
            vec![String::new()],
        ],
        footer: Some("fin".to_string()),
    };
    balanced(|| assert_eq!(api::roundtrip_document(&doc), doc));
    balanced(|| assert_eq!(api::measure(&doc), (3, 256, 3, 3, 3)));
    let empty = Document {
        title: String::new(),
        lines: Vec::new(),
        data: Vec::new(),
        sections: Vec::new(),
        footer: None,
    };
    balanced(|| assert_eq!(api::roundtrip_document(&empty), empty));
    balanced(|| assert_eq!(api::measure(&empty), (0, 0, 0, 0, 0)));
}

fn several() {
    balanced(|| {
        let (u, s) = api::two_records(
            &SingleString {
                value: "left".to_string(),
            },
            &many_value(),
            SingleU8 { value: 0x01 },
        );
        assert_eq!(u, SingleU8 { value: 0x9a });
        assert_eq!(
            s,
            SingleString {
                value: "left+ñame".to_string()
            }
        );
    });
}

bindings::export!(Runner with_types_in bindings);
