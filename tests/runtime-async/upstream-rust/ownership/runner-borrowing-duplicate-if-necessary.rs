//@ args = '--ownership borrowing-duplicate-if-necessary'

// Ownership `borrowing-duplicate-if-necessary`: as `borrowing`, but `thing-in-and-out`'s record,
// a parameter and a result, is defined twice: `ThingParam<'a>` borrowing (what `baz` takes) and
// `ThingResult` owning (what it returns). `thing-in`'s, only a parameter, is `Thing<'a>`.
use bindings::test::ownership::both_list_and_resource as resources;
use bindings::{lists, thing_in, thing_in_and_out};

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        assert_eq!(lists::foo(&[&["foo", "bar"]]), [["bar", "foo"]]);

        thing_in::bar(thing_in::Thing {
            name: "thing 1",
            value: &["some value", "another value"],
        });

        let param = thing_in_and_out::ThingParam {
            name: "thing 1",
            value: &["some value", "another value"],
        };
        let back: thing_in_and_out::ThingResult = thing_in_and_out::baz(param);
        assert_eq!(
            back,
            thing_in_and_out::ThingResult {
                name: "thing 1 back".to_string(),
                value: vec!["another value".to_string(), "some value".to_string()],
            }
        );

        let resource = resources::TheResource::new(&["foo", "bar", "baz"]);
        resources::list_and_resource(resources::Thing {
            a: vec!["foo".to_string(), "bar".to_string(), "baz".to_string()],
            b: resource,
        });
    }
}

bindings::export!(Runner with_types_in bindings);
