//! [`TabariLoader`]: accumulates `.options`, `.actors`, `.agents`, `.verbs` and `.issues`
//! files into one [`Dictionaries`], collecting warnings. This file holds the shared state, the
//! section markers, and the actor, agent, noun/adjective and issue parsers; `verbs.rs` adds the
//! verbs file.

use super::codes::{parse_actor_code, parse_agent_code, NULL_CODE};
use super::lines::{line_start, origin, read_source, split_entry, warning, LineStart, SourceLine};
use super::options::{apply_option_command, dup_warnings, set_tabari_defaults};
use super::phrase::{pattern_length, phrase_signature, word_phrase, SynsetIndex};
use crate::{
    ActorEntry, AgentEntry, AgentPlacement, DatedCode, DictError, DictFormat, Dictionaries,
    IssueEntry, Origin, Phrase, Warning,
};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// Loads TABARI files one by one into a single [`Dictionaries`]. Load the options file first:
/// `SET: DUP WARNING = FALSE` silences duplicate-entry warnings for what follows.
pub struct TabariLoader {
    pub(super) dicts: Dictionaries,
    pub(super) warnings: Vec<Warning>,
    /// Upper-case synset name → index in `dicts.synsets`.
    pub(super) synsets: SynsetIndex,
    /// Verb root signature → index in `dicts.verbs` (duplicate roots merge into the first).
    pub(super) verb_roots: HashMap<String, usize>,
    /// TABARI length of each pattern in `dicts.patterns`, for ordering.
    pub(super) pattern_lengths: Vec<u32>,
    actor_phrases: HashMap<String, Origin>,
    agent_phrases: HashMap<String, Origin>,
}

impl Default for TabariLoader {
    fn default() -> Self {
        Self::new()
    }
}

/// A `<...>` section of a dictionary file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Section {
    /// Outside any section: actors, agents or verbs proper.
    Body,
    Nouns,
    Adjectives,
    Synsets,
    Time,
    /// `<ATTRIB>`: attribution verbs; the model has no attribution, lines are skipped.
    Attribution,
    /// `<ISSUE ...>` block of an issues file.
    Issues,
    /// A tag we do not know: its lines are skipped.
    Unknown,
}

/// Reads `<NAME ...>` / `</NAME>`: (closing, section).
pub(super) fn parse_tag(trimmed: &str) -> (bool, Section) {
    let inner = trimmed.trim_start_matches('<');
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let name: String = inner
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_uppercase();
    let section = if name.starts_with("NOUN") {
        Section::Nouns
    } else if name.starts_with("ADJ") {
        Section::Adjectives
    } else if name.starts_with("SYN") {
        Section::Synsets
    } else if name.starts_with("TIME") {
        Section::Time
    } else if name.starts_with("ATTRIB") {
        Section::Attribution
    } else if name.starts_with("ISSUE") {
        Section::Issues
    } else {
        Section::Unknown
    };
    (closing, section)
}

/// Tracks which section a file is in and reports unbalanced markers.
pub(super) struct SectionTracker {
    pub current: Section,
    opened_at: u32,
}

impl SectionTracker {
    pub fn new() -> Self {
        SectionTracker {
            current: Section::Body,
            opened_at: 0,
        }
    }

    /// Handles a tag line; `allowed` lists the sections this kind of file may contain.
    pub fn tag(
        &mut self,
        trimmed: &str,
        line: u32,
        allowed: &[Section],
        file: &Arc<str>,
        warnings: &mut Vec<Warning>,
    ) {
        let (closing, section) = parse_tag(trimmed);
        if closing {
            if section != self.current {
                warnings.push(warning(
                    file,
                    line,
                    format!("`{trimmed}` does not close the open section"),
                ));
            }
            self.current = Section::Body;
            return;
        }
        if self.current != Section::Body {
            warnings.push(warning(
                file,
                line,
                format!(
                    "`{trimmed}` opens a section before the one opened at line {} is closed",
                    self.opened_at
                ),
            ));
        }
        if section == Section::Unknown || !allowed.contains(&section) {
            warnings.push(warning(
                file,
                line,
                format!("section `{trimmed}` is not supported in this file; its lines are skipped"),
            ));
            self.current = Section::Unknown;
        } else {
            if section == Section::Attribution {
                warnings.push(warning(
                    file,
                    line,
                    "<ATTRIB> attribution entries are not supported; its lines are skipped",
                ));
            }
            self.current = section;
        }
        self.opened_at = line;
    }

    pub fn finish(&self, file: &Arc<str>, warnings: &mut Vec<Warning>) {
        if self.current != Section::Body {
            warnings.push(warning(
                file,
                self.opened_at,
                "section opened here is never closed",
            ));
        }
    }
}

/// An actor or agent being assembled from its main line, `+` synonym lines and indented code
/// lines (manual 5.3.1).
struct PendingEntry {
    name: String,
    phrases: Vec<Phrase>,
    codes: Vec<(u32, String)>,
    origin: Origin,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum EntryFile {
    Actors,
    Agents,
}

impl TabariLoader {
    pub fn new() -> Self {
        let mut dicts = Dictionaries::empty(DictFormat::Tabari);
        set_tabari_defaults(&mut dicts.options);
        TabariLoader {
            dicts,
            warnings: Vec::new(),
            synsets: HashMap::new(),
            verb_roots: HashMap::new(),
            pattern_lengths: Vec::new(),
            actor_phrases: HashMap::new(),
            agent_phrases: HashMap::new(),
        }
    }

    /// The dictionaries and every warning so far. Each verb's patterns are put in TABARI
    /// evaluation order: longer patterns first (manual 5.7.1), file order among equals.
    pub fn finish(mut self) -> (Dictionaries, Vec<Warning>) {
        let lengths = &self.pattern_lengths;
        for verb in &mut self.dicts.verbs {
            verb.patterns
                .sort_by_key(|&p| std::cmp::Reverse(lengths.get(p).copied().unwrap_or(0)));
        }
        for synset in &self.dicts.synsets {
            if synset.members.is_empty() {
                self.warnings.push(Warning {
                    origin: synset.origin.clone(),
                    message: format!("synset `&{}` has no members", synset.name),
                });
            }
        }
        (self.dicts, self.warnings)
    }

    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    pub(super) fn warn(&mut self, file: &Arc<str>, line: u32, message: impl Into<String>) {
        self.warnings.push(warning(file, line, message));
    }

    pub(super) fn dup_warnings(&self) -> bool {
        dup_warnings(&self.dicts.options)
    }

    /// Applies every command of a `.options` file; bad lines become warnings.
    pub fn load_options(&mut self, path: &Path) -> Result<(), DictError> {
        let (file, lines) = read_source(path, &mut self.warnings)?;
        for line in &lines {
            let trimmed = line.text.trim();
            if trimmed.starts_with('~') {
                break;
            }
            if let Err(message) = apply_option_command(&mut self.dicts.options, trimmed) {
                self.warn(&file, line.number, message);
            }
        }
        Ok(())
    }

    pub fn load_actors(&mut self, path: &Path) -> Result<(), DictError> {
        let (file, lines) = read_source(path, &mut self.warnings)?;
        self.parse_entries(&file, &lines, EntryFile::Actors);
        Ok(())
    }

    pub fn load_agents(&mut self, path: &Path) -> Result<(), DictError> {
        let (file, lines) = read_source(path, &mut self.warnings)?;
        self.parse_entries(&file, &lines, EntryFile::Agents);
        Ok(())
    }

    pub fn load_issues(&mut self, path: &Path) -> Result<(), DictError> {
        let (file, lines) = read_source(path, &mut self.warnings)?;
        self.parse_issues(&file, &lines);
        Ok(())
    }

    /// A `<NOUN>` or `<ADJECTIVE>` line: a phrase, no code.
    pub(super) fn word_list_line(
        &mut self,
        file: &Arc<str>,
        line: &SourceLine,
        trimmed: &str,
        nouns: bool,
    ) {
        let entry = match split_entry(trimmed) {
            Ok(entry) => entry,
            Err(message) => return self.warn(file, line.number, message),
        };
        if !entry.codes.is_empty() {
            self.warn(
                file,
                line.number,
                "nouns and adjectives have no codes; code ignored",
            );
        }
        match word_phrase(entry.phrase) {
            Ok(phrase) if nouns => self.dicts.nouns.push(phrase),
            Ok(phrase) => self.dicts.adjectives.push(phrase),
            Err(message) => self.warn(file, line.number, message),
        }
    }

    fn parse_entries(&mut self, file: &Arc<str>, lines: &[SourceLine], kind: EntryFile) {
        let mut sections = SectionTracker::new();
        let mut pending: Option<PendingEntry> = None;
        for line in lines {
            let trimmed = line.text.trim();
            match line_start(trimmed) {
                LineStart::Skip => continue,
                LineStart::Finish => break,
                LineStart::Tag => {
                    self.flush_entry(file, pending.take(), kind);
                    sections.tag(
                        trimmed,
                        line.number,
                        &[Section::Nouns, Section::Adjectives],
                        file,
                        &mut self.warnings,
                    );
                    continue;
                }
                LineStart::Content => {}
            }
            match sections.current {
                Section::Nouns => self.word_list_line(file, line, trimmed, true),
                Section::Adjectives => self.word_list_line(file, line, trimmed, false),
                Section::Body => self.entry_line(file, line, trimmed, kind, &mut pending),
                _ => {}
            }
        }
        self.flush_entry(file, pending.take(), kind);
        sections.finish(file, &mut self.warnings);
    }

    fn entry_line(
        &mut self,
        file: &Arc<str>,
        line: &SourceLine,
        trimmed: &str,
        kind: EntryFile,
        pending: &mut Option<PendingEntry>,
    ) {
        let synonym = trimmed.strip_prefix('+');
        let codes_only = trimmed.starts_with('[');
        if synonym.is_none() && !codes_only {
            self.flush_entry(file, pending.take(), kind);
        }
        let entry = match split_entry(synonym.unwrap_or(trimmed)) {
            Ok(entry) => entry,
            Err(message) => return self.warn(file, line.number, message),
        };
        for note in entry.notes {
            self.warn(file, line.number, note);
        }
        let codes = entry.codes.iter().map(|c| (line.number, (*c).to_owned()));
        if codes_only || synonym.is_some() {
            let Some(current) = pending.as_mut() else {
                let what = if codes_only { "code line" } else { "synonym" };
                return self.warn(
                    file,
                    line.number,
                    format!("{what} without an entry before it; skipped"),
                );
            };
            current.codes.extend(codes);
            if synonym.is_some() {
                match word_phrase(entry.phrase) {
                    Ok(phrase) => current.phrases.push(phrase),
                    Err(message) => self.warn(file, line.number, message),
                }
            }
            return;
        }
        match word_phrase(entry.phrase) {
            Ok(phrase) => {
                *pending = Some(PendingEntry {
                    name: entry.phrase.to_owned(),
                    phrases: vec![phrase],
                    codes: codes.collect(),
                    origin: origin(file, line.number),
                })
            }
            Err(message) => self.warn(file, line.number, message),
        }
    }

    /// Drops phrases already entered (TABARI keeps the first), warning unless
    /// `SET: DUP WARNING = FALSE`.
    fn drop_duplicates(&mut self, entry: &mut PendingEntry, kind: EntryFile) {
        let warn = self.dup_warnings();
        let seen = match kind {
            EntryFile::Actors => &mut self.actor_phrases,
            EntryFile::Agents => &mut self.agent_phrases,
        };
        let mut notes = Vec::new();
        entry.phrases.retain(|phrase| {
            let signature = phrase_signature(phrase);
            match seen.get(&signature) {
                Some(first) => {
                    notes.push(format!(
                        "duplicate phrase `{signature}` (first at {first}); the first is kept"
                    ));
                    false
                }
                None => {
                    seen.insert(signature, entry.origin.clone());
                    true
                }
            }
        });
        if warn {
            for message in notes {
                self.warnings.push(Warning {
                    origin: entry.origin.clone(),
                    message,
                });
            }
        }
    }

    fn flush_entry(&mut self, file: &Arc<str>, entry: Option<PendingEntry>, kind: EntryFile) {
        let Some(mut entry) = entry else { return };
        let line = entry.origin.line;
        if entry.codes.is_empty() {
            return self.warn(file, line, format!("`{}` has no code; skipped", entry.name));
        }
        self.drop_duplicates(&mut entry, kind);
        if entry.phrases.is_empty() {
            return;
        }
        match kind {
            EntryFile::Actors => self.push_actor(file, entry),
            EntryFile::Agents => self.push_agent(file, entry),
        }
    }

    fn push_actor(&mut self, file: &Arc<str>, entry: PendingEntry) {
        let mut codes = Vec::new();
        for (line, inside) in &entry.codes {
            match parse_actor_code(inside) {
                Ok(code) => codes.push(code),
                Err(message) => self.warn(file, *line, message),
            }
        }
        if codes.is_empty() {
            return self.warn(
                file,
                entry.origin.line,
                format!("`{}` has no valid code; skipped", entry.name),
            );
        }
        // Manual 6.5.2 note 5: date restrictions with no unrestricted code get a null default.
        if codes.iter().all(|c| c.from.is_some() || c.until.is_some()) {
            codes.push(DatedCode {
                code: NULL_CODE.to_owned(),
                from: None,
                until: None,
            });
        }
        self.dicts.actors.push(ActorEntry {
            entity_id: None,
            name: entry.name,
            phrases: entry.phrases,
            codes,
            origin: entry.origin,
        });
    }

    fn push_agent(&mut self, file: &Arc<str>, entry: PendingEntry) {
        let mut parsed: Option<(String, AgentPlacement)> = None;
        for (line, inside) in &entry.codes {
            if parsed.is_some() {
                self.warn(file, *line, "an agent has one code; extra code ignored");
                continue;
            }
            match parse_agent_code(inside) {
                Ok(code) => parsed = Some(code),
                Err(message) => self.warn(file, *line, message),
            }
        }
        let Some((code, placement)) = parsed else {
            return self.warn(
                file,
                entry.origin.line,
                format!("`{}` has no valid agent code; skipped", entry.name),
            );
        };
        self.dicts.agents.push(AgentEntry {
            name: entry.name,
            phrases: entry.phrases,
            code,
            placement,
            origin: entry.origin,
        });
    }

    /// Issues file (manual 9.2): `<ISSUE CATEGORY=...>` blocks of `PHRASE [CODE]` lines.
    fn parse_issues(&mut self, file: &Arc<str>, lines: &[SourceLine]) {
        let mut sections = SectionTracker::new();
        for line in lines {
            let trimmed = line.text.trim();
            match line_start(trimmed) {
                LineStart::Skip => continue,
                LineStart::Finish => break,
                LineStart::Tag => {
                    sections.tag(
                        trimmed,
                        line.number,
                        &[Section::Issues],
                        file,
                        &mut self.warnings,
                    );
                    continue;
                }
                LineStart::Content => {}
            }
            if sections.current != Section::Issues {
                if sections.current == Section::Body {
                    self.warn(file, line.number, "issue line outside an <ISSUE> block");
                }
                continue;
            }
            let entry = match split_entry(trimmed) {
                Ok(entry) => entry,
                Err(message) => {
                    self.warn(file, line.number, message);
                    continue;
                }
            };
            let phrase = match word_phrase(entry.phrase) {
                Ok(phrase) => phrase,
                Err(message) => {
                    self.warn(file, line.number, message);
                    continue;
                }
            };
            let code = entry
                .codes
                .first()
                .map(|c| c.trim().to_owned())
                .unwrap_or_default();
            self.dicts.issues.push(IssueEntry {
                phrase,
                code,
                origin: origin(file, line.number),
            });
        }
        sections.finish(file, &mut self.warnings);
    }

    /// Records a new pattern's TABARI length.
    pub(super) fn note_pattern_length(&mut self, expanded_text: &str) {
        self.pattern_lengths.push(pattern_length(expanded_text));
    }
}
