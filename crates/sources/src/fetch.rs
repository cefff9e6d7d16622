//! HTTP(S) GET for feed and page URLs: blocking, with a timeout and a bound on the body size.

use crate::Reason;
use std::io::Read;
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(30);

/// Fetches `url` and returns its body (at most `limit` bytes).
pub(crate) fn get(url: &str, limit: u64) -> Result<Vec<u8>, Reason> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .user_agent(concat!("atalaya/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let response = agent
        .get(url)
        .call()
        .map_err(|err| Reason::Http(err.to_string()))?;
    let mut body = Vec::new();
    response
        .into_body()
        .into_reader()
        .take(limit.saturating_add(1))
        .read_to_end(&mut body)
        .map_err(|err| Reason::Http(err.to_string()))?;
    if body.len() as u64 > limit {
        return Err(Reason::OverLimit {
            what: "HTTP response",
            limit,
        });
    }
    Ok(body)
}
