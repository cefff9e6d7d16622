//! A load generator for `atalaya bench-serve`: `clients` concurrent HTTP/1.1 keep-alive
//! connections (hyper's client connection, one per client) send GET requests from a list
//! until `requests` have been sent or `max_time` has passed, whichever comes first, and each
//! request's latency (send to last body byte) is recorded. Loopback addresses only: this is a
//! benchmark of our own server on this machine, never a load on anyone else's.

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct LoadSpec {
    pub addr: SocketAddr,
    /// Request targets (`/api/events?...`), taken in turn.
    pub targets: Vec<String>,
    pub clients: usize,
    /// Requests in all (the run stops at this count...).
    pub requests: u64,
    /// ...or after this long.
    pub max_time: Duration,
}

#[derive(Debug, Clone, Default)]
pub struct LoadReport {
    pub requests: u64,
    /// Transport failures and answers other than 200.
    pub errors: u64,
    pub first_error: Option<String>,
    pub elapsed: Duration,
    pub p50: Duration,
    pub p90: Duration,
    pub p99: Duration,
    pub max: Duration,
    pub requests_per_second: f64,
    /// Clients that connected.
    pub connected: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0}: the load benchmark only targets loopback addresses")]
    NotLoopback(SocketAddr),
    #[error("no request targets")]
    NoTargets,
}

struct ClientResult {
    latencies: Vec<u32>,
    errors: u64,
    first_error: Option<String>,
    connected: bool,
}

async fn client(spec: Arc<LoadSpec>, next: Arc<AtomicU64>, deadline: Instant) -> ClientResult {
    let mut result = ClientResult {
        latencies: Vec::new(),
        errors: 0,
        first_error: None,
        connected: false,
    };
    let fail = |result: &mut ClientResult, message: String| {
        result.errors += 1;
        result.first_error.get_or_insert(message);
    };
    let stream = match tokio::net::TcpStream::connect(spec.addr).await {
        Ok(stream) => stream,
        Err(err) => {
            fail(&mut result, format!("connect: {err}"));
            return result;
        }
    };
    let _ = stream.set_nodelay(true);
    let io = hyper_util::rt::TokioIo::new(stream);
    let (mut sender, connection) = match hyper::client::conn::http1::handshake(io).await {
        Ok(pair) => pair,
        Err(err) => {
            fail(&mut result, format!("handshake: {err}"));
            return result;
        }
    };
    result.connected = true;
    let driver = tokio::spawn(connection);
    let host = spec.addr.to_string();
    loop {
        let n = next.fetch_add(1, Ordering::Relaxed);
        if n >= spec.requests || Instant::now() >= deadline {
            break;
        }
        let target = &spec.targets[(n % spec.targets.len() as u64) as usize];
        let request = match hyper::Request::get(target.as_str())
            .header(hyper::header::HOST, host.as_str())
            .body(Empty::<Bytes>::new())
        {
            Ok(request) => request,
            Err(err) => {
                fail(&mut result, format!("request {target}: {err}"));
                break;
            }
        };
        let started = Instant::now();
        if sender.ready().await.is_err() {
            fail(&mut result, "connection closed".into());
            break;
        }
        match sender.send_request(request).await {
            Ok(response) => {
                let status = response.status();
                let body = response.into_body().collect().await;
                let elapsed = started.elapsed();
                result
                    .latencies
                    .push(elapsed.as_micros().min(u128::from(u32::MAX)) as u32);
                if body.is_err() {
                    fail(&mut result, format!("{target}: body cut short"));
                } else if status != hyper::StatusCode::OK {
                    fail(&mut result, format!("{target}: HTTP {status}"));
                }
            }
            Err(err) => {
                fail(&mut result, format!("{target}: {err}"));
                break;
            }
        }
    }
    drop(sender);
    driver.abort();
    result
}

fn percentile(sorted: &[u32], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    let index = rank.clamp(1, sorted.len()) - 1;
    Duration::from_micros(u64::from(sorted[index]))
}

/// Runs the load; every client connects first, then all start together.
pub async fn run_load(spec: LoadSpec) -> Result<LoadReport, LoadError> {
    if !spec.addr.ip().is_loopback() {
        return Err(LoadError::NotLoopback(spec.addr));
    }
    if spec.targets.is_empty() {
        return Err(LoadError::NoTargets);
    }
    let spec = Arc::new(spec);
    let next = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let deadline = started + spec.max_time;
    let tasks: Vec<_> = (0..spec.clients.max(1))
        .map(|_| tokio::spawn(client(Arc::clone(&spec), Arc::clone(&next), deadline)))
        .collect();
    let mut latencies = Vec::new();
    let mut report = LoadReport::default();
    for task in tasks {
        match task.await {
            Ok(result) => {
                latencies.extend(result.latencies);
                report.errors += result.errors;
                if report.first_error.is_none() {
                    report.first_error = result.first_error;
                }
                report.connected += usize::from(result.connected);
            }
            Err(err) => {
                report.errors += 1;
                report
                    .first_error
                    .get_or_insert(format!("client task: {err}"));
            }
        }
    }
    report.elapsed = started.elapsed();
    latencies.sort_unstable();
    report.requests = latencies.len() as u64;
    report.p50 = percentile(&latencies, 50.0);
    report.p90 = percentile(&latencies, 90.0);
    report.p99 = percentile(&latencies, 99.0);
    report.max = percentile(&latencies, 100.0);
    report.requests_per_second = report.requests as f64 / report.elapsed.as_secs_f64().max(1e-9);
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_rank() {
        let v: Vec<u32> = (1..=100).collect();
        assert_eq!(percentile(&v, 50.0), Duration::from_micros(50));
        assert_eq!(percentile(&v, 99.0), Duration::from_micros(99));
        assert_eq!(percentile(&v, 100.0), Duration::from_micros(100));
        assert_eq!(percentile(&[], 99.0), Duration::ZERO);
    }

    #[tokio::test]
    async fn refuses_other_machines() {
        let spec = LoadSpec {
            addr: "192.0.2.1:80".parse().unwrap_or_else(|e| panic!("{e}")),
            targets: vec!["/".into()],
            clients: 1,
            requests: 1,
            max_time: Duration::from_secs(1),
        };
        assert!(matches!(
            run_load(spec).await,
            Err(LoadError::NotLoopback(_))
        ));
    }
}
