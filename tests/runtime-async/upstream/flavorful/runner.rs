// Flavorful (runner side): strings inside records (a parameter, a result, both, and through a
// type alias of a record), inside options and results (as parameters and results), a result
// whose error is an enum (an error on the first call, success after), type aliases of strings
// and lists in both directions, and lists of bools, unit results and enums. The runner's own
// allocations are balanced over the whole run.
mod alloc_probe;

use bindings::test::flavorful::to_test::*;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        let before = alloc_probe::live();
        records();
        variants();
        errno();
        typedefs();
        lists_of_variants();
        assert_eq!(
            alloc_probe::live(),
            before,
            "live allocations in the runner"
        );
    }
}

fn records() {
    f_list_in_record1(&ListInRecord1 {
        a: "list_in_record1".to_string(),
    });
    assert_eq!(f_list_in_record2().a, "list_in_record2");
    assert_eq!(
        f_list_in_record3(&ListInRecord3 {
            a: "list_in_record3 input".to_string(),
        })
        .a,
        "list_in_record3 output"
    );
    // `list-in-alias` is another name of `list-in-record4`.
    let input: ListInAlias = ListInRecord4 {
        a: "input4".to_string(),
    };
    let output: ListInRecord4 = f_list_in_record4(&input);
    assert_eq!(output.a, "result4");
}

fn variants() {
    f_list_in_variant1(Some("foo"), Err("bar"));
    assert_eq!(f_list_in_variant2(), Some("list_in_variant2".to_string()));
    assert_eq!(
        f_list_in_variant3(Some("input3")),
        Some("output3".to_string())
    );
}

fn errno() {
    // The test component fails the first call only.
    assert_eq!(errno_result(), Err(MyErrno::B));
    assert_eq!(errno_result(), Ok(()));
    assert_eq!(errno_result(), Ok(()));
    assert_eq!(format!("{:?}", MyErrno::A), "A");
    // The error of a `result` implements `Display` (the case's name) and `Error`, as upstream's.
    assert_eq!(MyErrno::A.to_string(), "a");
    fn assert_error<T: std::error::Error>() {}
    assert_error::<MyErrno>();
    let boxed: Box<dyn std::error::Error> = MyErrno::B.into();
    assert_eq!(boxed.to_string(), "b");
}

fn typedefs() {
    let (a, b) = list_typedefs("typedef1", &["typedef2".to_string()]);
    assert_eq!(a, b"typedef3");
    assert_eq!(b, ["typedef4"]);
}

fn lists_of_variants() {
    let (a, b, c) = list_of_variants(
        &[true, false],
        &[Ok(()), Err(())],
        &[MyErrno::Success, MyErrno::A],
    );
    assert_eq!(a, [false, true]);
    assert_eq!(b, [Err(()), Ok(())]);
    assert_eq!(c, [MyErrno::A, MyErrno::B]);
}

bindings::export!(Runner with_types_in bindings);
