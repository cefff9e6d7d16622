//! The load client of `atalaya bench-serve` (and `atalaya bench-load`): `clients` concurrent
//! HTTP/1.1 keep-alive connections send GET requests from a list until `requests` have been
//! sent or `max_time` has passed, whichever comes first, and each request's latency (first
//! byte written to last body byte read) is recorded. Loopback addresses only: this is a
//! benchmark of our own server on this machine, never a load on anyone else's.
//!
//! The client is lean on purpose, because on a small machine it shares the cores with the
//! server it measures: each request is a few prepared bytes written to a plain `TcpStream`,
//! each answer is read into one reused buffer and parsed only as far as its status line and
//! `Content-Length`; the body is counted, not kept. All clients connect first, then start
//! together.

use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

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

/// What a run measured (latencies in microseconds; serialized, so that a load client in
/// another process can hand it back).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LoadReport {
    /// Answers read (whatever their status).
    pub requests: u64,
    /// Transport failures and answers other than 200.
    pub errors: u64,
    pub first_error: Option<String>,
    /// From the moment every client had connected to the last answer.
    pub elapsed_s: f64,
    pub p50_us: u64,
    pub p90_us: u64,
    pub p99_us: u64,
    pub max_us: u64,
    pub requests_per_second: f64,
    /// Clients that connected.
    pub connected: usize,
    /// Body bytes read, all answers together.
    pub body_bytes: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0}: the load benchmark only targets loopback addresses")]
    NotLoopback(SocketAddr),
    #[error("no request targets")]
    NoTargets,
    #[error("request target `{0}` is not a path (it must start with `/` and hold no spaces)")]
    BadTarget(String),
}

/// The longest response head read (status line and headers).
const MAX_HEAD: usize = 16 * 1024;

struct ClientResult {
    latencies: Vec<u32>,
    errors: u64,
    first_error: Option<String>,
    connected: bool,
    body_bytes: u64,
}

impl ClientResult {
    fn fail(&mut self, message: String) {
        self.errors += 1;
        self.first_error.get_or_insert(message);
    }
}

/// What the head of an answer says.
#[derive(Debug, PartialEq, Eq)]
struct Head {
    status: u16,
    /// Bytes of the head, up to and with the blank line.
    len: usize,
    content_length: u64,
    /// The server will close the connection after this answer.
    close: bool,
}

/// Parses a response head if `buf` holds all of it (`Ok(None)`: read more).
fn parse_head(buf: &[u8]) -> Result<Option<Head>, String> {
    let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
        return if buf.len() > MAX_HEAD {
            Err(format!("response head over {MAX_HEAD} bytes"))
        } else {
            Ok(None)
        };
    };
    let head = std::str::from_utf8(&buf[..end]).map_err(|_| "response head is not UTF-8")?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or("");
    let status = status_line
        .strip_prefix("HTTP/1.1 ")
        .or_else(|| status_line.strip_prefix("HTTP/1.0 "))
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse::<u16>().ok())
        .ok_or_else(|| format!("bad status line `{status_line}`"))?;
    let mut content_length = None;
    let mut close = status_line.starts_with("HTTP/1.0");
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            return Err(format!("bad header line `{line}`"));
        };
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            let n = value
                .parse::<u64>()
                .map_err(|_| format!("bad Content-Length `{value}`"))?;
            content_length = Some(n);
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            // Our server gives every JSON answer whole, with its length.
            return Err(format!(
                "Transfer-Encoding `{value}` is not read by this client"
            ));
        } else if name.eq_ignore_ascii_case("connection") {
            close = value.eq_ignore_ascii_case("close");
        }
    }
    Ok(Some(Head {
        status,
        len: end + 4,
        content_length: content_length.ok_or("answer without Content-Length")?,
        close,
    }))
}

/// Reads one answer into `buf` (reused; its contents are not kept) and returns its head and
/// body length.
async fn read_answer(stream: &mut TcpStream, buf: &mut [u8]) -> Result<(Head, u64), String> {
    let mut filled = 0;
    let head = loop {
        if filled == buf.len() {
            return Err(format!("response head over {MAX_HEAD} bytes"));
        }
        let n = stream
            .read(&mut buf[filled..])
            .await
            .map_err(|e| format!("read: {e}"))?;
        if n == 0 {
            return Err("connection closed before the answer".into());
        }
        filled += n;
        if let Some(head) = parse_head(&buf[..filled])? {
            break head;
        }
    };
    let mut have = (filled - head.len) as u64;
    if have > head.content_length {
        // One request at a time: nothing may follow the answer.
        return Err("bytes after the answer".into());
    }
    while have < head.content_length {
        let want = (head.content_length - have).min(buf.len() as u64) as usize;
        let n = stream
            .read(&mut buf[..want])
            .await
            .map_err(|e| format!("read: {e}"))?;
        if n == 0 {
            return Err("connection closed in the body".into());
        }
        have += n as u64;
    }
    Ok((head, have))
}

async fn connect(addr: SocketAddr) -> std::io::Result<TcpStream> {
    let stream = TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    Ok(stream)
}

struct Shared {
    addr: SocketAddr,
    /// Each target's whole request, ready to write.
    requests: Vec<(String, Vec<u8>)>,
    limit: u64,
    next: AtomicU64,
}

async fn client(
    shared: Arc<Shared>,
    start: Arc<tokio::sync::Barrier>,
    deadline: Arc<std::sync::OnceLock<Instant>>,
) -> ClientResult {
    let mut result = ClientResult {
        latencies: Vec::new(),
        errors: 0,
        first_error: None,
        connected: false,
        body_bytes: 0,
    };
    let stream = connect(shared.addr).await;
    start.wait().await;
    let mut stream = match stream {
        Ok(stream) => stream,
        Err(err) => {
            result.fail(format!("connect: {err}"));
            return result;
        }
    };
    result.connected = true;
    let Some(deadline) = deadline.get().copied() else {
        result.fail("no start time".into());
        return result;
    };
    // Large enough for most answers in one or two reads.
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = shared.next.fetch_add(1, Ordering::Relaxed);
        if n >= shared.limit || Instant::now() >= deadline {
            break;
        }
        let (target, request) = &shared.requests[(n % shared.requests.len() as u64) as usize];
        let started = Instant::now();
        if let Err(err) = stream.write_all(request).await {
            result.fail(format!("{target}: write: {err}"));
            break;
        }
        match read_answer(&mut stream, &mut buf).await {
            Ok((head, body)) => {
                let elapsed = started.elapsed();
                result
                    .latencies
                    .push(elapsed.as_micros().min(u128::from(u32::MAX)) as u32);
                result.body_bytes += body;
                if head.status != 200 {
                    result.fail(format!("{target}: HTTP {}", head.status));
                }
                if head.close {
                    match connect(shared.addr).await {
                        Ok(next) => stream = next,
                        Err(err) => {
                            result.fail(format!("reconnect: {err}"));
                            break;
                        }
                    }
                }
            }
            Err(err) => {
                result.fail(format!("{target}: {err}"));
                break;
            }
        }
    }
    result
}

fn percentile(sorted: &[u32], p: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    let index = rank.clamp(1, sorted.len()) - 1;
    u64::from(sorted[index])
}

/// Runs the load; every client connects first, then all start together.
pub async fn run_load(spec: LoadSpec) -> Result<LoadReport, LoadError> {
    if !spec.addr.ip().is_loopback() {
        return Err(LoadError::NotLoopback(spec.addr));
    }
    if spec.targets.is_empty() {
        return Err(LoadError::NoTargets);
    }
    let host = spec.addr.to_string();
    let mut requests = Vec::with_capacity(spec.targets.len());
    for target in &spec.targets {
        if !target.starts_with('/') || target.bytes().any(|b| b.is_ascii_whitespace()) {
            return Err(LoadError::BadTarget(target.clone()));
        }
        let request = format!("GET {target} HTTP/1.1\r\nHost: {host}\r\n\r\n").into_bytes();
        requests.push((target.clone(), request));
    }
    let clients = spec.clients.max(1);
    let shared = Arc::new(Shared {
        addr: spec.addr,
        requests,
        limit: spec.requests,
        next: AtomicU64::new(0),
    });
    // The clients and this task meet once every client has connected (or failed to).
    let start = Arc::new(tokio::sync::Barrier::new(clients + 1));
    let deadline = Arc::new(std::sync::OnceLock::new());
    let tasks: Vec<_> = (0..clients)
        .map(|_| {
            tokio::spawn(client(
                Arc::clone(&shared),
                Arc::clone(&start),
                Arc::clone(&deadline),
            ))
        })
        .collect();
    // The deadline is set before the barrier opens, so every client sees it; it counts the
    // connecting too, so that the whole run is bounded.
    let _ = deadline.set(Instant::now() + spec.max_time);
    start.wait().await;
    let started = Instant::now();
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
                report.body_bytes += result.body_bytes;
            }
            Err(err) => {
                report.errors += 1;
                report
                    .first_error
                    .get_or_insert(format!("client task: {err}"));
            }
        }
    }
    let elapsed = started.elapsed();
    latencies.sort_unstable();
    report.elapsed_s = elapsed.as_secs_f64();
    report.requests = latencies.len() as u64;
    report.p50_us = percentile(&latencies, 50.0);
    report.p90_us = percentile(&latencies, 90.0);
    report.p99_us = percentile(&latencies, 99.0);
    report.max_us = percentile(&latencies, 100.0);
    report.requests_per_second = report.requests as f64 / report.elapsed_s.max(1e-9);
    Ok(report)
}

/// CPU time (user + system) this process has used so far, all threads together, from
/// `/proc/self/stat` (Linux; `None` elsewhere). Its clock ticks are Linux's fixed USER_HZ
/// of 100 a second.
pub fn process_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after `)`.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(Duration::from_millis((utime + stime) * 10))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_rank() {
        let v: Vec<u32> = (1..=100).collect();
        assert_eq!(percentile(&v, 50.0), 50);
        assert_eq!(percentile(&v, 99.0), 99);
        assert_eq!(percentile(&v, 100.0), 100);
        assert_eq!(percentile(&[], 99.0), 0);
    }

    #[test]
    fn heads_are_read_to_their_length() {
        let answer =
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nContent-Length: 5\r\n\r\nhello";
        let head = parse_head(answer)
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|| panic!("incomplete"));
        assert_eq!(
            head,
            Head {
                status: 200,
                len: answer.len() - 5,
                content_length: 5,
                close: false
            }
        );
        assert_eq!(parse_head(b"HTTP/1.1 200 OK\r\ncontent-le"), Ok(None));
        let closing =
            parse_head(b"HTTP/1.1 503 Busy\r\nconnection: close\r\ncontent-length: 0\r\n\r\n")
                .unwrap_or_else(|e| panic!("{e}"))
                .unwrap_or_else(|| panic!("incomplete"));
        assert!(closing.close && closing.status == 503);
        assert!(parse_head(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n").is_err());
        assert!(parse_head(b"HTTP/1.1 200 OK\r\n\r\n").is_err());
        assert!(parse_head(b"SSH-2.0\r\n\r\n").is_err());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn cpu_time_is_read() {
        assert!(process_cpu().is_some());
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
