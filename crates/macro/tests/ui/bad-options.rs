// Options the command line does not have, or does not have that way, are errors at the option.
mod unknown {
    witbind_macro::generate!({ path: "wit", lang: "rust" });
}

mod twice {
    witbind_macro::generate!({ path: "wit", path: "other" });
}

mod no_input {
    witbind_macro::generate!({ world: "w" });
}

mod missing_path {
    witbind_macro::generate!({ path: "no/such/dir" });
}

fn main() {}
