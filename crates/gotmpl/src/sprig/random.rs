//! Random values: `randAlphaNum`, `randAlpha`, `randNumeric`, `randAscii`, `randInt`, `shuffle`,
//! `uuidv4`, drawn from the execution's seeded source ([`Call::random_u64`]) so that a seed
//! makes output reproducible (Helm's are truly random: compare their shape, not their value).

use std::rc::Rc;

use super::strings::repeat_size;
use super::{arity, int_arg, string_arg, Res};
use crate::exec::{Call, Funcs};
use crate::value::Value;

const ALPHA: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const ALPHANUM: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const NUMERIC: &[u8] = b"0123456789";

pub(super) fn register_with_context(funcs: &mut Funcs) {
    funcs.insert(
        "randAlphaNum",
        Rc::new(|c: &mut Call<'_>, a: &[Value]| rand_string(c, "randAlphaNum", a, ALPHANUM)),
    );
    funcs.insert(
        "randAlpha",
        Rc::new(|c: &mut Call<'_>, a: &[Value]| rand_string(c, "randAlpha", a, ALPHA)),
    );
    funcs.insert(
        "randNumeric",
        Rc::new(|c: &mut Call<'_>, a: &[Value]| rand_string(c, "randNumeric", a, NUMERIC)),
    );
    funcs.insert(
        "randAscii",
        Rc::new(|c: &mut Call<'_>, a: &[Value]| rand_string(c, "randAscii", a, &printable_ascii())),
    );
    funcs.insert(
        "randInt",
        Rc::new(|c: &mut Call<'_>, a: &[Value]| {
            arity("randInt", a, 2)?;
            let (min, max) = (int_arg(a, 0)?, int_arg(a, 1)?);
            Ok(Value::int(rand_int(min, max, &mut || c.random_u64())?))
        }),
    );
    funcs.insert(
        "shuffle",
        Rc::new(|c: &mut Call<'_>, a: &[Value]| {
            arity("shuffle", a, 1)?;
            let s = string_arg(a, 0)?;
            c.charge(s.len() as u64 / 16)?;
            Ok(Value::from(shuffle(&s, &mut || c.random_u64())))
        }),
    );
    funcs.insert(
        "uuidv4",
        Rc::new(|c: &mut Call<'_>, a: &[Value]| {
            arity("uuidv4", a, 0)?;
            Ok(Value::from(uuid_v4(c.random_u64(), c.random_u64())))
        }),
    );
}

fn printable_ascii() -> Vec<u8> {
    (32u8..=126).collect()
}

fn rand_string(call: &mut Call<'_>, name: &str, args: &[Value], alphabet: &[u8]) -> Res {
    arity(name, args, 1)?;
    let n = int_arg(args, 0)?;
    if n <= 0 {
        // Sprig ignores goutils' error for a negative count and returns "".
        return Ok(Value::str(""));
    }
    repeat_size(n, 1, call.limits().max_string)?;
    call.charge(n as u64 / 16)?;
    Ok(Value::from(random_string(
        n as usize,
        alphabet,
        &mut || call.random_u64(),
    )))
}

pub(crate) fn random_string(n: usize, alphabet: &[u8], next: &mut dyn FnMut() -> u64) -> String {
    (0..n)
        .map(|_| alphabet[(next() % alphabet.len() as u64) as usize] as char)
        .collect()
}

/// `rand.Intn(max-min) + min`; Go panics when the span is not positive.
pub(crate) fn rand_int(min: i64, max: i64, next: &mut dyn FnMut() -> u64) -> Result<i64, String> {
    let span = max
        .checked_sub(min)
        .filter(|&s| s > 0)
        .ok_or("invalid argument to Intn")?;
    Ok(min + (next() % span as u64) as i64)
}

/// The characters of `s` in a random order (Fisher–Yates).
pub(crate) fn shuffle(s: &str, next: &mut dyn FnMut() -> u64) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    for i in (1..chars.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        chars.swap(i, j);
    }
    chars.into_iter().collect()
}

/// A version 4 (random) UUID in its canonical text form.
pub(crate) fn uuid_v4(high: u64, low: u64) -> String {
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&high.to_be_bytes());
    bytes[8..].copy_from_slice(&low.to_be_bytes());
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counter() -> impl FnMut() -> u64 {
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        }
    }

    #[test]
    fn shapes() {
        let mut next = counter();
        let s = random_string(20, ALPHANUM, &mut next);
        assert_eq!(s.len(), 20);
        assert!(s.bytes().all(|b| b.is_ascii_alphanumeric()));
        assert!(random_string(5, NUMERIC, &mut next)
            .bytes()
            .all(|b| b.is_ascii_digit()));
        assert!(random_string(50, &printable_ascii(), &mut next)
            .bytes()
            .all(|b| (32..=126).contains(&b)));
        // Observed with helm 3.17.3: the span must be positive.
        assert_eq!(
            rand_int(5, 5, &mut next),
            Err("invalid argument to Intn".to_string())
        );
        for _ in 0..100 {
            let n = rand_int(-5, -3, &mut next).unwrap();
            assert!((-5..-3).contains(&n));
        }
        let mut sorted: Vec<char> = shuffle("héllo", &mut next).chars().collect();
        slim_sort::sort(&mut sorted);
        assert_eq!(sorted, vec!['h', 'l', 'l', 'o', 'é']);
        let id = uuid_v4(next(), next());
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
        assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"));
        assert_eq!(id.matches('-').count(), 4);
    }
}
