//! The Rust module tree of the generated file and the names given out in each module.

use std::collections::BTreeMap;

use crate::gen::names::Scope;

/// Index of a module in [`ModuleTree`]; the root is 0.
pub type ModuleId = usize;

pub struct Module {
    pub path: Vec<String>,
    children: BTreeMap<String, ModuleId>,
    /// Child modules in insertion order, for emission.
    pub child_order: Vec<ModuleId>,
    /// Type namespace (modules, types, traits).
    pub types: Scope,
    /// Value namespace (functions).
    pub values: Scope,
    /// Type names defined here, to know when a prelude name (`String`, `Vec`…) is shadowed.
    pub defined: Vec<String>,
    /// Emitted items.
    pub body: String,
    /// Bindings generated elsewhere (`with`): the alias the root imports them under, and their
    /// path. Paths to items of this module go through the alias.
    pub remap: Option<(String, String)>,
}

pub struct ModuleTree {
    pub modules: Vec<Module>,
}

impl ModuleTree {
    pub fn new() -> ModuleTree {
        ModuleTree {
            modules: vec![Module::new(Vec::new())],
        }
    }

    /// The module at `segments` below `parent`: each segment is `(identity, wanted name)`. The
    /// identity keeps distinct WIT items with equal Rust names apart.
    pub fn child(&mut self, parent: ModuleId, identity: &str, wanted: String) -> ModuleId {
        if let Some(id) = self.modules[parent].children.get(identity) {
            return *id;
        }
        let name = self.modules[parent].types.claim(wanted);
        let mut path = self.modules[parent].path.clone();
        path.push(name);
        let id = self.modules.len();
        self.modules.push(Module::new(path));
        self.modules[parent]
            .children
            .insert(identity.to_string(), id);
        self.modules[parent].child_order.push(id);
        id
    }

    /// Makes `module` stand for the bindings at `path`, imported at the root as `alias`.
    pub fn remap(&mut self, module: ModuleId, alias: String, path: String) {
        self.modules[module].remap = Some((alias, path));
    }

    /// A relative path from module `from` to the item `name` in module `to`.
    pub fn path(&self, from: ModuleId, to: ModuleId, name: &str) -> String {
        if let Some((alias, _)) = &self.modules[to].remap {
            let depth = self.modules[from].path.len();
            return format!("{}{alias}::{name}", "super::".repeat(depth));
        }
        let from = &self.modules[from].path;
        let to = &self.modules[to].path;
        let common = from.iter().zip(to).take_while(|(a, b)| a == b).count();
        let len = (from.len() - common) * "super::".len()
            + to[common..].iter().map(|seg| seg.len() + 2).sum::<usize>()
            + name.len();
        let mut out = String::with_capacity(len);
        for _ in common..from.len() {
            out.push_str("super::");
        }
        for seg in &to[common..] {
            out.push_str(seg);
            out.push_str("::");
        }
        out.push_str(name);
        out
    }

    /// The path of a module from the root, for the export macro (`exports::a::b`).
    pub fn absolute(&self, module: ModuleId) -> String {
        self.modules[module].path.join("::")
    }
}

impl Module {
    fn new(path: Vec<String>) -> Module {
        Module {
            path,
            children: BTreeMap::new(),
            child_order: Vec::new(),
            types: Scope::new(),
            values: Scope::new(),
            defined: Vec::new(),
            body: String::new(),
            remap: None,
        }
    }
}
