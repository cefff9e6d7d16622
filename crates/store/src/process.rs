//! Which process a run belongs to, and whether that process is gone.
//!
//! A run is recorded with its process id, host name and a start tag (`boot id/start time`, from
//! Linux's `/proc`). A later writer that finds the run still `running` marks it `interrupted`
//! when it can be sure the process is gone: same host, and the machine rebooted since, or no
//! process with that id, or a process with that id that started at another time (the id was
//! reused). Where `/proc` is missing (other systems) nothing is judged and such a run stays
//! `running`.

/// The identity of a process, as stored with a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProcessTag {
    pub pid: u32,
    pub host: Option<String>,
    /// `boot id/start time in clock ticks since boot`; `None` where `/proc` is missing.
    pub start: Option<String>,
}

/// This process.
pub(crate) fn current() -> ProcessTag {
    let pid = std::process::id();
    ProcessTag {
        pid,
        host: host_name(),
        start: start_tag(pid),
    }
}

/// True only when the process that wrote `tag` is certainly not running any more.
pub(crate) fn is_gone(tag: &ProcessTag) -> bool {
    let (Some(host), Some(start)) = (&tag.host, &tag.start) else {
        return false;
    };
    if host_name().as_ref() != Some(host) {
        return false;
    }
    let Some((boot, _)) = start.split_once('/') else {
        return false;
    };
    match boot_id() {
        None => false,
        Some(now) if now != boot => true,
        Some(_) => start_tag(tag.pid).as_ref() != Some(start),
    }
}

fn read_trimmed(path: &str) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

fn host_name() -> Option<String> {
    read_trimmed("/proc/sys/kernel/hostname")
}

fn boot_id() -> Option<String> {
    read_trimmed("/proc/sys/kernel/random/boot_id")
}

/// `boot id/start time` of process `pid`, or `None` when there is no such process (or no
/// `/proc`).
fn start_tag(pid: u32) -> Option<String> {
    let stat = read_trimmed(&format!("/proc/{pid}/stat"))?;
    // The command name (field 2) is in parentheses and may hold spaces or parentheses itself;
    // the start time is field 22, the 20th after the closing parenthesis.
    let (_, after_name) = stat.rsplit_once(')')?;
    let start_time = after_name.split_whitespace().nth(19)?;
    Some(format!("{}/{start_time}", boot_id()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_is_not_gone_and_an_exited_one_is() {
        let me = current();
        assert!(!is_gone(&me));
        if me.start.is_none() {
            return; // no /proc: nothing can be judged
        }
        let mut child = std::process::Command::new("true")
            .spawn()
            .unwrap_or_else(|e| panic!("spawn: {e}"));
        let pid = child.id();
        let tag = ProcessTag {
            pid,
            host: me.host.clone(),
            start: start_tag(pid).or_else(|| me.start.clone()),
        };
        let _ = child.wait();
        assert!(is_gone(&tag), "{tag:?}");
        // A tag from another machine is never judged.
        let elsewhere = ProcessTag {
            host: Some("some-other-host.invalid".into()),
            ..tag
        };
        assert!(!is_gone(&elsewhere));
    }
}
