//! Plan: the language-neutral description of one world's boundary.
//!
//! For every imported and exported function: its core signature, whether parameters or results
//! spill to memory (and the layout of the spill area), and its core import/export names. For every
//! resource: the names of its intrinsics. Emitters read this; they make no ABI decision.

use wit_parser::abi::{AbiVariant, WasmSignature};
use wit_parser::{
    Function, FutureIntrinsic, Handle, InterfaceId, LiftLowerAbi, ManglingAndAbi, PackageName,
    Resolve, ResourceIntrinsic, StreamIntrinsic, Type, TypeDef, TypeDefKind, TypeId, TypeOwner,
    WasmExport, WasmExportKind, WasmImport, WorldId, WorldItem, WorldKey,
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

impl Direction {
    /// The opposite side.
    pub fn other(self) -> Direction {
        match self {
            Direction::Import => Direction::Export,
            Direction::Export => Direction::Import,
        }
    }
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
    /// Where each future or stream type's intrinsics are first planned on each side that
    /// mentions it: (interface, function, endpoint) in the side's list.
    endpoints: HashMap<(TypeId, Direction), (usize, usize, usize)>,
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
    /// The instance of its interface on its side whose module holds the interface's types
    /// (see [`is_home_instance`]); always true of the world's own functions.
    pub home: bool,
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
            for (i, (key, item)) in items.iter().enumerate() {
                match item {
                    WorldItem::Interface { id, .. } => {
                        let mut iface = plan.interface_plan(key.clone(), *id, direction);
                        iface.home = is_home_instance(items, i);
                        interfaces.push(iface);
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
                home: true,
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
                        endpoints.entry((e.ty, dir)).or_insert((i, j, k));
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

    /// The intrinsics of future or stream type `ty` for code on side `dir`: an interface both
    /// imported and exported has one type for both sides, but each side's ends are of its own
    /// component-level type (a future of a resource holds the side's own resource), made and
    /// used with the side's intrinsics. Those of the other side when `dir` mentions no such type
    /// (every such type at the boundary is mentioned by some function).
    pub fn endpoint(&self, ty: TypeId, dir: Direction) -> &Endpoint {
        let (dir, (i, j, k)) = match self.endpoints.get(&(ty, dir)) {
            Some(&at) => (dir, at),
            None => (dir.other(), self.endpoints[&(ty, dir.other())]),
        };
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
            home: true,
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

/// Gives each further instance of an interface that defines resources its own copy of the
/// interface, so that its types are its own (`import primary: store; import secondary: store;`).
///
/// In the component model every instance's resources are distinct types: a handle of
/// `primary`'s `bucket` lives in another table, and is dropped through another import, than one
/// of `secondary`'s. Both backends key types by [`TypeId`], so each such instance gets new ids:
/// the interface is copied with its types (and the anonymous types built on them) and its
/// functions, and the world item points at the copy. The home instance (the one named by the
/// interface itself, else the first one) keeps the original, which is the one other interfaces
/// `use`; a labelled instance cannot be used by anything, so nothing else needs rewriting.
/// Instances of interfaces without resources keep sharing the home instance's types. Imports
/// and exports are separate sides (see [`WorldPlan::type_home`]); each side has its own home.
///
/// The copy keeps the interface's name and package (it is not listed in the package), so the
/// world encodes exactly as before.
pub fn separate_resource_instances(resolve: &mut Resolve, world: WorldId) {
    for export in [false, true] {
        let w = &resolve.worlds[world];
        let items = if export { &w.exports } else { &w.imports };
        let others: Vec<(usize, InterfaceId)> = (items.iter().enumerate())
            .filter_map(|(i, (_, item))| match item {
                WorldItem::Interface { id, .. } if !is_home_instance(items, i) => Some((i, *id)),
                _ => None,
            })
            .collect();
        for (i, id) in others {
            let defines_resources = (resolve.interfaces[id].types.values())
                .any(|t| matches!(resolve.types[*t].kind, TypeDefKind::Resource));
            if defines_resources {
                let copy = copy_interface(resolve, id);
                set_instance(resolve, world, (export, i), copy);
            }
        }
    }
}

/// Whether item `i` of a world's imports (or exports), an instance of an interface, is the one
/// whose module holds the interface's types on that side: the instance named by the interface
/// itself (`import ns:pkg/store;`) if there is one, else the first.
pub fn is_home_instance(items: &wit_parser::IndexMap<WorldKey, WorldItem>, i: usize) -> bool {
    let id_of = |item: &WorldItem| match item {
        WorldItem::Interface { id, .. } => Some(*id),
        _ => None,
    };
    let Some((key, item)) = items.get_index(i) else {
        return false;
    };
    let Some(id) = id_of(item) else {
        return false;
    };
    if matches!(key, WorldKey::Interface(_)) {
        return true;
    }
    let mut instances = items.iter().filter(|(_, item)| id_of(item) == Some(id));
    let by_interface = instances
        .clone()
        .any(|(k, _)| matches!(k, WorldKey::Interface(_)));
    !by_interface && instances.next().map(|(k, _)| k) == Some(key)
}

/// The world as its component type is embedded in a core module, when that differs from
/// `resolve`: every labelled instance of a named interface (`import primary: store`) as an
/// anonymous interface of the same shape (`import primary: interface { … }`). wit-component
/// encodes the former with the name form `[implements=<ns:pkg/store>]primary`, which the
/// `wasm-component-ld` of Rust's `wasm32-wasip2` toolchain cannot read, and which wasmtime
/// rejects unless its `cm-implements` feature is on; the instance type is the same either way.
/// `None` when the world has no such instance.
pub fn embedded_world(resolve: &Resolve, world: WorldId) -> Option<Resolve> {
    let labelled = |items: &wit_parser::IndexMap<WorldKey, WorldItem>| {
        (items.iter().enumerate())
            .filter_map(|(i, item)| match item {
                (WorldKey::Name(_), WorldItem::Interface { id, .. })
                    if resolve.interfaces[*id].name.is_some() =>
                {
                    Some((i, *id))
                }
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    let w = &resolve.worlds[world];
    let (imports, exports) = (labelled(&w.imports), labelled(&w.exports));
    if imports.is_empty() && exports.is_empty() {
        return None;
    }
    let mut resolve = resolve.clone();
    for (export, list) in [(false, imports), (true, exports)] {
        for (i, id) in list {
            let copy = copy_interface(&mut resolve, id);
            resolve.interfaces[copy].name = None;
            set_instance(&mut resolve, world, (export, i), copy);
        }
    }
    Some(resolve)
}

/// Makes the world's import (or export, `item.0`) at index `item.1` an instance of `iface`.
fn set_instance(resolve: &mut Resolve, world: WorldId, item: (bool, usize), iface: InterfaceId) {
    let w = &mut resolve.worlds[world];
    let items = if item.0 {
        &mut w.exports
    } else {
        &mut w.imports
    };
    if let Some((_, WorldItem::Interface { id, .. })) = items.get_index_mut(item.1) {
        *id = iface;
    }
}

/// A copy of interface `id` owning copies of its types (see [`separate_resource_instances`]).
fn copy_interface(resolve: &mut Resolve, id: InterfaceId) -> InterfaceId {
    let new = resolve.interfaces.next_id();
    let (from, to) = (TypeOwner::Interface(id), TypeOwner::Interface(new));
    let mut copies = HashMap::default();
    let mut iface = resolve.interfaces[id].clone();
    for ty in iface.types.values_mut() {
        *ty = copy_type(resolve, &mut copies, (from, to), *ty);
    }
    for func in iface.functions.values_mut() {
        if let Some(r) = func.kind.resource_mut() {
            *r = copy_type(resolve, &mut copies, (from, to), *r);
        }
        let types = func.params.iter_mut().map(|p| &mut p.ty);
        for ty in types.chain(func.result.as_mut()) {
            copy_ty(resolve, &mut copies, (from, to), ty);
        }
    }
    iface.clone_of = Some(id);
    let allocated = resolve.interfaces.alloc(iface);
    debug_assert_eq!(allocated, new);
    allocated
}

/// The copy of `ty` when it is owned by `owners.0` or anonymous (anonymous types may be built
/// on the owner's types); types of other interfaces (a `use`) are kept.
fn copy_type(
    resolve: &mut Resolve,
    copies: &mut HashMap<TypeId, TypeId>,
    owners: (TypeOwner, TypeOwner),
    ty: TypeId,
) -> TypeId {
    if let Some(copy) = copies.get(&ty) {
        return *copy;
    }
    let mut def: TypeDef = resolve.types[ty].clone();
    if def.owner == owners.0 {
        def.owner = owners.1;
    } else if def.owner != TypeOwner::None {
        return ty;
    }
    let mut each = |t: &mut Type| copy_ty(resolve, copies, owners, t);
    match &mut def.kind {
        TypeDefKind::Type(t)
        | TypeDefKind::Option(t)
        | TypeDefKind::List(t)
        | TypeDefKind::FixedLengthList(t, _) => each(t),
        TypeDefKind::Map(k, v) => {
            each(k);
            each(v);
        }
        TypeDefKind::Tuple(t) => t.types.iter_mut().for_each(each),
        TypeDefKind::Record(r) => r.fields.iter_mut().for_each(|f| each(&mut f.ty)),
        TypeDefKind::Variant(v) => v.cases.iter_mut().for_each(|c| {
            c.ty.as_mut().map(&mut each);
        }),
        TypeDefKind::Result(r) => r.ok.iter_mut().chain(r.err.iter_mut()).for_each(each),
        TypeDefKind::Future(t) | TypeDefKind::Stream(t) => t.iter_mut().for_each(each),
        TypeDefKind::Handle(Handle::Own(r) | Handle::Borrow(r)) => {
            *r = copy_type(resolve, copies, owners, *r);
        }
        TypeDefKind::Resource
        | TypeDefKind::Flags(_)
        | TypeDefKind::Enum(_)
        | TypeDefKind::Unknown => {}
    }
    let copy = resolve.types.alloc(def);
    copies.insert(ty, copy);
    copy
}

fn copy_ty(
    resolve: &mut Resolve,
    copies: &mut HashMap<TypeId, TypeId>,
    owners: (TypeOwner, TypeOwner),
    ty: &mut Type,
) {
    if let Type::Id(id) = ty {
        *id = copy_type(resolve, copies, owners, *id);
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TypeHome {
    Interface(InterfaceId, Direction),
    World,
    Anonymous,
}

impl TypeHome {
    /// The side a type defined here is written for: an interface's side; world-level (and
    /// anonymous) types are the import side's.
    pub fn side(self) -> Direction {
        match self {
            TypeHome::Interface(_, dir) => dir,
            _ => Direction::Import,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Upstream's `issue1642.wit` shape, exported twice as well.
    const WIT: &str = "package foo:foo;
        interface types { resource shared; }
        interface store {
          use types.{shared};
          variant error { no-such-store, other(string) }
          record entry { key: string, value: option<bucket> }
          resource bucket {
            open: static func(identifier: string) -> result<bucket, error>;
            get: func(key: string) -> result<option<list<u8>>, error>;
            entries: func() -> list<entry>;
            share: func(s: borrow<shared>) -> future<bucket>;
          }
        }
        world w {
          import primary: store;
          import secondary: store;
          import store;
          export a: store;
          export b: store;
        }";

    fn load() -> (Resolve, WorldId) {
        let mut resolve = Resolve::new();
        let pkg = resolve.push_str("w.wit", WIT).expect("parses");
        let world = resolve.select_world(&[pkg], Some("w")).expect("world");
        (resolve, world)
    }

    fn encode(resolve: &Resolve, world: WorldId) -> Vec<u8> {
        let utf8 = wit_component::StringEncoding::UTF8;
        wit_component::metadata::encode(resolve, world, utf8, None, false).expect("encodes")
    }

    fn instance(resolve: &Resolve, world: WorldId, export: bool, key: &str) -> InterfaceId {
        let w = &resolve.worlds[world];
        let items = if export { &w.exports } else { &w.imports };
        let found = items.iter().find(|(k, _)| resolve.name_world_key(k) == key);
        match found {
            Some((_, WorldItem::Interface { id, .. })) => *id,
            _ => panic!("no instance {key}"),
        }
    }

    #[test]
    fn each_further_instance_of_a_resource_interface_gets_its_own_types() {
        let (mut resolve, world) = load();
        let before = encode(&resolve, world);
        let store = instance(&resolve, world, false, "foo:foo/store");
        let types = instance(&resolve, world, false, "foo:foo/types");
        separate_resource_instances(&mut resolve, world);
        // The world is the same component type.
        assert_eq!(encode(&resolve, world), before);
        let id = |export, key| instance(&resolve, world, export, key);
        // Imports: the plain import is the home; both labels get copies. Exports: `a` is the
        // home (the first), `b` a copy.
        assert_eq!(id(false, "foo:foo/store"), store);
        assert_eq!(id(true, "a"), store);
        let copies = [id(false, "primary"), id(false, "secondary"), id(true, "b")];
        let mut all = vec![store];
        for copy in copies {
            assert!(!all.contains(&copy));
            all.push(copy);
            assert_eq!(resolve.interfaces[copy].clone_of, Some(store));
            let bucket = resolve.interfaces[copy].types["bucket"];
            assert_ne!(bucket, resolve.interfaces[store].types["bucket"]);
            assert_eq!(resolve.types[bucket].owner, TypeOwner::Interface(copy));
            // Types built on the copy's resource are the copy's too; a `use` still names the
            // other interface's type.
            let entry = &resolve.types[resolve.interfaces[copy].types["entry"]];
            let TypeDefKind::Record(r) = &entry.kind else {
                panic!("a record")
            };
            let Type::Id(option) = r.fields[1].ty else {
                panic!("an option")
            };
            let TypeDefKind::Option(Type::Id(own)) = resolve.types[option].kind else {
                panic!("option<own<bucket>>")
            };
            assert_eq!(
                resolve.types[own].kind,
                TypeDefKind::Handle(Handle::Own(bucket))
            );
            let shared = resolve.interfaces[copy].types["shared"];
            let TypeDefKind::Type(Type::Id(used)) = resolve.types[shared].kind else {
                panic!("a use")
            };
            assert_eq!(used, resolve.interfaces[types].types["shared"]);
            let open = &resolve.interfaces[copy].functions["[static]bucket.open"];
            assert_eq!(open.kind.resource(), Some(bucket));
        }
        // The plan then gives each instance its own resource intrinsics.
        let plan = WorldPlan::new(&resolve, world);
        let drops: Vec<&(String, String)> = (plan.imports.iter().chain(&plan.exports))
            .flat_map(|i| &i.resources)
            .filter(|r| resolve.types[r.id].name.as_deref() == Some("bucket"))
            .map(|r| &r.drop)
            .collect();
        let module = |d: &&(String, String)| d.0.clone();
        assert_eq!(
            drops.iter().map(module).collect::<Vec<_>>(),
            [
                "primary",
                "secondary",
                "foo:foo/store",
                "[export]a",
                "[export]b"
            ]
        );
    }

    #[test]
    fn labelled_instances_are_embedded_as_anonymous_interfaces() {
        let (mut resolve, world) = load();
        separate_resource_instances(&mut resolve, world);
        let embedded = embedded_world(&resolve, world).expect("the world has labels");
        // Read back, each labelled instance is an interface without a name (no `implements`)
        // with the same items; interface names stay.
        let bytes = encode(&embedded, world);
        let Ok(wit_component::DecodedWasm::WitPackage(decoded, pkg)) =
            wit_component::decode(&bytes)
        else {
            panic!("a WIT package")
        };
        let w = decoded.packages[pkg].worlds["w"];
        let mut seen = Vec::new();
        for export in [false, true] {
            let w = &decoded.worlds[w];
            for (key, item) in if export { &w.exports } else { &w.imports } {
                let WorldItem::Interface { id, .. } = item else {
                    continue;
                };
                let iface = &decoded.interfaces[*id];
                let name = decoded.name_world_key(key);
                assert_eq!(iface.name.is_some(), matches!(key, WorldKey::Interface(_)));
                if name.ends_with("/types") {
                    continue;
                }
                let types: Vec<&String> = iface.types.keys().collect();
                assert_eq!(types, ["shared", "error", "bucket", "entry"], "{name}");
                assert_eq!(iface.functions.len(), 4, "{name}");
                seen.push(name);
            }
        }
        let want = ["primary", "secondary", "foo:foo/store", "a", "b"];
        assert_eq!(seen, want);
        // Nothing to change in a world without labelled instances of named interfaces.
        let mut plain = Resolve::new();
        let pkg = (plain.push_str("p.wit", "package a:b; interface i {} world p { import i; }"))
            .expect("parses");
        let world = plain.select_world(&[pkg], Some("p")).expect("world");
        assert!(embedded_world(&plain, world).is_none());
    }

    #[test]
    fn instances_of_interfaces_without_resources_are_left_shared() {
        let mut resolve = Resolve::new();
        let pkg = (resolve.push_str(
            "l.wit",
            "package a:b;
             interface logger { record entry { m: string } log: func(e: entry); }
             world l { import logger; import audit: logger; export x: logger; export y: logger; }",
        ))
        .expect("parses");
        let world = resolve.select_world(&[pkg], Some("l")).expect("world");
        let before = resolve.worlds[world].clone();
        separate_resource_instances(&mut resolve, world);
        let after = &resolve.worlds[world];
        assert_eq!(after.imports, before.imports);
        assert_eq!(after.exports, before.exports);
    }
}
