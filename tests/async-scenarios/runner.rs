//! The runner of the async scenarios: for each line of `script.txt` (written by
//! `tests/async_scenarios.rs`), `A <writer plan>;<reader plan>` writes a stream here that the
//! test component reads, `B …` reads here a stream the test component writes after returning
//! it. Plans are written `w3 a5` (a write of 3, a write-all of 5) and `r4 r1 d` or `r2 e` (reads
//! of at most 4 and 1, then drop the reader; or read to the end); see `plan.rs`. Prints one line
//! per scenario: `<index> W[<takes>] R[<reads>]`, a read being its values (`0,1,2`), `()` for
//! none, or `-` for the end of the stream.

mod bindings;
// The runtime suite's `tests/runtime-async/common/join.rs`.
mod join;
mod plan;

use bindings::witbind::scenarios::peer;
use bindings::wit_stream;

const SCRIPT: &str = include_str!("script.txt");

struct Runner;

impl bindings::Guest for Runner {
    async fn run() {
        for (i, line) in SCRIPT.lines().enumerate() {
            let (direction, plans) = line.split_once(' ').expect("a direction");
            let (writer_plan, reader_plan) = plans.split_once(';').expect("two plans");
            let (writer_plan, reader_plan) = (parse(writer_plan), parse(reader_plan));
            let (takes, reads) = match direction {
                "A" => {
                    let (mut writer, reader) = wit_stream::new::<u32>();
                    let write = async {
                        let takes = plan::write_plan(&mut writer, &writer_plan).await;
                        drop(writer);
                        takes
                    };
                    join::join2(write, peer::read_stream(reader, &reader_plan)).await
                }
                "B" => {
                    let (reader, report) = peer::write_stream(&writer_plan).await;
                    let reads = plan::read_plan(reader, &reader_plan).await;
                    (report.read().await, reads)
                }
                other => panic!("unknown direction `{other}`"),
            };
            println!("{i} W[{}] R[{}]", show_takes(&takes), show_reads(&reads));
        }
    }
}

/// `w3` → 3, `a5` → -5, `r4` → 4, `d` → 0, `e` → -1.
fn parse(plan: &str) -> Vec<i32> {
    (plan.split_whitespace())
        .map(|op| match (&op[..1], &op[1..]) {
            ("w" | "r", n) => n.parse().expect("a count"),
            ("a", n) => -n.parse::<i32>().expect("a count"),
            ("d", _) => 0,
            ("e", _) => -1,
            (other, _) => panic!("unknown operation `{other}`"),
        })
        .collect()
}

fn show_takes(takes: &[u32]) -> String {
    let takes: Vec<String> = takes.iter().map(u32::to_string).collect();
    takes.join(",")
}

fn show_reads(reads: &[Option<Vec<u32>>]) -> String {
    let reads: Vec<String> = (reads.iter())
        .map(|read| match read {
            None => "-".to_string(),
            Some(items) if items.is_empty() => "()".to_string(),
            Some(items) => show_takes(items),
        })
        .collect();
    reads.join("|")
}

bindings::export!(Runner with_types_in bindings);
