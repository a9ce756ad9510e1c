//! The operations of a scenario, shared by both Rust components (`plan.mbt` does the same in
//! MoonBit).
//!
//! A writer plan is a list of counts: `n > 0` is one `write` of the next `n` values (the host
//! may take fewer), `n < 0` is `write_all` of the next `-n` values. The values a write did not
//! take are offered again by the next one, so the stream carries the values of positions 0, 1,
//! 2… (`values.rs`) without gaps. The writer is dropped after its last operation. A reader plan
//! is a list of `m > 0` (one `read` of at most `m` items), ending with `0` (drop the reader) or
//! `-1` (read to the end).
//!
//! Either plan may cancel: `CANCEL * (k + 1) + n` (`n < CANCEL`) is a `write` of the next `n`
//! values (a `read` of at most `n` items) raced against `k` yields, cancelled if the yields win
//! (in Rust by dropping the future running it). A cancelled write is reported as
//! `CANCELLED + taken`; in Rust it cannot say how many values were taken (`CANCELLED +
//! UNKNOWN`), so the next operation starts after all `n` (a gap, for the model to allow), while
//! MoonBit's `cancel_write` has the write return its count and the next operation goes on from
//! there. The reader reports the index of each cancelled read: in Rust it got nothing (the items
//! that had arrived come with the next read, or are dropped with the reader); in MoonBit it
//! returns what had arrived, maybe nothing, or the end.
//!
//! A future plan is one number for each end: `y >= 0` is `y` yields and then the write of the
//! value at position 0 (or the read), `y < 0` is `-y - 1` yields and then dropping the end (a
//! future writer dropped unwritten writes its default, the value at position 1; only the Rust
//! runner's writer does that, MoonBit's would trap).

use witbind_rt::{FutureReader, FutureWriter, StreamReader, StreamWriter};

use crate::poll::{poll_a_few, within};
use crate::values;
use crate::{wit_future, wit_stream, Entry, Parcel};

/// A payload type of the scenarios: its value at a position of the stream.
pub trait Payload: Sized + 'static {
    fn at(salt: u32, pos: u32) -> Self;
}

impl Payload for u8 {
    fn at(salt: u32, pos: u32) -> u8 {
        values::u8_at(salt, pos)
    }
}

impl Payload for u32 {
    fn at(salt: u32, pos: u32) -> u32 {
        values::u32_at(salt, pos)
    }
}

impl Payload for String {
    fn at(salt: u32, pos: u32) -> String {
        values::string_at(salt, pos)
    }
}

impl Payload for Entry {
    fn at(salt: u32, pos: u32) -> Entry {
        let (id, tags) = values::entry_at(salt, pos);
        Entry { id, tags }
    }
}

/// A parcel's note and body are written by tasks of their own, started as it is made: they end
/// once the reader has read them, or dropped them.
impl Payload for Parcel {
    fn at(salt: u32, pos: u32) -> Parcel {
        let (note_writer, note) = wit_future::new(|| 0);
        let (mut body_writer, body) = wit_stream::new();
        let value = values::note_at(salt, pos);
        witbind_rt::spawn(async move {
            // The reader may have dropped the note unread.
            let _ = note_writer.write(value).await;
        });
        let bytes = values::body_at(salt, pos);
        witbind_rt::spawn(async move {
            body_writer.write_all(bytes).await;
        });
        Parcel {
            id: values::id_at(salt, pos),
            note,
            body,
        }
    }
}

/// Reads a parcel's note and its body to the end: its id, note and body.
pub async fn open(parcel: Parcel) -> (u32, u32, Vec<u8>) {
    let Parcel { id, note, mut body } = parcel;
    let note = note.read().await;
    let mut bytes = Vec::new();
    while let Some(chunk) = body.read(16).await {
        bytes.extend(chunk);
    }
    (id, note, bytes)
}

/// An operation of at most this many items; `CANCEL * (k + 1) + n` is one cancelled after `k`
/// yields.
pub const CANCEL: i32 = 100;
/// Added to the count of a write that was cancelled.
pub const CANCELLED: u32 = 1000;
/// The count of a cancelled write that cannot say how many values were taken.
pub const UNKNOWN: u32 = 999;

/// Races `fut` against `yields` yields: its output, or `None` when the yields won and it was
/// dropped. An odd count uses `within` (`fut` polled whenever the task wakes, so dropped only
/// while it waits); an even one `poll_a_few` (polled once per yield, so it may be dropped with
/// its copy's end arrived but unseen, or found by the cancel).
pub async fn race<F: std::future::Future>(fut: F, yields: u32) -> Option<F::Output> {
    if yields % 2 == 1 {
        within(fut, yields).await
    } else {
        poll_a_few(fut, yields + 1).await
    }
}

/// A cancellable operation's count and yields.
fn cancellable(op: i32) -> Option<(u32, u32)> {
    (op >= CANCEL).then(|| ((op % CANCEL) as u32, (op / CANCEL - 1) as u32))
}

/// Runs writer plan `plan` with the values of `salt`; how many values each operation had taken.
pub async fn write_plan<T: Payload>(
    writer: &mut StreamWriter<T>,
    salt: u32,
    plan: &[i32],
) -> Vec<u32> {
    let mut next = 0u32;
    let mut takes = Vec::new();
    for &op in plan {
        if let Some((n, yields)) = cancellable(op) {
            let items: Vec<T> = (next..next + n).map(|pos| T::at(salt, pos)).collect();
            match race(writer.write(items), yields).await {
                Some(left) => {
                    let taken = n - left.len() as u32;
                    next += taken;
                    takes.push(taken);
                }
                None => {
                    // Some of the `n` values may have been taken: go on after all of them.
                    next += n;
                    takes.push(CANCELLED + UNKNOWN);
                }
            }
            continue;
        }
        let n = op.unsigned_abs();
        let items: Vec<T> = (next..next + n).map(|pos| T::at(salt, pos)).collect();
        let left = if op > 0 {
            writer.write(items).await
        } else {
            writer.write_all(items).await
        };
        let taken = n - left.len() as u32;
        next += taken;
        takes.push(taken);
    }
    takes
}

/// Runs reader plan `plan` and drops the reader; each read's items, `None` for the end, and the
/// indexes of the reads that were cancelled.
pub async fn read_plan<T: 'static>(
    mut reader: StreamReader<T>,
    plan: &[i32],
) -> (Vec<Option<Vec<T>>>, Vec<u32>) {
    let mut reads = Vec::new();
    let mut cancelled = Vec::new();
    for &op in plan {
        if let Some((max, yields)) = cancellable(op) {
            match race(reader.read(max as usize), yields).await {
                Some(read) => reads.push(read),
                None => {
                    cancelled.push(reads.len() as u32);
                    reads.push(Some(Vec::new()));
                }
            }
            continue;
        }
        match op {
            max if max > 0 => reads.push(reader.read(max as usize).await),
            -1 => loop {
                let read = reader.read(64).await;
                let end = read.is_none();
                reads.push(read);
                if end {
                    break;
                }
            },
            _ => break,
        }
    }
    drop(reader);
    (reads, cancelled)
}

async fn yields(plan: i32) {
    let n = if plan < 0 { -plan - 1 } else { plan };
    for _ in 0..n {
        witbind_rt::yield_now().await;
    }
}

/// Runs future writer plan `plan`: `ok` (delivered), `gone` (the reader was dropped first) or
/// `dropped` (the writer was dropped unwritten).
pub async fn write_future<T: Payload>(
    writer: FutureWriter<T>,
    salt: u32,
    plan: i32,
) -> &'static str {
    yields(plan).await;
    if plan < 0 {
        drop(writer);
        return "dropped";
    }
    match writer.write(T::at(salt, 0)).await {
        Ok(()) => "ok",
        Err(_) => "gone",
    }
}

/// Runs future reader plan `plan`: the value, `None` when the reader was dropped.
pub async fn read_future<T: 'static>(reader: FutureReader<T>, plan: i32) -> Option<T> {
    yields(plan).await;
    if plan < 0 {
        drop(reader);
        return None;
    }
    Some(reader.read().await)
}
