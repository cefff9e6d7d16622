//! What the repository promises a new user: the Rust version it builds with, a release binary
//! without debug info (and a bench profile that keeps line tables for profiling), and a README
//! that lists the limits the readers apply and what building needs.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(name: &str) -> String {
    let path = root().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `1.85`, `1.85.0` → (1, 85, 0).
fn version(text: &str) -> Option<(u32, u32, u32)> {
    let mut parts = text.trim().split('.').map(|p| p.parse::<u32>().ok());
    let major = parts.next()??;
    let minor = parts.next().flatten().unwrap_or(0);
    let patch = parts.next().flatten().unwrap_or(0);
    Some((major, minor, patch))
}

/// The value of `key = "value"` on a line of its own in `text`.
fn quoted_value<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    text.lines().find_map(|line| {
        let (k, v) = line.split_once('=')?;
        (k.trim() == key).then(|| v.trim().trim_matches('"'))
    })
}

/// The lines of a `[section]` of a TOML file, up to the next section.
fn section<'a>(toml: &'a str, name: &str) -> String {
    let header = format!("[{name}]");
    toml.lines()
        .skip_while(|line| line.trim() != header)
        .skip(1)
        .take_while(|line| !line.trim_start().starts_with('['))
        .collect::<Vec<&'a str>>()
        .join("\n")
}

#[test]
fn rust_version_covers_every_locked_dependency() {
    let manifest = read("Cargo.toml");
    let declared = quoted_value(&section(&manifest, "workspace.package"), "rust-version")
        .and_then(version)
        .unwrap_or_else(|| panic!("no workspace rust-version"));
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))
        .unwrap_or_else(|| panic!("neither CARGO_HOME nor HOME is set"));
    let registries: Vec<PathBuf> = std::fs::read_dir(cargo_home.join("registry/src"))
        .map(|dirs| dirs.flatten().map(|d| d.path()).collect())
        .unwrap_or_default();
    let lock = read("Cargo.lock");
    let mut checked = 0;
    let mut needs = Vec::new();
    for package in lock.split("[[package]]").skip(1) {
        let (Some(name), Some(pkg_version)) = (
            quoted_value(package, "name"),
            quoted_value(package, "version"),
        ) else {
            continue;
        };
        if !quoted_value(package, "source").is_some_and(|s| s.starts_with("registry+")) {
            continue;
        }
        // Sources are unpacked for the crates this platform builds; others are skipped.
        let Some(crate_manifest) = registries
            .iter()
            .map(|registry| registry.join(format!("{name}-{pkg_version}/Cargo.toml")))
            .find(|path| path.exists())
        else {
            continue;
        };
        let text = std::fs::read_to_string(&crate_manifest).unwrap_or_default();
        checked += 1;
        if let Some(required) = quoted_value(&section(&text, "package"), "rust-version")
            .and_then(version)
            .filter(|&required| required > declared)
        {
            needs.push(format!("{name} {pkg_version} needs Rust {required:?}"));
        }
    }
    if checked == 0 {
        eprintln!(
            "no registry sources under {}: nothing to check",
            cargo_home.display()
        );
        return;
    }
    assert!(
        needs.is_empty(),
        "workspace rust-version {declared:?} is older than locked dependencies need:\n{}",
        needs.join("\n")
    );
}

#[test]
fn release_binary_has_no_debug_info_and_bench_keeps_line_tables() {
    let manifest = read("Cargo.toml");
    let release = section(&manifest, "profile.release");
    assert_eq!(
        quoted_value(&release, "strip"),
        Some("debuginfo"),
        "{release}"
    );
    assert_eq!(quoted_value(&release, "debug"), Some("false"), "{release}");
    let bench = section(&manifest, "profile.bench");
    assert_eq!(quoted_value(&bench, "strip"), Some("none"), "{bench}");
    assert_eq!(
        quoted_value(&bench, "debug"),
        Some("line-tables-only"),
        "{bench}"
    );
}

#[test]
fn readme_lists_the_limits_and_what_building_needs() {
    let readme = read("README.md");
    let flat = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    let limits = atalaya_sources::Limits::default();
    let mib = |bytes: u64| format!("{} MiB", bytes / (1024 * 1024));
    let thousands = |n: usize| {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    };
    for (what, value) in [
        ("document", mib(limits.max_document_bytes)),
        ("article text", mib(limits.max_text_bytes as u64)),
        ("feed", mib(limits.max_feed_bytes)),
        ("HTML nesting", format!("{} levels", limits.max_html_depth)),
        (
            "sentence",
            format!("{} bytes", thousands(limits.max_sentence_bytes)),
        ),
    ] {
        let row = readme
            .lines()
            .find(|line| line.starts_with(&format!("| {what}")));
        assert!(
            row.is_some_and(|row| row.contains(&value)),
            "README: the limits table has no row `| {what} | {value} |`: {row:?}"
        );
    }
    assert!(
        flat.contains("C compiler"),
        "README: say that a C compiler is needed"
    );
    let rust_version = quoted_value(
        &section(&read("Cargo.toml"), "workspace.package"),
        "rust-version",
    )
    .unwrap_or_default()
    .to_string();
    assert!(
        flat.contains(&format!("Rust {rust_version}")),
        "README: name the Rust version ({rust_version})"
    );
}
