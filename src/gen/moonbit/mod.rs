//! The MoonBit emitter: walks a [`WorldPlan`] and writes a MoonBit module.
//!
//! Layout of the output (`W` is the world's name in snake case, also the module name):
//!
//! - `moon.mod.json`;
//! - `ffi/`: the runtime helpers (`ffi.mbt`, a real file in this directory, embedded): memory
//!   access, allocation, UTF-16 string copies, `cabi_realloc`;
//! - `import/<ns>/<pkg>/<iface>/` (or `import/<name>/`): the types and import wrappers of an
//!   imported interface;
//! - `export/<ns>/<pkg>/<iface>/`: the types of an exported interface;
//! - `world/`: world-level types and imported functions;
//! - `link/`: the export glue. It is the linked package: its `moon.pkg.json` lists the core
//!   exports (`cabi_realloc`, every export and post-return function) and exports the memory.
//!
//! Exports are implemented by the user in the package `W/impl` (a directory `impl/` of the same
//! module, with a `moon.pkg.json` of the user's own): the glue calls `@impl.<name>` for each
//! exported function, where `<name>` is `<interface>_<function>` for interface exports and
//! `<function>` for world-level ones (see `MoonBitBackend::skeleton` and the comment at the top of
//! `link/link.mbt`). A wrong signature is a type error in the glue.
//!
//! Strings cross as UTF-16 (MoonBit's own encoding): the component must be built with
//! `string-encoding=utf16`.
//!
//! Canonical ABI glue (`abi`) takes every size, offset, flat type and spill decision from the plan
//! and [`crate::gen::abi`]. Each named record, variant and enum used at the boundary gets one
//! out-of-line `wb__lower_T` / `wb__lift_T` / `wb__store_T` / `wb__load_T` helper in its own
//! package, calling the helpers of its parts; anonymous types (lists, options, results, tuples)
//! are written inline. Generated helpers and temporaries are named `wb__…`, which no WIT name
//! can produce.
//!
//! Resources are structs holding the handle (`R { handle : Int }`): an imported resource's
//! functions are its methods (`R::new`, `r.method()`, `R::static_fn`, `r.drop()`); an exported
//! resource's representation is the user's own `Int` key: `R::new(rep)` makes a handle,
//! `r.rep()` reads it back, methods receive the `rep` of `self` (and of borrowed handles of
//! resources the component exports), and `impl.<iface>_<resource>_drop(rep)` is the destructor.

mod abi;
mod endpoints;
mod functions;
mod names;
mod types;

use std::collections::BTreeMap;

use crate::gen::hash::HashMap;

use wit_parser::{InterfaceId, Type, TypeId, WorldKey};

use crate::gen::backend::Backend;
use crate::gen::names::Scope;
use crate::gen::plan::{Direction, InstancePath, TypeHome, WorldPlan};
use crate::{Error, OutputFile};

/// The runtime helpers written as the `ffi` package.
const FFI_MBT: &str = include_str!("ffi.mbt");

/// The async runtime written as the `rt` package when the world uses async.
const RT_MBT: &str = include_str!("rt.mbt");

/// The package of the user's export implementations, relative to the module.
pub const IMPL_PACKAGE: &str = "impl";

/// One generated package.
struct Package {
    /// Directory relative to the module root (`/` separated).
    dir: String,
    /// Full package names imported, with their aliases.
    imports: BTreeMap<String, String>,
    aliases: Scope,
    types: Scope,
    values: Scope,
    body: String,
    /// `link.wasm.exports` entries (`function:export-name`); makes the package the linked one.
    link_exports: Vec<String>,
    /// Holds `async fn`s that may never suspend (export glue, skeleton stubs): the compiler's
    /// `unused_async` warning (67) is off for the package.
    async_stubs: bool,
}

pub(crate) struct MoonBitEmitter<'p, 'r> {
    plan: &'p WorldPlan<'r>,
    module: String,
    packages: Vec<Package>,
    /// Where an interface's types live: the package of its instance named by the interface
    /// itself (`import ns:pkg/iface`) when there is one, else of its first instance.
    iface_pkgs: HashMap<(InterfaceId, Direction), usize>,
    /// The package of each instance (its functions): an interface imported (or exported) again
    /// under a label (`import other: ns:pkg/iface`) has a package of its own, using the types
    /// of the home one (an interface defining resources is copied for each label instead; see
    /// [`crate::gen::plan::separate_resource_instances`]).
    instance_pkgs: HashMap<(WorldKey, Direction), usize>,
    world_pkg: usize,
    link_pkg: usize,
    /// Named types: (package, name) of each type in its home.
    type_names: HashMap<(TypeId, TypeHome), (usize, String)>,
    /// Every named type with the side it is defined for, its package and its name, in order.
    definitions: Vec<(TypeId, Direction, usize, String)>,
    /// Record fields, variant/enum cases and flags members, per type.
    member_names: HashMap<TypeId, Vec<String>>,
    /// `impl` package function names of exported functions, by (interface key, WIT name).
    impl_names: HashMap<(Option<WorldKey>, String), String>,
    impl_scope: Scope,
    /// Method names of each imported resource's struct.
    method_scopes: HashMap<TypeId, Scope>,
    helpers: crate::gen::ops::HelperQueue<(TypeId, TypeHome)>,
    /// Vtable names per (package, future or stream type, side).
    vtables: HashMap<(usize, TypeId, Direction), String>,
    vtable_queue: Vec<VtableRequest>,
    /// Every package's directory (one scope, rather than one rebuilt per new package).
    package_dirs: Scope,
    /// `@alias` of package `.1` in package `.0` (see `qualifier`).
    qualifiers: HashMap<(usize, usize), String>,
    /// The full names of the `ffi` and `rt` packages (see `import_fixed`).
    ffi_path: String,
    rt_path: String,
    fresh: usize,
}

/// A future or stream vtable to write into a package.
struct VtableRequest {
    pkg: usize,
    id: TypeId,
    side: Direction,
    name: String,
}

/// The MoonBit backend: a module, and the `impl` package skeleton.
pub struct MoonBitBackend;

impl Backend for MoonBitBackend {
    fn emit(&self, plan: &WorldPlan<'_>) -> Result<Vec<OutputFile>, Error> {
        emit(plan)
    }

    /// The `impl` package the generated glue expects, as MoonBit declarations with `...`
    /// bodies: a starting point for a new implementation, and what witbind's tests type-check
    /// generated code against. Files: `impl/moon.pkg.json`, `impl/impl.mbt`.
    fn skeleton(&self, plan: &WorldPlan<'_>) -> Result<Vec<OutputFile>, Error> {
        let mut emitter = MoonBitEmitter::new(plan);
        emitter.name_packages();
        emitter.name_types();
        Ok(emitter.impl_skeleton())
    }
}

/// Generates the MoonBit module for a planned world.
fn emit(plan: &WorldPlan<'_>) -> Result<Vec<OutputFile>, Error> {
    let mut emitter = MoonBitEmitter::new(plan);
    emitter.name_packages();
    emitter.name_types();
    emitter.emit_types();
    emitter.emit_imports();
    emitter.emit_exports();
    emitter.emit_endpoint_constructors();
    // Helpers and vtables request each other (records holding futures, futures of records).
    loop {
        emitter.emit_helpers();
        if !emitter.emit_vtables() {
            break;
        }
    }
    Ok(emitter.finish())
}

impl<'p, 'r> MoonBitEmitter<'p, 'r> {
    fn new(plan: &'p WorldPlan<'r>) -> Self {
        let world = &plan.resolve.worlds[plan.world];
        let module = names::path_segment(&world.name);
        let ffi_path = format!("{module}/ffi");
        let rt_path = format!("{module}/rt");
        let mut emitter = MoonBitEmitter {
            plan,
            module,
            packages: Vec::new(),
            iface_pkgs: HashMap::default(),
            instance_pkgs: HashMap::default(),
            world_pkg: 0,
            link_pkg: 0,
            type_names: HashMap::default(),
            definitions: Vec::new(),
            member_names: HashMap::default(),
            impl_names: HashMap::default(),
            impl_scope: Scope::with_reserved(&names::reserved_values()),
            method_scopes: HashMap::default(),
            helpers: Default::default(),
            vtables: HashMap::default(),
            vtable_queue: Vec::new(),
            package_dirs: Scope::new(),
            qualifiers: HashMap::default(),
            ffi_path,
            rt_path,
            fresh: 0,
        };
        emitter.world_pkg = emitter.add_package("world".into());
        emitter.link_pkg = emitter.add_package("link".into());
        emitter
    }

    /// Whether the world uses component-model async (async functions, futures or streams) or
    /// `error-context`, so that the module needs the `rt` package.
    fn uses_rt(&self) -> bool {
        let plan = self.plan;
        let error_context = |t: &Type| plan.facts(t).holds_error_context();
        let ifaces = plan.imports.iter().chain(&plan.exports);
        let mut types = plan.world_types.iter().chain(ifaces.flat_map(|i| &i.types));
        plan.functions().any(|f| {
            let mut types = f.func.params.iter().map(|p| &p.ty).chain(&f.func.result);
            f.is_async() || !f.endpoints.is_empty() || types.any(error_context)
        }) || types.any(|t| error_context(&Type::Id(*t)))
    }

    fn resolve(&self) -> &'r wit_parser::Resolve {
        self.plan.resolve
    }

    fn fresh(&mut self, prefix: &str) -> String {
        self.fresh += 1;
        format!("wb__{prefix}{}", self.fresh)
    }

    fn add_package(&mut self, dir: String) -> usize {
        let dir = self.package_dirs.claim(dir);
        self.packages.push(Package {
            dir,
            imports: BTreeMap::new(),
            aliases: Scope::with_reserved(&["ffi", "rt", IMPL_PACKAGE]),
            types: Scope::with_reserved(&[]),
            values: Scope::with_reserved(&names::reserved_values()),
            body: String::new(),
            link_exports: Vec::new(),
            async_stubs: false,
        });
        self.packages.len() - 1
    }

    fn package_name(&self, pkg: usize) -> String {
        format!("{}/{}", self.module, self.packages[pkg].dir)
    }

    /// `@alias` of package `target` as seen from `from` (adding the import), or `None` when they
    /// are the same package.
    fn qualifier(&mut self, from: usize, target: usize) -> Option<String> {
        if from == target {
            return None;
        }
        if let Some(alias) = self.qualifiers.get(&(from, target)) {
            return Some(alias.clone());
        }
        let name = self.package_name(target);
        let last = self.packages[target]
            .dir
            .rsplit('/')
            .next()
            .unwrap_or("pkg")
            .to_string();
        let alias = self.import_alias(from, name, last);
        self.qualifiers.insert((from, target), alias.clone());
        Some(alias)
    }

    fn import_alias(&mut self, from: usize, name: String, wanted: String) -> String {
        let pkg = &mut self.packages[from];
        if let Some(alias) = pkg.imports.get(&name) {
            return format!("@{alias}");
        }
        let alias = pkg.aliases.claim(wanted);
        pkg.imports.insert(name, alias.clone());
        format!("@{alias}")
    }

    /// `@ffi.` from package `from`.
    fn ffi(&mut self, from: usize) -> String {
        self.import_fixed(from, "ffi");
        "@ffi".into()
    }

    /// Makes package `from` import the module's package `name` (`ffi` or `rt`) under the alias
    /// `name`; no allocation when it already does.
    fn import_fixed(&mut self, from: usize, name: &str) {
        let path = if name == "ffi" {
            &self.ffi_path
        } else {
            &self.rt_path
        };
        let imports = &mut self.packages[from].imports;
        if imports.get(path).is_none_or(|alias| alias != name) {
            imports.insert(path.clone(), name.into());
        }
    }

    fn name_packages(&mut self) {
        let resolve = self.resolve();
        let plan = self.plan;
        for list in [&plan.imports, &plan.exports] {
            for iface in list.iter() {
                let (Some(key), Some(id), Some(path)) =
                    (iface.key(), iface.id(), iface.path(resolve))
                else {
                    continue;
                };
                let side = match iface.direction {
                    Direction::Import => "import",
                    Direction::Export => "export",
                };
                let dir = match path {
                    InstancePath::Label(name) => format!("{side}/{}", names::path_segment(name)),
                    InstancePath::Package {
                        package,
                        interface,
                        version,
                        ..
                    } => {
                        let ns = names::path_segment(&package.namespace);
                        let mut pkg_name = names::path_segment(&package.name);
                        if let Some(v) = version {
                            pkg_name = format!("{pkg_name}_v{v}");
                        }
                        format!("{side}/{ns}/{pkg_name}/{}", names::path_segment(interface))
                    }
                };
                let pkg = self.add_package(dir);
                self.instance_pkgs
                    .insert((key.clone(), iface.direction), pkg);
                if iface.home {
                    self.iface_pkgs.insert((id, iface.direction), pkg);
                }
            }
        }
        // Export implementation names, in world order.
        for iface in &plan.exports {
            let prefix = iface.key().map(|key| match key {
                WorldKey::Name(name) => name.clone(),
                WorldKey::Interface(id) => resolve.interfaces[*id]
                    .name
                    .clone()
                    .unwrap_or_else(|| "interface".into()),
            });
            // Destructors of exported resources first: `<iface>_<resource>_drop`.
            for r in &iface.resources {
                let Some(dtor) = &r.dtor_export else { continue };
                let rname = resolve.types[r.id].name.clone().unwrap_or_default();
                let wit = match &prefix {
                    Some(p) => format!("{p}-{rname}-drop"),
                    None => format!("{rname}-drop"),
                };
                let name = self.impl_scope.claim(names::value(&wit));
                self.impl_names
                    .insert((iface.key().cloned(), dtor.clone()), name);
            }
            for f in &iface.functions {
                let wit = match &prefix {
                    Some(p) => format!("{p}-{}", functions::flat_function_name(&f.func)),
                    None => functions::flat_function_name(&f.func),
                };
                let name = self.impl_scope.claim(names::value(&wit));
                self.impl_names
                    .insert((iface.key().cloned(), f.func.name.clone()), name);
            }
        }
    }

    /// The package holding the types of interface `id` on side `dir` (falling back to the other
    /// side when the world has only that one).
    fn home_package(&self, home: TypeHome) -> usize {
        match home {
            TypeHome::Interface(id, dir) => {
                let other = dir.other();
                self.iface_pkgs
                    .get(&(id, dir))
                    .or_else(|| self.iface_pkgs.get(&(id, other)))
                    .copied()
                    .unwrap_or(self.world_pkg)
            }
            TypeHome::World | TypeHome::Anonymous => self.world_pkg,
        }
    }

    fn finish(mut self) -> Vec<OutputFile> {
        let mut files = vec![
            OutputFile {
                path: "moon.mod.json".into(),
                contents: format!(
                    "{{\n  \"name\": \"{}\",\n  \"description\": \"Generated by witbind; do not edit.\"\n}}\n",
                    self.module
                ),
            },
            OutputFile {
                path: "ffi/moon.pkg.json".into(),
                contents: "{\n  \"warn-list\": \"-44\"\n}\n".into(),
            },
            OutputFile {
                path: "ffi/ffi.mbt".into(),
                contents: FFI_MBT.into(),
            },
        ];
        if self.uses_rt() {
            files.push(OutputFile {
                path: "rt/moon.pkg.json".into(),
                contents: format!(
                    "{{\n  \"import\": [\n    {{ \"path\": \"{}/ffi\", \"alias\": \"ffi\" }},\n    {{ \"path\": \"moonbitlang/core/debug\", \"alias\": \"debug\" }}\n  ]\n}}\n",
                    self.module
                ),
            });
            files.push(OutputFile {
                path: "rt/rt.mbt".into(),
                contents: RT_MBT.into(),
            });
        }
        // The link package always exists and pulls in every other package.
        self.import_all(self.link_pkg);
        for pkg in &self.packages {
            files.push(OutputFile {
                path: format!("{}/moon.pkg.json", pkg.dir),
                contents: package_json(pkg),
            });
            let file = source_file_stem(pkg.dir.rsplit('/').next().unwrap_or("pkg"));
            let mut text = String::from("// Generated by witbind; do not edit.\n");
            if !pkg.body.is_empty() {
                text.push('\n');
                text.push_str(&pkg.body);
            }
            files.push(OutputFile {
                path: format!("{}/{file}.mbt", pkg.dir),
                contents: text,
            });
        }
        files
    }
}

impl MoonBitEmitter<'_, '_> {
    /// Makes package `into` import every other generated package (and `ffi`).
    fn import_all(&mut self, into: usize) {
        self.ffi(into);
        if self.uses_rt() {
            self.rt(into);
        }
        for pkg in 0..self.packages.len() {
            let dir = &self.packages[pkg].dir;
            if pkg != into && dir != IMPL_PACKAGE && pkg != self.link_pkg {
                let name = self.package_name(pkg);
                let last = self.packages[pkg].dir.rsplit('/').next().unwrap_or("pkg");
                let last = last.to_string();
                self.import_alias(into, name, last);
            }
        }
    }
}

fn package_json(pkg: &Package) -> String {
    let mut out = String::from("{\n");
    let imports: Vec<String> = pkg
        .imports
        .iter()
        .map(|(path, alias)| format!("    {{ \"path\": \"{path}\", \"alias\": \"{alias}\" }}"))
        .collect();
    out.push_str(&format!("  \"import\": [\n{}\n  ]", imports.join(",\n")));
    if pkg.async_stubs || !pkg.link_exports.is_empty() {
        // The glue runs every async export in an `async` closure, which the compiler calls
        // useless (`unused_async`, 67) when the implementation is a plain `fn` that never
        // suspends (both forms are accepted); a skeleton's async stubs never suspend either.
        out.push_str(",\n  \"warn-list\": \"-67\"");
    }
    if !pkg.link_exports.is_empty() {
        let exports: Vec<String> = pkg
            .link_exports
            .iter()
            .map(|e| format!("          \"{e}\""))
            .collect();
        out.push_str(&format!(
            ",\n  \"link\": {{\n    \"wasm\": {{\n      \"exports\": [\n{}\n      ],\n      \"export-memory-name\": \"memory\"\n    }}\n  }}",
            exports.join(",\n")
        ));
    }
    out.push_str("\n}\n");
    out
}

/// The stem of a package's source file, named after the package: MoonBit builds leave out
/// files whose names end in `_test` or `_wbtest` (they are test files), so such a name gets a
/// trailing `_`.
fn source_file_stem(package: &str) -> String {
    if package.ends_with("_test") || package.ends_with("_wbtest") {
        format!("{package}_")
    } else {
        package.to_string()
    }
}
