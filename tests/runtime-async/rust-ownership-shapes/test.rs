// Ownership shapes (test side): answers computed from every part of each argument, so a field
// lowered wrongly from a borrowed parameter changes the answer the runner checks.
use bindings::exports::test::ownership_shapes::shapes::{self, Choice, Echo, Inner, Outer};

struct Test;

fn inner_len(i: &Inner) -> u32 {
    (i.label.len() + i.tags.iter().map(String::len).sum::<usize>()) as u32
}

fn outer_sum(o: &Outer) -> u32 {
    o.id + inner_len(&o.inner) + o.items.iter().map(inner_len).sum::<u32>()
}

impl shapes::Guest for Test {
    fn take_outer(o: Outer) -> u32 {
        outer_sum(&o)
    }

    fn take_choice(c: Choice) -> String {
        match c {
            Choice::Text(t) => format!("text {t}"),
            Choice::Bytes(b) => format!("bytes {b:?}"),
            Choice::Nothing => "nothing".to_string(),
        }
    }

    fn take_mixed(o: Option<String>, r: Result<String, String>, t: (String, u32)) -> String {
        format!("{o:?}|{r:?}|{}:{}", t.0, t.1)
    }

    fn take_names(n: Vec<String>) -> String {
        n.join(",")
    }

    fn echo_twice(e: Echo) -> Echo {
        Echo {
            text: format!("{0}{0}", e.text),
            count: e.count + 1,
        }
    }

    fn take_optional_outer(o: Option<Outer>) -> u32 {
        o.as_ref().map_or(u32::MAX, outer_sum)
    }

    #[allow(clippy::too_many_arguments)]
    fn many(
        a: String,
        b: String,
        c: String,
        d: String,
        e: String,
        f: String,
        g: String,
        h: String,
        i: String,
    ) -> String {
        [a, b, c, d, e, f, g, h, i].concat()
    }

    async fn take_async(o: Outer) -> u32 {
        witbind_rt::yield_now().await;
        outer_sum(&o)
    }
}

bindings::export!(Test with_types_in bindings);
