//! Number formatting shared by the views, built by hand: `format!` and `to_string` pull in
//! `core::fmt`'s padding and dispatch for every call site, and every byte ships to every reader.

/// Appends `n` in decimal, zero-padded to at least `width` digits (`push_number(s, 7, 2)`: `07`).
pub fn push_number(out: &mut String, mut n: u64, width: usize) {
    // u64::MAX has 20 digits.
    let mut digits = [b'0'; 20];
    let mut start = digits.len();
    while start > 0 {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for _ in (digits.len() - start)..width {
        out.push('0');
    }
    out.extend(digits.iter().skip(start).map(|d| char::from(*d)));
}

/// `n` in decimal.
pub fn number(n: u64) -> String {
    let mut out = String::new();
    push_number(&mut out, n, 1);
    out
}

/// Groups digits by thousands with commas, as both ko and en readers write counts (`1,234`).
/// A dozen lines here instead of `Intl.NumberFormat`, because server-side rendering and native
/// tests need it too and both locales group the same way.
pub fn group_thousands(n: u64) -> String {
    let digits = number(n);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Whole hundredths of `x`, rounded, clamped to what an `i64` holds (NaN reads as 0). Working
/// in integers keeps Rust's float formatting, and its tables, out of the bundle.
fn hundredths(x: f64) -> i64 {
    let h = (x * 100.0).round();
    if h.is_nan() { 0 } else { h.clamp(-9.0e18, 9.0e18) as i64 }
}

/// Appends `.5`, `.05` or nothing: at most two decimals, trailing zeros dropped.
fn push_decimals(out: &mut String, frac: u64) {
    match frac {
        0 => {}
        f if f % 10 == 0 => {
            out.push('.');
            push_number(out, f / 10, 1);
        }
        f => {
            out.push('.');
            push_number(out, f, 2);
        }
    }
}

/// A price with digit grouping and at most two decimals: `87,497,000`, `0.25`.
pub fn format_price(price: f64) -> String {
    let h = hundredths(price);
    let mut out = String::from(if h < 0 { "-" } else { "" });
    let abs = h.unsigned_abs();
    out.push_str(&group_thousands(abs / 100));
    push_decimals(&mut out, abs % 100);
    out
}

/// A change with its sign always in the text and at most two decimals: `+1.94%`, `-0.93%`,
/// `0%`. Returns the direction too: 1 rising, -1 falling, 0 flat.
pub fn format_change(pct: f64) -> (String, i8) {
    let h = hundredths(pct);
    let direction = h.signum() as i8;
    let mut out = String::from(match direction {
        1 => "+",
        -1 => "-",
        _ => "",
    });
    let abs = h.unsigned_abs();
    out.push_str(&group_thousands(abs / 100));
    push_decimals(&mut out, abs % 100);
    out.push('%');
    (out, direction)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_with_and_without_padding() {
        assert_eq!(number(0), "0");
        assert_eq!(number(u64::MAX), "18446744073709551615");
        let mut s = String::new();
        push_number(&mut s, 7, 2);
        push_number(&mut s, 123, 2);
        push_number(&mut s, 5, 4);
        assert_eq!(s, "071230005");
    }

    #[test]
    fn groups_by_thousands() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1_000), "1,000");
        assert_eq!(group_thousands(87_497_000), "87,497,000");
        assert_eq!(group_thousands(2_147_483_648), "2,147,483,648");
    }

    #[test]
    fn prices_as_the_seed_shows_them() {
        assert_eq!(format_price(87_497_000.0), "87,497,000");
        assert_eq!(format_price(683.0), "683");
        assert_eq!(format_price(0.25), "0.25");
        assert_eq!(format_price(1234.5), "1,234.5");
        assert_eq!(format_price(-3.0), "-3");
        assert_eq!(format_price(f64::NAN), "0");
        assert_eq!(format_price(f64::INFINITY), "90,000,000,000,000,000");
    }

    #[test]
    fn changes_carry_their_sign_and_two_decimals_at_most() {
        assert_eq!(format_change(-0.93), ("-0.93%".to_string(), -1));
        assert_eq!(format_change(1.94), ("+1.94%".to_string(), 1));
        assert_eq!(format_change(1.3), ("+1.3%".to_string(), 1));
        assert_eq!(format_change(5.05), ("+5.05%".to_string(), 1));
        assert_eq!(format_change(0.0), ("0%".to_string(), 0));
        assert_eq!(format_change(-0.001), ("0%".to_string(), 0));
        assert_eq!(format_change(1.999), ("+2%".to_string(), 1));
        assert_eq!(format_change(1234.5), ("+1,234.5%".to_string(), 1));
    }
}
