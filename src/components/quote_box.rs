use yew::prelude::*;

use crate::model::format::{format_change, format_price};
use crate::model::{QuoteBoxProps, QuoteKind};

/// 오늘의 상승종목 or 실시간 암호화폐 시세: a table captioned with the title, as of a time.
/// Rising is red and falling blue (the Korean convention; custom properties swap them), and the
/// sign is always in the text too. Rows are keyed by name, so a refresh updates them in place.
/// `stale`: the last refresh failed; say so, keep showing the last data. A plain view function,
/// not a component: see `components/mod.rs`.
pub fn quote_box(q: &QuoteBoxProps, stale: bool) -> Html {
    let locale = q.locale;
    let title = q.title.as_deref().unwrap_or(q.kind.title(locale));
    html! {
        <div class={classes!("aw-widget", "aw-box", q.kind.class(), stale.then_some("aw-box--stale"))} lang={locale.tag()}>
            <table class="aw-quotes">
                <caption class="aw-quotes__caption">{ title }</caption>
                <thead class="aw-quotes__header">
                    <tr class="aw-quotes__header-row">
                        <th scope="col" class="aw-quotes__head">{ locale.pick("종목", "Name") }</th>
                        <th scope="col" class="aw-quotes__head aw-quotes__head--number">{ locale.pick("현재가(원)", "Price (KRW)") }</th>
                        <th scope="col" class="aw-quotes__head aw-quotes__head--number">{ locale.pick("변동률", "Change") }</th>
                    </tr>
                </thead>
                <tbody class="aw-quotes__body">
                    { for q.items.iter().map(|item| {
                        let (change, direction) = format_change(item.change_pct);
                        let modifier = match direction {
                            1 => "aw-quotes__row--up",
                            -1 => "aw-quotes__row--down",
                            _ => "aw-quotes__row--flat",
                        };
                        html! {
                            <tr key={item.name.clone()} class={classes!("aw-quotes__row", modifier)}>
                                <th scope="row" class="aw-quotes__name">
                                    { &item.name }
                                    if let Some(code) = &item.code {
                                        { " " }<span class="aw-quotes__code">{ code }</span>
                                    }
                                </th>
                                <td class="aw-quotes__price">{ format_price(item.price) }</td>
                                <td class="aw-quotes__change">{ change }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            <p class="aw-box__as-of">
                <time class="aw-box__time" datetime={q.as_of.raw.clone()}>{ q.as_of.display_as_of(locale) }</time>
            </p>
            if q.kind == QuoteKind::Crypto {
                <p class="aw-box__note">{ locale.pick("* 24시간 변동률 기준", "* Change over 24 hours") }</p>
            }
            if stale {
                <p class="aw-box__stale" role="status">
                    { locale.pick("업데이트 지연: 마지막으로 받은 시세입니다.", "Update delayed: showing the last prices received.") }
                </p>
            }
        </div>
    }
}
