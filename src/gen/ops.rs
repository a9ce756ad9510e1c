//! ABI operations, written once for every backend: the walk that lowers, lifts, stores and loads
//! a value of a WIT type, and the placing of a call's arguments and results (`lower_args`,
//! `lift_args`, `lift_result`, `lower_result`).
//!
//! The walk takes every canonical-ABI decision: which flat values a part occupies, at which
//! offset it lives, the casts that join a variant case's flat values into the variant's, the
//! zeros that pad them, where list elements and map entries lie, how big each allocation is,
//! whether a borrow arrives as a representation or a handle. A backend implements [`Spell`]:
//! how its language writes each step (a field access, a loop, a `match` arm, a memory read).
//!
//! Values and addresses are expressions (`String`s) in the backend's language. A backend may
//! write lines (`let` bindings) to the [`Source`] while spelling a step, and return the name it
//! bound.
//!
//! Code size stays linear in the number of types: before writing a type inline, the walk asks
//! the backend for an out-of-line helper ([`Spell::helper`]); the helper's body is this same
//! walk, one level deep ([`helper_body`]).

use std::collections::VecDeque;
use std::hash::Hash;

use wit_parser::{Handle, Int, Type, TypeDefKind, TypeId};

use super::abi::{dealias, int_size, is_plain_number, Abi, CoreTy, Layout};
use super::hash::{HashMap, HashSet};
use super::plan::{use_side, Direction, FunctionPlan, ParamsAbi, WorldPlan};
use super::source::Source;

/// What a helper (or a step) does with a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A value → flat core values.
    Lower,
    /// Flat core values → a value (taking ownership of the memory they point at).
    Lift,
    /// A value → linear memory at an address.
    Store,
    /// Linear memory → a value.
    Load,
}

impl Kind {
    /// `lower`, `lift`, `store` or `load`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Lower => "lower",
            Kind::Lift => "lift",
            Kind::Store => "store",
            Kind::Load => "load",
        }
    }
}

/// Out-of-line helpers requested but not written yet: each (key, kind) once, keys numbered in
/// the order of their first request, helpers handed out first come, first served.
pub struct HelperQueue<K> {
    numbers: HashMap<K, usize>,
    keys: Vec<K>,
    requested: HashSet<(usize, Kind)>,
    queue: VecDeque<(usize, Kind)>,
}

impl<K> Default for HelperQueue<K> {
    fn default() -> Self {
        HelperQueue {
            numbers: HashMap::default(),
            keys: Vec::new(),
            requested: HashSet::default(),
            queue: VecDeque::new(),
        }
    }
}

impl<K: Clone + Eq + Hash> HelperQueue<K> {
    /// The number of `key`, queueing its `kind` helper on first request.
    pub fn request(&mut self, key: K, kind: Kind) -> usize {
        let next = self.keys.len();
        let n = *self.numbers.entry(key.clone()).or_insert(next);
        if n == next {
            self.keys.push(key);
        }
        if self.requested.insert((n, kind)) {
            self.queue.push_back((n, kind));
        }
        n
    }

    /// The next helper to write: its key, number and kind.
    pub fn pop(&mut self) -> Option<(K, usize, Kind)> {
        let (n, kind) = self.queue.pop_front()?;
        Some((self.keys[n].clone(), n, kind))
    }
}

/// How a value moves a handle across the boundary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HandleOp {
    /// An owned handle of resource `.0` (as the handle type names it: maybe an alias).
    Own(TypeId),
    /// A borrow of resource `resource` (as named). `rep`: the component implements the
    /// resource, so the borrow reaches it as the representation; otherwise as a handle.
    Borrow {
        resource: TypeId,
        rep: bool,
    },
    /// The readable end of a future or stream (type `.0`).
    Future(TypeId),
    Stream(TypeId),
    ErrorContext,
}

/// A part of an aggregate value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Field `index` of record `.0`.
    Field(TypeId, usize),
    /// Element `.0` of a tuple (or of a map entry, `tuple<K, V>`).
    Tuple(usize),
    /// Element `.0` of a fixed-length list.
    Index(usize),
}

/// A memory address: an expression plus a constant offset, kept apart so that offsets of
/// nested parts add up instead of being spelled one on top of the other.
#[derive(Clone, Debug)]
pub struct Addr {
    pub base: String,
    pub offset: usize,
}

impl Addr {
    pub fn new(base: impl Into<String>) -> Addr {
        Addr {
            base: base.into(),
            offset: 0,
        }
    }

    pub fn at(&self, offset: usize) -> Addr {
        Addr {
            base: self.base.clone(),
            offset: self.offset + offset,
        }
    }
}

/// What an aggregate built from parts is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Build {
    Record(TypeId),
    Tuple,
    /// A fixed-length list of type `.0`.
    FixedList(TypeId),
}

/// A conversion between flat core types, to join a variant case's flat value into the
/// variant's flat type (`from` → `to`) or to split it back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cast {
    I32ToI64,
    F32ToI32,
    F32ToI64,
    F64ToI64,
    I64ToI32,
    I32ToF32,
    I64ToF32,
    I64ToF64,
}

impl Cast {
    /// The cast widening `from` into the joined type `to`, if they differ.
    pub fn join(from: CoreTy, to: CoreTy) -> Option<Cast> {
        Some(match (from, to) {
            (a, b) if a == b => return None,
            (CoreTy::I32, CoreTy::I64) => Cast::I32ToI64,
            (CoreTy::F32, CoreTy::I32) => Cast::F32ToI32,
            (CoreTy::F32, CoreTy::I64) => Cast::F32ToI64,
            (CoreTy::F64, CoreTy::I64) => Cast::F64ToI64,
            (from, to) => unreachable!("no join from {from:?} to {to:?}"),
        })
    }

    /// The cast narrowing the joined type `joined` back to `to`, if they differ.
    pub fn split(joined: CoreTy, to: CoreTy) -> Option<Cast> {
        Some(match (joined, to) {
            (a, b) if a == b => return None,
            (CoreTy::I64, CoreTy::I32) => Cast::I64ToI32,
            (CoreTy::I32, CoreTy::F32) => Cast::I32ToF32,
            (CoreTy::I64, CoreTy::F32) => Cast::I64ToF32,
            (CoreTy::I64, CoreTy::F64) => Cast::I64ToF64,
            (from, to) => unreachable!("no split from {from:?} to {to:?}"),
        })
    }
}

/// A word of memory holding a discriminant, flags or primitive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Word {
    U8,
    U16,
    U32,
    U64,
    F32,
    F64,
}

impl Word {
    /// The word a primitive occupies (bool, numbers, char).
    pub fn of_prim(ty: Type) -> Word {
        match ty {
            Type::Bool | Type::U8 | Type::S8 => Word::U8,
            Type::U16 | Type::S16 => Word::U16,
            Type::U64 | Type::S64 => Word::U64,
            Type::F32 => Word::F32,
            Type::F64 => Word::F64,
            _ => Word::U32,
        }
    }

    pub fn of_int(int: Int) -> Word {
        Word::of_size(int_size(int))
    }

    pub fn of_size(size: usize) -> Word {
        match size {
            1 => Word::U8,
            2 => Word::U16,
            8 => Word::U64,
            _ => Word::U32,
        }
    }
}

/// What a `match` is on, and what it yields.
pub enum Match<'a> {
    /// On a value of variant-like type `ty`; every arm yields `flats` flat values (bound to the
    /// names the backend returns, unless `tail`), or nothing when `flats` is `None` (a store).
    Value {
        value: &'a str,
        ty: TypeId,
        side: Direction,
        flats: Option<&'a [CoreTy]>,
        tail: bool,
    },
    /// On a discriminant; every arm yields a value of type `ty` (bound to the name
    /// [`Spell::close_match`] returns, unless `tail`).
    Discriminant {
        value: &'a str,
        ty: TypeId,
        side: Direction,
        tail: bool,
    },
}

/// What a case of a variant-like type carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Carries {
    /// Its payload.
    Payload,
    /// The unit value: a `result` case without a payload.
    Unit,
    Nothing,
}

/// A loop over the elements of a list being lowered.
pub struct ListLower {
    /// The element (or map entry) of the current iteration.
    pub elem: String,
    /// The start of its memory.
    pub addr: String,
    /// The list's flat values (pointer, length), valid after the loop.
    pub flats: [String; 2],
}

/// A loop over the elements of a list being lifted.
pub struct ListLift {
    /// The start of the current element's memory.
    pub addr: String,
    /// The collection the loop pushes to.
    pub out: String,
    pub base: String,
    pub len: String,
}

/// The elements of a list: one type, or the key and value of a map's entries.
#[derive(Clone, Copy)]
pub enum Elems {
    List(Type),
    Map(Type, Type),
}

/// How one language writes each step of the walk. `side` arguments say which copy (imported or
/// exported interface) of a named type a value is.
pub trait Spell {
    fn plan(&self) -> &WorldPlan<'_>;

    /// Whether `list<s8>` is laid out in this language as in memory (MoonBit widens `s8`).
    const PLAIN_S8: bool;
    /// Whether a one-element tuple is its element in this language.
    const ONE_TUPLE_IS_ELEMENT: bool;
    /// Whether enums lower as their discriminant (`enum_to_int`) instead of through a `match`.
    const ENUM_AS_INT: bool;

    /// The out-of-line helper for `kind` of `id`, if the backend writes one (it then writes
    /// its body with [`helper_body`]); `None` writes the step inline.
    fn helper(&mut self, id: TypeId, side: Direction, kind: Kind) -> Option<String>;
    /// Calls lowering helper `f` (of type `id`) on `value`, which yields `count` flat values.
    fn call_lower(
        &mut self,
        src: &mut Source,
        id: TypeId,
        f: &str,
        value: &str,
        count: usize,
    ) -> Vec<String>;
    /// Calls storing helper `f` (of type `id`).
    fn call_store(&mut self, src: &mut Source, id: TypeId, f: &str, value: &str, addr: &str);

    /// `value` bound to a new local.
    fn local(&mut self, src: &mut Source, value: &str) -> String;
    /// Allocates `layout` for `area`; returns the area's address and the flat value passing
    /// it.
    fn alloc_area(&mut self, src: &mut Source, area: Area, layout: Layout) -> (Addr, String);
    /// The address of an export's spilled parameters, passed as flat value `ptr`.
    fn param_area(&mut self, src: &mut Source, ptr: &str) -> Addr;
    /// Frees an export's spilled parameters once lifted.
    fn free_param_area(&mut self, src: &mut Source, base: &Addr, layout: Layout);
    /// `value` bound to a name, if it is not one and the language needs it: it is about to be
    /// used several times, or is a lifted part whose lines must come before the next part's.
    fn bind(&mut self, src: &mut Source, value: &str) -> String;
    /// An address bound to a name.
    fn bind_addr(&mut self, src: &mut Source, addr: &Addr) -> Addr;
    /// The expression of `addr`.
    fn addr(&mut self, addr: &Addr) -> String;
    fn part(&mut self, value: &str, part: Part) -> String;
    fn build(
        &mut self,
        src: &mut Source,
        what: Build,
        side: Direction,
        parts: Vec<String>,
    ) -> String;

    /// A primitive (bool, numbers, char) to its flat value, and back.
    fn lower_prim(&mut self, src: &mut Source, ty: Type, value: &str) -> String;
    fn lift_prim(&mut self, src: &mut Source, ty: Type, flat: &str) -> String;
    fn store_prim(&mut self, src: &mut Source, ty: Type, value: &str, addr: &str) {
        let flat = self.lower_prim(src, ty, value);
        self.store_word(src, addr, Word::of_prim(ty), &flat);
    }
    fn load_prim(&mut self, src: &mut Source, ty: Type, addr: &str) -> String {
        let flat = self.load_word(src, addr, Word::of_prim(ty));
        self.lift_prim(src, ty, &flat)
    }
    /// An `i32` flat value (pointer, length, handle) to memory, and back.
    fn store_i32(&mut self, src: &mut Source, addr: &str, flat: &str) {
        self.store_word(src, addr, Word::U32, flat);
    }
    fn load_i32(&mut self, src: &mut Source, addr: &str) -> String {
        self.load_word(src, addr, Word::U32)
    }
    /// A discriminant `n` written at `addr`.
    fn store_discriminant(&mut self, src: &mut Source, addr: &str, word: Word, n: usize) {
        self.store_word(src, addr, word, &n.to_string());
    }
    /// A flat value (discriminant, flags bits, primitive) written to, or read from, a `word`.
    fn store_word(&mut self, src: &mut Source, addr: &str, word: Word, flat: &str);
    fn load_word(&mut self, src: &mut Source, addr: &str, word: Word) -> String;

    fn lower_string(&mut self, src: &mut Source, value: &str) -> [String; 2];
    fn lift_string(&mut self, src: &mut Source, ptr: &str, len: &str) -> String;
    /// A list of numbers laid out as in memory (`size` bytes each), copied as one block.
    fn lower_plain_list(&mut self, src: &mut Source, value: &str, size: usize) -> [String; 2];
    fn lift_plain_list(
        &mut self,
        src: &mut Source,
        elem: Type,
        side: Direction,
        flats: [&str; 2],
        size: usize,
    ) -> String;
    /// Allocates `layout.size` bytes per element and opens a loop over the elements.
    fn open_list_lower(&mut self, src: &mut Source, value: &str, layout: Layout) -> ListLower;
    /// Opens a loop over `len` elements at `base` (flat values), collecting values of `elems`.
    fn open_list_lift(
        &mut self,
        src: &mut Source,
        elems: Elems,
        side: Direction,
        flats: [&str; 2],
        layout: Layout,
    ) -> ListLift;
    fn list_push(&mut self, src: &mut Source, out: &str, value: &str);
    fn close_list_lower(&mut self, src: &mut Source) {
        src.close("");
    }
    /// Closes the loop, frees the list's memory and yields the collection.
    fn close_list_lift(&mut self, src: &mut Source, list: &ListLift, layout: Layout) -> String;

    fn lower_handle(
        &mut self,
        src: &mut Source,
        op: HandleOp,
        side: Direction,
        value: &str,
    ) -> String;
    fn lift_handle(
        &mut self,
        src: &mut Source,
        op: HandleOp,
        side: Direction,
        flat: &str,
    ) -> String;
    /// Flags (at least one) to their `i32` bits, and back.
    fn lower_flags(&mut self, src: &mut Source, value: &str) -> String;
    fn lift_flags(
        &mut self,
        src: &mut Source,
        id: TypeId,
        side: Direction,
        bits: Option<&str>,
    ) -> String;
    /// With [`Spell::ENUM_AS_INT`]: an enum to its discriminant, and back.
    fn enum_to_int(&mut self, value: &str) -> String;
    fn enum_from_int(&mut self, id: TypeId, side: Direction, int: &str) -> String;

    fn cast(&mut self, value: &str, cast: Cast) -> String;
    fn zero(&mut self, ty: CoreTy) -> String;

    /// Opens a `match`; for a [`Match::Value`] yielding flats, returns the names they bind. A
    /// `tail` match is the last expression of a helper: what it yields is the helper's result.
    fn open_match(&mut self, src: &mut Source, on: Match<'_>) -> Vec<String>;
    /// An arm whose body writes lines; closed by [`Spell::close_arm`] with what it yields.
    fn open_arm(&mut self, src: &mut Source, pattern: &str);
    fn close_arm(&mut self, src: &mut Source, yields: Option<&str>);
    /// An arm that only yields `yields`.
    fn arm(&mut self, src: &mut Source, pattern: &str, yields: &str);
    /// Closes the `match`; a [`Match::Discriminant`] gets a trapping default arm. Returns the
    /// name of what a [`Match::Discriminant`] yields.
    fn close_match(&mut self, src: &mut Source, discriminant: bool) -> String;
    /// What an arm of a lowering yields: its flat values.
    fn flat_tuple(&mut self, values: &[String]) -> String;
    /// The constructor of case `index` of variant-like `id`: `None`, `Ok`, `V::Case`….
    fn case_ctor(&mut self, id: TypeId, side: Direction, index: usize) -> String;
    /// A pattern matching a case, binding its payload to `binding`.
    fn case_pattern(&mut self, ctor: &str, carries: Carries, binding: &str) -> String {
        match carries {
            Carries::Payload => format!("{ctor}({binding})"),
            Carries::Unit => format!("{ctor}(_)"),
            Carries::Nothing => ctor.to_string(),
        }
    }
    /// A case's value, from its payload's.
    fn case_value(&mut self, ctor: &str, carries: Carries, payload: &str) -> String {
        match carries {
            Carries::Payload => format!("{ctor}({payload})"),
            Carries::Unit => format!("{ctor}(())"),
            Carries::Nothing => ctor.to_string(),
        }
    }
    /// An integer literal matching a discriminant.
    fn discriminant(&mut self, n: usize) -> String {
        n.to_string()
    }
}

/// The flat core types of `ty` (the plan already decided what spills).
fn flat(plan: &WorldPlan<'_>, ty: &Type) -> Vec<CoreTy> {
    Abi::flat_all(plan.resolve, ty)
}

/// What case `index` of variant-like `id` carries.
fn carries(plan: &WorldPlan<'_>, id: TypeId, index: usize) -> Carries {
    match &plan.resolve.types[id].kind {
        TypeDefKind::Option(_) if index == 1 => Carries::Payload,
        TypeDefKind::Result(r) if [r.ok, r.err][index].is_none() => Carries::Unit,
        TypeDefKind::Result(_) => Carries::Payload,
        TypeDefKind::Variant(v) if v.cases[index].ty.is_some() => Carries::Payload,
        _ => Carries::Nothing,
    }
}

/// A pattern matching case `index` of `id`, its payload bound to `e`.
fn case_pattern<B: Spell>(b: &mut B, id: TypeId, side: Direction, index: usize) -> String {
    let ctor = b.case_ctor(id, side, index);
    let carries = carries(b.plan(), id, index);
    b.case_pattern(&ctor, carries, "e")
}

/// Case `index` of `id` with `payload` (when it has one).
fn case_value<B: Spell>(
    b: &mut B,
    id: TypeId,
    side: Direction,
    index: usize,
    payload: &str,
) -> String {
    let ctor = b.case_ctor(id, side, index);
    let carries = carries(b.plan(), id, index);
    b.case_value(&ctor, carries, payload)
}

/// The payload types of a variant-like type and its discriminant width, or `None`.
fn cases(plan: &WorldPlan<'_>, id: TypeId) -> Option<(Vec<Option<Type>>, Int)> {
    Some(match &plan.resolve.types[id].kind {
        TypeDefKind::Option(t) => (vec![None, Some(*t)], Int::U8),
        TypeDefKind::Result(r) => (vec![r.ok, r.err], Int::U8),
        TypeDefKind::Variant(v) => (v.cases.iter().map(|c| c.ty).collect(), v.tag()),
        TypeDefKind::Enum(e) => (vec![None; e.cases.len()], e.tag()),
        _ => return None,
    })
}

/// Whether `elem` lists (and streams) move as one block copy in `B`'s language: numbers whose
/// memory layout is the language's own.
pub fn is_plain<B: Spell>(plan: &WorldPlan<'_>, elem: &Type) -> bool {
    is_plain_number(plan.resolve, elem) && (B::PLAIN_S8 || dealias(plan.resolve, *elem) != Type::S8)
}

/// The layout of a map entry (`tuple<K, V>`) and the offsets of key and value.
fn entry_layout(abi: &Abi, key: &Type, value: &Type) -> (Layout, [usize; 2]) {
    let offsets = abi.field_offsets([key, value]);
    (abi.record_layout([key, value]), [offsets[0], offsets[1]])
}

fn handle_op<B: Spell>(b: &B, kind: &TypeDefKind, id: TypeId, side: Direction) -> HandleOp {
    match kind {
        TypeDefKind::Handle(Handle::Own(r)) => HandleOp::Own(*r),
        TypeDefKind::Handle(Handle::Borrow(r)) => HandleOp::Borrow {
            resource: *r,
            rep: b.plan().implements_resource(*r, side),
        },
        TypeDefKind::Future(_) => HandleOp::Future(id),
        TypeDefKind::Stream(_) => HandleOp::Stream(id),
        _ => unreachable!("not a handle"),
    }
}

/// A memory area a call needs besides its values' own allocations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    /// An import's spilled parameters, freed once the callee has them.
    Params,
    /// A synchronous export's spilled result, kept until post-return.
    Result,
    /// An async export's spilled result, handed to `task.return`.
    TaskReturn,
}

/// Lowers an import's arguments (`(type, value)` pairs) to its core arguments: flat, or stored
/// into a parameter area passed by pointer.
pub fn lower_args<B: Spell>(
    b: &mut B,
    src: &mut Source,
    f: &FunctionPlan,
    args: &[(Type, String)],
) -> Vec<String> {
    let mut out = Vec::new();
    match &f.params {
        ParamsAbi::Spilled(area) => {
            let (base, ptr) = b.alloc_area(src, Area::Params, area.layout);
            for ((ty, v), off) in args.iter().zip(&area.offsets) {
                store(b, src, ty, f.direction, v, &base.at(*off));
            }
            out.push(ptr);
        }
        ParamsAbi::Flat(_) => {
            for (ty, v) in args {
                out.extend(lower(b, src, ty, f.direction, v));
            }
        }
    }
    out
}

/// Lifts an export's arguments from its core parameters `flats`, each bound to a local; frees
/// a spilled parameter area once read.
pub fn lift_args<B: Spell>(
    b: &mut B,
    src: &mut Source,
    f: &FunctionPlan,
    flats: &[String],
) -> Vec<String> {
    let side = f.direction;
    let params = f.func.params.iter();
    match &f.params {
        ParamsAbi::Spilled(area) => {
            let base = b.param_area(src, &flats[0]);
            let args = params.zip(&area.offsets).map(|(p, off)| {
                let v = load(b, src, &p.ty, side, &base.at(*off));
                b.local(src, &v)
            });
            let args = args.collect();
            b.free_param_area(src, &base, area.layout);
            args
        }
        ParamsAbi::Flat(runs) => params
            .zip(runs)
            .map(|(p, run)| {
                let v = lift(b, src, &p.ty, side, &flats[run.clone()]);
                b.local(src, &v)
            })
            .collect(),
    }
}

/// The result of an import call: loaded from the result area at `from`, or lifted from the
/// core result `from`.
pub fn lift_result<B: Spell>(
    b: &mut B,
    src: &mut Source,
    f: &FunctionPlan,
    from: &str,
) -> Option<String> {
    let ty = f.func.result?;
    Some(match f.result_spilled {
        Some(_) => load(b, src, &ty, f.direction, &Addr::new(from)),
        None => lift(b, src, &ty, f.direction, &[from.to_string()]),
    })
}

/// Lowers an export's result `value` to flat values, or stores it into an `area` of `spilled`
/// layout and yields the area's pointer.
pub fn lower_result<B: Spell>(
    b: &mut B,
    src: &mut Source,
    ty: &Type,
    spilled: Option<(Area, Layout)>,
    value: &str,
) -> Vec<String> {
    match spilled {
        Some((area, layout)) => {
            let (base, ptr) = b.alloc_area(src, area, layout);
            store(b, src, ty, Direction::Export, value, &base);
            vec![ptr]
        }
        None => lower(b, src, ty, Direction::Export, value),
    }
}

/// What a helper's body yields.
pub enum Yield {
    /// Flat values (a lowering), one value (a lift or load), or nothing (a store).
    Values(Vec<String>),
    /// The body ended with a `tail` match: it yields what the match does.
    Tail,
}

/// Lowers `value` (of `ty`, on `side`) to flat values; returns expressions for them, each to be
/// evaluated once.
pub fn lower<B: Spell>(
    b: &mut B,
    src: &mut Source,
    ty: &Type,
    side: Direction,
    value: &str,
) -> Vec<String> {
    let plan = b.plan();
    let side = use_side(plan.resolve, ty, side);
    let ty = dealias(plan.resolve, *ty);
    match ty {
        Type::String => b.lower_string(src, value).into(),
        Type::ErrorContext => vec![b.lower_handle(src, HandleOp::ErrorContext, side, value)],
        Type::Id(id) => {
            if let TypeDefKind::List(e) = &plan.resolve.types[id].kind {
                if is_plain::<B>(plan, e) {
                    let size = plan.abi.layout(e).size;
                    return b.lower_plain_list(src, value, size).into();
                }
            }
            let count = flat(b.plan(), &ty).len();
            match b.helper(id, side, Kind::Lower) {
                Some(f) => b.call_lower(src, id, &f, value, count),
                None => lower_def(b, src, id, side, value, false),
            }
        }
        prim => vec![b.lower_prim(src, prim, value)],
    }
}

/// [`lower`] of type definition `id`, inline; `tail`: as a helper's whole body.
fn lower_def<B: Spell>(
    b: &mut B,
    src: &mut Source,
    id: TypeId,
    side: Direction,
    value: &str,
    tail: bool,
) -> Vec<String> {
    let plan = b.plan();
    let kind = plan.resolve.types[id].kind.clone();
    let parts = |b: &mut B, src: &mut Source, parts: Vec<(Type, Part)>| {
        let v = b.bind(src, value);
        let mut out = Vec::new();
        for (ty, part) in parts {
            let p = b.part(&v, part);
            out.extend(lower(b, src, &ty, side, &p));
        }
        out
    };
    match &kind {
        TypeDefKind::Record(r) => {
            let fields = r.fields.iter().enumerate();
            parts(
                b,
                src,
                fields.map(|(i, f)| (f.ty, Part::Field(id, i))).collect(),
            )
        }
        TypeDefKind::Tuple(t) if t.types.len() == 1 && B::ONE_TUPLE_IS_ELEMENT => {
            lower(b, src, &t.types[0], side, value)
        }
        TypeDefKind::Tuple(t) => {
            let elems = t.types.iter().enumerate();
            parts(b, src, elems.map(|(i, t)| (*t, Part::Tuple(i))).collect())
        }
        TypeDefKind::FixedLengthList(e, n) => parts(
            b,
            src,
            (0..*n as usize).map(|i| (*e, Part::Index(i))).collect(),
        ),
        TypeDefKind::Flags(f) if f.flags.is_empty() => Vec::new(),
        TypeDefKind::Flags(_) => vec![b.lower_flags(src, value)],
        TypeDefKind::Enum(_) if B::ENUM_AS_INT => vec![b.enum_to_int(value)],
        TypeDefKind::List(e) => {
            let layout = plan.abi.layout(e);
            let list = b.open_list_lower(src, value, layout);
            store(b, src, e, side, &list.elem, &Addr::new(list.addr));
            b.close_list_lower(src);
            list.flats.into()
        }
        TypeDefKind::Map(k, v) => {
            let (layout, offsets) = entry_layout(&plan.abi, k, v);
            let list = b.open_list_lower(src, value, layout);
            let at = b.bind_addr(src, &Addr::new(list.addr));
            for (i, (ty, off)) in [(k, offsets[0]), (v, offsets[1])].into_iter().enumerate() {
                let part = b.part(&list.elem, Part::Tuple(i));
                store(b, src, ty, side, &part, &at.at(off));
            }
            b.close_list_lower(src);
            list.flats.into()
        }
        TypeDefKind::Handle(_) | TypeDefKind::Future(_) | TypeDefKind::Stream(_) => {
            let op = handle_op(b, &kind, id, side);
            vec![b.lower_handle(src, op, side, value)]
        }
        _ => {
            let (cases, _) = cases(plan, id).expect("a variant-like type");
            let joined = flat(plan, &Type::Id(id));
            let on = Match::Value {
                value,
                ty: id,
                side,
                flats: Some(&joined),
                tail,
            };
            let outs = b.open_match(src, on);
            for (i, payload) in cases.iter().enumerate() {
                let mut vals = vec![i.to_string()];
                let pattern = case_pattern(b, id, side, i);
                let Some(p) = payload else {
                    vals.extend(joined[1..].iter().map(|t| b.zero(*t)));
                    let tuple = b.flat_tuple(&vals);
                    b.arm(src, &pattern, &tuple);
                    continue;
                };
                b.open_arm(src, &pattern);
                let flats = lower(b, src, p, side, "e");
                for (f, t) in flats.iter().zip(flat(b.plan(), p)) {
                    vals.push(match Cast::join(t, joined[vals.len()]) {
                        Some(c) => b.cast(f, c),
                        None => f.clone(),
                    });
                }
                let zeros: Vec<String> = joined[vals.len()..].iter().map(|t| b.zero(*t)).collect();
                vals.extend(zeros);
                let tuple = b.flat_tuple(&vals);
                b.close_arm(src, Some(&tuple));
            }
            b.close_match(src, false);
            outs
        }
    }
}

/// Lifts a value of `ty` from flat values `flats`; returns an expression.
pub fn lift<B: Spell>(
    b: &mut B,
    src: &mut Source,
    ty: &Type,
    side: Direction,
    flats: &[String],
) -> String {
    let plan = b.plan();
    let side = use_side(plan.resolve, ty, side);
    let ty = dealias(plan.resolve, *ty);
    match ty {
        Type::String => b.lift_string(src, &flats[0], &flats[1]),
        Type::ErrorContext => b.lift_handle(src, HandleOp::ErrorContext, side, &flats[0]),
        Type::Id(id) => {
            if let TypeDefKind::List(e) = &plan.resolve.types[id].kind {
                if is_plain::<B>(plan, e) {
                    let size = plan.abi.layout(e).size;
                    let e = *e;
                    return b.lift_plain_list(src, e, side, [&flats[0], &flats[1]], size);
                }
            }
            match b.helper(id, side, Kind::Lift) {
                Some(f) => format!("{f}({})", flats.join(", ")),
                None => lift_def(b, src, id, side, flats, false),
            }
        }
        prim => b.lift_prim(src, prim, &flats[0]),
    }
}

/// [`lift`] of type definition `id`, inline; `tail`: as a helper's whole body.
fn lift_def<B: Spell>(
    b: &mut B,
    src: &mut Source,
    id: TypeId,
    side: Direction,
    flats: &[String],
    tail: bool,
) -> String {
    let plan = b.plan();
    let kind = plan.resolve.types[id].kind.clone();
    // Lifts parts from consecutive runs of the flat values.
    let parts = |b: &mut B, src: &mut Source, types: &[Type]| {
        let mut at = 0;
        let mut out = Vec::new();
        for t in types {
            let n = flat(b.plan(), t).len();
            let v = lift(b, src, t, side, &flats[at..at + n]);
            out.push(b.bind(src, &v));
            at += n;
        }
        out
    };
    match &kind {
        TypeDefKind::Record(r) => {
            let types: Vec<Type> = r.fields.iter().map(|f| f.ty).collect();
            let values = parts(b, src, &types);
            b.build(src, Build::Record(id), side, values)
        }
        TypeDefKind::Tuple(t) if t.types.len() == 1 && B::ONE_TUPLE_IS_ELEMENT => {
            lift(b, src, &t.types[0], side, flats)
        }
        TypeDefKind::Tuple(t) => {
            let values = parts(b, src, &t.types);
            b.build(src, Build::Tuple, side, values)
        }
        TypeDefKind::FixedLengthList(e, n) => {
            let values = parts(b, src, &vec![*e; *n as usize]);
            b.build(src, Build::FixedList(id), side, values)
        }
        TypeDefKind::Flags(f) if f.flags.is_empty() => b.lift_flags(src, id, side, None),
        TypeDefKind::Flags(_) => b.lift_flags(src, id, side, Some(&flats[0])),
        TypeDefKind::Enum(_) if B::ENUM_AS_INT => b.enum_from_int(id, side, &flats[0]),
        TypeDefKind::List(e) => {
            let layout = plan.abi.layout(e);
            let e = *e;
            let list = b.open_list_lift(src, Elems::List(e), side, [&flats[0], &flats[1]], layout);
            let v = load(b, src, &e, side, &Addr::new(list.addr.clone()));
            b.list_push(src, &list.out, &v);
            b.close_list_lift(src, &list, layout)
        }
        TypeDefKind::Map(k, v) => {
            let (k, v) = (*k, *v);
            let (layout, offsets) = entry_layout(&plan.abi, &k, &v);
            let elems = Elems::Map(k, v);
            let list = b.open_list_lift(src, elems, side, [&flats[0], &flats[1]], layout);
            let at = b.bind_addr(src, &Addr::new(list.addr.clone()));
            let mut entry = Vec::new();
            for (ty, off) in [(k, offsets[0]), (v, offsets[1])] {
                let value = load(b, src, &ty, side, &at.at(off));
                entry.push(b.bind(src, &value));
            }
            let entry = b.build(src, Build::Tuple, side, entry);
            b.list_push(src, &list.out, &entry);
            b.close_list_lift(src, &list, layout)
        }
        TypeDefKind::Handle(_) | TypeDefKind::Future(_) | TypeDefKind::Stream(_) => {
            let op = handle_op(b, &kind, id, side);
            b.lift_handle(src, op, side, &flats[0])
        }
        _ => {
            let joined = flat(plan, &Type::Id(id));
            let mut payload = |b: &mut B, src: &mut Source, p: &Type| {
                let types = flat(b.plan(), p);
                let args: Vec<String> = types
                    .iter()
                    .enumerate()
                    .map(|(k, t)| match Cast::split(joined[k + 1], *t) {
                        Some(c) => b.cast(&flats[k + 1], c),
                        None => flats[k + 1].clone(),
                    })
                    .collect();
                lift(b, src, p, side, &args)
            };
            match_discriminant(b, src, id, side, &flats[0], tail, &mut payload)
        }
    }
}

/// A variant-like value of `id` from its discriminant `disc`: one arm per case, building the
/// case from `payload` (which lifts or loads a payload of the given type).
fn match_discriminant<B: Spell>(
    b: &mut B,
    src: &mut Source,
    id: TypeId,
    side: Direction,
    disc: &str,
    tail: bool,
    payload: &mut dyn FnMut(&mut B, &mut Source, &Type) -> String,
) -> String {
    let (cases, _) = cases(b.plan(), id).expect("a variant-like type");
    let on = Match::Discriminant {
        value: disc,
        ty: id,
        side,
        tail,
    };
    b.open_match(src, on);
    for (i, case) in cases.iter().enumerate() {
        let pattern = b.discriminant(i);
        let Some(p) = case else {
            let value = case_value(b, id, side, i, "");
            b.arm(src, &pattern, &value);
            continue;
        };
        b.open_arm(src, &pattern);
        let inner = payload(b, src, p);
        let value = case_value(b, id, side, i, &inner);
        b.close_arm(src, Some(&value));
    }
    b.close_match(src, true)
}

/// Stores `value` (of `ty`) at address `addr`.
pub fn store<B: Spell>(
    b: &mut B,
    src: &mut Source,
    ty: &Type,
    side: Direction,
    value: &str,
    addr: &Addr,
) {
    let plan = b.plan();
    let side = use_side(plan.resolve, ty, side);
    let ty = dealias(plan.resolve, *ty);
    let id = match ty {
        Type::String | Type::ErrorContext => return store_flats(b, src, &ty, side, value, addr),
        Type::Id(id) => id,
        prim => {
            let at = b.addr(addr);
            return b.store_prim(src, prim, value, &at);
        }
    };
    if let TypeDefKind::List(e) = &plan.resolve.types[id].kind {
        if is_plain::<B>(plan, e) {
            return store_flats(b, src, &ty, side, value, addr);
        }
    }
    match b.helper(id, side, Kind::Store) {
        Some(f) => {
            let at = b.addr(addr);
            b.call_store(src, id, &f, value, &at);
        }
        None => store_def(b, src, id, side, value, addr),
    }
}

/// Stores the flat values of a value made of `i32`s (pointers, lengths, handles) word by word.
fn store_flats<B: Spell>(
    b: &mut B,
    src: &mut Source,
    ty: &Type,
    side: Direction,
    value: &str,
    addr: &Addr,
) {
    let flats = lower(b, src, ty, side, value);
    for (i, f) in flats.iter().enumerate() {
        let at = b.addr(&addr.at(4 * i));
        b.store_i32(src, &at, f);
    }
}

/// [`store`] of type definition `id`, inline.
fn store_def<B: Spell>(
    b: &mut B,
    src: &mut Source,
    id: TypeId,
    side: Direction,
    value: &str,
    addr: &Addr,
) {
    let plan = b.plan();
    let kind = plan.resolve.types[id].kind.clone();
    let parts = |b: &mut B, src: &mut Source, parts: Vec<(Type, Part, usize)>| {
        let v = b.bind(src, value);
        for (ty, part, off) in parts {
            let p = b.part(&v, part);
            store(b, src, &ty, side, &p, &addr.at(off));
        }
    };
    match &kind {
        TypeDefKind::Record(r) => {
            let offsets = plan.abi.field_offsets(r.fields.iter().map(|f| &f.ty));
            let fields = r.fields.iter().zip(offsets).enumerate();
            let list = fields.map(|(i, (f, off))| (f.ty, Part::Field(id, i), off));
            parts(b, src, list.collect());
        }
        TypeDefKind::Tuple(t) if t.types.len() == 1 && B::ONE_TUPLE_IS_ELEMENT => {
            store(b, src, &t.types[0], side, value, addr);
        }
        TypeDefKind::Tuple(t) => {
            let offsets = plan.abi.field_offsets(t.types.iter());
            let elems = t.types.iter().zip(offsets).enumerate();
            parts(
                b,
                src,
                elems
                    .map(|(i, (t, off))| (*t, Part::Tuple(i), off))
                    .collect(),
            );
        }
        TypeDefKind::FixedLengthList(e, n) => {
            let size = plan.abi.layout(e).size;
            let elems = (0..*n as usize).map(|i| (*e, Part::Index(i), i * size));
            parts(b, src, elems.collect());
        }
        TypeDefKind::Flags(f) if f.flags.is_empty() => {}
        TypeDefKind::Flags(_) => {
            let word = Word::of_size(plan.abi.layout(&Type::Id(id)).size);
            let bits = b.lower_flags(src, value);
            let at = b.addr(addr);
            b.store_word(src, &at, word, &bits);
        }
        TypeDefKind::Enum(e) if B::ENUM_AS_INT => {
            let int = b.enum_to_int(value);
            let at = b.addr(addr);
            b.store_word(src, &at, Word::of_int(e.tag()), &int);
        }
        TypeDefKind::List(_)
        | TypeDefKind::Map(..)
        | TypeDefKind::Handle(_)
        | TypeDefKind::Future(_)
        | TypeDefKind::Stream(_) => store_flats(b, src, &Type::Id(id), side, value, addr),
        _ => {
            let (cases, tag) = cases(plan, id).expect("a variant-like type");
            let payload_offset = plan
                .abi
                .payload_offset(tag, cases.iter().map(|c| c.as_ref()));
            let on = Match::Value {
                value,
                ty: id,
                side,
                flats: None,
                tail: false,
            };
            b.open_match(src, on);
            for (i, payload) in cases.iter().enumerate() {
                let pattern = case_pattern(b, id, side, i);
                b.open_arm(src, &pattern);
                let at = b.addr(addr);
                b.store_discriminant(src, &at, Word::of_int(tag), i);
                if let Some(p) = payload {
                    store(b, src, p, side, "e", &addr.at(payload_offset));
                }
                b.close_arm(src, None);
            }
            b.close_match(src, false);
        }
    }
}

/// Loads a value of `ty` from address `addr` (taking ownership of what it points at).
pub fn load<B: Spell>(
    b: &mut B,
    src: &mut Source,
    ty: &Type,
    side: Direction,
    addr: &Addr,
) -> String {
    let plan = b.plan();
    let side = use_side(plan.resolve, ty, side);
    let ty = dealias(plan.resolve, *ty);
    let id = match ty {
        Type::String | Type::ErrorContext => return load_flats(b, src, &ty, side, addr),
        Type::Id(id) => id,
        prim => {
            let at = b.addr(addr);
            return b.load_prim(src, prim, &at);
        }
    };
    if let TypeDefKind::List(e) = &plan.resolve.types[id].kind {
        if is_plain::<B>(plan, e) {
            return load_flats(b, src, &ty, side, addr);
        }
    }
    match b.helper(id, side, Kind::Load) {
        Some(f) => format!("{f}({})", b.addr(addr)),
        None => load_def(b, src, id, side, addr, false),
    }
}

/// Loads a value made of `i32`s word by word and lifts it.
fn load_flats<B: Spell>(
    b: &mut B,
    src: &mut Source,
    ty: &Type,
    side: Direction,
    addr: &Addr,
) -> String {
    let count = flat(b.plan(), ty).len();
    let flats: Vec<String> = (0..count)
        .map(|i| {
            let at = b.addr(&addr.at(4 * i));
            b.load_i32(src, &at)
        })
        .collect();
    lift(b, src, ty, side, &flats)
}

/// [`load`] of type definition `id`, inline; `tail`: as a helper's whole body.
fn load_def<B: Spell>(
    b: &mut B,
    src: &mut Source,
    id: TypeId,
    side: Direction,
    addr: &Addr,
    tail: bool,
) -> String {
    let plan = b.plan();
    let kind = plan.resolve.types[id].kind.clone();
    let parts = |b: &mut B, src: &mut Source, parts: Vec<(Type, usize)>| {
        let mut out = Vec::new();
        for (ty, off) in parts {
            let v = load(b, src, &ty, side, &addr.at(off));
            out.push(b.bind(src, &v));
        }
        out
    };
    match &kind {
        TypeDefKind::Record(r) => {
            let offsets = plan.abi.field_offsets(r.fields.iter().map(|f| &f.ty));
            let fields = r.fields.iter().zip(offsets).map(|(f, off)| (f.ty, off));
            let values = parts(b, src, fields.collect());
            b.build(src, Build::Record(id), side, values)
        }
        TypeDefKind::Tuple(t) if t.types.len() == 1 && B::ONE_TUPLE_IS_ELEMENT => {
            load(b, src, &t.types[0], side, addr)
        }
        TypeDefKind::Tuple(t) => {
            let offsets = plan.abi.field_offsets(t.types.iter());
            let values = parts(b, src, t.types.iter().copied().zip(offsets).collect());
            b.build(src, Build::Tuple, side, values)
        }
        TypeDefKind::FixedLengthList(e, n) => {
            let size = plan.abi.layout(e).size;
            let values = parts(b, src, (0..*n as usize).map(|i| (*e, i * size)).collect());
            b.build(src, Build::FixedList(id), side, values)
        }
        TypeDefKind::Flags(f) if f.flags.is_empty() => b.lift_flags(src, id, side, None),
        TypeDefKind::Flags(_) => {
            let word = Word::of_size(plan.abi.layout(&Type::Id(id)).size);
            let at = b.addr(addr);
            let bits = b.load_word(src, &at, word);
            b.lift_flags(src, id, side, Some(&bits))
        }
        TypeDefKind::Enum(e) if B::ENUM_AS_INT => {
            let at = b.addr(addr);
            let int = b.load_word(src, &at, Word::of_int(e.tag()));
            b.enum_from_int(id, side, &int)
        }
        TypeDefKind::List(_)
        | TypeDefKind::Map(..)
        | TypeDefKind::Handle(_)
        | TypeDefKind::Future(_)
        | TypeDefKind::Stream(_) => load_flats(b, src, &Type::Id(id), side, addr),
        _ => {
            let (cases, tag) = cases(plan, id).expect("a variant-like type");
            let payload_offset = plan
                .abi
                .payload_offset(tag, cases.iter().map(|c| c.as_ref()));
            let at = b.addr(addr);
            let disc = b.load_word(src, &at, Word::of_int(tag));
            let mut payload = |b: &mut B, src: &mut Source, p: &Type| {
                load(b, src, p, side, &addr.at(payload_offset))
            };
            match_discriminant(b, src, id, side, &disc, tail, &mut payload)
        }
    }
}

/// The body of an out-of-line helper for `kind` of `id`: the value is `v`, the address `ptr`,
/// the flat values `p0`, `p1`….
pub fn helper_body<B: Spell>(
    b: &mut B,
    src: &mut Source,
    id: TypeId,
    side: Direction,
    kind: Kind,
) -> Yield {
    let is_match = cases(b.plan(), id).is_some()
        && !(B::ENUM_AS_INT && matches!(b.plan().resolve.types[id].kind, TypeDefKind::Enum(_)));
    let out = match kind {
        Kind::Lower => lower_def(b, src, id, side, "v", true),
        Kind::Lift => {
            let count = flat(b.plan(), &Type::Id(id)).len();
            let flats: Vec<String> = (0..count).map(|i| format!("p{i}")).collect();
            vec![lift_def(b, src, id, side, &flats, true)]
        }
        Kind::Store => {
            store_def(b, src, id, side, "v", &Addr::new("ptr"));
            return Yield::Values(Vec::new());
        }
        Kind::Load => vec![load_def(b, src, id, side, &Addr::new("ptr"), true)],
    };
    if is_match {
        Yield::Tail
    } else {
        Yield::Values(out)
    }
}
