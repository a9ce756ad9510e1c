// Enums (test side): maps cases to their positions and back through explicit tables (no reliance
// on how discriminants are spelled), so the runner can check which case the test component saw.
mod alloc_probe;

use bindings::exports::test::enums::api::{Big, Color, Guest, Palette};

struct Component;

const COLORS: [Color; 4] = [Color::Red, Color::Green, Color::Blue, Color::HotPink];

/// Every case of `big`, in declaration order.
#[rustfmt::skip]
const BIGS: [Big; 300] = [
    Big::E0, Big::E1, Big::E2, Big::E3, Big::E4, Big::E5, Big::E6, Big::E7, Big::E8, Big::E9,
    Big::E10, Big::E11, Big::E12, Big::E13, Big::E14, Big::E15, Big::E16, Big::E17, Big::E18, Big::E19,
    Big::E20, Big::E21, Big::E22, Big::E23, Big::E24, Big::E25, Big::E26, Big::E27, Big::E28, Big::E29,
    Big::E30, Big::E31, Big::E32, Big::E33, Big::E34, Big::E35, Big::E36, Big::E37, Big::E38, Big::E39,
    Big::E40, Big::E41, Big::E42, Big::E43, Big::E44, Big::E45, Big::E46, Big::E47, Big::E48, Big::E49,
    Big::E50, Big::E51, Big::E52, Big::E53, Big::E54, Big::E55, Big::E56, Big::E57, Big::E58, Big::E59,
    Big::E60, Big::E61, Big::E62, Big::E63, Big::E64, Big::E65, Big::E66, Big::E67, Big::E68, Big::E69,
    Big::E70, Big::E71, Big::E72, Big::E73, Big::E74, Big::E75, Big::E76, Big::E77, Big::E78, Big::E79,
    Big::E80, Big::E81, Big::E82, Big::E83, Big::E84, Big::E85, Big::E86, Big::E87, Big::E88, Big::E89,
    Big::E90, Big::E91, Big::E92, Big::E93, Big::E94, Big::E95, Big::E96, Big::E97, Big::E98, Big::E99,
    Big::E100, Big::E101, Big::E102, Big::E103, Big::E104, Big::E105, Big::E106, Big::E107, Big::E108, Big::E109,
    Big::E110, Big::E111, Big::E112, Big::E113, Big::E114, Big::E115, Big::E116, Big::E117, Big::E118, Big::E119,
    Big::E120, Big::E121, Big::E122, Big::E123, Big::E124, Big::E125, Big::E126, Big::E127, Big::E128, Big::E129,
    Big::E130, Big::E131, Big::E132, Big::E133, Big::E134, Big::E135, Big::E136, Big::E137, Big::E138, Big::E139,
    Big::E140, Big::E141, Big::E142, Big::E143, Big::E144, Big::E145, Big::E146, Big::E147, Big::E148, Big::E149,
    Big::E150, Big::E151, Big::E152, Big::E153, Big::E154, Big::E155, Big::E156, Big::E157, Big::E158, Big::E159,
    Big::E160, Big::E161, Big::E162, Big::E163, Big::E164, Big::E165, Big::E166, Big::E167, Big::E168, Big::E169,
    Big::E170, Big::E171, Big::E172, Big::E173, Big::E174, Big::E175, Big::E176, Big::E177, Big::E178, Big::E179,
    Big::E180, Big::E181, Big::E182, Big::E183, Big::E184, Big::E185, Big::E186, Big::E187, Big::E188, Big::E189,
    Big::E190, Big::E191, Big::E192, Big::E193, Big::E194, Big::E195, Big::E196, Big::E197, Big::E198, Big::E199,
    Big::E200, Big::E201, Big::E202, Big::E203, Big::E204, Big::E205, Big::E206, Big::E207, Big::E208, Big::E209,
    Big::E210, Big::E211, Big::E212, Big::E213, Big::E214, Big::E215, Big::E216, Big::E217, Big::E218, Big::E219,
    Big::E220, Big::E221, Big::E222, Big::E223, Big::E224, Big::E225, Big::E226, Big::E227, Big::E228, Big::E229,
    Big::E230, Big::E231, Big::E232, Big::E233, Big::E234, Big::E235, Big::E236, Big::E237, Big::E238, Big::E239,
    Big::E240, Big::E241, Big::E242, Big::E243, Big::E244, Big::E245, Big::E246, Big::E247, Big::E248, Big::E249,
    Big::E250, Big::E251, Big::E252, Big::E253, Big::E254, Big::E255, Big::E256, Big::E257, Big::E258, Big::E259,
    Big::E260, Big::E261, Big::E262, Big::E263, Big::E264, Big::E265, Big::E266, Big::E267, Big::E268, Big::E269,
    Big::E270, Big::E271, Big::E272, Big::E273, Big::E274, Big::E275, Big::E276, Big::E277, Big::E278, Big::E279,
    Big::E280, Big::E281, Big::E282, Big::E283, Big::E284, Big::E285, Big::E286, Big::E287, Big::E288, Big::E289,
    Big::E290, Big::E291, Big::E292, Big::E293, Big::E294, Big::E295, Big::E296, Big::E297, Big::E298, Big::E299,
];

fn color_index(c: Color) -> u8 {
    COLORS.iter().position(|x| *x == c).expect("a known color") as u8
}

fn big_index(b: Big) -> u16 {
    BIGS.iter().position(|x| *x == b).expect("a known case") as u16
}

impl Guest for Component {
    fn roundtrip_color(c: Color) -> Color {
        c
    }
    fn color_index(c: Color) -> u8 {
        color_index(c)
    }
    fn color_from_index(i: u8) -> Option<Color> {
        COLORS.get(usize::from(i)).copied()
    }
    fn next_color(c: Color) -> Color {
        COLORS[(usize::from(color_index(c)) + 1) % COLORS.len()]
    }

    fn roundtrip_big(b: Big) -> Big {
        b
    }
    fn big_index(b: Big) -> u16 {
        big_index(b)
    }
    fn big_from_index(i: u16) -> Option<Big> {
        BIGS.get(usize::from(i)).copied()
    }

    fn roundtrip_bigs(l: Vec<Big>) -> Vec<Big> {
        l
    }
    fn roundtrip_colors(l: Vec<Color>) -> Vec<Color> {
        l
    }
    fn roundtrip_palette(p: Palette) -> Palette {
        p
    }
    fn roundtrip_option(b: Option<Big>) -> Option<Big> {
        b
    }
    fn mixed(a: u8, b: Color, c: u64, d: Big, e: i8) -> Vec<i64> {
        vec![
            i64::from(a),
            i64::from(color_index(b)),
            c as i64,
            i64::from(big_index(d)),
            i64::from(e),
        ]
    }
}

impl bindings::exports::test::enums::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);
