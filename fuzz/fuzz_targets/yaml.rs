//! AFL++ target `yaml`: see `ecplint_fuzz::yaml`.

fn main() {
    afl::fuzz!(|data: &[u8]| {
        ecplint_fuzz::yaml(data);
    });
}
