// The export macro's name and default module (test side): the usual `export!` with
// `with_types_in`, next to a runner using the renamed macro.
struct Component;

impl bindings::exports::witbind::export_macro::api::Guest for Component {
    fn double(x: u32) -> u32 {
        x * 2
    }
}

bindings::export!(Component with_types_in bindings);
