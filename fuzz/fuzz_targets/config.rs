//! AFL++ target `config`: see `ecplint_fuzz::config`.

fn main() {
    afl::fuzz!(|data: &[u8]| {
        ecplint_fuzz::config(data);
    });
}
