//! The registry's pool of Yew apps: an unmounted widget's app and container wait here for the
//! next mount instead of being dropped.

use std::cell::RefCell;

use web_sys::Element;
use yew::AppHandle;

use crate::{Widget, WidgetContent, WidgetProps};

thread_local! {
    /// Apps whose widgets were unmounted, each with its detached container, ready for reuse.
    static IDLE: RefCell<Vec<(AppHandle<Widget>, Element)>> = const { RefCell::new(Vec::new()) };
}

/// A Yew app rendering `props` into a container of ours, not yet on the page.
///
/// Containers come with their Yew app from a pool of idle ones when there is one. Yew never
/// frees the event listeners it installs on an app's root (it `forget`s them, expecting apps to
/// live as long as the page), so a fresh app per mount would leak about 1 KB of Wasm memory
/// every mount/unmount cycle of a single-page app. Reusing idle apps bounds that by the most
/// widgets ever mounted at once.
pub(super) fn spare_app(
    element: &Element,
    props: WidgetProps,
    class: &str,
) -> Option<(AppHandle<Widget>, Element)> {
    if let Some((mut app, root)) = IDLE.with(|idle| idle.borrow_mut().pop()) {
        root.set_class_name(class);
        app.update(props);
        return Some((app, root));
    }
    let root = element.owner_document()?.create_element("div").ok()?;
    root.set_class_name(class);
    let app = yew::Renderer::<Widget>::with_root_and_props(root.clone(), props).render();
    Some((app, root))
}

/// Empties an app and its container and puts them in the pool for the next mount.
pub(super) fn retire(mut app: AppHandle<Widget>, root: Element) {
    // Rendering nothing unmounts the components (their effects clean up: subscriptions,
    // listeners).
    app.update(WidgetProps { content: WidgetContent::Idle, host: None, stale: false, island: None });
    root.remove();
    IDLE.with(|idle| idle.borrow_mut().push((app, root)));
}
