// Resources of three components (runner side): the runner uses the resources component's `x`,
// `z` and `kebab-case` (constructors, getters and setters, static functions taking and giving back
// owned handles, a function borrowing two `z`s, a function consuming an `x`), after asking that
// component to run its own checks of the leaf's `y` (`test-imports`). `z`'s drop count proves
// that every `z` dropped here, or made by `add` and dropped here, ended exactly once.
use bindings::exports_::{add, consume, test_imports, KebabCase, X, Z};

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        assert_eq!(test_imports(), Ok(()));

        let x = X::new(5);
        assert_eq!(x.get_a(), 5);
        x.set_a(10);
        assert_eq!(x.get_a(), 10);
        let z1 = Z::new(10);
        assert_eq!(z1.get_a(), 10);
        let z2 = Z::new(20);
        assert_eq!(z2.get_a(), 20);

        // The same `x`, given away and given back.
        let xadd = X::add(x, 5);
        assert_eq!(xadd.get_a(), 15);
        let xadd = X::add(xadd, -20);
        assert_eq!(xadd.get_a(), -5);

        let dropped_zs_start = Z::num_dropped();
        let zadd = add(&z1, &z2);
        assert_eq!(zadd.get_a(), 30);
        // The same `z` borrowed twice; the result dropped at once.
        assert_eq!(add(&z1, &z1).get_a(), 20);
        assert_eq!(Z::num_dropped(), dropped_zs_start + 1);
        assert_eq!(
            (z1.get_a(), z2.get_a()),
            (10, 20),
            "borrows changed nothing"
        );

        drop(z1);
        drop(z2);
        assert_eq!(Z::num_dropped(), dropped_zs_start + 3);
        consume(xadd);
        assert_eq!(zadd.get_a(), 30);
        drop(zadd);
        assert_eq!(Z::num_dropped(), dropped_zs_start + 4);

        // Separate `x`s, and extreme values.
        let a = X::new(i32::MIN);
        let b = X::new(i32::MAX);
        a.set_a(a.get_a() + 1);
        assert_eq!((a.get_a(), b.get_a()), (i32::MIN + 1, i32::MAX));
        consume(a);
        assert_eq!(b.get_a(), i32::MAX);
        drop(b);

        let k = KebabCase::new(7);
        let k2 = KebabCase::new(u32::MAX);
        assert_eq!(k.get_a(), 7);
        assert_eq!(KebabCase::take_owned(k), 7);
        assert_eq!(k2.get_a(), u32::MAX);
        assert_eq!(KebabCase::take_owned(k2), u32::MAX);

        // The checks of `y` run again against the same leaf instance.
        assert_eq!(test_imports(), Ok(()));
    }
}

bindings::export!(Runner with_types_in bindings);
