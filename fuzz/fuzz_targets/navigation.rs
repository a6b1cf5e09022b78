//! AFL++ target `navigation`: see `ecplint_fuzz::navigation`.

fn main() {
    afl::fuzz!(|data: &[u8]| {
        ecplint_fuzz::navigation(data);
    });
}
