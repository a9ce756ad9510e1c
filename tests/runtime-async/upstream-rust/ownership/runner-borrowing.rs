//@ args = '--ownership borrowing'

// Ownership `borrowing`: `thing-in`'s record, only ever a parameter, is defined borrowing
// (`Thing<'a> { name: &'a str, value: &'a [&'a str] }`), built here from literals without an
// allocation; `thing-in-and-out`'s, also returned, stays owning and is taken as `&Thing`; lists
// borrow all the way down (`&[&[&str]]`, `&[&str]`). The record holding an owned handle is owning
// and moved.
use bindings::test::ownership::both_list_and_resource as resources;
use bindings::{lists, thing_in, thing_in_and_out};

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        let value: &[&[&str]] = &[&["foo", "bar"]];
        assert_eq!(lists::foo(value), [["bar", "foo"]]);

        let thing: thing_in::Thing<'_> = thing_in::Thing {
            name: "thing 1",
            value: &["some value", "another value"],
        };
        // Cloning copies two references, not the strings.
        thing_in::bar(thing.clone());
        thing_in::bar(thing);

        let thing = thing_in_and_out::Thing {
            name: "thing 1".to_string(),
            value: vec!["some value".to_string(), "another value".to_string()],
        };
        let back = thing_in_and_out::baz(&thing);
        assert_eq!(back.name, "thing 1 back");
        assert_eq!(back.value, ["another value", "some value"]);

        let list = ["foo", "bar", "baz"];
        let resource = resources::TheResource::new(&list);
        resources::list_and_resource(resources::Thing {
            a: list.iter().map(|s| s.to_string()).collect(),
            b: resource,
        });
    }
}

bindings::export!(Runner with_types_in bindings);
