//! Canonical ABI glue in MoonBit: lowering values to flat core values or into memory, and lifting
//! them back. Every size, alignment, offset and flat type comes from [`crate::gen::abi`]; this
//! module only spells the code.
//!
//! Ownership follows the canonical ABI: buffers a lowering allocates (string and list contents)
//! are pushed onto an `Array[Int]` the caller names (`allocs`) and freed by the caller when the
//! callee is done with them; lifting takes ownership of the buffers it reads and frees them.

use wit_parser::{Handle, Int, Type, TypeDefKind};

use super::MoonBitEmitter;
use crate::gen::abi::{dealias, int_size, is_plain_number, Abi, CoreTy};
use crate::gen::plan::use_side;
use crate::gen::plan::Direction;
use crate::gen::source::{line, Source};

/// Flattening never gives up here: the plan already decided what spills.
const MAX_FLAT: usize = usize::MAX / 2;

/// The export glue's list of borrows to end: lifting a `borrow` of an imported resource pushes
/// a closure dropping its handle, and the glue runs them all once the implementation returned
/// (the canonical ABI traps on borrows still held when the call ends).
pub(super) const LENT: &str = "wb__lent";

pub(super) fn core_ty(ty: CoreTy) -> &'static str {
    match ty {
        CoreTy::I32 => "Int",
        CoreTy::I64 => "Int64",
        CoreTy::F32 => "Float",
        CoreTy::F64 => "Double",
    }
}

/// `addr + offset`, without `+ 0`.
pub(super) fn offset(addr: &str, off: usize) -> String {
    if off == 0 {
        addr.to_string()
    } else {
        format!("({addr} + {off})")
    }
}

/// One case of a variant-like type: how to match it, how to build it, its payload.
struct Case {
    /// Pattern with `{}` where the payload binding goes (or no `{}`).
    pattern: String,
    payload: Option<Type>,
}

/// The out-of-line helpers a named record, variant or enum gets in its home package.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Helper {
    Lower,
    Lift,
    Store,
    Load,
}

impl Helper {
    fn prefix(self) -> &'static str {
        match self {
            Helper::Lower => "wb__lower_",
            Helper::Lift => "wb__lift_",
            Helper::Store => "wb__store_",
            Helper::Load => "wb__load_",
        }
    }
}

/// A helper to write: the type, the side its package was written for, its package and name.
pub(super) struct HelperRequest {
    id: wit_parser::TypeId,
    side: Direction,
    pkg: usize,
    name: String,
    kind: Helper,
}

impl MoonBitEmitter<'_, '_> {
    /// For a number type MoonBit's arrays hold as the canonical ABI lays it out (every plain
    /// number but `s8`, which MoonBit widens to `Int`): its size. Lists and streams of these
    /// cross the boundary as one block copy instead of a conversion per element.
    pub(super) fn plain_size(&self, ty: &Type) -> Option<usize> {
        let plain = is_plain_number(self.resolve(), ty) && dealias(self.resolve(), *ty) != Type::S8;
        plain.then(|| self.plan.abi.layout(ty).size)
    }

    /// The function to call for `kind` of `ty` (already dealiased) from package `pkg`, when `ty`
    /// is a named record, variant or enum: one helper per type and kind, so that code size grows
    /// with the number of types, not with how often and how deeply they are used.
    fn helper(&mut self, pkg: usize, ty: &Type, side: Direction, kind: Helper) -> Option<String> {
        let Type::Id(id) = ty else { return None };
        let def = &self.resolve().types[*id];
        def.name.as_ref()?;
        if !matches!(
            def.kind,
            TypeDefKind::Record(_) | TypeDefKind::Variant(_) | TypeDefKind::Enum(_)
        ) {
            return None;
        }
        // Lifts that log borrows to end need the glue's `LENT` in scope: inline.
        if matches!(kind, Helper::Lift | Helper::Load) && self.plan.holds_lent_borrow(ty) {
            return None;
        }
        let home = self.plan.type_home(*id, side);
        let (home_pkg, name) = self.type_names.get(&(*id, home))?.clone();
        // Helpers spell types as the package's own definitions do.
        let home_side = match home {
            crate::gen::plan::TypeHome::Interface(_, d) => d,
            _ => Direction::Import,
        };
        if self.helpers_requested.insert((*id, home, kind)) {
            self.helper_queue.push(HelperRequest {
                id: *id,
                side: home_side,
                pkg: home_pkg,
                name: name.clone(),
                kind,
            });
        }
        let qualifier = self
            .qualifier(pkg, home_pkg)
            .map(|q| format!("{q}."))
            .unwrap_or_default();
        Some(format!("{qualifier}{}{name}", kind.prefix()))
    }

    /// Writes every requested helper (helpers request the helpers of their parts).
    pub(super) fn emit_helpers(&mut self) {
        while let Some(req) = self.helper_queue.pop() {
            let HelperRequest {
                id,
                side,
                pkg,
                name,
                kind,
            } = req;
            let ty = Type::Id(id);
            let f = format!("{}{name}", kind.prefix());
            let mut src = Source::new();
            match kind {
                Helper::Lower => {
                    let flat = self.flat(&ty);
                    let ret: Vec<&str> = flat.iter().map(|t| core_ty(*t)).collect();
                    let ret = if ret.len() == 1 {
                        ret[0].to_string()
                    } else {
                        format!("({})", ret.join(", "))
                    };
                    let head = format!("pub fn {f}(v : {name}, allocs : Array[Int]) -> {ret}");
                    src.block(head, "", |src| {
                        let ops = self.lower_id(src, pkg, side, &ty, id, "v", "allocs");
                        if ops.len() == 1 {
                            line!(src, "{}", ops[0]);
                        } else {
                            line!(src, "({})", ops.join(", "));
                        }
                    });
                }
                Helper::Lift => {
                    let flat = self.flat(&ty);
                    let params: Vec<String> = flat
                        .iter()
                        .enumerate()
                        .map(|(i, t)| format!("p{i} : {}", core_ty(*t)))
                        .collect();
                    let ops: Vec<String> = (0..flat.len()).map(|i| format!("p{i}")).collect();
                    let head = format!("pub fn {f}({}) -> {name}", params.join(", "));
                    src.block(head, "", |src| {
                        let v = self.lift_id(src, pkg, side, &ty, id, &ops);
                        line!(src, "{v}");
                    });
                }
                Helper::Store => {
                    let head =
                        format!("pub fn {f}(v : {name}, addr : Int, allocs : Array[Int]) -> Unit");
                    src.block(head, "", |src| {
                        self.store_id(src, pkg, side, &ty, id, "v", "addr", "allocs");
                    });
                }
                Helper::Load => {
                    let head = format!("pub fn {f}(addr : Int) -> {name}");
                    src.block(head, "", |src| {
                        let v = self.load_id(src, pkg, side, &ty, id, "addr");
                        line!(src, "{v}");
                    });
                }
            }
            let text = src.finish();
            let body = &mut self.packages[pkg].body;
            if !body.is_empty() {
                body.push('\n');
            }
            body.push_str(&text);
        }
    }

    fn flat(&self, ty: &Type) -> Vec<CoreTy> {
        Abi::flat(self.resolve(), ty, MAX_FLAT).expect("flattening without a limit")
    }

    fn zero(&mut self, pkg: usize, ty: CoreTy) -> String {
        match ty {
            CoreTy::I32 => "0".into(),
            CoreTy::I64 => "0L".into(),
            CoreTy::F32 => format!("{}.i32_to_f32(0)", self.ffi(pkg)),
            CoreTy::F64 => "0.0".into(),
        }
    }

    /// Widens a case's flat value to the variant's joined flat type.
    fn join(&mut self, pkg: usize, value: &str, from: CoreTy, to: CoreTy) -> String {
        let ffi = self.ffi(pkg);
        match (from, to) {
            (a, b) if a == b => value.to_string(),
            (CoreTy::I32, CoreTy::I64) => format!("{ffi}.i32_to_i64({value})"),
            (CoreTy::F32, CoreTy::I32) => format!("{ffi}.f32_to_i32({value})"),
            (CoreTy::F32, CoreTy::I64) => format!("{ffi}.f32_to_i64({value})"),
            (CoreTy::F64, CoreTy::I64) => format!("{ffi}.f64_to_i64({value})"),
            (from, to) => unreachable!("no join from {from:?} to {to:?}"),
        }
    }

    /// Narrows a joined flat value back to a case's flat type.
    fn split(&mut self, pkg: usize, value: &str, joined: CoreTy, to: CoreTy) -> String {
        let ffi = self.ffi(pkg);
        match (joined, to) {
            (a, b) if a == b => value.to_string(),
            (CoreTy::I64, CoreTy::I32) => format!("{ffi}.i64_to_i32({value})"),
            (CoreTy::I32, CoreTy::F32) => format!("{ffi}.i32_to_f32({value})"),
            (CoreTy::I64, CoreTy::F32) => format!("{ffi}.i64_to_f32({value})"),
            (CoreTy::I64, CoreTy::F64) => format!("{ffi}.i64_to_f64({value})"),
            (from, to) => unreachable!("no split from {from:?} to {to:?}"),
        }
    }

    /// Binds `value` to a fresh name unless it already is a plain name.
    fn bind(&mut self, src: &mut Source, value: &str) -> String {
        if value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return value.to_string();
        }
        let name = self.fresh("v");
        line!(src, "let {name} = {value}");
        name
    }

    /// The cases of a variant-like type (variant, enum, option, result) and its tag width.
    fn cases(&mut self, pkg: usize, ty: &Type, side: Direction) -> Option<(Vec<Case>, Int)> {
        let Type::Id(id) = dealias(self.resolve(), *ty) else {
            return None;
        };
        let resolve = self.resolve();
        match &resolve.types[id].kind {
            TypeDefKind::Variant(v) => {
                let name = self.named(pkg, id, side);
                let members = self.member_names[&id].clone();
                let cases = v
                    .cases
                    .iter()
                    .zip(members)
                    .map(|(c, m)| Case {
                        pattern: if c.ty.is_some() {
                            format!("{name}::{m}({{}})")
                        } else {
                            format!("{name}::{m}")
                        },
                        payload: c.ty,
                    })
                    .collect();
                Some((cases, v.tag()))
            }
            TypeDefKind::Enum(e) => {
                let name = self.named(pkg, id, side);
                let members = self.member_names[&id].clone();
                let cases = members
                    .into_iter()
                    .map(|m| Case {
                        pattern: format!("{name}::{m}"),
                        payload: None,
                    })
                    .collect();
                Some((cases, e.tag()))
            }
            TypeDefKind::Option(t) => Some((
                vec![
                    Case {
                        pattern: "None".into(),
                        payload: None,
                    },
                    Case {
                        pattern: "Some({})".into(),
                        payload: Some(*t),
                    },
                ],
                Int::U8,
            )),
            TypeDefKind::Result(r) => {
                let case = |ctor: &str, t: Option<Type>| Case {
                    pattern: if t.is_some() {
                        format!("{ctor}({{}})")
                    } else {
                        format!("{ctor}(_)")
                    },
                    payload: t,
                };
                Some((vec![case("Ok", r.ok), case("Err", r.err)], Int::U8))
            }
            _ => None,
        }
    }

    /// The layout of a map entry (laid out like `tuple<K, V>`) and the offsets of key and value.
    fn entry_layout(&self, key: &Type, val: &Type) -> (crate::gen::abi::Layout, Vec<usize>) {
        let abi = &self.plan.abi;
        (abi.record_layout([key, val]), abi.field_offsets([key, val]))
    }

    /// A `FixedArray` of type `ty` from element names.
    fn fixed_array(
        &mut self,
        src: &mut Source,
        pkg: usize,
        side: Direction,
        ty: &Type,
        parts: &[String],
    ) -> String {
        let spelled = self.ty(pkg, ty, side);
        let name = self.fresh("fixed");
        line!(src, "let {name} : {spelled} = [{}]", parts.join(", "));
        name
    }

    /// Builds a case's value: the pattern with the payload expression in place.
    fn construct(pattern: &str, payload: Option<&str>) -> String {
        match payload {
            Some(p) => pattern.replace("{}", p),
            None => pattern.replace("(_)", "(())"),
        }
    }

    /// Lowers `value` of type `ty` to flat core values (expressions to be evaluated once each).
    pub(super) fn lower(
        &mut self,
        src: &mut Source,
        pkg: usize,
        side: Direction,
        ty: &Type,
        value: &str,
        allocs: &str,
    ) -> Vec<String> {
        let side = use_side(self.resolve(), ty, side);
        let ty = dealias(self.resolve(), *ty);
        match ty {
            Type::Bool => vec![format!("(if {value} {{ 1 }} else {{ 0 }})")],
            Type::U8 | Type::U16 | Type::S16 | Type::Char => vec![format!("{value}.to_int()")],
            Type::U32 => vec![format!("{value}.reinterpret_as_int()")],
            Type::U64 => vec![format!("{value}.reinterpret_as_int64()")],
            Type::S8 | Type::S32 | Type::S64 | Type::F32 | Type::F64 => vec![value.to_string()],
            // The handle moves to the receiver.
            Type::ErrorContext => vec![format!("{value}.take_handle()")],
            Type::String => {
                let v = self.bind(src, value);
                let ptr = self.fresh("ptr");
                let ffi = self.ffi(pkg);
                line!(src, "let {ptr} = {ffi}.lower_string({v})");
                line!(src, "{allocs}.push({ptr})");
                vec![ptr, format!("{v}.length()")]
            }
            Type::Id(id) => {
                if let Some(f) = self.helper(pkg, &ty, side, Helper::Lower) {
                    let n = self.flat(&ty).len();
                    if n == 1 {
                        return vec![format!("{f}({value}, {allocs})")];
                    }
                    let outs: Vec<String> = (0..n).map(|_| self.fresh("f")).collect();
                    line!(src, "let ({}) = {f}({value}, {allocs})", outs.join(", "));
                    return outs;
                }
                self.lower_id(src, pkg, side, &ty, id, value, allocs)
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn lower_id(
        &mut self,
        src: &mut Source,
        pkg: usize,
        side: Direction,
        ty: &Type,
        id: wit_parser::TypeId,
        value: &str,
        allocs: &str,
    ) -> Vec<String> {
        let resolve = self.resolve();
        match &resolve.types[id].kind {
            TypeDefKind::Record(r) => {
                let v = self.bind(src, value);
                let members = self.member_names[&id].clone();
                let mut out = Vec::new();
                for (f, m) in r.fields.iter().zip(members) {
                    out.extend(self.lower(src, pkg, side, &f.ty, &format!("{v}.{m}"), allocs));
                }
                out
            }
            TypeDefKind::Tuple(t) if t.types.len() == 1 => {
                self.lower(src, pkg, side, &t.types[0], value, allocs)
            }
            TypeDefKind::Tuple(t) => {
                let v = self.bind(src, value);
                let mut out = Vec::new();
                for (i, t) in t.types.iter().enumerate() {
                    out.extend(self.lower(src, pkg, side, t, &format!("{v}.{i}"), allocs));
                }
                out
            }
            TypeDefKind::Handle(Handle::Borrow(r)) if self.borrow_is_rep(*r, side) => {
                vec![value.to_string()]
            }
            TypeDefKind::Handle(_) => vec![format!("{value}.handle")],
            // The readable end moves to the callee.
            TypeDefKind::Future(_) | TypeDefKind::Stream(_) => {
                vec![format!("{value}.take_handle()")]
            }
            TypeDefKind::Flags(_) => vec![format!("{value}.bits.reinterpret_as_int()")],
            TypeDefKind::FixedLengthList(elem, n) => {
                let v = self.bind(src, value);
                let mut out = Vec::new();
                for i in 0..*n {
                    out.extend(self.lower(src, pkg, side, elem, &format!("{v}[{i}]"), allocs));
                }
                out
            }
            TypeDefKind::List(elem) if self.plain_size(elem).is_some() => {
                let size = self.plain_size(elem).unwrap_or_default();
                let v = self.bind(src, value);
                let (base, ffi) = (self.fresh("base"), self.ffi(pkg));
                line!(src, "let {base} = {ffi}.lower_plain({v}, {size})");
                line!(src, "{allocs}.push({base})");
                vec![base, format!("{v}.length()")]
            }
            TypeDefKind::List(elem) => {
                let v = self.bind(src, value);
                let layout = self.plan.abi.layout(elem);
                let base = self.fresh("base");
                let i = self.fresh("i");
                let ffi = self.ffi(pkg);
                line!(
                    src,
                    "let {base} = {ffi}.malloc({v}.length() * {})",
                    layout.size
                );
                line!(src, "{allocs}.push({base})");
                src.block(
                    format!("for {i} = 0; {i} < {v}.length(); {i} = {i} + 1"),
                    "",
                    |src| {
                        let addr = format!("({base} + {i} * {})", layout.size);
                        self.store(src, pkg, side, elem, &format!("{v}[{i}]"), &addr, allocs);
                    },
                );
                vec![base, format!("{v}.length()")]
            }
            TypeDefKind::Map(key, val) => {
                // A list of (key, value) entries laid out like `tuple<K, V>`.
                let (key, val) = (*key, *val);
                let v = self.bind(src, value);
                let (layout, offsets) = self.entry_layout(&key, &val);
                let (base, i, at) = (self.fresh("base"), self.fresh("i"), self.fresh("at"));
                let ffi = self.ffi(pkg);
                line!(
                    src,
                    "let {base} = {ffi}.malloc({v}.length() * {})",
                    layout.size
                );
                line!(src, "{allocs}.push({base})");
                src.block(
                    format!("for {i} = 0; {i} < {v}.length(); {i} = {i} + 1"),
                    "",
                    |src| {
                        line!(src, "let {at} = {base} + {i} * {}", layout.size);
                        let (k, x) = (format!("{v}[{i}].0"), format!("{v}[{i}].1"));
                        self.store(src, pkg, side, &key, &k, &offset(&at, offsets[0]), allocs);
                        self.store(src, pkg, side, &val, &x, &offset(&at, offsets[1]), allocs);
                    },
                );
                vec![base, format!("{v}.length()")]
            }
            _ => {
                let Some((cases, _)) = self.cases(pkg, ty, side) else {
                    unreachable!("unsupported types are rejected before emission")
                };
                let joined = self.flat(ty);
                if joined.len() == 1 {
                    // An enum (or variant without payloads): the tag alone.
                    let v = self.fresh("tag");
                    src.block(format!("let {v} = match {value}"), "", |src| {
                        for (n, c) in cases.iter().enumerate() {
                            line!(src, "{} => {n}", c.pattern.replace("({})", "(_)"));
                        }
                    });
                    return vec![v];
                }
                let outs: Vec<String> = joined.iter().map(|_| self.fresh("f")).collect();
                src.block(
                    format!("let ({}) = match {value}", outs.join(", ")),
                    "",
                    |src| {
                        for (n, c) in cases.iter().enumerate() {
                            let binding = self.fresh("p");
                            let pattern = c.pattern.replace("{}", &binding);
                            src.block(format!("{pattern} =>"), "", |src| {
                                let mut vals = vec![n.to_string()];
                                if let Some(p) = &c.payload {
                                    let flat = self.flat(p);
                                    let ops = self.lower(src, pkg, side, p, &binding, allocs);
                                    for (k, op) in ops.iter().enumerate() {
                                        vals.push(self.join(pkg, op, flat[k], joined[k + 1]));
                                    }
                                }
                                for j in &joined[vals.len()..] {
                                    vals.push(self.zero(pkg, *j));
                                }
                                line!(src, "({})", vals.join(", "));
                            });
                        }
                    },
                );
                outs
            }
        }
    }

    /// Lifts flat core values `ops` to a value of `ty`; returns an expression.
    pub(super) fn lift(
        &mut self,
        src: &mut Source,
        pkg: usize,
        side: Direction,
        ty: &Type,
        ops: &[String],
    ) -> String {
        let side = use_side(self.resolve(), ty, side);
        let ty = dealias(self.resolve(), *ty);
        let op = ops.first().cloned().unwrap_or_default();
        match ty {
            Type::Bool => format!("({op} != 0)"),
            Type::U8 => format!("{op}.to_byte()"),
            Type::S8 => format!("{}.extend8({op})", self.ffi(pkg)),
            Type::U16 => format!("({op} & 0xFFFF).to_uint16()"),
            Type::S16 => format!("Int16::from_int({}.extend16({op}))", self.ffi(pkg)),
            Type::U32 => format!("{op}.reinterpret_as_uint()"),
            Type::U64 => format!("{op}.reinterpret_as_uint64()"),
            Type::Char => format!("{op}.unsafe_to_char()"),
            Type::S32 | Type::S64 | Type::F32 | Type::F64 => op,
            Type::ErrorContext => format!("{}.ErrorContext::from_handle({op})", self.rt(pkg)),
            Type::String => {
                let s = self.fresh("s");
                let ffi = self.ffi(pkg);
                line!(src, "let {s} = {ffi}.lift_string({op}, {})", ops[1]);
                line!(src, "{ffi}.free({op})");
                s
            }
            Type::Id(id) => match self.helper(pkg, &ty, side, Helper::Lift) {
                Some(f) => format!("{f}({})", ops.join(", ")),
                None => self.lift_id(src, pkg, side, &ty, id, ops),
            },
        }
    }

    fn lift_id(
        &mut self,
        src: &mut Source,
        pkg: usize,
        side: Direction,
        ty: &Type,
        id: wit_parser::TypeId,
        ops: &[String],
    ) -> String {
        let resolve = self.resolve();
        match &resolve.types[id].kind {
            TypeDefKind::Record(r) => {
                let members = self.member_names[&id].clone();
                let mut fields = Vec::new();
                let mut k = 0;
                for (f, m) in r.fields.iter().zip(members) {
                    let n = self.flat(&f.ty).len();
                    let v = self.lift(src, pkg, side, &f.ty, &ops[k..k + n]);
                    let name = self.fresh("x");
                    line!(src, "let {name} = {v}");
                    fields.push(format!("{m}: {name}"));
                    k += n;
                }
                let name = self.named(pkg, id, side);
                format!("{name}::{{ {} }}", fields.join(", "))
            }
            TypeDefKind::Tuple(t) if t.types.len() == 1 => {
                self.lift(src, pkg, side, &t.types[0], ops)
            }
            TypeDefKind::Handle(Handle::Borrow(r)) if self.borrow_is_rep(*r, side) => {
                ops[0].clone()
            }
            TypeDefKind::Handle(Handle::Borrow(r)) => {
                // A borrow of an imported resource, received by an export: a handle of this
                // component's, ended (dropped) by the export glue once the call is done.
                let side = use_side(self.resolve(), &Type::Id(*r), side);
                let r = self.resource_of(*r);
                let name = self.named(pkg, r, side);
                let lent = self.fresh("lent");
                line!(src, "let {lent} = {name}::{{ handle: {} }}", ops[0]);
                line!(src, "{LENT}.push(fn() {{ {lent}.drop() }})");
                lent
            }
            TypeDefKind::Handle(Handle::Own(r)) => {
                let side = use_side(self.resolve(), &Type::Id(*r), side);
                let r = self.resource_of(*r);
                let name = self.named(pkg, r, side);
                format!("{name}::{{ handle: {} }}", ops[0])
            }
            TypeDefKind::Future(_) | TypeDefKind::Stream(_) => {
                let vtable = self.vtable(pkg, id, side);
                let rt = self.rt(pkg);
                let kind = match resolve.types[id].kind {
                    TypeDefKind::Future(_) => "Future",
                    _ => "Stream",
                };
                format!("{rt}.{kind}Reader::from_handle({}, {vtable})", ops[0])
            }
            TypeDefKind::Tuple(t) => {
                let mut parts = Vec::new();
                let mut k = 0;
                for t in &t.types {
                    let n = self.flat(t).len();
                    let v = self.lift(src, pkg, side, t, &ops[k..k + n]);
                    let name = self.fresh("x");
                    line!(src, "let {name} = {v}");
                    parts.push(name);
                    k += n;
                }
                format!("({})", parts.join(", "))
            }
            TypeDefKind::Flags(_) => {
                let name = self.named(pkg, id, side);
                format!("{name}::{{ bits: {}.reinterpret_as_uint() }}", ops[0])
            }
            TypeDefKind::FixedLengthList(elem, n) => {
                let per = self.flat(elem).len();
                let mut parts = Vec::new();
                for i in 0..*n as usize {
                    let v = self.lift(src, pkg, side, elem, &ops[i * per..(i + 1) * per]);
                    let name = self.fresh("x");
                    line!(src, "let {name} = {v}");
                    parts.push(name);
                }
                self.fixed_array(src, pkg, side, ty, &parts)
            }
            TypeDefKind::List(elem) if self.plain_size(elem).is_some() => {
                let size = self.plain_size(elem).unwrap_or_default();
                let elem_ty = self.ty(pkg, elem, side);
                let (base, arr, ffi) = (self.fresh("base"), self.fresh("arr"), self.ffi(pkg));
                line!(src, "let {base} = {}", ops[0]);
                line!(
                    src,
                    "let {arr} : Array[{elem_ty}] = {ffi}.lift_plain({base}, {}, {size})",
                    ops[1]
                );
                line!(src, "{ffi}.free({base})");
                arr
            }
            TypeDefKind::List(elem) => {
                let layout = self.plan.abi.layout(elem);
                let elem_ty = self.ty(pkg, elem, side);
                let (base, len, arr, i) = (
                    self.fresh("base"),
                    self.fresh("len"),
                    self.fresh("arr"),
                    self.fresh("i"),
                );
                line!(src, "let {base} = {}", ops[0]);
                line!(src, "let {len} = {}", ops[1]);
                line!(
                    src,
                    "let {arr} : Array[{elem_ty}] = Array::new(capacity={len})"
                );
                src.block(
                    format!("for {i} = 0; {i} < {len}; {i} = {i} + 1"),
                    "",
                    |src| {
                        let addr = format!("({base} + {i} * {})", layout.size);
                        let v = self.load(src, pkg, side, elem, &addr);
                        line!(src, "{arr}.push({v})");
                    },
                );
                let ffi = self.ffi(pkg);
                line!(src, "{ffi}.free({base})");
                arr
            }
            TypeDefKind::Map(key, val) => {
                let (key, val) = (*key, *val);
                let (layout, offsets) = self.entry_layout(&key, &val);
                let entry_ty = format!(
                    "({}, {})",
                    self.ty(pkg, &key, side),
                    self.ty(pkg, &val, side)
                );
                let (base, len, arr, i, at) = (
                    self.fresh("base"),
                    self.fresh("len"),
                    self.fresh("arr"),
                    self.fresh("i"),
                    self.fresh("at"),
                );
                line!(src, "let {base} = {}", ops[0]);
                line!(src, "let {len} = {}", ops[1]);
                line!(
                    src,
                    "let {arr} : Array[{entry_ty}] = Array::new(capacity={len})"
                );
                src.block(
                    format!("for {i} = 0; {i} < {len}; {i} = {i} + 1"),
                    "",
                    |src| {
                        line!(src, "let {at} = {base} + {i} * {}", layout.size);
                        let k = self.load(src, pkg, side, &key, &offset(&at, offsets[0]));
                        let kn = self.fresh("k");
                        line!(src, "let {kn} = {k}");
                        let x = self.load(src, pkg, side, &val, &offset(&at, offsets[1]));
                        let xn = self.fresh("x");
                        line!(src, "let {xn} = {x}");
                        line!(src, "{arr}.push(({kn}, {xn}))");
                    },
                );
                let ffi = self.ffi(pkg);
                line!(src, "{ffi}.free({base})");
                arr
            }
            _ => {
                let Some((cases, _)) = self.cases(pkg, ty, side) else {
                    unreachable!("unsupported types are rejected before emission")
                };
                let joined = self.flat(ty);
                let spelled = self.ty(pkg, ty, side);
                let out = self.fresh("r");
                src.block(
                    format!("let {out} : {spelled} = match {}", ops[0]),
                    "",
                    |src| {
                        for (n, c) in cases.iter().enumerate() {
                            src.block(format!("{n} =>"), "", |src| {
                                let payload = c.payload.map(|p| {
                                    let flat = self.flat(&p);
                                    let args: Vec<String> = flat
                                        .iter()
                                        .enumerate()
                                        .map(|(k, t)| {
                                            self.split(pkg, &ops[k + 1], joined[k + 1], *t)
                                        })
                                        .collect();
                                    self.lift(src, pkg, side, &p, &args)
                                });
                                line!(src, "{}", Self::construct(&c.pattern, payload.as_deref()));
                            });
                        }
                        line!(src, "_ => panic()");
                    },
                );
                out
            }
        }
    }

    /// Stores `value` of type `ty` at address `addr`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn store(
        &mut self,
        src: &mut Source,
        pkg: usize,
        side: Direction,
        ty: &Type,
        value: &str,
        addr: &str,
        allocs: &str,
    ) {
        let side = use_side(self.resolve(), ty, side);
        let ty = dealias(self.resolve(), *ty);
        let ffi = self.ffi(pkg);
        let prim = match ty {
            Type::Bool | Type::U8 | Type::S8 => Some("store8"),
            Type::U16 | Type::S16 => Some("store16"),
            Type::U32 | Type::S32 | Type::Char | Type::ErrorContext => Some("store32"),
            Type::U64 | Type::S64 => Some("store64"),
            Type::F32 => Some("storef32"),
            Type::F64 => Some("storef64"),
            _ => None,
        };
        if let Some(f) = prim {
            let op = self.lower(src, pkg, side, &ty, value, allocs).remove(0);
            line!(src, "{ffi}.{f}({addr}, {op})");
            return;
        }
        let id = match ty {
            Type::String => {
                let ops = self.lower(src, pkg, side, &ty, value, allocs);
                line!(src, "{ffi}.store32({addr}, {})", ops[0]);
                line!(src, "{ffi}.store32({}, {})", offset(addr, 4), ops[1]);
                return;
            }
            Type::Id(id) => id,
            _ => unreachable!(),
        };
        if let Some(f) = self.helper(pkg, &ty, side, Helper::Store) {
            line!(src, "{f}({value}, {addr}, {allocs})");
            return;
        }
        self.store_id(src, pkg, side, &ty, id, value, addr, allocs);
    }

    /// [`Self::store`] of a type definition, inline.
    #[allow(clippy::too_many_arguments)]
    fn store_id(
        &mut self,
        src: &mut Source,
        pkg: usize,
        side: Direction,
        ty: &Type,
        id: wit_parser::TypeId,
        value: &str,
        addr: &str,
        allocs: &str,
    ) {
        let ty = *ty;
        let ffi = self.ffi(pkg);
        let resolve = self.resolve();
        let abi = &self.plan.abi;
        match &resolve.types[id].kind {
            TypeDefKind::Record(r) => {
                let v = self.bind(src, value);
                let offsets = abi.field_offsets(r.fields.iter().map(|f| &f.ty));
                let members = self.member_names[&id].clone();
                for ((f, m), off) in r.fields.iter().zip(members).zip(offsets) {
                    let a = offset(addr, off);
                    self.store(src, pkg, side, &f.ty, &format!("{v}.{m}"), &a, allocs);
                }
            }
            TypeDefKind::Tuple(t) if t.types.len() == 1 => {
                self.store(src, pkg, side, &t.types[0], value, addr, allocs);
            }
            TypeDefKind::Handle(_) | TypeDefKind::Future(_) | TypeDefKind::Stream(_) => {
                let op = self.lower(src, pkg, side, &ty, value, allocs).remove(0);
                line!(src, "{ffi}.store32({addr}, {op})");
            }
            TypeDefKind::Tuple(t) => {
                let v = self.bind(src, value);
                let offsets = abi.field_offsets(t.types.iter());
                for (i, (t, off)) in t.types.iter().zip(offsets).enumerate() {
                    let a = offset(addr, off);
                    self.store(src, pkg, side, t, &format!("{v}.{i}"), &a, allocs);
                }
            }
            TypeDefKind::Flags(_) => {
                let f = match abi.layout(&ty).size {
                    1 => "store8",
                    2 => "store16",
                    _ => "store32",
                };
                line!(src, "{ffi}.{f}({addr}, {value}.bits.reinterpret_as_int())");
            }
            TypeDefKind::List(_) | TypeDefKind::Map(..) => {
                let ops = self.lower(src, pkg, side, &ty, value, allocs);
                line!(src, "{ffi}.store32({addr}, {})", ops[0]);
                line!(src, "{ffi}.store32({}, {})", offset(addr, 4), ops[1]);
            }
            TypeDefKind::FixedLengthList(elem, n) => {
                let v = self.bind(src, value);
                let size = abi.layout(elem).size;
                for i in 0..*n as usize {
                    let a = offset(addr, i * size);
                    self.store(src, pkg, side, elem, &format!("{v}[{i}]"), &a, allocs);
                }
            }
            _ => {
                let Some((cases, tag)) = self.cases(pkg, &ty, side) else {
                    unreachable!("unsupported types are rejected before emission")
                };
                let payload_off = abi.payload_offset(tag, cases.iter().map(|c| c.payload.as_ref()));
                let store_tag = match int_size(tag) {
                    1 => "store8",
                    2 => "store16",
                    _ => "store32",
                };
                src.block(format!("match {value}"), "", |src| {
                    for (n, c) in cases.iter().enumerate() {
                        let binding = self.fresh("p");
                        let pattern = c.pattern.replace("{}", &binding);
                        src.block(format!("{pattern} =>"), "", |src| {
                            line!(src, "{ffi}.{store_tag}({addr}, {n})");
                            if let Some(p) = &c.payload {
                                let a = offset(addr, payload_off);
                                self.store(src, pkg, side, p, &binding, &a, allocs);
                            }
                        });
                    }
                });
            }
        }
    }

    /// Loads a value of type `ty` from address `addr` (taking ownership of what it points to).
    pub(super) fn load(
        &mut self,
        src: &mut Source,
        pkg: usize,
        side: Direction,
        ty: &Type,
        addr: &str,
    ) -> String {
        let side = use_side(self.resolve(), ty, side);
        let ty = dealias(self.resolve(), *ty);
        let ffi = self.ffi(pkg);
        let prim = match ty {
            Type::Bool | Type::U8 | Type::S8 => Some("load8_u"),
            Type::U16 | Type::S16 => Some("load16_u"),
            Type::U32 | Type::S32 | Type::Char | Type::ErrorContext => Some("load32"),
            Type::U64 | Type::S64 => Some("load64"),
            Type::F32 => Some("loadf32"),
            Type::F64 => Some("loadf64"),
            _ => None,
        };
        if let Some(f) = prim {
            return self.lift(src, pkg, side, &ty, &[format!("{ffi}.{f}({addr})")]);
        }
        let two_words = |src: &mut Source, this: &mut Self| {
            let (p, l) = (this.fresh("ptr"), this.fresh("len"));
            line!(src, "let {p} = {ffi}.load32({addr})");
            line!(src, "let {l} = {ffi}.load32({})", offset(addr, 4));
            vec![p, l]
        };
        let id = match ty {
            Type::String => {
                let ops = two_words(src, self);
                return self.lift(src, pkg, side, &ty, &ops);
            }
            Type::Id(id) => id,
            _ => unreachable!(),
        };
        match self.helper(pkg, &ty, side, Helper::Load) {
            Some(f) => format!("{f}({addr})"),
            None => self.load_id(src, pkg, side, &ty, id, addr),
        }
    }

    /// [`Self::load`] of a type definition, inline.
    fn load_id(
        &mut self,
        src: &mut Source,
        pkg: usize,
        side: Direction,
        ty: &Type,
        id: wit_parser::TypeId,
        addr: &str,
    ) -> String {
        let ty = *ty;
        let ffi = self.ffi(pkg);
        let two_words = |src: &mut Source, this: &mut Self| {
            let (p, l) = (this.fresh("ptr"), this.fresh("len"));
            line!(src, "let {p} = {ffi}.load32({addr})");
            line!(src, "let {l} = {ffi}.load32({})", offset(addr, 4));
            vec![p, l]
        };
        let resolve = self.resolve();
        let abi = &self.plan.abi;
        match &resolve.types[id].kind {
            TypeDefKind::Record(r) => {
                let offsets = abi.field_offsets(r.fields.iter().map(|f| &f.ty));
                let members = self.member_names[&id].clone();
                let mut fields = Vec::new();
                for ((f, m), off) in r.fields.iter().zip(members).zip(offsets) {
                    let v = self.load(src, pkg, side, &f.ty, &offset(addr, off));
                    let name = self.fresh("x");
                    line!(src, "let {name} = {v}");
                    fields.push(format!("{m}: {name}"));
                }
                let name = self.named(pkg, id, side);
                format!("{name}::{{ {} }}", fields.join(", "))
            }
            TypeDefKind::Tuple(t) if t.types.len() == 1 => {
                self.load(src, pkg, side, &t.types[0], addr)
            }
            TypeDefKind::Handle(_) | TypeDefKind::Future(_) | TypeDefKind::Stream(_) => {
                self.lift(src, pkg, side, &ty, &[format!("{ffi}.load32({addr})")])
            }
            TypeDefKind::Tuple(t) => {
                let offsets = abi.field_offsets(t.types.iter());
                let mut parts = Vec::new();
                for (t, off) in t.types.iter().zip(offsets) {
                    let v = self.load(src, pkg, side, t, &offset(addr, off));
                    let name = self.fresh("x");
                    line!(src, "let {name} = {v}");
                    parts.push(name);
                }
                format!("({})", parts.join(", "))
            }
            TypeDefKind::Flags(_) => {
                let f = match abi.layout(&ty).size {
                    1 => "load8_u",
                    2 => "load16_u",
                    _ => "load32",
                };
                let name = self.named(pkg, id, side);
                format!("{name}::{{ bits: {ffi}.{f}({addr}).reinterpret_as_uint() }}")
            }
            TypeDefKind::List(_) | TypeDefKind::Map(..) => {
                let ops = two_words(src, self);
                self.lift(src, pkg, side, &ty, &ops)
            }
            TypeDefKind::FixedLengthList(elem, n) => {
                let size = abi.layout(elem).size;
                let mut parts = Vec::new();
                for i in 0..*n as usize {
                    let v = self.load(src, pkg, side, elem, &offset(addr, i * size));
                    let name = self.fresh("x");
                    line!(src, "let {name} = {v}");
                    parts.push(name);
                }
                self.fixed_array(src, pkg, side, &ty, &parts)
            }
            _ => {
                let Some((cases, tag)) = self.cases(pkg, &ty, side) else {
                    unreachable!("unsupported types are rejected before emission")
                };
                let payload_off = abi.payload_offset(tag, cases.iter().map(|c| c.payload.as_ref()));
                let load_tag = match int_size(tag) {
                    1 => "load8_u",
                    2 => "load16_u",
                    _ => "load32",
                };
                let spelled = self.ty(pkg, &ty, side);
                let out = self.fresh("r");
                src.block(
                    format!("let {out} : {spelled} = match {ffi}.{load_tag}({addr})"),
                    "",
                    |src| {
                        for (n, c) in cases.iter().enumerate() {
                            src.block(format!("{n} =>"), "", |src| {
                                let payload = c.payload.map(|p| {
                                    self.load(src, pkg, side, &p, &offset(addr, payload_off))
                                });
                                line!(src, "{}", Self::construct(&c.pattern, payload.as_deref()));
                            });
                        }
                        line!(src, "_ => panic()");
                    },
                );
                out
            }
        }
    }
}
