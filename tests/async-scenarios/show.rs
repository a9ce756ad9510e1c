//! How the runner writes the values it saw, and the test driver the values it expects: integers
//! in decimal, a string after a `'`, a record as `<id>:` followed by its strings (see
//! `values.rs` for why no separator can occur inside).

pub fn string(s: &str) -> String {
    format!("'{s}")
}

pub fn entry(id: u32, tags: &[String]) -> String {
    let mut out = format!("{id}:");
    for tag in tags {
        out.push_str(&string(tag));
    }
    out
}
