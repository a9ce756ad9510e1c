//! The runner of the async scenarios: for each line of `script.txt` (written by
//! `tests/async_scenarios.rs`), `A <writer plan>;<reader plan>` writes a stream here that the
//! test component reads, `B …` reads here a stream the test component writes after returning
//! it. Prints one line per scenario: `<index> W[<takes>] R[<reads>]` (see `plan.rs`).

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
            let (takes, reads) = match direction {
                "A" => {
                    let (mut writer, reader) = wit_stream::new::<u32>();
                    let write = async move {
                        let takes = plan::write_plan(&mut writer, writer_plan).await;
                        drop(writer);
                        takes
                    };
                    join::join2(write, peer::read_stream(reader, reader_plan)).await
                }
                "B" => {
                    let (reader, report) = peer::write_stream(writer_plan).await;
                    let reads = plan::read_plan(reader, reader_plan).await;
                    (report.read().await, reads)
                }
                other => panic!("unknown direction `{other}`"),
            };
            println!("{i} W[{takes}] R[{reads}]");
        }
    }
}

bindings::export!(Runner with_types_in bindings);
