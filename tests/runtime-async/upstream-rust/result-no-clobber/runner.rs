// Types named `result` and `option` (runner side): the interface's `result` and `option` are
// `bool` aliases, and the function's `result<_, option<bool>>` is still the prelude's `Result`
// and `Option` (the aliases must not shadow them in the generated code).
use bindings::the::test::i;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        let (faux_result, faux_option): (i::Result, i::Option) = (false, true);
        let answer: core::result::Result<(), core::option::Option<bool>> =
            i::no_clobber(faux_result, faux_option);
        assert_eq!(answer, Err(Some(true)));
        assert_eq!(i::no_clobber(true, false), Ok(()));
        assert_eq!(i::no_clobber(false, false), Err(None));
    }
}

bindings::export!(Runner with_types_in bindings);
