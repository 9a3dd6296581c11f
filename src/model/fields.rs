//! Reading typed fields out of loose JSON, each problem naming its path.

use super::error::{Problem, PropsError};
use super::format::push_number;
use super::json::Json;
use super::locale::Locale;
use super::time::Timestamp;
use super::url::safe_url;

/// Reads typed fields out of one JSON object, naming each by its path.
pub(crate) struct Fields<'a> {
    json: &'a Json,
    path: String,
}

pub(crate) fn join(path: &str, name: &str) -> String {
    if path.is_empty() { name.to_owned() } else { [path, ".", name].concat() }
}

pub(crate) fn wrong(field: String, expected: &'static str, found: &Json) -> PropsError {
    PropsError::new(field, Problem::WrongType { expected, found: found.type_name() })
}

impl<'a> Fields<'a> {
    pub(crate) fn of(json: &'a Json, path: String) -> Result<Self, PropsError> {
        match json {
            Json::Object(_) => Ok(Fields { json, path }),
            other => Err(wrong(path, "an object", other)),
        }
    }

    pub(crate) fn path(&self, name: &str) -> String {
        join(&self.path, name)
    }

    /// The value, with `null` read as absent (CMSs send `null` for "not set").
    pub(crate) fn get(&self, name: &str) -> Option<&'a Json> {
        self.json.get(name).filter(|v| !matches!(v, Json::Null))
    }

    pub(crate) fn opt_str(&self, name: &str) -> Result<Option<&'a str>, PropsError> {
        match self.get(name) {
            None => Ok(None),
            Some(Json::String(s)) => Ok(Some(s)),
            Some(other) => Err(wrong(self.path(name), "a string", other)),
        }
    }

    /// An optional string, with an all-blank one read as absent.
    pub(crate) fn opt_text(&self, name: &str) -> Result<Option<String>, PropsError> {
        Ok(self.opt_str(name)?.map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned))
    }

    pub(crate) fn req_str(&self, name: &str) -> Result<&'a str, PropsError> {
        self.opt_str(name)?.ok_or_else(|| PropsError::new(self.path(name), Problem::Missing))
    }

    /// A required string that must hold more than white space, trimmed, borrowed from the JSON.
    pub(crate) fn req_trimmed(&self, name: &str) -> Result<&'a str, PropsError> {
        let s = self.req_str(name)?.trim();
        if s.is_empty() {
            return Err(PropsError::new(self.path(name), Problem::Empty));
        }
        Ok(s)
    }

    /// A required string that must hold more than white space.
    pub(crate) fn req_text(&self, name: &str) -> Result<String, PropsError> {
        self.req_trimmed(name).map(str::to_owned)
    }

    /// An optional string naming one of a fixed set of values (`locale`, `reactionMode`,
    /// `textSize`, `currency`): absent, or what `parse` makes of it; a name `parse` does not know
    /// is `Invalid`.
    pub(crate) fn opt_enum<T>(
        &self,
        name: &str,
        parse: impl FnOnce(&str) -> Option<T>,
        expected: &'static str,
    ) -> Result<Option<T>, PropsError> {
        self.opt_str(name)?
            .map(|tag| {
                parse(tag).ok_or_else(|| PropsError::new(self.path(name), Problem::Invalid { expected }))
            })
            .transpose()
    }

    /// The `locale` of an article or a box: Korean when absent or unusable (with a warning).
    pub(crate) fn locale(&self, warnings: &mut Vec<String>) -> Locale {
        optional(self.opt_enum("locale", Locale::parse, "\"ko\" or \"en\""), warnings).unwrap_or_default()
    }

    pub(crate) fn opt_number(&self, name: &str) -> Result<Option<f64>, PropsError> {
        match self.get(name) {
            None => Ok(None),
            Some(Json::Number(n)) if n.is_finite() => Ok(Some(*n)),
            Some(other) => Err(wrong(self.path(name), "a number", other)),
        }
    }

    pub(crate) fn opt_array(&self, name: &str) -> Result<Option<&'a [Json]>, PropsError> {
        match self.get(name) {
            None => Ok(None),
            Some(Json::Array(items)) => Ok(Some(items)),
            Some(other) => Err(wrong(self.path(name), "an array", other)),
        }
    }

    pub(crate) fn timestamp(&self, name: &str, required: bool) -> Result<Option<Timestamp>, PropsError> {
        let text = if required { Some(self.req_str(name)?) } else { self.opt_str(name)? };
        text.map(|t| {
            Timestamp::parse(t).ok_or_else(|| {
                PropsError::new(
                    self.path(name),
                    Problem::Invalid { expected: "an RFC 3339 date-time such as 2024-02-28T16:04:00+09:00" },
                )
            })
        })
        .transpose()
    }

    /// An optional URL: dropped, with a warning, when it is not http, https or relative.
    pub(crate) fn opt_url(
        &self,
        name: &str,
        warnings: &mut Vec<String>,
    ) -> Result<Option<String>, PropsError> {
        Ok(self.opt_str(name)?.and_then(|raw| {
            let url = safe_url(raw);
            if url.is_none() {
                warnings
                    .push(["`", &self.path(name), "` dropped: only http, https or relative URLs"].concat());
            }
            url
        }))
    }
}

/// An optional field's problem does not stop the article: the field is left out (the default
/// applies) and the problem goes to the console. Only what the contract calls bad props (not
/// JSON, a required field missing or of the wrong type, an empty body) refuses the widget.
pub(crate) fn optional<T>(read: Result<Option<T>, PropsError>, warnings: &mut Vec<String>) -> Option<T> {
    read.unwrap_or_else(|error| {
        warn(warnings, &error, "; ignored");
        None
    })
}

/// The entries of an optional list that read well; the others are left out with a warning.
pub(crate) fn entries<T>(
    items: &[Json],
    field: &str,
    warnings: &mut Vec<String>,
    mut read: impl FnMut(&Json, String, &mut Vec<String>) -> Result<T, PropsError>,
) -> Vec<T> {
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match read(item, index_path(field, i), warnings) {
            Ok(value) => out.push(value),
            Err(error) => warn(warnings, &error, "; entry left out"),
        }
    }
    out
}

/// A problem that leaves something out, for the console. Not generic, so one copy serves
/// every field type.
pub(crate) fn warn(warnings: &mut Vec<String>, error: &PropsError, then: &str) {
    let mut text = error.english();
    text.push_str(then);
    warnings.push(text);
}

/// `body[2]`.
pub(crate) fn index_path(field: &str, i: usize) -> String {
    let mut path = String::from(field);
    path.push('[');
    push_number(&mut path, i as u64, 1);
    path.push(']');
    path
}
