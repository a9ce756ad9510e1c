//! `future<T>` and `stream<T>` support: one vtable per distinct payload type (the intrinsics of
//! the first function that mentions it, plus store/load of the payload), the `wit_future` and
//! `wit_stream` modules users create ends with, and the lift/lower of end handles.

use wit_parser::{Type, TypeDefKind, TypeId};

use super::helpers::RustSpell;
use super::types::escape;
use super::{Position, RustEmitter};
use crate::gen::ops;
use crate::gen::plan::{Direction, Endpoint, EndpointOp};
use crate::gen::source::{line, Source};

pub(super) struct Vtable {
    stream: bool,
    /// The payload's Rust type as spelled in the `_abi` module (`()` for none).
    payload_rust: String,
    payload: Option<Type>,
    side: Direction,
    endpoint: Endpoint,
    /// Name of the static in `_abi`.
    pub(super) name: String,
}

impl RustEmitter<'_, '_> {
    /// Assigns a vtable to every distinct payload before anything refers to one.
    pub(super) fn collect_endpoints(&mut self) {
        let plan = self.plan;
        for iface in plan.imports.iter().chain(&plan.exports) {
            for f in &iface.functions {
                for e in &f.endpoints {
                    let payload_rust = self.payload_rust(e.payload, f.direction);
                    if self.vtable_for(e.stream, &payload_rust).is_some() {
                        continue;
                    }
                    let kind = if e.stream { "STREAM" } else { "FUTURE" };
                    let name = format!("{kind}_VTABLE_{}", self.vtables.len());
                    self.vtables.push(Vtable {
                        stream: e.stream,
                        payload_rust,
                        payload: e.payload,
                        side: f.direction,
                        endpoint: e.clone(),
                        name,
                    });
                }
            }
        }
    }

    /// The payload's Rust type in canonical spelling: the same type reached through aliases
    /// or `use` gives the same string.
    fn payload_rust(&self, payload: Option<Type>, side: Direction) -> String {
        self.canonical.set(true);
        let spelled = match payload {
            Some(t) => {
                let side = self.alias_side(&t, side);
                self.ty(&t, side, self.abi_module, Position::Owned)
            }
            None => "()".into(),
        };
        self.canonical.set(false);
        spelled
    }

    fn vtable_for(&self, stream: bool, payload_rust: &str) -> Option<&Vtable> {
        self.vtables
            .iter()
            .find(|v| v.stream == stream && v.payload_rust == payload_rust)
    }

    /// The vtable static of future/stream type `id` seen from `side`, as a path from `_abi`.
    pub(super) fn vtable_name(&self, id: TypeId, side: Direction) -> String {
        let (stream, payload) = match &self.resolve().types[id].kind {
            TypeDefKind::Stream(p) => (true, *p),
            TypeDefKind::Future(p) => (false, *p),
            _ => unreachable!("not a future or stream"),
        };
        let payload_rust = self.payload_rust(payload, side);
        match self.vtable_for(stream, &payload_rust) {
            Some(v) => v.name.clone(),
            // Every future/stream reachable from a function has an entry; this one is only
            // reachable through a type no function uses.
            None => unreachable!("no vtable for payload `{payload_rust}`"),
        }
    }

    /// Emits the vtables into `_abi` and the `wit_future`/`wit_stream` modules at the root.
    pub(super) fn emit_endpoints(&mut self) {
        if self.vtables.is_empty() {
            return;
        }
        let rt = self.rt.clone();
        let abi = self.abi_module;
        let mut src = self.source_for(abi);
        for i in 0..self.vtables.len() {
            let v = &self.vtables[i];
            let (stream, payload, side, name) = (v.stream, v.payload, v.side, v.name.clone());
            let payload_rust = v.payload_rust.clone();
            let e = v.endpoint.clone();
            let lower = name.to_lowercase();
            let layout = match &payload {
                Some(t) => self.plan.abi.layout(t),
                None => crate::gen::abi::Layout { size: 0, align: 1 },
            };
            src.blank();
            let store = format!(
                "unsafe fn {lower}_store(v: &{payload_rust}, ptr: *mut u8, __cx: &mut {rt}::Cleanup)"
            );
            src.block(store, "", |src| {
                src.block("unsafe", "", |src| match &payload {
                    Some(t) => self.store(src, t, side, "v", "ptr", abi),
                    None => src.line("let _ = (v, ptr, __cx);"),
                })
            });
            src.blank();
            let load = format!("unsafe fn {lower}_load(ptr: *mut u8) -> {payload_rust}");
            src.block(load, "", |src| {
                src.block("unsafe", "", |src| match &payload {
                    Some(t) => src.line(self.load(t, side, "ptr", abi)),
                    None => src.line("let _ = ptr;"),
                })
            });
            src.blank();
            let (kind, module, trait_) = if stream {
                ("stream", "wit_stream", "StreamPayload")
            } else {
                ("future", "wit_future", "FuturePayload")
            };
            let import_module = escape(&e.module);
            let fields: Vec<String> = EndpointOp::ALL
                .iter()
                .map(|op| format!("\"{}\"", escape(e.field(*op))))
                .collect();
            line!(src, "{rt}::endpoint_vtable!(");
            src.indent();
            line!(
                src,
                "{kind} {name}: {payload_rust}, super::{module}::{trait_} ="
            );
            line!(src, "\"{import_module}\" [{}] {{", fields.join(" "));
            src.indent();
            line!(src, "size: {},", layout.size);
            line!(src, "align: {},", layout.align);
            if stream {
                let plain = payload.is_some_and(|t| ops::is_plain::<RustSpell>(self.plan, &t));
                line!(src, "plain: {plain},");
            }
            line!(src, "store: {lower}_store,");
            line!(src, "load: {lower}_load,");
            src.dedent();
            src.line("}");
            src.dedent();
            src.line(");");
        }
        self.push(abi, src);
        self.emit_endpoint_modules();
    }

    /// The `wit_future` and `wit_stream` modules, defined by the runtime's macros.
    fn emit_endpoint_modules(&mut self) {
        let mut src = Source::new();
        for (stream, module) in [(false, "future_module"), (true, "stream_module")] {
            if self.vtables.iter().any(|v| v.stream == stream) {
                src.blank();
                line!(src, "{}::{module}!();", self.rt);
            }
        }
        self.push(0, src);
    }
}
