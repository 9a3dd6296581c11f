//! `data-src` with `data-refresh="SECONDS"`: the widget refetches its props and updates in
//! place. This file runs the timers and fetches; when to poll is `state::polling::Schedule`'s
//! decision alone.

use gloo::timers::callback::Timeout;
use web_sys::{AbortController, Element};

use super::{ENTRIES, widget_props, with_mounted};
use crate::effects::fetch;
use crate::state::polling::{PollEvent, Schedule};

/// A polled widget's refresh cycle. Dropping it (unmount, new props source) cancels the timer
/// and the fetch in flight.
pub(super) struct Poll {
    url: String,
    schedule: Schedule,
    timer: Option<Timeout>,
    fetching: Option<AbortController>,
}

impl Drop for Poll {
    fn drop(&mut self) {
        if let Some(abort) = &self.fetching {
            abort.abort();
        }
    }
}

/// Starts the refresh cycle, if the element asks for one with `data-refresh`, once the first
/// load ended as `first` (a failed first load is retried like a failed poll).
pub(super) fn start(id: u32, element: &Element, url: String, first: PollEvent) {
    let schedule = element.get_attribute("data-refresh").and_then(|text| Schedule::from_attribute(&text));
    let Some(mut schedule) = schedule else { return };
    let delay_ms = schedule.after(first);
    with_mounted(id, |_, _, poll| *poll = Some(Poll { url, schedule, timer: None, fetching: None }));
    arm(id, delay_ms);
}

/// Sets the timer for the next poll; `delay_ms` comes from the schedule, clamped for timers.
fn arm(id: u32, delay_ms: u32) {
    let timer = Timeout::new(delay_ms, move || poll_once(id));
    with_mounted(id, |_, _, poll| {
        if let Some(poll) = poll {
            poll.timer = Some(timer);
        }
    });
}

/// One refresh: new data replaces the shown data in place (Yew patches only what changed, so
/// focus and scroll stay put; after a failed first load it replaces the alert); a failure keeps
/// the last data, marks it stale in visible text, and backs off.
fn poll_once(id: u32) {
    let Ok(abort) = AbortController::new() else { return };
    let mut url = None;
    with_mounted(id, |_, _, poll| {
        if let Some(poll) = poll {
            url = Some(poll.url.clone());
            poll.fetching = Some(abort.clone());
        }
    });
    let Some(url) = url else { return };
    wasm_bindgen_futures::spawn_local(async move {
        let result = fetch::get_json(&url, &abort).await;
        let Some(element) =
            ENTRIES.with(|e| e.borrow().iter().find(|x| x.id == id).map(|x| x.element.clone()))
        else {
            return;
        };
        let fresh = match result.map(|value| crate::model::Json::from_js(&value)) {
            Ok(Ok(json)) => match widget_props(&element, Ok(json)) {
                (props, None) => Some(props),
                (_, Some(_)) => None, // bad new data: keep the last good data
            },
            _ => None,
        };
        let mut next_delay = None;
        with_mounted(id, |app, shown, poll| {
            let Some(poll) = poll else { return };
            poll.fetching = None;
            let event = match fresh {
                Some(props) => {
                    *shown = props;
                    PollEvent::Loaded
                }
                None => PollEvent::Failed,
            };
            next_delay = Some(poll.schedule.after(event));
            shown.stale = poll.schedule.is_stale();
            app.update(shown.clone());
        });
        if let Some(delay_ms) = next_delay {
            arm(id, delay_ms);
        }
    });
}
