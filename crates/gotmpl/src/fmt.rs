//! Go's `fmt` as templates use it: `print`, `printf` with its verbs, `println`, and how `%v`
//! prints each kind of value (`map[a:1 b:2]`, `[a b]`, `1e+06`) (being written, issue 9).
