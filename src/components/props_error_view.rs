use yew::prelude::*;

use crate::model::{Locale, PropsError};

/// A short, visible alert in place of the article when its props are unusable. The detail for
/// developers goes to the console from the embedding layer; this names the field. A plain view
/// function, not a component: see `components/mod.rs`.
pub fn props_error_view(error: &PropsError, locale: Locale) -> Html {
    html! {
        <div class="aw-widget aw-widget--error" lang={locale.tag()}>
            <div class="aw-error" role="alert">
                <p class="aw-error__title">
                    { locale.pick("기사를 표시할 수 없습니다.", "This article cannot be shown.") }
                </p>
                <p class="aw-error__detail">{ error.message(locale) }</p>
            </div>
        </div>
    }
}
