//! The recorder of the async scenarios: prints each line a runner without standard output of its
//! own (the MoonBit one) hands it.

mod bindings;

use bindings::exports::witbind::scenarios::report::Guest;

struct Recorder;

impl Guest for Recorder {
    fn line(text: String) {
        println!("{text}");
    }
}

bindings::export!(Recorder with_types_in bindings);
