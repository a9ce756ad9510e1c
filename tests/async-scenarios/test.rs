//! The test component of the async scenarios in Rust: reads or writes a stream as the runner's
//! plan says (see `plan.rs`) and reports what it saw.

mod bindings;
mod plan;

use bindings::exports::witbind::scenarios::peer::Guest;
use bindings::{wit_future, wit_stream};
use witbind_rt::{FutureReader, StreamReader};

struct Test;

impl Guest for Test {
    async fn read_stream(items: StreamReader<u32>, plan: Vec<i32>) -> Vec<Option<Vec<u32>>> {
        plan::read_plan(items, &plan).await
    }

    async fn write_stream(plan: Vec<i32>) -> (StreamReader<u32>, FutureReader<Vec<u32>>) {
        let (mut writer, reader) = wit_stream::new::<u32>();
        let (report, report_reader) = wit_future::new(Vec::new);
        // Runs after this call returned: the task ends when the writing does.
        witbind_rt::spawn(async move {
            let takes = plan::write_plan(&mut writer, &plan).await;
            drop(writer);
            report.write(takes).await.expect("the runner reads the report");
        });
        (reader, report_reader)
    }
}

bindings::export!(Test with_types_in bindings);
