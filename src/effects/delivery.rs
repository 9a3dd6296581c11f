//! What the outbox tells the widgets of an article.

/// What a widget hears from the outbox about its article.
#[derive(Debug, Clone, PartialEq)]
pub enum Delivery {
    /// The endpoint holds `reaction` = `selected`; its reply's `counts`, if it had any.
    Confirmed { reaction: String, selected: bool, counts: Option<Vec<(String, u64)>> },
    /// A send failed, or a change was dropped: for `articlewidget:error`.
    Failed { message: String },
    /// The stored selection or confirmed state changed (another tab, or a take-back).
    Stored,
}
