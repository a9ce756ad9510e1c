//! The runner's report lines (part of `tests/async_scenarios.rs`; see `runner.rs`), parsed.

use crate::calls;
use crate::model::{Observed, Read, Take, TokenLog};

/// Parses the runner's line of the test component's token log after scenario `<index>`:
/// `<index> T[+<id>,-<id>,…]`.
pub fn parse_token_log(line: &str) -> Option<(usize, TokenLog)> {
    let (index, rest) = line.split_once(" T[")?;
    let log = match rest.strip_suffix(']')? {
        "" => Vec::new(),
        events => (events.split(','))
            .map(|event| match event.split_at_checked(1)? {
                ("+", id) => Some((id.parse().ok()?, true)),
                ("-", id) => Some((id.parse().ok()?, false)),
                _ => None,
            })
            .collect::<Option<_>>()?,
    };
    Some((index.parse().ok()?, log))
}

/// Parses the runner's line of what the components held after scenario `<index>`:
/// `<index> B[<runner allocations>,<runner handles>,<test allocations>,<test handles>]`.
pub fn parse_held(line: &str) -> Option<(usize, [i64; 4])> {
    let (index, rest) = line.split_once(" B[")?;
    let numbers: Vec<i64> = (rest.strip_suffix(']')?.split(','))
        .map(|n| n.parse().ok())
        .collect::<Option<_>>()?;
    Some((index.parse().ok()?, numbers.try_into().ok()?))
}

/// Parses the runner's line for one scenario: `<index> W[<takes>] R[<reads>]` (see
/// `runner.rs`), `<index> F[<write>] V[<value>]` or `<index> C[<outcomes>]`.
pub fn parse_line(line: &str) -> Option<(usize, Observed)> {
    if let Some((index, rest)) = line.split_once(" C[") {
        let observed = Observed {
            calls: calls::parse_outcomes(rest.strip_suffix(']')?)?,
            ..Observed::default()
        };
        return Some((index.parse().ok()?, observed));
    }
    if let Some((index, rest)) = line.split_once(" F[") {
        let (write, rest) = rest.split_once("] V[")?;
        let value = match rest.strip_suffix(']')? {
            "-" => None,
            v => Some(v.to_string()),
        };
        let observed = Observed {
            future: Some((write.to_string(), value)),
            ..Observed::default()
        };
        return Some((index.parse().ok()?, observed));
    }
    let (index, rest) = line.split_once(" W[")?;
    let (takes, rest) = rest.split_once("] R[")?;
    let reads = rest.strip_suffix(']')?;
    let takes = match takes {
        "" => Vec::new(),
        t => t
            .split(',')
            .map(|take| match take.strip_prefix('c') {
                Some("?") => Some(Take::Cancelled(None)),
                Some(n) => n.parse().ok().map(|n| Take::Cancelled(Some(n))),
                None => take.parse().ok().map(Take::Done),
            })
            .collect::<Option<_>>()?,
    };
    let reads = match reads {
        "" => Vec::new(),
        r => r
            .split('|')
            .map(|read| {
                let (cancelled, read) = match read.strip_prefix('x') {
                    Some(read) => (true, read),
                    None => (false, read),
                };
                let values = match read {
                    "-" => None,
                    "()" => Some(Vec::new()),
                    values => Some(values.split(',').map(str::to_string).collect()),
                };
                Read { cancelled, values }
            })
            .collect(),
    };
    let observed = Observed {
        takes,
        reads,
        ..Observed::default()
    };
    Some((index.parse().ok()?, observed))
}
