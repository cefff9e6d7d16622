//! The `.verbs` file (manual 5.5–5.7 and 10.5): `<SYNSETS>`, `<TIME>`, `<NOUN>`/`<ADJECTIVE>`,
//! verb roots with `{...}` irregular forms and `- ... * ... [code]` patterns.

use super::codes::{parse_event_code, parse_time_code};
use super::lines::{
    dehyphenate, line_start, origin, read_source, split_entry, without_comment, LineStart,
    SourceLine,
};
use super::loader::{Section, SectionTracker, TabariLoader};
use super::phrase::{
    expand_alternatives, pattern_length, pattern_shape, phrase_signature, phrase_word,
    synset_member, word_phrase, Kind, Token,
};
use crate::{
    CodeSpec, DictError, Origin, Pattern, PatternElem, Phrase, PhraseWord, Synset, TimeShift,
    VerbEntry,
};
use std::path::Path;
use std::sync::Arc;

/// A `<TIME>` root and its patterns, emitted when the next root starts.
struct TimeRoot {
    words: Vec<PhraseWord>,
    /// (days, raw code) of the root itself, when it has a code.
    code: Option<(Option<i32>, String)>,
    origin: Origin,
    /// (TABARI length, entry) of each pattern.
    patterns: Vec<(u32, TimeShift)>,
}

impl TabariLoader {
    pub fn load_verbs(&mut self, path: &Path) -> Result<(), DictError> {
        let (file, lines) = read_source(path, &mut self.warnings)?;
        self.parse_verbs(&file, &lines);
        Ok(())
    }

    pub(crate) fn parse_verbs(&mut self, file: &Arc<str>, lines: &[SourceLine]) {
        let mut sections = SectionTracker::new();
        let mut current_verb: Option<usize> = None;
        let mut current_synset: Option<usize> = None;
        let mut time_root: Option<TimeRoot> = None;
        for line in lines {
            let trimmed = line.text.trim();
            match line_start(trimmed) {
                LineStart::Skip => continue,
                LineStart::Finish => break,
                LineStart::Tag => {
                    self.flush_time_root(time_root.take());
                    sections.tag(
                        trimmed,
                        line.number,
                        &[
                            Section::Nouns,
                            Section::Adjectives,
                            Section::Synsets,
                            Section::Time,
                            Section::Attribution,
                        ],
                        file,
                        &mut self.warnings,
                    );
                    current_synset = None;
                    continue;
                }
                LineStart::Content => {}
            }
            match sections.current {
                Section::Body => {
                    if let Some(pattern) = trimmed.strip_prefix('-') {
                        self.verb_pattern(file, line, trimmed, pattern, current_verb);
                    } else if let Some(forms) = trimmed.strip_prefix('{') {
                        self.verb_forms(file, line, forms, current_verb);
                    } else {
                        current_verb = self.verb_root(file, line, trimmed).or(current_verb);
                    }
                }
                Section::Synsets => {
                    current_synset = self.synset_line(file, line, trimmed, current_synset);
                }
                Section::Time => {
                    if let Some(pattern) = trimmed.strip_prefix('-') {
                        self.time_pattern(file, line, pattern, time_root.as_mut());
                    } else if trimmed.starts_with('{') {
                        self.warn(file, line.number, "irregular forms are not used in <TIME>");
                    } else {
                        self.flush_time_root(time_root.take());
                        time_root = self.time_root(file, line, trimmed);
                    }
                }
                Section::Nouns => self.word_list_line(file, line, trimmed, true),
                Section::Adjectives => self.word_list_line(file, line, trimmed, false),
                Section::Attribution | Section::Issues | Section::Unknown => {}
            }
        }
        self.flush_time_root(time_root.take());
        sections.finish(file, &mut self.warnings);
    }

    /// A verb root line: `BREAK_ [1717]`, `HEAD`, `CALLED_ON [094]`. Returns the verb's index
    /// (an existing one when the root is a duplicate, which TABARI merges into the first).
    fn verb_root(&mut self, file: &Arc<str>, line: &SourceLine, trimmed: &str) -> Option<usize> {
        let entry = match split_entry(trimmed) {
            Ok(entry) => entry,
            Err(message) => {
                self.warn(file, line.number, message);
                return None;
            }
        };
        for note in &entry.notes {
            self.warn(file, line.number, note.clone());
        }
        let phrase = match word_phrase(entry.phrase) {
            Ok(phrase) => phrase,
            Err(message) => {
                self.warn(
                    file,
                    line.number,
                    format!("verb root: {message}; line skipped"),
                );
                return None;
            }
        };
        let code = self.single_event_code(file, line.number, &entry.codes);
        let signature = phrase_signature(&phrase);
        if let Some(&existing) = self.verb_roots.get(&signature) {
            if self.dup_warnings() {
                let first = self
                    .dicts
                    .verbs
                    .get(existing)
                    .map(|v| v.origin.to_string())
                    .unwrap_or_default();
                self.warn(
                    file,
                    line.number,
                    format!(
                        "duplicate verb root `{}` (first at {first}); its patterns join the first",
                        entry.phrase
                    ),
                );
            }
            return Some(existing);
        }
        let index = self.dicts.verbs.len();
        self.verb_roots.insert(signature, index);
        self.dicts.verbs.push(VerbEntry {
            lemma: entry.phrase.to_owned(),
            forms: vec![phrase],
            code: code.flatten(),
            patterns: Vec::new(),
            origin: origin(file, line.number),
        });
        Some(index)
    }

    /// The one code of a root or pattern. `None` when the line has no `[...]`; `Some(None)`
    /// when the code was invalid (already warned).
    fn single_event_code(
        &mut self,
        file: &Arc<str>,
        line: u32,
        codes: &[&str],
    ) -> Option<Option<CodeSpec>> {
        let first = codes.first()?;
        if codes.len() > 1 {
            self.warn(file, line, "more than one code; only the first is used");
        }
        match parse_event_code(first) {
            Ok(code) => Some(Some(code)),
            Err(message) => {
                self.warn(file, line, message);
                Some(None)
            }
        }
    }

    /// `{ BROKE_ BROKEN_ }`: irregular forms of the current verb (manual 5.5.1).
    fn verb_forms(
        &mut self,
        file: &Arc<str>,
        line: &SourceLine,
        after_brace: &str,
        verb: Option<usize>,
    ) {
        let body = without_comment(after_brace);
        let inner = match body.strip_suffix('}') {
            Some(inner) => inner,
            None => {
                self.warn(file, line.number, "irregular forms: missing `}`");
                body
            }
        };
        let Some(verb) = verb else {
            return self.warn(
                file,
                line.number,
                "irregular forms before any verb; skipped",
            );
        };
        let mut forms = Vec::new();
        for form in inner.split_whitespace() {
            match word_phrase(form) {
                Ok(phrase) => forms.push(phrase),
                Err(message) => self.warn(file, line.number, format!("verb form: {message}")),
            }
        }
        if forms.is_empty() {
            self.warn(file, line.number, "no verb forms inside { }");
        }
        if let Some(entry) = self.dicts.verbs.get_mut(verb) {
            entry.forms.extend(forms);
        }
    }

    /// `- words * words [code]` under the current verb.
    fn verb_pattern(
        &mut self,
        file: &Arc<str>,
        line: &SourceLine,
        trimmed: &str,
        after_dash: &str,
        verb: Option<usize>,
    ) {
        let Some(verb) = verb else {
            return self.warn(file, line.number, "pattern before any verb; skipped");
        };
        let entry = match split_entry(after_dash) {
            Ok(entry) => entry,
            Err(message) => return self.warn(file, line.number, message),
        };
        for note in &entry.notes {
            self.warn(file, line.number, note.clone());
        }
        let code = match self.single_event_code(file, line.number, &entry.codes) {
            Some(Some(code)) => code,
            Some(None) => return,
            None => {
                return self.warn(file, line.number, "pattern has no [code]; skipped");
            }
        };
        let expansions = match expand_alternatives(&dehyphenate(entry.phrase)) {
            Ok(expansions) => expansions,
            Err(message) => return self.warn(file, line.number, message),
        };
        let text = without_comment(trimmed).to_owned();
        let line_origin = origin(file, line.number);
        let mut first_error = None;
        for expanded in &expansions {
            match self.pattern_elements(expanded) {
                Ok((before, verb_adjacent, after)) => {
                    let index = self.dicts.patterns.len();
                    self.dicts.patterns.push(Pattern {
                        verb,
                        before,
                        after,
                        verb_adjacent,
                        phrase_structured: false,
                        code: code.clone(),
                        text: text.clone(),
                        origin: line_origin.clone(),
                    });
                    self.note_pattern_length(expanded);
                    if let Some(entry) = self.dicts.verbs.get_mut(verb) {
                        entry.patterns.push(index);
                    }
                }
                Err(message) => {
                    first_error.get_or_insert(message);
                }
            }
        }
        if let Some(message) = first_error {
            self.warn(file, line.number, format!("pattern: {message}; skipped"));
        }
    }

    fn pattern_elements(
        &self,
        text: &str,
    ) -> Result<(Vec<PatternElem>, bool, Vec<PatternElem>), String> {
        let shape = pattern_shape(text)?;
        let before = self.elements(&shape.before, true)?;
        let after = self.elements(&shape.after, false)?;
        Ok((before, shape.verb_adjacent, after))
    }

    /// Pattern tokens → model elements. The first element before the verb is marked adjacent
    /// (it starts the match; nothing precedes it).
    fn elements(&self, tokens: &[Token], before_verb: bool) -> Result<Vec<PatternElem>, String> {
        let mut elems = Vec::with_capacity(tokens.len());
        for (i, token) in tokens.iter().enumerate() {
            let adjacent = token.adjacent || (before_verb && i == 0);
            let elem = match token.kind {
                Kind::Word {
                    text,
                    exact,
                    no_endings,
                } => PatternElem::Word(phrase_word(text, exact, no_endings, adjacent)?),
                Kind::Synset(name) => {
                    let index = self
                        .synsets
                        .get(&name.to_ascii_uppercase())
                        .copied()
                        .ok_or_else(|| format!("unknown synset `&{name}`"))?;
                    PatternElem::Synset { index, adjacent }
                }
                Kind::Source => PatternElem::Source { adjacent },
                Kind::Target => PatternElem::Target { adjacent },
                Kind::Compound => PatternElem::Compound { adjacent },
                Kind::Skip => PatternElem::Skip { adjacent },
                Kind::Verb => return Err("more than one verb marker `*`".to_owned()),
            };
            elems.push(elem);
        }
        Ok(elems)
    }

    /// A `<SYNSETS>` line: `&NAME` starts a set, `+member` adds to it. Returns the set that
    /// is open after this line.
    fn synset_line(
        &mut self,
        file: &Arc<str>,
        line: &SourceLine,
        trimmed: &str,
        current: Option<usize>,
    ) -> Option<usize> {
        let body = without_comment(trimmed);
        if let Some(name) = body.strip_prefix('&') {
            let name = name.trim();
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
                self.warn(file, line.number, format!("invalid synset name `&{name}`"));
                return None;
            }
            let key = name.to_ascii_uppercase();
            if let Some(&existing) = self.synsets.get(&key) {
                self.warn(
                    file,
                    line.number,
                    format!("synset `&{name}` declared again; members are added to the first"),
                );
                return Some(existing);
            }
            let index = self.dicts.synsets.len();
            self.dicts.synsets.push(Synset {
                name: name.to_owned(),
                members: Vec::new(),
                origin: origin(file, line.number),
            });
            self.synsets.insert(key, index);
            return Some(index);
        }
        let Some(member) = body.strip_prefix('+') else {
            self.warn(
                file,
                line.number,
                "expected `&NAME` or `+member` in <SYNSETS>; skipped",
            );
            return current;
        };
        let Some(index) = current else {
            self.warn(
                file,
                line.number,
                "synset member before any `&NAME`; skipped",
            );
            return None;
        };
        if member.contains('[') {
            self.warn(file, line.number, "synset members have no code; skipped");
            return current;
        }
        let result = {
            let synsets = &self.synsets;
            let sets = &self.dicts.synsets;
            let lookup = |name: &str| -> Option<&[Phrase]> {
                let found = *synsets.get(name)?;
                // A set may not refer to itself (manual 5.6).
                if found == index {
                    return None;
                }
                sets.get(found).map(|s| s.members.as_slice())
            };
            synset_member(member, &lookup)
        };
        match result {
            Ok((phrases, notes)) => {
                for note in notes {
                    self.warn(file, line.number, note);
                }
                if let Some(set) = self.dicts.synsets.get_mut(index) {
                    set.members.extend(phrases);
                }
            }
            Err(message) => self.warn(file, line.number, format!("synset member: {message}")),
        }
        current
    }

    /// A `<TIME>` root line: `LAST_WEEK [-7]`.
    fn time_root(&mut self, file: &Arc<str>, line: &SourceLine, trimmed: &str) -> Option<TimeRoot> {
        let entry = match split_entry(trimmed) {
            Ok(entry) => entry,
            Err(message) => {
                self.warn(file, line.number, message);
                return None;
            }
        };
        let phrase = match word_phrase(entry.phrase) {
            Ok(phrase) => phrase,
            Err(message) => {
                self.warn(file, line.number, format!("time phrase: {message}"));
                return None;
            }
        };
        let code = match entry.codes.first() {
            None => None,
            Some(inside) => match parse_time_code(inside) {
                Ok((days, raw, note)) => {
                    if let Some(note) = note {
                        self.warn(file, line.number, note);
                    }
                    Some((days, raw))
                }
                Err(message) => {
                    self.warn(file, line.number, message);
                    return None;
                }
            },
        };
        Some(TimeRoot {
            words: phrase.words,
            code,
            origin: origin(file, line.number),
            patterns: Vec::new(),
        })
    }

    /// `- * AND TOMORROW [+3]` under a `<TIME>` root: the `*` stands for the root's words.
    fn time_pattern(
        &mut self,
        file: &Arc<str>,
        line: &SourceLine,
        after_dash: &str,
        root: Option<&mut TimeRoot>,
    ) {
        let Some(root) = root else {
            return self.warn(
                file,
                line.number,
                "time pattern before any time phrase; skipped",
            );
        };
        let entry = match split_entry(after_dash) {
            Ok(entry) => entry,
            Err(message) => return self.warn(file, line.number, message),
        };
        let Some(inside) = entry.codes.first() else {
            return self.warn(file, line.number, "time pattern has no [code]; skipped");
        };
        let (days, raw) = match parse_time_code(inside) {
            Ok((days, raw, note)) => {
                if let Some(note) = note {
                    self.warn(file, line.number, note);
                }
                (days, raw)
            }
            Err(message) => return self.warn(file, line.number, message),
        };
        let text = dehyphenate(entry.phrase);
        let words = match time_pattern_words(&text, &root.words) {
            Ok(words) => words,
            Err(message) => {
                return self.warn(
                    file,
                    line.number,
                    format!("time pattern: {message}; skipped"),
                )
            }
        };
        root.patterns.push((
            pattern_length(&text),
            TimeShift {
                phrase: Phrase { words },
                days,
                raw,
                origin: origin(file, line.number),
            },
        ));
    }

    /// Emits a time root: its patterns first (longest first), then the bare root, so the
    /// first match in `time_shifts` order is the most specific.
    fn flush_time_root(&mut self, root: Option<TimeRoot>) {
        let Some(mut root) = root else { return };
        root.patterns
            .sort_by_key(|(length, _)| std::cmp::Reverse(*length));
        self.dicts
            .time_shifts
            .extend(root.patterns.into_iter().map(|(_, shift)| shift));
        if let Some((days, raw)) = root.code {
            self.dicts.time_shifts.push(TimeShift {
                phrase: Phrase { words: root.words },
                days,
                raw,
                origin: root.origin,
            });
        }
    }
}

/// Spells out a time pattern as one phrase: words before `*`, the root's words, words after.
fn time_pattern_words(text: &str, root: &[PhraseWord]) -> Result<Vec<PhraseWord>, String> {
    let shape = pattern_shape(text)?;
    let mut words = Vec::new();
    push_tokens(&shape.before, &mut words)?;
    for (i, w) in root.iter().enumerate() {
        let mut w = w.clone();
        if i == 0 {
            w.adjacent = words.is_empty() || shape.verb_adjacent;
        }
        words.push(w);
    }
    push_tokens(&shape.after, &mut words)?;
    Ok(words)
}

/// Appends a time pattern's plain words; actor tokens and synsets are not allowed there.
fn push_tokens(tokens: &[Token], words: &mut Vec<PhraseWord>) -> Result<(), String> {
    for token in tokens {
        let Kind::Word {
            text,
            exact,
            no_endings,
        } = token.kind
        else {
            return Err("only words and `*` are allowed in <TIME> patterns".to_owned());
        };
        let adjacent = words.is_empty() || token.adjacent;
        words.push(phrase_word(text, exact, no_endings, adjacent)?);
    }
    Ok(())
}
