//! RFC 3339 timestamps, shown in the article's own UTC offset.
//!
//! A newsroom writes `2024-02-28T16:04:00+09:00` and its readers expect `16:04`, wherever the
//! reader is; so the wall-clock fields are kept exactly as written and never converted to the
//! reader's zone. Hand-rolled rather than a date crate: it is ~100 lines against a crate's tables.

use super::format::push_number;
use super::locale::Locale;

/// A validated RFC 3339 date-time, with the offset it was written in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timestamp {
    /// The original text, valid for a `<time datetime>` attribute.
    pub raw: String,
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    /// Minutes east of UTC.
    pub offset_minutes: i16,
}

const MONTHS_EN: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

fn is_leap(year: u16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Reads exactly `n` ASCII digits at the start of `s`.
fn digits(s: &[u8], n: usize) -> Option<u32> {
    let part = s.get(..n)?;
    part.iter().try_fold(0u32, |acc, &b| b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0')))
}

impl Timestamp {
    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fraction]](Z|±HH:MM)`. Seconds may be left out, as CMSs
    /// often do; the offset may not, since without it the wall-clock time means nothing.
    pub fn parse(text: &str) -> Option<Timestamp> {
        let s = text.trim().as_bytes();
        let year = digits(s, 4)?;
        let month = digits(s.get(5..)?, 2)?;
        let day = digits(s.get(8..)?, 2)?;
        let hour = digits(s.get(11..)?, 2)?;
        let minute = digits(s.get(14..)?, 2)?;
        if s.get(4) != Some(&b'-')
            || s.get(7) != Some(&b'-')
            || !matches!(s.get(10), Some(b'T' | b't' | b' '))
            || s.get(13) != Some(&b':')
        {
            return None;
        }
        let mut rest = s.get(16..)?;
        if rest.first() == Some(&b':') {
            let second = digits(rest.get(1..)?, 2)?;
            if second > 60 {
                return None;
            }
            rest = rest.get(3..)?;
            if rest.first() == Some(&b'.') {
                let frac = rest.get(1..)?.iter().take_while(|b| b.is_ascii_digit()).count();
                if frac == 0 {
                    return None;
                }
                rest = rest.get(1 + frac..)?;
            }
        }
        let offset_minutes = match rest {
            [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), ..] => {
                let oh = digits(rest.get(1..)?, 2)?;
                let om = digits(rest.get(4..)?, 2)?;
                if rest.len() != 6 || rest.get(3) != Some(&b':') || oh > 23 || om > 59 {
                    return None;
                }
                let total = (oh * 60 + om) as i16;
                if *sign == b'-' { -total } else { total }
            }
            _ => return None,
        };
        let (year, month, day) = (year as u16, month as u8, day as u8);
        if !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
        {
            return None;
        }
        Some(Timestamp {
            raw: text.trim().to_owned(),
            year,
            month,
            day,
            hour: hour as u8,
            minute: minute as u8,
            offset_minutes,
        })
    }

    /// The date and time as a reader sees it: `2024-02-28 16:04` (ko), the seed page's form,
    /// or `Feb 28, 2024, 16:04 UTC+9` (en), where a reader abroad needs the zone spelled out.
    pub fn display(&self, locale: Locale) -> String {
        let mut out = String::new();
        match locale {
            Locale::Ko => {
                push_number(&mut out, u64::from(self.year), 4);
                out.push('-');
                push_number(&mut out, u64::from(self.month), 2);
                out.push('-');
                push_number(&mut out, u64::from(self.day), 2);
                out.push(' ');
                self.push_clock(&mut out);
            }
            Locale::En => {
                self.push_month_day(&mut out);
                out.push_str(", ");
                push_number(&mut out, u64::from(self.year), 4);
                out.push_str(", ");
                self.push_clock(&mut out);
                out.push(' ');
                push_utc_offset(&mut out, self.offset_minutes);
            }
        }
        out
    }

    /// A quote box's time: `07.03 09:35 실시간` (ko, the seed's form) or `Jul 3, 09:35 live`.
    pub fn display_as_of(&self, locale: Locale) -> String {
        let mut out = String::new();
        match locale {
            Locale::Ko => {
                push_number(&mut out, u64::from(self.month), 2);
                out.push('.');
                push_number(&mut out, u64::from(self.day), 2);
                out.push(' ');
                self.push_clock(&mut out);
                out.push_str(" 실시간");
            }
            Locale::En => {
                self.push_month_day(&mut out);
                out.push_str(", ");
                self.push_clock(&mut out);
                out.push_str(" live");
            }
        }
        out
    }

    /// `16:04`.
    fn push_clock(&self, out: &mut String) {
        push_number(out, u64::from(self.hour), 2);
        out.push(':');
        push_number(out, u64::from(self.minute), 2);
    }

    /// `Feb 28`.
    fn push_month_day(&self, out: &mut String) {
        out.push_str(MONTHS_EN.get(usize::from(self.month).saturating_sub(1)).copied().unwrap_or(""));
        out.push(' ');
        push_number(out, u64::from(self.day), 1);
    }
}

/// `UTC`, `UTC+9`, `UTC-3:30`.
fn push_utc_offset(out: &mut String, minutes: i16) {
    out.push_str("UTC");
    if minutes == 0 {
        return;
    }
    out.push(if minutes < 0 { '-' } else { '+' });
    let (h, m) = (minutes.unsigned_abs() / 60, minutes.unsigned_abs() % 60);
    push_number(out, u64::from(h), 1);
    if m != 0 {
        out.push(':');
        push_number(out, u64::from(m), 2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_the_seed_time_in_its_own_offset() {
        let t = Timestamp::parse("2024-02-28T16:04:00+09:00").unwrap();
        assert_eq!(t.display(Locale::Ko), "2024-02-28 16:04");
        assert_eq!(t.display(Locale::En), "Feb 28, 2024, 16:04 UTC+9");
        assert_eq!(t.raw, "2024-02-28T16:04:00+09:00");
    }

    #[test]
    fn as_of_times_read_like_the_seed() {
        let t = Timestamp::parse("2024-07-03T09:35:00+09:00").unwrap();
        assert_eq!(t.display_as_of(Locale::Ko), "07.03 09:35 실시간");
        assert_eq!(t.display_as_of(Locale::En), "Jul 3, 09:35 live");
    }

    #[test]
    fn never_converts_to_another_zone() {
        let t = Timestamp::parse("2024-02-28T23:59:59.123456-03:30").unwrap();
        assert_eq!(t.display(Locale::Ko), "2024-02-28 23:59");
        assert_eq!(t.display(Locale::En), "Feb 28, 2024, 23:59 UTC-3:30");
        let z = Timestamp::parse("2024-12-01t00:00z").unwrap();
        assert_eq!(z.display(Locale::En), "Dec 1, 2024, 00:00 UTC");
        assert_eq!(z.offset_minutes, 0);
    }

    #[test]
    fn accepts_the_forms_cms_write() {
        for ok in [
            "2024-02-28T16:04+09:00",
            "2024-02-28 16:04:00Z",
            "2024-02-29T00:00:00Z",
            "2000-02-29T00:00:00Z",
            "2016-12-31T23:59:60Z",
            " 2024-02-28T16:04:00+09:00 ",
        ] {
            assert!(Timestamp::parse(ok).is_some(), "{ok}");
        }
    }

    #[test]
    fn rejects_what_is_not_rfc_3339() {
        for bad in [
            "",
            "2024-02-28",
            "2024-02-28T16:04",
            "2024-02-28T16:04:00",
            "2024-02-28T16:04:00+0900",
            "2024-02-28T16:04:00+09:00junk",
            "2024-02-28T16:04:00.+09:00",
            "2023-02-29T00:00:00Z",
            "1900-02-29T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-00-01T00:00:00Z",
            "2024-04-31T00:00:00Z",
            "2024-02-28T24:00:00Z",
            "2024-02-28T16:60:00Z",
            "2024-02-28T16:04:61Z",
            "2024-02-28T16:04:00+24:00",
            "２０２４-02-28T16:04:00Z",
            "2024/02/28T16:04:00Z",
            "yesterday",
        ] {
            assert_eq!(Timestamp::parse(bad), None, "{bad}");
        }
    }
}
