//! An async component: a line-splitting filter from `stream<u8>` to `stream<string>`, written as
//! plain `async fn`s, with a background task that keeps writing after the call returned.
//!
//! Build with `cargo build --target wasm32-wasip2`.

witbind_rt::generate!({
    world: "component",
    path: "wit",
});

use exports::example::lines::filter::Guest;
use witbind_rt::StreamReader;

struct Component;

/// Bytes read per `read` call.
const CHUNK: usize = 4096;

/// Takes every complete line out of `pending`, leaving the unfinished rest.
fn complete_lines(pending: &mut Vec<u8>) -> Vec<String> {
    let Some(last_newline) = pending.iter().rposition(|b| *b == b'\n') else {
        return Vec::new();
    };
    let rest = pending.split_off(last_newline + 1);
    let done = std::mem::replace(pending, rest);
    done[..done.len() - 1]
        .split(|b| *b == b'\n')
        .map(|line| String::from_utf8_lossy(line).into_owned())
        .collect()
}

impl Guest for Component {
    async fn split_lines(mut input: StreamReader<u8>) -> StreamReader<String> {
        let (mut output, lines) = wit_stream::new::<String>();
        // The stream is returned at once; this task fills it and ends with the input.
        witbind_rt::spawn(async move {
            let mut pending = Vec::new();
            while let Some(bytes) = input.read(CHUNK).await {
                pending.extend_from_slice(&bytes);
                let complete = complete_lines(&mut pending);
                if !output.write_all(complete).await.is_empty() {
                    return; // The reader went away.
                }
            }
            if !pending.is_empty() {
                let last = String::from_utf8_lossy(&pending).into_owned();
                let _ = output.write_all(vec![last]).await;
            }
        });
        lines
    }

    async fn count_lines(mut input: StreamReader<u8>) -> u32 {
        let (mut lines, mut unfinished) = (0, false);
        while let Some(bytes) = input.read(CHUNK).await {
            lines += bytes.iter().filter(|b| **b == b'\n').count() as u32;
            if let Some(last) = bytes.last() {
                unfinished = *last != b'\n';
            }
        }
        lines + u32::from(unfinished)
    }
}

export!(Component);
