//! Number formatting shared by the views.

/// Groups digits by thousands with commas, as both ko and en readers write counts (`1,234`).
/// A dozen lines here instead of `Intl.NumberFormat`, because server-side rendering and native
/// tests need it too and both locales group the same way.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_by_thousands() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1_000), "1,000");
        assert_eq!(group_thousands(87_497_000), "87,497,000");
        assert_eq!(group_thousands(2_147_483_648), "2,147,483,648");
    }
}
