//! One error shape for every route: `{"error": "...", "param": "..."}` with a status code
//! that says whose fault it is (400 bad parameter, 404 unknown id, 401/403 no or wrong token,
//! 408 too slow, 413 too large, 503 busy, 500 ours).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    /// The request parameter at fault, when one is.
    pub param: Option<String>,
}

#[derive(Serialize)]
struct Body<'a> {
    error: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    param: Option<&'a str>,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            param: None,
        }
    }

    /// 400 naming the parameter.
    pub fn param(param: &str, message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
            param: Some(param.to_string()),
        }
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }

    pub fn busy() -> ApiError {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "the server is busy: every store connection stayed taken; try again",
        )
    }

    /// A store error: a bad filter is the caller's (400, naming `param` when known), anything
    /// else is ours (500).
    pub fn store(err: atalaya_store::StoreError, param: Option<&str>) -> ApiError {
        match err {
            atalaya_store::StoreError::Filter(message) => ApiError {
                status: StatusCode::BAD_REQUEST,
                param: param.map(str::to_string).or_else(|| guess_param(&message)),
                message,
            },
            atalaya_store::StoreError::Series(err) => ApiError {
                status: StatusCode::BAD_REQUEST,
                param: None,
                message: err.to_string(),
            },
            other => ApiError::internal(other.to_string()),
        }
    }
}

/// The filter parameter a store message is about (its messages start with what they check).
fn guess_param(message: &str) -> Option<String> {
    let lead = [
        ("quad class", "quad"),
        ("modality", "modality"),
        ("full-text query", "text"),
        ("dyad", "dyad"),
        ("empty actor", "actor"),
    ];
    lead.iter()
        .find(|(start, _)| message.starts_with(start))
        .map(|(_, param)| param.to_string())
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&Body {
            error: &self.message,
            param: self.param.as_deref(),
        })
        .unwrap_or_else(|_| b"{\"error\":\"error\"}".to_vec());
        let mut response = (self.status, body).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        if self.status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}
