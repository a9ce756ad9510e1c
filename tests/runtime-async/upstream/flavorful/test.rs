// Flavorful (test side): checks every string, option, result and list it receives against what
// the runner sends and answers with fixed values; `errno-result` fails the first time only.
use std::sync::atomic::{AtomicBool, Ordering};

use bindings::exports::test::flavorful::to_test::*;

static FAILED_ONCE: AtomicBool = AtomicBool::new(false);

struct Component;

impl Guest for Component {
    fn f_list_in_record1(a: ListInRecord1) {
        assert_eq!(a.a, "list_in_record1");
    }

    fn f_list_in_record2() -> ListInRecord2 {
        ListInRecord2 {
            a: "list_in_record2".to_string(),
        }
    }

    fn f_list_in_record3(a: ListInRecord3) -> ListInRecord3 {
        assert_eq!(a.a, "list_in_record3 input");
        ListInRecord3 {
            a: "list_in_record3 output".to_string(),
        }
    }

    fn f_list_in_record4(a: ListInAlias) -> ListInAlias {
        assert_eq!(a.a, "input4");
        ListInRecord4 {
            a: "result4".to_string(),
        }
    }

    fn f_list_in_variant1(a: ListInVariant1V1, b: ListInVariant1V2) {
        assert_eq!(a.as_deref(), Some("foo"));
        assert_eq!(b, Err("bar".to_string()));
    }

    fn f_list_in_variant2() -> ListInVariant2 {
        Some("list_in_variant2".to_string())
    }

    fn f_list_in_variant3(a: ListInVariant3) -> ListInVariant3 {
        assert_eq!(a.as_deref(), Some("input3"));
        Some("output3".to_string())
    }

    fn errno_result() -> Result<(), MyErrno> {
        if FAILED_ONCE.swap(true, Ordering::SeqCst) {
            Ok(())
        } else {
            Err(MyErrno::B)
        }
    }

    fn list_typedefs(a: ListTypedef, c: ListTypedef3) -> (ListTypedef2, ListTypedef3) {
        assert_eq!(a, "typedef1");
        assert_eq!(c, ["typedef2"]);
        (b"typedef3".to_vec(), vec!["typedef4".to_string()])
    }

    fn list_of_variants(
        a: Vec<bool>,
        b: Vec<Result<(), ()>>,
        c: Vec<MyErrno>,
    ) -> (Vec<bool>, Vec<Result<(), ()>>, Vec<MyErrno>) {
        assert_eq!(a, [true, false]);
        assert_eq!(b, [Ok(()), Err(())]);
        assert_eq!(c, [MyErrno::Success, MyErrno::A]);
        (
            vec![false, true],
            vec![Err(()), Ok(())],
            vec![MyErrno::A, MyErrno::B],
        )
    }
}

bindings::export!(Component with_types_in bindings);
