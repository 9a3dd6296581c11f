//! Delays: the one backoff formula (doubling to a ceiling) that polling and delivery share,
//! and what a browser timer can take.

/// The longest delay a browser timer takes: `setTimeout` reads its delay as a signed 32-bit
/// integer, so 2^31 ms and more wrap around (to a negative delay: it fires at once).
pub const MAX_TIMER_MS: u32 = 2_147_483_647;

/// A delay in milliseconds as a browser timer takes it: at most 2^31-1 (a longer one would wrap
/// and fire at once), 0 for a negative or NaN delay. For `u64` delays, pass `ms as f64`: any
/// precision lost is far above the cap.
pub fn clamp_timer_ms(ms: f64) -> u32 {
    if ms.is_nan() || ms <= 0.0 {
        0
    } else if ms >= f64::from(MAX_TIMER_MS) {
        MAX_TIMER_MS
    } else {
        ms as u32
    }
}

/// `first` doubled `doublings` times, at most `ceiling`.
pub fn doubling(first: f64, doublings: u32, ceiling: f64) -> f64 {
    (first * f64::from(1u32 << doublings.min(30))).min(ceiling)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubling_stops_at_the_ceiling_and_never_overflows() {
        assert_eq!(doubling(500.0, 0, 30_000.0), 500.0);
        assert_eq!(doubling(500.0, 3, 30_000.0), 4_000.0);
        assert_eq!(doubling(500.0, u32::MAX, 30_000.0), 30_000.0);
        assert_eq!(clamp_timer_ms(doubling(86_400_000.0, 40, f64::INFINITY)), MAX_TIMER_MS);
    }
}
