// A WIT syntax error: the error is at the macro call and names the WIT file:line:col.
witbind_macro::generate!({
    inline: "package a:b;

interface i {
  f: func(x: u32 -> u32;
}

world w {
  export i;
}
",
});

fn main() {}
