//! Calls scenarios (part of `tests/async_scenarios.rs`): the runner starts a few calls of the
//! test component's async `work` at once and drops some of them — unpolled (the call is never
//! made), or raced against a few yields (dropped while the call is held before it starts, while
//! it runs, or after it returned but before the runner saw it), with backpressure on for a while
//! or off. The test component logs each call's `started`, `returned` and `cancelled`, and
//! backpressure turned on and off.
//!
//! What the component model allows a call, by how the runner ended it:
//! - awaited: its result is its id; it started and returned;
//! - dropped unpolled: it never started;
//! - dropped while backpressure held it (`h`): it never started;
//! - dropped otherwise (`x`): it started and was cancelled, or it started and returned (the
//!   return had arrived unseen), or — only when backpressure was on at some point — it never
//!   started (withdrawn before it did: without backpressure a call made starts at once).
//!
//! No call logs anything more, or twice; no call starts while backpressure is on; backpressure is
//! turned on and then off once when the plan says so, and never otherwise.

use std::fmt::Write as _;

/// How the runner ends one call.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CallEnd {
    /// Awaited to its result.
    Awaited,
    /// Dropped before it was ever polled.
    Unpolled,
    /// Raced against this many yields, dropped if they win.
    Raced(u32),
}

/// One call of `work`: how many times the callee yields before it returns, and how the runner
/// ends it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CallOp {
    pub yields: u32,
    pub end: CallEnd,
}

/// A calls scenario: the calls, all started at once, and the yields after which backpressure,
/// turned on before them, is turned off (`None`: it stays off).
#[derive(Clone, Debug, PartialEq)]
pub struct CallPlan {
    pub release_after: Option<u32>,
    pub calls: Vec<CallOp>,
}

/// How one call ended, as the runner saw it.
#[derive(Clone, Debug, PartialEq)]
pub enum CallOutcome {
    /// It returned this.
    Returned(u32),
    /// Dropped unpolled.
    Unpolled,
    /// Dropped while backpressure was on.
    DroppedHeld,
    /// Dropped with backpressure off.
    Dropped,
}

/// What the test component logged: an event of the call of an id, or backpressure turned on
/// (`true`) or off.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CallEvent {
    Started(u32),
    Returned(u32),
    Cancelled(u32),
    Backpressure(bool),
}

impl CallEvent {
    /// The call it is of, if any.
    fn id(self) -> Option<u32> {
        match self {
            CallEvent::Started(id) | CallEvent::Returned(id) | CallEvent::Cancelled(id) => Some(id),
            CallEvent::Backpressure(_) => None,
        }
    }
}

/// What happened to one call, as the log tells.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Seen {
    Started,
    Returned,
    Cancelled,
}

/// The test component's log of `work` calls and backpressure in one scenario, in order.
pub type CallLog = Vec<CallEvent>;

impl CallPlan {
    /// A random plan of one to four calls; `below(n)` draws a number under `n`.
    pub fn random(below: &mut dyn FnMut(u64) -> u64) -> CallPlan {
        let release_after = (below(2) == 0).then(|| below(4) as u32);
        let calls = (0..1 + below(4))
            .map(|_| CallOp {
                yields: below(4) as u32,
                end: match below(4) {
                    0 => CallEnd::Awaited,
                    1 => CallEnd::Unpolled,
                    _ => CallEnd::Raced(below(4) as u32),
                },
            })
            .collect();
        CallPlan {
            release_after,
            calls,
        }
    }

    pub fn describe(&self) -> String {
        let mut out = match self.release_after {
            None => "backpressure off;".to_string(),
            Some(k) => format!("backpressure on, turned off after {k} yields;"),
        };
        for (j, call) in self.calls.iter().enumerate() {
            let end = match call.end {
                CallEnd::Awaited => "awaited".to_string(),
                CallEnd::Unpolled => "dropped unpolled".to_string(),
                CallEnd::Raced(k) => format!("dropped if {k} yields come first"),
            };
            write!(out, " call {j} (the callee yields {}) {end};", call.yields).unwrap();
        }
        out
    }

    /// Smaller variants: one call fewer, a callee yielding less, a race won sooner, no
    /// backpressure or released sooner.
    pub fn shrink_candidates(&self) -> Vec<CallPlan> {
        let mut out = Vec::new();
        for j in 0..self.calls.len() {
            let mut p = self.clone();
            p.calls.remove(j);
            if !p.calls.is_empty() {
                out.push(p);
            }
        }
        let mut with_call = |j: usize, call: CallOp| {
            let mut p = self.clone();
            p.calls[j] = call;
            out.push(p);
        };
        for (j, &call) in self.calls.iter().enumerate() {
            if call.yields > 0 {
                let yields = call.yields - 1;
                with_call(j, CallOp { yields, ..call });
            }
            if let CallEnd::Raced(k) = call.end {
                with_call(
                    j,
                    CallOp {
                        end: CallEnd::Awaited,
                        ..call
                    },
                );
                if k > 0 {
                    let end = CallEnd::Raced(k - 1);
                    with_call(j, CallOp { end, ..call });
                }
            }
        }
        if let Some(k) = self.release_after {
            let mut p = self.clone();
            p.release_after = None;
            out.push(p);
            if k > 0 {
                let mut p = self.clone();
                p.release_after = Some(k - 1);
                out.push(p);
            }
        }
        out
    }

    /// Checks what the runner saw of each call (`ids[j]` is call `j`'s id) and the test
    /// component's log against what the component model allows.
    pub fn check(
        &self,
        ids: &[u32],
        outcomes: &[CallOutcome],
        log: &CallLog,
    ) -> Result<(), String> {
        use Seen::*;
        if outcomes.len() != self.calls.len() {
            return Err(format!(
                "{} outcomes for {} calls",
                outcomes.len(),
                self.calls.len()
            ));
        }
        let switches: Vec<bool> = (log.iter())
            .filter_map(|event| match event {
                CallEvent::Backpressure(on) => Some(*on),
                _ => None,
            })
            .collect();
        let expected: &[bool] = match self.release_after {
            Some(_) => &[true, false],
            None => &[],
        };
        if switches != expected {
            return Err(format!(
                "backpressure was turned {switches:?}, planned {expected:?}"
            ));
        }
        let mut held = false;
        for event in log {
            match *event {
                CallEvent::Backpressure(on) => held = on,
                CallEvent::Started(id) if held => {
                    return Err(format!("call {id} started while backpressure was on"))
                }
                _ => {}
            }
        }
        if let Some(id) = log
            .iter()
            .filter_map(|e| e.id())
            .find(|id| !ids.contains(id))
        {
            return Err(format!("the log has call {id}, which was never made"));
        }
        for (j, (call, outcome)) in self.calls.iter().zip(outcomes).enumerate() {
            let id = ids[j];
            let events: Vec<Seen> = (log.iter())
                .filter(|event| event.id() == Some(id))
                .map(|event| match event {
                    CallEvent::Started(_) => Started,
                    CallEvent::Returned(_) => Returned,
                    _ => Cancelled,
                })
                .collect();
            let allowed: &[&[Seen]] = match (call.end, outcome) {
                (_, CallOutcome::Returned(got)) if *got != id => {
                    return Err(format!("call {j} returned {got}, not its id {id}"))
                }
                (CallEnd::Awaited | CallEnd::Raced(_), CallOutcome::Returned(_)) => {
                    &[&[Started, Returned]]
                }
                (CallEnd::Unpolled, CallOutcome::Unpolled) => &[&[]],
                (CallEnd::Raced(_), CallOutcome::DroppedHeld) if self.release_after.is_some() => {
                    &[&[]]
                }
                (CallEnd::Raced(_), CallOutcome::Dropped) if self.release_after.is_some() => {
                    &[&[], &[Started, Cancelled], &[Started, Returned]]
                }
                (CallEnd::Raced(_), CallOutcome::Dropped) => {
                    &[&[Started, Cancelled], &[Started, Returned]]
                }
                (end, outcome) => {
                    return Err(format!("call {j}, planned {end:?}, ended {outcome:?}"))
                }
            };
            if !allowed.contains(&events.as_slice()) {
                return Err(format!(
                    "call {j} ({outcome:?}) logged {events:?}; allowed: {allowed:?}"
                ));
            }
        }
        Ok(())
    }
}

/// Parses the runner's outcomes of a calls scenario: `=<id>`, `u`, `h` or `x`, `|`-separated.
pub fn parse_outcomes(text: &str) -> Option<Vec<CallOutcome>> {
    if text.is_empty() {
        return Some(Vec::new());
    }
    (text.split('|'))
        .map(|outcome| match outcome {
            "u" => Some(CallOutcome::Unpolled),
            "h" => Some(CallOutcome::DroppedHeld),
            "x" => Some(CallOutcome::Dropped),
            v => Some(CallOutcome::Returned(v.strip_prefix('=')?.parse().ok()?)),
        })
        .collect()
}

/// Parses the runner's line of the call log after scenario `<index>`:
/// `<index> L[<id>s,<id>r,<id>c,+,-,…]` (started, returned, cancelled; backpressure on, off).
pub fn parse_log(line: &str) -> Option<(usize, CallLog)> {
    let (index, rest) = line.split_once(" L[")?;
    let log = match rest.strip_suffix(']')? {
        "" => Vec::new(),
        events => (events.split(','))
            .map(|event| {
                let (id, kind) = event.split_at_checked(event.len().checked_sub(1)?)?;
                let id = || id.parse().ok();
                Some(match kind {
                    "+" if id().is_none() => CallEvent::Backpressure(true),
                    "-" if id().is_none() => CallEvent::Backpressure(false),
                    "s" => CallEvent::Started(id()?),
                    "r" => CallEvent::Returned(id()?),
                    "c" => CallEvent::Cancelled(id()?),
                    _ => return None,
                })
            })
            .collect::<Option<_>>()?,
    };
    Some((index.parse().ok()?, log))
}
