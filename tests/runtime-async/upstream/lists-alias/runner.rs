// Lists alias (runner side): an imported interface of the world itself (`import cat: interface`)
// whose functions take and return `type my-list = list<u8>`. As in wit-bindgen, an import takes
// the alias's list as a slice (`&[u8]`) and returns it as `Vec<u8>`; the signatures are checked
// at compile time, the bytes at run time, and the runner's allocations stay balanced.
mod alloc_probe;

use bindings::cat;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        // The API shape: the alias is borrowed as `&[u8]` and returned owned.
        let _: fn(&[u8]) = cat::foo;
        let _: fn() -> Vec<u8> = cat::bar;

        let before = alloc_probe::live();
        cat::foo(b"hello");
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
