//! AFL++ target `share`: see `ecplint_fuzz::share`.

fn main() {
    afl::fuzz!(|data: &[u8]| {
        ecplint_fuzz::share(data);
    });
}
