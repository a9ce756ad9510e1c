// Drives the three components: cells made in the leaf reach the runner through the test
// component, are borrowed and handed back through it, and are used directly (the runner calls
// the leaf instance the test component uses); a stream written here is read in the leaf, and the
// leaf's output is read here through the test component. Every cell made ends exactly once.
mod join;
mod poll;

use bindings::test::three_components::cells::{self, Cell};
use bindings::test::three_components::middle;
use bindings::wit_stream;

struct Runner;

impl bindings::Guest for Runner {
    async fn run() {
        assert_eq!(cells::live_cells(), 0);

        // A cell made in the leaf for the test component's caller.
        let a = middle::make("a", 5);
        assert_eq!(a.label(), "a");
        assert_eq!(a.value(), 5);
        assert_eq!(cells::live_cells(), 1, "the runner and the test component share one leaf");

        // Borrowed through the test component into the leaf, then used directly.
        middle::add_twice(&a, 10);
        assert_eq!(a.value(), 25);
        a.add(1);
        let b = Cell::new("b");
        b.add(100);
        assert_eq!(middle::total(&[&a, &b, &a]), 26 + 100 + 26);
        // Borrows held by an async export across a yield.
        assert_eq!(middle::add_later(&b, &[&a, &a], 2).await, 102);
        assert_eq!(a.value(), 30);
        // A call holding borrows, cancelled: the callee ends them, and the cells stay usable.
        assert!(poll::poll_a_few(middle::hold(&a, &[&b, &a]), 3).await.is_none());
        assert_eq!((a.value(), b.value()), (30, 102));

        // Owned cells given away: one consumed, two traded for new ones.
        assert_eq!(middle::finish(b), ("b".to_string(), 102));
        assert_eq!(cells::live_cells(), 1);
        let c = middle::make("c", 7);
        let loud = middle::shout(vec![a, c]);
        assert_eq!(cells::live_cells(), 2, "the cells given away were dropped");
        let seen: Vec<(String, u32)> = loud.iter().map(|c| (c.label(), c.value())).collect();
        assert_eq!(seen, [("A".to_string(), 30), ("C".to_string(), 7)]);
        drop(loud);
        assert_eq!(cells::live_cells(), 0);

        // Bytes written here, doubled in the leaf, one added in the test component.
        let input: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
        let expected: Vec<u8> = input
            .iter()
            .map(|b| b.wrapping_mul(2).wrapping_add(1))
            .collect();
        let (mut writer, reader) = wit_stream::new::<u8>();
        let output = middle::double_plus_one(reader).await;
        let send = async move {
            for piece in input.chunks(300) {
                assert!(writer.write_all(piece.to_vec()).await.is_empty());
            }
        };
        let (got, ()) = join::join2(output.collect(), send).await;
        assert_eq!(got, expected);
    }
}

bindings::export!(Runner with_types_in bindings);
