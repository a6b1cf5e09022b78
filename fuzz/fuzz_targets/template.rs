//! AFL++ target `template`: see `ecplint_fuzz::template`.

fn main() {
    afl::fuzz!(|data: &[u8]| {
        ecplint_fuzz::template(data);
    });
}
