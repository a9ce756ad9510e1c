//! Functions: import wrappers (in each imported interface's package, or the world package) and
//! export glue (in the world package, calling the user's `impl` package).

use wit_parser::{Docs, Function, Type};

use super::abi::LENT;
use super::abi::{core_import, core_params, core_signature, core_ty, MoonBitSpell};
use super::{names, MoonBitEmitter, IMPL_PACKAGE};
use crate::gen::abi::dealias_id;
use crate::gen::names::{is_method, item_name, Scope};
use crate::gen::ops::{self, Addr, Area};
use crate::gen::plan::{Direction, ExportShape, FunctionPlan, InterfacePlan};
use crate::gen::source::{line, Source};
use crate::OutputFile;

/// Writes WIT doc comments as `///` lines (MoonBit's `///|` block marker first).
pub(super) fn docs(src: &mut Source, docs: &Docs) {
    src.comment(docs.contents.as_deref(), "///|", "///");
}

/// Writes WIT doc comments of a member (a field or case) as plain `///` lines.
pub(super) fn member_docs(src: &mut Source, docs: &Docs) {
    src.comment(docs.contents.as_deref(), "///", "///");
}

/// A function's name among all functions of its interface: `<resource>-<item>` for resource
/// functions, [`item_name`] otherwise.
pub(super) fn flat_function_name(func: &Function) -> String {
    match func.kind.resource() {
        Some(_) => {
            // `[method]r.m`, `[constructor]r`, `[method][get]r.p`…: `r` follows the last `]`.
            let rest = func
                .name
                .rsplit_once(']')
                .map_or(func.name.as_str(), |(_, r)| r);
            let resource = rest.split('.').next().unwrap_or(rest);
            format!("{resource}-{}", item_name(func))
        }
        None => item_name(func),
    }
}

/// The MoonBit names of a function's parameters, unique among themselves. With `receiver`, a
/// method's first parameter is `self` (so that `x.method()` works); a function whose first
/// parameter is named `self` is a method in MoonBit, so free functions never use the name.
fn param_names(func: &Function, receiver: bool) -> Vec<String> {
    // `group` is the `TaskGroup` parameter of async exports.
    let mut scope = Scope::with_reserved(&["self", "group"]);
    let method = receiver && is_method(&func.kind);
    func.params
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if method && i == 0 {
                "self".to_string()
            } else {
                scope.claim(names::value(&p.name))
            }
        })
        .collect()
}

impl MoonBitEmitter<'_, '_> {
    pub(super) fn push_body(&mut self, pkg: usize, src: Source) {
        let text = src.finish();
        let body = &mut self.packages[pkg].body;
        if !body.is_empty() {
            body.push('\n');
        }
        body.push_str(&text);
    }

    pub(super) fn iface_pkg(&self, iface: &InterfacePlan) -> usize {
        match iface.key() {
            Some(key) if iface.id().is_some() => {
                self.instance_pkgs[&(key.clone(), iface.direction)]
            }
            _ => self.world_pkg,
        }
    }

    pub(super) fn emit_imports(&mut self) {
        let plan = self.plan;
        for iface in &plan.imports {
            let pkg = self.iface_pkg(iface);
            for f in &iface.functions {
                let mut src = Source::new();
                self.emit_import(&mut src, pkg, f);
                self.push_body(pkg, src);
            }
        }
    }

    fn emit_import(&mut self, src: &mut Source, pkg: usize, f: &FunctionPlan) {
        let side = Direction::Import;
        // Resource functions are methods of the resource's struct: `R::new`, `R::name`.
        let resource = f
            .func
            .kind
            .resource()
            .map(|r| dealias_id(self.resolve(), r));
        let name = match resource {
            Some(r) => {
                let ty = self.named(pkg, r, side);
                let method = names::value(&item_name(&f.func));
                let scope = self
                    .method_scopes
                    .entry(r)
                    .or_insert_with(|| Scope::with_reserved(&["drop", "handle"]));
                format!("{ty}::{}", scope.claim(method))
            }
            None => self.packages[pkg]
                .values
                .claim(names::value(&flat_function_name(&f.func))),
        };
        let raw = self.fresh("import_");
        let (module, field) = f.import();
        // The core import. (The plan's core parameters include the return pointer when the
        // result spills.)
        let signature = core_signature(&f.core_params, f.core_results.first().copied());
        core_import(src, &raw, &signature, module, field);
        src.blank();
        // The wrapper.
        docs(src, &f.func.docs);
        let params = param_names(&f.func, true);
        let typed: Vec<String> = f
            .func
            .params
            .iter()
            .zip(&params)
            .map(|(p, n)| format!("{n} : {}", self.ty(pkg, &p.ty, side)))
            .collect();
        let result = self.opt_ty(pkg, f.func.result.as_ref(), side);
        let ffi = self.ffi(pkg);
        let is_async = f.is_async();
        let head = if is_async { "pub async fn" } else { "pub fn" };
        src.block(
            format!("{head} {name}({}) -> {result}", typed.join(", ")),
            "",
            |src| {
                let allocs = "wb__allocs";
                line!(src, "let {allocs} : Array[Int] = []");
                // Readers passed to an async call come back if it is withdrawn unstarted.
                let log_taken = is_async
                    && f.func
                        .params
                        .iter()
                        .any(|p| self.plan.facts(&p.ty).holds_endpoint());
                if log_taken {
                    let rt = self.rt(pkg);
                    line!(src, "let wb__taken = {rt}.start_taking_log()");
                }
                let typed: Vec<(Type, String)> = f
                    .func
                    .params
                    .iter()
                    .zip(&params)
                    .map(|(p, n)| (p.ty, n.clone()))
                    .collect();
                let mut spell = MoonBitSpell::new(self, pkg, allocs);
                let mut args = ops::lower_args(&mut spell, src, f, &typed);
                let ret = "wb__ret";
                if let Some(layout) = f.result_spilled {
                    line!(src, "let {ret} = {ffi}.malloc({})", layout.size);
                    args.push(ret.into());
                }
                let call = format!("{raw}({})", args.join(", "));
                if is_async {
                    // The argument buffers live until the callee has started, the result
                    // area until it returned.
                    let rt = self.rt(pkg);
                    let ret_arg = if f.result_spilled.is_some() { ret } else { "0" };
                    // (Flat arguments are taken from their readers in the call expression.)
                    line!(src, "let wb__packed = {call}");
                    if log_taken {
                        line!(src, "{rt}.stop_taking_log()");
                    }
                    let taken = if log_taken { ", taken=wb__taken" } else { "" };
                    line!(
                        src,
                        "{rt}.call_import(wb__packed, {allocs}, {ret_arg}{taken})"
                    );
                } else if f.result_spilled.is_some() || f.func.result.is_none() {
                    line!(src, "{call}");
                    line!(src, "{ffi}.free_all({allocs})");
                }
                match (f.func.result, f.result_spilled) {
                    (Some(ty), Some(_)) => {
                        let v = self.load(src, pkg, side, &ty, &Addr::new(ret));
                        line!(src, "let wb__result = {v}");
                        line!(src, "{ffi}.free({ret})");
                        line!(src, "wb__result");
                    }
                    (Some(ty), None) => {
                        line!(src, "let wb__core = {call}");
                        line!(src, "{ffi}.free_all({allocs})");
                        let v = self.lift(src, pkg, side, &ty, &["wb__core".to_string()]);
                        line!(src, "{v}");
                    }
                    (None, _) => {}
                }
            },
        );
    }

    pub(super) fn emit_exports(&mut self) {
        let plan = self.plan;
        let world = self.link_pkg;
        let mut src = Source::new();
        line!(
            src,
            "///| The canonical ABI allocator the host calls to pass us memory."
        );
        line!(
            src,
            "pub fn cabi_realloc(old : Int, old_size : Int, align : Int, new_size : Int) -> Int {{"
        );
        let ffi = self.ffi(world);
        line!(
            src,
            "    {ffi}.cabi_realloc(old, old_size, align, new_size)"
        );
        line!(src, "}}");
        self.packages[world]
            .link_exports
            .push("cabi_realloc:cabi_realloc".into());
        let mut any = false;
        for iface in &plan.exports {
            for f in &iface.functions {
                any = true;
                src.blank();
                self.emit_export(&mut src, iface, f);
            }
            for r in &iface.resources {
                let Some(dtor) = &r.dtor_export else { continue };
                any = true;
                let glue = self.fresh("dtor_");
                let user = self.impl_names[&(iface.key().cloned(), dtor.clone())].clone();
                self.packages[world]
                    .link_exports
                    .push(format!("{glue}:{dtor}"));
                src.blank();
                line!(
                    src,
                    "///| `{dtor}`: the last handle is gone; calls `@{IMPL_PACKAGE}.{user}`."
                );
                line!(src, "pub fn {glue}(rep : Int) -> Unit {{");
                line!(src, "    @{IMPL_PACKAGE}.{user}(rep)");
                line!(src, "}}");
            }
        }
        if any {
            let name = format!("{}/{IMPL_PACKAGE}", self.module);
            self.packages[world]
                .imports
                .insert(name, IMPL_PACKAGE.into());
        }
        self.push_body(world, src);
    }

    fn emit_export(&mut self, src: &mut Source, iface: &InterfacePlan, f: &FunctionPlan) {
        if f.is_async() {
            return self.emit_async_export(src, iface, f);
        }
        let pkg = self.link_pkg;
        let glue = self.fresh("export_");
        let link = f.export();
        let export_name = &link.name;
        self.packages[pkg]
            .link_exports
            .push(format!("{glue}:{export_name}"));
        let user = self.impl_names[&(iface.key().cloned(), f.func.name.clone())].clone();
        let ffi = self.ffi(pkg);
        let core_params = core_params(&f.core_params);
        let core_result = match f.core_results.as_slice() {
            [] => "Unit".to_string(),
            [t] => core_ty(*t).to_string(),
            _ => unreachable!("sync exports return at most one core value"),
        };
        line!(src, "///| `{export_name}`: calls `@{IMPL_PACKAGE}.{user}`.");
        src.block(
            format!("pub fn {glue}({}) -> {core_result}", core_params),
            "",
            |src| {
                self.declare_lent_borrows(src, f);
                let args = self.lift_export_args(src, f);
                let call = format!("@{IMPL_PACKAGE}.{user}({})", args.join(", "));
                let Some(ty) = &f.func.result else {
                    line!(src, "{call}");
                    return self.end_lent_borrows(src, f);
                };
                line!(src, "let wb__result = {call}");
                self.end_lent_borrows(src, f);
                let spilled = f.result_spilled.map(|layout| (Area::Result, layout));
                let mut spell = MoonBitSpell::new(self, pkg, &format!("{ffi}.post_allocs"));
                let out = ops::lower_result(&mut spell, src, ty, spilled, "wb__result");
                line!(src, "{}", out.join(", "));
            },
        );
        if let ExportShape::Sync {
            post_return: Some(post),
        } = &link.shape
        {
            let name = self.fresh("post_return_");
            self.packages[pkg]
                .link_exports
                .push(format!("{name}:{post}"));
            src.blank();
            line!(
                src,
                "///| `{post}`: frees what the result of `{export_name}` pointed at."
            );
            line!(src, "pub fn {name}(ret : Int) -> Unit {{");
            line!(src, "    ignore(ret)");
            line!(src, "    {ffi}.free_post_allocs()");
            line!(src, "}}");
        }
    }

    /// Lifts an export's arguments from `p0`, `p1`…; returns the names bound to them. Borrows
    /// of imported resources among them are logged in `LENT` (declared by
    /// [`Self::declare_lent_borrows`]), for [`Self::end_lent_borrows`].
    fn lift_export_args(&mut self, src: &mut Source, f: &FunctionPlan) -> Vec<String> {
        let flats: Vec<String> = (0..f.core_params.len()).map(|i| format!("p{i}")).collect();
        let mut spell = MoonBitSpell::new(self, self.link_pkg, "");
        ops::lift_args(&mut spell, src, f, &flats)
    }

    /// Whether an export's parameters hold borrows of imported resources.
    fn lends_borrows(&self, f: &FunctionPlan) -> bool {
        f.func
            .params
            .iter()
            .any(|p| self.plan.facts(&p.ty).holds_lent_borrow())
    }

    /// Declares `LENT` for an export whose parameters hold borrows of imported resources.
    fn declare_lent_borrows(&self, src: &mut Source, f: &FunctionPlan) {
        if self.lends_borrows(f) {
            line!(src, "let {LENT} : Array[() -> Unit] = []");
        }
    }

    /// Ends the borrows an export's arguments held (drops their handles), once the
    /// implementation returned: before the sync glue returns, or before `task.return`.
    fn end_lent_borrows(&self, src: &mut Source, f: &FunctionPlan) {
        if self.lends_borrows(f) {
            line!(src, "for wb__end in {LENT} {{");
            line!(src, "    wb__end()");
            line!(src, "}}");
        }
    }

    /// An async export: the `[async-lift]` entry point starts a task whose body lifts the
    /// arguments, awaits the implementation and calls `task.return`; the `[callback]` export
    /// hands every event to the runtime.
    fn emit_async_export(&mut self, src: &mut Source, iface: &InterfacePlan, f: &FunctionPlan) {
        let pkg = self.link_pkg;
        let link = f.export();
        let ExportShape::Async(a) = &link.shape else {
            unreachable!("an async export")
        };
        let glue = self.fresh("export_");
        let export_name = &link.name;
        let callback = format!("{glue}_callback");
        let task_return = format!("{glue}_task_return");
        let task_cancel = format!("{glue}_task_cancel");
        let links = &mut self.packages[pkg].link_exports;
        links.push(format!("{glue}:{export_name}"));
        links.push(format!("{callback}:{}", a.callback_name));
        let user = self.impl_names[&(iface.key().cloned(), f.func.name.clone())].clone();
        let ffi = self.ffi(pkg);
        let rt = self.rt(pkg);
        let (module, name) = &a.task_return;
        let signature = core_signature(&a.task_return_params, None);
        core_import(src, &task_return, &signature, module, name);
        src.blank();
        core_import(src, &task_cancel, "()", module, "[task-cancel]");
        src.blank();
        let core_params = core_params(&f.core_params);
        line!(
            src,
            "///| `{export_name}`: runs `@{IMPL_PACKAGE}.{user}` as a task."
        );
        src.block(
            format!("pub fn {glue}({}) -> Int", core_params),
            "",
            |src| {
                // The borrows end before `task.return`, or before `task.cancel` when the
                // caller cancels the task while the implementation holds them.
                self.declare_lent_borrows(src, f);
                let cancel = if self.lends_borrows(f) {
                    format!("fn() {{ {LENT}.each(fn(wb__end) {{ wb__end() }}); {task_cancel}() }}")
                } else {
                    task_cancel.clone()
                };
                src.block(
                    format!("{rt}.start_task({cancel}, async fn(wb__group)"),
                    ")",
                    |src| {
                        let mut args = self.lift_export_args(src, f);
                        args.insert(0, "wb__group".into());
                        let call = format!("@{IMPL_PACKAGE}.{user}({})", args.join(", "));
                        let allocs = "wb__allocs";
                        let ops = match (&f.func.result, a.task_return_spilled) {
                            (None, _) => {
                                line!(src, "{call}");
                                self.end_lent_borrows(src, f);
                                Vec::new()
                            }
                            (Some(ty), spilled) => {
                                line!(src, "let wb__result = {call}");
                                self.end_lent_borrows(src, f);
                                line!(src, "let {allocs} : Array[Int] = []");
                                let spilled = spilled.map(|layout| (Area::TaskReturn, layout));
                                let mut spell = MoonBitSpell::new(self, pkg, allocs);
                                ops::lower_result(&mut spell, src, ty, spilled, "wb__result")
                            }
                        };
                        line!(src, "{rt}.task_returned()");
                        line!(src, "{task_return}({})", ops.join(", "));
                        if f.func.result.is_some() {
                            line!(src, "{ffi}.free_all({allocs})");
                        }
                    },
                );
            },
        );
        src.blank();
        line!(src, "///| `{}`", a.callback_name);
        src.block(
            format!("pub fn {callback}(event : Int, waitable : Int, payload : Int) -> Int"),
            "",
            |src| line!(src, "{rt}.callback(event, waitable, payload)"),
        );
    }

    /// `impl/moon.pkg.json` and `impl/impl.mbt` with the expected signatures and `...` bodies.
    pub(super) fn impl_skeleton(&mut self) -> Vec<OutputFile> {
        let plan = self.plan;
        // A scratch package for spelling types from `impl`.
        let pkg = self.add_package(IMPL_PACKAGE.into());
        let mut src = Source::new();
        for iface in &plan.exports {
            for f in &iface.functions {
                let user = self.impl_names[&(iface.key().cloned(), f.func.name.clone())].clone();
                let params = param_names(&f.func, false);
                let typed: Vec<String> = f
                    .func
                    .params
                    .iter()
                    .zip(&params)
                    .map(|(p, n)| format!("{n} : {}", self.ty(pkg, &p.ty, Direction::Export)))
                    .collect();
                let result = self.opt_ty(pkg, f.func.result.as_ref(), Direction::Export);
                src.blank();
                line!(src, "///| `{}`", f.export().name);
                let mut typed = typed;
                let head = if f.is_async() {
                    let rt = self.rt(pkg);
                    self.packages[pkg].async_stubs = true;
                    typed.insert(0, format!("group : {rt}.TaskGroup"));
                    "pub async fn"
                } else {
                    "pub fn"
                };
                line!(src, "{head} {user}({}) -> {result} {{", typed.join(", "));
                if f.is_async() {
                    line!(src, "    ignore(group)");
                }
                for n in &params {
                    line!(src, "    ignore({n})");
                }
                line!(src, "    abort(\"`{user}` is not implemented yet\")");
                line!(src, "}}");
            }
            for r in &iface.resources {
                let Some(dtor) = &r.dtor_export else { continue };
                let user = self.impl_names[&(iface.key().cloned(), dtor.clone())].clone();
                src.blank();
                line!(
                    src,
                    "///| `{dtor}`: the resource with representation `rep` is gone."
                );
                line!(src, "pub fn {user}(rep : Int) -> Unit {{");
                line!(src, "    ignore(rep)");
                line!(src, "}}");
            }
        }
        self.import_all(pkg);
        let mut files = Vec::new();
        let p = &self.packages[pkg];
        files.push(OutputFile {
            path: format!("{}/moon.pkg.json", p.dir),
            contents: super::package_json(p),
        });
        files.push(OutputFile {
            path: format!("{}/{IMPL_PACKAGE}.mbt", p.dir),
            contents: src.finish(),
        });
        files
    }
}
