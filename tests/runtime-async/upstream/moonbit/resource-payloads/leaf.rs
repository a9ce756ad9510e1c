// The leaf: owns every resource of the scenario and counts the live ones (and dropped
// leaf-things). A `body` holds a byte stream and maybe a future of trailer `fields`; `collect`
// reads both. A `response` owns a `body` (a handle of this component's own resource, given to its
// constructor) and collects it.
use std::cell::{Cell, RefCell};

use bindings::exports::my::test::leaf_interface::{
    Body, Fields, Guest, GuestBody, GuestFields, GuestLeafThing, GuestResponse,
};
use witbind_rt::{FutureReader, StreamReader};

thread_local! {
    static LEAF_DROPS: Cell<u32> = const { Cell::new(0) };
    static LEAF_LIVE: Cell<u32> = const { Cell::new(0) };
    static FIELDS_LIVE: Cell<u32> = const { Cell::new(0) };
    static BODY_LIVE: Cell<u32> = const { Cell::new(0) };
    static RESPONSE_LIVE: Cell<u32> = const { Cell::new(0) };
}

type Counter = std::thread::LocalKey<Cell<u32>>;

fn up(counter: &'static Counter) {
    counter.with(|c| c.set(c.get() + 1));
}

fn down(counter: &'static Counter) {
    counter.with(|c| {
        assert!(c.get() > 0, "a resource was dropped more often than made");
        c.set(c.get() - 1)
    });
}

struct LeafThing {
    value: String,
}

impl GuestLeafThing for LeafThing {
    fn new(s: String) -> LeafThing {
        up(&LEAF_LIVE);
        LeafThing { value: s }
    }
    fn get(&self) -> String {
        self.value.clone()
    }
}

impl Drop for LeafThing {
    fn drop(&mut self) {
        down(&LEAF_LIVE);
        up(&LEAF_DROPS);
    }
}

struct MyFields {
    value: String,
}

impl GuestFields for MyFields {
    fn new(s: String) -> MyFields {
        up(&FIELDS_LIVE);
        MyFields { value: s }
    }
    fn get(&self) -> String {
        self.value.clone()
    }
}

impl Drop for MyFields {
    fn drop(&mut self) {
        down(&FIELDS_LIVE);
    }
}

struct MyBody {
    contents: RefCell<Option<StreamReader<u8>>>,
    trailers: RefCell<Option<FutureReader<Fields>>>,
}

impl GuestBody for MyBody {
    fn new(contents: StreamReader<u8>, trailers: Option<FutureReader<Fields>>) -> MyBody {
        up(&BODY_LIVE);
        MyBody {
            contents: RefCell::new(Some(contents)),
            trailers: RefCell::new(trailers),
        }
    }

    async fn collect(&self) -> (String, Option<String>) {
        let contents = self.contents.borrow_mut().take().expect("collected once");
        let text = String::from_utf8(contents.collect().await).expect("a UTF-8 body");
        let trailers = self.trailers.borrow_mut().take();
        let trailers = match trailers {
            // The fields come back to this component as a handle of its own resource; reading
            // them, then dropping the handle, ends them.
            Some(future) => Some(future.read().await.get::<MyFields>().get()),
            None => None,
        };
        (text, trailers)
    }
}

impl Drop for MyBody {
    fn drop(&mut self) {
        down(&BODY_LIVE);
    }
}

struct MyResponse {
    body: RefCell<Option<Body>>,
}

impl GuestResponse for MyResponse {
    fn new(body: Body) -> MyResponse {
        up(&RESPONSE_LIVE);
        MyResponse {
            body: RefCell::new(Some(body)),
        }
    }

    // The body is collected, then its handle dropped (which ends it).
    async fn collect(&self) -> (String, Option<String>) {
        let body = self.body.borrow_mut().take().expect("collected once");
        body.get::<MyBody>().collect().await
    }
}

impl Drop for MyResponse {
    fn drop(&mut self) {
        down(&RESPONSE_LIVE);
    }
}

struct Component;

impl Guest for Component {
    type LeafThing = LeafThing;
    type Fields = MyFields;
    type Body = MyBody;
    type Response = MyResponse;

    fn leaf_drop_count() -> u32 {
        LEAF_DROPS.with(Cell::get)
    }
    fn leaf_live_count() -> u32 {
        LEAF_LIVE.with(Cell::get)
    }
    fn fields_live_count() -> u32 {
        FIELDS_LIVE.with(Cell::get)
    }
    fn body_live_count() -> u32 {
        BODY_LIVE.with(Cell::get)
    }
    fn response_live_count() -> u32 {
        RESPONSE_LIVE.with(Cell::get)
    }
}

bindings::export!(Component with_types_in bindings);
