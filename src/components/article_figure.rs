use yew::prelude::*;

use crate::model::format::number;
use crate::model::{Image, Locale};

#[derive(Properties, PartialEq)]
pub struct ArticleFigureProps {
    pub image: Image,
    pub locale: Locale,
}

/// The photo with its `▲ caption (credit)` line. `width`/`height` become attributes so the
/// browser reserves the space (no layout shift); when the image fails, or its URL was dropped
/// as unsafe, a quiet placeholder stands in and the caption stays readable.
#[component]
pub fn ArticleFigure(props: &ArticleFigureProps) -> Html {
    let failed = use_state_eq(|| false);
    let image = &props.image;
    let onerror = {
        let failed = failed.clone();
        Callback::from(move |_: Event| failed.set(true))
    };
    let has_caption = image.caption.is_some() || image.credit.is_some();
    html! {
        <figure class={classes!("aw-figure", (*failed || image.src.is_none()).then_some("aw-figure--broken"))}>
            if let (Some(src), false) = (&image.src, *failed) {
                <img
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
                    { props.locale.pick("이미지를 불러올 수 없습니다", "Image unavailable") }
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
