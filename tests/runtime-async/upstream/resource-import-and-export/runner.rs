// A resource imported and re-exported (runner side): the runner's `thing` is the intermediate
// component's, which wraps a `thing` of the leaf-thing component; each layer adds its own steps
// (the constructor 1 each, `foo` 2 each, `bar` 3 each, `baz` 4 each), so every value below is the
// sum of the steps of every layer the calls passed. `baz` also sends the leaf's result through
// the leaf-toplevel component and back (an identity), so a handle lost or mixed up on that way
// shows. Things are independent of each other.
use bindings::test::resource_import_and_export::test::Thing;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        let thing1 = Thing::new(42);

        // 42 + 1 (constructor) + 1 (constructor) + 2 (foo) + 2 (foo)
        assert_eq!(thing1.foo(), 48);
        assert_eq!(thing1.foo(), 48, "foo changes nothing");

        // 33 + 3 (bar) + 3 (bar) + 2 (foo) + 2 (foo)
        thing1.bar(33);
        assert_eq!(thing1.foo(), 43);

        let thing2 = Thing::new(81);
        assert_eq!(thing2.foo(), 81 + 1 + 1 + 2 + 2);
        assert_eq!(thing1.foo(), 43, "a second thing is separate");
        let thing3 = Thing::baz(thing1, thing2);
        assert_eq!(
            thing3.foo(),
            33 + 3 + 3 + 81 + 1 + 1 + 2 + 2 + 4 + 1 + 2 + 4 + 1 + 1 + 2 + 2
        );

        // A thing made by `baz` goes into `baz` again.
        let thing4 = Thing::new(0);
        let thing5 = Thing::baz(thing3, thing4);
        // The leaf adds its own `foo` of both (139 + 2 and 0 + 1 + 1 + 2) and 4 and constructs
        // (+ 1); the intermediate reads `foo` (+ 2), adds 4 and constructs (+ 1 + 1); the
        // runner's `foo` adds 2 + 2.
        assert_eq!(thing5.foo(), (141 + 4 + 4) + 1 + 2 + 4 + 1 + 1 + 2 + 2);
    }
}

bindings::export!(Runner with_types_in bindings);
