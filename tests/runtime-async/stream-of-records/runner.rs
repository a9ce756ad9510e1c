// Reads the callee's accounts with reads of chosen sizes, sends it accounts to digest, and has
// it drop a stream after one read so a partial write returns the rest.
mod join;

use bindings::test::stream_of_records::api::{self, Account, Status};
use bindings::test::stream_of_records::probe::live_allocations;
use bindings::wit_stream;

struct Runner;

/// The same accounts as the test side makes.
fn account(i: u32) -> Account {
    Account {
        id: i,
        owner: if i % 3 == 0 {
            format!("Zoë #{i}")
        } else {
            format!("owner {i}")
        },
        tags: (0..i % 4).map(|t| format!("t{t}")).collect(),
        balance: f64::from(i) * 1.5 - 10.0,
        status: match i % 3 {
            0 => Status::Active,
            1 => Status::Suspended(format!("review {i}")),
            _ => Status::Closed(u64::from(i) << 33),
        },
    }
}

impl bindings::Guest for Runner {
    async fn run() {
        let before = live_allocations();

        // Their stream, read with sizes 1, 7, 64, ...: at most what was asked, all in order.
        let mut stream = api::accounts(300).await;
        let mut got = Vec::new();
        for max in [1usize, 7, 64, 1000].iter().cycle() {
            match stream.read(*max).await {
                Some(chunk) => {
                    assert!(chunk.len() <= *max, "read of {max} got {}", chunk.len());
                    got.extend(chunk);
                }
                None => break,
            }
        }
        assert_eq!(got.len(), 300);
        for (i, a) in got.iter().enumerate() {
            assert_eq!(*a, account(i as u32));
        }
        drop(stream);

        // Our stream, digested there (it checks each account too).
        let (mut writer, reader) = wit_stream::new::<Account>();
        let digest = api::digest(reader);
        let send = async move {
            for start in (0..500).step_by(50) {
                let batch: Vec<Account> = (start..start + 50).map(account).collect();
                assert!(
                    writer.write_all(batch).await.is_empty(),
                    "the callee left early"
                );
            }
        };
        let ((count, _hash), ()) = join::join2(digest, send).await;
        assert_eq!(count, 500);

        // A reader that takes 5 and drops the stream: the write hands back the other 15.
        let (mut writer, reader) = wit_stream::new::<Account>();
        let take = api::take_ids(reader, 5);
        let send = async move {
            // One copy: the reader's single read takes 5, then it drops the stream.
            let rest = writer.write((0..20).map(account).collect()).await;
            let again = writer.write_all(rest.clone()).await;
            (rest, again)
        };
        let (ids, (rest, again)) = join::join2(take, send).await;
        assert_eq!(ids, vec![0, 1, 2, 3, 4]);
        assert_eq!(rest, (5..20).map(account).collect::<Vec<_>>());
        assert_eq!(
            again, rest,
            "a write after the reader left returns every record"
        );

        assert_eq!(live_allocations(), before, "the test component leaked");
    }
}

bindings::export!(Runner with_types_in bindings);
