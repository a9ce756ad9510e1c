//! Type definitions and how types are spelled in MoonBit.
//!
//! | WIT | MoonBit |
//! |-----|---------|
//! | `bool`, `char`, `string` | `Bool`, `Char`, `String` (UTF-16) |
//! | `u8`, `s8`, `u16`, `s16` | `Byte`, `Int`, `UInt16`, `Int16` |
//! | `u32`, `s32`, `u64`, `s64` | `UInt`, `Int`, `UInt64`, `Int64` |
//! | `f32`, `f64` | `Float`, `Double` |
//! | `list<T, N>` | `FixedArray[T]` |
//! | `list<T>`, `option<T>`, `result<T, E>` | `Array[T]`, `Option[T]`, `Result[T, E]` (`Unit` for none) |
//! | `map<K, V>` | `Array[(K, V)]`: the entries in order, as the canonical ABI lays them out |
//! | `tuple<A, B>`, `tuple<>` | `(A, B)`, `Unit` |
//! | record, variant, enum | `pub(all) struct`, `pub(all) enum` deriving `Eq, Debug` |
//! | flags | `pub(all) struct F { bits : UInt }` with one constructor function per member |
//! | resource | `pub(all) struct R { handle : Int }` (imported: the handle; exported: see functions) |

use wit_parser::{Handle, Type, TypeDefKind, TypeId};

use super::abi::core_import;
use super::{names, MoonBitEmitter};
use crate::gen::names::Scope;
use crate::gen::plan::{use_side, Direction};
use crate::gen::source::{line, Source};

/// The set operations of a flags type: name, doc, whether it makes a set, and the new set's
/// bits (or the `Bool`).
const FLAGS_OPERATIONS: [(&str, &str, bool, &str); 4] = [
    (
        "union",
        "The flags set in either.",
        true,
        "self.bits | other.bits",
    ),
    (
        "intersect",
        "The flags set in both.",
        true,
        "self.bits & other.bits",
    ),
    (
        "remove",
        "The flags of `self` without those of `other`.",
        true,
        "self.bits & (other.bits ^ 0xFFFFFFFFU)",
    ),
    (
        "contains",
        "Are all flags of `other` set in `self`?",
        false,
        "(self.bits & other.bits) == other.bits",
    ),
];

impl MoonBitEmitter<'_, '_> {
    /// Names every named type in its package, and the members of each.
    pub(super) fn name_types(&mut self) {
        let plan = self.plan;
        let resolve = self.resolve();
        let mut homes: Vec<(TypeId, Direction)> = Vec::new();
        for t in &plan.world_types {
            homes.push((*t, Direction::Import));
        }
        for list in [&plan.imports, &plan.exports] {
            for iface in list.iter() {
                for t in &iface.types {
                    homes.push((*t, iface.direction));
                }
            }
        }
        for (id, side) in homes {
            let home = plan.type_home(id, side);
            if self.type_names.contains_key(&(id, home)) {
                continue;
            }
            let def = &resolve.types[id];
            let Some(wit_name) = &def.name else { continue };
            let pkg = self.home_package(home);
            let name = self.packages[pkg].types.claim(names::type_(wit_name));
            self.type_names.insert((id, home), (pkg, name.clone()));
            self.definitions.push((id, side, pkg, name));
            if self.member_names.contains_key(&id) {
                continue;
            }
            // Flags members are constructor functions beside the set operations.
            let flag_ops = "bits empty all union intersect contains remove from_bits";
            let flag_ops: Vec<&str> = flag_ops.split_whitespace().collect();
            let (mut scope, wit): (Scope, Vec<&str>) = match &def.kind {
                TypeDefKind::Record(r) => {
                    (Scope::new(), r.fields.iter().map(|f| &*f.name).collect())
                }
                TypeDefKind::Variant(v) => {
                    (Scope::new(), v.cases.iter().map(|c| &*c.name).collect())
                }
                TypeDefKind::Enum(e) => (Scope::new(), e.cases.iter().map(|c| &*c.name).collect()),
                TypeDefKind::Flags(f) => (
                    Scope::with_reserved(&flag_ops),
                    f.flags.iter().map(|m| &*m.name).collect(),
                ),
                _ => continue,
            };
            let cases = matches!(def.kind, TypeDefKind::Variant(_) | TypeDefKind::Enum(_));
            let spell = if cases { names::case } else { names::value };
            let members = wit.iter().map(|n| scope.claim(spell(n))).collect();
            self.member_names.insert(id, members);
        }
    }

    /// The MoonBit spelling of `ty` inside package `pkg`, for a function on side `side`.
    pub(super) fn ty(&mut self, pkg: usize, ty: &Type, side: Direction) -> String {
        match ty {
            Type::Bool => "Bool".into(),
            Type::U8 => "Byte".into(),
            Type::S8 => "Int".into(),
            Type::U16 => "UInt16".into(),
            Type::S16 => "Int16".into(),
            Type::U32 => "UInt".into(),
            Type::S32 => "Int".into(),
            Type::U64 => "UInt64".into(),
            Type::S64 => "Int64".into(),
            Type::F32 => "Float".into(),
            Type::F64 => "Double".into(),
            Type::Char => "Char".into(),
            Type::String => "String".into(),
            Type::ErrorContext => format!("{}.ErrorContext", self.rt(pkg)),
            Type::Id(id) => {
                let side = use_side(self.resolve(), ty, side);
                self.ty_id(pkg, *id, side)
            }
        }
    }

    fn ty_id(&mut self, pkg: usize, id: TypeId, side: Direction) -> String {
        let resolve = self.resolve();
        let def = &resolve.types[id];
        match &def.kind {
            TypeDefKind::Type(t) => self.ty(pkg, t, side),
            TypeDefKind::List(t) => format!("Array[{}]", self.ty(pkg, t, side)),
            TypeDefKind::Map(k, v) => {
                let (k, v) = (self.ty(pkg, k, side), self.ty(pkg, v, side));
                format!("Array[({k}, {v})]")
            }
            TypeDefKind::FixedLengthList(t, _) => format!("FixedArray[{}]", self.ty(pkg, t, side)),
            TypeDefKind::Option(t) => format!("Option[{}]", self.ty(pkg, t, side)),
            TypeDefKind::Result(r) => {
                let ok = self.opt_ty(pkg, r.ok.as_ref(), side);
                let err = self.opt_ty(pkg, r.err.as_ref(), side);
                format!("Result[{ok}, {err}]")
            }
            TypeDefKind::Tuple(t) if t.types.is_empty() => "Unit".into(),
            // MoonBit has no 1-tuples: `tuple<T>` is `T`.
            TypeDefKind::Tuple(t) if t.types.len() == 1 => self.ty(pkg, &t.types[0], side),
            TypeDefKind::Tuple(t) => {
                let parts: Vec<String> = t.types.iter().map(|t| self.ty(pkg, t, side)).collect();
                format!("({})", parts.join(", "))
            }
            // A borrow an export receives of a resource this component implements is the
            // resource's representation, not a handle.
            TypeDefKind::Handle(Handle::Borrow(r)) if self.plan.implements_resource(*r, side) => {
                "Int".into()
            }
            TypeDefKind::Handle(Handle::Own(r) | Handle::Borrow(r)) => {
                self.ty(pkg, &Type::Id(*r), side)
            }
            TypeDefKind::Future(t) | TypeDefKind::Stream(t) => {
                let kind = match def.kind {
                    TypeDefKind::Future(_) => "Future",
                    _ => "Stream",
                };
                let payload = self.opt_ty(pkg, t.as_ref(), side);
                let rt = self.rt(pkg);
                format!("{rt}.{kind}Reader[{payload}]")
            }
            _ => self.named(pkg, id, side),
        }
    }

    pub(super) fn opt_ty(&mut self, pkg: usize, ty: Option<&Type>, side: Direction) -> String {
        match ty {
            Some(t) => self.ty(pkg, t, side),
            None => "Unit".into(),
        }
    }

    /// A named type's spelling from `pkg`: `Name` or `@alias.Name`.
    pub(super) fn named(&mut self, pkg: usize, id: TypeId, side: Direction) -> String {
        let home = self.plan.type_home(id, side);
        let (target, name) = match self.type_names.get(&(id, home)) {
            Some(found) => found.clone(),
            // A type named on the other side only (a world whose import and export share it).
            None => self
                .type_names
                .iter()
                .find(|((t, _), _)| *t == id)
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| (self.world_pkg, "Unit".into())),
        };
        match self.qualifier(pkg, target) {
            Some(q) => format!("{q}.{name}"),
            None => name,
        }
    }

    pub(super) fn emit_types(&mut self) {
        for (id, side, pkg, name) in std::mem::take(&mut self.definitions) {
            let mut src = Source::new();
            self.emit_type(&mut src, pkg, id, side, &name);
            self.push_body(pkg, src);
        }
    }

    fn emit_type(&mut self, src: &mut Source, pkg: usize, id: TypeId, side: Direction, name: &str) {
        let resolve = self.resolve();
        let def = &resolve.types[id];
        super::functions::docs(src, &def.docs);
        let members = self.member_names.get(&id).cloned().unwrap_or_default();
        match &def.kind {
            TypeDefKind::Record(r) => {
                src.block(
                    format!("pub(all) struct {name}"),
                    " derive(Eq, Debug)",
                    |src| {
                        for (f, member) in r.fields.iter().zip(&members) {
                            super::functions::member_docs(src, &f.docs);
                            let ty = self.ty(pkg, &f.ty, side);
                            line!(src, "{member} : {ty}");
                        }
                    },
                );
            }
            TypeDefKind::Variant(v) => {
                src.block(
                    format!("pub(all) enum {name}"),
                    " derive(Eq, Debug)",
                    |src| {
                        for (c, member) in v.cases.iter().zip(&members) {
                            super::functions::member_docs(src, &c.docs);
                            match &c.ty {
                                Some(t) => {
                                    let ty = self.ty(pkg, t, side);
                                    line!(src, "{member}({ty})");
                                }
                                None => line!(src, "{member}"),
                            }
                        }
                    },
                );
            }
            TypeDefKind::Enum(e) => {
                src.block(
                    format!("pub(all) enum {name}"),
                    " derive(Eq, Debug)",
                    |src| {
                        for (c, member) in e.cases.iter().zip(&members) {
                            super::functions::member_docs(src, &c.docs);
                            line!(src, "{member}");
                        }
                    },
                );
            }
            TypeDefKind::Flags(f) => {
                src.block(
                    format!("pub(all) struct {name}"),
                    " derive(Eq, Debug)",
                    |src| src.line("bits : UInt"),
                );
                src.blank();
                line!(src, "///| No flag set.");
                line!(src, "pub fn {name}::empty() -> {name} {{");
                line!(src, "    {name}::{{ bits: 0U }}");
                line!(src, "}}");
                for (i, (m, member)) in f.flags.iter().zip(&members).enumerate() {
                    src.blank();
                    super::functions::docs(src, &m.docs);
                    line!(src, "pub fn {name}::{member}() -> {name} {{");
                    line!(src, "    {name}::{{ bits: {}U }}", 1u64 << i);
                    line!(src, "}}");
                }
                for (op, doc, makes_set, expr) in FLAGS_OPERATIONS {
                    let (ret, body) = match makes_set {
                        true => (name.to_string(), format!("{name}::{{ bits: {expr} }}")),
                        false => ("Bool".to_string(), expr.to_string()),
                    };
                    src.blank();
                    line!(src, "///| {doc}");
                    line!(
                        src,
                        "pub fn {name}::{op}(self : {name}, other : {name}) -> {ret} {{"
                    );
                    line!(src, "    {body}");
                    line!(src, "}}");
                }
            }
            TypeDefKind::Type(t) => {
                let ty = self.ty(pkg, t, side);
                line!(src, "pub type {name} = {ty}");
            }
            TypeDefKind::Resource => self.emit_resource(src, id, side, name),
            TypeDefKind::List(_)
            | TypeDefKind::Map(..)
            | TypeDefKind::FixedLengthList(..)
            | TypeDefKind::Option(_)
            | TypeDefKind::Result(_)
            | TypeDefKind::Tuple(_) => {
                let ty = self.ty_id(pkg, id, side);
                line!(src, "pub type {name} = {ty}");
            }
            _ => {}
        }
    }

    /// A resource: a struct holding the handle, and its intrinsics. Imported: `drop`. Exported
    /// (the user keeps the representations): `new(rep)`, `rep()` and `drop()`.
    fn emit_resource(&mut self, src: &mut Source, id: TypeId, side: Direction, name: &str) {
        let plan = self.plan;
        let dir = plan.type_home(id, side).side();
        let Some(rp) = plan.resource(id, dir) else {
            return;
        };
        src.block(
            format!("pub(all) struct {name}"),
            " derive(Eq, Debug)",
            |src| src.line("handle : Int"),
        );
        let drop = self.fresh("drop_");
        src.blank();
        let (module, field) = &rp.drop;
        core_import(src, &drop, "(handle : Int)", module, field);
        if let (Some(new), Some(rep)) = (&rp.new, &rp.rep) {
            let (new_fn, rep_fn) = (self.fresh("new_"), self.fresh("rep_"));
            core_import(src, &new_fn, "(rep : Int) -> Int", &new.0, &new.1);
            core_import(src, &rep_fn, "(handle : Int) -> Int", &rep.0, &rep.1);
            src.blank();
            line!(
                src,
                "///| A new handle for the representation `rep` (the user's own key)."
            );
            line!(src, "pub fn {name}::new(rep : Int) -> {name} {{");
            line!(src, "    {name}::{{ handle: {new_fn}(rep) }}");
            line!(src, "}}");
            src.blank();
            line!(src, "///| The representation this handle was made for.");
            line!(src, "pub fn {name}::rep(self : {name}) -> Int {{");
            line!(src, "    {rep_fn}(self.handle)");
            line!(src, "}}");
        }
        src.blank();
        line!(src, "///| Drops the handle.");
        line!(src, "pub fn {name}::drop(self : {name}) -> Unit {{");
        line!(src, "    {drop}(self.handle)");
        line!(src, "}}");
    }
}
