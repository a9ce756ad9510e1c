//! The runner of the async scenarios in Rust. `script.txt` (written by
//! `tests/async_scenarios.rs`; `runner.mbt` reads the same) has a line of numbers per scenario:
//! - a stream: `0 <payload> <side> <salt> <n> <n writer ops> <m> <m reader ops>`;
//! - a future: `1 <payload> <side> <salt> <writer plan> <reader plan>`;
//! - calls: `2 0 0 <salt> <release> <n> <n pairs of callee yields and end>`;
//!
//! payloads `0`…`5` being `u8`, `u32`, `string`, `entry`, `token`, `parcel`; side `0` when the
//! runner writes (the test component reads the stream or future it is given), `1` when the test
//! component writes it after returning it (the runner reads); the salt picks the values of
//! `values.rs` (as an `i32`); the plans encoded as `plan.rs` says. A stream scenario prints
//! `<index> W[<takes>] R[<reads>]`, a take being a count (`c3` for a cancelled write that had 3
//! taken, `c?` for one that cannot say), a read its values (`show.rs`, comma-separated), `()` for
//! none, or `-` for the end of the stream, after an `x` when the read was cancelled.
//!
//! A `token` (a resource the test component implements) is shown by its id; the test component
//! reports the ids of the tokens it reads, and drops them, as the runner does. A `parcel` (a
//! record holding a future and a stream) is shown once its note and body are read: the test
//! component reports what it read of each.
//!
//! A future scenario prints `<index> F[<write>] V[<value>]`, the write `ok`, `gone` (the reader
//! was dropped first) or `dropped` (the writer was dropped unwritten), the value `-` when none
//! was read. A calls scenario starts calls of the test component's `work` at once and drops some
//! (see `calls` below), and prints `<index> C[<outcomes>]`.
//!
//! After each scenario's line, the runner waits (yielding through the test component) until
//! both components hold as many heap allocations and handles as before it, and prints
//! `<index> B[<runner allocations>,<runner handles>,<test allocations>,<test handles>]`, how
//! many more each holds (all `0` once they are back), then `<index> T[<log>]`, the tokens the
//! test component made (`+<id>`) and destroyed (`-<id>`) meanwhile, in order, and
//! `<index> L[<log>]`, the calls of `work` that started (`<id>s`), returned (`<id>r`) or were
//! cancelled (`<id>c`), and backpressure turned on (`+`) and off (`-`), in order.

mod alloc_probe;
mod bindings;
mod handles;
mod poll;
// The runtime suite's `tests/runtime-async/common/join.rs`.
mod join;
mod plan;
mod show;
mod values;

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

use plan::Payload;

use bindings::witbind::scenarios::peer::{self, Entry, Parcel, Token};
use bindings::witbind::scenarios::probe::{self, CallEvent};
use bindings::{wit_future, wit_stream};

const SCRIPT: &str = include_str!("script.txt");

struct Runner;

/// A payload the runner reports: its value as `show.rs` writes it (a parcel's once its note
/// and body are read).
trait Show {
    async fn show(self) -> String;
}

impl Show for u8 {
    async fn show(self) -> String {
        self.to_string()
    }
}

impl Show for u32 {
    async fn show(self) -> String {
        self.to_string()
    }
}

impl Show for String {
    async fn show(self) -> String {
        show::string(&self)
    }
}

impl Show for Entry {
    async fn show(self) -> String {
        show::entry(self.id, &self.tags)
    }
}

/// A token is shown by its id, which it gets from the test component.
impl Show for Token {
    async fn show(self) -> String {
        self.id().to_string()
    }
}

/// A parcel as the test component read it: its id, note and body.
impl Show for (u32, u32, Vec<u8>) {
    async fn show(self) -> String {
        show::parcel(self.0, self.1, &self.2)
    }
}

impl Show for Parcel {
    async fn show(self) -> String {
        plan::open(self).await.show().await
    }
}

/// Tokens are made by the test component, which implements them.
impl Payload for Token {
    fn at(salt: u32, pos: u32) -> Token {
        Token::new(values::id_at(salt, pos))
    }
}

/// One stream scenario of payload `$ty`: the takes and the reads as the runner prints them.
macro_rules! stream_scenario {
    ($ty:ty, $read:path, $write:path, $side:expr, $salt:expr, $wplan:expr, $rplan:expr) => {{
        match $side {
            0 => {
                let (mut writer, reader) = wit_stream::new::<$ty>();
                let write = async {
                    let takes = plan::write_plan(&mut writer, $salt, $wplan).await;
                    drop(writer);
                    takes
                };
                let (takes, (reads, cancelled)) = join::join2(write, $read(reader, $rplan)).await;
                (show_takes(&takes), show_reads(reads, &cancelled).await)
            }
            _ => {
                let (reader, report) = $write($salt, $wplan).await;
                let (reads, cancelled) = plan::read_plan(reader, $rplan).await;
                let shown = show_reads(reads, &cancelled).await;
                (show_takes(&report.read().await), shown)
            }
        }
    }};
}

/// One future scenario of payload `$ty`: the write's outcome and the value as the runner prints
/// them.
macro_rules! future_scenario {
    ($ty:ty, $read:path, $write:path, $side:expr, $salt:expr, $wplan:expr, $rplan:expr) => {{
        let salt: u32 = $salt;
        let (write, value): (&str, Option<String>) = match $side {
            0 => {
                let (writer, reader) = wit_future::new(move || <$ty as Payload>::at(salt, 1));
                let write = plan::write_future(writer, salt, $wplan);
                let (write, value) = join::join2(write, $read(reader, $rplan)).await;
                let value = match value {
                    Some(value) => Some(value.show().await),
                    None => None,
                };
                (write, value)
            }
            _ => {
                let (reader, report) = $write(salt, $wplan).await;
                let value = match plan::read_future(reader, $rplan).await {
                    Some(value) => Some(value.show().await),
                    None => None,
                };
                let write = if report.read().await { "ok" } else { "gone" };
                (write, value)
            }
        };
        let value = value.unwrap_or_else(|| "-".to_string());
        (format!("F[{write}]"), format!("V[{value}]"))
    }};
}

/// What both components hold: allocations and handles, the runner's then the test
/// component's.
#[derive(Clone, Copy, PartialEq)]
struct Held([i64; 4]);

impl Held {
    fn now() -> Held {
        let handles = handles::live();
        Held([
            alloc_probe::live(),
            handles.into(),
            probe::live_allocations(),
            probe::live_handles().into(),
        ])
    }

    /// Waits (a few hundred turns at most) until what both components hold stays the same for a
    /// few turns: the background work of the warm-up is over.
    async fn quiet() {
        let (mut last, mut same) = (Held::now(), 0);
        for _ in 0..300 {
            probe::tick().await;
            let now = Held::now();
            same = if now == last { same + 1 } else { 0 };
            if same == 5 {
                break;
            }
            last = now;
        }
    }

    /// Waits (a few hundred turns at most) until both components hold what they held `before`;
    /// how many more each then holds.
    async fn settle(before: Held) -> [i64; 4] {
        let mut now = Held::now();
        for _ in 0..300 {
            if now == before {
                break;
            }
            probe::tick().await;
            now = Held::now();
        }
        std::array::from_fn(|i| now.0[i] - before.0[i])
    }
}

impl bindings::Guest for Runner {
    async fn run() {
        // The standard output's buffer and handles are made on first use: an empty line (which
        // the test driver skips) makes them before the first count.
        println!();
        // The run task's own state (its waitable set, its doorbell) is made on first need and
        // kept: a call waited for and the first scenario, unreported, make it before anything
        // is counted.
        probe::tick().await;
        // The test component's logs keep their buffers from the first call on.
        drop(probe::token_log());
        drop(probe::call_log());
        if let Some(first) = SCRIPT.lines().next() {
            drop(scenario(0, first).await);
        }
        Held::quiet().await;
        drop(probe::token_log());
        drop(probe::call_log());
        for (i, line) in SCRIPT.lines().enumerate() {
            let before = Held::now();
            let report = scenario(i, line).await;
            println!("{report}");
            drop(report);
            let [a, b, c, d] = Held::settle(before).await;
            println!("{i} B[{a},{b},{c},{d}]");
            let log: Vec<String> = (probe::token_log().into_iter())
                .map(|(id, made)| format!("{}{id}", if made { '+' } else { '-' }))
                .collect();
            println!("{i} T[{}]", log.join(","));
            let log: Vec<String> = (probe::call_log().into_iter())
                .map(|event| match event {
                    CallEvent::Started(id) => format!("{id}s"),
                    CallEvent::Returned(id) => format!("{id}r"),
                    CallEvent::Cancelled(id) => format!("{id}c"),
                    CallEvent::Backpressure(true) => "+".to_string(),
                    CallEvent::Backpressure(false) => "-".to_string(),
                })
                .collect();
            println!("{i} L[{}]", log.join(","));
        }
    }
}

/// Runs the scenario of script line `line`, the `i`th: the line saying what it saw.
async fn scenario(i: usize, line: &str) -> String {
    let s: Vec<i32> = (line.split(' '))
        .map(|n| n.parse().expect("a number"))
        .collect();
    let (payload, side, salt) = (s[1], s[2], s[3] as u32);
    match s[0] {
        0 => {
            let n = s[4] as usize;
            let (w, r) = (&s[5..5 + n], &s[6 + n..]);
            let (takes, reads) = match payload {
                0 => stream_scenario!(u8, peer::read_u8, peer::write_u8, side, salt, w, r),
                1 => stream_scenario!(u32, peer::read_u32, peer::write_u32, side, salt, w, r),
                2 => stream_scenario!(
                    String,
                    peer::read_string,
                    peer::write_string,
                    side,
                    salt,
                    w,
                    r
                ),
                3 => stream_scenario!(Entry, peer::read_entry, peer::write_entry, side, salt, w, r),
                4 => stream_scenario!(Token, peer::read_token, peer::write_token, side, salt, w, r),
                5 => stream_scenario!(
                    Parcel,
                    peer::read_parcel,
                    peer::write_parcel,
                    side,
                    salt,
                    w,
                    r
                ),
                other => panic!("unknown payload {other}"),
            };
            format!("{i} W[{takes}] R[{reads}]")
        }
        1 => {
            let (w, r) = (s[4], s[5]);
            let (write, value) = match payload {
                0 => future_scenario!(
                    u8,
                    peer::read_future_u8,
                    peer::write_future_u8,
                    side,
                    salt,
                    w,
                    r
                ),
                1 => future_scenario!(
                    u32,
                    peer::read_future_u32,
                    peer::write_future_u32,
                    side,
                    salt,
                    w,
                    r
                ),
                2 => future_scenario!(
                    String,
                    peer::read_future_string,
                    peer::write_future_string,
                    side,
                    salt,
                    w,
                    r
                ),
                3 => future_scenario!(
                    Entry,
                    peer::read_future_entry,
                    peer::write_future_entry,
                    side,
                    salt,
                    w,
                    r
                ),
                4 => future_scenario!(
                    Token,
                    peer::read_future_token,
                    peer::write_future_token,
                    side,
                    salt,
                    w,
                    r
                ),
                5 => future_scenario!(
                    Parcel,
                    peer::read_future_parcel,
                    peer::write_future_parcel,
                    side,
                    salt,
                    w,
                    r
                ),
                other => panic!("unknown payload {other}"),
            };
            format!("{i} {write} {value}")
        }
        _ => format!("{i} C[{}]", calls(salt, s[4], &s[6..]).await),
    }
}

/// How a call of `peer.work` ends on this side.
#[derive(Clone, Copy)]
enum CallEnd {
    /// Awaited to its result.
    Awaited,
    /// Dropped unpolled: the call is never made.
    Unpolled,
    /// Raced against this many yields (`plan::race`), dropped if they win.
    Raced(u32),
}

/// Runs a calls scenario: backpressure on before the calls and off after `release` yields
/// (`-1`: it stays off), then the calls of `peer.work` `ends` lists as pairs of the callee's
/// yields and how this side ends the call (`-1`: awaited, `-2`: dropped unpolled, `k`: raced
/// against `k` yields), all at once. Each call's outcome: `=<id>` (its result), `u` (unpolled),
/// or `x` (dropped) or `h` (dropped while backpressure held it).
async fn calls(salt: u32, release: i32, ends: &[i32]) -> String {
    let release: Option<u32> = (release >= 0).then_some(release as u32);
    let ends: Vec<(u32, CallEnd)> = (ends.chunks(2))
        .map(|call| {
            let end = match call[1] {
                -1 => CallEnd::Awaited,
                -2 => CallEnd::Unpolled,
                k => CallEnd::Raced(k as u32),
            };
            (call[0] as u32, end)
        })
        .collect();
    let released = Cell::new(release.is_none());
    if release.is_some() {
        peer::backpressure(true);
    }
    let calls: Vec<Pin<Box<dyn Future<Output = String> + '_>>> = (ends.iter().enumerate())
        .map(|(j, &(yields, end))| {
            let id = values::id_at(salt, j as u32);
            let released = &released;
            Box::pin(async move {
                match end {
                    CallEnd::Awaited => format!("={}", peer::work(id, yields).await),
                    CallEnd::Unpolled => {
                        drop(peer::work(id, yields));
                        "u".to_string()
                    }
                    CallEnd::Raced(k) => match plan::race(peer::work(id, yields), k).await {
                        Some(v) => format!("={v}"),
                        None if released.get() => "x".to_string(),
                        None => "h".to_string(),
                    },
                }
            }) as Pin<Box<dyn Future<Output = String> + '_>>
        })
        .collect();
    let release = async {
        if let Some(yields) = release {
            for _ in 0..yields {
                witbind_rt::yield_now().await;
            }
            peer::backpressure(false);
            released.set(true);
        }
    };
    let (outcomes, ()) = join::join2(join_all(calls), release).await;
    outcomes.join("|")
}

/// Polls all `futures` until all are done; their outputs in order.
async fn join_all<T>(mut futures: Vec<Pin<Box<dyn Future<Output = T> + '_>>>) -> Vec<T> {
    let mut outputs: Vec<Option<T>> = futures.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        for (future, output) in futures.iter_mut().zip(outputs.iter_mut()) {
            if output.is_none() {
                if let Poll::Ready(v) = future.as_mut().poll(cx) {
                    *output = Some(v);
                }
            }
        }
        match outputs.iter().all(Option::is_some) {
            true => Poll::Ready(()),
            false => Poll::Pending,
        }
    })
    .await;
    outputs.into_iter().flatten().collect()
}

/// Each write's count; a cancelled write's after a `c`, `c?` when it cannot say.
fn show_takes(takes: &[u32]) -> String {
    let takes: Vec<String> = (takes.iter())
        .map(|&t| match t.checked_sub(plan::CANCELLED) {
            None => t.to_string(),
            Some(plan::UNKNOWN) => "c?".to_string(),
            Some(t) => format!("c{t}"),
        })
        .collect();
    takes.join(",")
}

/// Each read; a cancelled one after an `x`.
async fn show_reads<T: Show>(reads: Vec<Option<Vec<T>>>, cancelled: &[u32]) -> String {
    let mut shown = Vec::new();
    for (i, read) in reads.into_iter().enumerate() {
        let mark = if cancelled.contains(&(i as u32)) {
            "x"
        } else {
            ""
        };
        let items = match read {
            None => "-".to_string(),
            Some(items) if items.is_empty() => "()".to_string(),
            Some(items) => {
                let mut values = Vec::new();
                for item in items {
                    values.push(item.show().await);
                }
                values.join(",")
            }
        };
        shown.push(mark.to_string() + &items);
    }
    shown.join("|")
}

bindings::export!(Runner with_types_in bindings);
