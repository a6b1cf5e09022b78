//! Sprig v3's functions as Helm exposes them (all but `env`/`expandenv`) (being written, issue 9).
