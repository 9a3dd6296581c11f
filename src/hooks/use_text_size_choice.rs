use yew::prelude::*;

use crate::effects::text_size_store;
use crate::model::TextSize;

/// The page-wide text-size choice (`None` if the reader never chose), re-rendering the
/// component whenever any widget, or another tab, changes it.
#[hook]
pub fn use_text_size_choice() -> Option<TextSize> {
    let rerender = use_force_update();
    let shown = text_size_store::current();
    use_effect_with((), move |_| {
        let subscription = text_size_store::subscribe(Callback::from({
            let rerender = rerender.clone();
            move |_| rerender.force_update()
        }));
        // Yew may yield to the browser between a render and its effects (on a slow phone it
        // does): a choice made in between, by a click or another tab, told no one.
        if text_size_store::current() != shown {
            rerender.force_update();
        }
        move || drop(subscription)
    });
    shown
}
