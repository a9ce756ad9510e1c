//@ wasmtime-flags = "-W component-model-fixed-length-lists"
// Fixed-length lists (runner side): `list<T, N>` as Rust arrays, as parameters (4, 2×2 and 20
// elements, the last spilled to memory), as results, round-tripped in tuples of two, nested two
// and four deep, and inside records; every element must land in its place. The test component
// checks the parameters it receives.
mod alloc_probe;

use bindings::test::fixed_length_lists::to_test::*;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        let before = alloc_probe::live();
        params();
        results();
        roundtrips();
        assert_eq!(
            alloc_probe::live(),
            before,
            "live allocations in the runner"
        );
    }
}

fn params() {
    list_param([1, 2, 3, 4]);
    list_param2([[1, 2], [3, 4]]);
    list_param3([
        -1, 2, -3, 4, -5, 6, -7, 8, -9, 10, -11, 12, -13, 14, -15, 16, -17, 18, -19, 20,
    ]);
}

fn results() {
    assert_eq!(
        list_result(),
        [b'0', b'1', b'A', b'B', b'a', b'b', 128, 255]
    );
}

fn roundtrips() {
    assert_eq!(
        list_minmax16([0, 1024, 32768, 65535], [1, 2048, -32767, -2]),
        ([0, 1024, 32768, 65535], [1, 2048, -32767, -2])
    );
    assert_eq!(
        list_minmax16([u16::MAX, 0, 1, 0x8000], [i16::MIN, i16::MAX, 0, -1]),
        ([u16::MAX, 0, 1, 0x8000], [i16::MIN, i16::MAX, 0, -1])
    );
    assert_eq!(
        list_minmax_float([2.0, -42.0], [0.25, -0.125]),
        ([2.0, -42.0], [0.25, -0.125])
    );
    {
        // Bit for bit: infinities, -0.0 and the smallest subnormals.
        let (a, b) = list_minmax_float(
            [f32::NEG_INFINITY, -0.0],
            [f64::from_bits(1), f64::INFINITY],
        );
        assert_eq!(
            a.map(f32::to_bits),
            [f32::NEG_INFINITY.to_bits(), (-0.0f32).to_bits()]
        );
        assert_eq!(b.map(f64::to_bits), [1, f64::INFINITY.to_bits()]);
    }
    let bytes = [b'a', b'b', b'c', b'd', 0, 1, 2, 3, b'A', b'B', b'Y', b'Z'];
    assert_eq!(list_roundtrip(bytes), bytes);
    assert_eq!(list_roundtrip([255; 12]), [255; 12]);
    assert_eq!(
        nested_roundtrip([[1, 5], [42, 1_000_000]], [[-1, 3], [-2_000_000, 4711]]),
        ([[1, 5], [42, 1_000_000]], [[-1, 3], [-2_000_000, 4711]])
    );
    let big = [
        [-1, 3, -2, 4],
        [-2_000_000, 4711, 99_999, -5],
        [-6, 7, 8, -9],
        [50, -5, 500, -5000],
    ];
    assert_eq!(
        large_roundtrip([[1, 5], [42, 1_000_000]], big),
        ([[1, 5], [42, 1_000_000]], big)
    );
    assert_eq!(
        large_roundtrip(
            [[u32::MAX, 0], [0, u32::MAX]],
            [[i32::MIN; 4], [i32::MAX; 4], [0; 4], [-1; 4]]
        ),
        (
            [[u32::MAX, 0], [0, u32::MAX]],
            [[i32::MIN; 4], [i32::MAX; 4], [0; 4], [-1; 4]]
        )
    );
    let result = nightmare_on_cpp([Nested { l: [1, -1] }, Nested { l: [2, -2] }]);
    assert_eq!(result[0].l, [1, -1]);
    assert_eq!(result[1].l, [2, -2]);
}

bindings::export!(Runner with_types_in bindings);
