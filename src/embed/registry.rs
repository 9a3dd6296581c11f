//! Every widget this page runs, from the moment its element is claimed to its unmount.

use std::cell::{Cell, RefCell};

use web_sys::{AbortController, Element, IntersectionObserver};
use yew::AppHandle;

use self::lazy::{OnVisible, drop_later, observe};
use self::polling::Poll;
use self::pool::{retire, spare_app};
use super::hydration;
use super::props_source::Source;
use crate::effects::{console, events, fetch};
use crate::state::polling::PollEvent;
use crate::{Widget, WidgetContent, WidgetProps, content_from_json};

// The refresh cycle of `data-refresh` boxes, the wait of lazy ones, the pool of idle apps and
// the take-over of server markup: parts of the registry, in files of their own.
#[path = "lazy.rs"]
mod lazy;
#[path = "polling.rs"]
mod polling;
#[path = "pool.rs"]
mod pool;
#[path = "takeover.rs"]
mod takeover;

/// Where one widget is in its life.
enum Stage {
    /// `data-loading="lazy"`: waiting to near the viewport.
    Waiting { source: Source, observer: IntersectionObserver, _on_visible: OnVisible },
    /// Fetching its `data-src`.
    Loading { abort: AbortController },
    /// Rendering `shown` into `root`, a container of ours inside the mount element.
    Mounted { app: AppHandle<Widget>, root: Element, shown: WidgetProps, poll: Option<Poll> },
    /// Server markup taken over in place (`takeover`): one small app per island, each in a
    /// container of ours inside its slot; `shown` is what a fresh render would show.
    TakenOver {
        islands: Vec<(AppHandle<Widget>, Element)>,
        server_root: Element,
        shown: WidgetProps,
        _photo: Option<gloo::events::EventListener>,
    },
}

struct Entry {
    id: u32,
    element: Element,
    stage: Stage,
}

thread_local! {
    static ENTRIES: RefCell<Vec<Entry>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

pub fn is_claimed(element: &Element) -> bool {
    ENTRIES.with(|e| e.borrow().iter().any(|entry| entry.element == *element))
}

pub fn elements() -> Vec<Element> {
    ENTRIES.with(|e| e.borrow().iter().map(|entry| entry.element.clone()).collect())
}

/// The mount elements, without waiting on a borrow: for the panic hook, which may run while
/// the registry is borrowed.
pub fn elements_if_free() -> Vec<Element> {
    ENTRIES
        .with(|e| e.try_borrow().map(|entries| entries.iter().map(|x| x.element.clone()).collect()))
        .unwrap_or_default()
}

fn id_of(element: &Element) -> Option<u32> {
    ENTRIES.with(|e| e.borrow().iter().find(|entry| entry.element == *element).map(|entry| entry.id))
}

/// Takes the entry out of the registry (so no borrow is held while Yew or the DOM runs).
fn take(id: u32) -> Option<Entry> {
    ENTRIES.with(|e| {
        let mut entries = e.borrow_mut();
        let index = entries.iter().position(|entry| entry.id == id)?;
        Some(entries.remove(index))
    })
}

fn put(entry: Entry) {
    ENTRIES.with(|e| e.borrow_mut().push(entry));
}

/// Claims `element` for a widget with props from `source`; an element already claimed is
/// unmounted first, so calling mount twice replaces the widget rather than stacking two.
pub fn mount(element: Element, source: Source) -> u32 {
    if let Some(old) = id_of(&element) {
        unmount(old);
    }
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1));
        id
    });
    super::theme::apply_page_theme(&element);
    let lazy = element.get_attribute("data-loading").is_some_and(|v| v.eq_ignore_ascii_case("lazy"));
    match lazy.then(|| observe(id, &element)).flatten() {
        Some((observer, on_visible)) => {
            put(Entry { id, element, stage: Stage::Waiting { source, observer, _on_visible: on_visible } })
        }
        None => begin(id, element, source),
    }
    id
}

/// Renders from props at hand, or fetches them first.
fn begin(id: u32, element: Element, source: Source) {
    match source {
        Source::Json(json) => render(id, element, json, true),
        Source::Url(url) => {
            let Ok(abort) = AbortController::new() else {
                let detail = "fetch is not available".to_owned();
                return render(id, element, Err(crate::model::Problem::Unreachable { detail }), false);
            };
            put(Entry { id, element, stage: Stage::Loading { abort: abort.clone() } });
            wasm_bindgen_futures::spawn_local(async move {
                let result = fetch::get_json(&url, &abort).await;
                // Unmounted (or replaced) while the fetch was pending: nothing to render into.
                let Some(entry) = take(id) else { return };
                let json = match result {
                    Ok(value) => crate::model::Json::from_js(&value),
                    Err(error) => {
                        let detail = error.text();
                        console::error(
                            &["could not load props from data-src ", &url, ": ", &detail].concat(),
                        );
                        Err(crate::model::Problem::Unreachable { detail })
                    }
                };
                // A first load that failed is retried on the same schedule as a failed poll.
                let event = if json.is_ok() { PollEvent::Loaded } else { PollEvent::Failed };
                render(id, entry.element.clone(), json, false);
                polling::start(id, &entry.element, url, event);
            });
        }
    }
}

/// Runs `f` on a mounted entry's app, shown props and poll, if the entry is still mounted.
fn with_mounted(id: u32, f: impl FnOnce(&mut AppHandle<Widget>, &mut WidgetProps, &mut Option<Poll>)) {
    let Some(mut entry) = take(id) else { return };
    if let Stage::Mounted { app, shown, poll, .. } = &mut entry.stage {
        f(app, shown, poll);
    }
    put(entry);
}

/// Refused props, to report as `articlewidget:error`: the article id if the props had one,
/// and the message.
type Refusal = Option<(Option<String>, String)>;

/// Validates props, reports problems to the console, and builds what the root component
/// renders. The error event is left to the caller, to dispatch once the registry is whole
/// again: a host listener may call straight back into the API.
fn widget_props(
    element: &Element,
    json: Result<crate::model::Json, crate::model::Problem>,
) -> (WidgetProps, Refusal) {
    let id_hint = match json.as_ref().ok().and_then(|j| j.get("id")) {
        Some(crate::model::Json::String(id)) => Some(id.clone()),
        _ => None,
    };
    let (content, warnings) = content_from_json(json);
    for warning in &warnings {
        console::warn(warning);
    }
    let refusal = match &content {
        WidgetContent::Invalid { error, .. } => {
            let message = error.english();
            console::error(&["widget not rendered: ", &message].concat());
            Some((id_hint, message))
        }
        _ => None,
    };
    (WidgetProps { content, host: Some(element.clone()), stale: false, island: None }, refusal)
}

fn report(element: &Element, refusal: Refusal) {
    if let Some((article_id, message)) = refusal {
        events::error(element, article_id.as_deref(), &message);
    }
}

/// Renders into a container of ours that replaces the element's content (the props script and
/// any fallback the host put there), removed synchronously on unmount. Server markup of this
/// version and these props is taken over instead (`takeover`), when the props came with the
/// element or the page's own call rather than a `data-src` fetch.
fn render(
    id: u32,
    element: Element,
    json: Result<crate::model::Json, crate::model::Problem>,
    own_props: bool,
) {
    // Taken before validation consumes the props, and only where there is server markup.
    let digest = json
        .as_ref()
        .ok()
        .filter(|_| own_props && element.has_attribute(hydration::RENDERED))
        .map(crate::model::props_digest);
    let (props, refusal) = widget_props(&element, json);
    if let Some(markup) =
        digest.and_then(|digest| hydration::server_markup(&element, &digest, &props.content))
    {
        return takeover::take_over(id, element, props, markup);
    }
    hydration::forget(&element);
    let Some((app, root)) = spare_app(&element, props.clone(), "aw-root") else { return };
    element.replace_children_with_node_1(&root);
    put(Entry {
        id,
        element: element.clone(),
        stage: Stage::Mounted { app, root, shown: props, poll: None },
    });
    report(&element, refusal);
}

/// New props for a widget: re-rendered in place if mounted, kept for later if it waits.
pub fn update(id: u32, source: Source) {
    let Some(entry) = take(id) else {
        console::warn("update() on a widget that was unmounted");
        return;
    };
    match (entry.stage, source) {
        (Stage::Mounted { mut app, root, poll, .. }, Source::Json(json)) => {
            let (props, refusal) = widget_props(&entry.element, json);
            app.update(props.clone());
            put(Entry {
                id,
                element: entry.element.clone(),
                stage: Stage::Mounted { app, root, shown: props, poll },
            });
            report(&entry.element, refusal);
        }
        (Stage::Waiting { observer, _on_visible, .. }, source) => {
            put(Entry {
                id,
                element: entry.element,
                stage: Stage::Waiting { source, observer, _on_visible },
            });
        }
        (stage, source) => {
            stop(stage, &entry.element);
            begin(id, entry.element, source);
        }
    }
}

/// Ends whatever a stage has running: the app, a fetch, an observer. Server markup the widget
/// took over goes with it, as our own container would.
fn stop(stage: Stage, element: &Element) {
    match stage {
        Stage::Mounted { app, root, .. } => retire(app, root),
        Stage::TakenOver { islands, .. } => {
            for (app, root) in islands {
                retire(app, root);
            }
            element.replace_children_with_node_0();
            hydration::forget(element);
        }
        Stage::Loading { abort } => abort.abort(),
        Stage::Waiting { observer, _on_visible, .. } => {
            observer.disconnect();
            drop_later(_on_visible);
        }
    }
}

/// Removes a widget and everything it runs; the element is left empty.
pub fn unmount(id: u32) {
    if let Some(entry) = take(id) {
        stop(entry.stage, &entry.element);
    }
}
