//@ args = '--ownership owning'

// Ownership `owning` (the default): types are defined once, owning; import parameters borrow at
// the top only: `&[Vec<String>]`, `&Thing`, `&[String]`. A record holding an owned handle is
// moved (`list_and_resource(Thing { .. })`). With other signatures the calls would not compile.
use bindings::test::ownership::both_list_and_resource as resources;
use bindings::{lists, thing_in, thing_in_and_out};

struct Runner;

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

impl bindings::Guest for Runner {
    fn run() {
        let value: Vec<Vec<String>> = vec![strings(&["foo", "bar"])];
        assert_eq!(lists::foo(&value), [strings(&["bar", "foo"])]);

        let thing = thing_in::Thing {
            name: "thing 1".to_string(),
            value: strings(&["some value", "another value"]),
        };
        thing_in::bar(&thing);
        // Still ours after the call.
        assert_eq!(thing.name, "thing 1");

        let thing = thing_in_and_out::Thing {
            name: "thing 1".to_string(),
            value: strings(&["some value", "another value"]),
        };
        let back: thing_in_and_out::Thing = thing_in_and_out::baz(&thing);
        assert_eq!(back.name, "thing 1 back");
        assert_eq!(back.value, strings(&["another value", "some value"]));
        assert_eq!(thing.name, "thing 1");

        let list = strings(&["foo", "bar", "baz"]);
        let resource = resources::TheResource::new(&list);
        resources::list_and_resource(resources::Thing {
            a: list,
            b: resource,
        });
    }
}

bindings::export!(Runner with_types_in bindings);
