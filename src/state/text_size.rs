//! Keyboard moves of the text-size radio group.

use crate::model::TextSize;

/// Where a key press moves the text-size choice, following the ARIA radio group pattern:
/// arrows move and wrap, Home and End jump to the ends; other keys are not ours.
pub fn text_size_after_key(current: TextSize, key: &str) -> Option<TextSize> {
    let last = TextSize::ALL.len() - 1;
    let step = current.step();
    let next = match key {
        "ArrowRight" | "ArrowDown" => {
            if step == last {
                0
            } else {
                step + 1
            }
        }
        "ArrowLeft" | "ArrowUp" => {
            if step == 0 {
                last
            } else {
                step - 1
            }
        }
        "Home" => 0,
        "End" => last,
        _ => return None,
    };
    TextSize::from_step(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrow_keys_move_and_wrap() {
        use TextSize::*;
        assert_eq!(text_size_after_key(Default, "ArrowRight"), Some(Large));
        assert_eq!(text_size_after_key(Default, "ArrowDown"), Some(Large));
        assert_eq!(text_size_after_key(Default, "ArrowLeft"), Some(Small));
        assert_eq!(text_size_after_key(Default, "ArrowUp"), Some(Small));
        assert_eq!(text_size_after_key(Largest, "ArrowRight"), Some(Smallest));
        assert_eq!(text_size_after_key(Smallest, "ArrowLeft"), Some(Largest));
        assert_eq!(text_size_after_key(Large, "Home"), Some(Smallest));
        assert_eq!(text_size_after_key(Small, "End"), Some(Largest));
        assert_eq!(text_size_after_key(Small, "Enter"), None);
        assert_eq!(text_size_after_key(Small, "a"), None);
    }
}
