//! URL filtering: only http, https and relative URLs ever reach an `href` or `src`.

/// Returns the URL as the browser would read it, or `None` when its scheme is anything but
/// http or https (`javascript:`, `data:`, `vbscript:`, ...).
///
/// Browsers strip leading and trailing C0 controls and spaces and drop tabs and newlines
/// anywhere before parsing, so `" java\tscript:..."` is `javascript:`; we normalise the same way
/// before looking at the scheme, then hand the browser the normalised text.
pub fn safe_url(input: &str) -> Option<String> {
    let cleaned: String =
        input.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    if cleaned.is_empty() {
        return None;
    }
    match scheme(&cleaned) {
        None => Some(cleaned),
        Some(s) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => Some(cleaned),
        Some(_) => None,
    }
}

/// The scheme, per the URL standard: a letter, then letters, digits, `+`, `-` or `.`, then `:`,
/// all before any `/`, `?` or `#`. A colon later on (`/a:b`, `?q=a:b`) is a relative URL.
fn scheme(url: &str) -> Option<&str> {
    let end = url.find([':', '/', '?', '#', '\\'])?;
    if url.as_bytes().get(end) != Some(&b':') {
        return None;
    }
    let candidate = url.get(..end)?;
    let mut chars = candidate.chars();
    let first_is_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let valid = first_is_letter && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    // Anything that is not a clean scheme yet has a colon first ("1a:", "ja va:") is refused
    // too: a browser might read it as a scheme we cannot predict.
    Some(if valid { candidate } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_http_https_and_relative() {
        for ok in [
            "https://example.com/a.jpg",
            "HTTP://example.com",
            "/images/a.jpg",
            "images/a.jpg",
            "../a.jpg",
            "//cdn.example.com/a.jpg",
            "?page=2",
            "#top",
            "/path/with:colon",
            "a.jpg?x=y:z",
        ] {
            assert_eq!(safe_url(ok).as_deref(), Some(ok), "{ok}");
        }
    }

    #[test]
    fn drops_every_other_scheme_however_disguised() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "file:///etc/passwd",
            "blob:https://x/y",
            "1javascript:alert(1)",
            "ja va:x",
            "",
            "   ",
        ] {
            assert_eq!(safe_url(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn normalises_what_the_browser_would_ignore() {
        assert_eq!(safe_url("  /a b.jpg\n").as_deref(), Some("/a b.jpg"));
        assert_eq!(safe_url("https://ex\tample.com").as_deref(), Some("https://example.com"));
    }
}
