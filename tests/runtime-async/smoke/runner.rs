use bindings::test::smoke::api::{self, Counter, Point};
use bindings::test::smoke::probe::live_allocations;
struct R;
impl bindings::Guest for R {
    fn run() {
        let before = live_allocations();
        assert_eq!(api::greet("wörld"), "hello wörld");
        assert_eq!(live_allocations(), before);
        assert_eq!(api::sum(&[1, 2, 3]), 6);
        assert_eq!(api::add(2, 3), 5);
        let p = Point { x: 1, y: -2, label: "p".into() };
        assert_eq!(api::first(&[p.clone(), p.clone()]), Some(p));
        assert_eq!(api::first(&[]), None);
        assert_eq!(live_allocations(), before);
        let c = Counter::new(5);
        assert_eq!(c.increment(2), 7);
        assert_eq!(c.increment(3), 10);
        drop(c);
        assert_eq!(live_allocations(), before);
    }
}
bindings::export!(R with_types_in bindings);
