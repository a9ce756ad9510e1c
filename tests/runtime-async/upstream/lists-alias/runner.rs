// Lists alias (runner side): an imported interface of the world itself (`import cat: interface`)
// whose functions take and return `type my-list = list<u8>`. In witbind's Rust API a named alias
// is passed by value as `MyList` (= `Vec<u8>`) and returned as `Vec<u8>`; the signatures are
// checked at compile time, the bytes at run time, and the runner's allocations stay balanced.
mod alloc_probe;

use bindings::cat;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        // The API shape: the alias is `Vec<u8>`, taken by value and returned owned.
        let _: fn(cat::MyList) = cat::foo;
        let _: fn() -> Vec<u8> = cat::bar;

        let before = alloc_probe::live();
        cat::foo(b"hello".to_vec());
        let t: Vec<u8> = cat::bar();
        assert_eq!(t, b"world");
        drop(t);
        assert_eq!(
            alloc_probe::live(),
            before,
            "live allocations in the runner"
        );
    }
}

bindings::export!(Runner with_types_in bindings);
