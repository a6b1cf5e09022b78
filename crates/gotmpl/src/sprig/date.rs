//! Dates and durations: `now`, `date`, `dateInZone`, `htmlDate`, `htmlDateInZone`, `toDate`,
//! `mustToDate`, `dateModify`, `mustDateModify`, `unixEpoch`, `duration`, `durationRound`,
//! `ago` (and Sprig's snake_case aliases), over Go's reference-time layouts
//! (`2006-01-02 15:04:05.000 MST`).
//!
//! `now` is the execution's [`Call::now_unix_nanos`]. The local zone is UTC (Helm in a container
//! and the page both run in UTC). Named zones come from a small built-in table: the fixed ones
//! (`Asia/Shanghai` CST +8, `Asia/Tokyo`, `Asia/Kolkata`, …) exactly, the common US and EU ones
//! with today's daylight-saving rules (for every year); any other name is UTC, which is what Go
//! does for a name it cannot load. `now` prints without Go's monotonic `m=+…` suffix.
//!
//! A time is a [`Time`] host object of type `time.Time` with Go's methods (`Unix`, `Format`,
//! `Year`, `Add`, …); it marshals (toJson/toYaml) as RFC 3339 with nanoseconds, as Go does.

use std::rc::Rc;

use super::conversion::to_int64;
use super::{arity, string_arg, Plain, Res};
use crate::exec::{Call, Funcs};
use crate::value::{IntKind, Object, Value};

const NANOS_PER_SEC: i64 = 1_000_000_000;

pub(super) fn register(funcs: &mut Plain) {
    funcs.add("toDate", |a| to_date("toDate", a, false));
    funcs.add("mustToDate", |a| to_date("mustToDate", a, true));
    funcs.add("dateModify", |a| date_modify("dateModify", a, false));
    funcs.add("date_modify", |a| date_modify("date_modify", a, false));
    funcs.add("mustDateModify", |a| date_modify("mustDateModify", a, true));
    funcs.add("must_date_modify", |a| {
        date_modify("must_date_modify", a, true)
    });
    funcs.add("unixEpoch", |a| {
        arity("unixEpoch", a, 1)?;
        Ok(Value::from(time_arg(a, 0)?.secs.to_string()))
    });
    funcs.add("duration", |a| {
        arity("duration", a, 1)?;
        // Sprig reads only a string or an int64 (an `int` literal gives 0s).
        let secs = match &a[0] {
            Value::String(s) => super::conversion::parse_int_base(s, 10).unwrap_or(0),
            Value::Int(n, IntKind::Int64) => *n,
            _ => 0,
        };
        Ok(Value::from(format_duration(
            secs.wrapping_mul(NANOS_PER_SEC),
        )))
    });
}

pub(super) fn register_with_context(funcs: &mut Funcs) {
    funcs.insert(
        "now",
        Rc::new(|c: &mut Call<'_>, a: &[Value]| {
            arity("now", a, 0)?;
            Ok(Time::from_unix_nanos(c.now_unix_nanos(), Location::Utc).into_value())
        }),
    );
    funcs.insert(
        "date",
        Rc::new(|c: &mut Call<'_>, a: &[Value]| {
            arity("date", a, 2)?;
            let layout = string_arg(a, 0)?;
            Ok(Value::from(format_in_zone(
                &layout,
                &a[1],
                "Local",
                c.now_unix_nanos(),
            )))
        }),
    );
    for name in ["dateInZone", "date_in_zone"] {
        funcs.insert(
            name,
            Rc::new(move |c: &mut Call<'_>, a: &[Value]| {
                arity(name, a, 3)?;
                let layout = string_arg(a, 0)?;
                let zone = string_arg(a, 2)?;
                Ok(Value::from(format_in_zone(
                    &layout,
                    &a[1],
                    &zone,
                    c.now_unix_nanos(),
                )))
            }),
        );
    }
    funcs.insert(
        "htmlDate",
        Rc::new(|c: &mut Call<'_>, a: &[Value]| {
            arity("htmlDate", a, 1)?;
            Ok(Value::from(format_in_zone(
                "2006-01-02",
                &a[0],
                "Local",
                c.now_unix_nanos(),
            )))
        }),
    );
    funcs.insert(
        "htmlDateInZone",
        Rc::new(|c: &mut Call<'_>, a: &[Value]| {
            arity("htmlDateInZone", a, 2)?;
            let zone = string_arg(a, 1)?;
            Ok(Value::from(format_in_zone(
                "2006-01-02",
                &a[0],
                &zone,
                c.now_unix_nanos(),
            )))
        }),
    );
    funcs.insert(
        "ago",
        Rc::new(|c: &mut Call<'_>, a: &[Value]| {
            arity("ago", a, 1)?;
            let now = c.now_unix_nanos();
            let then = date_operand(&a[0], now);
            Ok(Value::from(format_duration(round_to_second(
                now.saturating_sub(then.unix_nanos()),
            ))))
        }),
    );
    funcs.insert(
        "durationRound",
        Rc::new(|c: &mut Call<'_>, a: &[Value]| {
            arity("durationRound", a, 1)?;
            let nanos = match &a[0] {
                Value::String(s) => parse_duration(s).unwrap_or(0),
                Value::Int(n, IntKind::Int64) => *n,
                Value::Object(_) => match as_time(&a[0]) {
                    Some(t) => c.now_unix_nanos().saturating_sub(t.unix_nanos()),
                    None => 0,
                },
                _ => 0,
            };
            Ok(Value::from(duration_round(nanos)))
        }),
    );
}

/// `date`'s operand: a time, or Unix seconds as an int/int64; anything else is now.
fn date_operand(value: &Value, now_nanos: i64) -> Time {
    match value {
        Value::Int(secs, _) => Time::from_unix(*secs, 0, Location::Utc),
        Value::Object(_) => {
            as_time(value).unwrap_or_else(|| Time::from_unix_nanos(now_nanos, Location::Utc))
        }
        _ => Time::from_unix_nanos(now_nanos, Location::Utc),
    }
}

fn format_in_zone(layout: &str, date: &Value, zone: &str, now_nanos: i64) -> String {
    let t = date_operand(date, now_nanos);
    Time {
        loc: Location::named(zone),
        ..t
    }
    .format(layout)
}

fn to_date(name: &str, args: &[Value], must: bool) -> Res {
    arity(name, args, 2)?;
    let layout = string_arg(args, 0)?;
    let text = string_arg(args, 1)?;
    match parse_time(&layout, &text) {
        Ok(t) => Ok(t.into_value()),
        Err(e) if must => Err(e),
        Err(_) => Ok(Time::zero().into_value()),
    }
}

fn date_modify(name: &str, args: &[Value], must: bool) -> Res {
    arity(name, args, 2)?;
    let by = string_arg(args, 0)?;
    let t = time_arg(args, 1)?;
    match parse_duration(&by) {
        Ok(d) => Ok(t.add_nanos(d).into_value()),
        Err(e) if must => Err(e),
        Err(_) => Ok(t.into_value()),
    }
}

/// A `time.Time` parameter.
fn time_arg(args: &[Value], index: usize) -> Result<Time, String> {
    as_time(&args[index]).ok_or_else(|| super::bad_arg(index, "time.Time"))
}

/// The time a `time.Time` object holds.
fn as_time(value: &Value) -> Option<Time> {
    let Value::Object(o) = value else { return None };
    if o.type_name() != "time.Time" {
        return None;
    }
    match o.member(STATE, &[]) {
        Ok(Some(Value::List(state))) => Time::from_state(state.items()),
        _ => None,
    }
}

/// A member name no template can write (identifiers are alphanumeric): how date functions read
/// a time object's exact state back (the `Object` trait has no downcasting).
const STATE: &str = "\u{0}time";

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic (proleptic Gregorian, days since 1970-01-01).

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

// ---------------------------------------------------------------------------------------------
// Zones.

#[derive(Clone, Copy, Debug, PartialEq)]
enum DstRule {
    /// Second Sunday of March 02:00 local to first Sunday of November 02:00 local.
    Us,
    /// Last Sunday of March to last Sunday of October, 01:00 UTC.
    Eu,
}

#[derive(Clone, Debug, PartialEq)]
enum Location {
    Utc,
    Fixed {
        name: String,
        offset: i32,
    },
    Dst {
        std: (&'static str, i32),
        dst: (&'static str, i32),
        rule: DstRule,
    },
}

impl Location {
    /// `time.LoadLocation`, from the built-in table; unknown names are UTC (as Sprig falls back).
    fn named(name: &str) -> Location {
        let fixed = |n: &str, hours: f64| Location::Fixed {
            name: n.to_string(),
            offset: (hours * 3600.0) as i32,
        };
        let us = |s: &'static str, d: &'static str, h: i32| Location::Dst {
            std: (s, h * 3600),
            dst: (d, (h + 1) * 3600),
            rule: DstRule::Us,
        };
        let eu = |s: &'static str, d: &'static str, h: i32| Location::Dst {
            std: (s, h * 3600),
            dst: (d, (h + 1) * 3600),
            rule: DstRule::Eu,
        };
        match name {
            "GMT" | "Etc/GMT" | "Greenwich" => fixed("GMT", 0.0),
            "Asia/Shanghai" | "Asia/Chongqing" | "Asia/Chungking" | "Asia/Harbin" | "PRC"
            | "Asia/Taipei" | "ROC" | "Asia/Macau" => fixed("CST", 8.0),
            "Asia/Hong_Kong" | "Hongkong" => fixed("HKT", 8.0),
            "Asia/Singapore" | "Singapore" | "Asia/Kuala_Lumpur" => fixed("+08", 8.0),
            "Asia/Urumqi" => fixed("+06", 6.0),
            "Asia/Tokyo" | "Japan" => fixed("JST", 9.0),
            "Asia/Seoul" | "ROK" => fixed("KST", 9.0),
            "Asia/Kolkata" | "Asia/Calcutta" => fixed("IST", 5.5),
            "Asia/Dubai" => fixed("+04", 4.0),
            "Europe/Moscow" | "W-SU" => fixed("MSK", 3.0),
            "Australia/Brisbane" => fixed("AEST", 10.0),
            "America/Phoenix" => fixed("MST", -7.0),
            "America/New_York" | "US/Eastern" | "America/Toronto" | "America/Detroit" => {
                us("EST", "EDT", -5)
            }
            "America/Chicago" | "US/Central" => us("CST", "CDT", -6),
            "America/Denver" | "US/Mountain" => us("MST", "MDT", -7),
            "America/Los_Angeles" | "US/Pacific" | "America/Vancouver" => us("PST", "PDT", -8),
            "Europe/London" | "GB" => eu("GMT", "BST", 0),
            "Europe/Dublin" => eu("GMT", "IST", 0),
            "Europe/Lisbon" | "Portugal" | "WET" => eu("WET", "WEST", 0),
            "Europe/Berlin" | "Europe/Paris" | "Europe/Amsterdam" | "Europe/Madrid"
            | "Europe/Rome" | "Europe/Vienna" | "Europe/Stockholm" | "Europe/Oslo"
            | "Europe/Copenhagen" | "Europe/Brussels" | "Europe/Zurich" | "Europe/Prague"
            | "Europe/Warsaw" | "Europe/Budapest" | "Europe/Luxembourg" | "CET" => {
                eu("CET", "CEST", 1)
            }
            "Europe/Athens" | "Europe/Helsinki" | "Europe/Kiev" | "Europe/Kyiv"
            | "Europe/Bucharest" | "Europe/Sofia" | "Europe/Riga" | "Europe/Vilnius"
            | "Europe/Tallinn" | "EET" => eu("EET", "EEST", 2),
            _ => Location::Utc,
        }
    }

    /// The zone name and offset in effect at a Unix second.
    fn zone_at(&self, secs: i64) -> (String, i32) {
        match self {
            Location::Utc => ("UTC".into(), 0),
            Location::Fixed { name, offset } => (name.clone(), *offset),
            Location::Dst { std, dst, rule } => {
                let (year, _, _) = civil_from_days((secs + std.1 as i64).div_euclid(86_400));
                let (start, end) = match rule {
                    DstRule::Us => (
                        nth_sunday(year, 3, 2) * 86_400 + 7200 - std.1 as i64,
                        nth_sunday(year, 11, 1) * 86_400 + 7200 - dst.1 as i64,
                    ),
                    DstRule::Eu => (
                        last_sunday(year, 3) * 86_400 + 3600,
                        last_sunday(year, 10) * 86_400 + 3600,
                    ),
                };
                if secs >= start && secs < end {
                    (dst.0.to_string(), dst.1)
                } else {
                    (std.0.to_string(), std.1)
                }
            }
        }
    }
}

/// Days since the epoch of the `n`th Sunday of a month.
fn nth_sunday(year: i64, month: i64, n: i64) -> i64 {
    let first = days_from_civil(year, month, 1);
    let weekday = (first + 4).rem_euclid(7);
    first + (7 - weekday) % 7 + (n - 1) * 7
}

fn last_sunday(year: i64, month: i64) -> i64 {
    let last = days_from_civil(year, month, days_in_month(year, month));
    last - (last + 4).rem_euclid(7)
}

// ---------------------------------------------------------------------------------------------
// Time.

/// A `time.Time`: an instant and the location it is shown in.
#[derive(Clone, Debug, PartialEq)]
pub struct Time {
    secs: i64,
    nanos: i64,
    loc: Location,
}

/// The broken-down wall clock of a time in its zone.
struct Civil {
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
    yday: i64,
    weekday: i64,
    zone: String,
    offset: i32,
}

impl Time {
    fn from_unix(secs: i64, nanos: i64, loc: Location) -> Time {
        Time {
            secs: secs + nanos.div_euclid(NANOS_PER_SEC),
            nanos: nanos.rem_euclid(NANOS_PER_SEC),
            loc,
        }
    }

    fn from_unix_nanos(nanos: i64, loc: Location) -> Time {
        Time::from_unix(
            nanos.div_euclid(NANOS_PER_SEC),
            nanos.rem_euclid(NANOS_PER_SEC),
            loc,
        )
    }

    /// Go's zero time, 0001-01-01 00:00:00 UTC.
    fn zero() -> Time {
        Time {
            secs: days_from_civil(1, 1, 1) * 86_400,
            nanos: 0,
            loc: Location::Utc,
        }
    }

    fn unix_nanos(&self) -> i64 {
        self.secs
            .saturating_mul(NANOS_PER_SEC)
            .saturating_add(self.nanos)
    }

    fn add_nanos(&self, d: i64) -> Time {
        Time::from_unix(
            self.secs + d.div_euclid(NANOS_PER_SEC),
            self.nanos + d.rem_euclid(NANOS_PER_SEC),
            self.loc.clone(),
        )
    }

    fn into_value(self) -> Value {
        Value::Object(Rc::new(self))
    }

    fn civil(&self) -> Civil {
        let (zone, offset) = self.loc.zone_at(self.secs);
        let local = self.secs + offset as i64;
        let days = local.div_euclid(86_400);
        let rem = local.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        Civil {
            year,
            month,
            day,
            hour: rem / 3600,
            minute: rem % 3600 / 60,
            second: rem % 60,
            yday: days - days_from_civil(year, 1, 1) + 1,
            weekday: (days + 4).rem_euclid(7),
            zone,
            offset,
        }
    }

    fn state(&self) -> Value {
        let (kind, name, offset) = match &self.loc {
            Location::Utc => (0, String::new(), 0),
            Location::Fixed { name, offset } => (1, name.clone(), *offset),
            Location::Dst { std, .. } => (2, std.0.to_string(), 0),
        };
        let loc_name = match &self.loc {
            Location::Dst { std, rule, .. } => format!("{}/{:?}/{}", std.0, rule, std.1),
            _ => name,
        };
        Value::list(vec![
            Value::int64(self.secs),
            Value::int64(self.nanos),
            Value::int64(kind),
            Value::from(loc_name),
            Value::int64(offset as i64),
        ])
    }

    fn from_state(items: &[Value]) -> Option<Time> {
        let int = |v: &Value| match v {
            Value::Int(i, _) => Some(*i),
            _ => None,
        };
        let (secs, nanos, kind) = (
            int(items.first()?)?,
            int(items.get(1)?)?,
            int(items.get(2)?)?,
        );
        let name = items.get(3)?.as_str()?.to_string();
        let offset = int(items.get(4)?)? as i32;
        let loc = match kind {
            0 => Location::Utc,
            1 => Location::Fixed { name, offset },
            _ => {
                // Rebuild the rule zone from the table by its standard name and offset.
                let mut parts = name.split('/');
                let std_name = parts.next()?;
                let rule = parts.next()?;
                let std_offset: i32 = parts.next()?.parse().ok()?;
                let (dst_name, rule) = match (std_name, rule) {
                    ("EST", "Us") => ("EDT", DstRule::Us),
                    ("CST", "Us") => ("CDT", DstRule::Us),
                    ("MST", "Us") => ("MDT", DstRule::Us),
                    ("PST", "Us") => ("PDT", DstRule::Us),
                    ("GMT", "Eu") => ("BST", DstRule::Eu),
                    ("WET", "Eu") => ("WEST", DstRule::Eu),
                    ("CET", "Eu") => ("CEST", DstRule::Eu),
                    ("EET", "Eu") => ("EEST", DstRule::Eu),
                    _ => return None,
                };
                let std_static: &'static str = match std_name {
                    "EST" => "EST",
                    "CST" => "CST",
                    "MST" => "MST",
                    "PST" => "PST",
                    "GMT" => "GMT",
                    "WET" => "WET",
                    "CET" => "CET",
                    _ => "EET",
                };
                Location::Dst {
                    std: (std_static, std_offset),
                    dst: (dst_name, std_offset + 3600),
                    rule,
                }
            }
        };
        Some(Time { secs, nanos, loc })
    }

    /// `Time.Format(layout)`.
    pub fn format(&self, layout: &str) -> String {
        let c = self.civil();
        let mut out = String::with_capacity(layout.len() + 10);
        let mut rest = layout;
        while !rest.is_empty() {
            let (prefix, token, after) = next_chunk(rest);
            out.push_str(prefix);
            let Some(token) = token else { break };
            self.format_token(&mut out, token, &c);
            rest = after;
        }
        out
    }

    fn format_token(&self, out: &mut String, token: Token, c: &Civil) {
        let hour12 = if c.hour % 12 == 0 { 12 } else { c.hour % 12 };
        match token {
            Token::LongYear => out.push_str(&pad(c.year, 4, '0')),
            Token::Year => out.push_str(&pad(c.year.rem_euclid(100), 2, '0')),
            Token::Month => out.push_str(&MONTHS[(c.month - 1) as usize][..3]),
            Token::LongMonth => out.push_str(MONTHS[(c.month - 1) as usize]),
            Token::NumMonth => out.push_str(&c.month.to_string()),
            Token::ZeroMonth => out.push_str(&pad(c.month, 2, '0')),
            Token::WeekDay => out.push_str(&DAYS[c.weekday as usize][..3]),
            Token::LongWeekDay => out.push_str(DAYS[c.weekday as usize]),
            Token::Day => out.push_str(&c.day.to_string()),
            Token::UnderDay => out.push_str(&pad(c.day, 2, ' ')),
            Token::ZeroDay => out.push_str(&pad(c.day, 2, '0')),
            Token::UnderYearDay => out.push_str(&pad(c.yday, 3, ' ')),
            Token::ZeroYearDay => out.push_str(&pad(c.yday, 3, '0')),
            Token::Hour => out.push_str(&pad(c.hour, 2, '0')),
            Token::Hour12 => out.push_str(&hour12.to_string()),
            Token::ZeroHour12 => out.push_str(&pad(hour12, 2, '0')),
            Token::Minute => out.push_str(&c.minute.to_string()),
            Token::ZeroMinute => out.push_str(&pad(c.minute, 2, '0')),
            Token::Second => out.push_str(&c.second.to_string()),
            Token::ZeroSecond => out.push_str(&pad(c.second, 2, '0')),
            Token::PM => out.push_str(if c.hour >= 12 { "PM" } else { "AM" }),
            Token::Pm => out.push_str(if c.hour >= 12 { "pm" } else { "am" }),
            Token::TzName => {
                if c.zone.is_empty() {
                    out.push_str(&offset_text(c.offset, false, false));
                } else {
                    out.push_str(&c.zone);
                }
            }
            Token::Offset {
                z,
                colon,
                minutes,
                seconds,
            } => {
                if z && c.offset == 0 {
                    out.push('Z');
                    return;
                }
                let sign = if c.offset < 0 { '-' } else { '+' };
                let abs = c.offset.unsigned_abs();
                out.push(sign);
                out.push_str(&pad((abs / 3600) as i64, 2, '0'));
                if minutes {
                    if colon {
                        out.push(':');
                    }
                    out.push_str(&pad((abs / 60 % 60) as i64, 2, '0'));
                }
                if seconds {
                    if colon {
                        out.push(':');
                    }
                    out.push_str(&pad((abs % 60) as i64, 2, '0'));
                }
            }
            Token::Frac { sep, digits, trim } => {
                let all = format!("{:09}", self.nanos);
                let mut frac = &all[..digits.min(9)];
                if trim {
                    frac = frac.trim_end_matches('0');
                    if frac.is_empty() {
                        return;
                    }
                }
                out.push(sep);
                out.push_str(frac);
            }
        }
    }
}

fn pad(n: i64, width: usize, fill: char) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    if n < 0 {
        out.push('-');
    }
    for _ in digits.len()..width {
        out.push(fill);
    }
    out.push_str(&digits);
    out
}

/// `-0700` (or `-07:00`) of an offset.
fn offset_text(offset: i32, colon: bool, _z: bool) -> String {
    let sign = if offset < 0 { '-' } else { '+' };
    let abs = offset.unsigned_abs();
    let sep = if colon { ":" } else { "" };
    format!("{sign}{:02}{sep}{:02}", abs / 3600, abs / 60 % 60)
}

impl Object for Time {
    fn type_name(&self) -> &str {
        "time.Time"
    }

    fn member(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String> {
        let c = self.civil();
        let none = || arity(name, args, 0);
        let other = || -> Result<Time, String> {
            arity(name, args, 1)?;
            time_arg(args, 0)
        };
        Ok(Some(match name {
            STATE => self.state(),
            "Unix" => none().map(|_| Value::int64(self.secs))?,
            "UnixNano" => none().map(|_| Value::int64(self.unix_nanos()))?,
            "UnixMilli" => none().map(|_| Value::int64(self.unix_nanos() / 1_000_000))?,
            "Year" => none().map(|_| Value::int(c.year))?,
            "Month" => none().map(|_| Value::str(MONTHS[(c.month - 1) as usize]))?,
            "Day" => none().map(|_| Value::int(c.day))?,
            "Hour" => none().map(|_| Value::int(c.hour))?,
            "Minute" => none().map(|_| Value::int(c.minute))?,
            "Second" => none().map(|_| Value::int(c.second))?,
            "Nanosecond" => none().map(|_| Value::int(self.nanos))?,
            "YearDay" => none().map(|_| Value::int(c.yday))?,
            "Weekday" => none().map(|_| Value::str(DAYS[c.weekday as usize]))?,
            "String" => none().map(|_| Value::from(self.format(GO_STRING_LAYOUT)))?,
            "IsZero" => none().map(|_| {
                Value::Bool(
                    *self == Time::zero() || (self.secs, self.nanos) == (Time::zero().secs, 0),
                )
            })?,
            "UTC" | "Local" => none().map(|_| {
                Time {
                    loc: Location::Utc,
                    ..self.clone()
                }
                .into_value()
            })?,
            "Format" => {
                arity(name, args, 1)?;
                Value::from(self.format(&string_arg(args, 0)?))
            }
            "Add" => {
                arity(name, args, 1)?;
                self.add_nanos(to_int64(&args[0])).into_value()
            }
            "AddDate" => {
                arity(name, args, 3)?;
                let (y, m, d) = (to_int64(&args[0]), to_int64(&args[1]), to_int64(&args[2]));
                let (_, offset) = self.loc.zone_at(self.secs);
                let months = c.year * 12 + (c.month - 1) + y * 12 + m;
                let days = days_from_civil(months.div_euclid(12), months.rem_euclid(12) + 1, 1)
                    + c.day
                    - 1
                    + d;
                let local = days * 86_400 + c.hour * 3600 + c.minute * 60 + c.second;
                Time {
                    secs: local - offset as i64,
                    nanos: self.nanos,
                    loc: self.loc.clone(),
                }
                .into_value()
            }
            "Before" => Value::Bool(self.unix_nanos() < other()?.unix_nanos()),
            "After" => Value::Bool(self.unix_nanos() > other()?.unix_nanos()),
            "Equal" => Value::Bool(self.unix_nanos() == other()?.unix_nanos()),
            _ => return Ok(None),
        }))
    }

    fn is_method(&self, name: &str) -> bool {
        matches!(
            name,
            "Format" | "Add" | "AddDate" | "Before" | "After" | "Equal"
        )
    }

    /// `Time.String()`.
    fn format(&self) -> String {
        self.format(GO_STRING_LAYOUT)
    }

    /// Go marshals a time as RFC 3339 with nanoseconds.
    fn to_data(&self) -> Value {
        Value::from(self.format("2006-01-02T15:04:05.999999999Z07:00"))
    }
}

const GO_STRING_LAYOUT: &str = "2006-01-02 15:04:05.999999999 -0700 MST";

// ---------------------------------------------------------------------------------------------
// Layouts.

#[derive(Clone, Copy, Debug, PartialEq)]
enum Token {
    LongYear,
    Year,
    Month,
    LongMonth,
    NumMonth,
    ZeroMonth,
    WeekDay,
    LongWeekDay,
    Day,
    UnderDay,
    ZeroDay,
    UnderYearDay,
    ZeroYearDay,
    Hour,
    Hour12,
    ZeroHour12,
    Minute,
    ZeroMinute,
    Second,
    ZeroSecond,
    PM,
    Pm,
    TzName,
    Offset {
        z: bool,
        colon: bool,
        minutes: bool,
        seconds: bool,
    },
    Frac {
        sep: char,
        digits: usize,
        trim: bool,
    },
}

/// Splits a layout into literal text, the next reference-time element and the rest, with Go's
/// rules (`Jan` vs `January`, `01`…`06`, `_2` vs `_2006`, fractions only before a non-digit).
fn next_chunk(layout: &str) -> (&str, Option<Token>, &str) {
    let b = layout.as_bytes();
    let at = |i: usize, s: &str| layout.get(i..).is_some_and(|r| r.starts_with(s));
    for i in 0..b.len() {
        let found: Option<(Token, usize)> = match b[i] {
            b'J' if at(i, "January") => Some((Token::LongMonth, 7)),
            b'J' if at(i, "Jan") => Some((Token::Month, 3)),
            b'M' if at(i, "Monday") => Some((Token::LongWeekDay, 6)),
            b'M' if at(i, "Mon") => Some((Token::WeekDay, 3)),
            b'M' if at(i, "MST") => Some((Token::TzName, 3)),
            b'0' if b.get(i + 1).is_some_and(|c| (b'1'..=b'6').contains(c)) => Some((
                [
                    Token::ZeroMonth,
                    Token::ZeroDay,
                    Token::ZeroHour12,
                    Token::ZeroMinute,
                    Token::ZeroSecond,
                    Token::Year,
                ][(b[i + 1] - b'1') as usize],
                2,
            )),
            b'0' if at(i, "002") => Some((Token::ZeroYearDay, 3)),
            b'1' if at(i, "15") => Some((Token::Hour, 2)),
            b'1' => Some((Token::NumMonth, 1)),
            b'2' if at(i, "2006") => Some((Token::LongYear, 4)),
            b'2' => Some((Token::Day, 1)),
            b'_' if at(i, "_2006") => {
                // A literal `_` followed by the year.
                return (&layout[..i + 1], Some(Token::LongYear), &layout[i + 5..]);
            }
            b'_' if at(i, "__2") => Some((Token::UnderYearDay, 3)),
            b'_' if at(i, "_2") => Some((Token::UnderDay, 2)),
            b'3' => Some((Token::Hour12, 1)),
            b'4' => Some((Token::Minute, 1)),
            b'5' => Some((Token::Second, 1)),
            b'P' if at(i, "PM") => Some((Token::PM, 2)),
            b'p' if at(i, "pm") => Some((Token::Pm, 2)),
            b'-' | b'Z' => {
                let z = b[i] == b'Z';
                let forms: [(&str, bool, bool, bool); 5] = [
                    ("070000", false, true, true),
                    ("07:00:00", true, true, true),
                    ("0700", false, true, false),
                    ("07:00", true, true, false),
                    ("07", false, false, false),
                ];
                forms
                    .iter()
                    .find(|(f, ..)| at(i + 1, f))
                    .map(|(f, colon, minutes, seconds)| {
                        (
                            Token::Offset {
                                z,
                                colon: *colon,
                                minutes: *minutes,
                                seconds: *seconds,
                            },
                            1 + f.len(),
                        )
                    })
            }
            b'.' | b',' if b.get(i + 1).is_some_and(|&c| c == b'0' || c == b'9') => {
                let digit = b[i + 1];
                let mut j = i + 1;
                while j < b.len() && b[j] == digit {
                    j += 1;
                }
                if b.get(j).is_some_and(|c| c.is_ascii_digit()) {
                    None
                } else {
                    Some((
                        Token::Frac {
                            sep: b[i] as char,
                            digits: j - i - 1,
                            trim: digit == b'9',
                        },
                        j - i,
                    ))
                }
            }
            _ => None,
        };
        if let Some((token, len)) = found {
            return (&layout[..i], Some(token), &layout[i + len..]);
        }
    }
    (layout, None, "")
}

/// `time.ParseInLocation(layout, value, Local)` with Local = UTC.
fn parse_time(layout: &str, value: &str) -> Result<Time, String> {
    let cannot = |rest: &str, elem: &str| {
        format!(
            "parsing time {} as {}: cannot parse {} as {}",
            go_quote(value),
            go_quote(layout),
            go_quote(rest),
            go_quote(elem)
        )
    };
    let range = |what: &str| format!("parsing time {}: {what} out of range", go_quote(value));
    let (mut year, mut month, mut day, mut yday) = (1i64, -1i64, -1i64, -1i64);
    let (mut hour, mut minute, mut second, mut nanos) = (0i64, 0i64, 0i64, 0i64);
    let (mut pm, mut am) = (false, false);
    let mut offset: Option<i32> = None;
    let mut zone_name: Option<String> = None;
    let mut rest_layout = layout;
    let mut v = value;
    loop {
        let (prefix, token, after) = next_chunk(rest_layout);
        let token_text = &rest_layout[prefix.len()..rest_layout.len() - after.len()];
        if !v.starts_with(prefix) {
            return Err(cannot(v, prefix));
        }
        v = &v[prefix.len()..];
        let Some(token) = token else {
            if !v.is_empty() {
                return Err(format!(
                    "parsing time {}: extra text: {}",
                    go_quote(value),
                    go_quote(v)
                ));
            }
            break;
        };
        rest_layout = after;
        let before = v;
        let fail = || cannot(before, token_text);
        match token {
            Token::LongYear => {
                year = take_digits(&mut v, 4, 4).ok_or_else(fail)?;
            }
            Token::Year => {
                let y = take_digits(&mut v, 2, 2).ok_or_else(fail)?;
                year = if y >= 69 { 1900 + y } else { 2000 + y };
            }
            Token::Month | Token::LongMonth => {
                let names: Vec<String> = MONTHS
                    .iter()
                    .map(|m| {
                        if token == Token::Month {
                            m[..3].to_string()
                        } else {
                            m.to_string()
                        }
                    })
                    .collect();
                let idx = take_name(&mut v, &names).ok_or_else(fail)?;
                month = idx as i64 + 1;
            }
            Token::WeekDay | Token::LongWeekDay => {
                let names: Vec<String> = DAYS
                    .iter()
                    .map(|d| {
                        if token == Token::WeekDay {
                            d[..3].to_string()
                        } else {
                            d.to_string()
                        }
                    })
                    .collect();
                take_name(&mut v, &names).ok_or_else(fail)?;
            }
            Token::NumMonth | Token::ZeroMonth => {
                let fixed = token == Token::ZeroMonth;
                month = take_digits(&mut v, if fixed { 2 } else { 1 }, 2).ok_or_else(fail)?;
                if !(1..=12).contains(&month) {
                    return Err(range("month"));
                }
            }
            Token::Day | Token::UnderDay | Token::ZeroDay => {
                if token == Token::UnderDay && v.starts_with(' ') {
                    v = &v[1..];
                }
                day = take_digits(&mut v, if token == Token::ZeroDay { 2 } else { 1 }, 2)
                    .ok_or_else(fail)?;
            }
            Token::UnderYearDay | Token::ZeroYearDay => {
                for _ in 0..2 {
                    if token == Token::UnderYearDay && v.starts_with(' ') {
                        v = &v[1..];
                    }
                }
                yday = take_digits(&mut v, if token == Token::ZeroYearDay { 3 } else { 1 }, 3)
                    .ok_or_else(fail)?;
            }
            Token::Hour => {
                hour = take_digits(&mut v, 1, 2).ok_or_else(fail)?;
                if hour > 23 {
                    return Err(range("hour"));
                }
            }
            Token::Hour12 | Token::ZeroHour12 => {
                hour = take_digits(&mut v, if token == Token::ZeroHour12 { 2 } else { 1 }, 2)
                    .ok_or_else(fail)?;
                if hour > 12 {
                    return Err(range("hour"));
                }
            }
            Token::Minute | Token::ZeroMinute => {
                minute = take_digits(&mut v, if token == Token::ZeroMinute { 2 } else { 1 }, 2)
                    .ok_or_else(fail)?;
                if minute > 59 {
                    return Err(range("minute"));
                }
            }
            Token::Second | Token::ZeroSecond => {
                second = take_digits(&mut v, if token == Token::ZeroSecond { 2 } else { 1 }, 2)
                    .ok_or_else(fail)?;
                if second > 59 {
                    return Err(range("second"));
                }
                // A fraction in the value is read even when the layout has none.
                let (_, next_token, _) = next_chunk(rest_layout);
                let layout_has_frac = matches!(next_token, Some(Token::Frac { .. }))
                    && next_chunk(rest_layout).0.is_empty();
                if !layout_has_frac {
                    let vb = v.as_bytes();
                    if vb.len() > 1 && (vb[0] == b'.' || vb[0] == b',') && vb[1].is_ascii_digit() {
                        let n = vb[1..].iter().take_while(|c| c.is_ascii_digit()).count();
                        nanos = frac_nanos(&v[1..1 + n]);
                        v = &v[1 + n..];
                    }
                }
            }
            Token::Frac { digits, trim, .. } => {
                let vb = v.as_bytes();
                if vb.first().is_some_and(|&c| c == b'.' || c == b',') {
                    let n = vb[1..].iter().take_while(|c| c.is_ascii_digit()).count();
                    if !trim && n < digits {
                        return Err(fail());
                    }
                    let n = if trim { n } else { digits };
                    nanos = frac_nanos(&v[1..1 + n]);
                    v = &v[1 + n..];
                } else if !trim {
                    return Err(fail());
                }
            }
            Token::PM | Token::Pm => {
                let (p, a) = if token == Token::PM {
                    ("PM", "AM")
                } else {
                    ("pm", "am")
                };
                if v.starts_with(p) {
                    pm = true;
                } else if v.starts_with(a) {
                    am = true;
                } else {
                    return Err(fail());
                }
                v = &v[2..];
            }
            Token::Offset {
                z,
                colon,
                minutes,
                seconds,
            } => {
                if z && v.starts_with('Z') {
                    v = &v[1..];
                    offset = Some(0);
                    zone_name = Some("UTC".into());
                    continue;
                }
                let sign = match v.as_bytes().first() {
                    Some(b'+') => 1,
                    Some(b'-') => -1,
                    _ => return Err(fail()),
                };
                v = &v[1..];
                let h = take_digits(&mut v, 2, 2).ok_or_else(fail)?;
                let mut total = h * 3600;
                for (wanted, scale) in [(minutes, 60), (seconds, 1)] {
                    if wanted {
                        if colon {
                            v = v.strip_prefix(':').ok_or_else(fail)?;
                        }
                        total += take_digits(&mut v, 2, 2).ok_or_else(fail)? * scale;
                    }
                }
                offset = Some((sign * total) as i32);
            }
            Token::TzName => {
                if let Some(r) = v.strip_prefix("UTC") {
                    v = r;
                    offset = Some(0);
                    zone_name = Some("UTC".into());
                    continue;
                }
                let n = v.bytes().take_while(|c| c.is_ascii_uppercase()).count();
                if n < 3 {
                    return Err(fail());
                }
                zone_name = Some(v[..n].to_string());
                v = &v[n..];
            }
        }
    }
    if pm && hour < 12 {
        hour += 12;
    } else if am && hour == 12 {
        hour = 0;
    }
    if yday >= 0 {
        let days_in_year = if is_leap(year) { 366 } else { 365 };
        if yday < 1 || yday > days_in_year {
            return Err(range("day-of-year"));
        }
        if month < 0 {
            let (_, m, d) = civil_from_days(days_from_civil(year, 1, 1) + yday - 1);
            month = m;
            day = d;
        }
    }
    let month = if month < 0 { 1 } else { month };
    let day = if day < 0 { 1 } else { day };
    if day < 1 || day > days_in_month(year, month) {
        return Err(range("day"));
    }
    let local = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
    let loc = match (offset, zone_name) {
        (Some(0), _) => Location::Utc,
        (Some(off), _) => Location::Fixed {
            name: String::new(),
            offset: off,
        },
        (None, Some(name)) if name == "UTC" => Location::Utc,
        // An abbreviation Go cannot place: a zone of that name at offset 0.
        (None, Some(name)) => Location::Fixed { name, offset: 0 },
        (None, None) => Location::Utc,
    };
    let off = match &loc {
        Location::Fixed { offset, .. } => *offset as i64,
        _ => 0,
    };
    Ok(Time {
        secs: local - off,
        nanos,
        loc,
    })
}

fn go_quote(s: &str) -> String {
    crate::fmt::quote_go(s, false)
}

/// Reads `min..=max` ASCII digits.
fn take_digits(v: &mut &str, min: usize, max: usize) -> Option<i64> {
    let n = v
        .bytes()
        .take(max)
        .take_while(|c| c.is_ascii_digit())
        .count();
    if n < min {
        return None;
    }
    let value = v[..n].parse().ok()?;
    *v = &v[n..];
    Some(value)
}

/// A name from `names`, case-insensitively, as Go reads month and day names.
fn take_name(v: &mut &str, names: &[String]) -> Option<usize> {
    for (i, name) in names.iter().enumerate() {
        if v.len() >= name.len()
            && v.is_char_boundary(name.len())
            && v[..name.len()].eq_ignore_ascii_case(name)
        {
            *v = &v[name.len()..];
            return Some(i);
        }
    }
    None
}

fn frac_nanos(digits: &str) -> i64 {
    let mut padded: String = digits.chars().take(9).collect();
    while padded.len() < 9 {
        padded.push('0');
    }
    padded.parse().unwrap_or(0)
}

// ---------------------------------------------------------------------------------------------
// Durations.

/// `time.Duration.String()`: `1h2m3.5s`, `1.5ms`, `0s`.
pub(crate) fn format_duration(d: i64) -> String {
    if d == 0 {
        return "0s".into();
    }
    let neg = d < 0;
    let u = d.unsigned_abs();
    let mut out = String::new();
    if u < NANOS_PER_SEC as u64 {
        let (unit, scale) = if u < 1_000 {
            ("ns", 1)
        } else if u < 1_000_000 {
            ("µs", 1_000)
        } else {
            ("ms", 1_000_000)
        };
        out.push_str(&fraction(u, scale));
        out.push_str(unit);
    } else {
        let secs_total = u / NANOS_PER_SEC as u64;
        let hours = secs_total / 3600;
        let minutes = secs_total / 60 % 60;
        if hours > 0 {
            out.push_str(&format!("{hours}h"));
        }
        if hours > 0 || minutes > 0 {
            out.push_str(&format!("{minutes}m"));
        }
        out.push_str(&fraction(
            u % (60 * NANOS_PER_SEC as u64),
            NANOS_PER_SEC as u64,
        ));
        out.push('s');
    }
    if neg {
        out.insert(0, '-');
    }
    out
}

/// `v / scale` with the remainder as a decimal fraction, trailing zeros dropped.
fn fraction(v: u64, scale: u64) -> String {
    let whole = v / scale;
    let rem = v % scale;
    if rem == 0 {
        return whole.to_string();
    }
    let width = scale.to_string().len() - 1;
    let frac = format!("{rem:0width$}");
    format!("{whole}.{}", frac.trim_end_matches('0'))
}

/// `time.ParseDuration`.
pub(crate) fn parse_duration(s: &str) -> Result<i64, String> {
    let invalid = || format!("time: invalid duration {}", go_quote(s));
    let (neg, mut rest) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if rest == "0" {
        return Ok(0);
    }
    if rest.is_empty() {
        return Err(invalid());
    }
    let mut total: f64 = 0.0;
    let mut exact: i128 = 0;
    while !rest.is_empty() {
        let int_len = rest.bytes().take_while(|c| c.is_ascii_digit()).count();
        let int_part = &rest[..int_len];
        rest = &rest[int_len..];
        let mut frac_part = "";
        if let Some(r) = rest.strip_prefix('.') {
            let n = r.bytes().take_while(|c| c.is_ascii_digit()).count();
            frac_part = &r[..n];
            rest = &r[n..];
        }
        if int_part.is_empty() && frac_part.is_empty() {
            return Err(invalid());
        }
        let unit_len = rest
            .bytes()
            .take_while(|c| !c.is_ascii_digit() && *c != b'.')
            .count();
        let unit = &rest[..unit_len];
        rest = &rest[unit_len..];
        let scale: i128 = match unit {
            "ns" => 1,
            "us" | "µs" | "μs" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            "" => return Err(format!("time: missing unit in duration {}", go_quote(s))),
            other => {
                return Err(format!(
                    "time: unknown unit {} in duration {}",
                    go_quote(other),
                    go_quote(s)
                ))
            }
        };
        let whole: i128 = if int_part.is_empty() {
            0
        } else {
            int_part.parse().map_err(|_| invalid())?
        };
        exact = exact
            .checked_add(whole.checked_mul(scale).ok_or_else(invalid)?)
            .ok_or_else(invalid)?;
        if !frac_part.is_empty() {
            let f: f64 = format!("0.{frac_part}").parse().unwrap_or(0.0);
            total += f * scale as f64;
        }
    }
    let value = exact + total as i128;
    let value = if neg { -value } else { value };
    i64::try_from(value).map_err(|_| invalid())
}

/// `Duration.Round(time.Second)`: halves away from zero.
fn round_to_second(d: i64) -> i64 {
    let r = d.rem_euclid(NANOS_PER_SEC);
    let down = d - r;
    if r * 2 >= NANOS_PER_SEC {
        down.saturating_add(NANOS_PER_SEC)
    } else {
        down
    }
}

/// Sprig's `durationRound`: the largest unit the duration is strictly above (years of 365 days,
/// months of 30), without sign.
fn duration_round(d: i64) -> String {
    let u = d.unsigned_abs();
    let second = NANOS_PER_SEC as u64;
    let units: [(u64, &str); 6] = [
        (second * 3600 * 24 * 365, "y"),
        (second * 3600 * 24 * 30, "mo"),
        (second * 3600 * 24, "d"),
        (second * 3600, "h"),
        (second * 60, "m"),
        (second, "s"),
    ];
    for (size, name) in units {
        if u > size {
            return format!("{}{name}", u / size);
        }
    }
    "0s".into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sprig::test_util::*;

    fn date(layout: &str, value: &str) -> Time {
        parse_time(layout, value).unwrap()
    }

    // Expectations observed with helm 3.17.3.
    #[test]
    fn durations() {
        let d = |v: Value| call("duration", vec![v]);
        assert_eq!(d(i(90)), "0s");
        assert_eq!(d(s("90")), "1m30s");
        assert_eq!(d(Value::int64(90)), "1m30s");
        assert_eq!(d(Value::Float(3.5)), "0s");
        assert_eq!(d(s("3661")), "1h1m1s");
        assert_eq!(d(s("-5")), "-5s");
        assert_eq!(d(s("100000000")), "27777h46m40s");
        let r = |v: &str| duration_round(parse_duration(v).unwrap_or(0));
        assert_eq!(r("2h10m5s"), "2h");
        assert_eq!(duration_round(3_600_000_000_000), "60m");
        assert_eq!(r("-90s"), "1m");
        assert_eq!(r("400h"), "16d");
        assert_eq!(r("9000h"), "1y");
        assert_eq!(r("1s"), "0s");
        assert_eq!(r("1.5s"), "1s");
        assert_eq!(r("junk"), "0s");
        assert_eq!(r("24h"), "24h");
        assert_eq!(r("24h1s"), "1d");
        assert_eq!(format_duration(1_500_000), "1.5ms");
        assert_eq!(format_duration(1_500), "1.5µs");
        assert_eq!(format_duration(-3_723_500_000_000), "-1h2m3.5s");
        assert_eq!(format_duration(120 * NANOS_PER_SEC), "2m0s");
        assert_eq!(
            parse_duration("x"),
            Err("time: invalid duration \"x\"".to_string())
        );
        assert_eq!(parse_duration("-1.5h"), Ok(-5_400_000_000_000));
        assert_eq!(parse_duration("1h30m"), Ok(5_400_000_000_000));
        assert!(parse_duration("1d").unwrap_err().contains("unknown unit"));
        assert_eq!(round_to_second(1_500_000_000), 2_000_000_000);
    }

    #[test]
    fn parsing_and_printing() {
        let show_t = |t: Time| Object::format(&t);
        assert_eq!(
            show_t(date("2006-01-02", "2017-12-31")),
            "2017-12-31 00:00:00 +0000 UTC"
        );
        assert_eq!(
            call("toDate", vec![s("2006-01-02"), s("x")]),
            "0001-01-01 00:00:00 +0000 UTC"
        );
        assert_eq!(
            show_t(date(
                "2006-01-02T15:04:05Z07:00",
                "2020-05-06T07:08:09+02:00"
            )),
            "2020-05-06 07:08:09 +0200 +0200"
        );
        assert_eq!(
            show_t(date(
                "2006-01-02 15:04:05.000 MST",
                "2020-05-06 07:08:09.123 PST"
            )),
            "2020-05-06 07:08:09.123 +0000 PST"
        );
        assert_eq!(
            show_t(date("Jan _2 2006 3:04PM", "Feb  3 2021 4:05PM")),
            "2021-02-03 16:05:00 +0000 UTC"
        );
        assert_eq!(
            show_t(date(
                "2006-01-02 15:04:05.999999999",
                "2017-12-31 01:02:03.5"
            )),
            "2017-12-31 01:02:03.5 +0000 UTC"
        );
        assert_eq!(
            show_t(date("2006-01-02T15:04:05Z07:00", "2020-05-06T07:08:09Z")),
            "2020-05-06 07:08:09 +0000 UTC"
        );
        assert_eq!(
            show_t(date("2006-01-02 MST", "2020-05-06 CET")),
            "2020-05-06 00:00:00 +0000 CET"
        );
        assert_eq!(
            show_t(date("2006-01-02 -0700", "2020-05-06 +0130")),
            "2020-05-06 00:00:00 +0130 +0130"
        );
        let all = "Mon Monday Jan January 1 01 2 02 _2 002 __2 15 3 03 4 04 5 05 PM pm 2006 06 MST -0700 -07:00 -07 Z0700 Z07:00 .000 .999 ,000";
        assert_eq!(
            date("2006-01-02", "2017-12-31").format(all),
            "Sun Sunday Dec December 12 12 31 31 31 365 365 00 12 12 0 00 0 00 AM am 2017 17 UTC +0000 +00:00 +00 Z Z .000  ,000"
        );
        let t = date(
            "2006-01-02T15:04:05.999999999Z07:00",
            "2020-05-06T17:08:09.1234+05:30",
        );
        let utc = Time {
            loc: Location::Utc,
            ..t
        };
        assert_eq!(
            utc.format("2006-01-02 15:04:05.000000 MST -07:00 Z07:00 3PM .9 .99999 .000000000"),
            "2020-05-06 11:38:09.123400 UTC +00:00 Z 11AM .1 .1234 .123400000"
        );
        let err = |layout: &str, value: &str| call("mustToDate", vec![s(layout), s(value)]);
        assert_eq!(
            err("2006-01-02", "x"),
            "ERR parsing time \"x\" as \"2006-01-02\": cannot parse \"x\" as \"2006\""
        );
        assert_eq!(
            err("2006-01-02", "2020-13-01"),
            "ERR parsing time \"2020-13-01\": month out of range"
        );
        assert_eq!(
            err("2006-01-02", "2020-02-30"),
            "ERR parsing time \"2020-02-30\": day out of range"
        );
        assert_eq!(
            err("2006-01-02", "2020-01-02x"),
            "ERR parsing time \"2020-01-02x\": extra text: \"x\""
        );
    }

    #[test]
    fn zones_and_functions() {
        let at = |secs: i64, zone: &str, layout: &str| {
            Time::from_unix(secs, 0, Location::named(zone)).format(layout)
        };
        assert_eq!(
            at(0, "Asia/Shanghai", "2006-01-02 15:04 MST"),
            "1970-01-01 08:00 CST"
        );
        assert_eq!(at(0, "America/New_York", "15:04 MST"), "19:00 EST");
        assert_eq!(at(0, "Nope/Zone", "15:04 MST"), "00:00 UTC");
        assert_eq!(at(0, "Local", "15:04 MST"), "00:00 UTC");
        assert_eq!(at(0, "", "15:04 MST"), "00:00 UTC");
        assert_eq!(at(0, "Asia/Kolkata", "15:04 MST -0700"), "05:30 IST +0530");
        // Daylight saving time, today's rules.
        assert_eq!(
            at(1_720_000_000, "America/New_York", "15:04 MST"),
            "05:46 EDT"
        );
        assert_eq!(
            at(1_720_000_000, "Europe/Berlin", "15:04 MST"),
            "11:46 CEST"
        );
        assert_eq!(at(1_700_000_000, "Europe/Berlin", "15:04 MST"), "23:13 CET");
        let base = date("2006-01-02", "2017-12-31").into_value();
        assert_eq!(
            call("dateModify", vec![s("1h30m"), base.clone()]),
            "2017-12-31 01:30:00 +0000 UTC"
        );
        assert_eq!(
            call("dateModify", vec![s("junk"), base.clone()]),
            "2017-12-31 00:00:00 +0000 UTC"
        );
        assert_eq!(
            call("dateModify", vec![s("-1.5h"), base.clone()]),
            "2017-12-30 22:30:00 +0000 UTC"
        );
        assert_eq!(
            call("mustDateModify", vec![s("x"), base.clone()]),
            "ERR time: invalid duration \"x\""
        );
        assert_eq!(call("unixEpoch", vec![base.clone()]), "1514678400");
        assert_eq!(call("unixEpoch", vec![i(3)]), "ERR bad arg 0 time.Time");
        assert_eq!(call("typeOf", vec![base.clone()]), "time.Time");
        let Value::Object(o) = &base else {
            unreachable!()
        };
        let member = |name: &str, args: &[Value]| show(Ok(o.member(name, args).unwrap().unwrap()));
        assert_eq!(member("Unix", &[]), "1514678400");
        assert_eq!(member("Year", &[]), "2017");
        assert_eq!(member("Month", &[]), "December");
        assert_eq!(member("Weekday", &[]), "Sunday");
        assert_eq!(member("Format", &[s("Jan 2")]), "Dec 31");
        assert_eq!(
            member("AddDate", &[i(0), i(2), i(0)]),
            "2018-03-03 00:00:00 +0000 UTC"
        );
        assert_eq!(show(Ok(o.to_data())), "2017-12-31T00:00:00Z");
        // A zone survives the round trip through the object.
        let ny = Time::from_unix(1_720_000_000, 5, Location::named("America/New_York"));
        let back = as_time(&ny.clone().into_value()).unwrap();
        assert_eq!(back, ny);
        let ldn = Time::from_unix(1, 0, Location::named("Europe/London"));
        assert_eq!(as_time(&ldn.clone().into_value()).unwrap(), ldn);
        assert_eq!(
            format_in_zone("2006-01-02", &Value::int64(1_600_000_000), "Local", 0),
            "2020-09-13"
        );
        assert_eq!(
            format_in_zone("2006-01-02 15:04", &i(1_600_000_000), "Local", 0),
            "2020-09-13 12:26"
        );
        assert_eq!(format_in_zone("2006", &s("str"), "Local", 0), "1970");
    }
}
