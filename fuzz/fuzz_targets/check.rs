//! AFL++ target `check`: see `ecplint_fuzz::check`.

fn main() {
    afl::fuzz!(|data: &[u8]| {
        ecplint_fuzz::check(data);
    });
}
