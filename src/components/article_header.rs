use yew::prelude::*;

use crate::model::{ArticleProps, Locale, Timestamp};

/// One `입력 2024-02-28 16:04` line: a label and a machine-readable `<time>`.
fn time_line(modifier: &'static str, label: &'static str, time: &Timestamp, locale: Locale) -> Html {
    html! {
        <span class={classes!("aw-article__time", modifier)}>
            { label }{ " " }
            <time class="aw-article__time-value" datetime={time.raw.clone()}>{ time.display(locale) }</time>
        </span>
    }
}

/// Section, headline, subtitle, byline and times, as on the seed page; `tools` is the tools
/// row (the text-size control). A plain view function, not a component: see
/// `components/mod.rs`.
pub fn article_header(a: &ArticleProps, tools: Html) -> Html {
    let locale = a.locale;
    html! {
        <header class="aw-article__header">
            if let Some(section) = &a.section {
                <p class="aw-article__section">{ section }</p>
            }
            <h1 class="aw-article__title">{ &a.title }</h1>
            if let Some(subtitle) = &a.subtitle {
                <p class="aw-article__subtitle">{ subtitle }</p>
            }
            <div class="aw-article__meta">
                if let Some(byline) = &a.byline {
                    <p class="aw-article__byline">{ byline }</p>
                }
                <p class="aw-article__times">
                    { time_line("aw-article__time--published", locale.pick("입력", "Published"), &a.published_at, locale) }
                    if let Some(updated) = &a.updated_at {
                        { time_line("aw-article__time--updated", locale.pick("수정", "Updated"), updated, locale) }
                    }
                </p>
                <div class="aw-article__tools" data-aw-island="text-size">{ tools }</div>
            </div>
        </header>
    }
}
