// Prints through `wasi:cli/stdout@0.3.0`: the bytes go out as one `stream<u8>` handed to the host,
// and the host's future says how the writing ended.
use bindings::exports::test::wasi_p3_stdout::printer::Guest;
use bindings::wasi::cli::stdout;
use bindings::wit_stream;

struct Component;

impl Guest for Component {
    async fn print_lines(lines: Vec<String>, chunk: u32) -> Result<u64, String> {
        let (mut writer, reader) = wit_stream::new::<u8>();
        let done = stdout::write_via_stream(reader);
        let mut taken = 0u64;
        for line in lines {
            let mut bytes = line.into_bytes();
            bytes.push(b'\n');
            for piece in bytes.chunks(chunk.max(1) as usize) {
                let rest = writer.write_all(piece.to_vec()).await;
                if !rest.is_empty() {
                    return Err(format!("the host stopped reading after {taken} bytes"));
                }
                taken += piece.len() as u64;
            }
        }
        // Dropping the writer ends the stream; the future then says whether all of it was
        // written.
        drop(writer);
        match done.read().await {
            Ok(()) => Ok(taken),
            Err(e) => Err(format!("stdout failed: {e:?}")),
        }
    }
}

bindings::export!(Component with_types_in bindings);
