// Runner: calls `pending-import`, which waits until `resolve-pending-import` (called once the
// first call has surely started waiting) wakes it from another task of the callee; then the same
// with `pending-import-while-reading`, whose future is written only after it returned.
mod join;

use bindings::my::test::i::{
    pending_import, pending_import_while_reading, resolve_pending_import,
};
use bindings::wit_future;

struct Runner;

/// Lets a call started beside it reach its wait, then resolves it.
async fn resolve_later() {
    for _ in 0..5 {
        witbind_rt::yield_now().await;
    }
    resolve_pending_import();
}

impl bindings::Guest for Runner {
    async fn run() {
        join::join2(pending_import(), resolve_later()).await;

        let (writer, reader) = wit_future::new(|| unreachable!());
        join::join2(pending_import_while_reading(reader), resolve_later()).await;
        writer.write(()).await.expect("the callee's task reads it");
    }
}

bindings::export!(Runner with_types_in bindings);
