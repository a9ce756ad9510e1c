//@ args = ['--with=my:inline/foo/a=crate::my_types::MyA', '--with=my:inline/foo/b=crate::other::my::inline::foo::B', '--with=my:inline/foo/c=crate::my_types::MyC', '--with=i/d=crate::my_types::MyD', '--with=my:inline/bar/e=crate::my_types::MyE', '--with=my:inline/foo/f=generate']
//@ more-bindings = { other = "dummy" }

// `with` of single types (runner side): `a`, `c`, `d` and `e` are the hand-written types below
// and `b` the handle type of the bindings in `other`; nothing is generated for them, every
// function taking or returning them uses these (so the calls below would not compile if they
// were generated: they would be distinct types). `f` is named with `generate` and `g` not at
// all: both are generated. The key of a type is its interface's name in the world, a `/` and
// the type's name (`i/d` for the inline interface `i`).
mod my_types {
    #[derive(Debug, Clone, Copy, PartialEq)]
    pub struct MyA {
        pub inner: f64,
    }

    pub enum MyC {
        A(MyA),
        B(crate::other::my::inline::foo::B),
    }

    pub struct MyD {
        pub inner: u32,
    }

    pub struct MyE {
        pub inner: u32,
    }
}

use bindings::my::inline::{bar, foo};
use my_types::{MyA, MyC, MyD, MyE};

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        let a = MyA { inner: 1.5 };
        assert_eq!(foo::func1(a), a);
        // No `b` can be made here (the test component has no constructor), so `func2` is only
        // type-checked: it takes and returns `other`'s handle type.
        let _: fn(other::my::inline::foo::B) -> other::my::inline::foo::B = foo::func2;
        match bindings::i::func7(MyC::A(a)) {
            MyC::A(back) => assert_eq!(back, a),
            MyC::B(_) => panic!("`func7` changed the case"),
        }
        assert!(foo::func3(&[a, a]).is_empty());
        assert_eq!(foo::func4(Some(a)), Some(a));
        assert!(foo::func5().is_err());
        let f: Result<foo::F, ()> = foo::func6();
        assert!(f.is_err());
        let g: Result<foo::G, ()> = foo::func7();
        assert!(g.is_err());
        let d: MyD = bindings::i::func8(MyD { inner: 7 });
        assert_eq!(d.inner, 7);
        let e: MyE = bar::func6(MyE { inner: 9 });
        assert_eq!(e.inner, 9);
    }
}

bindings::export!(Runner with_types_in bindings);
