//! The two UI languages and every fixed label the widget shows.

/// The language of the widget's own labels (the article text is whatever the host sent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    #[default]
    Ko,
    En,
}

impl Locale {
    /// Reads `ko`, `en`, or a regional tag of either (`en-US`, `ko_KR`).
    pub fn parse(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        match primary.to_ascii_lowercase().as_str() {
            "ko" => Some(Locale::Ko),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// The BCP 47 tag for the `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Ko => "ko",
            Locale::En => "en",
        }
    }

    /// Picks the Korean or the English form of a label.
    pub fn pick(self, ko: &'static str, en: &'static str) -> &'static str {
        match self {
            Locale::Ko => ko,
            Locale::En => en,
        }
    }
}
