//! AFL++ target `mako`: see `ecplint_fuzz::mako_template`.

fn main() {
    afl::fuzz!(|data: &[u8]| {
        ecplint_fuzz::mako_template(data);
    });
}
