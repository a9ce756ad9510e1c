//! How Rust spells the ABI operations of [`crate::gen::ops`]: inline for primitives, strings,
//! lists of numbers and resource handles, and one out-of-line helper per (type, side, how far
//! the value borrows) and kind otherwise, so code grows linearly with the number of distinct
//! types instead of with their nesting.
//!
//! Conventions of generated code: a value to lower is always given by reference (`&T`); the
//! allocations and given-away handles of one call live in a `Cleanup` named `__cx`, made and
//! passed to helpers only where a lowering needs it ([`Facts::lowering_leaves_work`]); memory
//! addresses are `*mut u8`.
//!
//! [`Facts::lowering_leaves_work`]: crate::gen::facts::Facts::lowering_leaves_work

use wit_parser::{Int, Type, TypeDefKind, TypeId};

use super::modules::ModuleId;
use super::names::{rust_camel, rust_snake};
use super::ownership::Borrow;
use super::types::{flags_repr, int_rust};
use super::{Position, RustEmitter};
use crate::gen::abi::{dealias_id, Abi, CoreTy, Layout};
use crate::gen::ops::{
    self, Addr, Area, Build, Cast, Elems, HandleOp, Kind, ListLift, ListLower, Match, Part, Spell,
    Word, Yield,
};
use crate::gen::plan::{Direction, WorldPlan};
use crate::gen::source::{line, Source};

/// A tuple expression, type or pattern: `()`, `(a,)`, `(a, b)`.
pub(super) fn tuple<S: AsRef<str>>(items: &[S]) -> String {
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
fn method_receiver(val: &str) -> &str {
    val.strip_prefix('&').unwrap_or(val)
}

pub(super) fn core_rust(ty: CoreTy) -> &'static str {
    match ty {
        CoreTy::I32 => "i32",
        CoreTy::I64 => "i64",
        CoreTy::F32 => "f32",
        CoreTy::F64 => "f64",
    }
}

/// `p0: i32, p1: i64…`: core parameters named `<name><position>`.
pub(super) fn core_params(types: &[CoreTy], name: &str) -> String {
    let params: Vec<String> = (types.iter().enumerate())
        .map(|(i, t)| format!("{name}{i}: {}", core_rust(*t)))
        .collect();
    params.join(", ")
}

fn word_rust(word: Word) -> &'static str {
    match word {
        Word::U8 => "u8",
        Word::U16 => "u16",
        Word::U32 => "u32",
        Word::U64 => "u64",
        Word::F32 => "f32",
        Word::F64 => "f64",
    }
}

/// The Rust type a primitive occupies in memory.
pub(super) fn prim_mem(ty: Type) -> &'static str {
    match ty {
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
        _ => unreachable!("not a primitive: {ty:?}"),
    }
}

/// The `Cleanup` argument of a helper call, when the helper takes one.
fn cx_arg(uses_cx: bool) -> &'static str {
    match uses_cx {
        true => ", __cx",
        false => "",
    }
}

const BAD_CHAR: &str = ".expect(\"invalid char from the host\")";

/// The Rust speller, writing code for module `from`.
pub(super) struct RustSpell<'e, 'p, 'r> {
    pub e: &'e mut RustEmitter<'p, 'r>,
    pub from: ModuleId,
    /// Each open `match`: whether its arms are one line each (lifts write no lines), what
    /// closes it, and the name it binds.
    matches: Vec<(bool, &'static str, String)>,
    /// The pattern of a lifting arm, written with its value (lifts write no lines).
    arm: Option<String>,
    /// How far the values whose helpers this speller asks for borrow (import parameters).
    borrow: Borrow,
    /// The record or variant whose borrowing definition the value being lowered has.
    param_self: Option<TypeId>,
}

impl<'e, 'p, 'r> RustSpell<'e, 'p, 'r> {
    pub fn new(e: &'e mut RustEmitter<'p, 'r>, from: ModuleId) -> Self {
        RustSpell {
            e,
            from,
            matches: Vec::new(),
            arm: None,
            borrow: Borrow::Not,
            param_self: None,
        }
    }

    /// A speller lowering import parameters that borrow `borrow` deep.
    pub fn borrowing(mut self, borrow: Borrow) -> Self {
        self.borrow = borrow;
        self
    }

    fn type_path(&self, id: TypeId, side: Direction) -> String {
        if self.param_self == Some(id) {
            if let (Some((module, _)), Some(name)) =
                (self.e.named_type(id, side), self.e.param_names.get(&id))
            {
                return self.e.tree.path(self.from, module, name);
            }
        }
        self.e.type_path(id, side, self.from)
    }
}

impl Spell for RustSpell<'_, '_, '_> {
    const PLAIN_S8: bool = true;
    const ONE_TUPLE_IS_ELEMENT: bool = false;
    const ENUM_AS_INT: bool = true;

    fn plan(&self) -> &WorldPlan<'_> {
        self.e.plan
    }

    fn helper(&mut self, id: TypeId, side: Direction, kind: Kind) -> Option<String> {
        // A resource handle is one expression either way: inline, it costs no function to
        // compile. (Futures and streams name their vtable, which the helpers' module holds.)
        if let TypeDefKind::Handle(_) =
            self.e.resolve().types[dealias_id(self.e.resolve(), id)].kind
        {
            return None;
        }
        // A merged type shares the helpers of the type it is merged into.
        let defined = (id, self.e.plan.type_home(id, side));
        let (id, side) = match self.e.canonical(defined.0, defined.1) {
            merged if merged != defined => (merged.0, merged.1.side()),
            _ => (id, side),
        };
        let borrow = self.e.helper_borrow(id, self.borrow);
        let n = self.e.helpers.request((id, side, borrow), kind);
        let name = format!("{}_{n}", kind.name());
        Some(self.e.tree.path(self.from, self.e.abi_module, &name))
    }

    fn call_lower(
        &mut self,
        src: &mut Source,
        id: TypeId,
        f: &str,
        value: &str,
        count: usize,
    ) -> Vec<String> {
        let locals: Vec<String> = (0..count).map(|_| self.e.fresh("l")).collect();
        let cx = cx_arg(self.e.lowering_uses_cx(&Type::Id(id)));
        line!(src, "let {} = {f}({value}{cx});", tuple(&locals));
        locals
    }

    fn call_store(&mut self, src: &mut Source, id: TypeId, f: &str, value: &str, addr: &str) {
        let cx = cx_arg(self.e.lowering_uses_cx(&Type::Id(id)));
        line!(src, "{f}({value}, {addr}{cx});");
    }

    fn local(&mut self, src: &mut Source, value: &str) -> String {
        let name = self.e.fresh("__a");
        line!(src, "let {name} = {value};");
        name
    }

    fn alloc_area(&mut self, src: &mut Source, area: Area, layout: Layout) -> (Addr, String) {
        let Layout { size, align } = layout;
        let name = match area {
            Area::Params => "__params",
            Area::Result | Area::TaskReturn => "__area",
        };
        match area {
            // In the block that keeps the value until post-return (`__kept`, a `Kept`).
            Area::Result => line!(src, "let {name} = __kept.area.as_mut_ptr();"),
            Area::Params | Area::TaskReturn => {
                line!(src, "let {name} = __cx.alloc({size}, {align});")
            }
        }
        (Addr::new(name), format!("{name} as i32"))
    }

    fn param_area(&mut self, src: &mut Source, ptr: &str) -> Addr {
        line!(src, "let __params = {ptr} as usize as *mut u8;");
        Addr::new("__params")
    }

    fn free_param_area(&mut self, src: &mut Source, base: &Addr, layout: Layout) {
        let Layout { size, align } = layout;
        line!(
            src,
            "{}::dealloc({}, {size}, {align});",
            self.e.rt,
            base.base
        );
    }

    fn bind(&mut self, _: &mut Source, value: &str) -> String {
        value.to_string()
    }

    fn bind_addr(&mut self, src: &mut Source, addr: &Addr) -> Addr {
        line!(src, "let at = {};", self.addr(addr));
        Addr::new("at")
    }

    fn addr(&mut self, addr: &Addr) -> String {
        match addr.offset {
            0 => addr.base.clone(),
            n => format!("{}.add({n})", addr.base),
        }
    }

    fn part(&mut self, value: &str, part: Part) -> String {
        let place = method_receiver(value);
        match part {
            Part::Field(id, i) => match &self.e.resolve().types[id].kind {
                TypeDefKind::Record(r) => format!("&{place}.{}", rust_snake(&r.fields[i].name)),
                _ => unreachable!("a field of a record"),
            },
            Part::Tuple(i) => format!("&{place}.{i}"),
            Part::Index(i) => format!("&{place}[{i}]"),
        }
    }

    fn build(
        &mut self,
        _: &mut Source,
        what: Build,
        side: Direction,
        parts: Vec<String>,
    ) -> String {
        match what {
            Build::Record(id) => {
                let TypeDefKind::Record(r) = &self.e.resolve().types[id].kind else {
                    unreachable!("a record")
                };
                let fields: Vec<String> = r
                    .fields
                    .iter()
                    .zip(parts)
                    .map(|(f, v)| format!("{}: {v}", rust_snake(&f.name)))
                    .collect();
                format!("{} {{ {} }}", self.type_path(id, side), fields.join(", "))
            }
            Build::Tuple => tuple(&parts),
            Build::FixedList(_) => format!("[{}]", parts.join(", ")),
        }
    }

    fn lower_prim(&mut self, _: &mut Source, ty: Type, value: &str) -> String {
        match ty {
            Type::S32 | Type::F32 | Type::F64 | Type::S64 => deref(value),
            Type::U64 => format!("{} as i64", deref(value)),
            _ => format!("{} as i32", deref(value)),
        }
    }

    fn lift_prim(&mut self, _: &mut Source, ty: Type, flat: &str) -> String {
        match ty {
            Type::Bool => format!("{flat} != 0"),
            Type::S32 | Type::S64 | Type::F32 | Type::F64 => flat.to_string(),
            Type::Char => format!("::core::char::from_u32({flat} as u32){BAD_CHAR}"),
            _ => format!("{flat} as {}", prim_mem(ty)),
        }
    }

    fn store_prim(&mut self, src: &mut Source, ty: Type, value: &str, addr: &str) {
        let mem = prim_mem(ty);
        let value = match ty {
            Type::Bool | Type::Char => format!("{} as {mem}", deref(value)),
            _ => deref(value),
        };
        line!(src, "{addr}.cast::<{mem}>().write({value});");
    }

    fn load_prim(&mut self, _: &mut Source, ty: Type, addr: &str) -> String {
        let read = format!("{addr}.cast::<{}>().read()", prim_mem(ty));
        match ty {
            Type::Bool => format!("{read} != 0"),
            Type::Char => format!("::core::char::from_u32({read}){BAD_CHAR}"),
            _ => read,
        }
    }

    fn store_i32(&mut self, src: &mut Source, addr: &str, flat: &str) {
        line!(src, "{addr}.cast::<i32>().write({flat});");
    }

    fn load_i32(&mut self, _: &mut Source, addr: &str) -> String {
        format!("{addr}.cast::<i32>().read()")
    }

    fn store_discriminant(&mut self, src: &mut Source, addr: &str, word: Word, n: usize) {
        line!(src, "{addr}.cast::<{}>().write({n});", word_rust(word));
    }

    fn store_word(&mut self, src: &mut Source, addr: &str, word: Word, flat: &str) {
        let w = word_rust(word);
        line!(src, "{addr}.cast::<{w}>().write({flat} as {w});");
    }

    fn load_word(&mut self, _: &mut Source, addr: &str, word: Word) -> String {
        format!("{addr}.cast::<{}>().read() as i32", word_rust(word))
    }

    fn lower_string(&mut self, _: &mut Source, value: &str) -> [String; 2] {
        let v = method_receiver(value);
        [format!("{v}.as_ptr() as i32"), format!("{v}.len() as i32")]
    }

    fn lift_string(&mut self, _: &mut Source, ptr: &str, len: &str) -> String {
        match self.e.options.flags.raw_strings {
            true => format!("{}::list_lift::<u8>({ptr}, {len})", self.e.rt),
            false => format!("{}::string_lift({ptr}, {len})", self.e.rt),
        }
    }

    fn lower_plain_list(&mut self, src: &mut Source, value: &str, _: usize) -> [String; 2] {
        self.lower_string(src, value)
    }

    fn lift_plain_list(
        &mut self,
        _: &mut Source,
        elem: Type,
        side: Direction,
        [ptr, len]: [&str; 2],
        _: usize,
    ) -> String {
        let e = self.e.ty(&elem, side, self.from, Position::Owned);
        format!("{}::list_lift::<{e}>({ptr}, {len})", self.e.rt)
    }

    fn open_list_lower(&mut self, src: &mut Source, value: &str, layout: Layout) -> ListLower {
        let v = method_receiver(value);
        let Layout { size, align } = layout;
        line!(src, "let base = __cx.alloc({v}.len() * {size}, {align});");
        src.open(format!("for (i, e) in {v}.iter().enumerate()"));
        ListLower {
            elem: "e".into(),
            addr: format!("base.add(i * {size})"),
            flats: ["base as i32".into(), format!("{v}.len() as i32")],
        }
    }

    fn open_list_lift(
        &mut self,
        src: &mut Source,
        _: Elems,
        _: Direction,
        [ptr, len]: [&str; 2],
        layout: Layout,
    ) -> ListLift {
        line!(src, "let base = {ptr} as usize as *mut u8;");
        line!(src, "let len = {len} as usize;");
        let vec = self.e.prelude(self.from, "Vec");
        line!(src, "let mut out = {vec}::with_capacity(len);");
        src.open("for i in 0..len");
        ListLift {
            addr: format!("base.add(i * {})", layout.size),
            out: "out".into(),
            base: "base".into(),
            len: "len".into(),
        }
    }

    fn list_push(&mut self, src: &mut Source, out: &str, value: &str) {
        line!(src, "{out}.push({value});");
    }

    fn close_list_lift(&mut self, src: &mut Source, list: &ListLift, layout: Layout) -> String {
        src.close("");
        let Layout { size, align } = layout;
        let (base, len) = (&list.base, &list.len);
        line!(
            src,
            "{}::dealloc({base}, {len} * {size}, {align});",
            self.e.rt
        );
        list.out.clone()
    }

    fn lower_handle(
        &mut self,
        _: &mut Source,
        op: HandleOp,
        side: Direction,
        value: &str,
    ) -> String {
        match op {
            // Recorded in `__cx`, so that a future or stream write that does not deliver the
            // value can give the handle back. The sender keeps none: wasmtime ends the
            // receiver's copy when the sender drops its own.
            HandleOp::Own(_)
            | HandleOp::Future(_)
            | HandleOp::Stream(_)
            | HandleOp::ErrorContext => {
                format!("__cx.give_handle({value}) as i32")
            }
            HandleOp::Borrow { rep: false, .. } if side == Direction::Import => {
                format!("{}.__handle() as i32", method_receiver(value))
            }
            HandleOp::Borrow { .. } => {
                "unreachable!(\"a borrow is never lowered by an export\")".into()
            }
        }
    }

    fn lift_handle(&mut self, _: &mut Source, op: HandleOp, side: Direction, flat: &str) -> String {
        let rt = &self.e.rt;
        let (r, rep) = match op {
            HandleOp::ErrorContext => {
                return format!("{rt}::ErrorContext::from_handle({flat} as u32)")
            }
            HandleOp::Future(id) | HandleOp::Stream(id) => {
                let reader = match op {
                    HandleOp::Stream(_) => "StreamReader",
                    _ => "FutureReader",
                };
                let vtable = self.e.vtable_name(id, side);
                return format!("{rt}::{reader}::from_handle({flat} as u32, &{vtable})");
            }
            HandleOp::Own(r) => (r, false),
            HandleOp::Borrow { resource, rep } => (resource, rep),
        };
        let side = self.e.alias_side(&Type::Id(r), side);
        let r = dealias_id(self.e.resolve(), r);
        if rep {
            let (module, _) = self.e.named_type(r, side).expect("named resource");
            let borrow = self.e.resources[&r].borrow.clone();
            let path = self.e.tree.path(self.from, module, &borrow);
            return format!("{path}::__from_rep({flat} as u32)");
        }
        // An owned handle, or a borrow of an imported resource: a handle of this component's
        // own, which the value drops (ending the borrow) like an owned one.
        let path = self.e.resource_path(r, side, self.from);
        format!("{path}::__from_handle({flat} as u32)")
    }

    fn lower_flags(&mut self, _: &mut Source, value: &str) -> String {
        format!("{}.bits() as i32", method_receiver(value))
    }

    fn lift_flags(
        &mut self,
        _: &mut Source,
        id: TypeId,
        side: Direction,
        bits: Option<&str>,
    ) -> String {
        let path = self.type_path(id, side);
        let TypeDefKind::Flags(f) = &self.e.resolve().types[id].kind else {
            unreachable!("flags")
        };
        match bits {
            Some(bits) => format!("{path}::from_bits_retain({bits} as {})", flags_repr(f)),
            None => format!("{path}::from_bits_retain(0)"),
        }
    }

    fn enum_to_int(&mut self, value: &str) -> String {
        format!("{} as i32", deref(value))
    }

    fn enum_from_int(&mut self, id: TypeId, side: Direction, int: &str) -> String {
        let TypeDefKind::Enum(e) = &self.e.resolve().types[id].kind else {
            unreachable!("an enum")
        };
        let tag: Int = e.tag();
        let path = self.type_path(id, side);
        format!(
            "{path}::from_discriminant({int} as {}).expect(\"invalid enum discriminant\")",
            int_rust(tag)
        )
    }

    fn cast(&mut self, value: &str, cast: Cast) -> String {
        match cast {
            Cast::I32ToI64 => format!("({value}) as u32 as i64"),
            Cast::F32ToI32 => format!("({value}).to_bits() as i32"),
            Cast::F32ToI64 => format!("({value}).to_bits() as i64"),
            Cast::F64ToI64 => format!("({value}).to_bits() as i64"),
            Cast::I64ToI32 => format!("{value} as i32"),
            Cast::I32ToF32 | Cast::I64ToF32 => format!("f32::from_bits({value} as u32)"),
            Cast::I64ToF64 => format!("f64::from_bits({value} as u64)"),
        }
    }

    fn zero(&mut self, ty: CoreTy) -> String {
        format!("0{}", core_rust(ty))
    }

    fn open_match(&mut self, src: &mut Source, on: Match<'_>) -> Vec<String> {
        let (head, open, outs) = match on {
            Match::Value {
                value,
                flats: Some(flats),
                tail: false,
                ..
            } => {
                let outs: Vec<String> = flats.iter().map(|_| self.e.fresh("l")).collect();
                let head = format!("let {} = match {value}", tuple(&outs));
                (head, (false, ";", String::new()), outs)
            }
            Match::Value { value, .. } => {
                (format!("match {value}"), (false, "", String::new()), vec![])
            }
            Match::Discriminant {
                value, tail: true, ..
            } => (format!("match {value}"), (true, "", String::new()), vec![]),
            Match::Discriminant { value, .. } => {
                let out = self.e.fresh("r");
                (
                    format!("let {out} = match {value}"),
                    (true, ";", out),
                    vec![],
                )
            }
        };
        src.open(head);
        self.matches.push(open);
        outs
    }

    fn open_arm(&mut self, src: &mut Source, pattern: &str) {
        match self.matches.last() {
            Some((true, ..)) => self.arm = Some(pattern.to_string()),
            _ => src.open(format!("{pattern} =>")),
        }
    }

    fn close_arm(&mut self, src: &mut Source, yields: Option<&str>) {
        if let Some(pattern) = self.arm.take() {
            line!(src, "{pattern} => {},", yields.unwrap_or("()"));
            return;
        }
        if let Some(y) = yields {
            src.line(y);
        }
        src.close("");
    }

    fn arm(&mut self, src: &mut Source, pattern: &str, yields: &str) {
        line!(src, "{pattern} => {yields},");
    }

    fn close_match(&mut self, src: &mut Source, discriminant: bool) -> String {
        if discriminant {
            src.line("_ => panic!(\"invalid variant discriminant\"),");
        }
        let (_, tail, out) = self.matches.pop().expect("an open match");
        src.close(tail);
        out
    }

    fn flat_tuple(&mut self, values: &[String]) -> String {
        tuple(values)
    }

    fn case_ctor(&mut self, id: TypeId, side: Direction, index: usize) -> String {
        let case = |names: &[&str]| names[index].to_string();
        match &self.e.resolve().types[id].kind {
            TypeDefKind::Option(_) => case(&["None", "Some"]),
            TypeDefKind::Result(_) => case(&["Ok", "Err"]),
            TypeDefKind::Variant(v) => {
                let name = rust_camel(&v.cases[index].name);
                format!("{}::{name}", self.type_path(id, side))
            }
            TypeDefKind::Enum(e) => {
                let name = rust_camel(&e.cases[index].name);
                format!("{}::{name}", self.type_path(id, side))
            }
            _ => unreachable!("not a variant-like type"),
        }
    }
}

impl RustEmitter<'_, '_> {
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
        let ptr = Addr::new(ptr);
        ops::store(&mut RustSpell::new(self, from), src, ty, side, val, &ptr);
    }

    /// An expression loading `ty` from address `ptr` (Rust loads write no lines).
    pub(super) fn load(&mut self, ty: &Type, side: Direction, ptr: &str, from: ModuleId) -> String {
        let mut src = Source::new();
        let ptr = Addr::new(ptr);
        let value = ops::load(&mut RustSpell::new(self, from), &mut src, ty, side, &ptr);
        debug_assert!(src.finish().is_empty(), "a Rust load wrote lines");
        value
    }

    /// Whether lowering or storing a value of `ty` needs the call's `Cleanup` (`__cx`).
    pub(super) fn lowering_uses_cx(&self, ty: &Type) -> bool {
        self.plan.facts(ty).lowering_leaves_work()
    }

    /// Emits every requested helper, including those requested by helpers.
    pub(super) fn emit_helpers(&mut self) {
        let mut src = self.source_for(self.abi_module);
        while let Some(((id, side, borrow), n, kind)) = self.helpers.pop() {
            src.blank();
            self.emit_helper(&mut src, n, (id, side, borrow), kind);
        }
        let module = self.abi_module;
        self.push(module, src);
    }

    fn emit_helper(
        &mut self,
        src: &mut Source,
        n: usize,
        (id, side, borrow): (TypeId, Direction, Borrow),
        kind: Kind,
    ) {
        let from = self.abi_module;
        let ty = Type::Id(id);
        // Spelled only where it is written: a spelling records the `alloc` names it uses.
        let rust = || self.ty(&ty, side, from, Position::Owned);
        let kind_of_id = &self.resolve().types[id].kind;
        let param_ty = match kind_of_id {
            TypeDefKind::List(e) if borrow != Borrow::Not => {
                format!(
                    "[{}]",
                    self.ty_borrowed(e, side, from, borrow.items(), false)
                )
            }
            _ if borrow != Borrow::Not => self.ty_borrowed(&ty, side, from, borrow, false),
            TypeDefKind::List(e) => format!("[{}]", self.ty(e, side, from, Position::Owned)),
            TypeDefKind::Map(k, v) => format!(
                "[({}, {})]",
                self.ty(k, side, from, Position::Owned),
                self.ty(v, side, from, Position::Owned)
            ),
            _ => rust(),
        };
        let rt = &self.rt;
        // Only lowering and lifting helpers take or return flat values.
        let flat = || Abi::flat_all(self.plan.resolve, &ty);
        // Only a lowering that allocates or gives handles away takes the call's `Cleanup`.
        let cx = match self.lowering_uses_cx(&ty) {
            true => format!(", __cx: &mut {rt}::Cleanup"),
            false => String::new(),
        };
        let head = match kind {
            Kind::Lower => {
                let ret: Vec<&str> = flat().iter().map(|t| core_rust(*t)).collect();
                format!(
                    "pub unsafe fn lower_{n}(v: &{param_ty}{cx}) -> {}",
                    tuple(&ret)
                )
            }
            Kind::Lift => {
                let params = core_params(&flat(), "p");
                format!("pub unsafe fn lift_{n}({params}) -> {}", rust())
            }
            Kind::Store => format!("pub unsafe fn store_{n}(v: &{param_ty}, ptr: *mut u8{cx})"),
            Kind::Load => format!("pub unsafe fn load_{n}(ptr: *mut u8) -> {}", rust()),
        };
        src.block(head, "", |src| {
            src.block("unsafe", "", |src| {
                // An option or result passes its borrow on to its payload (`Option<&str>`).
                let items = match kind_of_id {
                    TypeDefKind::Option(_) | TypeDefKind::Result(_) => borrow,
                    _ => borrow.items(),
                };
                let mut spell = RustSpell::new(self, from).borrowing(items);
                if borrow == Borrow::Deep {
                    spell.param_self = Some(id);
                }
                match ops::helper_body(&mut spell, src, id, side, kind) {
                    Yield::Tail => {}
                    Yield::Values(out) => match kind {
                        Kind::Lower => src.line(tuple(&out)),
                        Kind::Lift | Kind::Load => src.line(&out[0]),
                        Kind::Store => {}
                    },
                }
            });
        });
    }
}
