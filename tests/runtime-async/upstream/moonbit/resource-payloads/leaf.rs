// The leaf: owns every resource of the scenario and keeps a live tally per resource kind (plus the
// number of leaf-things ever dropped), so the other components can check nothing leaks. A `body`
// wraps a byte stream and maybe a future of trailer `fields`; a `response` holds a `body` handle
// (one of this component's own resources) and drains it on `collect`.
use std::cell::Cell;

use bindings::exports::my::test::leaf_interface::{
    Body, Fields, Guest, GuestBody, GuestFields, GuestLeafThing, GuestResponse,
};
use witbind_rt::{FutureReader, StreamReader};

/// The resource kinds whose live instances are tallied.
#[derive(Clone, Copy)]
enum Kind {
    Leaf = 0,
    Fields = 1,
    Body = 2,
    Response = 3,
}

thread_local! {
    static ALIVE: [Cell<u32>; 4] = const { [const { Cell::new(0) }; 4] };
    static LEAVES_RETIRED: Cell<u32> = const { Cell::new(0) };
}

fn born(kind: Kind) {
    ALIVE.with(|tally| {
        let slot = &tally[kind as usize];
        slot.set(slot.get() + 1);
    });
}

fn died(kind: Kind) {
    ALIVE.with(|tally| {
        let slot = &tally[kind as usize];
        let now = slot.get().checked_sub(1);
        slot.set(now.expect("more destructor runs than constructor runs"));
    });
}

fn alive(kind: Kind) -> u32 {
    ALIVE.with(|tally| tally[kind as usize].get())
}

/// A leaf-thing or a fields resource: both just carry the text they were built from.
struct Labelled<const K: u8>(String);

impl<const K: u8> Labelled<K> {
    const KIND: Kind = if K == 0 { Kind::Leaf } else { Kind::Fields };

    fn make(text: String) -> Self {
        born(Self::KIND);
        Labelled(text)
    }
}

impl<const K: u8> Drop for Labelled<K> {
    fn drop(&mut self) {
        died(Self::KIND);
        if K == 0 {
            LEAVES_RETIRED.with(|n| n.set(n.get() + 1));
        }
    }
}

type Leaf = Labelled<0>;
type Trailer = Labelled<1>;

impl GuestLeafThing for Leaf {
    fn new(s: String) -> Self {
        Self::make(s)
    }
    fn get(&self) -> String {
        self.0.clone()
    }
}

impl GuestFields for Trailer {
    fn new(s: String) -> Self {
        Self::make(s)
    }
    fn get(&self) -> String {
        self.0.clone()
    }
}

/// What a body still has to deliver; taken out whole by the one `collect` allowed.
struct Unread {
    bytes: StreamReader<u8>,
    trailer: Option<FutureReader<Fields>>,
}

impl Unread {
    async fn drain(mut self) -> (String, Option<String>) {
        let mut raw = Vec::new();
        while let Some(chunk) = self.bytes.read(64).await {
            raw.extend_from_slice(&chunk);
        }
        drop(self.bytes);
        let text = String::from_utf8(raw).expect("body bytes are UTF-8");
        // The trailer arrives as a handle of our own `fields`; it ends when dropped here.
        let trailer = match self.trailer {
            Some(pending) => Some(pending.read().await.get::<Trailer>().0.clone()),
            None => None,
        };
        (text, trailer)
    }
}

struct Payload(Cell<Option<Unread>>);

impl GuestBody for Payload {
    fn new(contents: StreamReader<u8>, trailers: Option<FutureReader<Fields>>) -> Self {
        born(Kind::Body);
        Payload(Cell::new(Some(Unread {
            bytes: contents,
            trailer: trailers,
        })))
    }

    async fn collect(&self) -> (String, Option<String>) {
        let unread = self.0.take().expect("a body is collected at most once");
        unread.drain().await
    }
}

impl Drop for Payload {
    fn drop(&mut self) {
        died(Kind::Body);
    }
}

struct Reply(Cell<Option<Body>>);

impl GuestResponse for Reply {
    fn new(body: Body) -> Self {
        born(Kind::Response);
        Reply(Cell::new(Some(body)))
    }

    async fn collect(&self) -> (String, Option<String>) {
        // Holding the handle until the end keeps the body alive while it drains; dropping it
        // afterwards ends the body.
        let held = self.0.take().expect("a response is collected at most once");
        let out = held.get::<Payload>().collect().await;
        drop(held);
        out
    }
}

impl Drop for Reply {
    fn drop(&mut self) {
        died(Kind::Response);
    }
}

struct Component;

impl Guest for Component {
    type LeafThing = Leaf;
    type Fields = Trailer;
    type Body = Payload;
    type Response = Reply;

    fn leaf_drop_count() -> u32 {
        LEAVES_RETIRED.with(Cell::get)
    }
    fn leaf_live_count() -> u32 {
        alive(Kind::Leaf)
    }
    fn fields_live_count() -> u32 {
        alive(Kind::Fields)
    }
    fn body_live_count() -> u32 {
        alive(Kind::Body)
    }
    fn response_live_count() -> u32 {
        alive(Kind::Response)
    }
}

bindings::export!(Component with_types_in bindings);
