//! The test driver of the `line-filter` example: feeds text through the filter in odd-sized
//! pieces and checks the lines and counts that come back.

mod bindings {
    witbind_rt::generate!({
        world: "runner",
        path: "../wit",
    });
}

use bindings::example::lines::filter::{count_lines, split_lines};
use bindings::wit_stream;
use witbind_rt::StreamReader;

struct Runner;

const TEXT: &str = "first line\nsecond, with ünïcödé\n\nafter an empty one\nno newline at the end";

/// A stream of `text`'s bytes, written in pieces of `piece` bytes by a background task.
fn bytes_of(text: &'static str, piece: usize) -> StreamReader<u8> {
    let (mut writer, reader) = wit_stream::new::<u8>();
    witbind_rt::spawn(async move {
        for chunk in text.as_bytes().chunks(piece) {
            assert!(
                writer.write_all(chunk.to_vec()).await.is_empty(),
                "the filter stopped reading"
            );
        }
    });
    reader
}

impl bindings::Guest for Runner {
    async fn run() {
        let expected: Vec<String> = TEXT.split('\n').map(str::to_string).collect();
        for piece in [1, 3, 7, 64, TEXT.len()] {
            let lines = split_lines(bytes_of(TEXT, piece)).await.collect().await;
            assert_eq!(lines, expected, "pieces of {piece} bytes");
            assert_eq!(count_lines(bytes_of(TEXT, piece)).await, 5);
        }
        assert_eq!(count_lines(bytes_of("", 1)).await, 0);
        assert!(split_lines(bytes_of("", 1))
            .await
            .collect()
            .await
            .is_empty());
        assert_eq!(count_lines(bytes_of("one\ntwo\n", 2)).await, 2);
    }
}

bindings::export!(Runner with_types_in bindings);
