// The test component: moves the leaf's resources through futures and streams, as values, inside
// nested futures and streams and as a `response` whose body stream and trailers future it
// writes from background work after returning. Every leaf-thing it is given or makes ends
// exactly once, also when a reader is dropped, a read is cancelled or a write is refused; the
// runner checks that through the leaf's counters.
//
// The `local-*` functions are upstream's checks of in-component channels. Here futures and
// streams are component-model ones, and the component model does not let a component read what
// it wrote itself into a future or stream of resources (wasmtime traps), so their resource cases
// drop the reader unread (every value must come back to the writer and be dropped), and their
// numeric cases use `stream<u8>`, which a component may both write and read.
mod join;
mod poll;

use std::cell::{Cell, RefCell};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use bindings::exports::my::test::test_interface::Guest;
use bindings::my::test::leaf_interface::{leaf_drop_count, Body, Fields, LeafThing, Response};
use bindings::{wit_future, wit_stream};
use join::join2;
use poll::poll_a_few;
use witbind_rt::{FutureReader, StreamReader};

thread_local! {
    static POST_RESPONSE_STEPS: Cell<u32> = const { Cell::new(0) };
    static BACKGROUND_STEPS: Cell<u32> = const { Cell::new(0) };
}

/// Yields until `done()` holds (it is made true by other work of this task).
async fn until(done: impl Fn() -> bool) {
    while !done() {
        witbind_rt::yield_now().await;
    }
}

/// Yields (at most a few hundred times) until the leaf counted `n` more drops than `before`;
/// returns how many it counted.
async fn drops_since(before: u32, n: u32) -> u32 {
    for _ in 0..300 {
        if leaf_drop_count() - before >= n {
            break;
        }
        witbind_rt::yield_now().await;
    }
    leaf_drop_count() - before
}

/// A stream of bytes written by background work of the current call.
fn byte_stream(pieces: Vec<&'static [u8]>, after: impl FnOnce() + 'static) -> StreamReader<u8> {
    let (mut writer, reader) = wit_stream::new::<u8>();
    witbind_rt::spawn(async move {
        for piece in pieces {
            assert!(
                writer.write_all(piece.to_vec()).await.is_empty(),
                "the body was dropped"
            );
        }
        drop(writer);
        after();
    });
    reader
}

/// The items of a vector, one by one, as a `futures_core::Stream` (pumped by `wit_stream::spawn`
/// only while the reader wants more).
struct Items<T>(std::collections::VecDeque<T>);

impl<T: Unpin> witbind_rt::futures_core::Stream for Items<T> {
    type Item = T;
    fn poll_next(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<T>> {
        Poll::Ready(self.0.pop_front())
    }
}

struct Component;

impl Guest for Component {
    async fn settle() {
        for _ in 0..3 {
            witbind_rt::yield_now().await;
        }
    }

    // Everything read (one item at a time), then written back in one write; what the caller
    // does not take is dropped here.
    async fn short_reads_leaf(mut s: StreamReader<LeafThing>) -> StreamReader<LeafThing> {
        let (mut writer, reader) = wit_stream::new::<LeafThing>();
        witbind_rt::spawn(async move {
            let mut things = Vec::new();
            while let Some(chunk) = s.read(1).await {
                assert_eq!(chunk.len(), 1);
                things.extend(chunk);
            }
            drop(writer.write_all(things).await);
        });
        reader
    }

    // `f1` is dropped unread; `out1` gets the leaf-thing read from `f2`, `out2` a new one with
    // its value, made only after `out1`'s value was known.
    async fn dropped_reader_leaf(
        f1: FutureReader<LeafThing>,
        f2: FutureReader<LeafThing>,
    ) -> (FutureReader<LeafThing>, FutureReader<LeafThing>) {
        let value: Rc<RefCell<Option<String>>> = Rc::default();
        let seen = value.clone();
        let out1 = wit_future::spawn(async move {
            drop(f1);
            let thing = f2.read().await;
            *seen.borrow_mut() = Some(thing.get());
            // A dropped reader gives it back: it is dropped then.
            thing
        });
        let out2 = wit_future::spawn(async move {
            until(|| value.borrow().is_some()).await;
            LeafThing::new(value.borrow().as_deref().unwrap())
        });
        (out1, out2)
    }

    async fn make_leaf_stream() -> StreamReader<LeafThing> {
        let (mut writer, reader) = wit_stream::new::<LeafThing>();
        witbind_rt::spawn(async move {
            let things = ["stream-a", "stream-b", "stream-c", "stream-d"].map(LeafThing::new);
            // Those the caller does not take come back and are dropped.
            drop(writer.write_all(things.into()).await);
        });
        reader
    }

    async fn make_local_leaf_stream() -> StreamReader<LeafThing> {
        let (mut writer, reader) = wit_stream::new::<LeafThing>();
        witbind_rt::spawn(async move {
            for name in ["local-a", "local-b", "local-c"] {
                let rest = writer.write(vec![LeafThing::new(name)]).await;
                assert!(rest.is_empty(), "{name} was not taken");
            }
        });
        reader
    }

    async fn make_response() -> Response {
        let trailers = Fields::new("done");
        let contents = byte_stream(vec![b"hello ", b"http p3"], || ());
        let body = Body::new(contents, Some(wit_future::spawn(async move { trailers })));
        Response::new(body)
    }

    // The body's writer counts its steps; the trailers are made only after the body was
    // written and closed, which the caller sees in the count.
    async fn make_response_post_work() -> Response {
        let step = || POST_RESPONSE_STEPS.with(|s| s.set(s.get() + 1));
        let body_done = Rc::new(Cell::new(false));
        let (mut writer, contents) = wit_stream::new::<u8>();
        let done = body_done.clone();
        witbind_rt::spawn(async move {
            step();
            assert!(writer.write_all(b"post ".to_vec()).await.is_empty());
            step();
            assert!(writer.write_all(b"work".to_vec()).await.is_empty());
            drop(writer);
            step();
            done.set(true);
        });
        let trailers = wit_future::spawn(async move {
            until(|| body_done.get()).await;
            assert!(
                POST_RESPONSE_STEPS.with(Cell::get) >= 3,
                "the body was not finished"
            );
            Fields::new("after-body")
        });
        Response::new(Body::new(contents, Some(trailers)))
    }

    fn post_response_count() -> u32 {
        POST_RESPONSE_STEPS.with(Cell::get)
    }

    // Background work of the call waits for the body to be written, counts, and only then are
    // the trailers made.
    async fn make_response_background() -> Response {
        BACKGROUND_STEPS.with(|s| s.set(0));
        let body_done = Rc::new(Cell::new(false));
        let background_done = Rc::new(Cell::new(false));
        let (done, counted) = (body_done.clone(), background_done.clone());
        witbind_rt::spawn(async move {
            until(|| done.get()).await;
            BACKGROUND_STEPS.with(|s| s.set(s.get() + 1));
            counted.set(true);
        });
        let trailers = wit_future::spawn(async move {
            until(|| background_done.get()).await;
            Fields::new("background-done")
        });
        let contents = byte_stream(vec![b"background"], move || body_done.set(true));
        Response::new(Body::new(contents, Some(trailers)))
    }

    fn background_count() -> u32 {
        BACKGROUND_STEPS.with(Cell::get)
    }

    // The value is made by background work once other background work said it is time.
    async fn delayed_leaf_future() -> FutureReader<LeafThing> {
        let ready = Rc::new(Cell::new(false));
        let set = ready.clone();
        witbind_rt::spawn(async move {
            witbind_rt::yield_now().await;
            set.set(true);
        });
        wit_future::spawn(async move {
            until(|| ready.get()).await;
            LeafThing::new("delayed")
        })
    }

    // A value written into a future whose reader is gone comes back once, still usable.
    async fn local_future_drop_cleanup() -> u32 {
        let (writer, reader) = wit_future::new::<LeafThing>(|| unreachable!("written"));
        drop(reader);
        match writer.write(LeafThing::new("owned")).await {
            Ok(()) => 0,
            Err(thing) => {
                assert_eq!(thing.get(), "owned");
                1
            }
        }
    }

    // A future written by background work, its reader dropped: the value is dropped.
    async fn local_future_drop_resource_cleanup() -> u32 {
        let before = leaf_drop_count();
        drop(wit_future::spawn(async { LeafThing::new("cleanup") }));
        drops_since(before, 1).await
    }

    // A producer that never ran, dropped with what it captured.
    async fn local_lazy_future_drop_resource_cleanup() -> u32 {
        let before = leaf_drop_count();
        let ran = Rc::new(Cell::new(false));
        let thing = LeafThing::new("lazy-future-cleanup");
        let flag = ran.clone();
        let producer = async move {
            flag.set(true);
            thing
        };
        drop(producer);
        assert!(!ran.get(), "dropping an unstarted producer ran it");
        leaf_drop_count() - before
    }

    // Items written into a stream whose reader is gone all come back.
    async fn local_stream_drop_resource_cleanup() -> u32 {
        let before = leaf_drop_count();
        let (mut writer, reader) = wit_stream::new::<LeafThing>();
        drop(reader);
        let things = ["buffered-a", "buffered-b", "buffered-c", "buffered-d"].map(LeafThing::new);
        let back = writer.write(things.into()).await;
        assert_eq!(back.len(), 4);
        drop(back);
        leaf_drop_count() - before
    }

    // A stream pumped from items as the reader wants them, its reader dropped: the item left
    // is dropped with the source.
    async fn local_lazy_stream_drop_resource_cleanup() -> u32 {
        let before = leaf_drop_count();
        let source = Items([LeafThing::new("lazy-stream-cleanup")].into());
        drop(wit_stream::spawn(source));
        drops_since(before, 1).await
    }

    // A write blocked when the reader goes away gives every item back.
    async fn local_lazy_stream_partial_drop_resource_cleanup() -> u32 {
        let before = leaf_drop_count();
        let (mut writer, reader) = wit_stream::new::<LeafThing>();
        let given_back = Rc::new(Cell::new(usize::MAX));
        let back = given_back.clone();
        witbind_rt::spawn(async move {
            let things = vec![LeafThing::new("partial-a"), LeafThing::new("partial-b")];
            back.set(writer.write_all(things).await.len());
        });
        // The write is waiting for a reader.
        witbind_rt::yield_now().await;
        assert_eq!(given_back.get(), usize::MAX);
        drop(reader);
        until(|| given_back.get() != usize::MAX).await;
        assert_eq!(given_back.get(), 2);
        drops_since(before, 2).await
    }

    // A blocked write, cancelled: every item comes back and is dropped.
    async fn local_stream_cancelled_write_resource_cleanup() -> u32 {
        let before = leaf_drop_count();
        let (mut writer, reader) = wit_stream::new::<LeafThing>();
        let things = ["cancelled-a", "cancelled-b", "cancelled-c"].map(LeafThing::new);
        assert!(poll_a_few(writer.write(things.into()), 3).await.is_none());
        assert_eq!(leaf_drop_count() - before, 3);
        drop(reader);
        leaf_drop_count() - before
    }

    // A read of the caller's future, cancelled before the caller writes; the reader is dropped.
    async fn cancel_future_read(f: FutureReader<LeafThing>) -> bool {
        poll_a_few(f.read(), 3).await.is_none()
    }

    // A read of the caller's stream, cancelled before the caller writes; the reader is dropped.
    async fn cancel_stream_read(mut s: StreamReader<LeafThing>) -> bool {
        let cancelled = poll_a_few(s.read(1), 3).await.is_none();
        drop(s);
        cancelled
    }

    // Passed on through this component's own future of a future of a stream: the leaf-things
    // are read from the caller's stream and written into the one returned. (Passing the
    // caller's own future back would have it read what it wrote.)
    async fn relay_nested_leaf(
        value: FutureReader<FutureReader<StreamReader<LeafThing>>>,
    ) -> FutureReader<FutureReader<StreamReader<LeafThing>>> {
        let (mut writer, reader) = wit_stream::new::<LeafThing>();
        witbind_rt::spawn(async move {
            let mut input = value.read().await.read().await;
            while let Some(things) = input.read(1).await {
                // The caller went away: what it did not take is dropped.
                if !writer.write_all(things).await.is_empty() {
                    break;
                }
            }
        });
        let inner = wit_future::spawn(async move { reader });
        wit_future::spawn(async move { inner })
    }

    // Each future of the caller's stream passed on as a future of this component's, written
    // with the leaf-thing read from the caller's.
    async fn relay_leaf_futures(
        mut value: StreamReader<FutureReader<LeafThing>>,
    ) -> StreamReader<FutureReader<LeafThing>> {
        let (mut writer, reader) = wit_stream::new::<FutureReader<LeafThing>>();
        witbind_rt::spawn(async move {
            while let Some(futures) = value.read(1).await {
                let relayed: Vec<_> = futures
                    .into_iter()
                    .map(|f| wit_future::spawn(async move { f.read().await }))
                    .collect();
                if !writer.write_all(relayed).await.is_empty() {
                    break;
                }
            }
        });
        reader
    }

    // A stream write waits for the reader: the writer is still blocked until the read.
    async fn local_stream_rendezvous() -> bool {
        let phase = Rc::new(Cell::new(0));
        let (mut writer, mut reader) = wit_stream::new::<u8>();
        let p = phase.clone();
        witbind_rt::spawn(async move {
            p.set(1);
            assert!(writer.write(vec![42]).await.is_empty());
            p.set(2);
        });
        until(|| phase.get() == 1).await;
        for _ in 0..3 {
            witbind_rt::yield_now().await;
        }
        let blocked = phase.get() == 1;
        let got = reader.read(1).await;
        until(|| phase.get() == 2).await;
        blocked && got == Some(vec![42]) && reader.read(1).await.is_none()
    }

    // A reader taking fewer items than written: the write returns the rest, written again.
    async fn local_stream_bounded_backpressure() -> bool {
        let (mut writer, mut reader) = wit_stream::new::<u8>();
        let first_rest = Rc::new(RefCell::new(None));
        let rest = first_rest.clone();
        witbind_rt::spawn(async move {
            let left = writer.write(vec![1, 2, 3]).await;
            *rest.borrow_mut() = Some(left.clone());
            assert!(writer.write(left).await.is_empty());
        });
        let first = reader.read(2).await;
        let second = reader.read(2).await;
        let end = reader.read(1).await;
        first == Some(vec![1, 2])
            && *first_rest.borrow() == Some(vec![3])
            && second == Some(vec![3])
            && end.is_none()
    }

    // Cancelled reads and writes leave the stream usable; the end and a gone reader are seen.
    async fn local_stream_cancelled_waiters() -> bool {
        let (mut writer, mut reader) = wit_stream::new::<u8>();
        let read_cancelled = poll_a_few(reader.read(1), 3).await.is_none();
        let write_cancelled = poll_a_few(writer.write(vec![1]), 3).await.is_none();
        let (got, rest) = join2(reader.read(1), writer.write(vec![7])).await;
        drop(writer);
        let end = reader.read(1).await;
        let (mut writer, reader) = wit_stream::new::<u8>();
        drop(reader);
        let refused = writer.write(vec![13]).await;
        read_cancelled
            && write_cancelled
            && got == Some(vec![7])
            && rest.is_empty()
            && end.is_none()
            && refused == vec![13]
    }

    // A stream pumped from a source of items, read to its end.
    async fn local_stream_produce_read() -> bool {
        let reader = wit_stream::spawn(Items(vec![1u8, 2, 3].into()));
        reader.collect().await == vec![1, 2, 3]
    }
}

bindings::export!(Component with_types_in bindings);
