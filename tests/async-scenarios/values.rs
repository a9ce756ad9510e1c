//! The values scenarios move, derived from a salt (the scenario's) and a position in the stream,
//! so that the writer can make them and the model knows them. Shared by both Rust components
//! and the test driver; `plan.mbt` computes the same in MoonBit.

/// The pieces strings are made of: one to four UTF-8 bytes (and one or two UTF-16 units) each;
/// none of them is a separator of the runner's report lines.
const PIECES: [&str; 5] = ["a", "é", "漢", "😀", "z"];

fn mix(salt: u32, pos: u32) -> u32 {
    let h = salt
        .wrapping_mul(0x9e37_79b1)
        .wrapping_add(pos.wrapping_mul(0x85eb_ca77));
    h ^ (h >> 15)
}

pub fn u8_at(salt: u32, pos: u32) -> u8 {
    mix(salt, pos) as u8
}

pub fn u32_at(salt: u32, pos: u32) -> u32 {
    mix(salt, pos)
}

/// Zero to four pieces.
pub fn string_at(salt: u32, pos: u32) -> String {
    let h = mix(salt, pos);
    (0..h % 5)
        .map(|i| PIECES[((h >> (3 + 3 * i)) % 5) as usize])
        .collect()
}

/// The record's fields: an id and zero to two strings.
pub fn entry_at(salt: u32, pos: u32) -> (u32, Vec<String>) {
    let h = mix(salt, pos);
    let tags = (0..h % 3).map(|j| string_at(salt + 1 + j, pos)).collect();
    (h, tags)
}

/// An id distinct for each position of one salt (fewer than 256 of them): a token's, a call's.
pub fn id_at(salt: u32, pos: u32) -> u32 {
    salt.wrapping_mul(256).wrapping_add(pos)
}

/// A parcel's note: the value its future carries.
pub fn note_at(salt: u32, pos: u32) -> u32 {
    mix(salt ^ 0x5a5a_5a5a, pos)
}

/// A parcel's body: zero to three bytes.
pub fn body_at(salt: u32, pos: u32) -> Vec<u8> {
    let h = mix(salt ^ 0xa5a5_a5a5, pos);
    (0..h % 4).map(|i| (h >> (8 * i)) as u8).collect()
}
