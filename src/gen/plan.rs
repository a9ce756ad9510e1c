//! Plan: the language-neutral description of one world's boundary.
//!
//! For every imported and exported function: its core signature, whether parameters or results
//! spill to memory (and the layout of the spill area), and its core import/export names. For every
//! resource: the names of its intrinsics. Emitters read this; they make no ABI decision.

use wit_parser::abi::{AbiVariant, WasmSignature};
use wit_parser::{
    Function, FutureIntrinsic, Handle, InterfaceId, LiftLowerAbi, ManglingAndAbi, PackageName,
    Resolve, ResourceIntrinsic, StreamIntrinsic, Type, TypeDefKind, TypeId, TypeOwner, WasmExport,
    WasmExportKind, WasmImport, WorldId, WorldItem, WorldKey,
};

use crate::gen::hash::HashMap;
use std::ops::Range;

use super::abi::{dealias, Abi, CoreTy, Layout};
use super::facts::{Facts, TypeFacts};

const MANGLING: ManglingAndAbi = ManglingAndAbi::Legacy(LiftLowerAbi::Sync);
const ASYNC_MANGLING: ManglingAndAbi = ManglingAndAbi::Legacy(LiftLowerAbi::AsyncCallback);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Direction {
    Import,
    Export,
}

pub struct WorldPlan<'a> {
    pub resolve: &'a Resolve,
    pub world: WorldId,
    pub abi: Abi,
    /// Imported interfaces in world order, then world-level imported functions (key `None`).
    pub imports: Vec<InterfacePlan>,
    pub exports: Vec<InterfacePlan>,
    /// Types defined at world level (`type`, `record` … inside the world).
    pub world_types: Vec<TypeId>,
    facts: TypeFacts,
    /// Where each resource's plan is: (interface, resource) in the side's list.
    resources: HashMap<(TypeId, Direction), (usize, usize)>,
    /// Where each future or stream type's intrinsics are first planned: (side, interface,
    /// function, endpoint).
    endpoints: HashMap<TypeId, (Direction, usize, usize, usize)>,
}

/// Whose items an [`InterfacePlan`] holds.
pub enum Owner {
    /// An interface the world imports or exports under `key`.
    Interface { key: WorldKey, id: InterfaceId },
    /// The world itself: its functions and types.
    World,
}

pub struct InterfacePlan {
    pub owner: Owner,
    pub direction: Direction,
    /// Types defined by the interface, in definition order.
    pub types: Vec<TypeId>,
    pub functions: Vec<FunctionPlan>,
    pub resources: Vec<ResourcePlan>,
}

pub struct FunctionPlan {
    pub func: Function,
    pub direction: Direction,
    pub core_params: Vec<CoreTy>,
    pub core_results: Vec<CoreTy>,
    /// Where the parameters travel: flat, or stored in memory behind one pointer.
    pub params: ParamsAbi,
    /// The result is stored in memory: imports pass a pointer to fill, exports return one.
    pub result_spilled: Option<Layout>,
    pub linkage: Linkage,
    /// Every `future`/`stream` type the function mentions, in intrinsic index order (`N`).
    pub endpoints: Vec<Endpoint>,
}

/// Where a function's parameters travel.
pub enum ParamsAbi {
    /// As flat core values: each parameter's run of the core parameters, in order.
    Flat(Vec<Range<usize>>),
    /// Stored in memory like a record of all parameters, passed as one pointer.
    Spilled(SpillArea),
}

/// How a function meets the core module: the import it calls, or the exports it defines.
pub enum Linkage {
    Import { module: String, field: String },
    Export(ExportLink),
}

pub struct ExportLink {
    /// The core export (`[async-lift]…` for async functions).
    pub name: String,
    pub shape: ExportShape,
}

pub enum ExportShape {
    /// `post_return`: the post-return export, which exists only to free what a spilled result
    /// points at.
    Sync {
        post_return: Option<String>,
    },
    Async(AsyncExport),
}

/// One `future<T>` or `stream<T>` type of a function and the intrinsics imported for it.
#[derive(Clone)]
pub struct Endpoint {
    pub ty: TypeId,
    pub stream: bool,
    pub payload: Option<Type>,
    /// The module every intrinsic is imported from.
    pub module: String,
    /// The import names, in [`EndpointOp::ALL`] order.
    fields: [String; 7],
}

/// An intrinsic of a future or stream type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EndpointOp {
    New,
    Read,
    Write,
    CancelRead,
    CancelWrite,
    DropReadable,
    DropWritable,
}

impl EndpointOp {
    pub const ALL: [EndpointOp; 7] = [
        EndpointOp::New,
        EndpointOp::Read,
        EndpointOp::Write,
        EndpointOp::CancelRead,
        EndpointOp::CancelWrite,
        EndpointOp::DropReadable,
        EndpointOp::DropWritable,
    ];

    /// `new`, `cancel-read`…, as import names spell it.
    fn kebab(self) -> &'static str {
        match self {
            EndpointOp::New => "new",
            EndpointOp::Read => "read",
            EndpointOp::Write => "write",
            EndpointOp::CancelRead => "cancel-read",
            EndpointOp::CancelWrite => "cancel-write",
            EndpointOp::DropReadable => "drop-readable",
            EndpointOp::DropWritable => "drop-writable",
        }
    }

    /// Reads and writes are async-lowered; the other intrinsics are synchronous.
    fn is_async(self) -> bool {
        matches!(self, EndpointOp::Read | EndpointOp::Write)
    }

    /// `new`, `read`, `cancel_read`…
    pub fn name(self) -> &'static str {
        match self {
            EndpointOp::New => "new",
            EndpointOp::Read => "read",
            EndpointOp::Write => "write",
            EndpointOp::CancelRead => "cancel_read",
            EndpointOp::CancelWrite => "cancel_write",
            EndpointOp::DropReadable => "drop_readable",
            EndpointOp::DropWritable => "drop_writable",
        }
    }

    /// The core signature of the intrinsic: parameters and result. `new` returns both ends'
    /// handles in one `i64`; reads and writes take the handle, the buffer and (for streams)
    /// its length, and return the copy result.
    pub fn signature(self, stream: bool) -> (&'static [CoreTy], Option<CoreTy>) {
        use CoreTy::{I32, I64};
        match self {
            EndpointOp::New => (&[], Some(I64)),
            EndpointOp::Read | EndpointOp::Write if stream => (&[I32, I32, I32], Some(I32)),
            EndpointOp::Read | EndpointOp::Write => (&[I32, I32], Some(I32)),
            EndpointOp::CancelRead | EndpointOp::CancelWrite => (&[I32], Some(I32)),
            EndpointOp::DropReadable | EndpointOp::DropWritable => (&[I32], None),
        }
    }
}

impl Endpoint {
    /// The name the intrinsic `op` is imported as (from [`Endpoint::module`]).
    pub fn field(&self, op: EndpointOp) -> &str {
        &self.fields[op as usize]
    }
}

/// How a world names an interface instance, which both backends turn into a module or package
/// path.
pub enum InstancePath<'r> {
    /// `import label: …`.
    Label(&'r str),
    /// `import ns:pkg/iface@version`.
    Package {
        package: &'r PackageName,
        interface: &'r str,
        /// The version in identifier form (`0_2_0`), if the package has one.
        version: Option<String>,
        /// Whether the packages read hold another version of the same package.
        other_versions: bool,
    },
}

impl InterfacePlan {
    /// The instance's path; `None` for the world's own items.
    pub fn path<'a>(&'a self, resolve: &'a Resolve) -> Option<InstancePath<'a>> {
        let Owner::Interface { key, id } = &self.owner else {
            return None;
        };
        if let WorldKey::Name(label) = key {
            return Some(InstancePath::Label(label));
        }
        let iface = &resolve.interfaces[*id];
        let package = &resolve.packages[iface.package.expect("interface in a package")].name;
        let same = |p: &PackageName| p.namespace == package.namespace && p.name == package.name;
        Some(InstancePath::Package {
            package,
            interface: iface.name.as_deref().unwrap_or("interface"),
            version: (package.version.as_ref())
                .map(|v| v.to_string().replace(['.', '-', '+'], "_")),
            other_versions: resolve
                .packages
                .iter()
                .filter(|(_, p)| same(&p.name))
                .count()
                > 1,
        })
    }

    /// The interface's key in the world; `None` for the world's own items.
    pub fn key(&self) -> Option<&WorldKey> {
        match &self.owner {
            Owner::Interface { key, .. } => Some(key),
            Owner::World => None,
        }
    }

    /// The interface; `None` for the world's own items.
    pub fn id(&self) -> Option<InterfaceId> {
        match self.owner {
            Owner::Interface { id, .. } => Some(id),
            Owner::World => None,
        }
    }
}

impl FunctionPlan {
    pub fn is_async(&self) -> bool {
        self.func.kind.is_async()
    }

    /// The core import an import wrapper calls.
    pub fn import(&self) -> (&str, &str) {
        match &self.linkage {
            Linkage::Import { module, field } => (module, field),
            Linkage::Export(_) => unreachable!("`{}` is an export", self.func.name),
        }
    }

    /// The core exports of an exported function.
    pub fn export(&self) -> &ExportLink {
        match &self.linkage {
            Linkage::Export(link) => link,
            Linkage::Import { .. } => unreachable!("`{}` is an import", self.func.name),
        }
    }
}

/// What an async export needs beyond its `[async-lift]` entry point.
pub struct AsyncExport {
    /// `[callback][async-lift]…`: called with each event until the task exits.
    pub callback_name: String,
    /// `[task-return]…` in the `[export]…` module.
    pub task_return: (String, String),
    /// Flat core parameters of `task.return` (the result, or one pointer when it spills).
    pub task_return_params: Vec<CoreTy>,
    /// The result is passed to `task.return` in memory.
    pub task_return_spilled: Option<Layout>,
}

/// Where spilled parameters live: a record of all parameters.
pub struct SpillArea {
    pub layout: Layout,
    pub offsets: Vec<usize>,
}

pub struct ResourcePlan {
    pub id: TypeId,
    /// Import: `[resource-drop]` of the imported resource. Export: the same intrinsic in the
    /// `[export]` module, which ends the handle and runs our destructor.
    pub drop: (String, String),
    /// Export only: `[resource-new]`, `[resource-rep]` and the `[dtor]` export name.
    pub new: Option<(String, String)>,
    pub rep: Option<(String, String)>,
    pub dtor_export: Option<String>,
}

impl<'a> WorldPlan<'a> {
    pub fn new(resolve: &'a Resolve, world_id: WorldId) -> WorldPlan<'a> {
        let world = &resolve.worlds[world_id];
        let abi = Abi::new(resolve);
        let mut plan = WorldPlan {
            resolve,
            world: world_id,
            abi,
            imports: Vec::new(),
            exports: Vec::new(),
            world_types: Vec::new(),
            facts: TypeFacts::default(),
            resources: HashMap::default(),
            endpoints: HashMap::default(),
        };
        for (direction, items) in [
            (Direction::Import, &world.imports),
            (Direction::Export, &world.exports),
        ] {
            let mut world_funcs = Vec::new();
            let mut world_resources = Vec::new();
            let mut interfaces = Vec::new();
            for (key, item) in items {
                match item {
                    WorldItem::Interface { id, .. } => {
                        interfaces.push(plan.interface_plan(key.clone(), *id, direction));
                    }
                    WorldItem::Function(func) => {
                        world_funcs.push(plan.function_plan(None, func, direction));
                    }
                    WorldItem::Type { id, .. } => {
                        if direction == Direction::Import {
                            plan.world_types.push(*id);
                            if matches!(resolve.types[*id].kind, TypeDefKind::Resource) {
                                world_resources.push(plan.resource_plan(None, *id, direction));
                            }
                        }
                    }
                }
            }
            interfaces.push(InterfacePlan {
                owner: Owner::World,
                direction,
                types: Vec::new(),
                functions: world_funcs,
                resources: world_resources,
            });
            match direction {
                Direction::Import => plan.imports = interfaces,
                Direction::Export => plan.exports = interfaces,
            }
        }
        let facts = TypeFacts::new(resolve, |r| !plan.implements_resource(r, Direction::Export));
        plan.facts = facts;
        let (mut resources, mut endpoints) = (HashMap::default(), HashMap::default());
        for dir in [Direction::Import, Direction::Export] {
            for (i, iface) in plan.side(dir).iter().enumerate() {
                for (k, r) in iface.resources.iter().enumerate() {
                    resources.insert((r.id, dir), (i, k));
                }
                for (j, f) in iface.functions.iter().enumerate() {
                    for (k, e) in f.endpoints.iter().enumerate() {
                        endpoints.entry(e.ty).or_insert((dir, i, j, k));
                    }
                }
            }
        }
        plan.resources = resources;
        plan.endpoints = endpoints;
        plan
    }

    /// The interfaces of one side.
    pub fn side(&self, dir: Direction) -> &[InterfacePlan] {
        match dir {
            Direction::Import => &self.imports,
            Direction::Export => &self.exports,
        }
    }

    /// The plan of resource `id` on side `dir`, if the side has the resource's interface.
    pub fn resource(&self, id: TypeId, dir: Direction) -> Option<&ResourcePlan> {
        let (i, k) = *self.resources.get(&(id, dir))?;
        Some(&self.side(dir)[i].resources[k])
    }

    /// The intrinsics of future or stream type `ty` (every such type at the boundary is
    /// mentioned by some function).
    pub fn endpoint(&self, ty: TypeId) -> &Endpoint {
        let (dir, i, j, k) = self.endpoints[&ty];
        &self.side(dir)[i].functions[j].endpoints[k]
    }

    /// What values of `ty` hold (see [`Facts`]).
    pub fn facts(&self, ty: &Type) -> Facts {
        self.facts.of(ty)
    }

    /// Every function of the world, imported and exported.
    pub fn functions(&self) -> impl Iterator<Item = &FunctionPlan> {
        let ifaces = self.imports.iter().chain(&self.exports);
        ifaces.flat_map(|i| &i.functions)
    }

    fn interface_plan(
        &self,
        key: WorldKey,
        id: InterfaceId,
        direction: Direction,
    ) -> InterfacePlan {
        let iface = &self.resolve.interfaces[id];
        let types: Vec<TypeId> = iface.types.values().copied().collect();
        let functions = iface
            .functions
            .values()
            .map(|f| self.function_plan(Some(&key), f, direction))
            .collect();
        let resources = types
            .iter()
            .filter(|t| matches!(self.resolve.types[**t].kind, TypeDefKind::Resource))
            .map(|t| self.resource_plan(Some(&key), *t, direction))
            .collect();
        InterfacePlan {
            owner: Owner::Interface { key, id },
            direction,
            types,
            functions,
            resources,
        }
    }

    fn function_plan(
        &self,
        key: Option<&WorldKey>,
        func: &Function,
        direction: Direction,
    ) -> FunctionPlan {
        let is_async = func.kind.is_async();
        let variant = match (direction, is_async) {
            (Direction::Import, false) => AbiVariant::GuestImport,
            (Direction::Export, false) => AbiVariant::GuestExport,
            (Direction::Import, true) => AbiVariant::GuestImportAsync,
            (Direction::Export, true) => AbiVariant::GuestExportAsync,
        };
        let mangling = if is_async { ASYNC_MANGLING } else { MANGLING };
        let sig: WasmSignature = self.resolve.wasm_signature(variant, func);
        let params = if sig.indirect_params {
            let types: Vec<&Type> = func.params.iter().map(|p| &p.ty).collect();
            ParamsAbi::Spilled(SpillArea {
                layout: self.abi.record_layout(types.iter().copied()),
                offsets: self.abi.field_offsets(types.iter().copied()),
            })
        } else {
            let mut at = 0;
            let runs = func.params.iter().map(|p| {
                let n = Abi::flat_all(self.resolve, &p.ty).len();
                at += n;
                at - n..at
            });
            ParamsAbi::Flat(runs.collect())
        };
        // Async imports always write their result through a pointer; async exports hand it to
        // `task.return` instead of returning it.
        let result_spilled = if sig.retptr && !(is_async && direction == Direction::Export) {
            func.result.as_ref().map(|t| self.abi.layout(t))
        } else {
            None
        };
        let export = |kind| {
            self.resolve.wasm_export_name(
                mangling,
                WasmExport::Func {
                    interface: key,
                    func,
                    kind,
                },
            )
        };
        let linkage = match direction {
            Direction::Import => {
                let (module, field) = self.resolve.wasm_import_name(
                    mangling,
                    WasmImport::Func {
                        interface: key,
                        func,
                    },
                );
                Linkage::Import { module, field }
            }
            Direction::Export if is_async => {
                let (module, name, ret_sig) =
                    func.task_return_import(self.resolve, key, wit_parser::Mangling::Legacy);
                let task_return_params = ret_sig.params.iter().map(|t| CoreTy::from_wasm(*t));
                Linkage::Export(ExportLink {
                    name: export(WasmExportKind::Normal),
                    shape: ExportShape::Async(AsyncExport {
                        callback_name: export(WasmExportKind::Callback),
                        task_return: (module, name),
                        task_return_params: task_return_params.collect(),
                        task_return_spilled: if ret_sig.indirect_params {
                            func.result.as_ref().map(|t| self.abi.layout(t))
                        } else {
                            None
                        },
                    }),
                })
            }
            Direction::Export => Linkage::Export(ExportLink {
                name: export(WasmExportKind::Normal),
                shape: ExportShape::Sync {
                    post_return: sig.retptr.then(|| export(WasmExportKind::PostReturn)),
                },
            }),
        };
        let endpoints = func
            .find_futures_and_streams(self.resolve)
            .into_iter()
            .map(|ty| self.endpoint_plan(key, func, ty, direction))
            .collect();
        FunctionPlan {
            endpoints,
            func: func.clone(),
            direction,
            core_params: sig.params.iter().map(|t| CoreTy::from_wasm(*t)).collect(),
            core_results: sig.results.iter().map(|t| CoreTy::from_wasm(*t)).collect(),
            params,
            result_spilled,
            linkage,
        }
    }

    fn endpoint_plan(
        &self,
        key: Option<&WorldKey>,
        func: &Function,
        ty: TypeId,
        direction: Direction,
    ) -> Endpoint {
        let (stream, payload) = match &self.resolve.types[ty].kind {
            TypeDefKind::Stream(p) => (true, *p),
            TypeDefKind::Future(p) => (false, *p),
            _ => unreachable!("find_futures_and_streams returns futures and streams"),
        };
        let exported = direction == Direction::Export;
        let name = |op: EndpointOp| {
            let async_ = op.is_async();
            let import = if stream {
                let intrinsic = match op {
                    EndpointOp::New => StreamIntrinsic::New,
                    EndpointOp::Read => StreamIntrinsic::Read,
                    EndpointOp::Write => StreamIntrinsic::Write,
                    EndpointOp::CancelRead => StreamIntrinsic::CancelRead,
                    EndpointOp::CancelWrite => StreamIntrinsic::CancelWrite,
                    EndpointOp::DropReadable => StreamIntrinsic::DropReadable,
                    EndpointOp::DropWritable => StreamIntrinsic::DropWritable,
                };
                WasmImport::StreamIntrinsic {
                    interface: key,
                    func,
                    ty: Some(ty),
                    intrinsic,
                    exported,
                    async_,
                }
            } else {
                let intrinsic = match op {
                    EndpointOp::New => FutureIntrinsic::New,
                    EndpointOp::Read => FutureIntrinsic::Read,
                    EndpointOp::Write => FutureIntrinsic::Write,
                    EndpointOp::CancelRead => FutureIntrinsic::CancelRead,
                    EndpointOp::CancelWrite => FutureIntrinsic::CancelWrite,
                    EndpointOp::DropReadable => FutureIntrinsic::DropReadable,
                    EndpointOp::DropWritable => FutureIntrinsic::DropWritable,
                };
                WasmImport::FutureIntrinsic {
                    interface: key,
                    func,
                    ty: Some(ty),
                    intrinsic,
                    exported,
                    async_,
                }
            };
            self.resolve.wasm_import_name(ASYNC_MANGLING, import)
        };
        // Asking wit-parser for each name searches the function's types for this one's index
        // every time (seven searches per endpoint); the seven names differ only in their
        // `[kind-op-index]` prefix, so the others are spelled from the first. Debug builds (the
        // test suite) check each against wit-parser's.
        let (module, new) = name(EndpointOp::New);
        let kind = if stream { "stream" } else { "future" };
        let spelled = new.strip_prefix('[').and_then(|rest| {
            let (bracket, tail) = rest.split_once(']')?;
            let index = bracket.strip_prefix(kind)?.strip_prefix("-new-")?;
            Some((index.to_string(), tail.to_string()))
        });
        let fields = EndpointOp::ALL.map(|op| {
            let Some((index, tail)) = &spelled else {
                return name(op).1;
            };
            let lower = if op.is_async() { "[async-lower]" } else { "" };
            let field = format!("{lower}[{kind}-{}-{index}]{tail}", op.kebab());
            debug_assert_eq!((module.clone(), field.clone()), name(op));
            field
        });
        Endpoint {
            ty,
            stream,
            payload,
            module,
            fields,
        }
    }

    fn resource_plan(
        &self,
        key: Option<&WorldKey>,
        id: TypeId,
        direction: Direction,
    ) -> ResourcePlan {
        let intrinsic = |intrinsic| {
            self.resolve.wasm_import_name(
                MANGLING,
                WasmImport::ResourceIntrinsic {
                    interface: key,
                    resource: id,
                    intrinsic,
                },
            )
        };
        match direction {
            Direction::Import => ResourcePlan {
                id,
                drop: intrinsic(ResourceIntrinsic::ImportedDrop),
                new: None,
                rep: None,
                dtor_export: None,
            },
            Direction::Export => ResourcePlan {
                id,
                drop: intrinsic(ResourceIntrinsic::ExportedDrop),
                new: Some(intrinsic(ResourceIntrinsic::ExportedNew)),
                rep: Some(intrinsic(ResourceIntrinsic::ExportedRep)),
                dtor_export: key.map(|key| {
                    self.resolve.wasm_export_name(
                        MANGLING,
                        WasmExport::ResourceDtor {
                            interface: key,
                            resource: id,
                        },
                    )
                }),
            },
        }
    }

    /// Is interface `id` imported by the world?
    pub fn is_imported(&self, id: InterfaceId) -> bool {
        self.imports.iter().any(|i| i.id() == Some(id))
    }

    pub fn is_exported(&self, id: InterfaceId) -> bool {
        self.exports.iter().any(|i| i.id() == Some(id))
    }

    /// Which copy of a named type a use on side `side` refers to. Exported interfaces see the
    /// exported copy of an interface that is itself exported, and the imported one otherwise.
    pub fn type_home(&self, id: TypeId, side: Direction) -> TypeHome {
        match self.resolve.types[id].owner {
            TypeOwner::Interface(i) => {
                let dir = match side {
                    Direction::Export if self.is_exported(i) => Direction::Export,
                    Direction::Export if !self.is_imported(i) => Direction::Export,
                    _ => Direction::Import,
                };
                TypeHome::Interface(i, dir)
            }
            TypeOwner::World(_) => TypeHome::World,
            TypeOwner::None => TypeHome::Anonymous,
        }
    }

    /// Whether the component implements `resource` (a resource of an interface it exports),
    /// seen from `side`. A `borrow` of it reaches an export as its representation; a borrow of
    /// any other resource is *lent*: the export gets a handle of its own, which the canonical
    /// ABI requires dropped before the call returns (wasmtime traps otherwise).
    pub fn implements_resource(&self, resource: TypeId, side: Direction) -> bool {
        // A world `use` names the imported copy, whatever side uses it.
        if through_world_alias(self.resolve, resource) {
            return false;
        }
        let Type::Id(r) = dealias(self.resolve, Type::Id(resource)) else {
            return false;
        };
        matches!(
            self.type_home(r, side),
            TypeHome::Interface(_, Direction::Export)
        )
    }

    /// Whether `ty`, received by an export, is a lent borrow (see
    /// [`Self::implements_resource`]).
    pub fn is_lent_borrow(&self, ty: &Type) -> bool {
        let Type::Id(id) = dealias(self.resolve, *ty) else {
            return false;
        };
        match self.resolve.types[id].kind {
            TypeDefKind::Handle(Handle::Borrow(r)) => {
                !self.implements_resource(r, Direction::Export)
            }
            _ => false,
        }
    }
}

/// Whether the alias chain from `id` passes through a world-level alias (a world `use`): the
/// type it ends at is then the imported interface's copy, on either side.
pub fn through_world_alias(resolve: &Resolve, mut id: TypeId) -> bool {
    loop {
        let def = &resolve.types[id];
        match def.kind {
            TypeDefKind::Type(Type::Id(next)) => {
                if matches!(def.owner, TypeOwner::World(_)) {
                    return true;
                }
                id = next;
            }
            _ => return false,
        }
    }
}

/// The side whose copy of an interface type a value of `ty` is: a world-level alias (a world
/// `use`) names the imported interface's type, whatever side uses it.
pub fn use_side(resolve: &Resolve, ty: &Type, side: Direction) -> Direction {
    match ty {
        Type::Id(id) if through_world_alias(resolve, *id) => Direction::Import,
        _ => side,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TypeHome {
    Interface(InterfaceId, Direction),
    World,
    Anonymous,
}
