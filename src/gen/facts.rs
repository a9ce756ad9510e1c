//! What a value of each type holds, computed once per world for every type, so that no backend
//! walks a type again to ask.

use crate::gen::hash::HashMap;

use wit_parser::{Handle, Resolve, Type, TypeDefKind, TypeId};

use super::abi::{any_child_type, is_plain_number};

/// Facts about the values of one type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Facts(u16);

impl Facts {
    const OWN_HANDLE: u16 = 1;
    const HANDLE: u16 = 2;
    const OWNS: u16 = 4;
    const ENDPOINT: u16 = 8;
    const ERROR_CONTEXT: u16 = 16;
    const LENT_BORROW: u16 = 32;
    const BORROW: u16 = 64;
    const IMPLEMENTED_BORROW: u16 = 128;
    const MEMORY: u16 = 256;
    const BUFFER: u16 = 512;

    /// An owned resource handle, or a future or stream reader: lowering it gives it away.
    pub fn holds_own_handle(self) -> bool {
        self.0 & Self::OWN_HANDLE != 0
    }

    /// Any handle (borrows and `error-context` included): the value cannot be copied.
    pub fn holds_handle(self) -> bool {
        self.0 & Self::HANDLE != 0
    }

    /// Memory (strings, lists) or handles: dropping the value frees something.
    pub fn owns_memory_or_handles(self) -> bool {
        self.0 & Self::OWNS != 0
    }

    /// A string, list or map, and no owned handle: an import parameter of the type can borrow
    /// the memory instead of owning it (one holding an owned handle is given away whole).
    pub fn borrowable(self) -> bool {
        self.0 & Self::MEMORY != 0 && !self.holds_own_handle()
    }

    /// Holds a list whose elements are not plain numbers, or a map: lowering the value writes
    /// a buffer of its own (the elements in their canonical layout), where a list of numbers
    /// is passed as the memory holding it.
    pub fn lowers_into_buffer(self) -> bool {
        self.0 & Self::BUFFER != 0
    }

    /// Lowering (or storing) the value leaves something for the call to clean up or settle
    /// after it: a buffer it allocated, or a handle it gave away.
    pub fn lowering_leaves_work(self) -> bool {
        self.lowers_into_buffer() || self.holds_own_handle() || self.holds_error_context()
    }

    /// A future or stream reader.
    pub fn holds_endpoint(self) -> bool {
        self.0 & Self::ENDPOINT != 0
    }

    pub fn holds_error_context(self) -> bool {
        self.0 & Self::ERROR_CONTEXT != 0
    }

    /// A borrow of a resource the component does not implement, received by an export: a
    /// handle of its own, which the canonical ABI requires dropped before the call returns.
    pub fn holds_lent_borrow(self) -> bool {
        self.0 & Self::LENT_BORROW != 0
    }

    /// Any borrow.
    pub fn holds_borrow(self) -> bool {
        self.0 & Self::BORROW != 0
    }

    /// A borrow of a resource the component implements (which an export receives as the
    /// representation).
    pub fn holds_implemented_borrow(self) -> bool {
        self.0 & Self::IMPLEMENTED_BORROW != 0
    }
}

/// The facts of every type of a `Resolve`.
#[derive(Default)]
pub struct TypeFacts {
    facts: HashMap<TypeId, Facts>,
}

impl TypeFacts {
    /// `lent(r)`: whether a borrow of resource `r` received by an export is lent (see
    /// [`Facts::holds_lent_borrow`]).
    pub fn new(resolve: &Resolve, lent: impl Fn(TypeId) -> bool) -> TypeFacts {
        let mut this = TypeFacts {
            facts: HashMap::with_capacity_and_hasher(resolve.types.len(), Default::default()),
        };
        for (id, _) in resolve.types.iter() {
            this.compute(resolve, &lent, id);
        }
        this
    }

    pub fn of(&self, ty: &Type) -> Facts {
        match ty {
            Type::Id(id) => self.facts.get(id).copied().unwrap_or_default(),
            Type::String => Facts(Facts::OWNS | Facts::MEMORY),
            Type::ErrorContext => Facts(Facts::HANDLE | Facts::OWNS | Facts::ERROR_CONTEXT),
            _ => Facts::default(),
        }
    }

    fn compute(&mut self, resolve: &Resolve, lent: &impl Fn(TypeId) -> bool, id: TypeId) -> Facts {
        if let Some(f) = self.facts.get(&id) {
            return *f;
        }
        let kind = &resolve.types[id].kind;
        let own = Facts::OWN_HANDLE | Facts::HANDLE | Facts::OWNS;
        let mut bits = match kind {
            TypeDefKind::Handle(Handle::Own(_)) | TypeDefKind::Resource => own,
            TypeDefKind::Handle(Handle::Borrow(r)) if lent(*r) => {
                Facts::HANDLE | Facts::OWNS | Facts::BORROW | Facts::LENT_BORROW
            }
            TypeDefKind::Handle(Handle::Borrow(_)) => {
                Facts::HANDLE | Facts::OWNS | Facts::BORROW | Facts::IMPLEMENTED_BORROW
            }
            TypeDefKind::Future(_) | TypeDefKind::Stream(_) => own | Facts::ENDPOINT,
            TypeDefKind::List(e) if is_plain_number(resolve, e) => Facts::OWNS | Facts::MEMORY,
            TypeDefKind::List(_) | TypeDefKind::Map(..) => {
                Facts::OWNS | Facts::MEMORY | Facts::BUFFER
            }
            _ => 0,
        };
        // A future's or stream's payload is not part of the reader value.
        if !matches!(kind, TypeDefKind::Future(_) | TypeDefKind::Stream(_)) {
            let mut children = 0;
            any_child_type(kind, |t| {
                children |= match t {
                    Type::Id(child) => self.compute(resolve, lent, *child).0,
                    other => self.of(other).0,
                };
                false
            });
            bits |= children;
        }
        let facts = Facts(bits);
        self.facts.insert(id, facts);
        facts
    }
}
