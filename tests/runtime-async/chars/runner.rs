// Chars (runner side): ASCII, two-, three- and four-byte chars (emoji) and the boundaries of the
// scalar range (U+0000, U+D7FF, U+E000, U+FFFF, U+10000, U+10FFFF) cross in both directions
// unchanged, alone, in lists, in records and via strings; invalid codes (surrogates, > U+10FFFF)
// are rejected by the test component. Every call is allocation-balanced in both components.
mod alloc_probe;

use bindings::test::chars::api::{self, Tagged};
use bindings::test::chars::probe::live_allocations;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        single();
        codes();
        lists();
        aggregates();
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

/// (char, its scalar value): one of every UTF-8 length and every boundary.
const SAMPLES: [(char, u32); 14] = [
    ('\0', 0),
    ('a', 0x61),
    ('~', 0x7e),
    ('\u{7f}', 0x7f),
    ('\u{80}', 0x80),
    ('é', 0xe9),
    ('\u{7ff}', 0x7ff),
    ('\u{800}', 0x800),
    ('☃', 0x2603),
    ('\u{D7FF}', 0xd7ff),
    ('\u{E000}', 0xe000),
    ('\u{FFFF}', 0xffff),
    ('🦀', 0x1f980),
    ('\u{10FFFF}', 0x10ffff),
];

fn single() {
    for (c, code) in SAMPLES {
        balanced(|| assert_eq!(api::roundtrip(c), c));
        balanced(|| assert_eq!(api::code_of(c), code, "{c:?}"));
        balanced(|| assert_eq!(api::from_code(code), Some(c)));
    }
    balanced(|| assert_eq!(api::roundtrip('\u{10000}'), '\u{10000}'));
    balanced(|| assert_eq!(api::code_of('😀'), 0x1f600));
}

fn codes() {
    // Surrogates and values past the last scalar are not chars.
    for code in [0xd800, 0xdbff, 0xdc00, 0xdfff, 0x11_0000, 0xffff_ffff] {
        balanced(|| assert_eq!(api::from_code(code), None, "{code:#x}"));
    }
    balanced(|| assert_eq!(api::next('a'), Some('b')));
    balanced(|| assert_eq!(api::next('\u{D7FF}'), Some('\u{E000}')));
    balanced(|| assert_eq!(api::next('\u{FFFF}'), Some('\u{10000}')));
    balanced(|| assert_eq!(api::next('\u{10FFFE}'), Some('\u{10FFFF}')));
    balanced(|| assert_eq!(api::next('\u{10FFFF}'), None));
}

fn lists() {
    let all: Vec<char> = SAMPLES.iter().map(|(c, _)| *c).collect();
    let all_codes: Vec<u32> = SAMPLES.iter().map(|(_, code)| *code).collect();
    let text: String = all.iter().collect();

    balanced(|| assert_eq!(api::roundtrip_list(&[]), Vec::<char>::new()));
    balanced(|| assert_eq!(api::roundtrip_list(&all), all));
    balanced(|| {
        let mut reversed = all.clone();
        reversed.reverse();
        assert_eq!(api::reverse_list(&all), reversed);
    });
    balanced(|| assert_eq!(api::codes_of(&all), all_codes));
    balanced(|| assert_eq!(api::codes_of(&[]), Vec::<u32>::new()));
    balanced(|| assert_eq!(api::to_string(&all), text));
    balanced(|| assert_eq!(api::to_string(&[]), ""));
    balanced(|| assert_eq!(api::from_string(&text), all));
    balanced(|| assert_eq!(api::from_string(""), Vec::<char>::new()));
    balanced(|| assert_eq!(api::from_string("h€🦀"), vec!['h', '€', '🦀']));
    balanced(|| assert_eq!(api::to_string(&['🦀', 'a', '\u{10FFFF}']), "🦀a\u{10FFFF}"));

    // A longer list: every 97th scalar value across the whole range.
    let many: Vec<char> = (0..=0x10_ffffu32)
        .step_by(97)
        .filter_map(char::from_u32)
        .collect();
    balanced(|| assert_eq!(api::roundtrip_list(&many), many));
    balanced(|| {
        let expected: Vec<u32> = many.iter().map(|c| u32::from(*c)).collect();
        assert_eq!(api::codes_of(&many), expected);
    });
}

fn aggregates() {
    for (c, _) in SAMPLES {
        let t = Tagged {
            before: 0xaa,
            c,
            after: 0x55,
        };
        balanced(|| assert_eq!(api::roundtrip_tagged(t.clone()), t));
    }
    balanced(|| assert_eq!(api::pair('a', '🦀'), ('🦀', 'a')));
    balanced(|| assert_eq!(api::pair('\u{10FFFF}', '\0'), ('\0', '\u{10FFFF}')));
}

bindings::export!(Runner with_types_in bindings);
