//! Lifting and lowering code: inline for primitives, strings and lists of numbers, and one
//! out-of-line helper per (type, side, direction) otherwise, so code grows linearly with the
//! number of distinct types instead of with their nesting.
//!
//! Conventions of generated code: a value to lower is always given by reference (`&T`); the
//! allocations of one call live in a `Cleanup` named `__cx`; memory addresses are `*mut u8`.

use std::collections::VecDeque;

use wit_parser::{Handle, Type, TypeDefKind, TypeId};

use super::modules::ModuleId;
use super::types::{flags_repr, int_rust};
use super::{HashMap, HashSet, Position, RustEmitter};
use crate::gen::abi::{dealias, is_plain_number, Abi, CoreTy};
use crate::gen::names::{rust_camel, rust_snake};
use crate::gen::plan::Direction;
use crate::gen::source::{line, Source};

/// What a helper does with a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// `&T` → flat core values.
    Lower,
    /// flat core values → `T` (taking ownership of allocations).
    Lift,
    /// `&T` → linear memory at a pointer.
    Store,
    /// linear memory → `T`.
    Load,
}

#[derive(Default)]
pub struct Helpers {
    ids: HashMap<(TypeId, Direction), usize>,
    keys: Vec<(TypeId, Direction)>,
    requested: HashSet<(usize, Kind)>,
    queue: VecDeque<(usize, Kind)>,
}

impl Helpers {
    /// The name of the helper, queueing it for emission on first request.
    fn request(&mut self, id: TypeId, side: Direction, kind: Kind) -> String {
        let next = self.keys.len();
        let n = *self.ids.entry((id, side)).or_insert(next);
        if n == next {
            self.keys.push((id, side));
        }
        if self.requested.insert((n, kind)) {
            self.queue.push_back((n, kind));
        }
        let prefix = match kind {
            Kind::Lower => "lower",
            Kind::Lift => "lift",
            Kind::Store => "store",
            Kind::Load => "load",
        };
        format!("{prefix}_{n}")
    }
}

/// One case of a variant-like type, as Rust spells it.
struct Case {
    /// Constructor path, e.g. `Some`, `Ok`, `super::a::V::Case`.
    ctor: String,
    payload: Option<Type>,
    /// `Ok(())`/`Err(())`: a Rust payload of `()` where WIT has none.
    unit_payload: bool,
}

impl Case {
    fn pattern(&self, binding: &str) -> String {
        match (&self.payload, self.unit_payload) {
            (Some(_), _) => format!("{}({binding})", self.ctor),
            (None, true) => format!("{}(_)", self.ctor),
            (None, false) => self.ctor.clone(),
        }
    }

    fn construct(&self, payload: &str) -> String {
        match (&self.payload, self.unit_payload) {
            (Some(_), _) => format!("{}({payload})", self.ctor),
            (None, true) => format!("{}(())", self.ctor),
            (None, false) => self.ctor.clone(),
        }
    }
}

/// A tuple expression, type or pattern: `()`, `(a,)`, `(a, b)`.
fn tuple<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => "()".to_string(),
        [one] => format!("({},)", one.as_ref()),
        many => {
            let parts: Vec<&str> = many.iter().map(|s| s.as_ref()).collect();
            format!("({})", parts.join(", "))
        }
    }
}

/// The value behind reference expression `val`: `&x.f` → `x.f`, `e` → `*e`.
fn deref(val: &str) -> String {
    match val.strip_prefix('&') {
        Some(place) => place.to_string(),
        None => format!("*{val}"),
    }
}

/// A reference expression usable before `.method()`: `&x.f` → `x.f` (auto-ref does the rest).
fn method_receiver(val: &str) -> String {
    match val.strip_prefix('&') {
        Some(place) => place.to_string(),
        None => val.to_string(),
    }
}

fn core_rust(ty: CoreTy) -> &'static str {
    match ty {
        CoreTy::I32 => "i32",
        CoreTy::I64 => "i64",
        CoreTy::F32 => "f32",
        CoreTy::F64 => "f64",
    }
}

fn zero(ty: CoreTy) -> &'static str {
    match ty {
        CoreTy::I32 => "0i32",
        CoreTy::I64 => "0i64",
        CoreTy::F32 => "0f32",
        CoreTy::F64 => "0f64",
    }
}

/// Widens a case's flat value to the variant's joined flat type.
fn join_cast(value: &str, from: CoreTy, to: CoreTy) -> String {
    match (from, to) {
        (a, b) if a == b => value.to_string(),
        (CoreTy::I32, CoreTy::I64) => format!("({value}) as u32 as i64"),
        (CoreTy::F32, CoreTy::I32) => format!("({value}).to_bits() as i32"),
        (CoreTy::F32, CoreTy::I64) => format!("({value}).to_bits() as i64"),
        (CoreTy::F64, CoreTy::I64) => format!("({value}).to_bits() as i64"),
        (from, to) => unreachable!("no join from {from:?} to {to:?}"),
    }
}

/// Narrows a joined flat value back to a case's flat type.
fn split_cast(value: &str, joined: CoreTy, to: CoreTy) -> String {
    match (joined, to) {
        (a, b) if a == b => value.to_string(),
        (CoreTy::I64, CoreTy::I32) => format!("{value} as i32"),
        (CoreTy::I32, CoreTy::F32) => format!("f32::from_bits({value} as u32)"),
        (CoreTy::I64, CoreTy::F32) => format!("f32::from_bits({value} as u32)"),
        (CoreTy::I64, CoreTy::F64) => format!("f64::from_bits({value} as u64)"),
        (from, to) => unreachable!("no split from {from:?} to {to:?}"),
    }
}

/// The Rust type a primitive occupies in memory, and how to convert.
fn prim_mem(ty: &Type) -> Option<&'static str> {
    Some(match ty {
        Type::Bool | Type::U8 => "u8",
        Type::S8 => "i8",
        Type::U16 => "u16",
        Type::S16 => "i16",
        Type::U32 | Type::Char => "u32",
        Type::S32 => "i32",
        Type::U64 => "u64",
        Type::S64 => "i64",
        Type::F32 => "f32",
        Type::F64 => "f64",
        _ => return None,
    })
}

impl RustEmitter<'_, '_> {
    fn flat(&self, ty: &Type) -> Vec<CoreTy> {
        Abi::flat(self.resolve(), ty, usize::from(u16::MAX)).expect("flat types fit")
    }

    fn helper_path(&mut self, from: ModuleId, id: TypeId, side: Direction, kind: Kind) -> String {
        let name = self.helpers.request(id, side, kind);
        self.tree.path(from, self.abi_module, &name)
    }

    /// Lowers the value at reference `val` to flat core values; returns expressions for them.
    pub(super) fn lower_flat(
        &mut self,
        src: &mut Source,
        ty: &Type,
        side: Direction,
        val: &str,
        from: ModuleId,
    ) -> Vec<String> {
        let side = self.alias_side(ty, side);
        let ty = dealias(self.resolve(), *ty);
        match ty {
            Type::Bool | Type::U8 | Type::S8 | Type::U16 | Type::S16 | Type::U32 | Type::Char => {
                vec![format!("{} as i32", deref(val))]
            }
            Type::S32 | Type::F32 | Type::F64 | Type::S64 => vec![deref(val)],
            Type::U64 => vec![format!("{} as i64", deref(val))],
            // The handle is given away: wasmtime ends the receiver's copy when the sender drops
            // its own, so the sender keeps none.
            Type::ErrorContext => vec![format!("__cx.give_handle({val}) as i32")],
            Type::String => vec![
                format!("{}.as_ptr() as i32", method_receiver(val)),
                format!("{}.len() as i32", method_receiver(val)),
            ],
            Type::Id(id) => {
                if let TypeDefKind::List(e) = &self.resolve().types[id].kind {
                    if is_plain_number(self.resolve(), e) {
                        return vec![
                            format!("{}.as_ptr() as i32", method_receiver(val)),
                            format!("{}.len() as i32", method_receiver(val)),
                        ];
                    }
                }
                let count = self.flat(&ty).len();
                let path = self.helper_path(from, id, side, Kind::Lower);
                let locals: Vec<String> = (0..count).map(|_| self.fresh("l")).collect();
                line!(src, "let {} = {path}({val}, __cx);", tuple(&locals));
                locals
            }
        }
    }

    /// An expression lifting `ty` from flat core values `vals`.
    pub(super) fn lift_flat(
        &mut self,
        ty: &Type,
        side: Direction,
        vals: &[String],
        from: ModuleId,
    ) -> String {
        let side = self.alias_side(ty, side);
        let ty = dealias(self.resolve(), *ty);
        let v = |i: usize| vals[i].clone();
        match ty {
            Type::Bool => format!("{} != 0", v(0)),
            Type::U8 => format!("{} as u8", v(0)),
            Type::S8 => format!("{} as i8", v(0)),
            Type::U16 => format!("{} as u16", v(0)),
            Type::S16 => format!("{} as i16", v(0)),
            Type::U32 => format!("{} as u32", v(0)),
            Type::S32 | Type::S64 | Type::F32 | Type::F64 => v(0),
            Type::U64 => format!("{} as u64", v(0)),
            Type::Char => format!(
                "::core::char::from_u32({} as u32).expect(\"invalid char from the host\")",
                v(0)
            ),
            Type::ErrorContext => {
                format!("{}::ErrorContext::from_handle({} as u32)", self.rt, v(0))
            }
            Type::String => format!("{}::string_lift({}, {})", self.rt, v(0), v(1)),
            Type::Id(id) => {
                if let TypeDefKind::List(e) = &self.resolve().types[id].kind {
                    if is_plain_number(self.resolve(), e) {
                        let e = self.ty(e, side, from, Position::Owned);
                        return format!("{}::list_lift::<{e}>({}, {})", self.rt, v(0), v(1));
                    }
                }
                let path = self.helper_path(from, id, side, Kind::Lift);
                format!("{path}({})", vals.join(", "))
            }
        }
    }

    /// Stores the value at reference `val` to address `ptr` (a `*mut u8` expression).
    pub(super) fn store(
        &mut self,
        src: &mut Source,
        ty: &Type,
        side: Direction,
        val: &str,
        ptr: &str,
        from: ModuleId,
    ) {
        let side = self.alias_side(ty, side);
        let ty = dealias(self.resolve(), *ty);
        if let Some(mem) = prim_mem(&ty) {
            let value = match ty {
                Type::Bool | Type::Char => format!("{} as {mem}", deref(val)),
                _ => deref(val),
            };
            line!(src, "({ptr}).cast::<{mem}>().write({value});");
            return;
        }
        match ty {
            Type::String => {
                let flats = self.lower_flat(src, &ty, side, val, from);
                self.store_flats(src, &flats, ptr);
            }
            Type::ErrorContext => {
                let flats = self.lower_flat(src, &ty, side, val, from);
                line!(src, "({ptr}).cast::<i32>().write({});", flats[0]);
            }
            Type::Id(id) => {
                if let TypeDefKind::List(e) = &self.resolve().types[id].kind {
                    if is_plain_number(self.resolve(), e) {
                        let flats = self.lower_flat(src, &ty, side, val, from);
                        self.store_flats(src, &flats, ptr);
                        return;
                    }
                }
                let path = self.helper_path(from, id, side, Kind::Store);
                line!(src, "{path}({val}, {ptr}, __cx);");
            }
            _ => unreachable!("primitives handled above"),
        }
    }

    /// Writes a pointer/length pair.
    fn store_flats(&mut self, src: &mut Source, flats: &[String], ptr: &str) {
        line!(src, "({ptr}).cast::<i32>().write({});", flats[0]);
        line!(src, "({ptr}).add(4).cast::<i32>().write({});", flats[1]);
    }

    /// An expression loading `ty` from address `ptr`.
    pub(super) fn load(&mut self, ty: &Type, side: Direction, ptr: &str, from: ModuleId) -> String {
        let side = self.alias_side(ty, side);
        let ty = dealias(self.resolve(), *ty);
        if let Some(mem) = prim_mem(&ty) {
            let read = format!("({ptr}).cast::<{mem}>().read()");
            return match ty {
                Type::Bool => format!("{read} != 0"),
                Type::Char => {
                    format!("::core::char::from_u32({read}).expect(\"invalid char from the host\")")
                }
                _ => read,
            };
        }
        let pair = [
            format!("({ptr}).cast::<i32>().read()"),
            format!("({ptr}).add(4).cast::<i32>().read()"),
        ];
        match ty {
            Type::String => self.lift_flat(&ty, side, &pair, from),
            Type::ErrorContext => self.lift_flat(&ty, side, &pair[..1], from),
            Type::Id(id) => {
                if let TypeDefKind::List(e) = &self.resolve().types[id].kind {
                    if is_plain_number(self.resolve(), e) {
                        return self.lift_flat(&ty, side, &pair, from);
                    }
                }
                let path = self.helper_path(from, id, side, Kind::Load);
                format!("{path}({ptr})")
            }
            _ => unreachable!("primitives handled above"),
        }
    }

    /// Layout of one map entry (`tuple<K, V>`) and the offsets of key and value.
    fn pair_layout(&self, k: &Type, v: &Type) -> (crate::gen::abi::Layout, Vec<usize>) {
        let layout = self.plan.abi.record_layout([k, v]);
        let offsets = self.plan.abi.field_offsets([k, v]);
        (layout, offsets)
    }

    /// Emits every requested helper, including those requested by helpers.
    pub(super) fn emit_helpers(&mut self) {
        let mut src = self.source_for(self.abi_module);
        while let Some((n, kind)) = self.helpers.queue.pop_front() {
            let (id, side) = self.helpers.keys[n];
            src.blank();
            self.emit_helper(&mut src, n, id, side, kind);
        }
        let module = self.abi_module;
        self.push(module, src);
    }

    fn emit_helper(&mut self, src: &mut Source, n: usize, id: TypeId, side: Direction, kind: Kind) {
        let from = self.abi_module;
        let ty = Type::Id(id);
        let rust = self.ty(&ty, side, from, Position::Owned);
        let param_ty = match &self.resolve().types[id].kind {
            TypeDefKind::List(e) => format!("[{}]", self.ty(e, side, from, Position::Owned)),
            TypeDefKind::Map(k, v) => format!(
                "[({}, {})]",
                self.ty(k, side, from, Position::Owned),
                self.ty(v, side, from, Position::Owned)
            ),
            _ => rust.clone(),
        };
        let rt = self.rt.clone();
        match kind {
            Kind::Lower => {
                let flat = self.flat(&ty);
                let ret: Vec<&str> = flat.iter().map(|t| core_rust(*t)).collect();
                let head = format!(
                    "pub unsafe fn lower_{n}(v: &{param_ty}, __cx: &mut {rt}::Cleanup) -> {}",
                    tuple(&ret)
                );
                src.block(head, "", |src| {
                    src.block("unsafe", "", |src| self.lower_body(src, id, side));
                });
            }
            Kind::Lift => {
                let flat = self.flat(&ty);
                let params: Vec<String> = flat
                    .iter()
                    .enumerate()
                    .map(|(i, t)| format!("p{i}: {}", core_rust(*t)))
                    .collect();
                let head = format!("pub unsafe fn lift_{n}({}) -> {rust}", params.join(", "));
                src.block(head, "", |src| {
                    src.block("unsafe", "", |src| self.lift_body(src, id, side, &flat));
                });
            }
            Kind::Store => {
                let head = format!(
                    "pub unsafe fn store_{n}(v: &{param_ty}, ptr: *mut u8, __cx: &mut {rt}::Cleanup)"
                );
                src.block(head, "", |src| {
                    src.block("unsafe", "", |src| self.store_body(src, id, side));
                });
            }
            Kind::Load => {
                let head = format!("pub unsafe fn load_{n}(ptr: *mut u8) -> {rust}");
                src.block(head, "", |src| {
                    src.block("unsafe", "", |src| self.load_body(src, id, side));
                });
            }
        }
    }

    /// The cases of a variant-like type.
    fn cases(&self, id: TypeId, side: Direction) -> Option<(Vec<Case>, wit_parser::Int)> {
        let from = self.abi_module;
        let def = &self.resolve().types[id];
        let case = |ctor: String, payload: Option<Type>, unit_payload| Case {
            ctor,
            payload,
            unit_payload,
        };
        Some(match &def.kind {
            TypeDefKind::Option(t) => (
                vec![
                    case("None".into(), None, false),
                    case("Some".into(), Some(*t), false),
                ],
                wit_parser::Int::U8,
            ),
            TypeDefKind::Result(r) => (
                vec![
                    case("Ok".into(), r.ok, r.ok.is_none()),
                    case("Err".into(), r.err, r.err.is_none()),
                ],
                wit_parser::Int::U8,
            ),
            TypeDefKind::Variant(v) => {
                let path = self.type_path(id, side, from);
                (
                    v.cases
                        .iter()
                        .map(|c| case(format!("{path}::{}", rust_camel(&c.name)), c.ty, false))
                        .collect(),
                    v.tag(),
                )
            }
            _ => return None,
        })
    }

    fn lower_body(&mut self, src: &mut Source, id: TypeId, side: Direction) {
        let from = self.abi_module;
        let kind = self.resolve().types[id].kind.clone();
        let ty = Type::Id(id);
        match &kind {
            TypeDefKind::Record(r) => {
                let mut out = Vec::new();
                for f in &r.fields {
                    let val = format!("&v.{}", rust_snake(&f.name));
                    out.extend(self.lower_flat(src, &f.ty, side, &val, from));
                }
                src.line(tuple(&out));
            }
            TypeDefKind::Tuple(t) => {
                let mut out = Vec::new();
                for (i, e) in t.types.iter().enumerate() {
                    out.extend(self.lower_flat(src, e, side, &format!("&v.{i}"), from));
                }
                src.line(tuple(&out));
            }
            TypeDefKind::FixedLengthList(e, n) => {
                let mut out = Vec::new();
                for i in 0..*n {
                    out.extend(self.lower_flat(src, e, side, &format!("&v[{i}]"), from));
                }
                src.line(tuple(&out));
            }
            TypeDefKind::Flags(f) if f.flags.is_empty() => src.line("()"),
            TypeDefKind::Flags(_) => src.line("(v.bits() as i32,)"),
            TypeDefKind::Enum(_) => src.line("(*v as i32,)"),
            TypeDefKind::List(e) => {
                let layout = self.layout(e);
                line!(
                    src,
                    "let base = __cx.alloc(v.len() * {}, {});",
                    layout.size,
                    layout.align
                );
                src.block("for (i, e) in v.iter().enumerate()", "", |src| {
                    let ptr = format!("base.add(i * {})", layout.size);
                    self.store(src, e, side, "e", &ptr, from);
                });
                src.line("(base as i32, v.len() as i32)");
            }
            TypeDefKind::Map(k, val) => {
                // A map is a list of key/value pairs laid out like `tuple<K, V>`.
                let (layout, offsets) = self.pair_layout(k, val);
                line!(
                    src,
                    "let base = __cx.alloc(v.len() * {}, {});",
                    layout.size,
                    layout.align
                );
                src.block("for (i, (key, value)) in v.iter().enumerate()", "", |src| {
                    line!(src, "let at = base.add(i * {});", layout.size);
                    self.store(
                        src,
                        k,
                        side,
                        "key",
                        &format!("at.add({})", offsets[0]),
                        from,
                    );
                    self.store(
                        src,
                        val,
                        side,
                        "value",
                        &format!("at.add({})", offsets[1]),
                        from,
                    );
                });
                src.line("(base as i32, v.len() as i32)");
            }
            // Recorded in `__cx`, so that a future or stream write that does not deliver the
            // value can give the handle back.
            TypeDefKind::Handle(Handle::Own(_))
            | TypeDefKind::Future(_)
            | TypeDefKind::Stream(_) => src.line("(__cx.give_handle(v) as i32,)"),
            TypeDefKind::Handle(Handle::Borrow(r)) => {
                if side == Direction::Import && !self.is_exported_resource(*r, side) {
                    src.line("(v.__handle() as i32,)");
                } else {
                    src.line("unreachable!(\"a borrow is never lowered by an export\")");
                }
            }
            _ => {
                let (cases, _) = self.cases(id, side).expect("variant-like type");
                let joined = self.flat(&ty);
                src.block("match v", "", |src| {
                    for (i, case) in cases.iter().enumerate() {
                        src.block(format!("{} =>", case.pattern("e")), "", |src| {
                            let mut out = vec![format!("{i}i32")];
                            if let Some(p) = &case.payload {
                                let flats = self.lower_flat(src, p, side, "e", from);
                                let types = self.flat(p);
                                for (j, (f, t)) in flats.iter().zip(types).enumerate() {
                                    out.push(join_cast(f, t, joined[j + 1]));
                                }
                            }
                            for t in &joined[out.len()..] {
                                out.push(zero(*t).to_string());
                            }
                            src.line(tuple(&out));
                        });
                    }
                });
            }
        }
    }

    fn lift_body(&mut self, src: &mut Source, id: TypeId, side: Direction, flat: &[CoreTy]) {
        let from = self.abi_module;
        let kind = self.resolve().types[id].kind.clone();
        let rust = self.type_path(id, side, from);
        let params: Vec<String> = (0..flat.len()).map(|i| format!("p{i}")).collect();
        // Splits the flat parameters among parts, in order.
        let split = |types: &[Type], this: &mut Self| -> Vec<String> {
            let mut at = 0;
            let mut out = Vec::new();
            for t in types {
                let n = this.flat(t).len();
                out.push(this.lift_flat(t, side, &params[at..at + n], from));
                at += n;
            }
            out
        };
        match &kind {
            TypeDefKind::Record(r) => {
                let types: Vec<Type> = r.fields.iter().map(|f| f.ty).collect();
                let values = split(&types, self);
                src.block(&rust, "", |src| {
                    for (f, v) in r.fields.iter().zip(values) {
                        line!(src, "{}: {v},", rust_snake(&f.name));
                    }
                });
            }
            TypeDefKind::Tuple(t) => {
                let values = split(&t.types, self);
                src.line(tuple(&values));
            }
            TypeDefKind::FixedLengthList(e, n) => {
                let types = vec![*e; *n as usize];
                let values = split(&types, self);
                line!(src, "[{}]", values.join(", "));
            }
            TypeDefKind::Flags(f) => {
                let repr = flags_repr(f);
                if f.flags.is_empty() {
                    line!(src, "{rust}::from_bits_retain(0)");
                } else {
                    line!(src, "{rust}::from_bits_retain(p0 as {repr})");
                }
            }
            TypeDefKind::Enum(e) => {
                line!(
                    src,
                    "{rust}::from_discriminant(p0 as {}).expect(\"invalid enum discriminant\")",
                    int_rust(e.tag())
                );
            }
            TypeDefKind::Map(k, val) => {
                let (layout, offsets) = self.pair_layout(k, val);
                src.line("let base = p0 as usize as *mut u8;");
                src.line("let len = p1 as usize;");
                line!(
                    src,
                    "let mut out = {}::with_capacity(len);",
                    self.prelude(from, "Vec")
                );
                src.block("for i in 0..len", "", |src| {
                    line!(src, "let at = base.add(i * {});", layout.size);
                    let key = self.load(k, side, &format!("at.add({})", offsets[0]), from);
                    let value = self.load(val, side, &format!("at.add({})", offsets[1]), from);
                    line!(src, "out.push(({key}, {value}));");
                });
                line!(
                    src,
                    "{}::dealloc(base, len * {}, {});",
                    self.rt,
                    layout.size,
                    layout.align
                );
                src.line("out");
            }
            TypeDefKind::List(e) => {
                let layout = self.layout(e);
                src.line("let base = p0 as usize as *mut u8;");
                src.line("let len = p1 as usize;");
                line!(
                    src,
                    "let mut out = {}::with_capacity(len);",
                    self.prelude(from, "Vec")
                );
                src.block("for i in 0..len", "", |src| {
                    let ptr = format!("base.add(i * {})", layout.size);
                    let value = self.load(e, side, &ptr, from);
                    line!(src, "out.push({value});");
                });
                line!(
                    src,
                    "{}::dealloc(base, len * {}, {});",
                    self.rt,
                    layout.size,
                    layout.align
                );
                src.line("out");
            }
            TypeDefKind::Future(_) | TypeDefKind::Stream(_) => {
                let reader = if matches!(kind, TypeDefKind::Stream(_)) {
                    "StreamReader"
                } else {
                    "FutureReader"
                };
                let vtable = self.vtable_name(id, side);
                line!(
                    src,
                    "{}::{reader}::from_handle(p0 as u32, &{vtable})",
                    self.rt
                );
            }
            TypeDefKind::Handle(h) => {
                let (Handle::Own(r) | Handle::Borrow(r)) = h;
                let side = self.alias_side(&Type::Id(*r), side);
                let r = self.dealias_id(*r);
                let path = self.resource_path(r, side, from);
                match h {
                    Handle::Own(_) => line!(src, "{path}::__from_handle(p0 as u32)"),
                    Handle::Borrow(_) if self.is_exported_resource(r, side) => {
                        let (module, _) = self.named_type(r, side).expect("named resource");
                        let borrow = self.resources[&r].borrow.clone();
                        let path = self.tree.path(from, module, &borrow);
                        line!(src, "{path}::__from_rep(p0 as u32)");
                    }
                    // A borrow of an imported resource: a handle of this component's own, which
                    // the value drops (ending the borrow) like an owned one.
                    Handle::Borrow(_) => line!(src, "{path}::__from_handle(p0 as u32)"),
                }
            }
            _ => {
                let (cases, _) = self.cases(id, side).expect("variant-like type");
                let joined = flat.to_vec();
                src.block("match p0", "", |src| {
                    for (i, case) in cases.iter().enumerate() {
                        let value = match &case.payload {
                            Some(p) => {
                                let types = self.flat(p);
                                let vals: Vec<String> = types
                                    .iter()
                                    .enumerate()
                                    .map(|(j, t)| split_cast(&params[j + 1], joined[j + 1], *t))
                                    .collect();
                                let inner = self.lift_flat(p, side, &vals, from);
                                case.construct(&inner)
                            }
                            None => case.construct(""),
                        };
                        line!(src, "{i} => {value},");
                    }
                    src.line("_ => panic!(\"invalid variant discriminant\"),");
                });
            }
        }
    }

    fn store_body(&mut self, src: &mut Source, id: TypeId, side: Direction) {
        let from = self.abi_module;
        let kind = self.resolve().types[id].kind.clone();
        match &kind {
            TypeDefKind::Record(r) => {
                let types: Vec<&Type> = r.fields.iter().map(|f| &f.ty).collect();
                let offsets = self.plan.abi.field_offsets(types.iter().copied());
                for (f, off) in r.fields.iter().zip(offsets) {
                    let val = format!("&v.{}", rust_snake(&f.name));
                    self.store(src, &f.ty, side, &val, &format!("ptr.add({off})"), from);
                }
            }
            TypeDefKind::Tuple(t) => {
                let offsets = self.plan.abi.field_offsets(t.types.iter());
                for (i, (e, off)) in t.types.iter().zip(offsets).enumerate() {
                    self.store(
                        src,
                        e,
                        side,
                        &format!("&v.{i}"),
                        &format!("ptr.add({off})"),
                        from,
                    );
                }
            }
            TypeDefKind::FixedLengthList(e, _) => {
                let size = self.layout(e).size;
                src.block("for (i, e) in v.iter().enumerate()", "", |src| {
                    self.store(src, e, side, "e", &format!("ptr.add(i * {size})"), from);
                });
            }
            TypeDefKind::Flags(f) => {
                let repr = flags_repr(f);
                if !f.flags.is_empty() {
                    line!(src, "ptr.cast::<{repr}>().write(v.bits());");
                }
            }
            TypeDefKind::Enum(e) => {
                line!(
                    src,
                    "ptr.cast::<{0}>().write(*v as {0});",
                    int_rust(e.tag())
                );
            }
            TypeDefKind::List(_)
            | TypeDefKind::Map(..)
            | TypeDefKind::Handle(_)
            | TypeDefKind::Future(_)
            | TypeDefKind::Stream(_) => {
                let flats = self.lower_flat(src, &Type::Id(id), side, "v", from);
                if flats.len() == 2 {
                    self.store_flats(src, &flats, "ptr");
                } else {
                    line!(src, "ptr.cast::<i32>().write({});", flats[0]);
                }
            }
            _ => {
                let (cases, tag) = self.cases(id, side).expect("variant-like type");
                let payload_offset = self
                    .plan
                    .abi
                    .payload_offset(tag, cases.iter().map(|c| c.payload.as_ref()));
                let disc = int_rust(tag);
                src.block("match v", "", |src| {
                    for (i, case) in cases.iter().enumerate() {
                        src.block(format!("{} =>", case.pattern("e")), "", |src| {
                            line!(src, "ptr.cast::<{disc}>().write({i});");
                            if let Some(p) = &case.payload {
                                let at = format!("ptr.add({payload_offset})");
                                self.store(src, p, side, "e", &at, from);
                            }
                        });
                    }
                });
            }
        }
    }

    fn load_body(&mut self, src: &mut Source, id: TypeId, side: Direction) {
        let from = self.abi_module;
        let kind = self.resolve().types[id].kind.clone();
        let rust = self.type_path(id, side, from);
        match &kind {
            TypeDefKind::Record(r) => {
                let types: Vec<&Type> = r.fields.iter().map(|f| &f.ty).collect();
                let offsets = self.plan.abi.field_offsets(types.iter().copied());
                let values: Vec<String> = r
                    .fields
                    .iter()
                    .zip(offsets)
                    .map(|(f, off)| self.load(&f.ty, side, &format!("ptr.add({off})"), from))
                    .collect();
                src.block(&rust, "", |src| {
                    for (f, v) in r.fields.iter().zip(values) {
                        line!(src, "{}: {v},", rust_snake(&f.name));
                    }
                });
            }
            TypeDefKind::Tuple(t) => {
                let offsets = self.plan.abi.field_offsets(t.types.iter());
                let values: Vec<String> = t
                    .types
                    .iter()
                    .zip(offsets)
                    .map(|(e, off)| self.load(e, side, &format!("ptr.add({off})"), from))
                    .collect();
                src.line(tuple(&values));
            }
            TypeDefKind::FixedLengthList(e, _) => {
                let size = self.layout(e).size;
                let value = self.load(e, side, &format!("ptr.add(i * {size})"), from);
                line!(src, "::core::array::from_fn(|i| unsafe {{ {value} }})");
            }
            TypeDefKind::Flags(f) if f.flags.is_empty() => {
                line!(src, "{rust}::from_bits_retain(0)");
            }
            TypeDefKind::Flags(_) | TypeDefKind::Enum(_) => {
                let width = match &kind {
                    TypeDefKind::Flags(f) => flags_repr(f),
                    TypeDefKind::Enum(e) => int_rust(e.tag()),
                    _ => unreachable!(),
                };
                let lift = self.lift_flat(
                    &Type::Id(id),
                    side,
                    &[format!("ptr.cast::<{width}>().read() as i32")],
                    from,
                );
                src.line(lift);
            }
            TypeDefKind::List(_) | TypeDefKind::Map(..) => {
                let pair = [
                    "ptr.cast::<i32>().read()".to_string(),
                    "ptr.add(4).cast::<i32>().read()".to_string(),
                ];
                let lift = self.lift_flat(&Type::Id(id), side, &pair, from);
                src.line(lift);
            }
            TypeDefKind::Handle(_) | TypeDefKind::Future(_) | TypeDefKind::Stream(_) => {
                let lift = self.lift_flat(
                    &Type::Id(id),
                    side,
                    &["ptr.cast::<i32>().read()".to_string()],
                    from,
                );
                src.line(lift);
            }
            _ => {
                let (cases, tag) = self.cases(id, side).expect("variant-like type");
                let payload_offset = self
                    .plan
                    .abi
                    .payload_offset(tag, cases.iter().map(|c| c.payload.as_ref()));
                let disc = int_rust(tag);
                src.block(format!("match ptr.cast::<{disc}>().read()"), "", |src| {
                    for (i, case) in cases.iter().enumerate() {
                        let value = match &case.payload {
                            Some(p) => {
                                let at = format!("ptr.add({payload_offset})");
                                let inner = self.load(p, side, &at, from);
                                case.construct(&inner)
                            }
                            None => case.construct(""),
                        };
                        line!(src, "{i} => {value},");
                    }
                    src.line("_ => panic!(\"invalid variant discriminant\"),");
                });
            }
        }
    }
}
