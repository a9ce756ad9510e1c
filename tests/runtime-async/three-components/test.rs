// The middle component: passes the leaf's cells and streams on to the runner, working on them
// on the way.
use bindings::exports::test::three_components::middle::Guest;
use bindings::test::three_components::cells::{self, Cell};
use bindings::wit_stream;
use witbind_rt::StreamReader;

struct Component;

impl Guest for Component {
    fn make(label: String, start: u32) -> Cell {
        let cell = Cell::new(&label);
        cell.add(start);
        cell
    }

    fn add_twice(c: &Cell, n: u32) {
        c.add(n);
        c.add(n);
    }

    // Borrows inside a list arrive as handles of this component's; dropping them (here, with
    // the list) ends the borrows before the call returns.
    async fn add_later(c: &Cell, cs: Vec<Cell>, n: u32) -> u32 {
        witbind_rt::yield_now().await;
        for other in &cs {
            other.add(n);
        }
        c.add(n);
        c.value()
    }

    async fn hold(_c: &Cell, _cs: Vec<Cell>) {
        loop {
            witbind_rt::yield_now().await;
        }
    }

    fn total(cells: Vec<Cell>) -> u32 {
        cells.iter().map(|c| c.value()).sum()
    }

    fn finish(c: Cell) -> (String, u32) {
        (c.label(), c.value())
    }

    fn shout(cells: Vec<Cell>) -> Vec<Cell> {
        cells
            .into_iter()
            .map(|c| {
                let loud = Cell::new(&c.label().to_uppercase());
                loud.add(c.value());
                loud
            })
            .collect()
    }

    async fn double_plus_one(input: StreamReader<u8>) -> StreamReader<u8> {
        let mut doubled = cells::double(input).await;
        let (mut writer, reader) = wit_stream::new::<u8>();
        witbind_rt::spawn(async move {
            while let Some(bytes) = doubled.read(64).await {
                let plus: Vec<u8> = bytes.iter().map(|b| b.wrapping_add(1)).collect();
                if !writer.write_all(plus).await.is_empty() {
                    break;
                }
            }
        });
        reader
    }
}

bindings::export!(Component with_types_in bindings);
