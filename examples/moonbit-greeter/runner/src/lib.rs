//! The test driver of the `moonbit-greeter` example (a component written in MoonBit): calls
//! every export from Rust and checks the answers, non-ASCII strings included.

mod bindings {
    witbind_rt::generate!({
        world: "runner",
        path: "../wit",
    });
}

use bindings::example::greeter::greeter::{greet, greet_all, Greeting, GuestBook};
use bindings::wit_stream;

struct Runner;

impl bindings::Guest for Runner {
    async fn run() {
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

        // The async export: names go in on one stream (written by a spawned task, which drops
        // the writer when done: the end of the stream), greetings come back on another.
        let (mut names, reader) = wit_stream::new();
        witbind_rt::spawn(async move {
            let rest = names
                .write_all(vec!["Ana".to_string(), "Zoë 🌙".to_string()])
                .await;
            assert!(rest.is_empty(), "every name was taken");
        });
        let greeted = greet_all(reader).await.collect().await;
        assert_eq!(greeted, ["Hello, Ana!", "Hello, Zoë 🌙!"]);
    }
}

bindings::export!(Runner with_types_in bindings);
