//! Integer and float math: `add`, `sub`, `mul`, `div`, `mod`, `add1`, `max`, `min`, `biggest`,
//! `floor`, `ceil`, `round`, and the float forms `addf`, `subf`, `mulf`, `divf`, `add1f`,
//! `maxf`, `minf`.
//!
//! Operands go through `cast` (see `conversion`): `add "3" 1.9` is 4. Integer results are
//! `int64` with Go's wrap-around. Sprig does the float forms in decimal (shopspring/decimal), so
//! `addf 1.1 2.2` is 3.3 and `divf 1 7` is rounded to 16 decimals; we do the same with an exact
//! decimal of up to 38 digits, falling back to binary floats beyond.

use super::conversion::{to_float64, to_int64};
use super::{arity, arity_at_least, int_arg, Plain, Res};
use crate::exec::{Call, Funcs};
use crate::value::{IntKind, Value};
use std::rc::Rc;

pub(super) fn register(funcs: &mut Plain) {
    funcs.add("add", |a| {
        Ok(Value::int64(
            a.iter().map(to_int64).fold(0i64, i64::wrapping_add),
        ))
    });
    funcs.add("add1", |a| {
        arity("add1", a, 1)?;
        Ok(Value::int64(to_int64(&a[0]).wrapping_add(1)))
    });
    funcs.add("sub", |a| {
        arity("sub", a, 2)?;
        Ok(Value::int64(to_int64(&a[0]).wrapping_sub(to_int64(&a[1]))))
    });
    funcs.add("mul", |a| {
        arity_at_least("mul", a, 1)?;
        Ok(Value::int64(
            a.iter().map(to_int64).fold(1i64, i64::wrapping_mul),
        ))
    });
    funcs.add("div", |a| {
        arity("div", a, 2)?;
        let d = to_int64(&a[1]);
        if d == 0 {
            return Err("runtime error: integer divide by zero".into());
        }
        Ok(Value::int64(to_int64(&a[0]).wrapping_div(d)))
    });
    funcs.add("mod", |a| {
        arity("mod", a, 2)?;
        let d = to_int64(&a[1]);
        if d == 0 {
            return Err("runtime error: integer divide by zero".into());
        }
        Ok(Value::int64(to_int64(&a[0]).wrapping_rem(d)))
    });
    funcs.add("max", |a| int_extreme("max", a, i64::max));
    funcs.add("biggest", |a| int_extreme("biggest", a, i64::max));
    funcs.add("min", |a| int_extreme("min", a, i64::min));
    funcs.add("floor", |a| {
        arity("floor", a, 1)?;
        Ok(Value::Float(to_float64(&a[0]).floor()))
    });
    funcs.add("ceil", |a| {
        arity("ceil", a, 1)?;
        Ok(Value::Float(to_float64(&a[0]).ceil()))
    });
    funcs.add("round", round);
    funcs.add("addf", |a| Ok(Value::Float(decimal_fold(0.0, a, Op::Add))));
    funcs.add("add1f", |a| {
        arity("add1f", a, 1)?;
        Ok(Value::Float(decimal_fold(
            to_float64(&a[0]),
            &[Value::Float(1.0)],
            Op::Add,
        )))
    });
    funcs.add("subf", |a| float_op("subf", a, Op::Sub));
    funcs.add("mulf", |a| float_op("mulf", a, Op::Mul));
    funcs.add("divf", |a| float_op("divf", a, Op::Div));
    funcs.add("maxf", |a| float_extreme("maxf", a, f64::max));
    funcs.add("minf", |a| float_extreme("minf", a, f64::min));
}

pub(super) fn register_with_context(funcs: &mut Funcs) {
    funcs.insert(
        "until",
        Rc::new(|call: &mut Call<'_>, a: &[Value]| {
            arity("until", a, 1)?;
            let n = int_arg(a, 0)?;
            let step = if n < 0 { -1 } else { 1 };
            let items = int_range(0, n, step, false, &mut |n| charge_range(call, n))?;
            Ok(Value::list(items.into_iter().map(Value::int).collect()))
        }),
    );
    funcs.insert(
        "untilStep",
        Rc::new(|call: &mut Call<'_>, a: &[Value]| {
            arity("untilStep", a, 3)?;
            let (start, stop, step) = (int_arg(a, 0)?, int_arg(a, 1)?, int_arg(a, 2)?);
            let items = int_range(start, stop, step, false, &mut |n| charge_range(call, n))?;
            Ok(Value::list(items.into_iter().map(Value::int).collect()))
        }),
    );
    funcs.insert(
        "seq",
        Rc::new(|call: &mut Call<'_>, a: &[Value]| {
            let ints = (0..a.len())
                .map(|index| int_arg(a, index))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Value::from(seq(&ints, &mut |n| charge_range(call, n))?))
        }),
    );
}

/// The longest list `until`/`untilStep`/`seq` build (each item is work and memory, so a huge
/// count fails at once with a limit error instead of exhausting memory).
const MAX_RANGE_ITEMS: u64 = 1 << 20;

/// Charges the execution's work budget for `n` items, refusing more than [`MAX_RANGE_ITEMS`].
fn charge_range(call: &mut Call<'_>, n: u64) -> Result<(), String> {
    if n > MAX_RANGE_ITEMS {
        return Err(format!(
            "{}a range of {n} items is over the limit of {MAX_RANGE_ITEMS}",
            crate::exec::LIMIT_MARK
        ));
    }
    call.charge(n)
}

/// `untilStep start stop step` (stop excluded), or with `inclusive` GNU `seq`'s range; empty
/// when the step is 0 or goes the wrong way. `charge` is told the count before anything is built.
fn int_range(
    start: i64,
    stop: i64,
    step: i64,
    inclusive: bool,
    charge: &mut dyn FnMut(u64) -> Result<(), String>,
) -> Result<Vec<i64>, String> {
    let (start, stop, step) = (start as i128, stop as i128, step as i128);
    let count: i128 = if step > 0 && (stop > start || (inclusive && stop == start)) {
        let span = stop - start + if inclusive { 1 } else { 0 };
        (span + step - 1) / step
    } else if step < 0 && (stop < start || (inclusive && stop == start)) {
        let span = start - stop + if inclusive { 1 } else { 0 };
        (span + (-step) - 1) / (-step)
    } else {
        0
    };
    charge(count.min(u64::MAX as i128) as u64)?;
    Ok((0..count).map(|k| (start + k * step) as i64).collect())
}

/// `seq [start [step]] end` as GNU seq: numbers joined by spaces, `end` included.
fn seq(args: &[i64], charge: &mut dyn FnMut(u64) -> Result<(), String>) -> Result<String, String> {
    let (start, step, end) = match *args {
        [end] => (1, if end >= 1 { 1 } else { -1 }, end),
        [start, end] => (start, if end >= start { 1 } else { -1 }, end),
        [start, step, end] => (start, step, end),
        _ => return Ok(String::new()),
    };
    let items = int_range(start, end, step, true, charge)?;
    Ok(items
        .iter()
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(" "))
}

fn int_extreme(name: &str, args: &[Value], pick: fn(i64, i64) -> i64) -> Res {
    arity_at_least(name, args, 1)?;
    Ok(Value::int64(
        args.iter().map(to_int64).reduce(pick).unwrap_or(0),
    ))
}

/// `maxf`/`minf` use Go's `math.Max`/`math.Min` (NaN wins).
fn float_extreme(name: &str, args: &[Value], pick: fn(f64, f64) -> f64) -> Res {
    arity_at_least(name, args, 1)?;
    let values: Vec<f64> = args.iter().map(to_float64).collect();
    if values.iter().any(|v| v.is_nan()) {
        return Ok(Value::Float(f64::NAN));
    }
    Ok(Value::Float(values.into_iter().reduce(pick).unwrap_or(0.0)))
}

fn float_op(name: &str, args: &[Value], op: Op) -> Res {
    arity_at_least(name, args, 1)?;
    if matches!(op, Op::Div) && args[1..].iter().any(|v| to_float64(v) == 0.0) {
        // shopspring/decimal panics on a zero divisor.
        return Err("decimal division by 0".into());
    }
    Ok(Value::Float(decimal_fold(
        to_float64(&args[0]),
        &args[1..],
        op,
    )))
}

/// `round x p [half]`: rounds to `p` decimals, up when the dropped part is at least `half`
/// (0.5 by default), else down (so -2.5 rounds to -3).
fn round(args: &[Value]) -> Res {
    arity_at_least("round", args, 2)?;
    let value = to_float64(&args[0]);
    let places = int_arg(args, 1)?;
    let half = match args.get(2) {
        Some(Value::Float(f)) => *f,
        // An integer literal is a float64 constant for Go.
        Some(Value::Int(n, IntKind::Int)) => *n as f64,
        Some(_) => return Err(super::bad_arg(2, "float64")),
        None => 0.5,
    };
    let pow = 10f64.powi(places.clamp(-400, 400) as i32);
    let digits = pow * value;
    let frac = digits.fract();
    let rounded = if frac >= half {
        digits.ceil()
    } else {
        digits.floor()
    };
    Ok(Value::Float(rounded / pow))
}

#[derive(Clone, Copy)]
enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

/// A decimal number `mantissa × 10^exponent`.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Decimal {
    mantissa: i128,
    exponent: i32,
}

impl Decimal {
    /// The shortest decimal that reads back as `f` (what `decimal.NewFromFloat` gives).
    fn from_f64(f: f64) -> Option<Decimal> {
        if !f.is_finite() {
            return None;
        }
        let text = format!("{f:e}");
        let (mant, exp) = text.split_once('e')?;
        let exp: i32 = exp.parse().ok()?;
        let (neg, mant) = match mant.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, mant),
        };
        let (int_part, frac_part) = mant.split_once('.').unwrap_or((mant, ""));
        let digits = format!("{int_part}{frac_part}");
        let mantissa: i128 = digits.parse().ok()?;
        Some(Decimal {
            mantissa: if neg { -mantissa } else { mantissa },
            exponent: exp - frac_part.len() as i32,
        })
    }

    fn to_f64(self) -> f64 {
        format!("{}e{}", self.mantissa, self.exponent)
            .parse()
            .unwrap_or(f64::NAN)
    }

    /// Both at the smaller exponent, if the mantissas fit.
    fn align(a: Decimal, b: Decimal) -> Option<(i128, i128, i32)> {
        let exp = a.exponent.min(b.exponent);
        let scale = |d: Decimal| -> Option<i128> {
            let shift = u32::try_from(d.exponent - exp).ok()?;
            d.mantissa.checked_mul(10i128.checked_pow(shift)?)
        };
        Some((scale(a)?, scale(b)?, exp))
    }

    fn apply(self, other: Decimal, op: Op) -> Option<Decimal> {
        match op {
            Op::Add | Op::Sub => {
                let (x, y, exponent) = Decimal::align(self, other)?;
                let mantissa = if matches!(op, Op::Add) {
                    x.checked_add(y)?
                } else {
                    x.checked_sub(y)?
                };
                Some(Decimal { mantissa, exponent })
            }
            Op::Mul => Some(Decimal {
                mantissa: self.mantissa.checked_mul(other.mantissa)?,
                exponent: self.exponent.checked_add(other.exponent)?,
            }),
            Op::Div => {
                if other.mantissa == 0 {
                    return None;
                }
                // The quotient rounded half away from zero to 16 decimals:
                // q = self.m × 10^(self.e − other.e + 16) / other.m, at exponent −16.
                let shift = self.exponent - other.exponent + 16;
                let (num, den) = if shift >= 0 {
                    (
                        self.mantissa
                            .checked_mul(10i128.checked_pow(shift as u32)?)?,
                        other.mantissa,
                    )
                } else {
                    (
                        self.mantissa,
                        other
                            .mantissa
                            .checked_mul(10i128.checked_pow((-shift) as u32)?)?,
                    )
                };
                let q = num / den;
                let r = num % den;
                let away = r.checked_mul(2)?.abs() >= den.abs();
                let sign = if (num < 0) != (den < 0) { -1 } else { 1 };
                let mantissa = if away { q + sign } else { q };
                Some(Decimal {
                    mantissa,
                    exponent: -16,
                })
            }
        }
    }
}

/// Folds `first op a op b …` in decimal as Sprig does, in binary floats where the decimal
/// would not fit (or for a division by zero, which Sprig's decimal panics on; Go's float
/// division gives ±Inf or NaN instead).
fn decimal_fold(first: f64, rest: &[Value], op: Op) -> f64 {
    let mut acc = first;
    for value in rest {
        let x = to_float64(value);
        let exact = Decimal::from_f64(acc)
            .zip(Decimal::from_f64(x))
            .and_then(|(a, b)| a.apply(b, op));
        acc = match exact {
            Some(d) => d.to_f64(),
            None => match op {
                Op::Add => acc + x,
                Op::Sub => acc - x,
                Op::Mul => acc * x,
                Op::Div => acc / x,
            },
        };
    }
    acc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sprig::test_util::*;

    fn f(x: f64) -> Value {
        Value::Float(x)
    }

    fn fold(first: f64, rest: &[f64], op: Op) -> String {
        let rest: Vec<Value> = rest.iter().map(|&x| f(x)).collect();
        show(Ok(Value::Float(decimal_fold(first, &rest, op))))
    }

    // Observed with helm 3.17.3.
    #[test]
    fn decimal_float_math() {
        assert_eq!(fold(0.0, &[1.1, 2.2], Op::Add), "3.3");
        assert_eq!(fold(1.1, &[2.2], Op::Sub), "-1.1");
        assert_eq!(fold(1.1, &[3.0], Op::Mul), "3.3");
        assert_eq!(fold(1.0, &[3.0], Op::Div), "0.3333333333333333");
        assert_eq!(fold(10.0, &[4.0], Op::Div), "2.5");
        assert_eq!(fold(0.0, &[0.1, 0.2], Op::Add), "0.3");
        assert_eq!(fold(0.1, &[0.2], Op::Mul), "0.02");
        assert_eq!(fold(2.0, &[3.0], Op::Div), "0.6666666666666667");
        assert_eq!(fold(1.0, &[7.0], Op::Div), "0.1428571428571429");
        assert_eq!(fold(1e300, &[1e300], Op::Mul), "+Inf");
        assert_eq!(fold(1.0, &[], Op::Sub), "1");
    }

    fn no_budget(_: u64) -> Result<(), String> {
        Ok(())
    }

    #[test]
    fn ranges() {
        let until = |start, stop, step| {
            format!(
                "{:?}",
                int_range(start, stop, step, false, &mut no_budget).unwrap()
            )
        };
        assert_eq!(until(0, 3, 1), "[0, 1, 2]");
        assert_eq!(until(0, -3, -1), "[0, -1, -2]");
        assert_eq!(until(0, 10, 3), "[0, 3, 6, 9]");
        assert_eq!(until(10, 0, -3), "[10, 7, 4, 1]");
        assert_eq!(until(0, 10, 0), "[]");
        assert_eq!(until(0, 10, -1), "[]");
        let sq = |args: &[i64]| seq(args, &mut no_budget).unwrap();
        assert_eq!(sq(&[5]), "1 2 3 4 5");
        assert_eq!(sq(&[2, 5]), "2 3 4 5");
        assert_eq!(sq(&[1, 2, 10]), "1 3 5 7 9");
        assert_eq!(sq(&[5, 1]), "5 4 3 2 1");
        assert_eq!(sq(&[0]), "1 0");
        assert_eq!(sq(&[-2]), "1 0 -1 -2");
        assert_eq!(sq(&[1, 0, 5]), "");
        assert_eq!(sq(&[10, -3, 1]), "10 7 4 1");
        assert_eq!(sq(&[1, -1, 5]), "");
        assert_eq!(sq(&[]), "");
        assert_eq!(sq(&[1, 2, 3, 4]), "");
        // A huge count is refused before anything is built.
        let charged = std::cell::Cell::new(0);
        let mut limited = |n: u64| {
            charged.set(n);
            if n > MAX_RANGE_ITEMS {
                Err("limit".to_string())
            } else {
                Ok(())
            }
        };
        assert!(int_range(0, 1_000_000_000_000, 1, false, &mut limited).is_err());
        assert_eq!(charged.get(), 1_000_000_000_000);
        assert!(int_range(i64::MIN, i64::MAX, 1, false, &mut limited).is_err());
    }

    #[test]
    fn rounding() {
        let r = |x: f64, p: i64| show(round(&[f(x), i(p)]));
        assert_eq!(r(1.2345, 2), "1.23");
        assert_eq!(r(2.5, 0), "3");
        assert_eq!(r(-2.5, 0), "-3");
        assert_eq!(r(12345.0, -2), "12300");
        assert_eq!(show(round(&[f(1.45), i(1), f(0.4)])), "1.5");
        assert_eq!(show(round(&[f(1.5), i(0), i(1)])), "1");
        assert_eq!(show(round(&[s("2.567"), i(2)])), "2.57");
    }

    #[test]
    fn integer_math() {
        let cases: Vec<(&str, Vec<Value>, &str)> = vec![
            ("add", vec![i(1), i(2), i(3)], "6"),
            ("add", vec![], "0"),
            ("add", vec![s("3"), f(1.9)], "4"),
            ("sub", vec![i(5), i(2)], "3"),
            ("mul", vec![i(2), i(3), i(4)], "24"),
            ("div", vec![i(7), i(2)], "3"),
            ("div", vec![i(-7), i(2)], "-3"),
            (
                "div",
                vec![i(1), i(0)],
                "ERR runtime error: integer divide by zero",
            ),
            ("mod", vec![i(-7), i(3)], "-1"),
            ("add1", vec![f(1.5)], "2"),
            ("max", vec![i(1), i(5), i(3)], "5"),
            ("min", vec![i(4), i(2), i(9)], "2"),
            ("biggest", vec![i(1), i(2)], "2"),
            ("max", vec![i(3)], "3"),
            (
                "max",
                vec![],
                "ERR wrong number of args for max: want at least 1 got 0",
            ),
            ("addf", vec![f(1.1), f(2.2)], "3.3"),
            ("addf", vec![], "0"),
            ("add1f", vec![f(1.5)], "2.5"),
            ("maxf", vec![i(1), f(2.5), s("3")], "3"),
            ("minf", vec![i(1), f(2.5)], "1"),
            ("subf", vec![i(1)], "1"),
            ("divf", vec![i(1), i(0)], "ERR decimal division by 0"),
            ("floor", vec![f(1.5)], "1"),
            ("floor", vec![s("3.7")], "3"),
            ("ceil", vec![f(1.2)], "2"),
            ("ceil", vec![f(-1.5)], "-1"),
        ];
        for (name, args, want) in cases {
            assert_eq!(call(name, args.clone()), want, "{name} {args:?}");
        }
        let sum = call("add", vec![i(1), i(2)]);
        assert_eq!(sum, "3");
    }
}
