use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use super::{Island, text_size_class, text_size_control, use_restored_focus};
use crate::hooks::use_text_size;
use crate::model::{ArticleProps, TextSize};

#[derive(Properties, Clone, PartialEq)]
pub struct TextSizeIslandProps {
    pub article: Rc<ArticleProps>,
    pub island: Island,
    #[prop_or_default]
    pub host: Option<Element>,
}

/// The text-size control of a server-rendered article, rendered into its slot. The size
/// modifier sits on the server's `.aw-widget`, outside the slot: it is set there.
#[component]
pub fn TextSizeIsland(props: &TextSizeIslandProps) -> Html {
    let (text_size, on_select) = use_text_size(props.article.text_size, props.host.clone());
    use_effect_with((text_size, props.island.widget.clone()), |(size, widget)| {
        let classes = widget.class_list();
        // Usually right already (the server's class, or the loader's early stored size):
        // touching the class list anyway would restyle the whole article as the controls go
        // live.
        for other in TextSize::ALL {
            let class = text_size_class(other);
            if (other == *size) != classes.contains(&class) {
                let _ = if other == *size { classes.add_1(&class) } else { classes.remove_1(&class) };
            }
        }
    });
    use_restored_focus(&props.island);
    text_size_control(text_size, props.article.locale, &on_select)
}
