//! The scenarios (part of `tests/async_scenarios.rs`): what one moves and how each side acts,
//! drawn from a seed; the line of numbers the runners read; a readable description; smaller
//! variants for shrinking.

use std::fmt::Write as _;

use witbind::Lang;

use crate::calls::{self, CallPlan};
use crate::{show, values};

/// The languages of the runner and of the test component of a run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pair {
    pub runner: Lang,
    pub test: Lang,
}

impl Pair {
    /// Every pair: the Rust runner first (it runs every scenario; the MoonBit one all but those
    /// where it would drop a future writer unwritten, which a MoonBit writer can't).
    pub const ALL: [Pair; 4] = [
        Pair::new(Lang::Rust, Lang::Rust),
        Pair::new(Lang::Rust, Lang::MoonBit),
        Pair::new(Lang::MoonBit, Lang::Rust),
        Pair::new(Lang::MoonBit, Lang::MoonBit),
    ];

    pub const fn new(runner: Lang, test: Lang) -> Pair {
        Pair { runner, test }
    }

    /// The language of the side that reads the stream of `s`.
    pub fn reader(self, s: &Scenario) -> Lang {
        match s.sides {
            Sides::RunnerWrites => self.test,
            Sides::TestWrites => self.runner,
        }
    }

    /// The language of the side that writes the stream of `s`.
    pub fn writer(self, s: &Scenario) -> Lang {
        match s.sides {
            Sides::RunnerWrites => self.runner,
            Sides::TestWrites => self.test,
        }
    }

    /// Whether this pair's runner can play `s`.
    pub fn runs(self, s: &Scenario) -> bool {
        let drops_writer = matches!(s.kind, Kind::Future(f) if f.writer_drops);
        self.runner == Lang::Rust || !drops_writer
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Sides {
    /// The runner writes; the test component reads the stream it is given.
    RunnerWrites,
    /// The test component returns a stream and writes it afterwards; the runner reads.
    TestWrites,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Payload {
    U8,
    U32,
    String,
    /// The record `entry`: an id and a list of strings.
    Entry,
    /// The resource `token`, implemented by the test component, which logs every token it
    /// makes and destroys.
    Token,
    /// The record `parcel`, holding a future (its note) and a stream (its body) that whoever
    /// made it writes and whoever gets it reads.
    Parcel,
}

impl Payload {
    /// Its name in scenario descriptions.
    pub fn name(self) -> &'static str {
        match self {
            Payload::U8 => "u8",
            Payload::U32 => "u32",
            Payload::String => "string",
            Payload::Entry => "entry",
            Payload::Token => "token",
            Payload::Parcel => "parcel",
        }
    }

    /// The value at `pos` of a stream of salt `salt`, as the runner prints it.
    pub fn shown_at(self, salt: u32, pos: u32) -> String {
        match self {
            Payload::U8 => values::u8_at(salt, pos).to_string(),
            Payload::U32 => values::u32_at(salt, pos).to_string(),
            Payload::String => show::string(&values::string_at(salt, pos)),
            Payload::Entry => {
                let (id, tags) = values::entry_at(salt, pos);
                show::entry(id, &tags)
            }
            Payload::Token => values::id_at(salt, pos).to_string(),
            Payload::Parcel => show::parcel(
                values::id_at(salt, pos),
                values::note_at(salt, pos),
                &values::body_at(salt, pos),
            ),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum WriteOp {
    /// One `write` of the next `n` values (the host may take fewer).
    Write(u32),
    /// `write_all` of the next `n` values.
    WriteAll(u32),
    /// One `write` of the next `n` values raced against `yields` yields, and cancelled if they
    /// win.
    CancelWrite { n: u32, yields: u32 },
}

impl WriteOp {
    /// How many values it writes.
    pub fn count(self) -> u32 {
        match self {
            WriteOp::Write(n) | WriteOp::WriteAll(n) | WriteOp::CancelWrite { n, .. } => n,
        }
    }
}

/// One planned `read`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReadOp {
    /// At most this many items.
    pub max: u32,
    /// Raced against this many yields, and cancelled if they win.
    pub cancel_after: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ReadEnd {
    /// The reader is dropped after its reads.
    Drop,
    /// The reader reads on (64 at a time) until the end of the stream.
    ToEnd,
}

/// A future scenario: how many times each end yields before it acts, and whether it then drops
/// its end instead of writing (reading).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FuturePlan {
    pub writer_yields: u32,
    pub writer_drops: bool,
    pub reader_yields: u32,
    pub reader_drops: bool,
}

impl FuturePlan {
    /// The write's outcome and the position of the value read, as the component model has them.
    pub fn expected(self) -> (&'static str, Option<u32>) {
        let write = match (self.writer_drops, self.reader_drops) {
            (true, _) => "dropped",
            (false, true) => "gone",
            (false, false) => "ok",
        };
        let value = match (self.reader_drops, self.writer_drops) {
            (true, _) => None,
            // The default written for a writer dropped unwritten.
            (false, true) => Some(1),
            (false, false) => Some(0),
        };
        (write, value)
    }
}

/// What a scenario moves.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// A stream, by the plans of `writes`, `reads` and `end`.
    Stream,
    /// A future (the stream's plans are then empty).
    Future(FuturePlan),
    /// No payload: calls of the test component's `work`, dropped at random points (the
    /// stream's plans are then empty, the payload unused).
    Calls(CallPlan),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub seed: u64,
    pub payload: Payload,
    pub sides: Sides,
    pub kind: Kind,
    pub writes: Vec<WriteOp>,
    pub reads: Vec<ReadOp>,
    pub end: ReadEnd,
}

/// xorshift64*: small, seedable, and the same everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n
    }
}

impl Scenario {
    pub fn from_seed(seed: u64) -> Scenario {
        let mut rng = Rng::new(seed);
        let sides = match rng.below(2) {
            0 => Sides::RunnerWrites,
            _ => Sides::TestWrites,
        };
        let writes = (0..rng.below(6))
            .map(|_| {
                let n = 1 + rng.below(8) as u32;
                match rng.below(3) {
                    0 => WriteOp::Write(n),
                    1 => WriteOp::WriteAll(n),
                    _ => WriteOp::CancelWrite {
                        n,
                        yields: rng.below(4) as u32,
                    },
                }
            })
            .collect();
        let reads = (0..rng.below(6))
            .map(|_| ReadOp {
                max: 1 + rng.below(8) as u32,
                cancel_after: (rng.below(3) == 0).then(|| rng.below(4) as u32),
            })
            .collect();
        let end = match rng.below(2) {
            0 => ReadEnd::Drop,
            _ => ReadEnd::ToEnd,
        };
        let mut payload =
            [Payload::U8, Payload::U32, Payload::String, Payload::Entry][rng.below(4) as usize];
        // Drawn last, so that the seeds of scenarios of the other payloads keep their plans.
        let mut tokens = |rng: &mut Rng| {
            if rng.below(5) == 0 {
                payload = Payload::Token;
            }
            if rng.below(5) == 0 {
                payload = Payload::Parcel;
            }
        };
        if rng.below(3) == 0 {
            let future = FuturePlan {
                writer_yields: rng.below(4) as u32,
                writer_drops: sides == Sides::RunnerWrites && rng.below(3) == 0,
                reader_yields: rng.below(4) as u32,
                reader_drops: rng.below(3) == 0,
            };
            tokens(&mut rng);
            return Scenario {
                seed,
                payload,
                sides,
                kind: Kind::Future(future),
                writes: Vec::new(),
                reads: Vec::new(),
                end: ReadEnd::ToEnd,
            };
        }
        tokens(&mut rng);
        // Drawn last too: a sixth of the stream scenarios become calls scenarios.
        if rng.below(6) == 0 {
            let plan = CallPlan::random(&mut |n| rng.below(n));
            return Scenario {
                seed,
                payload,
                sides,
                kind: Kind::Calls(plan),
                writes: Vec::new(),
                reads: Vec::new(),
                end: ReadEnd::ToEnd,
            };
        }
        Scenario {
            seed,
            payload,
            sides,
            kind: Kind::Stream,
            writes,
            reads,
            end,
        }
    }

    /// The ids of a calls scenario's calls, by position.
    pub fn call_ids(&self, calls: &CallPlan) -> Vec<u32> {
        (0..calls.calls.len() as u32)
            .map(|j| values::id_at(self.salt(), j))
            .collect()
    }

    /// The salt of the scenario's values.
    pub fn salt(&self) -> u32 {
        self.seed as u32
    }

    /// The runners' line for the scenario (see `runner.rs`).
    pub fn script_line(&self) -> String {
        let numbers: Vec<String> = self.numbers().iter().map(i64::to_string).collect();
        numbers.join(" ")
    }

    /// The scenario as the runners read it: a line of numbers (see `runner.rs`).
    pub fn numbers(&self) -> Vec<i64> {
        let payload = match self.payload {
            Payload::U8 => 0,
            Payload::U32 => 1,
            Payload::String => 2,
            Payload::Entry => 3,
            Payload::Token => 4,
            Payload::Parcel => 5,
        };
        let side = match self.sides {
            Sides::RunnerWrites => 0,
            Sides::TestWrites => 1,
        };
        let cancel = |n: u32, yields: u32| 100 * (i64::from(yields) + 1) + i64::from(n);
        let end = |drops: bool, yields: u32| match drops {
            true => -i64::from(yields) - 1,
            false => i64::from(yields),
        };
        // Read back as an `i32` (MoonBit's `Int`), then as the `u32` it was.
        let salt = i64::from(self.salt() as i32);
        match &self.kind {
            Kind::Calls(calls) => {
                let release = calls.release_after.map_or(-1, i64::from);
                let mut out = vec![2, 0, 0, salt, release, calls.calls.len() as i64];
                for call in &calls.calls {
                    out.push(i64::from(call.yields));
                    out.push(match call.end {
                        calls::CallEnd::Awaited => -1,
                        calls::CallEnd::Unpolled => -2,
                        calls::CallEnd::Raced(k) => i64::from(k),
                    });
                }
                out
            }
            Kind::Future(f) => vec![
                1,
                payload,
                side,
                salt,
                end(f.writer_drops, f.writer_yields),
                end(f.reader_drops, f.reader_yields),
            ],
            Kind::Stream => {
                let mut out = vec![0, payload, side, salt, self.writes.len() as i64];
                out.extend(self.writes.iter().map(|op| match *op {
                    WriteOp::Write(n) => i64::from(n),
                    WriteOp::WriteAll(n) => -i64::from(n),
                    WriteOp::CancelWrite { n, yields } => cancel(n, yields),
                }));
                out.push(self.reads.len() as i64 + 1);
                out.extend(self.reads.iter().map(|op| match op.cancel_after {
                    None => i64::from(op.max),
                    Some(yields) => cancel(op.max, yields),
                }));
                out.push(match self.end {
                    ReadEnd::Drop => 0,
                    ReadEnd::ToEnd => -1,
                });
                out
            }
        }
    }

    /// The scenario as a readable list of operations.
    pub fn describe(&self) -> String {
        let (writer, reader) = match self.sides {
            Sides::RunnerWrites => ("runner", "test"),
            Sides::TestWrites => ("test (after returning the reader)", "runner"),
        };
        if let Kind::Calls(calls) = &self.kind {
            return format!("seed {}: calls of `work`: {}", self.seed, calls.describe());
        }
        if let Kind::Future(f) = self.kind {
            let act = |drops: bool, act: &str| if drops { "drop it" } else { act }.to_string();
            return format!(
                "seed {}: a future<{}> written by the {writer}: {} yields, {}; read by the \
                 {reader}: {} yields, {}.",
                self.seed,
                self.payload.name(),
                f.writer_yields,
                act(f.writer_drops, "write the value"),
                f.reader_yields,
                act(f.reader_drops, "read"),
            );
        }
        let mut out = format!(
            "seed {}: a stream<{}> written by the {writer}:",
            self.seed,
            self.payload.name()
        );
        for op in &self.writes {
            match op {
                WriteOp::Write(n) => write!(out, " write({n} values);").unwrap(),
                WriteOp::WriteAll(n) => write!(out, " write_all({n} values);").unwrap(),
                WriteOp::CancelWrite { n, yields } => {
                    write!(out, " write({n} values) cancelled after {yields} yields;").unwrap()
                }
            }
        }
        write!(out, " drop the writer. Read by the {reader}:").unwrap();
        for op in &self.reads {
            match op.cancel_after {
                None => write!(out, " read({});", op.max).unwrap(),
                Some(k) => write!(out, " read({}) cancelled after {k} yields;", op.max).unwrap(),
            }
        }
        out.push_str(match self.end {
            ReadEnd::Drop => " drop the reader.",
            ReadEnd::ToEnd => " read to the end.",
        });
        out
    }

    /// Smaller variants: one operation fewer, one count lower, one cancellation fewer or
    /// sooner.
    pub fn shrink_candidates(&self) -> Vec<Scenario> {
        let mut out = Vec::new();
        if let Kind::Calls(calls) = &self.kind {
            for smaller in calls.shrink_candidates() {
                out.push(Scenario {
                    kind: Kind::Calls(smaller),
                    ..self.clone()
                });
            }
            return out;
        }
        let with_write = |i: usize, op: WriteOp| {
            let mut s = self.clone();
            s.writes[i] = op;
            s
        };
        let mut smaller = Vec::new();
        for (i, &op) in self.writes.iter().enumerate() {
            let n = op.count();
            if let WriteOp::CancelWrite { yields, .. } = op {
                smaller.push(with_write(i, WriteOp::Write(n)));
                if yields > 0 {
                    let yields = yields - 1;
                    smaller.push(with_write(i, WriteOp::CancelWrite { n, yields }));
                }
            }
            if n > 1 {
                smaller.push(with_write(
                    i,
                    match op {
                        WriteOp::Write(_) => WriteOp::Write(n - 1),
                        WriteOp::WriteAll(_) => WriteOp::WriteAll(n - 1),
                        WriteOp::CancelWrite { yields, .. } => {
                            WriteOp::CancelWrite { n: n - 1, yields }
                        }
                    },
                ));
            }
        }
        for i in 0..self.writes.len() {
            let mut s = self.clone();
            s.writes.remove(i);
            out.push(s);
        }
        out.append(&mut smaller);
        for (i, &op) in self.reads.iter().enumerate() {
            let mut with_read = |op: ReadOp| {
                let mut s = self.clone();
                s.reads[i] = op;
                out.push(s);
            };
            if let Some(k) = op.cancel_after {
                with_read(ReadOp {
                    cancel_after: None,
                    ..op
                });
                if k > 0 {
                    with_read(ReadOp {
                        cancel_after: Some(k - 1),
                        ..op
                    });
                }
            }
            if op.max > 1 {
                with_read(ReadOp {
                    max: op.max - 1,
                    ..op
                });
            }
            let mut s = self.clone();
            s.reads.remove(i);
            out.push(s);
        }
        out
    }
}
