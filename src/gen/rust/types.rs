//! Rust definitions of named WIT types: records, variants, enums, flags, aliases, resources.

use wit_parser::{Function, Int, Resolve, Type, TypeDefKind, TypeId, WorldItem};

use super::modules::ModuleId;
use super::names::{rust_camel, rust_shouty, rust_snake};
use super::ownership::Borrow;
use super::{docs, HashSet, Position, RustEmitter};
use crate::gen::abi::{dealias, int_size};
use crate::gen::plan::{Direction, TypeHome};
use crate::gen::source::{line, Source};

/// What `flags!` derives or implements itself.
const FLAGS_DERIVE: &[&str] = &[
    "Debug",
    "Clone",
    "Copy",
    "PartialEq",
    "Eq",
    "Hash",
    "PartialOrd",
    "Ord",
    "Default",
];

/// What `wit_enum!` derives (all of `flags!`'s but `Default`).
const ENUM_DERIVE: &[&str] = FLAGS_DERIVE.split_last().expect("not empty").1;

impl RustEmitter<'_, '_> {
    pub(super) fn emit_types(&mut self) {
        let plan = self.plan;
        for iface in plan.imports.iter().chain(&plan.exports) {
            let Some(id) = iface.id() else { continue };
            if !iface.home || self.is_remapped(iface) {
                continue;
            }
            let module = self.iface_modules[&(id, iface.direction)];
            let mut src = self.source_for(module);
            for ty in &iface.types {
                self.emit_type(
                    &mut src,
                    *ty,
                    TypeHome::Interface(id, iface.direction),
                    module,
                );
            }
            self.push(module, src);
        }
        let mut src = Source::new();
        for ty in &plan.world_types {
            self.emit_type(&mut src, *ty, TypeHome::World, 0);
        }
        self.push(0, src);
    }

    fn emit_type(&mut self, src: &mut Source, id: TypeId, home: TypeHome, module: ModuleId) {
        let side = home.side();
        if matches!(home, TypeHome::Interface(..)) && self.is_remapped_type(id, side) {
            return;
        }
        let def = &self.resolve().types[id];
        let name = self.type_names[&(id, home)].clone();
        src.blank();
        if self.canonical(id, home) != (id, home) {
            // Merged into a structurally equal type (`merge_structurally_equal_types`).
            docs(src, &def.docs);
            if module == 0 {
                src.line("#[allow(dead_code)]");
            }
            let target = self.type_path(id, side, module);
            return line!(src, "pub type {name} = {target};");
        }
        // Types the runtime's macros define take their docs inside the invocation.
        let exported = side == Direction::Export && self.resources.contains_key(&id);
        match &def.kind {
            TypeDefKind::Flags(f) => {
                let extra = self.additional_derives(id, FLAGS_DERIVE);
                return self.emit_flags(src, &name, f, &def.docs, module == 0, &extra);
            }
            TypeDefKind::Enum(e) => {
                let extra = self.additional_derives(id, ENUM_DERIVE);
                let kind = match self.error_types.contains(&id) {
                    true => "error enum",
                    false => "enum",
                };
                return self.emit_enum(src, &name, e, &def.docs, module == 0, (kind, &extra));
            }
            TypeDefKind::Resource if exported => {
                return self.emit_exported_resource(src, id, &def.docs);
            }
            TypeDefKind::Resource => {
                return self.emit_imported_resource(src, id, &name, &def.docs, module == 0);
            }
            _ => {}
        }
        if side == Direction::Import {
            if let Some(param) = self.param_names.get(&id).cloned() {
                self.emit_param_def(src, id, &param, module);
                if param == name {
                    return;
                }
                src.blank();
            }
        }
        docs(src, &def.docs);
        if module == 0 {
            // Interface modules allow dead code as a whole; the root cannot.
            src.line("#[allow(dead_code)]");
        }
        let ty = Type::Id(id);
        // Types holding borrows carry the borrow's lifetime.
        let generics = if self.holds_borrow(&ty, side) {
            "<'a>"
        } else {
            ""
        };
        let error = self.error_types.contains(&id);
        let derive = self.derive_attribute(id);
        match &def.kind {
            TypeDefKind::Record(r) => {
                src.line(&derive);
                src.block(format!("pub struct {name}{generics}"), "", |src| {
                    for f in &r.fields {
                        docs(src, &f.docs);
                        let fty = self.ty(&f.ty, side, module, Position::Definition);
                        line!(src, "pub {}: {fty},", rust_snake(&f.name));
                    }
                });
            }
            TypeDefKind::Variant(v) => {
                src.line(&derive);
                src.block(format!("pub enum {name}{generics}"), "", |src| {
                    for c in &v.cases {
                        docs(src, &c.docs);
                        match &c.ty {
                            Some(t) => line!(
                                src,
                                "{}({}),",
                                rust_camel(&c.name),
                                self.ty(t, side, module, Position::Definition)
                            ),
                            None => line!(src, "{},", rust_camel(&c.name)),
                        }
                    }
                });
            }
            // Aliases, and anonymous kinds named through `type`.
            _ => {
                let target = self.ty_structural(id, side, module, Position::Definition);
                return line!(src, "pub type {name}{generics} = {target};");
            }
        }
        if error {
            emit_error_impls(src, &name, generics);
        }
    }

    /// The borrowing definition `name<'a>` of record or variant `id`, which import parameters
    /// take (`ownership: Borrowing`): strings, lists and the records and variants in it borrow.
    fn emit_param_def(&self, src: &mut Source, id: TypeId, name: &str, module: ModuleId) {
        let def = &self.resolve().types[id];
        let side = Direction::Import;
        docs(src, &def.docs);
        if module == 0 {
            src.line("#[allow(dead_code)]");
        }
        src.line(self.derive_attribute(id));
        let field = |t: &Type| self.ty_borrowed(t, side, module, Borrow::Deep, true);
        match &def.kind {
            TypeDefKind::Record(r) => {
                src.block(format!("pub struct {name}<'a>"), "", |src| {
                    for f in &r.fields {
                        docs(src, &f.docs);
                        line!(src, "pub {}: {},", rust_snake(&f.name), field(&f.ty));
                    }
                });
            }
            TypeDefKind::Variant(v) => {
                src.block(format!("pub enum {name}<'a>"), "", |src| {
                    for c in &v.cases {
                        docs(src, &c.docs);
                        match &c.ty {
                            Some(t) => line!(src, "{}({}),", rust_camel(&c.name), field(t)),
                            None => line!(src, "{},", rust_camel(&c.name)),
                        }
                    }
                });
            }
            _ => unreachable!("only records and variants get borrowing definitions"),
        }
    }

    /// The `#[derive]` of record or variant `id`: a type holding handles gets only `Debug`.
    fn derive_attribute(&self, id: TypeId) -> String {
        if self.plan.facts(&Type::Id(id)).holds_handle() {
            return "#[derive(Debug)]".to_string();
        }
        const OWN: &[&str] = &["Debug", "Clone", "PartialEq"];
        match self.additional_derives(id, OWN) {
            extra if extra.is_empty() => "#[derive(Debug, Clone, PartialEq)]".to_string(),
            extra => format!("#[derive(Debug, Clone, PartialEq, {extra})]"),
        }
    }

    /// The `additional_derives` type `id` gets (comma-separated, maybe empty): none for an
    /// ignored type, and none the type has already (`own`, compared by the path's last
    /// segment).
    fn additional_derives(&self, id: TypeId, own: &[&str]) -> String {
        let options = &self.options.flags;
        let wit_name = self.resolve().types[id].name.as_deref().unwrap_or("");
        if options
            .additional_derives_ignore
            .iter()
            .any(|n| n == wit_name)
        {
            return String::new();
        }
        let mut extra: Vec<String> = Vec::new();
        for path in &options.additional_derives {
            let path: String = path.chars().filter(|c| !c.is_whitespace()).collect();
            let last = path.rsplit("::").next().unwrap_or(&path);
            if !own.contains(&last) && !extra.contains(&path) {
                extra.push(path);
            }
        }
        extra.join(", ")
    }

    /// A `flags` type, defined by the runtime's `flags!` (docs go inside the invocation).
    fn emit_flags(
        &mut self,
        src: &mut Source,
        name: &str,
        f: &wit_parser::Flags,
        type_docs: &wit_parser::Docs,
        root: bool,
        extra_derives: &str,
    ) {
        src.block(format!("{}::flags!", self.rt), "", |src| {
            docs(src, type_docs);
            if root {
                src.line("#[allow(dead_code)]");
            }
            if !extra_derives.is_empty() {
                line!(src, "#[derive({extra_derives})]");
            }
            let repr = flags_repr(f);
            src.block(format!("pub struct {name}: {repr}"), "", |src| {
                for (i, flag) in f.flags.iter().enumerate() {
                    docs(src, &flag.docs);
                    let (rust, wit) = (rust_shouty(&flag.name), &flag.name);
                    line!(src, "const {rust} = {i}, \"{wit}\";");
                }
            });
        });
    }

    /// An enum, defined by the runtime's `wit_enum!` (an `error enum` when a `result` uses it
    /// as its error).
    fn emit_enum(
        &mut self,
        src: &mut Source,
        name: &str,
        e: &wit_parser::Enum,
        type_docs: &wit_parser::Docs,
        root: bool,
        (kind, extra_derives): (&str, &str),
    ) {
        let error = kind == "error enum";
        src.block(format!("{}::wit_enum!", self.rt), "", |src| {
            docs(src, type_docs);
            if root {
                src.line("#[allow(dead_code)]");
            }
            if !extra_derives.is_empty() {
                line!(src, "#[derive({extra_derives})]");
            }
            let repr = int_rust(e.tag());
            src.block(format!("pub {kind} {name}: {repr}"), "", |src| {
                for c in &e.cases {
                    docs(src, &c.docs);
                    let case = rust_camel(&c.name);
                    match error {
                        true => line!(
                            src,
                            "{case} = \"{}\", \"{}\";",
                            c.name,
                            escape(&case_message(c))
                        ),
                        false => line!(src, "{case},"),
                    }
                }
            });
        });
    }

    /// An imported resource's handle type, defined by the runtime's `imported_resource!`.
    fn emit_imported_resource(
        &mut self,
        src: &mut Source,
        id: TypeId,
        name: &str,
        type_docs: &wit_parser::Docs,
        root: bool,
    ) {
        let (module, field) = &self
            .plan
            .resource(id, Direction::Import)
            .expect("planned")
            .drop;
        let (module, field) = (escape(module), escape(field));
        src.block(format!("{}::imported_resource!", self.rt), "", |src| {
            docs(src, type_docs);
            if root {
                src.line("#[allow(dead_code)]");
            }
            line!(src, "pub struct {name} = \"{module}\" \"{field}\";");
        });
    }

    /// An exported resource's handle types, defined by the runtime's `exported_resource!`.
    fn emit_exported_resource(
        &mut self,
        src: &mut Source,
        id: TypeId,
        type_docs: &wit_parser::Docs,
    ) {
        let names = &self.resources[&id];
        let (handle, guest, borrow) = (&names.handle, &names.guest, &names.borrow);
        let plan = self.plan.resource(id, Direction::Export).expect("planned");
        let import = |name: &Option<(String, String)>| {
            escape(&name.as_ref().expect("exported resources have it").1).into_owned()
        };
        let (new, rep, drop) = (import(&plan.new), import(&plan.rep), escape(&plan.drop.1));
        let module = escape(&plan.drop.0);
        src.block(format!("{}::exported_resource!", self.rt), "", |src| {
            docs(src, type_docs);
            line!(src, "pub struct {handle}, {borrow}: {guest} =");
            line!(src, "    \"{module}\" \"{new}\" \"{rep}\" \"{drop}\";");
        });
    }
}

/// The Rust integer holding a flags value's bits.
pub(super) fn flags_repr(f: &wit_parser::Flags) -> &'static str {
    match f.flags.len() {
        0..=8 => "u8",
        9..=16 => "u16",
        _ => "u32",
    }
}

pub(super) fn int_rust(int: Int) -> &'static str {
    match int_size(int) {
        1 => "u8",
        2 => "u16",
        4 => "u32",
        _ => "u64",
    }
}

/// Declares a core wasm import inside a function body.
pub(super) fn extern_import(
    src: &mut Source,
    module: &str,
    field: &str,
    local: &str,
    params: &[&str],
    result: Option<&str>,
) {
    line!(src, "#[link(wasm_import_module = \"{}\")]", escape(module));
    src.block("unsafe extern \"C\"", "", |src| {
        line!(src, "#[link_name = \"{}\"]", escape(field));
        let mut list = String::with_capacity(params.len() * 8);
        for (i, t) in params.iter().enumerate() {
            if i > 0 {
                list.push_str(", ");
            }
            list.push_str("_: ");
            list.push_str(t);
        }
        match result {
            Some(r) => line!(src, "fn {local}({list}) -> {r};"),
            None => line!(src, "fn {local}({list});"),
        }
    });
}

/// Escapes a string for a Rust string literal (import and export names: nearly always plain
/// ASCII, returned as they are).
pub(super) fn escape(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes()
        .all(|b| matches!(b, 0x20..=0x7e) && b != b'\\' && b != b'"' && b != b'\'')
    {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.escape_default().to_string())
    }
}

/// Named types used as the error of a function's `result` (`-> result<_, E>`, with `E` followed
/// through aliases and `use`s to its definition), in the functions of every world of the packages
/// read and of the interfaces they import and export, as wit-bindgen finds them. Records,
/// variants and enums among them implement `Display` and `core::error::Error`.
pub(super) fn error_types(resolve: &Resolve) -> HashSet<TypeId> {
    let mut errors = HashSet::default();
    let mut add = |f: &Function| {
        let Some(Type::Id(result)) = f.result else {
            return;
        };
        let TypeDefKind::Result(r) = &resolve.types[result].kind else {
            return;
        };
        if let Some(Type::Id(err)) = r.err.map(|e| dealias(resolve, e)) {
            errors.insert(err);
        }
    };
    for (_, world) in resolve.worlds.iter() {
        for item in world.imports.values().chain(world.exports.values()) {
            match item {
                WorldItem::Function(f) => add(f),
                WorldItem::Interface { id, .. } => resolve.interfaces[*id]
                    .functions
                    .values()
                    .for_each(&mut add),
                WorldItem::Type { .. } => {}
            }
        }
    }
    errors
}

/// `Display` and `core::error::Error` for an error record or variant: it displays as its
/// `Debug` form (error enums get theirs from `wit_enum!`).
fn emit_error_impls(src: &mut Source, name: &str, generics: &str) {
    src.blank();
    line!(
        src,
        "impl{generics} ::core::fmt::Display for {name}{generics} {{"
    );
    src.line("    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {");
    src.line("        ::core::fmt::Debug::fmt(self, f)");
    src.line("    }");
    src.line("}");
    src.blank();
    line!(
        src,
        "impl{generics} ::core::error::Error for {name}{generics} {{}}"
    );
}

/// An enum case's documentation as one line.
fn case_message(c: &wit_parser::EnumCase) -> String {
    let docs = c.docs.contents.as_deref().unwrap_or("");
    let lines: Vec<&str> = docs
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join(" ")
}
