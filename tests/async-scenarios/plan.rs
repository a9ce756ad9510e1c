//! The operations of a scenario, shared by both components.
//!
//! A writer plan is a list of `w<n>` (one `write` of the next `n` values: the host may take
//! fewer) and `a<n>` (`write_all` of the next `n` values), separated by spaces; the values a
//! write did not take are offered again by the next one, so the stream carries 0, 1, 2…
//! without gaps. The writer is dropped after its last operation. A reader plan is a list of
//! `r<m>` (one `read` of at most `m` items), ending with `d` (drop the reader) or `e` (read to
//! the end of the stream).

use witbind_rt::{StreamReader, StreamWriter};

/// Runs writer plan `plan`; returns how many values each operation got taken, as `3,0,5`.
pub async fn write_plan(writer: &mut StreamWriter<u32>, plan: &str) -> String {
    let mut next = 0u32;
    let mut takes = Vec::new();
    for op in plan.split_whitespace() {
        let n: u32 = op[1..].parse().expect("a count");
        let items: Vec<u32> = (next..next + n).collect();
        let left = match &op[..1] {
            "w" => writer.write(items).await,
            "a" => writer.write_all(items).await,
            other => panic!("unknown writer operation `{other}`"),
        };
        let taken = n - left.len() as u32;
        next += taken;
        takes.push(taken.to_string());
    }
    takes.join(",")
}

/// Runs reader plan `plan` and drops the reader; returns what each read gave, `|`-separated:
/// the values (`0,1,2`), `()` for none, `-` for the end of the stream.
pub async fn read_plan(mut reader: StreamReader<u32>, plan: &str) -> String {
    fn show(read: Option<Vec<u32>>) -> String {
        match read {
            None => "-".to_string(),
            Some(items) if items.is_empty() => "()".to_string(),
            Some(items) => {
                let items: Vec<String> = items.iter().map(u32::to_string).collect();
                items.join(",")
            }
        }
    }
    let mut reads = Vec::new();
    for op in plan.split_whitespace() {
        match &op[..1] {
            "r" => {
                let max = op[1..].parse().expect("a count");
                reads.push(show(reader.read(max).await));
            }
            "e" => loop {
                let read = reader.read(64).await;
                let end = read.is_none();
                reads.push(show(read));
                if end {
                    break;
                }
            },
            "d" => break,
            other => panic!("unknown reader operation `{other}`"),
        }
    }
    drop(reader);
    reads.join("|")
}
