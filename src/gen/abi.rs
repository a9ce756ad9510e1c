//! Canonical ABI facts about types: sizes, alignments, flat core types, field offsets.
//!
//! Every layout decision an emitter needs is answered here, so no emitter computes one itself.

use wit_parser::abi::{FlatTypes, WasmType};
use wit_parser::{Int, Resolve, SizeAlign, Type, TypeDefKind, TypeId};

/// A core wasm value type as the generated code sees it (wasm32: pointers and lengths are i32).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CoreTy {
    I32,
    I64,
    F32,
    F64,
}

impl CoreTy {
    pub fn from_wasm(ty: WasmType) -> CoreTy {
        match ty {
            WasmType::I32 | WasmType::Pointer | WasmType::Length => CoreTy::I32,
            WasmType::I64 | WasmType::PointerOrI64 => CoreTy::I64,
            WasmType::F32 => CoreTy::F32,
            WasmType::F64 => CoreTy::F64,
        }
    }
}

/// Size and alignment of a value in linear memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    pub size: usize,
    pub align: usize,
}

pub struct Abi {
    sizes: SizeAlign,
}

impl Abi {
    pub fn new(resolve: &Resolve) -> Abi {
        let mut sizes = SizeAlign::default();
        // Filling only fails for types too large to describe; such WIT is rejected earlier by
        // wit-parser's own validation.
        let _ = sizes.fill(resolve);
        Abi { sizes }
    }

    pub fn layout(&self, ty: &Type) -> Layout {
        Layout {
            size: self.sizes.size(ty).size_wasm32(),
            align: self.sizes.align(ty).align_wasm32(),
        }
    }

    /// Layout of a sequence of values laid out like a record (spilled parameters).
    pub fn record_layout<'a>(&self, types: impl IntoIterator<Item = &'a Type>) -> Layout {
        let info = self.sizes.record(types);
        Layout {
            size: info.size.size_wasm32(),
            align: info.align.align_wasm32(),
        }
    }

    pub fn field_offsets<'a>(&self, types: impl IntoIterator<Item = &'a Type>) -> Vec<usize> {
        self.sizes
            .field_offsets(types)
            .into_iter()
            .map(|(off, _)| off.size_wasm32())
            .collect()
    }

    pub fn payload_offset<'a>(
        &self,
        tag: Int,
        cases: impl IntoIterator<Item = Option<&'a Type>>,
    ) -> usize {
        self.sizes.payload_offset(tag, cases).size_wasm32()
    }

    /// The flat core types of `ty`, however many.
    pub fn flat_all(resolve: &Resolve, ty: &Type) -> Vec<CoreTy> {
        // Buffers 16 times larger each try: wit-parser fills and copies the whole buffer, so one
        // sized for the largest possible type would cost every small one.
        let mut max = 64;
        loop {
            if let Some(flat) = Self::flat(resolve, ty, max) {
                return flat;
            }
            max *= 16;
        }
    }

    /// The flat core types of `ty`, or `None` when it flattens to more than `max` values.
    pub fn flat(resolve: &Resolve, ty: &Type, max: usize) -> Option<Vec<CoreTy>> {
        // Most types flatten to a handful of values: try a small buffer before a large one
        // (wit-parser fills and copies the whole buffer, so its size is what costs).
        const SMALL: usize = 64;
        if max > SMALL {
            if let Some(flat) = Self::flat(resolve, ty, SMALL) {
                return Some(flat);
            }
        }
        let mut storage = vec![WasmType::I32; max];
        let mut flat = FlatTypes::new(&mut storage);
        if !resolve.push_flat(ty, &mut flat) {
            return None;
        }
        Some(flat.to_vec().into_iter().map(CoreTy::from_wasm).collect())
    }
}

/// Width of a discriminant or flags word in memory.
pub fn int_size(int: Int) -> usize {
    match int {
        Int::U8 => 1,
        Int::U16 => 2,
        Int::U32 => 4,
        Int::U64 => 8,
    }
}

/// Element types whose canonical memory layout equals their Rust layout (and MoonBit's, but for
/// `s8`), so lists of them move without per-element work.
pub fn is_plain_number(resolve: &Resolve, ty: &Type) -> bool {
    match ty {
        Type::U8
        | Type::S8
        | Type::U16
        | Type::S16
        | Type::U32
        | Type::S32
        | Type::U64
        | Type::S64
        | Type::F32
        | Type::F64 => true,
        Type::Id(id) => match &resolve.types[*id].kind {
            TypeDefKind::Type(t) => is_plain_number(resolve, t),
            _ => false,
        },
        _ => false,
    }
}

/// Whether `pred` holds for any type directly inside `kind` (no `Vec` of them: the emitters'
/// type predicates run for every parameter and field).
pub fn any_child_type(kind: &TypeDefKind, mut pred: impl FnMut(&Type) -> bool) -> bool {
    match kind {
        TypeDefKind::Record(r) => r.fields.iter().any(|f| pred(&f.ty)),
        TypeDefKind::Tuple(t) => t.types.iter().any(pred),
        TypeDefKind::Variant(v) => v.cases.iter().filter_map(|c| c.ty.as_ref()).any(pred),
        TypeDefKind::Option(t)
        | TypeDefKind::List(t)
        | TypeDefKind::Type(t)
        | TypeDefKind::FixedLengthList(t, _) => pred(t),
        TypeDefKind::Result(r) => r.ok.iter().chain(r.err.iter()).any(pred),
        TypeDefKind::Map(k, v) => pred(k) || pred(v),
        TypeDefKind::Future(t) | TypeDefKind::Stream(t) => t.iter().any(pred),
        _ => false,
    }
}

/// Follows type aliases (`type a = b`) to the type they name.
/// The type a chain of `type` aliases ends at.
pub fn dealias_id(resolve: &Resolve, mut id: TypeId) -> TypeId {
    while let TypeDefKind::Type(Type::Id(next)) = resolve.types[id].kind {
        id = next;
    }
    id
}

pub fn dealias(resolve: &Resolve, ty: Type) -> Type {
    match ty {
        Type::Id(id) => match &resolve.types[id].kind {
            TypeDefKind::Type(t) => dealias(resolve, *t),
            _ => ty,
        },
        _ => ty,
    }
}
