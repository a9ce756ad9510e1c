//! The operations of a scenario, shared by both Rust components (`test.mbt` does the same in
//! MoonBit).
//!
//! A writer plan is a list of counts: `n > 0` is one `write` of the next `n` values (the host
//! may take fewer), `n < 0` is `write_all` of the next `-n` values. The values a write did not
//! take are offered again by the next one, so the stream carries the values of positions 0, 1,
//! 2… (`values.rs`) without gaps. The writer is dropped after its last operation. A reader plan
//! is a list of `m > 0` (one `read` of at most `m` items), ending with `0` (drop the reader) or
//! `-1` (read to the end).

use witbind_rt::{StreamReader, StreamWriter};

use crate::values;
use crate::Entry;

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

/// Runs writer plan `plan` with the values of `salt`; how many values each operation had taken.
pub async fn write_plan<T: Payload>(
    writer: &mut StreamWriter<T>,
    salt: u32,
    plan: &[i32],
) -> Vec<u32> {
    let mut next = 0u32;
    let mut takes = Vec::new();
    for &op in plan {
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

/// Runs reader plan `plan` and drops the reader; each read's items, `None` for the end.
pub async fn read_plan<T: 'static>(
    mut reader: StreamReader<T>,
    plan: &[i32],
) -> Vec<Option<Vec<T>>> {
    let mut reads = Vec::new();
    for &op in plan {
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
    reads
}
