//! The refresh schedule of one polled box (`data-src` with `data-refresh="SECONDS"`): how often
//! it loads its data, how it backs off after failures (a failed first load included), the
//! delays it may hand to a browser timer, and what a `data-src` reply must be to be read.
//! Plain data and functions; the embedding layer runs the timers and the fetches.

use super::delay::doubling;
pub use super::delay::{MAX_TIMER_MS, clamp_timer_ms};

/// The shortest refresh interval, in seconds.
pub const MIN_REFRESH_S: u32 = 1;
/// The longest refresh interval: one day. A longer `data-refresh` counts as this.
pub const MAX_REFRESH_S: u32 = 86_400;
/// Backing off after failures stops at ten minutes (or at the interval, if that is longer).
pub const MAX_BACKOFF_MS: u32 = 600_000;
/// A `data-src` reply body larger than this (4 MiB, counted as it arrives) is refused.
pub const MAX_REPLY_BYTES: u32 = 4 * 1024 * 1024;

/// How one load of the box's data ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PollEvent {
    /// New data arrived (usable or not: bad props are the host's to fix, not a reason to hurry).
    Loaded,
    /// No data: the network, the status, or a reply refused.
    Failed,
}

/// The schedule of one polled box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    every_ms: u32,
    /// Failed loads in a row: the data shown (if any) is stale, and the next try backs off.
    failures: u32,
}

impl Schedule {
    /// The schedule `data-refresh`'s text asks for: whole seconds (white space around them
    /// allowed), clamped to 1 s ..= one day. `None`, no polling, for `0` or anything that is not
    /// a whole number of seconds.
    pub fn from_attribute(text: &str) -> Option<Schedule> {
        let seconds = whole_number(text)?;
        if seconds == 0 {
            return None;
        }
        let seconds = seconds.clamp(u64::from(MIN_REFRESH_S), u64::from(MAX_REFRESH_S));
        let every_ms = u32::try_from(seconds * 1000).unwrap_or(MAX_REFRESH_S * 1000);
        Some(Schedule { every_ms, failures: 0 })
    }

    /// The refresh interval, in milliseconds.
    pub fn every_ms(&self) -> u32 {
        self.every_ms
    }

    /// Whether the last load failed, so what is shown is older than the host asked for.
    pub fn is_stale(&self) -> bool {
        self.failures > 0
    }

    /// Records how a load ended (the first load as every later one); returns the delay before
    /// the next, in milliseconds, safe to hand to a timer.
    pub fn after(&mut self, event: PollEvent) -> u32 {
        self.failures = match event {
            PollEvent::Loaded => 0,
            PollEvent::Failed => self.failures.saturating_add(1),
        };
        self.next_delay_ms()
    }

    /// The interval after a success; after n failures in a row, the interval doubled n times,
    /// up to ten minutes, and never shorter than the interval itself.
    pub fn next_delay_ms(&self) -> u32 {
        let every = f64::from(self.every_ms);
        clamp_timer_ms(doubling(every, self.failures, f64::from(MAX_BACKOFF_MS).max(every)))
    }
}

/// Whether a `Content-Type` header names JSON: `application/json` or any `…/…+json`,
/// parameters (`; charset=utf-8`) allowed, in any case.
pub fn is_json_content_type(value: &str) -> bool {
    let essence = media_type(value).to_ascii_lowercase();
    let Some((kind, subtype)) = essence.split_once('/') else { return false };
    !kind.is_empty()
        && (essence == "application/json" || (subtype.len() > "+json".len() && subtype.ends_with("+json")))
}

/// A `Content-Type` header without its parameters (`text/html` of `text/html; charset=utf-8`),
/// for messages.
pub fn media_type(value: &str) -> &str {
    value.split(';').next().unwrap_or_default().trim()
}

/// A whole number in decimal digits, white space around it allowed and a leading `+` as Rust's
/// own parser takes it; saturating rather than failing on huge values (they clamp anyway).
fn whole_number(text: &str) -> Option<u64> {
    let text = text.trim_matches(|c: char| c.is_ascii_whitespace());
    let digits = text.strip_prefix('+').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(digits.bytes().fold(0u64, |n, b| n.saturating_mul(10).saturating_add(u64::from(b - b'0'))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every(text: &str) -> Option<u32> {
        Schedule::from_attribute(text).map(|s| s.every_ms())
    }

    #[test]
    fn the_interval_is_whole_seconds_from_the_attribute() {
        assert_eq!(every("30"), Some(30_000));
        assert_eq!(every(" 5\n"), Some(5_000));
        assert_eq!(every("+2"), Some(2_000));
        assert_eq!(every("1"), Some(1_000));
        assert_eq!(every("007"), Some(7_000));
    }

    #[test]
    fn zero_or_a_non_number_means_no_polling() {
        for text in ["0", "", " ", "abc", "1.5", "-3", "1e3", "5s", "+", "٣", "0x10", "1 2"] {
            assert_eq!(every(text), None, "{text:?}");
        }
    }

    #[test]
    fn the_interval_is_at_most_a_day() {
        assert_eq!(every("86400"), Some(86_400_000));
        assert_eq!(every("86401"), Some(86_400_000));
        assert_eq!(every("3000000"), Some(86_400_000));
        assert_eq!(every("4294967296"), Some(86_400_000));
        assert_eq!(every("99999999999999999999999999999"), Some(86_400_000));
    }

    /// Defect 2: `data-refresh` of 2,147,484 s or more (2^31 ms) wrapped negative in the timer
    /// and polled with no delay at all.
    #[test]
    fn timer_overflow_is_clamped() {
        assert_eq!(clamp_timer_ms(2_147_483_648.0), MAX_TIMER_MS);
        assert_eq!(clamp_timer_ms(3_000_000_000.0), MAX_TIMER_MS);
        assert_eq!(clamp_timer_ms(u64::MAX as f64), MAX_TIMER_MS);
        assert_eq!(clamp_timer_ms(f64::INFINITY), MAX_TIMER_MS);
        assert_eq!(clamp_timer_ms(2_147_483_647.0), MAX_TIMER_MS);
        assert_eq!(clamp_timer_ms(2_147_483_646.9), 2_147_483_646);
        assert_eq!(clamp_timer_ms(1_000.0), 1_000);
        assert_eq!(clamp_timer_ms(0.0), 0);
        assert_eq!(clamp_timer_ms(-5.0), 0);
        assert_eq!(clamp_timer_ms(f64::NAN), 0);
        assert!(i32::try_from(MAX_TIMER_MS).is_ok());
        // The reported case: every delay that schedule hands out is a day, never 0 or wrapped.
        for text in ["2147484", "3000000", "4294967296", "18446744073709551616"] {
            let mut schedule = Schedule::from_attribute(text).expect("a number");
            assert_eq!(schedule.after(PollEvent::Loaded), 86_400_000, "{text}");
            for _ in 0..100 {
                let delay = schedule.after(PollEvent::Failed);
                assert_eq!(delay, 86_400_000, "{text}");
            }
        }
    }

    /// Defect 7: a box whose first load failed never polled, showing its alert forever.
    #[test]
    fn polling_starts_after_a_failed_first_load() {
        let mut schedule = Schedule::from_attribute("2").expect("a number");
        // The first load is the same transition as every later one: a failure backs off.
        assert_eq!(schedule.after(PollEvent::Failed), 4_000);
        assert!(schedule.is_stale());
        assert_eq!(schedule.after(PollEvent::Failed), 8_000);
        // The source is back: the data renders, and polling goes on at the interval.
        assert_eq!(schedule.after(PollEvent::Loaded), 2_000);
        assert!(!schedule.is_stale());
        assert_eq!(schedule.after(PollEvent::Loaded), 2_000);
    }

    #[test]
    fn failures_double_the_delay_up_to_ten_minutes() {
        let mut schedule = Schedule::from_attribute("1").expect("a number");
        let delays: Vec<u32> = (0..14).map(|_| schedule.after(PollEvent::Failed)).collect();
        assert_eq!(delays, [2, 4, 8, 16, 32, 64, 128, 256, 512, 600, 600, 600, 600, 600].map(|s| s * 1_000));
        for _ in 0..1_000 {
            schedule.after(PollEvent::Failed);
        }
        assert_eq!(schedule.after(PollEvent::Failed), MAX_BACKOFF_MS);
        assert_eq!(schedule.after(PollEvent::Loaded), 1_000);
    }

    #[test]
    fn backing_off_never_shortens_a_long_interval() {
        let mut schedule = Schedule::from_attribute("3600").expect("a number");
        assert_eq!(schedule.after(PollEvent::Failed), 3_600_000);
        let mut schedule = Schedule::from_attribute("400").expect("a number");
        assert_eq!(schedule.after(PollEvent::Failed), 600_000);
        assert_eq!(schedule.after(PollEvent::Failed), 600_000);
        for seconds in 1..=MAX_REFRESH_S {
            let mut schedule = Schedule { every_ms: seconds * 1_000, failures: 0 };
            for _ in 0..12 {
                let delay = schedule.after(PollEvent::Failed);
                assert!(delay >= schedule.every_ms() && delay <= MAX_BACKOFF_MS.max(schedule.every_ms()));
            }
        }
    }

    /// Defect 8 (the part that is plain data): only JSON types are read, whatever the case
    /// and parameters; the cap is 4 MiB.
    #[test]
    fn data_src_limits_accept_only_json_types() {
        for ok in [
            "application/json",
            "application/json; charset=utf-8",
            "Application/JSON;charset=UTF-8",
            " application/json ",
            "application/ld+json",
            "application/vnd.api+json; ext=x",
            "text/x-custom+json",
        ] {
            assert!(is_json_content_type(ok), "{ok:?}");
        }
        for refused in [
            "text/html",
            "text/html; charset=utf-8",
            "text/plain",
            "text/json",
            "application/jsonp",
            "application/json-seq",
            "application/+json",
            "/json",
            "+json",
            "json",
            "",
            "application/javascript; x=application/json",
        ] {
            assert!(!is_json_content_type(refused), "{refused:?}");
        }
        assert_eq!(media_type("text/html; charset=utf-8"), "text/html");
        assert_eq!(media_type(""), "");
        assert_eq!(MAX_REPLY_BYTES, 4_194_304);
    }
}
