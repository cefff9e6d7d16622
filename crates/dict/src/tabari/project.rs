//! `.project` files (manual 4.1) and loading a directory of TABARI files.

use super::lines::{read_source, warning};
use super::loader::TabariLoader;
use crate::{DictError, Dictionaries, Warning};
use std::path::{Path, PathBuf};

/// The input files a `.project` names, resolved against the project file's directory, in the
/// order written. Output files, sessions and `<system>` commands are not kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TabariProject {
    pub actors: Vec<PathBuf>,
    pub agents: Vec<PathBuf>,
    pub verbs: Vec<PathBuf>,
    pub options: Vec<PathBuf>,
    pub issues: Vec<PathBuf>,
    /// `<textfile>` entries (not read by the loader).
    pub texts: Vec<PathBuf>,
    /// `<coder>` id, when given.
    pub coder: Option<String>,
}

/// Reads a `.project`. Tags are recognised by their first two letters, as TABARI does, so
/// `<actorsfile>` and `<actorfile>` are the same; lines not starting with `<` are comments.
pub fn parse_project(path: &Path) -> Result<(TabariProject, Vec<Warning>), DictError> {
    let mut warnings = Vec::new();
    let (file, lines) = read_source(path, &mut warnings)?;
    let base = path.parent().unwrap_or(Path::new(""));
    let mut project = TabariProject::default();
    for line in &lines {
        let trimmed = line.text.trim();
        let Some(tag_and_value) = trimmed.strip_prefix('<') else {
            continue;
        };
        let Some((tag, value)) = tag_and_value.split_once('>') else {
            warnings.push(warning(&file, line.number, "tag without `>`"));
            continue;
        };
        let tag = tag.trim().to_ascii_lowercase();
        // An optional terminator `</...>` may follow, with a comment after it.
        let value = value.split("</").next().unwrap_or(value).trim();
        let list = match tag.get(..2).unwrap_or(&tag) {
            "ac" => &mut project.actors,
            "ag" => &mut project.agents,
            "ve" => &mut project.verbs,
            "op" => &mut project.options,
            "is" => &mut project.issues,
            "te" => &mut project.texts,
            "co" => {
                if !value.is_empty() {
                    project.coder = Some(value.to_owned());
                }
                continue;
            }
            // Output, problem, error and event files, sessions, system commands, frequencies.
            "ev" | "ou" | "pr" | "er" | "se" | "sy" | "ru" | "fr" | "/" => continue,
            _ => {
                if !tag.starts_with('/') {
                    warnings.push(warning(
                        &file,
                        line.number,
                        format!("unknown project tag `<{tag}>` ignored"),
                    ));
                }
                continue;
            }
        };
        if value.is_empty() {
            warnings.push(warning(
                &file,
                line.number,
                format!("`<{tag}>` names no file"),
            ));
            continue;
        }
        list.push(base.join(value));
    }
    if project.actors.is_empty() && project.verbs.is_empty() {
        return Err(DictError::Invalid {
            path: path.to_path_buf(),
            message: "the project names no actors or verbs file".to_owned(),
        });
    }
    Ok((project, warnings))
}

/// Loads every dictionary a project names: options first (they may silence duplicate
/// warnings), then actors, agents, verbs and issues, each in the order written.
pub fn load_project(path: &Path) -> Result<(Dictionaries, Vec<Warning>), DictError> {
    let (project, project_warnings) = parse_project(path)?;
    let mut loader = TabariLoader::new();
    loader.warnings.extend(project_warnings);
    load_files(&mut loader, &project)?;
    Ok(loader.finish())
}

fn load_files(loader: &mut TabariLoader, files: &TabariProject) -> Result<(), DictError> {
    for path in &files.options {
        loader.load_options(path)?;
    }
    for path in &files.actors {
        loader.load_actors(path)?;
    }
    for path in &files.agents {
        loader.load_agents(path)?;
    }
    for path in &files.verbs {
        loader.load_verbs(path)?;
    }
    for path in &files.issues {
        loader.load_issues(path)?;
    }
    Ok(())
}

/// Loads a directory of TABARI files: its single `*.project` when there is one, else every
/// `*.options`, `*.actors`, `*.agents`, `*.verbs` and `*.issues` file in name order.
pub fn load_dir_tabari(dir: &Path) -> Result<(Dictionaries, Vec<Warning>), DictError> {
    let io_error = |source| DictError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io_error)? {
        let path = entry.map_err(io_error)?.path();
        if path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    let extension = |p: &Path| {
        p.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default()
    };
    let projects: Vec<&PathBuf> = paths.iter().filter(|p| extension(p) == "project").collect();
    match projects.as_slice() {
        [project] => return load_project(project),
        [] => {}
        several => {
            let names: Vec<String> = several.iter().map(|p| p.display().to_string()).collect();
            return Err(DictError::Invalid {
                path: dir.to_path_buf(),
                message: format!(
                    "several .project files ({}); load one with load_project",
                    names.join(", ")
                ),
            });
        }
    }
    let mut files = TabariProject::default();
    for path in &paths {
        let list = match extension(path).as_str() {
            "actors" => &mut files.actors,
            "agents" => &mut files.agents,
            "verbs" => &mut files.verbs,
            "options" => &mut files.options,
            "issues" => &mut files.issues,
            _ => continue,
        };
        list.push(path.clone());
    }
    if files.actors.is_empty() && files.verbs.is_empty() {
        return Err(DictError::Invalid {
            path: dir.to_path_buf(),
            message: "no .project, .actors or .verbs file".to_owned(),
        });
    }
    let mut loader = TabariLoader::new();
    if files.options.len() > 1 {
        let file = std::sync::Arc::from(dir.display().to_string());
        loader.warnings.push(warning(
            &file,
            0,
            format!(
                "{} .options files; all are applied in name order",
                files.options.len()
            ),
        ));
    }
    load_files(&mut loader, &files)?;
    Ok(loader.finish())
}
