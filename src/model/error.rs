//! Why props were refused, naming the field so a host developer can fix it.

use std::fmt;

use super::format::push_number;
use super::locale::Locale;

/// What is wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The mount element has no JSON script, `data-props` or `data-src`.
    NoSource,
    /// The props text is not JSON at all.
    NotJson,
    /// JSON nested deeper than the widget reads.
    TooDeep,
    /// `data-src` could not be fetched or read (`HTTP 404`, a timeout, not JSON).
    Unreachable { detail: String },
    /// A required field is absent (or `null`).
    Missing,
    /// The field holds a value of another JSON type.
    WrongType { expected: &'static str, found: &'static str },
    /// A string or array that must have content has none.
    Empty,
    /// The field has the right type but a value outside what it accepts.
    Invalid { expected: &'static str },
}

/// Props that cannot be rendered: the first problem found, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PropsError {
    /// A path into the props (`title`, `image.src`, `body[2].text`); empty for the whole.
    pub field: String,
    pub problem: Problem,
}

impl PropsError {
    pub fn new(field: impl Into<String>, problem: Problem) -> Self {
        PropsError { field: field.into(), problem }
    }

    /// The short text the reader-facing alert shows.
    pub fn message(&self, locale: Locale) -> String {
        let field = self.field.as_str();
        match (locale, &self.problem) {
            (Locale::Ko, Problem::NoSource) => {
                "props가 없습니다 (JSON script, data-props 또는 data-src).".to_owned()
            }
            (Locale::Ko, Problem::NotJson) => "props가 올바른 JSON이 아닙니다.".to_owned(),
            (Locale::Ko, Problem::TooDeep) => "props의 중첩이 너무 깊습니다.".to_owned(),
            (Locale::Ko, Problem::Unreachable { detail }) => {
                ["`data-src`에서 props를 불러오지 못했습니다 (", detail, ")."].concat()
            }
            (Locale::Ko, Problem::Missing) => ["필수 항목 `", field, "`이(가) 없습니다."].concat(),
            // The type names stay in English: they are JSON's words, read by a developer.
            (Locale::Ko, Problem::WrongType { expected, found }) => {
                ["`", field, "`의 형식이 올바르지 않습니다 (expected ", expected, ", found ", found, ")."]
                    .concat()
            }
            (Locale::Ko, Problem::Empty) => ["`", field, "`이(가) 비어 있습니다."].concat(),
            (Locale::Ko, Problem::Invalid { expected }) => {
                ["`", field, "` 값이 올바르지 않습니다 (expected ", expected, ")."].concat()
            }
            (Locale::En, _) => self.english(),
        }
    }

    /// The English detail, for the console and the `articlewidget:error` event. Built by
    /// concatenation: each `format!` call site costs bundle bytes.
    pub fn english(&self) -> String {
        let field = self.field.as_str();
        match &self.problem {
            Problem::NoSource => {
                "no props: give the mount element a JSON script, data-props or data-src".to_owned()
            }
            Problem::NotJson => "props are not valid JSON".to_owned(),
            Problem::TooDeep => {
                let mut out = String::from("props nest deeper than ");
                push_number(&mut out, u64::from(super::json::MAX_DEPTH), 1);
                out.push_str(" levels");
                out
            }
            Problem::Unreachable { detail } => {
                ["props could not be loaded from `data-src` (", detail, ")"].concat()
            }
            Problem::Missing => ["required field `", field, "` is missing"].concat(),
            Problem::WrongType { expected, found } => {
                ["`", field, "` must be ", expected, ", found ", found].concat()
            }
            Problem::Empty => ["`", field, "` must not be empty"].concat(),
            Problem::Invalid { expected } => ["`", field, "` is invalid: expected ", expected].concat(),
        }
    }
}

impl fmt::Display for PropsError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.english())
    }
}
