//@ args = '--enable-method-chaining'

// Method chaining (runner side): the imported resource's methods without a result return
// `&Self`, so the calls chain; without the option `set_a` returns `()` and this does not compile.
// `describe` (which has a result, so is not chained) shows each call reached the resource.
use bindings::foo::bar::i::A;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        let my_a = A::new();
        let same: &A = my_a.set_a(42).set_b(true).r#do();
        assert!(std::ptr::eq(same, &my_a));
        assert_eq!(my_a.describe(), "a=42 b=true done=1");
        my_a.r#do().r#do().set_a(7);
        assert_eq!(my_a.describe(), "a=7 b=true done=3");
    }
}

bindings::export!(Runner with_types_in bindings);
