//! A small pool of read-only store connections for async handlers. SQLite calls block, so each
//! runs on tokio's blocking threads (`spawn_blocking`) with a connection taken from the pool;
//! a semaphore bounds how many run at once (one per connection), and a request that waits
//! longer than `wait` for one gets a 503 instead of queueing without end.

use crate::error::ApiError;
use atalaya_store::Store;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Semaphore;

pub struct ReadPool {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
    permits: Semaphore,
    wait: Duration,
}

impl ReadPool {
    /// Opens one connection now, so that a missing or unreadable store fails at startup; the
    /// others are opened when first needed.
    pub fn open(
        path: PathBuf,
        size: usize,
        wait: Duration,
    ) -> Result<ReadPool, atalaya_store::StoreError> {
        let first = Store::open_readonly(&path)?;
        let size = size.max(1);
        Ok(ReadPool {
            path,
            idle: Mutex::new(vec![first]),
            permits: Semaphore::new(size),
            wait,
        })
    }

    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// Runs `job` with a read-only connection on a blocking thread.
    pub async fn read<T, F>(self: &Arc<Self>, job: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    {
        let permit = tokio::time::timeout(self.wait, self.permits.acquire())
            .await
            .map_err(|_| ApiError::busy())?
            .map_err(|_| ApiError::busy())?;
        let pool = Arc::clone(self);
        let outcome = tokio::task::spawn_blocking(move || {
            let taken = pool.idle.lock().ok().and_then(|mut idle| idle.pop());
            let store = match taken {
                Some(store) => store,
                None => Store::open_readonly(&pool.path)
                    .map_err(|err| ApiError::internal(err.to_string()))?,
            };
            let result = job(&store);
            if let Ok(mut idle) = pool.idle.lock() {
                idle.push(store);
            }
            result
        })
        .await;
        drop(permit);
        match outcome {
            Ok(result) => result,
            // The job panicked: its connection is gone with it; the next job opens another.
            Err(_) => Err(ApiError::internal("the query failed unexpectedly")),
        }
    }
}
