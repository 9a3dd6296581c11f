//! The five text-size steps of the seed page.

use super::locale::Locale;

/// One step of the text-size control, smallest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextSize {
    Smallest,
    Small,
    #[default]
    Default,
    Large,
    Largest,
}

impl TextSize {
    pub const ALL: [TextSize; 5] =
        [TextSize::Smallest, TextSize::Small, TextSize::Default, TextSize::Large, TextSize::Largest];

    /// The contract's name: also the prop value, the stored value and the CSS modifier.
    pub fn name(self) -> &'static str {
        match self {
            TextSize::Smallest => "smallest",
            TextSize::Small => "small",
            TextSize::Default => "default",
            TextSize::Large => "large",
            TextSize::Largest => "largest",
        }
    }

    pub fn parse(name: &str) -> Option<TextSize> {
        TextSize::ALL.into_iter().find(|s| s.name() == name)
    }

    /// 0 (smallest) to 4 (largest), as events report it.
    pub fn step(self) -> usize {
        self as usize
    }

    pub fn from_step(step: usize) -> Option<TextSize> {
        TextSize::ALL.get(step).copied()
    }

    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            TextSize::Smallest => locale.pick("가장작게", "Smallest"),
            TextSize::Small => locale.pick("작게", "Small"),
            TextSize::Default => locale.pick("기본", "Default"),
            TextSize::Large => locale.pick("크게", "Large"),
            TextSize::Largest => locale.pick("가장크게", "Largest"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_steps_and_labels_round_trip() {
        for (i, size) in TextSize::ALL.into_iter().enumerate() {
            assert_eq!(size.step(), i);
            assert_eq!(TextSize::from_step(i), Some(size));
            assert_eq!(TextSize::parse(size.name()), Some(size));
        }
        assert_eq!(TextSize::from_step(5), None);
        assert_eq!(TextSize::parse("Large"), None, "names are exact");
        assert_eq!(TextSize::Largest.label(Locale::Ko), "가장크게");
        assert_eq!(TextSize::Smallest.label(Locale::En), "Smallest");
    }
}
