//! Futures and streams: one vtable per (package, `future`/`stream` type, side), holding the
//! type's intrinsics (`[future-new-N]f` …, from the plan's first function of the side that
//! mentions the type: the ends of an interface both imported and exported differ by side) and
//! the payload's load/store, as a package-level `let` of `@rt.FutureVTable[T]` or
//! `@rt.StreamVTable[T]`. Lifting a readable end wraps the handle with the vtable of the package
//! doing the lifting; packages of interfaces (and the world package) also get a public
//! constructor per type their functions mention, such as `new_future_u32()`.

use wit_parser::{Type, TypeId};

use super::abi::{core_import, core_signature, MoonBitSpell};
use super::{MoonBitEmitter, VtableRequest};
use crate::gen::names::{type_slug, wit_spelling};
use crate::gen::ops::{self, Addr};
use crate::gen::plan::{Direction, EndpointOp};
use crate::gen::source::{line, Source};

impl MoonBitEmitter<'_, '_> {
    /// The name of package `pkg`'s vtable for the future or stream type `id`, requesting it.
    pub(super) fn vtable(&mut self, pkg: usize, id: TypeId, side: Direction) -> String {
        if let Some(name) = self.vtables.get(&(pkg, id, side)) {
            return name.clone();
        }
        let name = self.fresh("vtable_");
        self.vtables.insert((pkg, id, side), name.clone());
        self.vtable_queue.push(VtableRequest {
            pkg,
            id,
            side,
            name: name.clone(),
        });
        name
    }

    /// `@rt` from package `from`.
    pub(super) fn rt(&mut self, from: usize) -> String {
        self.import_fixed(from, "rt");
        "@rt".into()
    }

    /// Writes every requested vtable; returns whether there were any (writing one can request
    /// helpers and other vtables).
    pub(super) fn emit_vtables(&mut self) -> bool {
        let mut any = false;
        while let Some(req) = self.vtable_queue.pop() {
            any = true;
            let mut src = Source::new();
            self.emit_vtable(&mut src, &req);
            self.push_body(req.pkg, src);
        }
        any
    }

    fn emit_vtable(&mut self, src: &mut Source, req: &VtableRequest) {
        let VtableRequest {
            pkg,
            id,
            side,
            ref name,
        } = *req;
        let e = self.plan.endpoint(id, side);
        let kind = if e.stream { "Stream" } else { "Future" };
        for op in EndpointOp::ALL {
            let (params, result) = op.signature(e.stream);
            let signature = core_signature(params, result);
            let local = format!("{name}_{}", op.name());
            core_import(src, &local, &signature, &e.module, e.field(op));
            src.blank();
        }
        let payload = self.opt_ty(pkg, e.payload.as_ref(), side);
        let size = e
            .payload
            .as_ref()
            .map_or(0, |t| self.plan.abi.layout(t).size);
        let rt = self.rt(pkg);
        line!(src, "let {name} : {rt}.{kind}VTable[{payload}] = {{");
        src.indent();
        for field in EndpointOp::ALL.map(EndpointOp::name) {
            line!(src, "{field}: {name}_{field},");
        }
        line!(src, "size: {size},");
        match &e.payload {
            Some(t) => {
                src.block(format!("load: fn(addr : Int) -> {payload}"), ",", |src| {
                    let v = self.load(src, pkg, side, t, &Addr::new("addr"));
                    line!(src, "{v}");
                });
                // The element's store code, to see whether it allocates at all.
                let mut body = Source::new();
                let mut spell = MoonBitSpell::new(self, pkg, "allocs");
                ops::store(&mut spell, &mut body, t, side, "v", &Addr::new("addr"));
                let allocs = if spell.used_allocs { "allocs" } else { "_" };
                let body = body.finish();
                line!(
                    src,
                    "store: fn(v : {payload}, addr : Int, {allocs} : Array[Int]) -> Unit {{"
                );
                src.indent();
                src.lines(&body);
                src.dedent();
                line!(src, "}},");
            }
            None => {
                line!(src, "load: fn(_) {{ () }},");
                line!(src, "store: fn(_, _, _) {{ () }},");
            }
        }
        if e.stream {
            // Streams of numbers MoonBit's arrays hold as the canonical ABI lays them out are
            // copied by the host straight into and out of the arrays.
            let plain = e
                .payload
                .is_some_and(|t| ops::is_plain::<MoonBitSpell>(self.plan, &t));
            line!(src, "plain: {plain},");
        }
        src.dedent();
        line!(src, "}}");
    }

    /// Constructors for the futures and streams the functions of each package mention.
    pub(super) fn emit_endpoint_constructors(&mut self) {
        let plan = self.plan;
        let mut done = crate::gen::hash::HashSet::default();
        for list in [&plan.imports, &plan.exports] {
            for iface in list {
                let pkg = self.iface_pkg(iface);
                for f in &iface.functions {
                    for e in &f.endpoints {
                        if !done.insert((pkg, e.ty)) {
                            continue;
                        }
                        let vtable = self.vtable(pkg, e.ty, iface.direction);
                        let kind = if e.stream { "stream" } else { "future" };
                        let slug = type_slug(self.resolve(), &Type::Id(e.ty), &super::names::value);
                        let ctor = self.packages[pkg].values.claim(format!("new_{slug}"));
                        let payload = self.opt_ty(pkg, e.payload.as_ref(), iface.direction);
                        let rt = self.rt(pkg);
                        let upper = if e.stream { "Stream" } else { "Future" };
                        let mut src = Source::new();
                        line!(
                            src,
                            "///| A new `{}`: its readable and writable ends.",
                            wit_spelling(self.resolve(), &Type::Id(e.ty))
                        );
                        src.block(
                            format!(
                                "pub fn {ctor}() -> ({rt}.{upper}Reader[{payload}], {rt}.{upper}Writer[{payload}])"
                            ),
                            "",
                            |src| line!(src, "{rt}.new_{kind}({vtable})"),
                        );
                        self.push_body(pkg, src);
                    }
                }
            }
        }
    }
}
