//! Loading a whole PETRARCH-2 dictionary set: finding the files in a folder by name, or
//! taking an explicit list, and merging them into one [`Dictionaries`].

use super::source::warn;
use super::verbs::{duplicate_forms, VerbDictionary};
use super::{load_actors, load_agents, load_code_ontology, load_discards, load_verbs};
use crate::{DictError, DictFormat, Dictionaries, Origin, PatternElem, TransformVerb, Warning};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The files of one PETRARCH-2 dictionary set. Several files of a kind are merged in order
/// (Phoenix splits its actors over three files).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PetrarchFiles {
    pub verbs: Vec<PathBuf>,
    pub actors: Vec<PathBuf>,
    pub agents: Vec<PathBuf>,
    pub discards: Vec<PathBuf>,
    /// Internal coding ontology (`PETR.Internal.Coding.Ontology.txt`), optional.
    pub ontology: Option<PathBuf>,
}

impl PetrarchFiles {
    /// Finds the dictionary files of a folder by name: `.txt` files whose name contains
    /// `verbs` (or starts with `cameo`, as the production `CAMEO.2.0.txt`), `actors`, `agents`,
    /// `discards` or `ontology` (case-insensitive), sorted by name.
    /// Other files (NOTICE, TABARI `.verbs` files) are ignored.
    pub fn find(dir: &Path) -> Result<PetrarchFiles, DictError> {
        let io_error = |source| DictError::Io {
            path: dir.to_path_buf(),
            source,
        };
        let mut paths: Vec<PathBuf> = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(io_error)? {
            let path = entry.map_err(io_error)?.path();
            if path.is_file() {
                paths.push(path);
            }
        }
        paths.sort();
        let mut files = PetrarchFiles::default();
        for path in paths {
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let name = name.to_ascii_lowercase();
            if !name.ends_with(".txt") || name.starts_with('.') {
                continue;
            }
            if name.contains("verbs") || name.starts_with("cameo") {
                files.verbs.push(path);
            } else if name.contains("actors") {
                files.actors.push(path);
            } else if name.contains("agents") {
                files.agents.push(path);
            } else if name.contains("discards") {
                files.discards.push(path);
            } else if name.contains("ontology") && files.ontology.is_none() {
                files.ontology = Some(path);
            }
        }
        Ok(files)
    }

    /// True when no file of any kind is listed.
    pub fn is_empty(&self) -> bool {
        self.verbs.is_empty()
            && self.actors.is_empty()
            && self.agents.is_empty()
            && self.discards.is_empty()
            && self.ontology.is_none()
    }

    /// The same list with relative paths taken relative to `dir`.
    pub fn relative_to(&self, dir: &Path) -> PetrarchFiles {
        let join = |paths: &[PathBuf]| paths.iter().map(|p| dir.join(p)).collect();
        PetrarchFiles {
            verbs: join(&self.verbs),
            actors: join(&self.actors),
            agents: join(&self.agents),
            discards: join(&self.discards),
            ontology: self.ontology.as_ref().map(|p| dir.join(p)),
        }
    }
}

/// Loads a PETRARCH-2 dictionary set from a folder: the files named in `files` (relative
/// paths are taken relative to `dir`; absolute ones as they are), or, when `files` is `None`,
/// the files [`PetrarchFiles::find`] finds there.
pub fn load_dir_petrarch(
    dir: &Path,
    files: Option<&PetrarchFiles>,
) -> Result<(Dictionaries, Vec<Warning>), DictError> {
    let files = match files {
        Some(files) => files.relative_to(dir),
        None => PetrarchFiles::find(dir)?,
    };
    if files.is_empty() {
        return Err(DictError::Invalid {
            path: dir.to_path_buf(),
            message: "no PETRARCH dictionary files (*verbs*.txt, *actors*.txt, *agents*.txt, \
                      *discards*.txt) found"
                .to_owned(),
        });
    }
    let (dictionaries, mut warnings) = load_petrarch_files(&files)?;
    if files.verbs.is_empty() {
        warn(
            &mut warnings,
            Origin {
                file: Arc::from(dir.display().to_string()),
                line: 0,
            },
            "no verb dictionary: no event can be coded",
        );
    }
    Ok((dictionaries, warnings))
}

/// Loads and merges an explicit list of PETRARCH-2 files.
pub fn load_petrarch_files(
    files: &PetrarchFiles,
) -> Result<(Dictionaries, Vec<Warning>), DictError> {
    let mut dictionaries = Dictionaries::empty(DictFormat::Petrarch2);
    let mut warnings = Vec::new();
    for path in &files.verbs {
        let (verbs, file_warnings) = load_verbs(path)?;
        warnings.extend(file_warnings);
        merge_verbs(&mut dictionaries, verbs);
    }
    report_duplicate_verbs(&dictionaries, &mut warnings);
    for path in &files.actors {
        let (actors, file_warnings) = load_actors(path)?;
        warnings.extend(file_warnings);
        dictionaries.actors.extend(actors);
    }
    for path in &files.agents {
        let (agents, file_warnings) = load_agents(path)?;
        warnings.extend(file_warnings);
        dictionaries.agents.extend(agents);
    }
    for path in &files.discards {
        let (discards, file_warnings) = load_discards(path)?;
        warnings.extend(file_warnings);
        dictionaries.discards.extend(discards);
    }
    if let Some(path) = &files.ontology {
        let (entries, file_warnings) = load_code_ontology(path)?;
        warnings.extend(file_warnings);
        dictionaries.code_ontology = entries;
    }
    Ok((dictionaries, warnings))
}

/// Appends one verb dictionary, shifting its internal indices.
fn merge_verbs(into: &mut Dictionaries, verbs: VerbDictionary) {
    let verb_base = into.verbs.len();
    let pattern_base = into.patterns.len();
    let synset_base = into.synsets.len();
    into.verbs.extend(verbs.verbs.into_iter().map(|mut verb| {
        for index in &mut verb.patterns {
            *index += pattern_base;
        }
        verb
    }));
    into.patterns
        .extend(verbs.patterns.into_iter().map(|mut pattern| {
            pattern.verb += verb_base;
            for elem in pattern.before.iter_mut().chain(pattern.after.iter_mut()) {
                if let PatternElem::Synset { index, .. } = elem {
                    *index += synset_base;
                }
            }
            pattern
        }));
    into.synsets.extend(verbs.synsets);
    into.transformations
        .extend(verbs.transformations.into_iter().map(|mut transformation| {
            for slot in [
                &mut transformation.inner_verb,
                &mut transformation.outer_verb,
            ] {
                if let TransformVerb::Verb {
                    verb: Some(index), ..
                } = slot
                {
                    *index += verb_base;
                }
            }
            transformation
        }));
}

/// One warning per pair of verb entries that share forms: the coder will see both.
fn report_duplicate_verbs(dictionaries: &Dictionaries, warnings: &mut Vec<Warning>) {
    let mut pairs: Vec<((usize, usize), Vec<String>)> = Vec::new();
    for (first, second, form) in duplicate_forms(&dictionaries.verbs) {
        match pairs.last_mut() {
            Some((pair, forms)) if *pair == (first, second) => forms.push(form),
            _ => pairs.push(((first, second), vec![form])),
        }
    }
    for ((first, second), forms) in pairs {
        let (Some(first), Some(second)) = (
            dictionaries.verbs.get(first),
            dictionaries.verbs.get(second),
        ) else {
            continue;
        };
        warn(
            warnings,
            second.origin.clone(),
            format!(
                "verb forms `{}` are also listed at {} (`{}`): both entries are kept",
                forms.join("`, `"),
                first.origin,
                first.lemma
            ),
        );
    }
}
