//@ args = '--ownership borrowing-duplicate-if-necessary'

// Ownership `borrowing-duplicate-if-necessary`: as `borrowing`, but `Echo`, taken and returned,
// is defined twice: `EchoParam<'a>` (borrowing, what `echo-twice` takes) and `EchoResult`.
use bindings::test::ownership_shapes::shapes::{self, Choice, EchoParam, EchoResult, Inner, Outer};

struct Runner;

fn outer<'a>(items: &'a [Inner<'a>]) -> Outer<'a> {
    Outer {
        inner: Inner { label: "in", tags: &["a", "bc"] },
        items,
        id: 100,
    }
}

impl bindings::Guest for Runner {
    async fn run() {
        let items = [Inner { label: "x", tags: &[] }, Inner { label: "yy", tags: &["zzz"] }];
        assert_eq!(shapes::take_outer(outer(&items)), 111);
        assert_eq!(shapes::take_choice(Choice::Text("hi")), "text hi");
        assert_eq!(shapes::take_mixed(Some("o"), Ok("r"), ("t", 7)), r#"Some("o")|Ok("r")|t:7"#);
        assert_eq!(shapes::take_names(&["a", "b"]), "a,b");
        let back: EchoResult = shapes::echo_twice(EchoParam { text: "ab", count: 1 });
        assert_eq!(back, EchoResult { text: "abab".into(), count: 2 });
        assert_eq!(shapes::take_optional_outer(Some(outer(&items))), 111);
        assert_eq!(shapes::take_async(outer(&items)).await, 111);
    }
}

bindings::export!(Runner with_types_in bindings);
