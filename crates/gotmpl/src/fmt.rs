//! Go's `fmt` as templates use it: `print`, `printf` with its verbs, `println`, and how `%v`
//! prints each kind of value (`map[a:1 b:2]`, `[a b]`, `1e+06`).
//!
//! Written from the documentation of Go's `fmt` and `strconv` packages and checked against what
//! `helm template` prints. The pieces:
//! - a `Spec` is one parsed `%…` directive (flags, width, precision, verb);
//! - `write_arg` prints one operand under a spec, descending into lists and maps the way Go's
//!   `fmt` does (the verb applies to each element: `%d` of `[1 2]` is `[1 2]`);
//! - numbers go through `fmt_integer` and `fmt_float`, strings through `fmt_string`, then
//!   `pad` applies width and the `-`/`0` flags.
//!
//! Floats: Rust's shortest round-trip formatting (`{:e}`) gives the same digits as Go's
//! `strconv.FormatFloat(f, 'g', -1, 64)`; with a precision, Rust rounds the exact binary value
//! half-to-even as Go does, so only the layout (exponent with a sign and two digits, `%g`'s
//! choice between the two forms) is Go's and written here.

use crate::value::{IntKind, Value};

/// `%v` of one value, as `fmt.Sprint(v)` prints it (`<nil>` for nil).
pub fn format_value(value: &Value) -> String {
    let mut out = String::new();
    write_arg(&mut out, value, &Spec::verb('v'), 0);
    out
}

/// `fmt.Sprint`: operands joined, with a space between two operands when neither is a string.
pub fn sprint(args: &[Value]) -> String {
    let mut out = String::new();
    let mut prev_string = true;
    for (i, arg) in args.iter().enumerate() {
        let is_string = matches!(arg, Value::String(_));
        if i > 0 && !is_string && !prev_string {
            out.push(' ');
        }
        write_arg(&mut out, arg, &Spec::verb('v'), 0);
        prev_string = is_string;
    }
    out
}

/// `fmt.Sprintln`: operands joined by spaces, then a newline.
pub fn sprintln(args: &[Value]) -> String {
    let mut out = String::new();
    for (i, arg) in args.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        write_arg(&mut out, arg, &Spec::verb('v'), 0);
    }
    out.push('\n');
    out
}

/// `fmt.Sprintf` with Go's verbs, flags, widths, precisions, `%!v(MISSING)`-style errors.
pub fn sprintf(format: &str, args: &[Value]) -> String {
    let mut out = String::with_capacity(format.len() + 8 * args.len());
    let bytes = format.as_bytes();
    let mut i = 0;
    let mut arg_num = 0usize;
    // Go reports EXTRA arguments only when no explicit index (`%[n]d`) was used.
    let mut reordered = false;
    while i < bytes.len() {
        // Copy text up to the next '%'.
        let start = i;
        while i < bytes.len() && bytes[i] != b'%' {
            i += 1;
        }
        out.push_str(&format[start..i]);
        if i >= bytes.len() {
            break;
        }
        i += 1; // the '%'
        let mut spec = Spec::default();
        // Flags.
        while i < bytes.len() {
            match bytes[i] {
                b'#' => spec.sharp = true,
                b'0' => spec.zero = true,
                b'+' => spec.plus = true,
                b'-' => spec.minus = true,
                b' ' => spec.space = true,
                _ => break,
            }
            i += 1;
        }
        // Argument index, width.
        let mut after_index = false;
        if let Some((n, ok, next)) = parse_arg_index(bytes, i) {
            i = next;
            reordered = true;
            if ok && n < args.len() {
                arg_num = n;
                after_index = true;
            } else {
                spec.bad_index = true;
            }
        }
        if i < bytes.len() && bytes[i] == b'*' {
            i += 1;
            match star_arg(args, &mut arg_num, &spec) {
                Some(w) => {
                    if w < 0 {
                        spec.minus = true;
                        spec.width = Some((-w) as usize);
                    } else {
                        spec.width = Some(w as usize);
                    }
                }
                None => out.push_str("%!(BADWIDTH)"),
            }
            after_index = false;
        } else {
            let (n, next) = parse_num(bytes, i);
            if n > MAX_WIDTH {
                // Go gives up on the rest of the format.
                out.push_str("%!(NOVERB)");
                break;
            }
            if next != i {
                if after_index {
                    spec.bad_index = true; // "%[3]2d"
                }
                spec.width = Some(n);
                i = next;
            }
        }
        // Precision.
        if i < bytes.len() && bytes[i] == b'.' {
            i += 1;
            if after_index {
                spec.bad_index = true;
            }
            if let Some((n, ok, next)) = parse_arg_index(bytes, i) {
                i = next;
                reordered = true;
                if ok && n < args.len() {
                    arg_num = n;
                    after_index = true;
                } else {
                    spec.bad_index = true;
                }
            }
            if i < bytes.len() && bytes[i] == b'*' {
                i += 1;
                match star_arg(args, &mut arg_num, &spec) {
                    Some(p) if p >= 0 => spec.prec = Some(p as usize),
                    Some(_) => spec.prec = None,
                    None => out.push_str("%!(BADPREC)"),
                }
                after_index = false;
            } else {
                let (n, next) = parse_num(bytes, i);
                if n > MAX_WIDTH {
                    out.push_str("%!(NOVERB)");
                    break;
                }
                spec.prec = Some(n);
                i = next;
            }
        }
        if !after_index {
            if let Some((n, ok, next)) = parse_arg_index(bytes, i) {
                i = next;
                reordered = true;
                if ok && n < args.len() {
                    arg_num = n;
                } else {
                    spec.bad_index = true;
                }
            }
        }
        if i >= bytes.len() {
            out.push_str("%!(NOVERB)");
            break;
        }
        let verb = format[i..].chars().next().unwrap_or('%');
        i += verb.len_utf8();
        spec.verb = verb;
        if verb == '%' {
            out.push('%'); // "%%" (flags and width are ignored, as in Go)
            continue;
        }
        if spec.bad_index {
            out.push_str("%!");
            out.push(verb);
            out.push_str("(BADINDEX)");
            continue;
        }
        if arg_num >= args.len() {
            out.push_str("%!");
            out.push(verb);
            out.push_str("(MISSING)");
            continue;
        }
        if spec.minus {
            spec.zero = false; // Go: '-' overrides '0'
        }
        if verb == 'v' {
            // `%+v` adds struct field names and `%#v` means Go syntax: neither is a flag for
            // the numbers inside.
            spec.plus_v = spec.plus;
            spec.sharp_v = spec.sharp;
            spec.plus = false;
            spec.sharp = false;
        }
        let arg = &args[arg_num];
        arg_num += 1;
        if verb == 'w' {
            // Only Errorf knows %w.
            bad_verb(&mut out, arg, verb);
            continue;
        }
        write_arg(&mut out, arg, &spec, 0);
    }
    if !reordered && arg_num < args.len() {
        out.push_str("%!(EXTRA ");
        for (k, arg) in args[arg_num..].iter().enumerate() {
            if k > 0 {
                out.push_str(", ");
            }
            if arg.is_nil() {
                out.push_str("<nil>");
            } else {
                out.push_str(&arg.type_name());
                out.push('=');
                write_arg(&mut out, arg, &Spec::verb('v'), 0);
            }
        }
        out.push(')');
    }
    out
}

/// One `%…` directive.
#[derive(Clone, Debug)]
struct Spec {
    verb: char,
    sharp: bool,
    zero: bool,
    plus: bool,
    minus: bool,
    space: bool,
    width: Option<usize>,
    prec: Option<usize>,
    bad_index: bool,
    /// `%+v` (field names of structs).
    plus_v: bool,
    /// `%#v` (Go syntax).
    sharp_v: bool,
}

impl Default for Spec {
    fn default() -> Spec {
        Spec {
            verb: 'v',
            sharp: false,
            zero: false,
            plus: false,
            minus: false,
            space: false,
            width: None,
            prec: None,
            bad_index: false,
            plus_v: false,
            sharp_v: false,
        }
    }
}

impl Spec {
    fn verb(verb: char) -> Spec {
        Spec {
            verb,
            ..Spec::default()
        }
    }
}

/// Widths and precisions above this end the format with `%!(NOVERB)`, as Go does (so
/// `%0999999999d` allocates nothing).
const MAX_WIDTH: usize = 10_000_009;

fn parse_num(bytes: &[u8], mut i: usize) -> (usize, usize) {
    // Go checks the size before each digit, so numbers up to about 10^7 pass.
    let mut n: usize = 0;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        if n > 1_000_000 {
            return (MAX_WIDTH + 1, i);
        }
        n = n * 10 + (bytes[i] - b'0') as usize;
        i += 1;
    }
    (n, i)
}

/// `[n]` at `i`: (0-based index, well formed, position after it).
fn parse_arg_index(bytes: &[u8], i: usize) -> Option<(usize, bool, usize)> {
    if i >= bytes.len() || bytes[i] != b'[' {
        return None;
    }
    let mut j = i + 1;
    while j < bytes.len() && bytes[j] != b']' {
        j += 1;
    }
    if j >= bytes.len() {
        return Some((0, false, bytes.len()));
    }
    let digits = &bytes[i + 1..j];
    if digits.is_empty() || !digits.iter().all(|b| b.is_ascii_digit()) || digits.len() > 6 {
        return Some((0, false, j + 1));
    }
    let n: usize = std::str::from_utf8(digits).ok()?.parse().ok()?;
    if n == 0 {
        return Some((0, false, j + 1));
    }
    Some((n - 1, true, j + 1))
}

/// The argument a `*` width or precision takes.
fn star_arg(args: &[Value], arg_num: &mut usize, _spec: &Spec) -> Option<i64> {
    let arg = args.get(*arg_num)?;
    *arg_num += 1;
    match arg {
        Value::Int(i, _) if i.unsigned_abs() <= 1_000_000 => Some(*i),
        _ => None,
    }
}

/// `%!verb(type=value)`.
fn bad_verb(out: &mut String, arg: &Value, verb: char) {
    out.push_str("%!");
    out.push(verb);
    out.push('(');
    if arg.is_nil() {
        out.push_str("<nil>");
    } else {
        out.push_str(&arg.type_name());
        out.push('=');
        write_arg(out, arg, &Spec::verb('v'), 0);
    }
    out.push(')');
}

/// Deep values are printed up to this depth (a guard against self-containing maps, which `set`
/// can build; Go would loop forever, we print `...`).
const MAX_DEPTH: usize = 200;

/// Prints one operand under `spec`.
fn write_arg(out: &mut String, arg: &Value, spec: &Spec, depth: usize) {
    let verb = spec.verb;
    if verb == 'T' {
        let text = arg.type_name();
        pad(out, &text, spec, false);
        return;
    }
    if verb == 'p' {
        bad_verb(out, arg, verb);
        return;
    }
    if depth > MAX_DEPTH {
        out.push_str("...");
        return;
    }
    match arg {
        Value::Nil => match verb {
            'v' if spec.sharp_v && depth > 0 => pad(out, "interface {}(nil)", spec, false),
            'v' => pad(out, "<nil>", spec, false),
            _ => bad_verb(out, arg, verb),
        },
        Value::Bool(b) => match verb {
            'v' | 't' => pad(out, if *b { "true" } else { "false" }, spec, false),
            _ => bad_verb(out, arg, verb),
        },
        Value::Int(i, _) => fmt_integer(out, *i, arg, spec),
        Value::Float(f) => fmt_float_verb(out, *f, arg, spec),
        Value::String(s) => fmt_string(out, s, arg, spec),
        Value::Bytes(b) => match verb {
            's' | 'q' | 'x' | 'X' => fmt_bytes_as_string(out, b, spec),
            _ => {
                // Like a list of uint8.
                if spec.sharp_v && verb == 'v' {
                    out.push_str("[]byte{");
                    for (k, byte) in b.iter().enumerate() {
                        if k > 0 {
                            out.push_str(", ");
                        }
                        out.push_str(&format!("0x{byte:x}"));
                    }
                    out.push('}');
                    return;
                }
                out.push('[');
                // Plain `%v`/`%d` (what printing `.Files` does to every file): digits directly.
                let plain = matches!(verb, 'v' | 'd')
                    && !(spec.sharp || spec.zero || spec.plus || spec.minus || spec.space)
                    && spec.width.is_none()
                    && spec.prec.is_none();
                if plain {
                    out.reserve(b.len() * 4);
                }
                for (k, byte) in b.iter().enumerate() {
                    if k > 0 {
                        out.push(' ');
                    }
                    if plain {
                        push_decimal_byte(out, *byte);
                    } else {
                        let v = Value::Int(*byte as i64, IntKind::Int);
                        write_arg(out, &v, spec, depth + 1);
                    }
                }
                out.push(']');
            }
        },
        Value::List(list) => {
            if spec.sharp_v && verb == 'v' {
                out.push_str("[]interface {}{");
                for (k, item) in list.items().iter().enumerate() {
                    if k > 0 {
                        out.push_str(", ");
                    }
                    write_arg(out, item, spec, depth + 1);
                }
                out.push('}');
                return;
            }
            out.push('[');
            for (k, item) in list.items().iter().enumerate() {
                if k > 0 {
                    out.push(' ');
                }
                write_arg(out, item, spec, depth + 1);
            }
            out.push(']');
        }
        Value::Map(map) => {
            if spec.sharp_v && verb == 'v' {
                out.push_str("map[string]interface {}{");
                for (k, (key, value)) in map.entries().iter().enumerate() {
                    if k > 0 {
                        out.push_str(", ");
                    }
                    fmt_string(out, key, &Value::str(key), spec);
                    out.push(':');
                    write_arg(out, value, spec, depth + 1);
                }
                out.push('}');
                return;
            }
            out.push_str("map[");
            for (k, (key, value)) in map.entries().iter().enumerate() {
                if k > 0 {
                    out.push(' ');
                }
                fmt_string(out, key, &Value::str(key), spec);
                out.push(':');
                write_arg(out, value, spec, depth + 1);
            }
            out.push(']');
        }
        Value::Object(obj) => match verb {
            'v' | 's' => pad(out, &obj.format(), spec, false),
            'q' => pad(out, &quote_go(&obj.format(), spec.plus), spec, false),
            _ => bad_verb(out, arg, verb),
        },
    }
}

/// Width and the `-`/`0` flags. `zero_ok`: zero padding goes after a sign (numbers).
fn pad(out: &mut String, text: &str, spec: &Spec, zero_ok_after_sign: bool) {
    let width = match spec.width {
        Some(w) => w,
        None => {
            out.push_str(text);
            return;
        }
    };
    let len = text.chars().count();
    if len >= width {
        out.push_str(text);
        return;
    }
    let fill = width - len;
    if spec.minus {
        out.push_str(text);
        out.extend(std::iter::repeat_n(' ', fill));
    } else if spec.zero {
        if zero_ok_after_sign
            && (text.starts_with('-') || text.starts_with('+') || text.starts_with(' '))
        {
            out.push_str(&text[..1]);
            out.extend(std::iter::repeat_n('0', fill));
            out.push_str(&text[1..]);
        } else {
            out.extend(std::iter::repeat_n('0', fill));
            out.push_str(text);
        }
    } else {
        out.extend(std::iter::repeat_n(' ', fill));
        out.push_str(text);
    }
}

fn fmt_integer(out: &mut String, value: i64, arg: &Value, spec: &Spec) {
    let verb = spec.verb;
    let (base, upper, prefix) = match verb {
        'v' | 'd' => (10, false, ""),
        'b' => (2, false, "0b"),
        'o' => (8, false, "0"),
        'O' => (8, false, "0o"),
        'x' => (16, false, "0x"),
        'X' => (16, true, "0X"),
        'c' => {
            let c = char::from_u32(value as u32)
                .filter(|_| (0..=0x10FFFF).contains(&value))
                .unwrap_or('\u{FFFD}');
            pad(out, &c.to_string(), spec, false);
            return;
        }
        'q' => {
            let c = char::from_u32(value as u32)
                .filter(|_| (0..=0x10FFFF).contains(&value))
                .unwrap_or('\u{FFFD}');
            pad(out, &quote_rune(c, spec.plus), spec, false);
            return;
        }
        'U' => {
            let mut text = format!("U+{:04X}", value);
            if spec.sharp {
                if let Some(c) = char::from_u32(value as u32).filter(|c| !c.is_control()) {
                    text.push_str(&format!(" '{c}'"));
                }
            }
            pad(out, &text, spec, false);
            return;
        }
        _ => {
            bad_verb(out, arg, verb);
            return;
        }
    };
    let magnitude = value.unsigned_abs();
    let mut digits = match base {
        2 => format!("{magnitude:b}"),
        8 => format!("{magnitude:o}"),
        16 if upper => format!("{magnitude:X}"),
        16 => format!("{magnitude:x}"),
        _ => magnitude.to_string(),
    };
    let has_sign = value < 0 || spec.plus || spec.space;
    // Go zero-pads the digits to the precision, or with the 0 flag and no precision to the
    // width less the sign (the 0x prefix comes on top of it).
    let min_digits = match (spec.prec, spec.width) {
        (Some(p), _) => p,
        (None, Some(w)) if spec.zero => w.saturating_sub(usize::from(has_sign)),
        _ => 0,
    };
    if spec.prec == Some(0) && value == 0 {
        digits.clear();
    } else if digits.len() < min_digits {
        digits = "0".repeat(min_digits - digits.len()) + &digits;
    }
    let mut text = String::new();
    if value < 0 {
        text.push('-');
    } else if spec.plus {
        text.push('+');
    } else if spec.space {
        text.push(' ');
    }
    let with_prefix = (spec.sharp && verb != 'v' && verb != 'd') || verb == 'O';
    if with_prefix && !(verb == 'o' && digits.starts_with('0')) {
        text.push_str(prefix);
    }
    text.push_str(&digits);
    let spec = Spec {
        zero: false,
        ..spec.clone()
    };
    pad(out, &text, &spec, false);
}

fn fmt_float_verb(out: &mut String, value: f64, arg: &Value, spec: &Spec) {
    let verb = spec.verb;
    let text = match verb {
        'v' | 'g' | 'G' | 'e' | 'E' | 'f' | 'F' => fmt_float(value, verb, spec.prec, spec.sharp),
        'x' | 'X' => fmt_float_hex(value, verb == 'X', spec.prec),
        'b' => fmt_float_binary(value),
        _ => {
            bad_verb(out, arg, verb);
            return;
        }
    };
    let mut text = text;
    if spec.plus && !text.starts_with(['-', '+']) {
        text.insert(0, '+');
    } else if spec.space && !text.starts_with(['-', '+']) {
        text.insert(0, ' ');
    } else if value.is_infinite() && value > 0.0 && !spec.plus && verb != 'v' {
        // Go prints +Inf with %v but "+Inf" is only kept for %v; other verbs print "+Inf" too.
    }
    if value.is_nan() || value.is_infinite() {
        // Go never zero-pads infinities and NaN.
        let spec = Spec {
            zero: false,
            ..spec.clone()
        };
        pad(out, &text, &spec, false);
    } else {
        pad(out, &text, spec, true);
    }
}

/// A float under `%e %E %f %F %g %G %v` (`%v` = `%g` shortest), without width.
pub(crate) fn fmt_float(value: f64, verb: char, prec: Option<usize>, sharp: bool) -> String {
    if value.is_nan() {
        return "NaN".into();
    }
    if value.is_infinite() {
        return if value > 0.0 {
            "+Inf".into()
        } else {
            "-Inf".into()
        };
    }
    let upper = verb.is_ascii_uppercase();
    let text = match verb {
        'e' | 'E' => {
            let p = prec.unwrap_or(6);
            let s = format!("{:.*e}", p, value);
            let s = go_exponent(&s, if upper { 'E' } else { 'e' });
            if sharp && p == 0 {
                insert_point(&s)
            } else {
                s
            }
        }
        'f' | 'F' => {
            let p = prec.unwrap_or(6);
            let s = format!("{:.*}", p, value);
            if sharp && p == 0 {
                s + "."
            } else {
                s
            }
        }
        _ => fmt_g(value, prec, upper, sharp),
    };
    text
}

/// `%g`: shortest digits (or `prec` significant digits), `%e` form when the exponent is < -4 or
/// >= the precision (6 when shortest, as Go decides).
fn fmt_g(value: f64, prec: Option<usize>, upper: bool, sharp: bool) -> String {
    // Decimal digits and exponent, via Rust's %e (shortest or rounded to prec significant).
    let sci = match prec {
        None => format!("{:e}", value),
        Some(p) => format!("{:.*e}", p.max(1) - 1, value),
    };
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let neg = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    // Drop trailing zeros of a rounded mantissa (Go's %g does, unless '#').
    let digits = if sharp { digits } else { trim_zeros(&digits) };
    let nd = digits.len() as i32;
    // Go's rule: the %e form when the exponent is < -4 or >= the precision, where a shortest
    // %g decides with precision 6, and an explicit precision larger than the digits (for an
    // integral value) decides with the digit count.
    let eprec = match prec {
        None => 6,
        Some(p) => {
            let p = p.max(1) as i32;
            if p > nd && nd > exp {
                nd
            } else {
                p
            }
        }
    };
    let use_exp = exp < -4 || exp >= eprec;
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    let mut digits = digits;
    if sharp {
        let want = prec.unwrap_or(6).max(1);
        while digits.len() < want {
            digits.push('0');
        }
    }
    if use_exp {
        out.push_str(&digits[..1]);
        if digits.len() > 1 || sharp {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push(if upper { 'E' } else { 'e' });
        out.push(if exp < 0 { '-' } else { '+' });
        let e = exp.unsigned_abs();
        if e < 10 {
            out.push('0');
        }
        out.push_str(&e.to_string());
    } else if exp < 0 {
        out.push_str("0.");
        for _ in 0..(-exp - 1) {
            out.push('0');
        }
        out.push_str(&digits);
    } else {
        let int_len = exp as usize + 1;
        if digits.len() <= int_len {
            out.push_str(&digits);
            for _ in digits.len()..int_len {
                out.push('0');
            }
            if sharp {
                out.push('.');
            }
        } else {
            out.push_str(&digits[..int_len]);
            out.push('.');
            out.push_str(&digits[int_len..]);
        }
    }
    out
}

fn trim_zeros(digits: &str) -> String {
    let t = digits.trim_end_matches('0');
    if t.is_empty() {
        "0".into()
    } else {
        t.into()
    }
}

/// Rust's `1.5e3` → Go's `1.5e+03`.
fn go_exponent(s: &str, e: char) -> String {
    let (mantissa, exp) = s.split_once('e').unwrap_or((s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let mut out = String::from(mantissa);
    out.push(e);
    out.push(if exp < 0 { '-' } else { '+' });
    let a = exp.unsigned_abs();
    if a < 10 {
        out.push('0');
    }
    out.push_str(&a.to_string());
    out
}

fn insert_point(s: &str) -> String {
    match s.find(['e', 'E']) {
        Some(i) => format!("{}.{}", &s[..i], &s[i..]),
        None => format!("{s}."),
    }
}

/// `%x` of a float: Go's hexadecimal mantissa and binary exponent (`0x1.8p+01`).
fn fmt_float_hex(value: f64, upper: bool, prec: Option<usize>) -> String {
    if value.is_nan() {
        return "NaN".into();
    }
    if value.is_infinite() {
        return if value > 0.0 {
            "+Inf".into()
        } else {
            "-Inf".into()
        };
    }
    let neg = value.is_sign_negative();
    let bits = value.abs().to_bits();
    let mut exp = ((bits >> 52) & 0x7ff) as i64;
    let mut mant = bits & ((1u64 << 52) - 1);
    if exp == 0 && mant == 0 {
        let mut s = String::from(if neg { "-0x0" } else { "0x0" });
        if let Some(p) = prec.filter(|p| *p > 0) {
            s.push('.');
            s.push_str(&"0".repeat(p));
        }
        s.push_str("p+00");
        return if upper { s.to_uppercase() } else { s };
    }
    if exp == 0 {
        // Subnormal: normalise.
        let shift = mant.leading_zeros() as i64 - 11;
        mant = (mant << shift) & ((1u64 << 52) - 1);
        exp = 1 - shift;
    }
    let e = exp - 1023;
    let mut frac = format!("{mant:013x}");
    match prec {
        Some(p) if p < 13 => {
            // Round the 52-bit fraction to p hex digits (half to even).
            let drop = (13 - p) * 4;
            let full = (1u64 << 52) | mant;
            let half = 1u64 << (drop - 1);
            let rem = full & ((1u64 << drop) - 1);
            let mut kept = full >> drop;
            if rem > half || (rem == half && kept & 1 == 1) {
                kept += 1;
            }
            let lead = kept >> (p * 4);
            let mut e = e;
            let kept = if lead > 1 {
                e += 1;
                kept >> 1
            } else {
                kept
            };
            let frac_bits = kept & ((1u64 << (p * 4)) - 1);
            let f = if p == 0 {
                String::new()
            } else {
                format!("{:0width$x}", frac_bits, width = p)
            };
            return finish_hex(neg, &f, e, upper);
        }
        Some(p) => {
            while frac.len() < p {
                frac.push('0');
            }
        }
        None => {
            frac = frac.trim_end_matches('0').to_string();
        }
    }
    finish_hex(neg, &frac, e, upper)
}

fn finish_hex(neg: bool, frac: &str, e: i64, upper: bool) -> String {
    let mut s = String::new();
    if neg {
        s.push('-');
    }
    s.push_str("0x1");
    if !frac.is_empty() {
        s.push('.');
        s.push_str(frac);
    }
    s.push('p');
    s.push(if e < 0 { '-' } else { '+' });
    let a = e.unsigned_abs();
    if a < 10 {
        s.push('0');
    }
    s.push_str(&a.to_string());
    if upper {
        s.to_uppercase()
    } else {
        s
    }
}

/// `%b` of a float: decimalless mantissa and binary exponent (`4503599627370496p-52`).
fn fmt_float_binary(value: f64) -> String {
    let bits = value.to_bits();
    let neg = bits >> 63 != 0;
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let mut mant = bits & ((1u64 << 52) - 1);
    let e = if exp == 0 {
        -1074
    } else {
        mant |= 1u64 << 52;
        exp - 1075
    };
    format!(
        "{}{}p{}{}",
        if neg { "-" } else { "" },
        mant,
        if e < 0 { "-" } else { "+" },
        e.abs()
    )
}

fn fmt_string(out: &mut String, s: &str, arg: &Value, spec: &Spec) {
    match spec.verb {
        'v' if spec.sharp_v => {
            let text = if can_backquote(s) && s.contains('"') {
                format!("`{s}`")
            } else {
                quote_go(s, false)
            };
            pad(out, &text, spec, false);
        }
        'v' | 's' => {
            let text = match spec.prec {
                Some(p) => truncate_chars(s, p),
                None => s,
            };
            pad(out, text, spec, false);
        }
        'q' => {
            let s = match spec.prec {
                Some(p) => truncate_chars(s, p),
                None => s,
            };
            let text = if spec.sharp && can_backquote(s) {
                format!("`{s}`")
            } else {
                quote_go(s, spec.plus)
            };
            pad(out, &text, spec, false);
        }
        'x' | 'X' => {
            let text = hex_bytes(s.as_bytes(), spec);
            pad(out, &text, spec, false);
        }
        _ => bad_verb(out, arg, spec.verb),
    }
}

fn push_decimal_byte(out: &mut String, byte: u8) {
    if byte >= 100 {
        out.push(char::from(b'0' + byte / 100));
    }
    if byte >= 10 {
        out.push(char::from(b'0' + byte / 10 % 10));
    }
    out.push(char::from(b'0' + byte % 10));
}

fn fmt_bytes_as_string(out: &mut String, b: &[u8], spec: &Spec) {
    let s = String::from_utf8_lossy(b);
    match spec.verb {
        'x' | 'X' => {
            let text = hex_bytes(b, spec);
            pad(out, &text, spec, false);
        }
        _ => fmt_string(out, &s, &Value::Bytes(b.into()), spec),
    }
}

/// `%x` of a string: two hex digits a byte; `% x` separates bytes, `%#x` prefixes `0x`.
fn hex_bytes(b: &[u8], spec: &Spec) -> String {
    let b = match spec.prec {
        Some(p) if p < b.len() => &b[..p],
        _ => b,
    };
    let upper = spec.verb == 'X';
    let mut out = String::with_capacity(b.len() * 3);
    for (i, byte) in b.iter().enumerate() {
        if spec.space && i > 0 {
            out.push(' ');
        }
        if spec.sharp && (spec.space || i == 0) {
            out.push_str(if upper { "0X" } else { "0x" });
        }
        if upper {
            out.push_str(&format!("{byte:02X}"));
        } else {
            out.push_str(&format!("{byte:02x}"));
        }
    }
    out
}

fn truncate_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

fn can_backquote(s: &str) -> bool {
    s.chars()
        .all(|c| c != '`' && c != '\u{FEFF}' && (c == '\t' || !c.is_control()))
}

/// Go's `strconv.Quote` (`ascii_only`: `QuoteToASCII`, for `%+q`).
pub fn quote_go(s: &str, ascii_only: bool) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut rest = s;
    while !rest.is_empty() {
        // Printable ASCII other than `"` and `\` stands for itself: copied a run at a time.
        let plain = rest
            .bytes()
            .position(|b| !(0x20..0x7f).contains(&b) || b == b'"' || b == b'\\')
            .unwrap_or(rest.len());
        out.push_str(&rest[..plain]);
        rest = &rest[plain..];
        if let Some(c) = rest.chars().next() {
            escape_char(&mut out, c, '"', ascii_only);
            rest = &rest[c.len_utf8()..];
        }
    }
    out.push('"');
    out
}

fn quote_rune(c: char, ascii_only: bool) -> String {
    let mut out = String::from("'");
    escape_char(&mut out, c, '\'', ascii_only);
    out.push('\'');
    out
}

fn escape_char(out: &mut String, c: char, quote: char, ascii_only: bool) {
    match c {
        _ if c == quote => {
            out.push('\\');
            out.push(c);
        }
        '\\' => out.push_str("\\\\"),
        '\x07' => out.push_str("\\a"),
        '\x08' => out.push_str("\\b"),
        '\x0c' => out.push_str("\\f"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\x0b' => out.push_str("\\v"),
        '\u{FFFD}' => out.push('\u{FFFD}'),
        _ if (c as u32) < 0x20 || c == '\x7f' => out.push_str(&format!("\\x{:02x}", c as u32)),
        _ if ascii_only && (c as u32) >= 0x80 => {
            if (c as u32) < 0x10000 {
                out.push_str(&format!("\\u{:04x}", c as u32));
            } else {
                out.push_str(&format!("\\U{:08x}", c as u32));
            }
        }
        _ if is_go_printable(c) => out.push(c),
        _ => {
            if (c as u32) < 0x10000 {
                out.push_str(&format!("\\u{:04x}", c as u32));
            } else {
                out.push_str(&format!("\\U{:08x}", c as u32));
            }
        }
    }
}

/// An approximation of Go's `unicode.IsPrint` (letters, marks, numbers, punctuation, symbols
/// and the ASCII space): control, format and separator characters other than ' ' are not.
fn is_go_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    !matches!(c as u32,
        0x00AD | 0x0600..=0x0605 | 0x061C | 0x06DD | 0x070F | 0x180E | 0x200B..=0x200F
        | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB
        | 0xE000..=0xF8FF | 0xD800..=0xDFFF | 0xFFFE | 0xFFFF)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::{Map, Value};

    fn f(format: &str, args: &[Value]) -> String {
        sprintf(format, args)
    }

    fn i(n: i64) -> Value {
        Value::int(n)
    }

    #[test]
    fn float_v_uses_shortest_digits_and_gos_exponent_rule() {
        // Expected values printed by helm v3.17.3 (`printf "%v"`).
        let cases = [
            (1000000.0, "1e+06"),
            (1.5, "1.5"),
            (100000.0, "100000"),
            (1e21, "1e+21"),
            (123456789.0, "1.23456789e+08"),
            (0.00001, "1e-05"),
            (0.0001, "0.0001"),
            (0.0, "0"),
            (-2.5, "-2.5"),
            (3.0, "3"),
            (f64::INFINITY, "+Inf"),
            (f64::NAN, "NaN"),
        ];
        for (value, want) in cases {
            assert_eq!(format_value(&Value::Float(value)), want, "{value}");
        }
    }

    #[test]
    fn float_verbs_with_precision_round_half_to_even_like_go() {
        let args = [
            0.125.into(),
            0.5.into(),
            0.25.into(),
            1234.5678.into(),
            0.00001.into(),
        ];
        assert_eq!(
            f("%.2f %.0f %.1f %e %g", &args),
            "0.12 0 0.2 1.234568e+03 1e-05"
        );
        assert_eq!(
            f(
                "%8.3f|%-8.2f|%08.3f|%+.1e",
                &[
                    3.25159.into(),
                    2.5.into(),
                    (-3.25159).into(),
                    12345.0.into()
                ]
            ),
            "   3.252|2.50    |-003.252|+1.2e+04"
        );
        assert_eq!(
            f(
                "%.3g %g %G %.10g",
                &[1234.5678.into(), 1e-7.into(), 1e-7.into(), 0.1.into()]
            ),
            "1.23e+03 1e-07 1E-07 0.1"
        );
        assert_eq!(f("%x", &[1.5.into()]), "0x1.8p+00");
        assert_eq!(
            f(
                "%.0e %#.0f %#g %.3g",
                &[5.0.into(), 3.0.into(), 1.0.into(), 1.0.into()]
            ),
            "5e+00 3. 1.00000 1"
        );
    }

    #[test]
    fn strings_and_padding() {
        let args = [
            Value::str("abc"),
            i(3),
            Value::str("ab"),
            Value::str("hi"),
            Value::str("hi"),
            i(255),
        ];
        assert_eq!(
            f("%5.1q|%-5d|%05s|%x|% x|%#x", &args),
            "  \"a\"|3    |000ab|6869|68 69|0xff"
        );
        assert_eq!(
            f(
                "%q %+q %#q",
                &[Value::str("a\"b\n"), Value::str("é"), Value::str("x")]
            ),
            "\"a\\\"b\\n\" \"\\u00e9\" `x`"
        );
        assert_eq!(
            f("%c%c %U %q", &[i(72), i(0x4e2d), i(0x4e2d), i(97)]),
            "H中 U+4E2D 'a'"
        );
    }

    #[test]
    fn bad_verbs_missing_and_extra_arguments() {
        assert_eq!(
            f("%d %s", &[Value::str("a"), i(1)]),
            "%!d(string=a) %!s(int=1)"
        );
        assert_eq!(f("%d", &[]), "%!d(MISSING)");
        assert_eq!(
            f("x", &[i(1), Value::str("a")]),
            "x%!(EXTRA int=1, string=a)"
        );
        assert_eq!(f("%z %!", &[i(1)]), "%!z(int=1) %!!(MISSING)");
        assert_eq!(f("%", &[]), "%!(NOVERB)");
        assert_eq!(f("a%99999999999dz", &[i(1)]), "a%!(NOVERB)%!(EXTRA int=1)");
        assert_eq!(f("%d", &[Value::Nil]), "%!d(<nil>)");
        assert_eq!(
            f("%v %s", &[Value::Nil, true.into()]),
            "<nil> %!s(bool=true)"
        );
        assert_eq!(f("%[2]d %[1]d", &[i(1), i(2)]), "2 1");
        assert_eq!(
            f(
                "%*d|%-*d|%.*f",
                &[i(4), i(7), i(3), i(8), i(1), 2.25.into()]
            ),
            "   7|8  |2.2"
        );
    }

    #[test]
    fn integers_in_every_base() {
        assert_eq!(
            f(
                "%d %+d % d %05d %-4d| %x %X %o %O %b %#o %#b",
                &[
                    i(42),
                    i(42),
                    i(42),
                    i(-42),
                    i(7),
                    i(-255),
                    i(255),
                    i(8),
                    i(8),
                    i(5),
                    i(8),
                    i(5)
                ]
            ),
            "42 +42  42 -0042 7   | -ff FF 10 0o10 101 010 0b101"
        );
        assert_eq!(
            f("%.3d %08.3d %#08x", &[i(7), i(7), i(255)]),
            "007      007 0x000000ff"
        );
        assert_eq!(
            f(
                "%5t|%-5v|%05d|%x|%X",
                &[true.into(), Value::Nil, i(-3), Value::str("Hi"), i(-1)]
            ),
            " true|<nil>|-0003|4869|-1"
        );
    }

    #[test]
    fn composite_values_print_as_go() {
        let map = Map::new();
        map.insert("b", i(2));
        map.insert("a", Value::list(vec![Value::str("x"), Value::Nil]));
        let value = Value::Map(map);
        assert_eq!(format_value(&value), "map[a:[x <nil>] b:2]");
        assert_eq!(f("%d", &[Value::list(vec![i(1), i(2)])]), "[1 2]");
        assert_eq!(
            f("%q", &[Value::list(vec![Value::str("a"), Value::str("b")])]),
            "[\"a\" \"b\"]"
        );
        let one = Map::new();
        one.insert("a", i(1));
        assert_eq!(
            f(
                "%#v %s",
                &[Value::Map(one.clone()), Value::Map(one.clone())]
            ),
            "map[string]interface {}{\"a\":1} map[a:%!s(int=1)]"
        );
        // `+` and `#` of %v are not number flags (helm: `map[a:1]`, `map[string]interface {}{"a":1} "s" 1`).
        let float_one = Map::new();
        float_one.insert("a", 1.0.into());
        assert_eq!(
            f(
                "%+v %#v %#v %#v",
                &[
                    Value::Map(one),
                    Value::Map(float_one),
                    Value::str("s"),
                    i(1)
                ]
            ),
            "map[a:1] map[string]interface {}{\"a\":1} \"s\" 1"
        );
        assert_eq!(f("%[3]s|%[1]s", &[Value::str("a")]), "%!s(BADINDEX)|a");
        assert_eq!(
            format_value(&Value::Bytes(b"hi".as_slice().into())),
            "[104 105]"
        );
        let edges = Value::Bytes([0u8, 9, 10, 99, 100, 255].as_slice().into());
        assert_eq!(format_value(&edges), "[0 9 10 99 100 255]");
        assert_eq!(
            f("%d|%3d", &[edges.clone(), edges]),
            "[0 9 10 99 100 255]|[  0   9  10  99 100 255]"
        );
        assert_eq!(
            f(
                "%s %x %T",
                &[
                    Value::Bytes(b"hi".as_slice().into()),
                    Value::Bytes(b"hi".as_slice().into()),
                    Value::Nil
                ]
            ),
            "hi 6869 <nil>"
        );
        assert_eq!(
            f("%T %T %T", &[i(1), Value::str("s"), Value::list(vec![])]),
            "int string []interface {}"
        );
    }

    #[test]
    fn sprint_spaces_only_between_non_strings() {
        assert_eq!(
            sprint(&[
                i(1),
                i(2),
                Value::str("a"),
                i(3),
                Value::str("b"),
                Value::str("c")
            ]),
            "1 2a3bc"
        );
        assert_eq!(sprint(&[Value::Nil, i(1)]), "<nil> 1");
        assert_eq!(sprintln(&[Value::str("a"), i(1)]), "a 1\n");
    }

    #[test]
    fn random_formats_never_panic() {
        const PIECES: &[&str] = &[
            "%",
            "v",
            "d",
            "s",
            "q",
            "x",
            "X",
            "o",
            "O",
            "b",
            "e",
            "E",
            "f",
            "F",
            "g",
            "G",
            "t",
            "c",
            "U",
            "T",
            "p",
            "z",
            "+",
            "-",
            "#",
            "0",
            " ",
            "*",
            ".",
            "[",
            "]",
            "1",
            "2",
            "9",
            "99999999999",
            "é",
            "%%",
            "w",
        ];
        let args = [
            Value::int(-7),
            Value::int(i64::MIN),
            Value::Float(-0.0),
            Value::Float(f64::NAN),
            Value::Float(1e300),
            Value::Float(5e-324),
            Value::str("é\u{0}x"),
            Value::Nil,
            Value::Bool(true),
            Value::Bytes(b"\xff".as_slice().into()),
            Value::list(vec![Value::int(1), Value::Nil]),
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let format: String = (0..next() % 8)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            let start = (next() % args.len() as u64) as usize;
            let n = (next() % 4) as usize;
            let picked: Vec<Value> = args.iter().cycle().skip(start).take(n).cloned().collect();
            let out = sprintf(&format, &picked);
            assert!(out.len() < 32 << 20, "{format:?}");
        }
    }
}
