//! The model (part of `tests/async_scenarios.rs`): what the runner reported for a scenario,
//! and the component model's rules it must keep.

use witbind::Lang;

use crate::calls::{CallLog, CallOutcome};
use crate::scenario::{Kind, Pair, Payload, ReadEnd, ReadOp, Scenario, WriteOp};
use crate::values;

/// What one write operation reported.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Take {
    /// It ended by itself, with this many values taken.
    Done(u32),
    /// It was cancelled, with this many values taken; `None` when it cannot say (Rust: dropping
    /// the write's future drops its count).
    Cancelled(Option<u32>),
}

/// What one read reported.
#[derive(Clone, Debug, PartialEq)]
pub struct Read {
    /// It was cancelled: in Rust it got nothing (what had arrived comes with the next read), in
    /// MoonBit it returned what had arrived (maybe nothing).
    pub cancelled: bool,
    /// Its values as the runner prints them, or `None` for the end of the stream.
    pub values: Option<Vec<String>>,
}

/// What the two sides reported for one scenario.
#[derive(Debug, Default)]
pub struct Observed {
    pub takes: Vec<Take>,
    pub reads: Vec<Read>,
    /// A future scenario's write outcome and value read (as the runner prints it).
    pub future: Option<(String, Option<String>)>,
    /// A calls scenario's outcome of each call.
    pub calls: Vec<CallOutcome>,
}

/// Checks what was observed against the component model's rules for this scenario, run by
/// `pair`.
pub fn check(s: &Scenario, o: &Observed, pair: Pair) -> Result<(), String> {
    if let Kind::Calls(_) = &s.kind {
        // Checked with the call log (`check_calls`).
        return Ok(());
    }
    if let Kind::Future(f) = s.kind {
        let (write, position) = f.expected();
        let value = position.map(|pos| s.payload.shown_at(s.salt(), pos));
        let expected = Some((write.to_string(), value));
        if o.future != expected {
            return Err(format!("expected the future's outcome {expected:?}"));
        }
        return Ok(());
    }
    if o.takes.len() != s.writes.len() {
        return Err(format!(
            "{} write results for {} writes",
            o.takes.len(),
            s.writes.len()
        ));
    }
    // What each write offered the reader: (first position, values taken if known, count).
    let mut segments: Vec<(u32, Option<u32>, u32)> = Vec::new();
    let mut next = 0;
    let mut reader_gone = false;
    for (i, (&op, &take)) in s.writes.iter().zip(&o.takes).enumerate() {
        let n = op.count();
        let taken = match (op, take) {
            (_, Take::Done(taken)) => Some(taken),
            (WriteOp::CancelWrite { .. }, Take::Cancelled(taken)) => {
                // A MoonBit write cancelled says how many values were taken; a Rust one can't.
                if taken.is_some() != (pair.writer(s) == Lang::MoonBit) {
                    return Err(format!(
                        "write {i} was cancelled with {taken:?} taken, from a writer in {:?}",
                        pair.writer(s)
                    ));
                }
                taken
            }
            (_, Take::Cancelled(_)) => {
                return Err(format!("write {i} was cancelled, but not planned to be"))
            }
        };
        if let Some(taken) = taken {
            if taken > n {
                return Err(format!("write {i} had {taken} of {n} values taken"));
            }
            if reader_gone && taken > 0 {
                return Err(format!(
                    "write {i} had {taken} values taken after a write found the reader gone"
                ));
            }
        }
        // A write that ended by itself short found the reader gone; a cancelled one says
        // nothing about the reader.
        if let Take::Done(taken) = take {
            reader_gone |= match op {
                WriteOp::Write(_) | WriteOp::CancelWrite { .. } => taken == 0,
                WriteOp::WriteAll(_) => taken < n,
            };
        }
        segments.push((next, taken, n));
        // A write that cannot say what was taken: the writer goes on after all its values.
        next += taken.unwrap_or(n);
    }
    if reader_gone && s.end == ReadEnd::ToEnd {
        return Err("a write found the reader gone, but the reader reads to the end".into());
    }
    let mut delivered: Vec<&str> = Vec::new();
    let mut ended = false;
    // The most a cancelled read asked for (0 when none was cancelled).
    let mut cancelled_max = 0;
    for (i, read) in o.reads.iter().enumerate() {
        let op = s.reads.get(i).copied().unwrap_or(ReadOp {
            max: 64,
            cancel_after: None,
        });
        let max = op.max as usize;
        if read.cancelled && op.cancel_after.is_none() {
            return Err(format!("read {i} was cancelled, but not planned to be"));
        }
        if read.cancelled {
            cancelled_max = cancelled_max.max(max);
        }
        match &read.values {
            None => ended = true,
            Some(_) if ended => return Err(format!("read {i} gave values after the end")),
            Some(values) if values.is_empty() && !read.cancelled => {
                return Err(format!("read {i} completed with no values"))
            }
            Some(values) if values.len() > max => {
                return Err(format!(
                    "read {i} gave {} values, at most {max} asked",
                    values.len()
                ))
            }
            Some(values) => delivered.extend(values.iter().map(String::as_str)),
        }
    }
    match s.end {
        ReadEnd::Drop if o.reads.len() != s.reads.len() => {
            return Err(format!(
                "{} reads for {} planned",
                o.reads.len(),
                s.reads.len()
            ))
        }
        ReadEnd::ToEnd if o.reads.len() < s.reads.len() || !ended => {
            return Err("reading to the end did not see the end".into())
        }
        _ => {}
    }
    // A Rust reader keeps what arrived as a read was cancelled for its next read: dropping the
    // reader first drops those values, which the writer was told were taken.
    // At most what one cancelled read asked for is held at once (a read takes what is held
    // before it waits).
    let reader_in_rust = pair.reader(s) == Lang::Rust;
    let prefix = reader_in_rust && cancelled_max > 0 && s.end == ReadEnd::Drop;
    if fits(s, &segments, &delivered, prefix) {
        let surely_taken: usize = segments.iter().map(|seg| seg.1.unwrap_or(0) as usize).sum();
        if prefix && surely_taken > delivered.len() + cancelled_max {
            return Err(format!(
                "the reader lost {} of the values taken, more than the {cancelled_max} a \
                 cancelled read could hold",
                surely_taken - delivered.len()
            ));
        }
        return Ok(());
    }
    if segments.iter().any(|seg| seg.1.is_none()) {
        return Err(format!(
            "the reader's values are not {} of what the writes had taken, whatever each \
             cancelled write took (values lost, repeated, reordered or changed)",
            if prefix { "a prefix" } else { "all" }
        ));
    }
    let taken: Vec<u32> = (segments.iter())
        .flat_map(|&(base, taken, _)| base..base + taken.unwrap_or(0))
        .collect();
    for (i, (value, &pos)) in delivered.iter().zip(&taken).enumerate() {
        let expected = s.payload.shown_at(s.salt(), pos);
        if *value != expected {
            return Err(format!(
                "the reader's value {i} is {value}, not {expected} (values lost, repeated, \
                 reordered or changed)"
            ));
        }
    }
    Err(format!(
        "the reader got {} values but the writer had {} taken",
        delivered.len(),
        taken.len()
    ))
}

/// Whether `delivered` is what the writes of `segments` offered, in order — each the values of
/// positions `base..base + taken`, `taken` anything up to the count for a write that cannot say
/// — or, when `prefix`, a prefix of that.
pub fn fits(
    s: &Scenario,
    segments: &[(u32, Option<u32>, u32)],
    delivered: &[&str],
    prefix: bool,
) -> bool {
    let Some((&(base, taken, n), rest)) = segments.split_first() else {
        return delivered.is_empty();
    };
    let (low, high) = taken.map_or((0, n), |t| (t, t));
    (low..=high).any(|k| {
        let here = (k as usize).min(delivered.len());
        let same = (0..here).all(|j| delivered[j] == s.payload.shown_at(s.salt(), base + j as u32));
        same && if here < k as usize {
            // The values end within this write's.
            prefix
        } else {
            fits(s, rest, &delivered[here..], prefix)
        }
    })
}

/// Whether both components were back to the allocations and handles they held before the
/// scenario: `held` is how many more each held once the runner gave up waiting (see
/// `runner.rs`).
pub fn check_held(held: [i64; 4]) -> Result<(), String> {
    if held == [0; 4] {
        return Ok(());
    }
    let [runner_allocations, runner_handles, test_allocations, test_handles] = held;
    Err(format!(
        "after the scenario the runner held {runner_allocations} more allocations and \
         {runner_handles} more handles, the test component {test_allocations} more allocations \
         and {test_handles} more handles"
    ))
}

/// The tokens the test component made (`true`) and destroyed (`false`) in one scenario, by id,
/// in order.
pub type TokenLog = Vec<(u32, bool)>;

/// Checks the token log of a scenario: only a `token` scenario makes tokens, each of the
/// positions its writer offered (the future's default included), every token made is destroyed
/// exactly once, none is destroyed that was not made, and every token the reader got was made.
pub fn check_tokens(s: &Scenario, o: &Observed, log: &TokenLog) -> Result<(), String> {
    if s.payload != Payload::Token {
        return match log.is_empty() {
            true => Ok(()),
            false => Err("tokens were made in a scenario without tokens".into()),
        };
    }
    let positions = match s.kind {
        Kind::Future(_) => 2,
        _ => s.writes.iter().map(|op| op.count()).sum(),
    };
    let offered: Vec<u32> = (0..positions)
        .map(|pos| values::id_at(s.salt(), pos))
        .collect();
    let mut alive: Vec<u32> = Vec::new();
    let mut made: Vec<u32> = Vec::new();
    for &(id, make) in log {
        if !offered.contains(&id) {
            return Err(format!("token {id} was made, but no write offered it"));
        }
        match (make, alive.iter().position(|&a| a == id)) {
            (true, None) => {
                alive.push(id);
                made.push(id);
            }
            (true, Some(_)) => return Err(format!("token {id} was made again while alive")),
            (false, Some(at)) => {
                alive.remove(at);
            }
            (false, None) => return Err(format!("token {id} was destroyed, but not alive")),
        }
    }
    if !alive.is_empty() {
        return Err(format!("tokens {alive:?} were never destroyed"));
    }
    let delivered = (o.reads.iter().flat_map(|read| read.values.iter().flatten()))
        .chain(o.future.iter().flat_map(|(_, value)| value));
    for id in delivered {
        if !made.iter().any(|m| m.to_string() == *id) {
            return Err(format!("the reader got token {id}, which was never made"));
        }
    }
    Ok(())
}

/// Checks a calls scenario's outcomes and call log (`calls.rs`); a scenario of another kind
/// makes no calls.
pub fn check_calls(s: &Scenario, o: &Observed, log: &CallLog) -> Result<(), String> {
    match &s.kind {
        Kind::Calls(plan) => plan.check(&s.call_ids(plan), &o.calls, log),
        _ if log.is_empty() && o.calls.is_empty() => Ok(()),
        _ => Err("calls were made in a scenario without calls".into()),
    }
}
