//! How the runner writes the values it saw, and the test driver the values it expects: integers
//! in decimal, a string after a `'`, a record as `<id>:` followed by its strings (see
//! `values.rs` for why no separator can occur inside), a parcel as `<id>/<note>/` followed by its
//! body's bytes, `.`-separated.

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

pub fn parcel(id: u32, note: u32, body: &[u8]) -> String {
    let body: Vec<String> = body.iter().map(u8::to_string).collect();
    format!("{id}/{note}/{}", body.join("."))
}
