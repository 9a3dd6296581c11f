use yew::prelude::*;

use crate::effects::text_size_store;
use crate::model::TextSize;

/// The page-wide text-size choice (`None` if the reader never chose), re-rendering the
/// component whenever any widget, or another tab, changes it.
#[hook]
pub fn use_text_size_choice() -> Option<TextSize> {
    let rerender = use_force_update();
    use_effect_with((), move |_| {
        let subscription = text_size_store::subscribe(Callback::from(move |_| rerender.force_update()));
        move || drop(subscription)
    });
    text_size_store::current()
}
