// A `#![no_std]` component without `extern crate alloc`: the bindings need neither `std` nor
// the crate's own `alloc`, and this source names `String` and `Vec` through `witbind-rt`.
#![no_std]

mod no_std_guest;

use core::cell::Cell;

use bindings::exports::test::rust_no_std::api::{Counter, Entry, Guest, GuestCounter, Shape};
use bindings::wit_stream;
use witbind_rt::{StreamReader, String, Vec};

struct Component;

struct MyCounter {
    label: String,
    count: Cell<u32>,
}

impl GuestCounter for MyCounter {
    fn new(label: String) -> MyCounter {
        MyCounter {
            label,
            count: Cell::new(0),
        }
    }

    fn add(&self, n: u32) -> u32 {
        self.count.set(self.count.get() + n);
        self.count.get()
    }

    fn label(&self) -> String {
        self.label.clone()
    }
}

/// The decimal digits of `n`.
fn push_number(out: &mut String, n: u32) {
    if n >= 10 {
        push_number(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

impl Guest for Component {
    type Counter = MyCounter;

    fn echo(s: String) -> String {
        let mut out: String = s.chars().rev().collect();
        out.push('!');
        out
    }

    fn fold(entries: Vec<Entry>) -> Vec<Entry> {
        entries
            .into_iter()
            .map(|e| Entry {
                key: e.key.to_uppercase(),
                values: [e.values.iter().sum()].to_vec(),
            })
            .collect()
    }

    fn turn(shapes: Vec<Shape>) -> Vec<Shape> {
        (shapes.into_iter())
            .map(|s| match s {
                Shape::Empty => Shape::Named(String::from("was empty")),
                Shape::Named(name) => Shape::Named(name.repeat(2)),
                Shape::Point((x, y)) => Shape::Point((-y, x)),
                Shape::Many(entries) => Shape::Many(Self::fold(entries)),
            })
            .collect()
    }

    fn finish(c: Counter) -> String {
        let value: MyCounter = c.into_inner();
        let mut out = value.label;
        out.push('=');
        push_number(&mut out, value.count.get());
        out
    }

    async fn pieces(text: String, size: u32) -> StreamReader<String> {
        let (mut writer, reader) = wit_stream::new();
        witbind_rt::spawn(async move {
            let pieces: Vec<String> = (text.as_bytes().chunks(size as usize))
                .map(|piece| String::from(core::str::from_utf8(piece).expect("ASCII")))
                .collect();
            assert!(writer.write_all(pieces).await.is_empty(), "the reader left");
        });
        reader
    }

    async fn total(mut numbers: StreamReader<u32>) -> u64 {
        let mut total = 0;
        while let Some(some) = numbers.read(3).await {
            total += some.iter().map(|n| u64::from(*n)).sum::<u64>();
        }
        total
    }

    fn live_allocations() -> i64 {
        no_std_guest::live()
    }
}

bindings::export!(Component with_types_in bindings);
