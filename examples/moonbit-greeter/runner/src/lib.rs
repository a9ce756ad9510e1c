//! The test driver of the `moonbit-greeter` example (a component written in MoonBit): calls
//! every export from Rust and checks the answers, non-ASCII strings included.

mod bindings {
    witbind_rt::generate!({
        world: "runner",
        path: "../wit",
    });
}

use bindings::example::greeter::greeter::{greet, Greeting, GuestBook};

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        assert_eq!(greet("MoonBit"), "Hello, MoonBit!");
        assert_eq!(greet("Zoë 🌙"), "Hello, Zoë 🌙!");

        let book = GuestBook::new("the library");
        assert!(book.names().is_empty());
        let greeting = |text: &str, count| Greeting {
            text: text.to_string(),
            count,
        };
        assert_eq!(book.sign("Ana"), greeting("Welcome to the library, Ana", 1));
        assert_eq!(book.sign("Bo"), greeting("Welcome to the library, Bo", 1));
        assert_eq!(book.sign("Ana"), greeting("Welcome to the library, Ana", 2));
        assert_eq!(book.names(), ["Ana", "Bo", "Ana"]);

        let other = GuestBook::new("café");
        assert_eq!(other.sign("Bo"), greeting("Welcome to café, Bo", 1));
        assert_eq!(other.names(), ["Bo"]);
        assert_eq!(book.names().len(), 3);
    }
}

bindings::export!(Runner with_types_in bindings);
