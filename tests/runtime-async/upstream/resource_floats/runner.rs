// Resources of the same name in three interfaces, through two components (runner side). The
// leaf exports `test.float` (stores v + 1, `get` adds 3) and `imports.float` (stores v + 2, `get`
// adds 4, `add` makes a new one from the stored value + b + 6); the intermediate exports
// `exports.float`, which wraps an `imports.float` made from v + 1 (its `get` adds 3; its `add`
// goes through the leaf's `add` and adds 5), and `add`, which makes a `test.float` from the sum
// of two borrowed ones plus 5. The runner uses the leaf's `test.float` directly and the others
// through the intermediate: each value below is the sum of every layer's step, so a call that
// reached the wrong resource or skipped a layer shows.
mod alloc_probe;

use bindings::exports_::Float as Float2;
use bindings::Float;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        let before = alloc_probe::live();
        {
            // The leaf's `test.float`, directly.
            let a = Float::new(42.0);
            assert_eq!(a.get(), 42.0 + 1.0 + 3.0);

            // Two borrows into the intermediate, a new leaf `test.float` back.
            let float3 = bindings::add(&a, &Float::new(55.0));
            assert_eq!(float3.get(), 114.0);
            let twice = bindings::add(&float3, &float3);
            assert_eq!(twice.get(), 114.0 + 114.0 + 5.0 + 1.0 + 3.0);
            assert_eq!(a.get(), 46.0, "the borrowed float is unchanged");

            // The intermediate's `exports.float` over the leaf's `imports.float`.
            let float3 = Float2::new(22.0);
            assert_eq!(float3.get(), 22. + 1. + 2. + 4. + 3.);
            let res = Float2::add(float3, 7.0);
            assert_eq!(res.get(), 59.0);
            let res = Float2::add(res, -0.25);
            // Stored in the leaf: 52 + -0.25 + 6 + 2; read: + 4, + 5; then wrapped anew.
            assert_eq!(res.get(), 52.0 - 0.25 + 6.0 + 2.0 + 4.0 + 5.0 + 1.0 + 2.0 + 4.0 + 3.0);

            // Fractions and negative values cross exactly.
            assert_eq!(Float::new(-0.5).get(), 3.5);
            assert_eq!(Float2::new(1.0e300).get(), 1.0e300);
        }
        assert_eq!(alloc_probe::live(), before, "live allocations in the runner");
    }
}

bindings::export!(Runner with_types_in bindings);
