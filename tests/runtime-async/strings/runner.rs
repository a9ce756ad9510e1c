// Strings (runner side): empty, ASCII, non-ASCII ("héllo wörld ☃ 🦀") and 1 MiB strings cross in
// both directions with their bytes intact (checked by length, char count, checksum and content),
// as several parameters among other types, in tuples, lists, records and options. Every call is
// allocation-balanced in both components.
mod alloc_probe;

use bindings::test::strings::api::{self, Labeled};
use bindings::test::strings::probe::live_allocations;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        basics();
        large();
        several();
        lists();
        records();
        options();
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

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

const HELLO: &str = "héllo wörld ☃ 🦀";

fn basics() {
    for s in [
        "",
        "a",
        "hello, world",
        HELLO,
        "\0nul\0inside\0",
        "🦀🦀🦀",
        "\u{10FFFF}\u{E000}\u{D7FF}",
    ] {
        balanced(|| assert_eq!(api::roundtrip(s), s));
        balanced(|| assert_eq!(api::byte_len(s), s.len() as u32, "{s:?}"));
        balanced(|| assert_eq!(api::char_count(s), s.chars().count() as u32, "{s:?}"));
        balanced(|| assert_eq!(api::checksum(s), fnv1a(s.as_bytes()), "{s:?}"));
    }
    balanced(|| assert_eq!(api::byte_len(HELLO), 22));
    balanced(|| assert_eq!(api::char_count(HELLO), 15));
    balanced(|| assert_eq!(api::empty(), ""));
    balanced(|| assert_eq!(api::greeting(), HELLO));
    balanced(|| assert_eq!(api::concat("", ""), ""));
    balanced(|| assert_eq!(api::concat("héllo ", "🦀"), "héllo 🦀"));
    balanced(|| assert_eq!(api::repeat("ab", 3), "ababab"));
    balanced(|| assert_eq!(api::repeat("☃", 0), ""));
    balanced(|| assert_eq!(api::repeat("", 1000), ""));
}

fn large() {
    const MIB: usize = 1 << 20;
    // 1 MiB of mixed-width chars: 1 + 2 + 3 + 4 + 6 = 16 bytes per unit.
    let unit = "aé☃🦀xyzuvw";
    assert_eq!(unit.len(), 16);
    let big = unit.repeat(MIB / unit.len());
    assert_eq!(big.len(), MIB);

    balanced(|| {
        let back = api::roundtrip(&big);
        assert_eq!(back.len(), MIB);
        assert!(back == big, "1 MiB string changed on its round trip");
    });
    balanced(|| assert_eq!(api::byte_len(&big), MIB as u32));
    balanced(|| assert_eq!(api::char_count(&big), big.chars().count() as u32));
    balanced(|| assert_eq!(api::checksum(&big), fnv1a(big.as_bytes())));
    // Made by the test component.
    balanced(|| {
        let made = api::repeat(unit, (MIB / unit.len()) as u32);
        assert_eq!(made.len(), MIB);
        assert!(made == big, "1 MiB string from the test component differs");
    });
    // An ASCII MiB plus one byte: an odd length.
    balanced(|| {
        let odd = "z".repeat(MIB + 1);
        let back = api::roundtrip(&odd);
        assert_eq!(back.len(), MIB + 1);
        assert!(back.bytes().all(|b| b == b'z'));
    });
}

fn several() {
    balanced(|| {
        assert_eq!(
            api::interleave("a", 7, "", u64::MAX, HELLO),
            format!("a|7||{}|{HELLO}", u64::MAX)
        )
    });
    balanced(|| assert_eq!(api::interleave("", 0, "", 0, ""), "|0||0|"));
    balanced(|| {
        assert_eq!(
            api::pair("first", "sécond"),
            ("sécond".to_string(), "first".to_string())
        )
    });
    balanced(|| assert_eq!(api::pair("", HELLO), (HELLO.to_string(), String::new())));
}

fn lists() {
    let words: Vec<String> = ["", "one", "twö", "☃☃☃", "🦀", ""]
        .iter()
        .map(|s| s.to_string())
        .collect();
    balanced(|| assert_eq!(api::roundtrip_list(&[]), Vec::<String>::new()));
    balanced(|| assert_eq!(api::roundtrip_list(&words), words));
    balanced(|| assert_eq!(api::join(&words, ", "), ", one, twö, ☃☃☃, 🦀, "));
    balanced(|| assert_eq!(api::join(&[], "-"), ""));
    balanced(|| assert_eq!(api::split("a/b//ç/🦀", "/"), vec!["a", "b", "", "ç", "🦀"]));
    balanced(|| assert_eq!(api::split("", ","), vec![""]));
    // Many small strings.
    let many: Vec<String> = (0..1000).map(|i| format!("string number {i} ☃")).collect();
    balanced(|| assert_eq!(api::roundtrip_list(&many), many));
    balanced(|| {
        assert_eq!(
            api::join(&many, "").len(),
            many.iter().map(String::len).sum::<usize>()
        )
    });
}

fn labeled(key: &str, n: u32, value: &str, note: Option<&str>) -> Labeled {
    Labeled {
        key: key.to_string(),
        n,
        value: value.to_string(),
        note: note.map(str::to_string),
    }
}

fn records() {
    let samples = [
        labeled("", 0, "", None),
        labeled("kéy", 7, "välue", Some("nöte")),
        labeled("🦀", u32::MAX - 1, HELLO, Some("")),
    ];
    for l in &samples {
        balanced(|| assert_eq!(api::roundtrip_labeled(&l), *l));
    }
    balanced(|| {
        assert_eq!(
            api::flip_labeled(&labeled("kéy", 7, "välue", Some("nöte"))),
            labeled("välue", 8, "kéy", Some("NÖTE"))
        )
    });
    balanced(|| {
        assert_eq!(
            api::flip_labeled(&labeled("a", 0, "b", None)),
            labeled("b", 1, "a", None)
        )
    });
    balanced(|| {
        let mut reversed = samples.to_vec();
        reversed.reverse();
        assert_eq!(api::labeled_list(&samples), reversed);
    });
    balanced(|| assert_eq!(api::labeled_list(&[]), Vec::<Labeled>::new()));
}

fn options() {
    balanced(|| assert_eq!(api::roundtrip_option(None), None));
    balanced(|| {
        assert_eq!(
            api::roundtrip_option(Some(&String::new())),
            Some(String::new())
        )
    });
    balanced(|| {
        assert_eq!(
            api::roundtrip_option(Some(HELLO)),
            Some(HELLO.to_string())
        )
    });
    balanced(|| assert_eq!(api::upper_option(None), None));
    balanced(|| {
        assert_eq!(
            api::upper_option(Some("héllo")),
            Some("HÉLLO".to_string())
        )
    });
}

bindings::export!(Runner with_types_in bindings);
