//@ args = '--ownership owning'

// Ownership `owning` (the default) on every shape: records by reference (`&Outer`), lists as
// slices of owned items (`&[Inner]` inside the owned record, `&[String]` for the named list),
// option and result passing the borrow to their payload (`Option<&str>`, `Result<&str, &str>`,
// `Option<&Outer>`), a tuple's items owned (`(String, u32)`).
use bindings::test::ownership_shapes::shapes::{self, Choice, Echo, Inner, Outer};

struct Runner;

fn outer() -> Outer {
    let inner = |label: &str, tags: &[&str]| Inner {
        label: label.to_string(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
    };
    Outer {
        inner: inner("in", &["a", "bc"]),
        items: vec![inner("x", &[]), inner("yy", &["zzz"])],
        id: 100,
    }
}

impl bindings::Guest for Runner {
    async fn run() {
        let o = outer();
        assert_eq!(shapes::take_outer(&o), 111);
        assert_eq!(shapes::take_choice(&Choice::Text("hi".into())), "text hi");
        assert_eq!(shapes::take_choice(&Choice::Bytes(vec![1, 2])), "bytes [1, 2]");
        assert_eq!(shapes::take_choice(&Choice::Nothing), "nothing");
        let mixed = shapes::take_mixed(Some("o"), Ok("r"), ("t".to_string(), 7));
        assert_eq!(mixed, r#"Some("o")|Ok("r")|t:7"#);
        let mixed = shapes::take_mixed(None, Err("e"), ("t".to_string(), 7));
        assert_eq!(mixed, r#"None|Err("e")|t:7"#);
        let names = vec!["a".to_string(), "b".to_string()];
        assert_eq!(shapes::take_names(&names), "a,b");
        let e = Echo { text: "ab".into(), count: 1 };
        assert_eq!(shapes::echo_twice(&e), Echo { text: "abab".into(), count: 2 });
        assert_eq!(shapes::take_optional_outer(Some(&o)), 111);
        assert_eq!(shapes::take_optional_outer(None), u32::MAX);
        let all = shapes::many("a", "b", "c", "d", "e", "f", "g", "h", "i");
        assert_eq!(all, "abcdefghi");
        assert_eq!(shapes::take_async(&o).await, 111);
    }
}

bindings::export!(Runner with_types_in bindings);
