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
        for other in TextSize::ALL {
            let _ = classes.remove_1(&text_size_class(other));
        }
        let _ = classes.add_1(&text_size_class(*size));
    });
    use_restored_focus(&props.island);
    text_size_control(text_size, props.article.locale, &on_select)
}
