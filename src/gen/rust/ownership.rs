//! wit-bindgen's `ownership` option: how far an import wrapper's parameters borrow the strings
//! and lists they hold, and which records and variants get a borrowing definition for it.

use wit_parser::{Type, TypeDefKind, TypeId};

use crate::gen::abi::any_child_type;
use crate::gen::hash::{HashMap, HashSet};
use crate::gen::plan::{Direction, WorldPlan};
use crate::Ownership;

/// How much of a value an import parameter borrows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Borrow {
    /// Nothing: the value is spelled as it is owned.
    Not,
    /// The top only (`Owning`): `&str`, `&[T]` of owned `T`, `&Record`; an `option` or
    /// `result` passes the borrow on to its payload (`Option<&str>`).
    Top,
    /// All the way down (`Borrowing`): `&[&str]`, and records and variants with a borrowing
    /// definition spelled by it (`Thing<'_>`).
    Deep,
}

impl Borrow {
    /// The borrow of the items of a list, tuple, record or variant borrowed this way.
    pub(super) fn items(self) -> Borrow {
        match self {
            Borrow::Top => Borrow::Not,
            other => other,
        }
    }

    /// How the top-level parameters of import wrappers borrow under `ownership`.
    pub(super) fn of_params(ownership: Ownership) -> Borrow {
        match ownership {
            Ownership::Owning => Borrow::Top,
            Ownership::Borrowing { .. } => Borrow::Deep,
        }
    }
}

/// What an import parameter's value of a type is at its top level, borrowed some way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ParamForm {
    /// The owned value: nothing to borrow, or an owned handle the call takes.
    Owned,
    /// A reference: `&str`, `&[T]`, `&Record`.
    Ref,
    /// A value holding references: `Option<&str>`, `(&str, u32)`, `Thing<'_>`.
    Holding,
}

/// A record's or variant's borrowing definition (`Borrowing` mode only).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ParamDef {
    /// Only import parameters hold the type: its one definition borrows (`Thing<'a>`).
    Only,
    /// The type is also returned, exported or sent: `ThingParam<'a>` borrows beside an owning
    /// `ThingResult` (`duplicate_if_necessary`).
    Twice,
}

/// The records and variants of the import side that get a borrowing definition: those import
/// parameters hold (not inside an owned handle, which the call takes whole) that hold strings
/// or lists and no owned handle. A type also used owned gets one only with
/// `duplicate_if_necessary`; without it such a parameter is `&Thing`.
pub(super) fn param_defs(plan: &WorldPlan<'_>, ownership: Ownership) -> HashMap<TypeId, ParamDef> {
    let Ownership::Borrowing {
        duplicate_if_necessary,
    } = ownership
    else {
        return HashMap::default();
    };
    let mut uses = Uses {
        plan,
        borrowed: HashSet::default(),
        owned: HashSet::default(),
    };
    for iface in plan.imports.iter().chain(&plan.exports) {
        for f in &iface.functions {
            let import = f.direction == Direction::Import;
            for p in &f.func.params {
                uses.mark(&p.ty, import);
            }
            if let Some(t) = &f.func.result {
                uses.mark(t, false);
            }
        }
    }
    // Types no function reaches are defined owning, as they are without the option.
    let mut defs = HashMap::default();
    for id in &uses.borrowed {
        let def = &plan.resolve.types[*id];
        if !matches!(def.kind, TypeDefKind::Record(_) | TypeDefKind::Variant(_)) {
            continue;
        }
        match (uses.owned.contains(id), duplicate_if_necessary) {
            (false, _) => defs.insert(*id, ParamDef::Only),
            (true, true) => defs.insert(*id, ParamDef::Twice),
            (true, false) => None,
        };
    }
    defs
}

/// Where types occur: borrowed by an import parameter, or owned anywhere else.
struct Uses<'p, 'r> {
    plan: &'p WorldPlan<'r>,
    borrowed: HashSet<TypeId>,
    owned: HashSet<TypeId>,
}

impl Uses<'_, '_> {
    fn mark(&mut self, ty: &Type, borrowed: bool) {
        let Type::Id(id) = ty else { return };
        let borrowed = borrowed && self.plan.facts(ty).borrowable();
        let seen = match borrowed {
            true => &mut self.borrowed,
            false => &mut self.owned,
        };
        if !seen.insert(*id) {
            return;
        }
        let kind = &self.plan.resolve.types[*id].kind;
        // A future's or stream's payload travels apart from the parameter: always owned.
        let inner = borrowed && !matches!(kind, TypeDefKind::Future(_) | TypeDefKind::Stream(_));
        any_child_type(kind, |t| {
            self.mark(t, inner);
            false
        });
    }
}
