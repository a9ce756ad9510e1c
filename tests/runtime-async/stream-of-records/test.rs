// Writes accounts made from their index and digests accounts it reads.
mod alloc_probe;

use bindings::exports::test::stream_of_records::api::{Account, Guest, Status};
use bindings::wit_stream;
use witbind_rt::StreamReader;

struct Component;

/// Account `i`: every field depends on `i`, strings are non-ASCII for some.
fn account(i: u32) -> Account {
    Account {
        id: i,
        owner: if i % 3 == 0 { format!("Zoë #{i}") } else { format!("owner {i}") },
        tags: (0..i % 4).map(|t| format!("t{t}")).collect(),
        balance: f64::from(i) * 1.5 - 10.0,
        status: match i % 3 {
            0 => Status::Active,
            1 => Status::Suspended(format!("review {i}")),
            _ => Status::Closed(u64::from(i) << 33),
        },
    }
}

fn fnv(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3))
}

fn digest_one(hash: u64, a: &Account) -> u64 {
    let mut h = fnv(hash, &a.id.to_le_bytes());
    h = fnv(h, a.owner.as_bytes());
    for t in &a.tags {
        h = fnv(h, t.as_bytes());
        h = fnv(h, b"|");
    }
    h = fnv(h, &a.balance.to_bits().to_le_bytes());
    match &a.status {
        Status::Active => fnv(h, b"A"),
        Status::Suspended(why) => fnv(fnv(h, b"S"), why.as_bytes()),
        Status::Closed(at) => fnv(fnv(h, b"C"), &at.to_le_bytes()),
    }
}

impl Guest for Component {
    async fn accounts(n: u32) -> StreamReader<Account> {
        let (mut writer, reader) = wit_stream::new::<Account>();
        witbind_rt::spawn(async move {
            let rest = writer.write_all((0..n).map(account).collect()).await;
            assert!(rest.is_empty(), "the caller left early");
        });
        reader
    }

    async fn digest(s: StreamReader<Account>) -> (u32, u64) {
        let all = s.collect().await;
        let hash = all.iter().fold(0xcbf2_9ce4_8422_2325, digest_one);
        for (i, a) in all.iter().enumerate() {
            assert_eq!(*a, account(i as u32), "account {i} arrived changed");
        }
        (all.len() as u32, hash)
    }

    async fn take_ids(mut s: StreamReader<Account>, max: u32) -> Vec<u32> {
        let got = s.read(max as usize).await.unwrap_or_default();
        got.iter().map(|a| a.id).collect()
    }
}

impl bindings::exports::test::stream_of_records::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
