use yew::prelude::*;

use crate::model::format::number;
use crate::model::{Image, Locale};

/// The photo with its `▲ caption (credit)` line. `width`/`height` become attributes so the
/// browser reserves the space (no layout shift); when the image fails, or its URL was dropped
/// as unsafe, a quiet placeholder stands in and the caption stays readable. `failed`: this
/// `src` did not load (the article keeps that state and passes `onerror`, which reports it).
/// A plain view function, not a component: see `components/mod.rs`.
pub fn article_figure(image: &Image, locale: Locale, failed: bool, onerror: Callback<Event>) -> Html {
    let has_caption = image.caption.is_some() || image.credit.is_some();
    html! {
        <figure class={classes!("aw-figure", (failed || image.src.is_none()).then_some("aw-figure--broken"))}>
            if let (Some(src), false) = (&image.src, failed) {
                // Keyed by its URL: another photo gets a new element, not the old one's
                // pixels and pending error while it loads.
                <img
                    key={src.clone()}
                    class="aw-figure__image"
                    src={src.clone()}
                    alt={image.alt.clone()}
                    width={image.width.map(|w| number(u64::from(w)))}
                    height={image.height.map(|h| number(u64::from(h)))}
                    decoding="async"
                    {onerror}
                />
            } else {
                <div class="aw-figure__placeholder">
                    { locale.pick("이미지를 불러올 수 없습니다", "Image unavailable") }
                    if !image.alt.is_empty() {
                        { ": " }{ &image.alt }
                    }
                </div>
            }
            if has_caption {
                <figcaption class="aw-figure__caption">
                    if let Some(caption) = &image.caption {
                        <span class="aw-figure__caption-text">{ caption }</span>
                    }
                    if let Some(credit) = &image.credit {
                        { " " }<span class="aw-figure__credit">{ ["(", credit.as_str(), ")"].concat() }</span>
                    }
                </figcaption>
            }
        </figure>
    }
}
