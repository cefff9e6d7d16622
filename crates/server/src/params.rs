//! Query-string parameters, read by hand so that every error names its parameter: an unknown
//! or repeated parameter is a 400 (a typo never silently widens a query), numbers are checked
//! against their bounds, booleans are `true`/`false`/`1`/`0` (or present without a value).

use crate::error::ApiError;
use atalaya_store::EventFilter;
use std::collections::BTreeMap;

/// The longest query string read (a filter is a few hundred bytes).
pub const MAX_QUERY_BYTES: usize = 4096;

/// The parameters of one request, checked against the names its route takes.
#[derive(Debug, Default)]
pub struct Params {
    values: BTreeMap<String, String>,
}

impl Params {
    pub fn parse(query: Option<&str>, allowed: &[&str]) -> Result<Params, ApiError> {
        let query = query.unwrap_or("");
        if query.len() > MAX_QUERY_BYTES {
            return Err(ApiError::new(
                axum::http::StatusCode::BAD_REQUEST,
                format!("query string is over {MAX_QUERY_BYTES} bytes"),
            ));
        }
        let mut values = BTreeMap::new();
        for (name, value) in form_urlencoded::parse(query.as_bytes()) {
            if name.is_empty() {
                continue;
            }
            if !allowed.contains(&name.as_ref()) {
                return Err(ApiError::param(
                    &name,
                    format!(
                        "unknown parameter `{name}`; this route takes: {}",
                        allowed.join(", ")
                    ),
                ));
            }
            if values.insert(name.to_string(), value.to_string()).is_some() {
                return Err(ApiError::param(
                    &name,
                    format!("parameter `{name}` given twice"),
                ));
            }
        }
        Ok(Params { values })
    }

    /// A text value; empty counts as absent.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.values
            .get(name)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
    }

    pub fn required(&self, name: &str) -> Result<&str, ApiError> {
        self.text(name)
            .ok_or_else(|| ApiError::param(name, format!("parameter `{name}` is required")))
    }

    pub fn flag(&self, name: &str) -> Result<bool, ApiError> {
        match self.values.get(name).map(|v| v.trim().to_ascii_lowercase()) {
            None => Ok(false),
            Some(v) => match v.as_str() {
                "" | "1" | "true" | "yes" => Ok(true),
                "0" | "false" | "no" => Ok(false),
                _ => Err(ApiError::param(
                    name,
                    format!("`{name}` must be true or false, not `{v}`"),
                )),
            },
        }
    }

    /// A whole number in `min..=max`, or `default` when absent.
    pub fn number(&self, name: &str, default: u64, min: u64, max: u64) -> Result<u64, ApiError> {
        let Some(text) = self.text(name) else {
            return Ok(default);
        };
        match text.parse::<u64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(ApiError::param(
                name,
                format!("`{name}` must be a whole number from {min} to {max}, not `{text}`"),
            )),
        }
    }

    /// A date bound, checked as the store checks `--since`/`--until`.
    pub fn day(&self, name: &str) -> Result<Option<String>, ApiError> {
        self.text(name)
            .map(|v| {
                atalaya_store::check_day_bound(v).map_err(|err| match err {
                    atalaya_store::StoreError::Filter(message) => ApiError::param(name, message),
                    other => ApiError::internal(other.to_string()),
                })
            })
            .transpose()
    }
}

/// The parameters of `atalaya events`' filters (`FilterArgs` in the CLI), by the same names.
pub const FILTER_PARAMS: &[&str] = &[
    "actor", "source", "target", "dyad", "directed", "code", "root", "quad", "modality", "since",
    "until", "text", "article",
];

/// The [`EventFilter`] of a request: the CLI's filters, checked by the store's own checks.
pub fn event_filter(params: &Params) -> Result<EventFilter, ApiError> {
    let dyad = params
        .text("dyad")
        .map(|d| atalaya_store::parse_dyad(d).map_err(|e| ApiError::store(e, Some("dyad"))))
        .transpose()?;
    let directed = params.flag("directed")?;
    if directed && dyad.is_none() {
        return Err(ApiError::param("directed", "`directed` needs a `dyad`"));
    }
    let quad = params
        .text("quad")
        .map(|q| match q.parse::<u8>() {
            Ok(n) if (1..=4).contains(&n) => Ok(n),
            _ => Err(ApiError::param(
                "quad",
                format!("quad class `{q}` is not 1 to 4"),
            )),
        })
        .transpose()?;
    let owned = |name: &str| params.text(name).map(str::to_string);
    Ok(EventFilter {
        actor: owned("actor"),
        source: owned("source"),
        target: owned("target"),
        dyad,
        directed,
        code: owned("code"),
        root: owned("root"),
        quad,
        modality: owned("modality"),
        since: params.day("since")?,
        until: params.day("until")?,
        text: owned("text"),
        article_id: owned("article"),
        limit: None,
        offset: None,
    })
}
