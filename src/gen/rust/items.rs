//! Functions: import wrappers, export traits and glue, the `export!` macro and the embedded
//! component type.

use wit_parser::{Function, FunctionKind, Type, TypeDefKind, TypeId};

use super::helpers::{core_params, core_rust, RustSpell};
use super::modules::ModuleId;
use super::names::rust_snake;
use super::ownership::{Borrow, ParamForm};
use super::types::{escape, extern_import};
use super::{docs, Position, RustEmitter};
use crate::gen::abi::{dealias, CoreTy};
use crate::gen::names::{is_method, item_name, snake, Scope};
use crate::gen::ops::{self, Area};
use crate::gen::plan::{
    AsyncExport, Direction, ExportShape, FunctionPlan, InterfacePlan, ParamsAbi,
};
use crate::gen::source::{line, Source};

/// One line of the export macro: a core export forwarding to generated glue.
struct MacroExport {
    name: String,
    params: Vec<CoreTy>,
    result: Option<CoreTy>,
    /// What the export calls.
    target: String,
    call: Call,
}

/// How an export of the macro forwards its arguments.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Call {
    /// Generated glue (a path from the bindings root) instantiated with the user's type.
    Glue,
    /// A runtime function taking the core arguments as they are.
    Runtime,
    /// A runtime function taking a resource representation (`u32`).
    Rep,
    /// Generated glue (a path from the bindings root) that is not generic.
    Plain,
}

/// `<prefix>_<name>` in snake case: the name of a function's glue (`[method]r.f` → `method_r_f`).
fn glue_name(prefix: &str, func: &str) -> String {
    format!("{prefix}_{}", snake(&func.replace(['[', ']', '.'], "-")))
}

impl RustEmitter<'_, '_> {
    pub(super) fn emit_imports(&mut self) {
        let plan = self.plan;
        let options = self.options;
        for iface in &plan.imports {
            if self.is_remapped(iface) {
                continue;
            }
            let module = self.instance_module(iface);
            let mut src = self.source_for(module);
            // Free functions first, then each resource's `impl` block.
            for f in iface
                .functions
                .iter()
                .filter(|f| f.func.kind.resource().is_none() && options.generates(f))
            {
                let name = self.tree.modules[module]
                    .values
                    .claim(function_name(&f.func));
                src.blank();
                self.emit_import_function(&mut src, f, module, &name);
            }
            for r in &iface.resources {
                // A resource mapped elsewhere (`with`) has its functions there.
                if self.is_remapped_type(r.id, Direction::Import) {
                    continue;
                }
                let funcs: Vec<&FunctionPlan> = iface
                    .functions
                    .iter()
                    .filter(|f| f.func.kind.resource() == Some(r.id) && options.generates(f))
                    .collect();
                if funcs.is_empty() {
                    continue;
                }
                let name =
                    self.type_names[&(r.id, plan.type_home(r.id, Direction::Import))].clone();
                let mut scope = Scope::with_reserved(&[]);
                src.blank();
                src.block(format!("impl {name}"), "", |src| {
                    for (i, f) in funcs.iter().enumerate() {
                        let fname = scope.claim(function_name(&f.func));
                        if i > 0 {
                            src.blank();
                        }
                        self.emit_import_function(src, f, module, &fname);
                    }
                });
            }
            self.push(module, src);
        }
    }

    fn emit_import_function(
        &mut self,
        src: &mut Source,
        f: &FunctionPlan,
        module: ModuleId,
        name: &str,
    ) {
        let side = Direction::Import;
        let func = &f.func;
        let is_method = is_method(&func.kind);
        let mut params = Vec::new();
        let mut args = Vec::new(); // (type, value-reference expression)
        let borrow = Borrow::of_params(self.options.flags.ownership);
        for (i, p) in func.params.iter().enumerate() {
            if i == 0 && is_method {
                params.push("&self".to_string());
                args.push((p.ty, "&self".to_string()));
                continue;
            }
            let pname = rust_snake(&p.name);
            let pty = self.ty_borrowed(&p.ty, side, module, borrow, false);
            // Lowering takes a reference to the value: `&str`, `&[T]` and `&Record` are one
            // already.
            let value = match self.param_form(&p.ty, borrow) {
                ParamForm::Ref => pname.clone(),
                ParamForm::Owned | ParamForm::Holding => format!("&{pname}"),
            };
            args.push((p.ty, value));
            params.push(format!("{pname}: {pty}"));
        }
        let chains = self.chains(f);
        let ret = match func.result {
            Some(t) => Some(self.ty(&t, side, module, Position::Owned)),
            None if chains => Some("&Self".to_string()),
            None => None,
        };
        docs(src, &func.docs);
        let is_async = f.is_async();
        let fn_kw = if is_async { "async fn" } else { "fn" };
        let head = match &ret {
            Some(r) => format!("pub {fn_kw} {name}({}) -> {r}", params.join(", ")),
            None => format!("pub {fn_kw} {name}({})", params.join(", ")),
        };
        let rt = self.rt.clone();
        let (import_module, import_field) = f.import();
        src.line("#[allow(dead_code, unused_mut, unused_unsafe, clippy::all)]");
        let link_imports = match self.links_imports() {
            true => Some(self.tree.path(module, 0, LINK_IMPORTS)),
            false => None,
        };
        src.block(head, "", |src| {
            if let Some(helper) = &link_imports {
                line!(src, "{helper}();");
            }
            // A sync call needs a `Cleanup` only for the buffers and handles its arguments'
            // lowering takes; an async one keeps its result area there too.
            let spilled_params = matches!(f.params, ParamsAbi::Spilled(_));
            let uses_cx = is_async
                || spilled_params
                || args.iter().any(|(ty, _)| self.lowering_uses_cx(ty));
            src.block("unsafe", "", |src| {
                if uses_cx {
                    line!(src, "let mut __cleanup = {rt}::Cleanup::new();");
                    src.line("let __cx = &mut __cleanup;");
                }
                // Handles given away to an async call come back if it is withdrawn unstarted.
                let give_back = is_async && args.iter().any(|(ty, _)| self.plan.facts(ty).holds_own_handle());
                if give_back {
                    src.line("__cx.record_moves();");
                }
                let mut spell = RustSpell::new(self, module).borrowing(borrow);
                let mut call_args = ops::lower_args(&mut spell, src, f, &args);
                if let Some(layout) = f.result_spilled {
                    if is_async {
                        // The callee writes the result while this future is suspended: the area
                        // must not live on the stack. Kept as an address across the await (a
                        // raw pointer there would make the future not `Send`).
                        line!(
                            src,
                            "let __ret_ptr = __cx.alloc({}, {}) as usize;",
                            layout.size,
                            layout.align
                        );
                    } else {
                        line!(
                            src,
                            "let mut __ret = {rt}::RetArea::<{}>::new();",
                            layout.size.max(1)
                        );
                        src.line("let __ret_ptr = __ret.as_mut_ptr();");
                    }
                    call_args.push("__ret_ptr as i32".to_string());
                }
                let core_params: Vec<&str> = f.core_params.iter().map(|t| core_rust(*t)).collect();
                let core_result = f.core_results.first().map(|t| core_rust(*t));
                extern_import(
                    src,
                    import_module,
                    import_field,
                    "__import",
                    &core_params,
                    core_result,
                );
                let call = format!("__import({})", call_args.join(", "));
                if is_async {
                    let owning_result = func.result.filter(|t| self.plan.facts(t).owns_memory_or_handles());
                    if let Some(t) = owning_result {
                        // A return that arrives while the call is being dropped is lifted and
                        // dropped, so the handles and buffers in it are not leaked.
                        src.block("unsafe fn __drop_result(__ret_ptr: *mut u8)", "", |src| {
                            let value = self.load(&t, side, "__ret_ptr", module);
                            line!(src, "drop({value});");
                        });
                        let lowered = if give_back { "Some(__cx)" } else { "None" };
                        line!(
                            src,
                            "{rt}::await_subtask_returning({call}, {lowered}, __ret_ptr, __drop_result).await;"
                        );
                    } else if give_back {
                        line!(src, "{rt}::await_subtask_giving_back({call}, __cx).await;");
                    } else {
                        line!(src, "{rt}::await_subtask({call}).await;");
                    }
                    if func.result.is_some() {
                        src.line("let __ret_ptr = __ret_ptr as *mut u8;");
                    }
                } else if func.result.is_none() || f.result_spilled.is_some() {
                    line!(src, "{call};");
                } else {
                    line!(src, "let __core = {call};");
                }
                let from = if f.result_spilled.is_some() { "__ret_ptr" } else { "__core" };
                let mut scratch = Source::new();
                let mut spell = RustSpell::new(self, module);
                match ops::lift_result(&mut spell, &mut scratch, f, from) {
                    None if is_async => src.line("drop(__cleanup);"),
                    None if chains => src.line("self"),
                    None => {}
                    Some(value) if !uses_cx => src.line(&value),
                    Some(value) => {
                        line!(src, "let __result = {value};");
                        src.line("drop(__cleanup);");
                        src.line("__result");
                    }
                }
            });
        });
    }

    pub(super) fn emit_exports(&mut self) {
        let plan = self.plan;
        let options = self.options;
        let mut macro_exports = Vec::new();
        for iface in &plan.exports {
            if iface.id().is_none() && iface.functions.is_empty() {
                continue;
            }
            let module = self.instance_module(iface);
            let mut src = self.source_for(module);
            self.emit_export_traits(&mut src, iface, module);
            for f in iface.functions.iter().filter(|f| options.generates(f)) {
                src.blank();
                self.emit_export_glue(&mut src, f, module, &mut macro_exports);
            }
            for r in &iface.resources {
                let dtor = r.dtor_export.clone().expect("exported resource has a dtor");
                macro_exports.push(MacroExport {
                    name: dtor,
                    params: vec![CoreTy::I32],
                    result: None,
                    target: "rep_drop".to_string(),
                    call: Call::Rep,
                });
            }
            self.push(module, src);
        }
        self.emit_export_macro(macro_exports);
    }

    fn emit_export_traits(&mut self, src: &mut Source, iface: &InterfacePlan, module: ModuleId) {
        src.blank();
        match iface.id() {
            Some(id) => docs(src, &self.resolve().interfaces[id].docs),
            None => src.line("/// The functions this world exports."),
        }
        let assoc = iface.resources.iter().map(|r| {
            let names = &self.resources[&r.id];
            format!("type {}: {};", names.handle, names.guest)
        });
        let assoc: Vec<String> = assoc.collect();
        self.emit_export_trait(src, iface, module, None, "pub trait Guest".into(), &assoc);
        for r in &iface.resources {
            src.blank();
            docs(src, &self.resolve().types[r.id].docs);
            let head = format!("pub trait {}: Sized + 'static", self.resources[&r.id].guest);
            self.emit_export_trait(src, iface, module, Some(r.id), head, &[]);
        }
    }

    /// The trait of the world's or interface's free functions (`resource: None`), or of one
    /// resource's.
    fn emit_export_trait(
        &mut self,
        src: &mut Source,
        iface: &InterfacePlan,
        module: ModuleId,
        resource: Option<TypeId>,
        head: String,
        assoc: &[String],
    ) {
        let options = self.options;
        let functions = iface
            .functions
            .iter()
            .filter(|f| f.func.kind.resource() == resource && options.generates(f));
        if functions.clone().any(|f| f.is_async()) {
            // The runtime runs the futures on one thread: no `Send` bound is wanted.
            src.line("#[allow(async_fn_in_trait)]");
        }
        let mut scope = Scope::new();
        src.block(head, "", |src| {
            for line in assoc {
                src.line(line);
            }
            for f in functions {
                let name = scope.claim(function_name(&f.func));
                self.method_names
                    .insert((module, f.func.name.clone()), name.clone());
                docs(src, &f.func.docs);
                let sig = self.export_signature(f, module, &name, Direction::Export);
                line!(src, "{sig};");
            }
        });
    }

    /// `fn name(args) -> ret` of a trait method.
    fn export_signature(
        &self,
        f: &FunctionPlan,
        module: ModuleId,
        name: &str,
        side: Direction,
    ) -> String {
        let func = &f.func;
        let mut params = Vec::new();
        for (i, p) in func.params.iter().enumerate() {
            if i == 0 && is_method(&func.kind) {
                params.push("&self".to_string());
                continue;
            }
            let mut pty = self.ty(&p.ty, side, module, Position::ExportParam);
            if side == Direction::Export && self.plan.is_lent_borrow(&p.ty) {
                pty = format!("&{pty}");
            }
            params.push(format!("{}: {pty}", rust_snake(&p.name)));
        }
        let ret = match (&func.kind, &func.result) {
            (FunctionKind::Constructor(_), Some(t)) => Some(self.constructor_result(t, module)),
            (_, Some(t)) => Some(self.ty(t, side, module, Position::Owned)),
            (_, None) if self.chains(f) => Some("&Self".to_string()),
            (_, None) => None,
        };
        let fn_kw = if f.is_async() { "async fn" } else { "fn" };
        match ret {
            Some(r) => format!("{fn_kw} {name}({}) -> {r}", params.join(", ")),
            None => format!("{fn_kw} {name}({})", params.join(", ")),
        }
    }

    /// A constructor returns `Self` (or `Result<Self, E>`) instead of the handle.
    fn constructor_result(&self, t: &Type, module: ModuleId) -> String {
        match dealias(self.resolve(), *t) {
            Type::Id(id) if self.is_fallible_constructor(t) => {
                let TypeDefKind::Result(res) = &self.resolve().types[id].kind else {
                    unreachable!("a fallible constructor returns a result")
                };
                let err = res
                    .err
                    .map(|e| self.ty(&e, Direction::Export, module, Position::Owned))
                    .unwrap_or_else(|| "()".into());
                format!("{}<Self, {err}>", self.prelude(module, "Result"))
            }
            _ => "Self".into(),
        }
    }

    /// Whether a constructor returning `t` returns a `result` (of the resource).
    fn is_fallible_constructor(&self, t: &Type) -> bool {
        matches!(dealias(self.resolve(), *t), Type::Id(id)
            if matches!(self.resolve().types[id].kind, TypeDefKind::Result(_)))
    }

    fn emit_export_glue(
        &mut self,
        src: &mut Source,
        f: &FunctionPlan,
        module: ModuleId,
        macro_exports: &mut Vec<MacroExport>,
    ) {
        let side = Direction::Export;
        let func = &f.func;
        let rt = self.rt.clone();
        let glue = self.tree.modules[module]
            .values
            .claim(glue_name("__export", &func.name));
        let ret = match f.core_results.first() {
            Some(r) => format!(" -> {}", core_rust(*r)),
            None => String::new(),
        };
        // An async export's future is boxed by the runtime, so it must not borrow.
        let bound = if f.is_async() {
            "Guest + 'static"
        } else {
            "Guest"
        };
        let params = core_params(&f.core_params, "arg");
        let head = format!("pub unsafe fn {glue}<T: {bound}>({params}){ret}");
        src.line("#[doc(hidden)]");
        src.line("#[allow(dead_code, unused_mut, unused_unsafe, clippy::all)]");
        let resource = func.kind.resource();
        let rust_name = self.method_names[&(module, func.name.clone())].clone();
        // The result's lowering may need a `Cleanup` (an async export's has one of its own).
        // A spilled result keeps it with the value until post-return, a flat one here.
        let uses_cx = match (&f.export().shape, &func.result) {
            (ExportShape::Sync { .. }, Some(t)) => self.lowering_uses_cx(t),
            _ => false,
        };
        let spilled = f.result_spilled.map(|layout| (Area::Result, layout));
        src.block(head, "", |src| {
            src.block("unsafe", "", |src| {
                if uses_cx && spilled.is_none() {
                    line!(src, "let mut __cleanup = {rt}::Cleanup::new();");
                    src.line("let __cx = &mut __cleanup;");
                }
                let method = is_method(&func.kind);
                let flats: Vec<String> = (0..f.core_params.len())
                    .map(|i| format!("arg{i}"))
                    .collect();
                let args = ops::lift_args(&mut RustSpell::new(self, module), src, f, &flats);
                // Call the user's implementation. Borrows of imported resources are lent to it
                // and end (are dropped) before the call returns: at the end of this block, or
                // before `task.return` for an async export.
                let mut call_args = Vec::new();
                let mut lent = Vec::new();
                for (i, (p, a)) in func.params.iter().zip(&args).enumerate() {
                    if i == 0 && method {
                        continue;
                    }
                    if self.plan.is_lent_borrow(&p.ty) {
                        call_args.push(format!("&{a}"));
                        lent.push(a.clone());
                    } else {
                        call_args.push(a.clone());
                    }
                }
                let call_args = call_args.join(", ");
                let call = match resource {
                    None => format!("<T as Guest>::{rust_name}({call_args})"),
                    Some(r) => {
                        let names = &self.resources[&r];
                        let target = format!("<T::{} as {}>", names.handle, names.guest);
                        let item = &rust_name;
                        if method {
                            line!(
                                src,
                                "let __this = {}.get::<T::{}>();",
                                args[0],
                                names.handle
                            );
                            let sep = if call_args.is_empty() { "" } else { ", " };
                            format!("{target}::{item}(__this{sep}{call_args})")
                        } else {
                            format!("{target}::{item}({call_args})")
                        }
                    }
                };
                let call = match (&func.kind, &func.result) {
                    (FunctionKind::Constructor(r), Some(t)) => {
                        let handle = self.resource_path(*r, side, module);
                        if !self.is_fallible_constructor(t) {
                            format!("{handle}::new({call})")
                        } else {
                            format!("({call}).map({handle}::new)")
                        }
                    }
                    _ => call,
                };
                if let ExportShape::Async(a) = &f.export().shape {
                    self.emit_async_export_body(src, f, a, &call, &lent, module);
                    return;
                }
                // Lower the result.
                let Some(t) = &func.result else {
                    return line!(src, "{call};");
                };
                line!(src, "let __result = {call};");
                // A spilled result is lowered from where it waits for post-return, with the
                // return area (`Area::Result` spells `__kept.area`).
                let value = match spilled {
                    None => "&__result",
                    Some((_, layout)) => {
                        // The call's `Cleanup`, where lowering needs one, waits beside the result.
                        let n = layout.size.max(1);
                        let kept = match uses_cx {
                            true => format!("(__result, {rt}::Cleanup::new())"),
                            false => "__result".to_string(),
                        };
                        line!(
                            src,
                            "let __kept = {rt}::keep_until_post_return::<_, {n}>({kept});"
                        );
                        match uses_cx {
                            true => {
                                src.line("let __cx = &mut __kept.value.1;");
                                "&__kept.value.0"
                            }
                            false => "&__kept.value",
                        }
                    }
                };
                let mut spell = RustSpell::new(self, module);
                let flats = ops::lower_result(&mut spell, src, t, spilled, value);
                src.line(&flats[0]);
            });
        });
        let target = format!("{}{glue}", self.module_prefix(module));
        let link = f.export();
        macro_exports.push(MacroExport {
            name: link.name.clone(),
            params: f.core_params.clone(),
            result: f.core_results.first().copied(),
            target,
            call: Call::Glue,
        });
        macro_exports.push(match &link.shape {
            ExportShape::Sync {
                post_return: Some(post),
            } => {
                let post_glue = self.emit_post_return(src, f, module, uses_cx);
                MacroExport {
                    name: post.clone(),
                    params: vec![CoreTy::I32],
                    result: None,
                    target: format!("{}{post_glue}", self.module_prefix(module)),
                    call: Call::Plain,
                }
            }
            ExportShape::Async(a) => MacroExport {
                name: a.callback_name.clone(),
                params: vec![CoreTy::I32; 3],
                result: Some(CoreTy::I32),
                target: "task_callback".to_string(),
                call: Call::Runtime,
            },
            ExportShape::Sync { post_return: None } => return,
        });
    }

    /// The post-return glue of a sync export with a spilled result: drops the value kept for
    /// it (with the `Cleanup` of its lowering when `with_cx`), whose type it names. Returns the
    /// glue's name.
    fn emit_post_return(
        &mut self,
        src: &mut Source,
        f: &FunctionPlan,
        module: ModuleId,
        with_cx: bool,
    ) -> String {
        let rt = self.rt.clone();
        let (Some(t), Some(layout)) = (&f.func.result, f.result_spilled) else {
            unreachable!("a post-return is exported for a spilled result only")
        };
        let name = self.tree.modules[module]
            .values
            .claim(glue_name("__post_return", &f.func.name));
        let mut kept = self.ty(t, Direction::Export, module, Position::Owned);
        if with_cx {
            kept = format!("({kept}, {rt}::Cleanup)");
        }
        src.blank();
        src.line("#[doc(hidden)]");
        line!(src, "pub unsafe fn {name}(area: i32) {{");
        line!(
            src,
            "    unsafe {{ {rt}::post_return::<{kept}, {}>(area) }}",
            layout.size.max(1)
        );
        src.line("}");
        name
    }

    /// The rest of an async export's glue: run the user's future on a new task, end the
    /// borrows `lent` to it, lower its result and hand it to `task.return`.
    fn emit_async_export_body(
        &mut self,
        src: &mut Source,
        f: &FunctionPlan,
        a: &AsyncExport,
        call: &str,
        lent: &[String],
        module: ModuleId,
    ) {
        let rt = self.rt.clone();
        let (ret_module, ret_name) = &a.task_return;
        let cancel_module = ret_module.clone();
        src.block("let __future = async move", ";", |src| {
            match &f.func.result {
                None => line!(src, "{call}.await;"),
                Some(_) => line!(src, "let __result = {call}.await;"),
            }
            for local in lent {
                line!(src, "drop({local});");
            }
            let uses_cx = a.task_return_spilled.is_some()
                || f.func.result.is_some_and(|t| self.lowering_uses_cx(&t));
            if uses_cx {
                line!(src, "let mut __cleanup = {rt}::Cleanup::new();");
                src.line("let __cx = &mut __cleanup;");
            }
            let args = match &f.func.result {
                None => Vec::new(),
                Some(t) => {
                    let spilled = a
                        .task_return_spilled
                        .map(|layout| (Area::TaskReturn, layout));
                    let mut spell = RustSpell::new(self, module);
                    ops::lower_result(&mut spell, src, t, spilled, "&__result")
                }
            };
            let params: Vec<&str> = a.task_return_params.iter().map(|t| core_rust(*t)).collect();
            extern_import(src, ret_module, ret_name, "__task_return", &params, None);
            line!(src, "{rt}::task_returned();");
            line!(src, "__task_return({});", args.join(", "));
        });
        src.block("unsafe fn __cancel()", "", |src| {
            extern_import(
                src,
                &cancel_module,
                "[task-cancel]",
                "__task_cancel",
                &[],
                None,
            );
            src.line("unsafe { __task_cancel() }");
        });
        line!(src, "{rt}::start_task(__future, __cancel)");
    }

    /// `enable_method_chaining`: a synchronous resource method without a result returns
    /// `&Self` (the import wrapper returns its receiver; the export glue drops what the
    /// implementation returns).
    fn chains(&self, f: &FunctionPlan) -> bool {
        self.options.flags.enable_method_chaining
            && matches!(f.func.kind, FunctionKind::Method(_))
            && f.func.result.is_none()
            && !f.is_async()
    }

    /// `exports::a::b::` — the module's path from the bindings root, for the macro.
    fn module_prefix(&self, module: ModuleId) -> String {
        let abs = self.tree.absolute(module);
        if abs.is_empty() {
            String::new()
        } else {
            format!("{abs}::")
        }
    }

    fn emit_export_macro(&mut self, exports: Vec<MacroExport>) {
        let mut src = Source::new();
        src.blank();
        src.line(
            "/// Exports `$ty` as the implementation of every exported interface and function.",
        );
        src.line("///");
        src.line(
            "/// Use as `export!(MyType with_types_in path::to::bindings);` (the path defaults to",
        );
        src.line("/// `self`, for when the bindings are included at the crate root).");
        let flags = &self.options.flags;
        let name = flags.export_macro_name.as_deref().unwrap_or("export");
        // `pub_export_macro`: exported from the crate under a name of this world's own (two
        // worlds' bindings in one crate must not clash at its root), reached through `$crate`,
        // and naming the runtime through the bindings (the calling crate may not depend on it).
        let world = crate::gen::names::snake(&self.resolve().worlds[self.plan.world].name);
        let (inner, this, rt) = match flags.pub_export_macro {
            true => {
                src.line("#[macro_export]");
                src.line("#[doc(hidden)]");
                let inner = format!("__witbind_export_{world}");
                let this = format!("$crate::{inner}");
                (inner, this, "$($path)*::__witbind_rt".to_string())
            }
            false => {
                let inner = "__witbind_export".to_string();
                (inner.clone(), inner, self.rt.clone())
            }
        };
        src.line("#[allow(unused_macros)]");
        line!(src, "macro_rules! {inner} {{");
        src.indent();
        src.line("($ty:ident) => {");
        match &flags.default_bindings_module {
            // A path, so the call works from outside the bindings (where this macro's own
            // name is not in scope).
            Some(module) => line!(src, "    {module}::{name}!($ty with_types_in {module});"),
            None => line!(src, "    {this}!($ty with_types_in self);"),
        }
        src.line("};");
        src.line("($ty:ident with_types_in $($path:tt)*) => {");
        src.indent();
        src.line("const _: () = {");
        src.indent();
        if flags.pub_export_macro {
            // The component type with the exports, in the crate that defines them: the one
            // the bindings embed has the imports only (see `emit_custom_section`).
            let (section, bytes) = self.component_type(false);
            component_type_static(&mut src, &section, &bytes);
        }
        for (i, e) in exports.iter().enumerate() {
            let params = core_params(&e.params, "arg");
            let args: Vec<String> = (0..e.params.len()).map(|j| format!("arg{j}")).collect();
            let ret = e
                .result
                .map(|r| format!(" -> {}", core_rust(r)))
                .unwrap_or_default();
            let target = match e.call {
                Call::Glue => format!("$($path)*::{}::<$ty>", e.target),
                Call::Plain => format!("$($path)*::{}", e.target),
                Call::Runtime | Call::Rep => format!("{rt}::{}", e.target),
            };
            line!(src, "#[unsafe(export_name = \"{}\")]", escape(&e.name));
            line!(
                src,
                "unsafe extern \"C\" fn __witbind_export_{i}({params}){ret} {{"
            );
            if e.call != Call::Rep {
                line!(src, "    unsafe {{ {target}({}) }}", args.join(", "));
            } else {
                line!(src, "    unsafe {{ {target}({} as u32) }}", args.join(", "));
            }
            src.line("}");
        }
        src.dedent();
        src.line("};");
        src.dedent();
        src.line("};");
        src.dedent();
        src.line("}");
        src.line("#[allow(unused_imports)]");
        if flags.pub_export_macro {
            line!(src, "pub use {inner} as {name};");
            src.line("#[doc(hidden)]");
            src.line("#[allow(unused_imports)]");
            line!(src, "pub use {} as __witbind_rt;", self.rt);
        } else {
            line!(src, "pub(crate) use {inner} as {name};");
        }
        self.push(0, src);
    }

    /// Embeds the world's component type so the linker makes the module a component.
    ///
    /// With `pub_export_macro` the bindings may be in a library crate that components use
    /// partly, or not at all: what they embed is the world without its exports (wit-component
    /// requires an implementation of every export of a component type, and drops imports the
    /// module does not use), and the export macro embeds the whole world where it is called.
    /// A library's objects are only linked when something in them is used, so every import
    /// wrapper calls [`LINK_IMPORTS`], defined here, which links this section with it
    /// (unless `disable_custom_section_link_helpers`).
    pub(super) fn emit_custom_section(&mut self) {
        let imports_only = self.options.flags.pub_export_macro;
        let (section, bytes) = self.component_type(imports_only);
        let mut src = Source::new();
        component_type_static(&mut src, &section, &bytes);
        if self.links_imports() {
            src.blank();
            src.line("#[doc(hidden)]");
            src.line("#[allow(dead_code)]");
            src.line("#[inline(never)]");
            line!(src, "pub fn {LINK_IMPORTS}() {{}}");
        }
        src.blank();
        // Referencing the runtime's `cabi_realloc` links it in, so the host allocates through
        // the Rust global allocator rather than a weak libc fallback.
        src.line("#[cfg(target_arch = \"wasm32\")]");
        src.line("#[used]");
        src.line("#[doc(hidden)]");
        line!(
            src,
            "static __WITBIND_CABI_REALLOC: unsafe extern \"C\" fn(*mut u8, usize, usize, usize) -> *mut u8 = {}::cabi_realloc;",
            self.rt
        );
        self.push(0, src);
    }

    /// Whether import wrappers call [`LINK_IMPORTS`].
    fn links_imports(&self) -> bool {
        let flags = &self.options.flags;
        flags.pub_export_macro && !flags.disable_custom_section_link_helpers
    }

    /// The name of the custom section holding the world's component type, and its contents
    /// (the world without its exports when `imports_only`, in a section of another name).
    fn component_type(&self, imports_only: bool) -> (String, Vec<u8>) {
        let resolve = self.resolve();
        let world = &resolve.worlds[self.plan.world];
        let mut embedded = crate::gen::plan::embedded_world(resolve, self.plan.world);
        let mut encoded = self.plan.world;
        if imports_only {
            let copy = embedded.get_or_insert_with(|| resolve.clone());
            let slim = wit_parser::World {
                name: format!("{}-imports-only", world.name),
                exports: Default::default(),
                ..copy.worlds[encoded].clone()
            };
            encoded = copy.worlds.alloc(slim);
        }
        let bytes = wit_component::metadata::encode(
            embedded.as_ref().unwrap_or(resolve),
            encoded,
            wit_component::StringEncoding::UTF8,
            None,
            false,
        )
        .expect("a validated world encodes");
        let pkg = world
            .package
            .map(|p| resolve.packages[p].name.to_string())
            .unwrap_or_default();
        let suffix = self
            .options
            .flags
            .type_section_suffix
            .as_deref()
            .unwrap_or("");
        let what = if imports_only {
            "imports"
        } else {
            "encoded world"
        };
        let section = format!("component-type:witbind:{pkg}:{}:{what}{suffix}", world.name);
        (section, bytes)
    }
}

/// The function every import wrapper of `pub_export_macro` bindings calls, so that the
/// object holding their component type is linked with it.
const LINK_IMPORTS: &str = "__witbind_link_imports";

/// The `pub static` whose link section holds a component type.
fn component_type_static(src: &mut Source, section: &str, bytes: &[u8]) {
    let mut literal = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        match *b {
            b'\\' => literal.push_str("\\\\"),
            b'"' => literal.push_str("\\\""),
            0x20..=0x7e => literal.push(*b as char),
            other => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                literal.push_str("\\x");
                literal.push(HEX[usize::from(other >> 4)] as char);
                literal.push(HEX[usize::from(other & 0xf)] as char);
            }
        }
    }
    src.blank();
    src.line("#[cfg(target_arch = \"wasm32\")]");
    line!(src, "#[unsafe(link_section = \"{}\")]", escape(section));
    // No `#[used]`: on wasm a `link_section` static becomes a custom section, and `#[used]`
    // would also keep a copy of the bytes in the data segment (as wit-bindgen does, `pub`
    // is enough to keep it).
    src.line("#[doc(hidden)]");
    line!(
        src,
        "pub static __WITBIND_COMPONENT_TYPE: [u8; {}] = *b\"{literal}\";",
        bytes.len()
    );
}

/// The Rust name of a function: accessors become `x` and `set_x`, constructors `new`.
fn function_name(func: &Function) -> String {
    rust_snake(&item_name(func))
}
