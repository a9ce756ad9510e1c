// List in variant (runner side): lists of strings inside an option, a variant case and a result
// (the lowering must keep each list alive until the call is made), with a record result read
// back after the call, and a top-level list to contrast. Every call leaves the runner with as
// many live allocations as before.
mod alloc_probe;

use bindings::test::list_in_variant::to_test::*;

struct Runner;

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// Runs `f` and asserts that the runner freed everything the call allocated.
#[track_caller]
fn balanced(f: impl FnOnce()) {
    let before = alloc_probe::live();
    f();
    assert_eq!(
        alloc_probe::live(),
        before,
        "live allocations in the runner"
    );
}

impl bindings::Guest for Runner {
    fn run() {
        balanced(|| {
            assert_eq!(
                list_in_option(Some(&strings(&["hello", "world"]))),
                "hello,world"
            )
        });
        balanced(|| assert_eq!(list_in_option(None), "none"));
        balanced(|| assert_eq!(list_in_option(Some(&[])), ""));

        balanced(|| {
            assert_eq!(
                list_in_variant(&PayloadOrEmpty::WithData(strings(&["foo", "bar", "baz"]))),
                "foo,bar,baz"
            )
        });
        balanced(|| assert_eq!(list_in_variant(&PayloadOrEmpty::Empty), "empty"));
        balanced(|| {
            assert_eq!(
                list_in_variant(&PayloadOrEmpty::WithData(strings(&["ü", "", "🦀"]))),
                "ü,,🦀"
            )
        });

        balanced(|| assert_eq!(list_in_result(Ok(&strings(&["a", "b", "c"]))), "a,b,c"));
        balanced(|| assert_eq!(list_in_result(Err("oops")), "err:oops"));
        balanced(|| assert_eq!(list_in_result(Ok(&[])), ""));

        balanced(|| {
            let s = list_in_option_with_return(Some(&strings(&["hello", "world"])));
            assert_eq!(s.count, 2);
            assert_eq!(s.label, "hello,world");
        });
        balanced(|| {
            let s = list_in_option_with_return(None);
            assert_eq!(s.count, 0);
            assert_eq!(s.label, "none");
        });
        balanced(|| {
            let many: Vec<String> = (0..100).map(|i| format!("item{i}")).collect();
            let s = list_in_option_with_return(Some(&many));
            assert_eq!(s.count, 100);
            assert_eq!(s.label, many.join(","));
        });

        balanced(|| assert_eq!(top_level_list(&strings(&["x", "y", "z"])), "x,y,z"));
        balanced(|| assert_eq!(top_level_list(&[]), ""));
    }
}

bindings::export!(Runner with_types_in bindings);
