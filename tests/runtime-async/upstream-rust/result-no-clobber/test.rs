// Types named `result` and `option` (test side): answers from both aliased flags, so each of
// the three shapes of `result<_, option<bool>>` crosses.
use bindings::exports::the::test::i::{Guest, Option as FauxOption, Result as FauxResult};

struct Test;

impl Guest for Test {
    fn no_clobber(faux_result: FauxResult, faux_option: FauxOption) -> Result<(), Option<bool>> {
        match (faux_result, faux_option) {
            (true, _) => Ok(()),
            (false, true) => Err(Some(true)),
            (false, false) => Err(None),
        }
    }
}

bindings::export!(Test with_types_in bindings);
