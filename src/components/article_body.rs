use yew::prelude::*;

use crate::model::Block;

#[derive(Properties, PartialEq)]
pub struct ArticleBodyProps {
    pub blocks: Vec<Block>,
}

/// The body: paragraphs, headings one level below the headline, and quotes.
#[component]
pub fn ArticleBody(props: &ArticleBodyProps) -> Html {
    html! {
        <div class="aw-body">
            { for props.blocks.iter().filter(|b| !b.text().trim().is_empty()).map(|block| match block {
                Block::Paragraph(text) => html! { <p class="aw-body__paragraph">{ text }</p> },
                Block::Heading(text) => html! { <h2 class="aw-body__heading">{ text }</h2> },
                Block::Quote(text) => html! {
                    <blockquote class="aw-body__quote"><p class="aw-body__quote-text">{ text }</p></blockquote>
                },
            }) }
        </div>
    }
}
