// Prints "hello p3\n" through `wasi:cli/stdout@0.3.0`: the bytes are written by a background
// task into the `stream<u8>` handed to the host, and the host's future says how it ended.
use bindings::exports::my::test::i::Guest;
use bindings::wasi::cli::stdout;
use bindings::wit_stream;

struct Component;

impl Guest for Component {
    async fn write_stdout() -> Result<(), ()> {
        let (mut writer, reader) = wit_stream::new::<u8>();
        let done = stdout::write_via_stream(reader);
        witbind_rt::spawn(async move {
            let rest = writer.write_all(b"hello p3\n".to_vec()).await;
            assert!(rest.is_empty(), "the host stopped reading stdout");
            // Dropping the writer ends the stream.
        });
        done.read().await.map_err(|_| ())
    }
}

bindings::export!(Component with_types_in bindings);
