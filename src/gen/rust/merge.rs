//! `merge_structurally_equal_types`: records, variants, enums and flags that are structurally
//! equal become one Rust type. The first one named (imports before exports, in WIT order) is
//! defined; every later one is an alias of it (`pub type Kind5 = super::blag::Kind1;`) and is
//! spelled, lifted and lowered as the first one everywhere.
//!
//! Equal means what wit-bindgen's Rust generator compares: the same kind with the same field,
//! case or flag names in the same order, and equal types in them, looking through aliases
//! (`type a1 = u8` equals `u8`). Resources are equal only to themselves, and the import and
//! export copies of a resource are different resources, so records holding the same resource
//! are equal while records holding two resources of the same shape are not. The import and
//! export copies of an interface are compared like any two interfaces: an exported type
//! without resources becomes an alias of its imported copy.
//!
//! Not merged (compared by identity): types mapped elsewhere by `with`, types holding a borrow
//! (their definitions carry a lifetime), and import types with a borrowing definition
//! (`ownership: Borrowing`).

use wit_parser::{Handle, Type, TypeDefKind, TypeId};

use super::RustEmitter;
use crate::gen::abi::dealias_id;
use crate::gen::plan::{Direction, TypeHome};

/// A named type as defined in one place: its id and home.
pub(super) type Defined = (TypeId, TypeHome);

impl RustEmitter<'_, '_> {
    /// Finds the structurally equal types among the named ones (see the module docs) and maps
    /// each later one to the first.
    pub(super) fn merge_equal_types(&mut self) {
        if !self.options.flags.merge_structurally_equal_types {
            return;
        }
        let candidates: Vec<Defined> = (self.named_order.iter().copied())
            .filter(|d| self.mergeable(*d))
            .collect();
        let mut firsts: Vec<Defined> = Vec::new();
        for d in candidates {
            match firsts.iter().find(|f| self.nominal_equal(**f, d)) {
                Some(first) => {
                    self.merged.insert(d, *first);
                }
                None => firsts.push(d),
            }
        }
        // The definition that stays gets the error impls any of its aliases needs.
        let errors: Vec<TypeId> = (self.merged.iter())
            .filter(|((id, _), _)| self.error_types.contains(id))
            .map(|(_, (first, _))| *first)
            .collect();
        self.error_types.extend(errors);
    }

    /// The type a value of named type `id` at `home` is (itself unless merged).
    pub(super) fn canonical(&self, id: TypeId, home: TypeHome) -> Defined {
        self.merged.get(&(id, home)).copied().unwrap_or((id, home))
    }

    /// Whether a type may be merged with others (see the module docs).
    fn mergeable(&self, (id, home): Defined) -> bool {
        let side = home.side();
        let nominal = matches!(
            self.resolve().types[id].kind,
            TypeDefKind::Record(_)
                | TypeDefKind::Variant(_)
                | TypeDefKind::Enum(_)
                | TypeDefKind::Flags(_)
        );
        let remapped = match home {
            TypeHome::Interface(i, dir) => {
                self.is_remapped_type(id, dir)
                    || (self.iface_modules.get(&(i, dir)))
                        .is_some_and(|m| self.tree.modules[*m].remap.is_some())
            }
            _ => false,
        };
        let borrowing = side == Direction::Import && self.param_defs.contains_key(&id);
        nominal && !remapped && !borrowing && !self.holds_borrow(&Type::Id(id), side)
    }

    /// Whether two named records, variants, enums or flags are structurally equal.
    fn nominal_equal(&self, a: Defined, b: Defined) -> bool {
        if self.canonical(a.0, a.1) == self.canonical(b.0, b.1) {
            return true;
        }
        if !self.mergeable(a) || !self.mergeable(b) {
            return false;
        }
        let (sa, sb) = (a.1.side(), b.1.side());
        let resolve = self.resolve();
        let opt = |x: &Option<Type>, y: &Option<Type>| match (x, y) {
            (Some(x), Some(y)) => self.types_equal((*x, sa), (*y, sb)),
            (None, None) => true,
            _ => false,
        };
        match (&resolve.types[a.0].kind, &resolve.types[b.0].kind) {
            (TypeDefKind::Record(x), TypeDefKind::Record(y)) => {
                x.fields.len() == y.fields.len()
                    && (x.fields.iter().zip(&y.fields))
                        .all(|(f, g)| f.name == g.name && self.types_equal((f.ty, sa), (g.ty, sb)))
            }
            (TypeDefKind::Variant(x), TypeDefKind::Variant(y)) => {
                x.cases.len() == y.cases.len()
                    && (x.cases.iter().zip(&y.cases))
                        .all(|(c, d)| c.name == d.name && opt(&c.ty, &d.ty))
            }
            (TypeDefKind::Enum(x), TypeDefKind::Enum(y)) => {
                x.cases.len() == y.cases.len()
                    && (x.cases.iter().zip(&y.cases)).all(|(c, d)| c.name == d.name)
            }
            (TypeDefKind::Flags(x), TypeDefKind::Flags(y)) => {
                x.flags.len() == y.flags.len()
                    && (x.flags.iter().zip(&y.flags)).all(|(f, g)| f.name == g.name)
            }
            _ => false,
        }
    }

    /// Looks through aliases the way `ty_structural` spells them (a world `use` names the
    /// imported copy).
    fn peel(&self, (ty, side): (Type, Direction)) -> (Type, Direction) {
        let side = self.alias_side(&ty, side);
        (crate::gen::abi::dealias(self.resolve(), ty), side)
    }

    /// The defined resource a handle of `r` on `side` refers to (as `resource_path` spells it).
    fn resource_key(&self, r: TypeId, side: Direction) -> Defined {
        let side = self.alias_side(&Type::Id(r), side);
        let r = dealias_id(self.resolve(), r);
        (r, self.plan.type_home(r, side))
    }

    /// Whether `a` and `b`, each written on its side, are the same Rust type once merged.
    fn types_equal(&self, a: (Type, Direction), b: (Type, Direction)) -> bool {
        let ((ta, sa), (tb, sb)) = (self.peel(a), self.peel(b));
        let (ia, ib) = match (ta, tb) {
            (Type::Id(ia), Type::Id(ib)) => (ia, ib),
            (Type::Id(_), _) | (_, Type::Id(_)) => return false,
            (x, y) => return x == y,
        };
        let resolve = self.resolve();
        let (da, db) = (&resolve.types[ia], &resolve.types[ib]);
        let opt = |x: &Option<Type>, y: &Option<Type>| match (x, y) {
            (Some(x), Some(y)) => self.types_equal((*x, sa), (*y, sb)),
            (None, None) => true,
            _ => false,
        };
        let eq = |x: &Type, y: &Type| self.types_equal((*x, sa), (*y, sb));
        match (&da.kind, &db.kind) {
            (
                TypeDefKind::Record(_)
                | TypeDefKind::Variant(_)
                | TypeDefKind::Enum(_)
                | TypeDefKind::Flags(_),
                _,
            ) => self.nominal_equal(
                (ia, self.plan.type_home(ia, sa)),
                (ib, self.plan.type_home(ib, sb)),
            ),
            (TypeDefKind::Resource, TypeDefKind::Resource) => {
                self.resource_key(ia, sa) == self.resource_key(ib, sb)
            }
            (TypeDefKind::Handle(Handle::Own(x)), TypeDefKind::Handle(Handle::Own(y))) => {
                self.resource_key(*x, sa) == self.resource_key(*y, sb)
            }
            // Spelled by side (`&R`, `RBorrow<'a>`, or a lent handle).
            (TypeDefKind::Handle(Handle::Borrow(x)), TypeDefKind::Handle(Handle::Borrow(y))) => {
                sa == sb && self.resource_key(*x, sa) == self.resource_key(*y, sb)
            }
            (TypeDefKind::List(x), TypeDefKind::List(y)) => eq(x, y),
            (TypeDefKind::FixedLengthList(x, n), TypeDefKind::FixedLengthList(y, m)) => {
                n == m && eq(x, y)
            }
            (TypeDefKind::Option(x), TypeDefKind::Option(y)) => eq(x, y),
            (TypeDefKind::Result(x), TypeDefKind::Result(y)) => {
                opt(&x.ok, &y.ok) && opt(&x.err, &y.err)
            }
            (TypeDefKind::Tuple(x), TypeDefKind::Tuple(y)) => {
                x.types.len() == y.types.len()
                    && (x.types.iter().zip(&y.types)).all(|(x, y)| eq(x, y))
            }
            (TypeDefKind::Map(xk, xv), TypeDefKind::Map(yk, yv)) => eq(xk, yk) && eq(xv, yv),
            (TypeDefKind::Future(x), TypeDefKind::Future(y))
            | (TypeDefKind::Stream(x), TypeDefKind::Stream(y)) => opt(x, y),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Generator, Lang, Ownership};

    const WIT: &str = "package t:merge;
        interface a {
          resource res;
          variant v { x, y(u64) }
          enum e { p, q }
          flags f { m, n }
          record holds { r: res }
          record named { s: string, v: v }
          type alias = u8;
          record plain { n: alias }
          only-param: func(x: named);
        }
        interface b {
          use a.{res};
          resource other;
          variant v { x, y(u64) }
          variant reordered { y(u64), x }
          variant renamed { x, z(u64) }
          enum e { p, q }
          flags f { m, n }
          record holds { r: res }
          record holds-other { r: other }
          record named { s: string, v: v }
          record plain { n: u8 }
          record nested { v: list<option<v>> }
          use-all: func(a: v, b: reordered, c: renamed, d: e, e: f, f: holds, g: holds-other,
            h: named, i: plain, j: nested);
        }
        interface c {
          variant v { x, y(u64) }
          record nested { v: list<option<v>> }
        }
        world w {
          import a;
          import b;
          export a;
          export c;
        }";

    fn generate(ownership: Ownership) -> String {
        let out = Generator::new(Lang::Rust)
            .inline("merge.wit", WIT)
            .merge_structurally_equal_types(true)
            .ownership(ownership)
            .generate()
            .expect("generates");
        out.files()[0].contents.clone()
    }

    /// The definitions of `module` (`pub mod module {` up to its first nested module or end).
    fn module<'s>(code: &'s str, path: &str) -> &'s str {
        let mut rest = code;
        for (i, name) in path.split("::").enumerate() {
            // The first module is one of the root's (not indented).
            let newline = if i == 0 { "\n" } else { "" };
            let at = rest
                .find(&format!("{newline}pub mod {name} {{"))
                .expect(name);
            rest = &rest[at + newline.len()..];
        }
        let end = rest[1..].find("pub mod ").map_or(rest.len(), |e| e + 1);
        &rest[..end]
    }

    #[test]
    fn merges_by_structure_and_names() {
        let code = generate(Ownership::Owning);
        let b = module(&code, "t::merge::b");
        for alias in [
            "pub type V = super::a::V;",
            "pub type E = super::a::E;",
            "pub type F = super::a::F;",
            "pub type Holds = super::a::Holds;",
            "pub type Named = super::a::Named;",
            "pub type Plain = super::a::Plain;",
        ] {
            assert!(b.contains(alias), "{alias} in\n{b}");
        }
        // Other case order or names, or another resource: not equal.
        for own in [
            "pub enum Reordered",
            "pub enum Renamed",
            "pub struct HoldsOther",
            "pub struct Nested",
        ] {
            assert!(b.contains(own), "{own} in\n{b}");
        }
        // Exports: a type without resources is its import's; one holding the exported
        // resource is not; `c`'s `nested` is `b`'s (through `list<option<v>>`).
        let exports_a = module(&code, "exports::t::merge::a");
        assert!(exports_a.contains("pub type V = super::super::super::super::t::merge::a::V;"));
        assert!(exports_a.contains("pub struct Holds"), "{exports_a}");
        let exports_c = module(&code, "exports::t::merge::c");
        assert!(
            exports_c
                .contains("pub type Nested = super::super::super::super::t::merge::b::Nested;"),
            "{exports_c}"
        );
    }

    #[test]
    fn borrowing_definitions_stay_apart() {
        let code = generate(Ownership::Borrowing {
            duplicate_if_necessary: false,
        });
        // `b`'s `named` is only an import parameter: a borrowing definition, not merged with
        // `a`'s, which an export takes as well (so is owning).
        let a = module(&code, "t::merge::a");
        assert!(a.contains("pub struct Named {"), "{a}");
        let b = module(&code, "t::merge::b");
        assert!(b.contains("pub struct Named<'a>"), "{b}");
        assert!(b.contains("pub type V = super::a::V;"), "{b}");
    }

    #[test]
    fn off_by_default() {
        let out = Generator::new(Lang::Rust)
            .inline("merge.wit", WIT)
            .generate()
            .expect("generates");
        let b = module(&out.files()[0].contents, "t::merge::b");
        assert!(b.contains("pub enum V"), "{b}");
    }
}
