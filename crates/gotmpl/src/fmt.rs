//! Go's `fmt` as templates use it: `print`, `printf` with its verbs, `println`, and how `%v`
//! prints each kind of value (`map[a:1 b:2]`, `[a b]`, `1e+06`).
//!
//! SKELETON: the signatures are fixed (the executor and Sprig call them); bodies being written.

use crate::value::Value;

/// `%v` of one value, as `fmt.Sprint(v)` prints it (`<nil>` for nil).
pub fn format_value(value: &Value) -> String {
    let _ = value;
    String::new()
}

/// `fmt.Sprint`: operands joined, with a space between two operands when neither is a string.
pub fn sprint(args: &[Value]) -> String {
    args.iter().map(format_value).collect()
}

/// `fmt.Sprintln`: operands joined by spaces, then a newline.
pub fn sprintln(args: &[Value]) -> String {
    let mut out: Vec<String> = args.iter().map(format_value).collect::<Vec<_>>();
    out.push(String::new());
    out.join(" ").trim_end_matches(' ').to_string() + "\n"
}

/// `fmt.Sprintf` with Go's verbs, flags, widths, precisions, `%!v(MISSING)`-style errors.
pub fn sprintf(format: &str, args: &[Value]) -> String {
    let _ = args;
    format.to_string()
}
