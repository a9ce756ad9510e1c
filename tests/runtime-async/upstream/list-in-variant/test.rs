// List in variant (test side): every export answers with the strings it was handed, joined by
// commas. A case that carries no list answers with a fixed word ("none", "empty"), an error
// with "err:" and its text; the summary also counts the strings.
use bindings::exports::test::list_in_variant::to_test::{Guest, PayloadOrEmpty, Summary};

/// The items with a comma between each two (none before the first or after the last).
fn comma_joined(items: &[String]) -> String {
    let mut out = String::with_capacity(items.iter().map(|item| item.len() + 1).sum());
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        out.push_str(item);
    }
    out
}

/// The joined items, or `missing` when the payload has no list at all.
fn joined_or(items: Option<&[String]>, missing: &str) -> String {
    items.map_or_else(|| missing.to_owned(), comma_joined)
}

struct Exports;

impl Guest for Exports {
    fn top_level_list(items: Vec<String>) -> String {
        comma_joined(&items)
    }

    fn list_in_option(data: Option<Vec<String>>) -> String {
        joined_or(data.as_deref(), "none")
    }

    fn list_in_variant(data: PayloadOrEmpty) -> String {
        let items = match &data {
            PayloadOrEmpty::Empty => None,
            PayloadOrEmpty::WithData(items) => Some(items.as_slice()),
        };
        joined_or(items, "empty")
    }

    fn list_in_result(data: Result<Vec<String>, String>) -> String {
        data.map_or_else(|reason| format!("err:{reason}"), |items| comma_joined(&items))
    }

    fn list_in_option_with_return(data: Option<Vec<String>>) -> Summary {
        Summary {
            count: data.as_ref().map_or(0, |items| items.len() as u32),
            label: joined_or(data.as_deref(), "none"),
        }
    }
}

bindings::export!(Exports with_types_in bindings);
