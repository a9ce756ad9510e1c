//! How MoonBit spells the ABI operations of [`crate::gen::ops`].
//!
//! Ownership follows the canonical ABI: buffers a lowering allocates (string and list contents)
//! are pushed onto an `Array[Int]` the caller names (`allocs`) and freed by the caller when the
//! callee is done with them; lifting takes ownership of the buffers it reads and frees them.

use wit_parser::{Type, TypeDefKind, TypeId};

use super::MoonBitEmitter;
use crate::gen::abi::{dealias_id, Abi, CoreTy, Layout};
use crate::gen::ops::{
    self, Addr, Area, Build, Cast, Elems, HandleOp, Kind, ListLift, ListLower, Match, Part, Spell,
    Word, Yield,
};
use crate::gen::plan::{use_side, Direction, WorldPlan};
use crate::gen::source::{line, Source};

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

/// `p0 : Int, p1 : Int64…`: the parameters of a core function, named by position.
pub(super) fn core_params(types: &[CoreTy]) -> String {
    let params: Vec<String> = (types.iter().enumerate())
        .map(|(i, t)| format!("p{i} : {}", core_ty(*t)))
        .collect();
    params.join(", ")
}

/// `(p0 : Int, p1 : Int64) -> Int`: a core function's signature.
pub(super) fn core_signature(params: &[CoreTy], result: Option<CoreTy>) -> String {
    let result = result.map_or(String::new(), |t| format!(" -> {}", core_ty(t)));
    format!("({}){result}", core_params(params))
}

/// Declares the core import `field` of `module` as `fn name<signature>`.
pub(super) fn core_import(
    src: &mut Source,
    name: &str,
    signature: &str,
    module: &str,
    field: &str,
) {
    line!(src, "fn {name}{signature} = \"{module}\" \"{field}\"");
}

/// `(a, b)`, or `a` alone: MoonBit has no one-element tuples.
fn tuple(items: &[String]) -> String {
    match items {
        [one] => one.clone(),
        many => format!("({})", many.join(", ")),
    }
}

/// The `ffi` functions storing and loading a word (`load8_u`: unsigned; `lift_prim` extends).
fn word_fns(word: Word) -> (&'static str, &'static str) {
    match word {
        Word::U8 => ("store8", "load8_u"),
        Word::U16 => ("store16", "load16_u"),
        Word::U32 => ("store32", "load32"),
        Word::U64 => ("store64", "load64"),
        Word::F32 => ("storef32", "loadf32"),
        Word::F64 => ("storef64", "loadf64"),
    }
}

fn prefix(kind: Kind) -> &'static str {
    match kind {
        Kind::Lower => "wb__lower_",
        Kind::Lift => "wb__lift_",
        Kind::Store => "wb__store_",
        Kind::Load => "wb__load_",
    }
}

/// The MoonBit speller, writing code for package `pkg` whose allocations go to `allocs`.
pub(super) struct MoonBitSpell<'e, 'p, 'r> {
    e: &'e mut MoonBitEmitter<'p, 'r>,
    pkg: usize,
    allocs: String,
    /// Whether the code written so far names `allocs`.
    pub used_allocs: bool,
    /// Each open `match`: what closes it and the name it binds.
    matches: Vec<String>,
}

impl<'e, 'p, 'r> MoonBitSpell<'e, 'p, 'r> {
    pub fn new(e: &'e mut MoonBitEmitter<'p, 'r>, pkg: usize, allocs: &str) -> Self {
        MoonBitSpell {
            e,
            pkg,
            allocs: allocs.to_string(),
            used_allocs: false,
            matches: Vec::new(),
        }
    }

    fn ffi(&mut self) -> String {
        self.e.ffi(self.pkg)
    }

    /// The name of the allocation list, noting that the code uses it.
    fn allocs(&mut self) -> &str {
        self.used_allocs = true;
        &self.allocs
    }

    fn named(&mut self, id: TypeId, side: Direction) -> String {
        self.e.named(self.pkg, id, side)
    }
}

impl Spell for MoonBitSpell<'_, '_, '_> {
    const PLAIN_S8: bool = false;
    const ONE_TUPLE_IS_ELEMENT: bool = true;
    const ENUM_AS_INT: bool = false;

    fn plan(&self) -> &WorldPlan<'_> {
        self.e.plan
    }

    /// Named records, variants and enums get one helper per kind in their home package, so that
    /// code size grows with the number of types, not with how often and how deeply they are
    /// used; anonymous types are written inline.
    fn helper(&mut self, id: TypeId, side: Direction, kind: Kind) -> Option<String> {
        let e = &mut *self.e;
        let def = &e.resolve().types[id];
        def.name.as_ref()?;
        if !matches!(
            def.kind,
            TypeDefKind::Record(_) | TypeDefKind::Variant(_) | TypeDefKind::Enum(_)
        ) {
            return None;
        }
        // Lifts that log borrows to end need the glue's `LENT` in scope: inline.
        if matches!(kind, Kind::Lift | Kind::Load)
            && e.plan.facts(&Type::Id(id)).holds_lent_borrow()
        {
            return None;
        }
        let home = e.plan.type_home(id, side);
        let (home_pkg, name) = e.type_names.get(&(id, home))?.clone();
        e.helpers.request((id, home), kind);
        let qualifier = e
            .qualifier(self.pkg, home_pkg)
            .map(|q| format!("{q}."))
            .unwrap_or_default();
        Some(format!("{qualifier}{}{name}", prefix(kind)))
    }

    fn call_lower(
        &mut self,
        src: &mut Source,
        _: TypeId,
        f: &str,
        value: &str,
        count: usize,
    ) -> Vec<String> {
        let call = format!("{f}({value}, {})", self.allocs());
        if count == 1 {
            return vec![call];
        }
        let outs: Vec<String> = (0..count).map(|_| self.e.fresh("f")).collect();
        line!(src, "let ({}) = {call}", outs.join(", "));
        outs
    }

    fn call_store(&mut self, src: &mut Source, _: TypeId, f: &str, value: &str, addr: &str) {
        line!(src, "{f}({value}, {addr}, {})", self.allocs());
    }

    fn local(&mut self, src: &mut Source, value: &str) -> String {
        let name = self.e.fresh("arg");
        line!(src, "let {name} = {value}");
        name
    }

    fn alloc_area(&mut self, src: &mut Source, area: Area, layout: Layout) -> (Addr, String) {
        let name = match area {
            Area::Params => "wb__params",
            Area::Result | Area::TaskReturn => "wb__area",
        };
        let ffi = self.ffi();
        line!(src, "let {name} = {ffi}.malloc({})", layout.size);
        line!(src, "{}.push({name})", self.allocs());
        (Addr::new(name), name.to_string())
    }

    fn param_area(&mut self, _: &mut Source, ptr: &str) -> Addr {
        Addr::new(ptr)
    }

    fn free_param_area(&mut self, src: &mut Source, base: &Addr, _: Layout) {
        let ffi = self.ffi();
        line!(src, "{ffi}.free({})", base.base);
    }

    fn bind(&mut self, src: &mut Source, value: &str) -> String {
        if value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return value.to_string();
        }
        let name = self.e.fresh("v");
        line!(src, "let {name} = {value}");
        name
    }

    fn bind_addr(&mut self, src: &mut Source, addr: &Addr) -> Addr {
        let name = self.e.fresh("at");
        line!(src, "let {name} = {}", self.addr(addr));
        Addr::new(name)
    }

    fn addr(&mut self, addr: &Addr) -> String {
        match addr.offset {
            0 => addr.base.clone(),
            n => format!("({} + {n})", addr.base),
        }
    }

    fn part(&mut self, value: &str, part: Part) -> String {
        match part {
            Part::Field(id, i) => format!("{value}.{}", self.e.member_names[&id][i]),
            Part::Tuple(i) => format!("{value}.{i}"),
            Part::Index(i) => format!("{value}[{i}]"),
        }
    }

    fn build(
        &mut self,
        src: &mut Source,
        what: Build,
        side: Direction,
        parts: Vec<String>,
    ) -> String {
        match what {
            Build::Record(id) => {
                let fields: Vec<String> = self.e.member_names[&id]
                    .iter()
                    .zip(parts)
                    .map(|(m, v)| format!("{m}: {v}"))
                    .collect();
                format!("{}::{{ {} }}", self.named(id, side), fields.join(", "))
            }
            Build::Tuple => format!("({})", parts.join(", ")),
            Build::FixedList(id) => {
                let spelled = self.e.ty(self.pkg, &Type::Id(id), side);
                let name = self.e.fresh("fixed");
                line!(src, "let {name} : {spelled} = [{}]", parts.join(", "));
                name
            }
        }
    }

    fn lower_prim(&mut self, _: &mut Source, ty: Type, value: &str) -> String {
        match ty {
            Type::Bool => format!("(if {value} {{ 1 }} else {{ 0 }})"),
            Type::U8 | Type::U16 | Type::S16 | Type::Char => format!("{value}.to_int()"),
            Type::U32 => format!("{value}.reinterpret_as_int()"),
            Type::U64 => format!("{value}.reinterpret_as_int64()"),
            _ => value.to_string(),
        }
    }

    fn lift_prim(&mut self, _: &mut Source, ty: Type, flat: &str) -> String {
        match ty {
            Type::Bool => format!("({flat} != 0)"),
            Type::U8 => format!("{flat}.to_byte()"),
            Type::S8 => format!("{}.extend8({flat})", self.ffi()),
            Type::U16 => format!("({flat} & 0xFFFF).to_uint16()"),
            Type::S16 => format!("Int16::from_int({}.extend16({flat}))", self.ffi()),
            Type::U32 => format!("{flat}.reinterpret_as_uint()"),
            Type::U64 => format!("{flat}.reinterpret_as_uint64()"),
            Type::Char => format!("{flat}.unsafe_to_char()"),
            _ => flat.to_string(),
        }
    }

    fn load_i32(&mut self, src: &mut Source, addr: &str) -> String {
        let ffi = self.ffi();
        let name = self.e.fresh("w");
        line!(src, "let {name} = {ffi}.load32({addr})");
        name
    }

    fn store_word(&mut self, src: &mut Source, addr: &str, word: Word, flat: &str) {
        let ffi = self.ffi();
        line!(src, "{ffi}.{}({addr}, {flat})", word_fns(word).0);
    }

    fn load_word(&mut self, _: &mut Source, addr: &str, word: Word) -> String {
        format!("{}.{}({addr})", self.ffi(), word_fns(word).1)
    }

    fn lower_string(&mut self, src: &mut Source, value: &str) -> [String; 2] {
        let v = self.bind(src, value);
        let (ptr, ffi) = (self.e.fresh("ptr"), self.ffi());
        line!(src, "let {ptr} = {ffi}.lower_string({v})");
        line!(src, "{}.push({ptr})", self.allocs());
        [ptr, format!("{v}.length()")]
    }

    fn lift_string(&mut self, src: &mut Source, ptr: &str, len: &str) -> String {
        let (s, ffi) = (self.e.fresh("s"), self.ffi());
        line!(src, "let {s} = {ffi}.lift_string({ptr}, {len})");
        line!(src, "{ffi}.free({ptr})");
        s
    }

    fn lower_plain_list(&mut self, src: &mut Source, value: &str, size: usize) -> [String; 2] {
        let v = self.bind(src, value);
        let (base, ffi) = (self.e.fresh("base"), self.ffi());
        line!(src, "let {base} = {ffi}.lower_plain({v}, {size})");
        line!(src, "{}.push({base})", self.allocs());
        [base, format!("{v}.length()")]
    }

    fn lift_plain_list(
        &mut self,
        src: &mut Source,
        elem: Type,
        side: Direction,
        [ptr, len]: [&str; 2],
        size: usize,
    ) -> String {
        let elem_ty = self.e.ty(self.pkg, &elem, side);
        let (base, arr, ffi) = (self.e.fresh("base"), self.e.fresh("arr"), self.ffi());
        line!(src, "let {base} = {ptr}");
        line!(
            src,
            "let {arr} : Array[{elem_ty}] = {ffi}.lift_plain({base}, {len}, {size})"
        );
        line!(src, "{ffi}.free({base})");
        arr
    }

    fn open_list_lower(&mut self, src: &mut Source, value: &str, layout: Layout) -> ListLower {
        let v = self.bind(src, value);
        let (base, i, ffi) = (self.e.fresh("base"), self.e.fresh("i"), self.ffi());
        let size = layout.size;
        line!(src, "let {base} = {ffi}.malloc({v}.length() * {size})");
        line!(src, "{}.push({base})", self.allocs());
        src.open(format!("for {i} = 0; {i} < {v}.length(); {i} = {i} + 1"));
        ListLower {
            elem: format!("{v}[{i}]"),
            addr: format!("({base} + {i} * {size})"),
            flats: [base, format!("{v}.length()")],
        }
    }

    fn open_list_lift(
        &mut self,
        src: &mut Source,
        elems: Elems,
        side: Direction,
        [ptr, len]: [&str; 2],
        layout: Layout,
    ) -> ListLift {
        let elem_ty = match elems {
            Elems::List(t) => self.e.ty(self.pkg, &t, side),
            Elems::Map(k, v) => {
                let k = self.e.ty(self.pkg, &k, side);
                format!("({k}, {})", self.e.ty(self.pkg, &v, side))
            }
        };
        let (base, n) = (self.e.fresh("base"), self.e.fresh("len"));
        let (arr, i) = (self.e.fresh("arr"), self.e.fresh("i"));
        line!(src, "let {base} = {ptr}");
        line!(src, "let {n} = {len}");
        line!(
            src,
            "let {arr} : Array[{elem_ty}] = Array::new(capacity={n})"
        );
        src.open(format!("for {i} = 0; {i} < {n}; {i} = {i} + 1"));
        ListLift {
            addr: format!("({base} + {i} * {})", layout.size),
            out: arr,
            base,
            len: n,
        }
    }

    fn list_push(&mut self, src: &mut Source, out: &str, value: &str) {
        line!(src, "{out}.push({value})");
    }

    fn close_list_lift(&mut self, src: &mut Source, list: &ListLift, _: Layout) -> String {
        src.close("");
        let ffi = self.ffi();
        line!(src, "{ffi}.free({})", list.base);
        list.out.clone()
    }

    fn lower_handle(&mut self, _: &mut Source, op: HandleOp, _: Direction, value: &str) -> String {
        match op {
            // The handle (or readable end) moves to the receiver.
            HandleOp::ErrorContext | HandleOp::Future(_) | HandleOp::Stream(_) => {
                format!("{value}.take_handle()")
            }
            HandleOp::Borrow { rep: true, .. } => value.to_string(),
            HandleOp::Own(_) | HandleOp::Borrow { .. } => format!("{value}.handle"),
        }
    }

    fn lift_handle(
        &mut self,
        src: &mut Source,
        op: HandleOp,
        side: Direction,
        flat: &str,
    ) -> String {
        let (r, lent) = match op {
            HandleOp::ErrorContext => {
                return format!("{}.ErrorContext::from_handle({flat})", self.e.rt(self.pkg))
            }
            HandleOp::Future(id) | HandleOp::Stream(id) => {
                let vtable = self.e.vtable(self.pkg, id, side);
                let rt = self.e.rt(self.pkg);
                let kind = if matches!(op, HandleOp::Future(_)) {
                    "Future"
                } else {
                    "Stream"
                };
                return format!("{rt}.{kind}Reader::from_handle({flat}, {vtable})");
            }
            HandleOp::Borrow { rep: true, .. } => return flat.to_string(),
            HandleOp::Borrow { resource, .. } => (resource, true),
            HandleOp::Own(r) => (r, false),
        };
        let side = use_side(self.e.resolve(), &Type::Id(r), side);
        let r = dealias_id(self.e.resolve(), r);
        let name = self.named(r, side);
        let handle = format!("{name}::{{ handle: {flat} }}");
        if !lent {
            return handle;
        }
        // A borrow of an imported resource, received by an export: a handle of this
        // component's, ended (dropped) by the export glue once the call is done.
        let name = self.e.fresh("lent");
        line!(src, "let {name} = {handle}");
        line!(src, "{LENT}.push(fn() {{ {name}.drop() }})");
        name
    }

    fn lower_flags(&mut self, _: &mut Source, value: &str) -> String {
        format!("{value}.bits.reinterpret_as_int()")
    }

    fn lift_flags(
        &mut self,
        _: &mut Source,
        id: TypeId,
        side: Direction,
        bits: Option<&str>,
    ) -> String {
        let name = self.named(id, side);
        let bits = bits.map_or("0U".to_string(), |b| format!("{b}.reinterpret_as_uint()"));
        format!("{name}::{{ bits: {bits} }}")
    }

    fn enum_to_int(&mut self, _: &str) -> String {
        unreachable!("MoonBit enums lower through a match")
    }

    fn enum_from_int(&mut self, _: TypeId, _: Direction, _: &str) -> String {
        unreachable!("MoonBit enums lift through a match")
    }

    fn cast(&mut self, value: &str, cast: Cast) -> String {
        let f = match cast {
            Cast::I32ToI64 => "i32_to_i64",
            Cast::F32ToI32 => "f32_to_i32",
            Cast::F32ToI64 => "f32_to_i64",
            Cast::F64ToI64 => "f64_to_i64",
            Cast::I64ToI32 => "i64_to_i32",
            Cast::I32ToF32 => "i32_to_f32",
            Cast::I64ToF32 => "i64_to_f32",
            Cast::I64ToF64 => "i64_to_f64",
        };
        format!("{}.{f}({value})", self.ffi())
    }

    fn zero(&mut self, ty: CoreTy) -> String {
        match ty {
            CoreTy::I32 => "0".into(),
            CoreTy::I64 => "0L".into(),
            CoreTy::F32 => format!("{}.i32_to_f32(0)", self.ffi()),
            CoreTy::F64 => "0.0".into(),
        }
    }

    fn open_match(&mut self, src: &mut Source, on: Match<'_>) -> Vec<String> {
        let (head, out, outs) = match on {
            Match::Value {
                value,
                flats: Some(flats),
                tail: false,
                ..
            } => {
                let outs: Vec<String> = flats.iter().map(|_| self.e.fresh("f")).collect();
                (
                    format!("let {} = match {value}", tuple(&outs)),
                    String::new(),
                    outs,
                )
            }
            Match::Value { value, .. }
            | Match::Discriminant {
                value, tail: true, ..
            } => (format!("match {value}"), String::new(), Vec::new()),
            Match::Discriminant {
                value, ty, side, ..
            } => {
                let spelled = self.e.ty(self.pkg, &Type::Id(ty), side);
                let out = self.e.fresh("r");
                (
                    format!("let {out} : {spelled} = match {value}"),
                    out,
                    Vec::new(),
                )
            }
        };
        src.open(head);
        self.matches.push(out);
        outs
    }

    fn open_arm(&mut self, src: &mut Source, pattern: &str) {
        src.open(format!("{pattern} =>"));
    }

    fn close_arm(&mut self, src: &mut Source, yields: Option<&str>) {
        if let Some(y) = yields {
            src.line(y);
        }
        src.close("");
    }

    fn arm(&mut self, src: &mut Source, pattern: &str, yields: &str) {
        line!(src, "{pattern} => {yields}");
    }

    fn close_match(&mut self, src: &mut Source, discriminant: bool) -> String {
        if discriminant {
            src.line("_ => panic()");
        }
        src.close("");
        self.matches.pop().expect("an open match")
    }

    fn flat_tuple(&mut self, values: &[String]) -> String {
        tuple(values)
    }

    fn case_ctor(&mut self, id: TypeId, side: Direction, index: usize) -> String {
        let case = |names: &[&str]| names[index].to_string();
        match &self.e.resolve().types[id].kind {
            TypeDefKind::Option(_) => case(&["None", "Some"]),
            TypeDefKind::Result(_) => case(&["Ok", "Err"]),
            TypeDefKind::Variant(_) | TypeDefKind::Enum(_) => {
                let name = self.named(id, side);
                format!("{name}::{}", self.e.member_names[&id][index])
            }
            _ => unreachable!("not a variant-like type"),
        }
    }
}

impl MoonBitEmitter<'_, '_> {
    /// Lifts flat core values `flats` to a value of `ty`; returns an expression.
    pub(super) fn lift(
        &mut self,
        src: &mut Source,
        pkg: usize,
        side: Direction,
        ty: &Type,
        flats: &[String],
    ) -> String {
        ops::lift(&mut MoonBitSpell::new(self, pkg, ""), src, ty, side, flats)
    }

    /// Loads a value of type `ty` from address `addr` (taking ownership of what it points to).
    pub(super) fn load(
        &mut self,
        src: &mut Source,
        pkg: usize,
        side: Direction,
        ty: &Type,
        addr: &Addr,
    ) -> String {
        ops::load(&mut MoonBitSpell::new(self, pkg, ""), src, ty, side, addr)
    }

    /// Writes every requested helper (helpers request the helpers of their parts).
    pub(super) fn emit_helpers(&mut self) {
        while let Some(((id, home), _, kind)) = self.helpers.pop() {
            let (pkg, name) = self.type_names[&(id, home)].clone();
            // Helpers spell types as the package's own definitions do.
            let side = home.side();
            let f = format!("{}{name}", prefix(kind));
            // The body first: a helper whose code never names `allocs` (an enum, a record of
            // numbers) takes it as `_allocs`, which the compiler does not warn about.
            let mut body = Source::at_indent(1);
            let mut spell = MoonBitSpell::new(self, pkg, "allocs");
            let tail = ops::helper_body(&mut spell, &mut body, id, side, kind);
            let allocs = if spell.used_allocs {
                "allocs"
            } else {
                "_allocs"
            };
            if let Yield::Values(out) = tail {
                if kind != Kind::Store {
                    body.line(tuple(&out));
                }
            }
            // Only lowering and lifting helpers take or return flat values.
            let flat = || Abi::flat_all(self.plan.resolve, &Type::Id(id));
            let head = match kind {
                Kind::Lower => {
                    let ret: Vec<String> = flat().iter().map(|t| core_ty(*t).to_string()).collect();
                    let ret = tuple(&ret);
                    format!("pub fn {f}(v : {name}, {allocs} : Array[Int]) -> {ret} {{")
                }
                Kind::Lift => format!("pub fn {f}({}) -> {name} {{", core_params(&flat())),
                Kind::Store => {
                    format!("pub fn {f}(v : {name}, ptr : Int, {allocs} : Array[Int]) -> Unit {{")
                }
                Kind::Load => format!("pub fn {f}(ptr : Int) -> {name} {{"),
            };
            let mut src = Source::new();
            src.line(head);
            src.push_text(&body.finish());
            src.line("}");
            self.push_body(pkg, src);
        }
    }
}
