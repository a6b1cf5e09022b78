//! AFL++ target `archive`: see `ecplint_fuzz::archive`.

fn main() {
    afl::fuzz!(|data: &[u8]| {
        ecplint_fuzz::archive(data);
    });
}
