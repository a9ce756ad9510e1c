//! The Rust emitter: walks a [`WorldPlan`] and writes one `.rs` file.
//!
//! Layout of the output: one module per package/interface (`exports::…` for exported ones), the
//! types, import wrappers, export traits and export glue in them, a private `_abi` module with one
//! out-of-line lift/lower helper per type (see `helpers`), the `export!` macro and the embedded
//! component type.

mod endpoints;
mod helpers;
mod items;
mod merge;
mod modules;
mod names;
mod ownership;
mod types;

use wit_parser::{Handle, InterfaceId, Type, TypeDefKind, TypeId, WorldKey};

use self::modules::{ModuleId, ModuleTree};
use self::names::{rust_camel, rust_snake};
use self::ownership::{Borrow, ParamDef, ParamForm};
use crate::gen::abi::dealias_id;
use crate::gen::backend::Backend;
use crate::gen::names::upper_camel;
use crate::gen::plan::{Direction, InstancePath, InterfacePlan, TypeHome, WorldPlan};
use crate::gen::source::{line, Source};
use crate::{Error, OutputFile};

use crate::gen::hash::{HashMap, HashSet};
use crate::gen::ops::HelperQueue;

/// Options of the Rust backend (see the `Generator` methods of the same names).
#[derive(Clone, Debug)]
pub struct RustOptions {
    /// Path of the runtime crate in generated code.
    pub runtime_path: String,
    /// The options of wit-bindgen's names.
    pub flags: crate::RustFlags,
}

impl Default for RustOptions {
    fn default() -> Self {
        RustOptions {
            runtime_path: "::witbind_rt".to_string(),
            flags: crate::RustFlags::default(),
        }
    }
}

impl RustOptions {
    /// Whether the function is generated (not named by `skip`).
    fn generates(&self, f: &crate::gen::plan::FunctionPlan) -> bool {
        !self.flags.skip.contains(&f.func.name)
    }
}

/// Names given to one exported resource.
struct ResourceNames {
    /// The owned handle type (`R`).
    handle: String,
    /// The trait the user implements (`GuestR`).
    guest: String,
    /// The borrowed handle type (`RBorrow`).
    borrow: String,
}

pub(crate) struct RustEmitter<'p, 'r> {
    plan: &'p WorldPlan<'r>,
    options: &'p RustOptions,
    rt: String,
    tree: ModuleTree,
    /// Where an interface's types live: the module of its instance named by the interface itself
    /// (`import ns:pkg/iface`) when there is one, else of its first instance.
    iface_modules: HashMap<(InterfaceId, Direction), ModuleId>,
    /// The module of each instance: an interface imported (or exported) again under a label
    /// (`import other: ns:pkg/iface`) has its own functions, and uses the types of the home one.
    instance_modules: HashMap<(WorldKey, Direction), ModuleId>,
    /// The name of each named type in its home module.
    type_names: HashMap<(TypeId, TypeHome), String>,
    resources: HashMap<TypeId, ResourceNames>,
    abi_module: ModuleId,
    /// Out-of-line helpers, by type, side and how far the value they take borrows.
    helpers: HelperQueue<(TypeId, Direction, Borrow)>,
    /// Records and variants with a borrowing definition for import parameters (`ownership`).
    param_defs: HashMap<TypeId, ParamDef>,
    /// The name of each borrowing definition, in the module of the type.
    param_names: HashMap<TypeId, String>,
    /// Trait method names of exported functions, by (module, WIT function name).
    method_names: HashMap<(ModuleId, String), String>,
    /// One vtable per distinct `future`/`stream` payload, keyed by (is stream, Rust payload type).
    vtables: Vec<endpoints::Vtable>,
    /// Spell types canonically (see `ty_id`).
    canonical: std::cell::Cell<bool>,
    /// The `alloc` names (`String`, `Vec`, `Box`) each module spells bare, to `use` from the
    /// runtime (see [`RustEmitter::prelude`]).
    alloc_uses: std::cell::RefCell<std::collections::BTreeSet<(ModuleId, &'static str)>>,
    /// Counter for fresh local names in generated code.
    fresh: usize,
    /// Types used as the error of a function's `result` (see `types::error_types`).
    error_types: HashSet<TypeId>,
    /// Imported types mapped to a Rust type elsewhere (`with` of `ns:pkg/iface/type`): the
    /// alias the root imports the path under, and the path.
    remapped_types: HashMap<TypeId, (String, String)>,
    /// Every named type, in the order named (see `merge`).
    named_order: Vec<merge::Defined>,
    /// Types merged into a structurally equal one (`merge_structurally_equal_types`).
    merged: HashMap<merge::Defined, merge::Defined>,
}

/// The Rust backend: one file, `<world>.rs`.
pub struct RustBackend(pub RustOptions);

impl Backend for RustBackend {
    fn emit(&self, plan: &WorldPlan<'_>) -> Result<Vec<OutputFile>, Error> {
        let world = &plan.resolve.worlds[plan.world].name;
        Ok(vec![OutputFile {
            path: format!("{}.rs", crate::gen::names::snake(world)),
            contents: emit(plan, &self.0)?,
        }])
    }
}

/// Generates the Rust bindings file for a planned world.
fn emit(plan: &WorldPlan<'_>, options: &RustOptions) -> Result<String, Error> {
    let mut emitter = RustEmitter::new(plan, options);
    emitter.name_modules()?;
    emitter.name_types();
    emitter.merge_equal_types();
    emitter.collect_endpoints();
    emitter.emit_types();
    emitter.emit_imports();
    emitter.emit_exports();
    emitter.emit_endpoints();
    emitter.emit_helpers();
    Ok(emitter.finish())
}

/// How a type is spelled in a given position.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Position {
    /// Owned value: fields, results, export arguments.
    Owned,
    /// A top-level parameter of an export trait method: borrows get an anonymous lifetime.
    ExportParam,
    /// Inside a type definition: borrows use the definition's `'a`.
    Definition,
}

impl<'p, 'r> RustEmitter<'p, 'r> {
    fn new(plan: &'p WorldPlan<'r>, options: &'p RustOptions) -> Self {
        let mut tree = ModuleTree::new();
        // Names the generated file itself uses at the root come first.
        tree.child(0, "exports", "exports".into());
        tree.modules[0].types.claim("Guest".into());
        tree.modules[0].types.claim("wit_future".into());
        tree.modules[0].types.claim("wit_stream".into());
        let abi_module = tree.child(0, "abi", "_abi".into());
        RustEmitter {
            plan,
            options,
            rt: options.runtime_path.clone(),
            tree,
            iface_modules: HashMap::default(),
            instance_modules: HashMap::default(),
            type_names: HashMap::default(),
            resources: HashMap::default(),
            abi_module,
            helpers: HelperQueue::default(),
            param_defs: ownership::param_defs(plan, options.flags.ownership),
            param_names: HashMap::default(),
            method_names: HashMap::default(),
            vtables: Vec::new(),
            canonical: std::cell::Cell::new(false),
            alloc_uses: Default::default(),
            fresh: 0,
            error_types: types::error_types(plan.resolve),
            remapped_types: HashMap::default(),
            named_order: Vec::new(),
            merged: HashMap::default(),
        }
    }

    fn resolve(&self) -> &'r wit_parser::Resolve {
        self.plan.resolve
    }

    fn fresh(&mut self, prefix: &str) -> String {
        self.fresh += 1;
        format!("{prefix}{}", self.fresh)
    }

    /// Creates the module of every interface: `ns::pkg::iface`, under `exports` for exports.
    fn name_modules(&mut self) -> Result<(), Error> {
        let resolve = self.resolve();
        let plan = self.plan;
        for list in [&plan.imports, &plan.exports] {
            for iface in list.iter() {
                let (Some(key), Some(id), Some(path)) =
                    (iface.key(), iface.id(), iface.path(resolve))
                else {
                    continue;
                };
                let mut parent = 0;
                if iface.direction == Direction::Export {
                    parent = self.tree.child(0, "exports", "exports".into());
                }
                let module = match path {
                    InstancePath::Label(name) => {
                        self.tree
                            .child(parent, &format!("name:{name}"), rust_snake(name))
                    }
                    InstancePath::Package {
                        package,
                        interface,
                        version,
                        other_versions,
                    } => {
                        let ns = &package.namespace;
                        let ns_mod = self.tree.child(parent, &format!("ns:{ns}"), rust_snake(ns));
                        // Only a package read in several versions gets its version in the name.
                        let mut pkg_name = rust_snake(&package.name);
                        if let (true, Some(v)) = (other_versions, version) {
                            pkg_name = format!("{}{v}", pkg_name.trim_start_matches("r#"));
                        }
                        let pkg_mod = self.tree.child(ns_mod, &format!("pkg:{package}"), pkg_name);
                        self.tree.child(
                            pkg_mod,
                            &format!("iface:{interface}"),
                            rust_snake(interface),
                        )
                    }
                };
                self.instance_modules
                    .insert((key.clone(), iface.direction), module);
                if iface.home {
                    self.iface_modules.insert((id, iface.direction), module);
                }
            }
        }
        self.apply_with()?;
        Ok(())
    }

    /// Maps imported interfaces to bindings generated elsewhere (`with`): their modules become
    /// aliases of the given paths, and nothing is emitted into them.
    fn apply_with(&mut self) -> Result<(), Error> {
        let options = self.options;
        if options.flags.with.is_empty() {
            return Ok(());
        }
        let resolve = self.resolve();
        let imports: Vec<(String, &InterfacePlan)> = self
            .plan
            .imports
            .iter()
            .filter(|i| i.id().is_some())
            .filter_map(|i| Some((resolve.name_world_key(i.key()?), i)))
            .collect();
        // Exports are always generated here; an entry naming one is accepted (as wit-bindgen
        // does, for `with` lists shared between a component's imports and exports).
        let exports: HashSet<String> = self
            .plan
            .exports
            .iter()
            .filter(|i| i.id().is_some())
            .filter_map(|i| Some(resolve.name_world_key(i.key()?)))
            .collect();
        let mut unknown = Vec::new();
        let mut any_interface = false;
        for (key, with) in &options.flags.with {
            if exports.contains(key) && !imports.iter().any(|(name, _)| name == key) {
                continue;
            }
            if let Some((_, iface)) = imports.iter().find(|(name, _)| name == key) {
                any_interface = true;
                if let crate::With::Path(path) = with {
                    let instance = (iface.key().expect("keyed").clone(), Direction::Import);
                    let module = self.instance_modules[&instance];
                    let alias = self.tree.modules[0].types.claim("__with".into());
                    self.tree.remap(module, alias, path.clone());
                }
                continue;
            }
            // `ns:pkg/iface/type`: one type of an imported interface.
            let ty = key.rsplit_once('/').and_then(|(iface_key, name)| {
                let (_, iface) = imports.iter().find(|(n, _)| n == iface_key)?;
                resolve.interfaces[iface.id()?].types.get(name).copied()
            });
            match (ty, with) {
                (Some(id), crate::With::Path(path)) => {
                    let alias = self.tree.modules[0].types.claim("__with".into());
                    self.remapped_types.insert(id, (alias, path.clone()));
                }
                (Some(_), crate::With::Generate) => {}
                (None, _) => unknown.push(key.as_str()),
            }
        }
        if !unknown.is_empty() {
            return Err(Error::usage(format!(
                "`with` names interfaces (or types of interfaces) the world neither imports nor \
                 exports: {}",
                unknown.join(", ")
            )));
        }
        // Once an interface is named, every imported interface must be (or `generate_all`).
        let named = |name: &String| options.flags.with.iter().any(|(k, _)| k == name);
        let missing: Vec<&str> = imports
            .iter()
            .map(|(name, _)| name)
            .filter(|name| any_interface && !options.flags.generate_all && !named(name))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            return Err(Error::usage(format!(
                "imported interfaces neither mapped nor generated: {} (map each with `with: {{ \"<name>\": \
                 path::to::bindings }}` or `generate`, or set `generate_all`)",
                missing.join(", ")
            )));
        }
        Ok(())
    }

    /// Whether type `id` on `side` is an imported type mapped elsewhere (`with`).
    fn is_remapped_type(&self, id: TypeId, side: Direction) -> bool {
        side == Direction::Import && self.remapped_types.contains_key(&id)
    }

    /// Whether `iface` is an import mapped to bindings elsewhere (`with`).
    fn is_remapped(&self, iface: &InterfacePlan) -> bool {
        iface.direction == Direction::Import
            && self.tree.modules[self.instance_module(iface)]
                .remap
                .is_some()
    }

    /// The module of `iface`'s own instance (its functions, its `Guest` trait).
    fn instance_module(&self, iface: &InterfacePlan) -> ModuleId {
        match iface.key() {
            Some(key) if iface.id().is_some() => {
                self.instance_modules[&(key.clone(), iface.direction)]
            }
            _ => 0,
        }
    }

    /// Names every type in its module, before anything is emitted.
    fn name_types(&mut self) {
        let plan = self.plan;
        let resolve = self.resolve();
        for iface in plan.imports.iter().chain(&plan.exports) {
            let Some(id) = iface.id() else { continue };
            if iface.direction == Direction::Export {
                let instance = self.instance_module(iface);
                self.tree.modules[instance].types.claim("Guest".into());
            }
            if !iface.home {
                continue;
            }
            let module = self.iface_modules[&(id, iface.direction)];
            let home = TypeHome::Interface(id, iface.direction);
            for ty in &iface.types {
                self.name_type(*ty, home, module);
            }
            if iface.direction == Direction::Export {
                for r in &iface.resources {
                    let name = resolve.types[r.id].name.as_deref().unwrap_or("anon");
                    let camel = upper_camel(name);
                    let m = &mut self.tree.modules[module];
                    let guest = m.types.claim(format!("Guest{camel}"));
                    let borrow = m.types.claim(format!("{camel}Borrow"));
                    m.defined.push(guest.clone());
                    m.defined.push(borrow.clone());
                    let handle = self.type_names[&(r.id, home)].clone();
                    self.resources.insert(
                        r.id,
                        ResourceNames {
                            handle,
                            guest,
                            borrow,
                        },
                    );
                }
            }
        }
        for ty in &plan.world_types {
            self.name_type(*ty, TypeHome::World, 0);
        }
    }

    /// Names type `id` in `module`; a type defined twice for import parameters (`ownership`)
    /// gets `{Name}Param` and `{Name}Result`.
    fn name_type(&mut self, id: TypeId, home: TypeHome, module: ModuleId) {
        let name = self.resolve().types[id].name.as_deref().unwrap_or("anon");
        let camel = rust_camel(name);
        let imported = home.side() == Direction::Import;
        let param_def = self.param_defs.get(&id).copied().filter(|_| imported);
        let m = &mut self.tree.modules[module];
        let rust = match param_def {
            Some(ParamDef::Twice) => {
                let param = m.types.claim(format!("{camel}Param"));
                m.defined.push(param.clone());
                self.param_names.insert(id, param);
                m.types.claim(format!("{camel}Result"))
            }
            Some(ParamDef::Only) => {
                let rust = m.types.claim(camel);
                self.param_names.insert(id, rust.clone());
                rust
            }
            None => m.types.claim(camel),
        };
        m.defined.push(rust.clone());
        self.type_names.insert((id, home), rust);
        self.named_order.push((id, home));
    }

    /// Module and name of a named type as seen from side `side`.
    fn named_type(&self, id: TypeId, side: Direction) -> Option<(ModuleId, &str)> {
        let (id, home) = self.canonical(id, self.plan.type_home(id, side));
        if let (TypeHome::Interface(_, Direction::Import), Some((alias, _))) =
            (home, self.remapped_types.get(&id))
        {
            // Imported at the root under its alias.
            return Some((0, alias));
        }
        let module = match home {
            TypeHome::Interface(i, dir) => *self.iface_modules.get(&(i, dir))?,
            TypeHome::World => 0,
            TypeHome::Anonymous => return None,
        };
        let name = self.type_names.get(&(id, home))?;
        Some((module, name))
    }

    /// A prelude type name (`String`, `Vec`, `Box`, `Option`, `Result`) as spelled in module
    /// `from`. The generated code builds without `std`: `Option` and `Result` are in core's
    /// prelude, qualified only where the module defines a type of that name; `String`, `Vec`
    /// and `Box` come from the runtime's re-exports of `alloc`, spelled `{rt}::String` at the
    /// root (which may be the user's crate root, through `generate!`) and where the module
    /// defines the name, else bare, with a `use` of the module (see [`RustEmitter::write_module`]).
    fn prelude(&self, from: ModuleId, name: &'static str) -> String {
        let shadowed = self.tree.modules[from].defined.iter().any(|d| d == name);
        match name {
            "Option" | "Result" if shadowed => format!("::core::{}::{name}", name.to_lowercase()),
            "String" | "Vec" | "Box" if shadowed || from == 0 => format!("{}::{name}", self.rt),
            "String" | "Vec" | "Box" => {
                self.alloc_uses.borrow_mut().insert((from, name));
                name.into()
            }
            other => other.into(),
        }
    }

    /// The Rust spelling of `ty` in module `from`, on side `side`.
    fn ty(&self, ty: &Type, side: Direction, from: ModuleId, pos: Position) -> String {
        match ty {
            Type::Bool => "bool".into(),
            Type::Char => "char".into(),
            Type::String => match self.options.flags.raw_strings {
                false => self.prelude(from, "String"),
                // `raw_strings`: the bytes as they cross, unchecked.
                true => format!("{}<u8>", self.prelude(from, "Vec")),
            },
            Type::ErrorContext => format!("{}::ErrorContext", self.rt),
            Type::Id(id) => self.ty_id(*id, side, from, pos),
            // Numbers are spelled as they are stored.
            number => helpers::prim_mem(*number).into(),
        }
    }

    fn ty_id(&self, id: TypeId, side: Direction, from: ModuleId, pos: Position) -> String {
        let def = &self.resolve().types[id];
        // In canonical spelling, aliases and named structural types are spelled out, so that
        // equal types get equal strings (one future/stream vtable per Rust type).
        let nominal = matches!(
            def.kind,
            TypeDefKind::Record(_)
                | TypeDefKind::Variant(_)
                | TypeDefKind::Enum(_)
                | TypeDefKind::Flags(_)
                | TypeDefKind::Resource
        );
        if def.name.is_some() && (nominal || !self.canonical.get()) {
            if let Some((module, name)) = self.named_type(id, side) {
                let path = self.tree.path(from, module, name);
                if !self.holds_borrow(&Type::Id(id), side) {
                    return path;
                }
                return format!("{path}<{}>", lifetime(pos, side));
            }
        }
        self.ty_structural(id, side, from, pos)
    }

    /// The spelling of a type from its structure, ignoring any name it has.
    fn ty_structural(&self, id: TypeId, side: Direction, from: ModuleId, pos: Position) -> String {
        let def = &self.resolve().types[id];
        // Borrows keep the lifetime of the position they are nested in.
        let inner = match pos {
            Position::Definition | Position::ExportParam => pos,
            _ => Position::Owned,
        };
        let owned = |t: &Type| self.ty(t, side, from, inner);
        match &def.kind {
            // A world `use` names the imported copy (see `alias_side`).
            TypeDefKind::Type(t) if matches!(def.owner, wit_parser::TypeOwner::World(_)) => {
                self.ty(t, Direction::Import, from, pos)
            }
            TypeDefKind::Type(t) => self.ty(t, side, from, pos),
            TypeDefKind::List(t) => format!("{}<{}>", self.prelude(from, "Vec"), owned(t)),
            TypeDefKind::FixedLengthList(t, n) => format!("[{}; {n}]", owned(t)),
            TypeDefKind::Option(t) => format!("{}<{}>", self.prelude(from, "Option"), owned(t)),
            TypeDefKind::Result(r) => {
                let ok = r.ok.as_ref().map(owned).unwrap_or_else(|| "()".into());
                let err = r.err.as_ref().map(owned).unwrap_or_else(|| "()".into());
                format!("{}<{ok}, {err}>", self.prelude(from, "Result"))
            }
            TypeDefKind::Tuple(t) => helpers::tuple(&t.types.iter().map(owned).collect::<Vec<_>>()),
            TypeDefKind::Handle(Handle::Own(r)) => self.resource_path(*r, side, from),
            TypeDefKind::Handle(Handle::Borrow(r)) => self.borrow_ty(*r, side, from, pos),
            TypeDefKind::Future(p) => format!(
                "{}::FutureReader<{}>",
                self.rt,
                p.as_ref().map(owned).unwrap_or_else(|| "()".into())
            ),
            TypeDefKind::Stream(p) => format!(
                "{}::StreamReader<{}>",
                self.rt,
                p.as_ref().map(owned).unwrap_or_else(|| "()".into())
            ),
            TypeDefKind::Map(k, v) => format!(
                "{}<({}, {})>",
                self.prelude(from, "Vec"),
                owned(k),
                owned(v)
            ),
            // Named kinds without a recorded name cannot occur: every named definition is
            // registered by `name_types`.
            _ => "()".into(),
        }
    }

    /// The spelling of an import parameter's value of `ty` that borrows `borrow` deep (see
    /// [`Borrow`]); `def`: inside a borrowing definition (lifetime `'a`), else elided.
    fn ty_borrowed(
        &self,
        ty: &Type,
        side: Direction,
        from: ModuleId,
        borrow: Borrow,
        def: bool,
    ) -> String {
        let owned = || {
            let pos = if def {
                Position::Definition
            } else {
                Position::Owned
            };
            self.ty(ty, side, from, pos)
        };
        let form = self.param_form(ty, borrow);
        if form == ParamForm::Owned {
            return owned();
        }
        let lt = if def { "'a " } else { "" };
        let inner = |t: &Type, b: Borrow| self.ty_borrowed(t, side, from, b, def);
        let id = match ty {
            Type::String if self.options.flags.raw_strings => return format!("&{lt}[u8]"),
            Type::String => return format!("&{lt}str"),
            Type::Id(id) => *id,
            _ => return owned(),
        };
        let typedef = &self.resolve().types[id];
        match &typedef.kind {
            TypeDefKind::Record(_) | TypeDefKind::Variant(_) => match form {
                ParamForm::Holding => {
                    let (module, _) = self.named_type(id, side).expect("a named type");
                    let path = self.tree.path(from, module, &self.param_names[&id]);
                    format!("{path}<{}>", if def { "'a" } else { "'_" })
                }
                _ => format!("&{lt}{}", owned()),
            },
            // A world `use` names the imported copy (see `alias_side`).
            TypeDefKind::Type(t) if matches!(typedef.owner, wit_parser::TypeOwner::World(_)) => {
                self.ty_borrowed(t, Direction::Import, from, borrow, def)
            }
            TypeDefKind::Type(t) => inner(t, borrow),
            TypeDefKind::List(t) => format!("&{lt}[{}]", inner(t, borrow.items())),
            TypeDefKind::Option(t) => {
                format!("{}<{}>", self.prelude(from, "Option"), inner(t, borrow))
            }
            TypeDefKind::Result(r) => {
                let part =
                    |t: &Option<Type>| t.as_ref().map_or_else(|| "()".into(), |t| inner(t, borrow));
                format!(
                    "{}<{}, {}>",
                    self.prelude(from, "Result"),
                    part(&r.ok),
                    part(&r.err)
                )
            }
            TypeDefKind::Tuple(t) => {
                let items: Vec<String> = t.types.iter().map(|t| inner(t, borrow.items())).collect();
                helpers::tuple(&items)
            }
            _ => owned(),
        }
    }

    /// What [`RustEmitter::ty_borrowed`] spells `ty` as at its top level, borrowed `borrow`
    /// deep: the one place deciding it, for the spelling, the value an import wrapper lowers
    /// and the helper it calls.
    fn param_form(&self, ty: &Type, borrow: Borrow) -> ParamForm {
        if borrow == Borrow::Not || !self.plan.facts(ty).borrowable() {
            return ParamForm::Owned;
        }
        let Type::Id(id) = ty else {
            return match ty {
                Type::String => ParamForm::Ref,
                _ => ParamForm::Owned,
            };
        };
        match &self.resolve().types[*id].kind {
            // Deep borrows reach a record's borrowing definition where it has one.
            TypeDefKind::Record(_) | TypeDefKind::Variant(_) => {
                match borrow == Borrow::Deep && self.param_names.contains_key(id) {
                    true => ParamForm::Holding,
                    false => ParamForm::Ref,
                }
            }
            TypeDefKind::Type(t) => self.param_form(t, borrow),
            TypeDefKind::List(_) => ParamForm::Ref,
            TypeDefKind::Option(_) | TypeDefKind::Result(_) | TypeDefKind::Tuple(_) => {
                ParamForm::Holding
            }
            _ => ParamForm::Owned,
        }
    }

    /// How far the value an out-of-line helper of `id` takes borrows, asked for a value that
    /// borrows `borrow`: helpers of types spelled the same either way are shared (`&Record`
    /// reaches the owned record's helper).
    fn helper_borrow(&self, id: TypeId, borrow: Borrow) -> Borrow {
        let record = matches!(
            self.resolve().types[id].kind,
            TypeDefKind::Record(_) | TypeDefKind::Variant(_)
        );
        match self.param_form(&Type::Id(id), borrow) {
            ParamForm::Owned => Borrow::Not,
            ParamForm::Ref if record => Borrow::Not,
            ParamForm::Ref | ParamForm::Holding => borrow,
        }
    }

    fn resource_path(&self, r: TypeId, side: Direction, from: ModuleId) -> String {
        let side = self.alias_side(&Type::Id(r), side);
        let r = dealias_id(self.resolve(), r);
        match self.named_type(r, side) {
            Some((module, name)) => self.tree.path(from, module, name),
            None => "()".into(),
        }
    }

    fn borrow_ty(&self, r: TypeId, side: Direction, from: ModuleId, pos: Position) -> String {
        if self.plan.implements_resource(r, side) {
            let r = dealias_id(self.resolve(), r);
            let (module, _) = self
                .named_type(r, side)
                .expect("exported resource is named");
            let borrow = &self.resources[&r].borrow;
            let path = self.tree.path(from, module, borrow);
            format!("{path}<{}>", lifetime(pos, side))
        } else if side == Direction::Import {
            let lifetime = if pos == Position::Definition {
                "'a "
            } else {
                ""
            };
            format!("&{lifetime}{}", self.resource_path(r, side, from))
        } else {
            // An imported resource borrowed by an export: the export gets a handle of its own,
            // which the canonical ABI requires dropped before the call returns. Lifted as the
            // resource's handle type, whose `Drop` ends the borrow; at the top of a parameter
            // list the user sees `&T` (see `WorldPlan::is_lent_borrow`).
            self.resource_path(r, side, from)
        }
    }

    /// The side whose copy of an interface type a value of `ty` is (see
    /// [`crate::gen::plan::use_side`]).
    fn alias_side(&self, ty: &Type, side: Direction) -> Direction {
        crate::gen::plan::use_side(self.resolve(), ty, side)
    }

    /// Does a value of `ty` on `side` hold a borrow whose Rust type needs a lifetime?
    fn holds_borrow(&self, ty: &Type, side: Direction) -> bool {
        // Import side: `&R`. Export side: `RBorrow<'_>` of our own resources (borrows of
        // imported resources there are handles we hold, without a lifetime).
        let facts = self.plan.facts(ty);
        match side {
            Direction::Import => facts.holds_borrow(),
            Direction::Export => facts.holds_implemented_borrow(),
        }
    }

    /// The path of a named type without generic arguments, for constructors and patterns.
    fn type_path(&self, id: TypeId, side: Direction, from: ModuleId) -> String {
        match self.named_type(id, side) {
            Some((module, name)) => self.tree.path(from, module, name),
            None => self.ty(&Type::Id(id), side, from, Position::Owned),
        }
    }

    /// A source for items of `module`, indented for where the module's body lands in the file
    /// (so [`RustEmitter::finish`] appends bodies without re-indenting them line by line).
    fn source_for(&self, module: ModuleId) -> Source {
        Source::at_indent(self.tree.modules[module].path.len())
    }

    /// Appends the items of `src` (made by [`RustEmitter::source_for`]) to `module`.
    fn push(&mut self, module: ModuleId, src: Source) {
        let text = src.finish();
        let body = &mut self.tree.modules[module].body;
        if body.is_empty() {
            // The first items of the module: take the text rather than copy it.
            *body = text;
            return;
        }
        if !text.is_empty() {
            body.push('\n');
        }
        body.push_str(&text);
    }

    /// Assembles the module tree into one file.
    fn finish(mut self) -> String {
        self.emit_custom_section();
        // Room for every body plus the indentation nesting adds (no regrowth while assembling).
        let bodies: usize = self.tree.modules.iter().map(|m| m.body.len()).sum();
        let mut out = Source::with_capacity(bodies + 64 * self.tree.modules.len() + 4096);
        out.line("// Generated by witbind. Do not edit: regenerate from the WIT instead.");
        out.blank();
        let mut uses: Vec<&(String, String)> = self
            .tree
            .modules
            .iter()
            .filter_map(|m| m.remap.as_ref())
            .collect();
        uses.extend(self.remapped_types.values());
        uses.sort();
        for (alias, path) in uses {
            // Unused when nothing generated here names the mapped items (an interface both
            // imported and exported: the export keeps types of its own).
            out.line("#[allow(unused_imports)]");
            line!(out, "use {path} as {alias};");
        }
        self.write_module(&mut out, 0);
        out.finish()
    }

    fn write_module(&self, out: &mut Source, id: ModuleId) {
        let module = &self.tree.modules[id];
        let alloc: Vec<&str> = (self.alloc_uses.borrow().iter())
            .filter(|(m, _)| *m == id)
            .map(|(_, name)| *name)
            .collect();
        match alloc.as_slice() {
            [] => {}
            [name] => line!(out, "use {}::{name};", self.rt),
            names => line!(out, "use {}::{{{}}};", self.rt, names.join(", ")),
        }
        if !alloc.is_empty() {
            out.blank();
        }
        // Bodies are written at their module's depth already.
        out.push_text(&module.body);
        for child in &module.child_order {
            let m = &self.tree.modules[*child];
            if m.body.is_empty() && m.child_order.is_empty() {
                continue;
            }
            out.blank();
            let name = m.path.last().expect("child module has a name");
            if *child == self.abi_module {
                out.line("#[doc(hidden)]");
                out.line("#[allow(dead_code, unused_variables, unused_unsafe, clippy::all)]");
                out.block(format!("mod {name}"), "", |out| {
                    self.write_module(out, *child)
                });
            } else {
                out.line("#[allow(dead_code, clippy::all)]");
                out.block(format!("pub mod {name}"), "", |out| {
                    self.write_module(out, *child)
                });
            }
        }
    }
}

/// The lifetime a borrow gets in `pos`: the definition's `'a` inside type definitions, an
/// anonymous one in signatures, and `'static` in export-side glue (which lifts borrows that
/// only live for the call and hands them to a signature with an anonymous lifetime).
fn lifetime(pos: Position, side: Direction) -> &'static str {
    match (pos, side) {
        (Position::Definition, _) => "'a",
        (Position::Owned, Direction::Export) => "'static",
        _ => "'_",
    }
}

/// The docs of a WIT item as `///` lines.
fn docs(src: &mut Source, docs: &wit_parser::Docs) {
    src.comment(docs.contents.as_deref(), "///", "///");
}
