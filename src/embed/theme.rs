//! Themes: `light`, `dark` or `auto`, on each mount element's `data-theme`.
//!
//! The stylesheet keys the palette off `[data-theme] > .aw-root > .aw-widget`, so a host that changes the
//! attribute at run time switches that widget at once, with no observer here. `setTheme` writes
//! the attribute on every widget and remembers it for widgets mounted later.

use std::cell::RefCell;

use web_sys::Element;

use super::registry;
use crate::effects::console;

thread_local! {
    static PAGE_THEME: RefCell<Option<&'static str>> = const { RefCell::new(None) };
}

fn parse(name: &str) -> Option<&'static str> {
    ["light", "dark", "auto"].into_iter().find(|t| t.eq_ignore_ascii_case(name.trim()))
}

/// Switches every widget on the page, now and mounted later. Returns whether `name` was valid.
pub fn set_page_theme(name: &str) -> bool {
    let Some(theme) = parse(name) else {
        console::warn(&["setTheme: unknown theme \"", name, "\"; use light, dark or auto"].concat());
        return false;
    };
    PAGE_THEME.with(|t| *t.borrow_mut() = Some(theme));
    for element in registry::elements() {
        let _ = element.set_attribute("data-theme", theme);
    }
    true
}

/// Gives a newly mounted element the page theme, if `setTheme` chose one.
pub fn apply_page_theme(element: &Element) {
    if let Some(theme) = PAGE_THEME.with(|t| *t.borrow()) {
        let _ = element.set_attribute("data-theme", theme);
    }
}
