//@ args = '--ownership borrowing'

// Ownership `borrowing` on every shape: the records only ever passed (`Outer`, `Inner`, the
// variant `Choice`) are defined borrowing and built from literals and slices; lists borrow all
// the way down (`&[&str]`, `&[Inner<'_>]`), a tuple's items too (`(&str, u32)`); `Echo`, also
// returned, is taken as `&Echo`. The async import borrows across its await.
use bindings::test::ownership_shapes::shapes::{self, Choice, Echo, Inner, Outer};

struct Runner;

const ITEMS: [Inner<'static>; 2] = [
    Inner { label: "x", tags: &[] },
    Inner { label: "yy", tags: &["zzz"] },
];

fn outer() -> Outer<'static> {
    Outer {
        inner: Inner { label: "in", tags: &["a", "bc"] },
        items: &ITEMS,
        id: 100,
    }
}

impl bindings::Guest for Runner {
    async fn run() {
        assert_eq!(shapes::take_outer(outer()), 111);
        assert_eq!(shapes::take_choice(Choice::Text("hi")), "text hi");
        assert_eq!(shapes::take_choice(Choice::Bytes(&[1, 2])), "bytes [1, 2]");
        assert_eq!(shapes::take_choice(Choice::Nothing), "nothing");
        let mixed = shapes::take_mixed(Some("o"), Ok("r"), ("t", 7));
        assert_eq!(mixed, r#"Some("o")|Ok("r")|t:7"#);
        let mixed = shapes::take_mixed(None, Err("e"), ("t", 7));
        assert_eq!(mixed, r#"None|Err("e")|t:7"#);
        assert_eq!(shapes::take_names(&["a", "b"]), "a,b");
        let e = Echo { text: "ab".into(), count: 1 };
        assert_eq!(shapes::echo_twice(&e), Echo { text: "abab".into(), count: 2 });
        assert_eq!(shapes::take_optional_outer(Some(outer())), 111);
        assert_eq!(shapes::take_optional_outer(None), u32::MAX);
        let all = shapes::many("a", "b", "c", "d", "e", "f", "g", "h", "i");
        assert_eq!(all, "abcdefghi");
        // Borrowed from a local that outlives the call's future.
        let label = String::from("in");
        let local = Outer { inner: Inner { label: &label, tags: &["a", "bc"] }, ..outer() };
        assert_eq!(shapes::take_async(local).await, 111);
    }
}

bindings::export!(Runner with_types_in bindings);
