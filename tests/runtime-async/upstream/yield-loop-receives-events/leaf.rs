// Leaf: yields to the host twice before returning, so its caller's call is pending for a while.
struct Component;

impl bindings::exports::test::common::i_middle::Guest for Component {
    async fn f() {
        for _ in 0..2 {
            witbind_rt::yield_now().await;
        }
    }
}

bindings::export!(Component with_types_in bindings);
