//! The test component of the async scenarios in Rust: reads or writes a stream or a future as
//! the runner's plan says (see `plan.rs`) and reports what it saw; implements tokens and the
//! calls the runner drops, logging both.

mod alloc_probe;
mod bindings;
mod handles;
mod plan;
mod poll;
mod values;

use std::cell::RefCell;

use bindings::exports::witbind::scenarios::peer::{Entry, Guest, GuestToken, Parcel, Token};
use bindings::exports::witbind::scenarios::probe::CallEvent;
use bindings::{wit_future, wit_stream};
use plan::Payload;
use witbind_rt::{FutureReader, FutureWriter, StreamReader};

struct Test;

thread_local! {
    /// Tokens made (`true`) and destroyed (`false`), by id, since `token-log` last took them.
    /// Its buffer is made by the runner's first `token-log`, before anything is counted, and
    /// kept.
    static TOKEN_LOG: RefCell<Vec<(u32, bool)>> = RefCell::new(Vec::with_capacity(4096));
    /// The events of `work` calls since `call-log` last took them (made as `TOKEN_LOG` is).
    static CALL_LOG: RefCell<Vec<CallEvent>> = RefCell::new(Vec::with_capacity(4096));
}

fn log_call(event: CallEvent) {
    CALL_LOG.with(|log| log.borrow_mut().push(event));
}

/// Logs that its call was cancelled when dropped before `returned` disarms it (the bindings
/// drop a cancelled call's future).
struct CancelWatch {
    id: u32,
    returned: bool,
}

impl Drop for CancelWatch {
    fn drop(&mut self) {
        if !self.returned {
            log_call(CallEvent::Cancelled(self.id));
        }
    }
}

/// A token's implementation: it logs being made and destroyed.
struct MyToken {
    id: u32,
}

impl GuestToken for MyToken {
    fn new(id: u32) -> MyToken {
        TOKEN_LOG.with(|log| log.borrow_mut().push((id, true)));
        MyToken { id }
    }

    fn id(&self) -> u32 {
        self.id
    }
}

impl Drop for MyToken {
    fn drop(&mut self) {
        TOKEN_LOG.with(|log| log.borrow_mut().push((self.id, false)));
    }
}

impl Payload for Token {
    fn at(salt: u32, pos: u32) -> Token {
        Token::new(MyToken::new(values::id_at(salt, pos)))
    }
}

/// A parcel as it was read: its id, note and body.
type Opened = (u32, u32, Vec<u8>);

/// Each parcel read, opened.
async fn open_all((reads, cancelled): Reads<Parcel>) -> Reads<Opened> {
    let mut opened = Vec::new();
    for read in reads {
        opened.push(match read {
            None => None,
            Some(parcels) => {
                let mut got = Vec::new();
                for parcel in parcels {
                    got.push(plan::open(parcel).await);
                }
                Some(got)
            }
        });
    }
    (opened, cancelled)
}

/// The ids of tokens read; the tokens are dropped.
fn ids((reads, cancelled): Reads<Token>) -> Reads<u32> {
    let ids = (reads.iter())
        .map(|read| read.as_ref().map(|tokens| tokens.iter().map(token_id).collect()))
        .collect();
    (ids, cancelled)
}

fn token_id(token: &Token) -> u32 {
    token.get::<MyToken>().id
}

/// What a reader reports: each read's items (`None` for the end), the cancelled reads' indexes.
type Reads<T> = (Vec<Option<Vec<T>>>, Vec<u32>);

/// Returns a stream written after this call returned, with a future of the write report.
fn write_later<T: Payload>(
    salt: u32,
    plan: Vec<i32>,
    (mut writer, reader): (witbind_rt::StreamWriter<T>, StreamReader<T>),
) -> (StreamReader<T>, FutureReader<Vec<u32>>) {
    let (report, report_reader) = wit_future::new(Vec::new);
    // Runs after this call returned: the task ends when the writing does.
    witbind_rt::spawn(async move {
        let takes = plan::write_plan(&mut writer, salt, &plan).await;
        drop(writer);
        report
            .write(takes)
            .await
            .expect("the runner reads the report");
    });
    (reader, report_reader)
}

/// Returns a future written after this call returned, with a future of whether it was delivered.
fn write_future_later<T: Payload>(
    salt: u32,
    plan: i32,
    (writer, reader): (FutureWriter<T>, FutureReader<T>),
) -> (FutureReader<T>, FutureReader<bool>) {
    let (report, report_reader) = wit_future::new(|| false);
    // Runs after this call returned: the task ends when the writing does.
    witbind_rt::spawn(async move {
        let outcome = plan::write_future(writer, salt, plan).await;
        report
            .write(outcome == "ok")
            .await
            .expect("the runner reads the report");
    });
    (reader, report_reader)
}

impl Guest for Test {
    type Token = MyToken;

    async fn read_u8(items: StreamReader<u8>, plan: Vec<i32>) -> Reads<u8> {
        plan::read_plan(items, &plan).await
    }

    async fn read_u32(items: StreamReader<u32>, plan: Vec<i32>) -> Reads<u32> {
        plan::read_plan(items, &plan).await
    }

    async fn read_string(items: StreamReader<String>, plan: Vec<i32>) -> Reads<String> {
        plan::read_plan(items, &plan).await
    }

    async fn read_entry(items: StreamReader<Entry>, plan: Vec<i32>) -> Reads<Entry> {
        plan::read_plan(items, &plan).await
    }

    async fn read_token(items: StreamReader<Token>, plan: Vec<i32>) -> Reads<u32> {
        ids(plan::read_plan(items, &plan).await)
    }

    async fn write_u8(salt: u32, plan: Vec<i32>) -> (StreamReader<u8>, FutureReader<Vec<u32>>) {
        write_later(salt, plan, wit_stream::new())
    }

    async fn write_u32(salt: u32, plan: Vec<i32>) -> (StreamReader<u32>, FutureReader<Vec<u32>>) {
        write_later(salt, plan, wit_stream::new())
    }

    async fn write_string(
        salt: u32,
        plan: Vec<i32>,
    ) -> (StreamReader<String>, FutureReader<Vec<u32>>) {
        write_later(salt, plan, wit_stream::new())
    }

    async fn write_entry(
        salt: u32,
        plan: Vec<i32>,
    ) -> (StreamReader<Entry>, FutureReader<Vec<u32>>) {
        write_later(salt, plan, wit_stream::new())
    }

    async fn read_parcel(items: StreamReader<Parcel>, plan: Vec<i32>) -> Reads<Opened> {
        open_all(plan::read_plan(items, &plan).await).await
    }

    async fn write_parcel(
        salt: u32,
        plan: Vec<i32>,
    ) -> (StreamReader<Parcel>, FutureReader<Vec<u32>>) {
        write_later(salt, plan, wit_stream::new())
    }

    async fn read_future_parcel(value: FutureReader<Parcel>, plan: i32) -> Option<Opened> {
        match plan::read_future(value, plan).await {
            Some(parcel) => Some(plan::open(parcel).await),
            None => None,
        }
    }

    async fn write_future_parcel(
        salt: u32,
        yields: i32,
    ) -> (FutureReader<Parcel>, FutureReader<bool>) {
        write_future_later(salt, yields, wit_future::new(move || Parcel::at(salt, 1)))
    }

    async fn write_token(
        salt: u32,
        plan: Vec<i32>,
    ) -> (StreamReader<Token>, FutureReader<Vec<u32>>) {
        write_later(salt, plan, wit_stream::new())
    }

    async fn read_future_token(value: FutureReader<Token>, plan: i32) -> Option<u32> {
        (plan::read_future(value, plan).await.as_ref()).map(token_id)
    }

    async fn write_future_token(
        salt: u32,
        yields: i32,
    ) -> (FutureReader<Token>, FutureReader<bool>) {
        write_future_later(salt, yields, wit_future::new(move || Token::at(salt, 1)))
    }

    async fn work(id: u32, yields: u32) -> u32 {
        log_call(CallEvent::Started(id));
        let mut watch = CancelWatch {
            id,
            returned: false,
        };
        for _ in 0..yields {
            witbind_rt::yield_now().await;
        }
        watch.returned = true;
        log_call(CallEvent::Returned(id));
        id
    }

    fn backpressure(on: bool) {
        log_call(CallEvent::Backpressure(on));
        if on {
            witbind_rt::backpressure_inc();
        } else {
            witbind_rt::backpressure_dec();
        }
    }

    async fn read_future_u8(value: FutureReader<u8>, plan: i32) -> Option<u8> {
        plan::read_future(value, plan).await
    }

    async fn write_future_u8(salt: u32, yields: i32) -> (FutureReader<u8>, FutureReader<bool>) {
        write_future_later(salt, yields, wit_future::new(move || u8::at(salt, 1)))
    }

    async fn read_future_u32(value: FutureReader<u32>, plan: i32) -> Option<u32> {
        plan::read_future(value, plan).await
    }

    async fn write_future_u32(salt: u32, yields: i32) -> (FutureReader<u32>, FutureReader<bool>) {
        write_future_later(salt, yields, wit_future::new(move || u32::at(salt, 1)))
    }

    async fn read_future_string(value: FutureReader<String>, plan: i32) -> Option<String> {
        plan::read_future(value, plan).await
    }

    async fn write_future_string(
        salt: u32,
        yields: i32,
    ) -> (FutureReader<String>, FutureReader<bool>) {
        write_future_later(salt, yields, wit_future::new(move || String::at(salt, 1)))
    }

    async fn read_future_entry(value: FutureReader<Entry>, plan: i32) -> Option<Entry> {
        plan::read_future(value, plan).await
    }

    async fn write_future_entry(
        salt: u32,
        yields: i32,
    ) -> (FutureReader<Entry>, FutureReader<bool>) {
        write_future_later(salt, yields, wit_future::new(move || Entry::at(salt, 1)))
    }
}

impl bindings::exports::witbind::scenarios::probe::Guest for Test {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }

    fn live_handles() -> u32 {
        handles::live()
    }

    fn token_log() -> Vec<(u32, bool)> {
        TOKEN_LOG.with(|log| log.borrow_mut().drain(..).collect())
    }

    fn call_log() -> Vec<CallEvent> {
        CALL_LOG.with(|log| log.borrow_mut().drain(..).collect())
    }

    async fn tick() {
        witbind_rt::yield_now().await;
    }
}

bindings::export!(Test with_types_in bindings);
