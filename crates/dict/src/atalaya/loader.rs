//! The line parser of atalaya's format. [`Loader`] reads files one after another into a single
//! [`Dictionaries`]: each header line opens a block, property lines fill it, and the block is
//! checked and stored when the next header (or the end of the file) arrives.
//!
//! Cross-file state: entity ids, verb lemmas, synset and agent names seen so far (they are the
//! keys of layering, so duplicates are errors), synset definitions, and the verb patterns, which
//! are resolved in [`Loader::finish`] once every synset is known.

use crate::model::*;
use crate::{DictError, Warning};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// A loader error before the file and line are attached.
type LineResult<T> = Result<T, String>;

pub(crate) struct Loader {
    dicts: Dictionaries,
    warnings: Vec<Warning>,
    entity_ids: HashMap<String, Origin>,
    verb_lemmas: HashMap<String, Origin>,
    agent_names: HashMap<String, Origin>,
    synsets: Vec<SynsetDef>,
    synset_by_name: HashMap<String, usize>,
    pending_patterns: Vec<PendingPattern>,
    options_origin: Option<Origin>,
}

/// The block whose property lines are being read.
enum Block {
    Entity(EntityDraft),
    Agent(AgentDraft),
    Verb(VerbDraft),
    /// Index into `Loader::synsets`.
    Synset(usize),
    Discards,
    Issue {
        code: String,
        origin: Origin,
        phrases: usize,
    },
    Options,
}

struct EntityDraft {
    id: String,
    name: String,
    phrases: PhraseList,
    /// Dated codes with the line that gave each.
    dated: Vec<(DatedCode, u32)>,
    undated: Option<(String, u32)>,
    disabled: bool,
    /// Any line other than `disable` was seen.
    has_content: bool,
    origin: Origin,
}

/// The verb itself is stored in `dicts.verbs` at the header, so patterns can point at it.
struct VerbDraft {
    index: usize,
    patterns: usize,
    disabled: bool,
}

struct AgentDraft {
    name: String,
    code: String,
    placement: AgentPlacement,
    placement_from_code: bool,
    phrases: PhraseList,
    origin: Origin,
}

struct SynsetDef {
    name: String,
    members: Vec<(SynsetMember, Origin)>,
    origin: Origin,
}

enum SynsetMember {
    Phrase(Phrase),
    Reference(String),
}

/// A pattern element whose synset name is not resolved yet.
enum PendingElem {
    Ready(PatternElem),
    Synset { name: String, adjacent: bool },
}

struct PendingPattern {
    verb: usize,
    before: Vec<PendingElem>,
    after: Vec<PendingElem>,
    verb_adjacent: bool,
    code: CodeSpec,
    text: String,
    origin: Origin,
}

/// Phrases of one entry, without repeats. Entries have a few dozen phrases at most, so a
/// linear scan beats hashing (no key allocation).
#[derive(Default)]
struct PhraseList {
    phrases: Vec<Phrase>,
}

impl PhraseList {
    fn add(&mut self, phrase: Phrase) {
        if !self.phrases.contains(&phrase) {
            self.phrases.push(phrase);
        }
    }

    /// Adds every `|`-separated item of `value`, with its accent-free variant.
    fn add_list(&mut self, value: &str) -> LineResult<()> {
        for item in split_list(value)? {
            self.add(fold_phrase(item)?);
        }
        Ok(())
    }
}

impl Loader {
    pub(crate) fn new() -> Self {
        Loader {
            dicts: Dictionaries::empty(DictFormat::Atalaya),
            warnings: Vec::new(),
            entity_ids: HashMap::new(),
            verb_lemmas: HashMap::new(),
            agent_names: HashMap::new(),
            synsets: Vec::new(),
            synset_by_name: HashMap::new(),
            pending_patterns: Vec::new(),
            options_origin: None,
        }
    }

    /// Reads one file. `label` names it in origins and errors.
    pub(crate) fn add_file(&mut self, label: &str, text: &str) -> Result<(), DictError> {
        let file: Arc<str> = Arc::from(label);
        let syntax = |line: u32, message: String| DictError::Syntax {
            path: PathBuf::from(label),
            line,
            message,
        };
        // Editors on some systems start UTF-8 files with a byte-order mark.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut block: Option<Block> = None;
        let mut line_no: u32 = 0;
        for raw in text.lines() {
            line_no = line_no.saturating_add(1);
            let line = strip_comment(raw);
            if line.trim().is_empty() {
                continue;
            }
            let origin = Origin {
                file: file.clone(),
                line: line_no,
            };
            if let Some(header) = line.strip_prefix('@') {
                if let Some(done) = block.take() {
                    self.close_block(done).map_err(|(l, m)| syntax(l, m))?;
                }
                block = Some(
                    self.open_block(header.trim_end(), origin)
                        .map_err(|m| syntax(line_no, m))?,
                );
                continue;
            }
            let trimmed = line.trim();
            let (key, value) = match trimmed.split_once(char::is_whitespace) {
                Some((k, v)) => (k, v.trim()),
                None => (trimmed, ""),
            };
            let Some(current) = block.as_mut() else {
                return Err(syntax(
                    line_no,
                    format!("`{key}` outside a block: start a block with a line such as `@entity ID Name`"),
                ));
            };
            self.property(current, key, value, origin)
                .map_err(|m| syntax(line_no, m))?;
        }
        if let Some(done) = block.take() {
            self.close_block(done).map_err(|(l, m)| syntax(l, m))?;
        }
        Ok(())
    }

    fn open_block(&mut self, header: &str, origin: Origin) -> LineResult<Block> {
        let (kind, rest) = match header.split_once(char::is_whitespace) {
            Some((k, r)) => (k, r.trim()),
            None => (header, ""),
        };
        match kind {
            "entity" => {
                let (id, name) = split_first_word(rest);
                if id.is_empty() {
                    return Err("`@entity` needs an id, e.g. `@entity MEX.sheinbaum Claudia Sheinbaum`".into());
                }
                check_entity_id(id)?;
                if let Some(first) = self.entity_ids.get(id) {
                    return Err(format!("duplicate entity id `{id}` (first defined at {first})"));
                }
                self.entity_ids.insert(id.to_string(), origin.clone());
                Ok(Block::Entity(EntityDraft {
                    id: id.to_string(),
                    name: name.to_string(),
                    phrases: PhraseList::default(),
                    dated: Vec::new(),
                    undated: None,
                    disabled: false,
                    has_content: false,
                    origin,
                }))
            }
            "agent" => {
                let (code_text, name) = split_first_word(rest);
                if code_text.is_empty() || name.is_empty() {
                    return Err("`@agent` needs a code and a name, e.g. `@agent MIL soldier`".into());
                }
                let (code, placement, from_code) = parse_agent_code(code_text)?;
                if let Some(first) = self.agent_names.get(name) {
                    return Err(format!("duplicate agent `{name}` (first defined at {first})"));
                }
                self.agent_names.insert(name.to_string(), origin.clone());
                let mut phrases = PhraseList::default();
                phrases.add_list(name)?;
                Ok(Block::Agent(AgentDraft {
                    name: name.to_string(),
                    code,
                    placement,
                    placement_from_code: from_code,
                    phrases,
                    origin,
                }))
            }
            "verb" => {
                let lemma = rest;
                if lemma.is_empty() || lemma.contains(char::is_whitespace) {
                    return Err("`@verb` needs one lemma word, e.g. `@verb ATTACK`".into());
                }
                if let Some(first) = self.verb_lemmas.get(lemma) {
                    return Err(format!("duplicate verb `{lemma}` (first defined at {first})"));
                }
                self.verb_lemmas.insert(lemma.to_string(), origin.clone());
                self.dicts.verbs.push(VerbEntry {
                    lemma: lemma.to_string(),
                    forms: Vec::new(),
                    code: None,
                    patterns: Vec::new(),
                    origin,
                });
                Ok(Block::Verb(VerbDraft {
                    index: self.dicts.verbs.len() - 1,
                    patterns: 0,
                    disabled: false,
                }))
            }
            "synset" => {
                let (name_text, members) = split_first_word(rest);
                let name = name_text.strip_prefix('&').unwrap_or(name_text);
                check_synset_name(name)?;
                if let Some(&first) = self.synset_by_name.get(name) {
                    let at = self.synsets.get(first).map(|s| s.origin.to_string());
                    return Err(format!(
                        "duplicate synset `&{name}` (first defined at {})",
                        at.unwrap_or_default()
                    ));
                }
                let index = self.synsets.len();
                self.synsets.push(SynsetDef {
                    name: name.to_string(),
                    members: Vec::new(),
                    origin: origin.clone(),
                });
                self.synset_by_name.insert(name.to_string(), index);
                if !members.is_empty() {
                    self.add_synset_members(index, members, origin)?;
                }
                Ok(Block::Synset(index))
            }
            "discards" => {
                if !rest.is_empty() {
                    return Err("`@discards` takes no value; list phrases on `sentence` and `story` lines".into());
                }
                Ok(Block::Discards)
            }
            "issue" => {
                if rest.is_empty() || rest.contains(char::is_whitespace) {
                    return Err("`@issue` needs one issue code, e.g. `@issue DRUGS`".into());
                }
                Ok(Block::Issue {
                    code: rest.to_string(),
                    origin,
                    phrases: 0,
                })
            }
            "options" => {
                if let Some(first) = &self.options_origin {
                    return Err(format!("a second `@options` block (first at {first})"));
                }
                self.options_origin = Some(origin);
                Ok(Block::Options)
            }
            other => Err(format!(
                "unknown block `@{other}`; expected @entity, @agent, @verb, @synset, @discards, @issue or @options"
            )),
        }
    }

    fn property(
        &mut self,
        block: &mut Block,
        key: &str,
        value: &str,
        origin: Origin,
    ) -> LineResult<()> {
        let needs_value = |v: &str| {
            if v.is_empty() {
                Err(format!("`{key}` needs a value"))
            } else {
                Ok(())
            }
        };
        match block {
            Block::Entity(draft) => {
                if key == "disable" {
                    if !value.is_empty() {
                        return Err("`disable` takes no value".into());
                    }
                    draft.disabled = true;
                    return Ok(());
                }
                draft.has_content = true;
                needs_value(value)?;
                match key {
                    "alias" | "en" | "es" | "acronym" | "demonym" | "capital" => {
                        draft.phrases.add_list(value)
                    }
                    "code" | "role" => add_role(draft, key, value, origin.line),
                    _ => Err(format!(
                        "unknown entity property `{key}`; expected alias, en, es, acronym, demonym, capital, code, role or disable"
                    )),
                }
            }
            Block::Agent(draft) => {
                needs_value(value)?;
                match key {
                    "plural" | "alias" | "en" | "es" => draft.phrases.add_list(value),
                    "place" => {
                        let placement = match value {
                            "suffix" => AgentPlacement::Suffix,
                            "prefix" => AgentPlacement::Prefix,
                            _ => {
                                return Err(format!(
                                    "`place` is `suffix` or `prefix`, not `{value}`"
                                ))
                            }
                        };
                        if draft.placement_from_code && placement != draft.placement {
                            return Err(
                                "`place` contradicts the `~` written in the agent code".into()
                            );
                        }
                        draft.placement = placement;
                        Ok(())
                    }
                    _ => Err(format!(
                        "unknown agent property `{key}`; expected plural, alias, en, es or place"
                    )),
                }
            }
            Block::Verb(draft) => {
                let index = draft.index;
                match key {
                    "disable" => {
                        if !value.is_empty() {
                            return Err("`disable` takes no value".into());
                        }
                        draft.disabled = true;
                        Ok(())
                    }
                    "forms" | "form" => {
                        needs_value(value)?;
                        let forms = parse_forms(value)?;
                        let verb = self.verb_mut(index)?;
                        for form in forms {
                            if !verb.forms.contains(&form) {
                                verb.forms.push(form);
                            }
                        }
                        Ok(())
                    }
                    "code" => {
                        needs_value(value)?;
                        let code = parse_code_spec(value)?;
                        let verb = self.verb_mut(index)?;
                        if verb.code.is_some() {
                            return Err("a second `code` line for this verb".into());
                        }
                        verb.code = Some(code);
                        Ok(())
                    }
                    "pattern" => {
                        needs_value(value)?;
                        let pattern = parse_pattern(index, value, origin)?;
                        self.pending_patterns.push(pattern);
                        draft.patterns += 1;
                        Ok(())
                    }
                    _ => Err(format!(
                        "unknown verb property `{key}`; expected forms, code, pattern or disable"
                    )),
                }
            }
            Block::Synset(index) => {
                needs_value(value)?;
                match key {
                    "members" | "alias" => self.add_synset_members(*index, value, origin),
                    _ => Err(format!("unknown synset property `{key}`; expected members")),
                }
            }
            Block::Discards => {
                needs_value(value)?;
                let story_level = match key {
                    "sentence" => false,
                    "story" => true,
                    _ => {
                        return Err(format!(
                            "unknown discards property `{key}`; expected sentence or story"
                        ))
                    }
                };
                for item in split_list(value)? {
                    self.dicts.discards.push(Discard {
                        phrase: fold_phrase(item)?,
                        story_level,
                        origin: origin.clone(),
                    });
                }
                Ok(())
            }
            Block::Issue { code, phrases, .. } => {
                needs_value(value)?;
                if key != "alias" {
                    return Err(format!("unknown issue property `{key}`; expected alias"));
                }
                for item in split_list(value)? {
                    self.dicts.issues.push(IssueEntry {
                        phrase: fold_phrase(item)?,
                        code: code.clone(),
                        origin: origin.clone(),
                    });
                    *phrases += 1;
                }
                Ok(())
            }
            Block::Options => self.option(key, value, origin),
        }
    }

    fn option(&mut self, key: &str, value: &str, origin: Origin) -> LineResult<()> {
        let number = || {
            value
                .parse::<u32>()
                .map_err(|_| format!("`{key}` needs a whole number, not `{value}`"))
        };
        let flag = || match value {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(format!("`{key}` is `true` or `false`, not `{value}`")),
        };
        let options = &mut self.dicts.options;
        match key {
            "require_dyad" => options.require_dyad = flag()?,
            "skip_furniture" => options.skip_furniture = flag()?,
            "country_sector" => {
                if value.len() != 3 || !value.bytes().all(|b| b.is_ascii_uppercase()) {
                    return Err(format!(
                        "`country_sector` is a three-letter CAMEO sector such as GOV, not `{value}`"
                    ));
                }
                options.country_sector = Some(value.to_string());
            }
            "new_actor_length" => options.new_actor_length = number()?,
            "comma_min" => options.comma_min = Some(number()?),
            "comma_max" => options.comma_max = Some(number()?),
            "comma_bmin" => options.comma_bmin = Some(number()?),
            "comma_bmax" => options.comma_bmax = Some(number()?),
            "comma_emin" => options.comma_emin = Some(number()?),
            "comma_emax" => options.comma_emax = Some(number()?),
            _ => {
                options.raw.push((key.to_string(), value.to_string()));
                self.warnings.push(Warning {
                    origin,
                    message: format!(
                        "option `{key}` is not known to atalaya; kept as a raw option"
                    ),
                });
            }
        }
        Ok(())
    }

    fn verb_mut(&mut self, index: usize) -> LineResult<&mut VerbEntry> {
        self.dicts
            .verbs
            .get_mut(index)
            .ok_or_else(|| "internal error: verb block lost".to_string())
    }

    fn add_synset_members(&mut self, index: usize, value: &str, origin: Origin) -> LineResult<()> {
        let mut members = Vec::new();
        for item in split_list(value)? {
            if let Some(name) = item.strip_prefix('&') {
                check_synset_name(name)?;
                members.push((SynsetMember::Reference(name.to_string()), origin.clone()));
            } else {
                members.push((SynsetMember::Phrase(fold_phrase(item)?), origin.clone()));
            }
        }
        let def = self
            .synsets
            .get_mut(index)
            .ok_or_else(|| "internal error: synset block lost".to_string())?;
        def.members.extend(members);
        Ok(())
    }

    /// Checks and stores a finished block. Errors carry the line they refer to.
    fn close_block(&mut self, block: Block) -> Result<(), (u32, String)> {
        match block {
            Block::Entity(draft) => {
                let line = draft.origin.line;
                if draft.disabled {
                    if draft.has_content {
                        return Err((line, format!(
                            "entity `{}` is disabled but has other lines: a disabling block holds only `disable`",
                            draft.id
                        )));
                    }
                    self.dicts.actors.push(ActorEntry {
                        entity_id: Some(draft.id),
                        name: draft.name,
                        phrases: Vec::new(),
                        codes: Vec::new(),
                        origin: draft.origin,
                    });
                    return Ok(());
                }
                if draft.name.is_empty() {
                    return Err((
                        line,
                        format!("entity `{}` needs a display name after the id", draft.id),
                    ));
                }
                if draft.dated.is_empty() && draft.undated.is_none() {
                    return Err((
                        line,
                        format!("entity `{}` has no `code` or `role` line", draft.id),
                    ));
                }
                let mut phrases = PhraseList::default();
                phrases.add_list(&draft.name).map_err(|m| (line, m))?;
                for phrase in draft.phrases.phrases {
                    phrases.add(phrase);
                }
                // Dated roles first, in the order written; the undated code is the fallback.
                let mut codes: Vec<DatedCode> = draft.dated.into_iter().map(|(c, _)| c).collect();
                if let Some((code, _)) = draft.undated {
                    codes.push(DatedCode {
                        code,
                        from: None,
                        until: None,
                    });
                }
                self.dicts.actors.push(ActorEntry {
                    entity_id: Some(draft.id),
                    name: draft.name,
                    phrases: phrases.phrases,
                    codes,
                    origin: draft.origin,
                });
                Ok(())
            }
            Block::Agent(draft) => {
                self.dicts.agents.push(AgentEntry {
                    name: draft.name,
                    phrases: draft.phrases.phrases,
                    code: draft.code,
                    placement: draft.placement,
                    origin: draft.origin,
                });
                Ok(())
            }
            Block::Verb(draft) => {
                let Some(verb) = self.dicts.verbs.get(draft.index) else {
                    return Err((0, "internal error: verb block lost".into()));
                };
                let has_content =
                    !verb.forms.is_empty() || verb.code.is_some() || draft.patterns > 0;
                if draft.disabled && has_content {
                    return Err((verb.origin.line, format!(
                        "verb `{}` is disabled but has other lines: a disabling block holds only `disable`",
                        verb.lemma
                    )));
                }
                if !draft.disabled && verb.forms.is_empty() {
                    return Err((
                        verb.origin.line,
                        format!("verb `{}` has no `forms` line", verb.lemma),
                    ));
                }
                Ok(())
            }
            Block::Synset(index) => match self.synsets.get(index) {
                Some(def) if def.members.is_empty() => Err((
                    def.origin.line,
                    format!("synset `&{}` has no members", def.name),
                )),
                _ => Ok(()),
            },
            Block::Issue {
                code,
                origin,
                phrases,
            } => {
                if phrases == 0 {
                    return Err((origin.line, format!("issue `{code}` has no `alias` line")));
                }
                Ok(())
            }
            Block::Discards | Block::Options => Ok(()),
        }
    }

    /// Resolves synsets and patterns and returns the dictionaries.
    pub(crate) fn finish(mut self) -> Result<(Dictionaries, Vec<Warning>), DictError> {
        let syntax = |origin: &Origin, message: String| DictError::Syntax {
            path: PathBuf::from(origin.file.as_ref()),
            line: origin.line,
            message,
        };
        for index in 0..self.synsets.len() {
            let mut stack = Vec::new();
            let members = self
                .expand_synset(index, &mut stack)
                .map_err(|(origin, message)| syntax(&origin, message))?;
            if let Some(def) = self.synsets.get(index) {
                self.dicts.synsets.push(Synset {
                    name: def.name.clone(),
                    members,
                    origin: def.origin.clone(),
                });
            }
        }
        let pending = std::mem::take(&mut self.pending_patterns);
        for p in pending {
            let before = self
                .resolve_elems(p.before)
                .map_err(|m| syntax(&p.origin, m))?;
            let after = self
                .resolve_elems(p.after)
                .map_err(|m| syntax(&p.origin, m))?;
            let index = self.dicts.patterns.len();
            if let Some(verb) = self.dicts.verbs.get_mut(p.verb) {
                verb.patterns.push(index);
            }
            self.dicts.patterns.push(Pattern {
                verb: p.verb,
                before,
                after,
                verb_adjacent: p.verb_adjacent,
                // atalaya patterns say what they mean: `$ not_* +` is meant to match "not".
                phrase_structured: false,
                code: p.code,
                text: p.text,
                origin: p.origin,
            });
        }
        Ok((self.dicts, self.warnings))
    }

    fn resolve_elems(&self, elems: Vec<PendingElem>) -> LineResult<Vec<PatternElem>> {
        elems
            .into_iter()
            .map(|elem| match elem {
                PendingElem::Ready(e) => Ok(e),
                PendingElem::Synset { name, adjacent } => match self.synset_by_name.get(&name) {
                    Some(&index) => Ok(PatternElem::Synset { index, adjacent }),
                    None => Err(format!("unknown synset `&{name}`")),
                },
            })
            .collect()
    }

    /// Members of a synset with nested references expanded; `stack` detects cycles.
    fn expand_synset(
        &self,
        index: usize,
        stack: &mut Vec<usize>,
    ) -> Result<Vec<Phrase>, (Origin, String)> {
        let Some(def) = self.synsets.get(index) else {
            return Ok(Vec::new());
        };
        if stack.contains(&index) {
            return Err((
                def.origin.clone(),
                format!("synset `&{}` contains itself", def.name),
            ));
        }
        stack.push(index);
        let mut list = PhraseList::default();
        for (member, origin) in &def.members {
            match member {
                SynsetMember::Phrase(phrase) => list.add(phrase.clone()),
                SynsetMember::Reference(name) => {
                    let Some(&inner) = self.synset_by_name.get(name) else {
                        return Err((origin.clone(), format!("unknown synset `&{name}`")));
                    };
                    for phrase in self.expand_synset(inner, stack)? {
                        list.add(phrase);
                    }
                }
            }
        }
        stack.pop();
        Ok(list.phrases)
    }
}

/// Removes a `#` comment: `#` at the start of the line or after whitespace.
fn strip_comment(line: &str) -> &str {
    let mut previous_is_space = true;
    for (i, c) in line.char_indices() {
        if c == '#' && previous_is_space {
            return line.get(..i).unwrap_or(line);
        }
        previous_is_space = c.is_whitespace();
    }
    line
}

fn split_first_word(text: &str) -> (&str, &str) {
    match text.split_once(char::is_whitespace) {
        Some((first, rest)) => (first, rest.trim()),
        None => (text, ""),
    }
}

/// Splits a `|` list; empty items are errors (a stray `|`).
fn split_list(value: &str) -> LineResult<Vec<&str>> {
    let items: Vec<&str> = value.split('|').map(str::trim).collect();
    if items.iter().any(|item| item.is_empty()) {
        return Err("empty item in a `|` list".into());
    }
    Ok(items)
}

fn check_entity_id(id: &str) -> LineResult<()> {
    let valid = id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if !valid {
        return Err(format!(
            "entity id `{id}` may only use ASCII letters, digits, `.`, `_` and `-`"
        ));
    }
    Ok(())
}

fn check_synset_name(name: &str) -> LineResult<()> {
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!(
            "synset name `{name}` may only use ASCII letters, digits and `_`"
        ));
    }
    Ok(())
}

/// An actor or agent code: uppercase ASCII letters and digits.
fn check_code(code: &str) -> LineResult<()> {
    if code.is_empty()
        || !code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        return Err(format!(
            "code `{code}` must be uppercase letters and digits, e.g. `MEXGOV`"
        ));
    }
    Ok(())
}

fn parse_agent_code(text: &str) -> LineResult<(String, AgentPlacement, bool)> {
    let (code, placement, explicit) = if let Some(code) = text.strip_prefix('~') {
        (code, AgentPlacement::Suffix, true)
    } else if let Some(code) = text.strip_suffix('~') {
        (code, AgentPlacement::Prefix, true)
    } else {
        (text, AgentPlacement::Suffix, false)
    };
    check_code(code)?;
    Ok((code.to_string(), placement, explicit))
}

/// `code CODE [FROM..UNTIL]` or `role CODE FROM..UNTIL`.
fn add_role(draft: &mut EntityDraft, key: &str, value: &str, line: u32) -> LineResult<()> {
    let mut parts = value.split_whitespace();
    let code = parts.next().unwrap_or_default();
    check_code(code)?;
    let range = parts.next();
    if let Some(extra) = parts.next() {
        return Err(format!(
            "unexpected `{extra}` after the date range (comments start with `#`)"
        ));
    }
    let Some(range) = range else {
        if key == "role" {
            return Err("`role` needs a date range, e.g. `role MEXGOV 2024-10-01..`; use `code` for an undated code".into());
        }
        if let Some((first, first_line)) = &draft.undated {
            return Err(format!(
                "a second undated code `{code}` (line {first_line} gives `{first}`): only one fallback code is allowed"
            ));
        }
        draft.undated = Some((code.to_string(), line));
        return Ok(());
    };
    let (from, until) = parse_range(range)?;
    let new = DatedCode {
        code: code.to_string(),
        from,
        until,
    };
    for (old, old_line) in &draft.dated {
        if old.code == new.code && ranges_overlap(old, &new) {
            return Err(format!(
                "role `{code}` {range} overlaps the `{code}` role on line {old_line}: merge them into one line"
            ));
        }
    }
    draft.dated.push((new, line));
    Ok(())
}

/// True when two dated codes share at least one day.
pub(crate) fn ranges_overlap(a: &DatedCode, b: &DatedCode) -> bool {
    let starts_before_end = |from: Option<NaiveDate>, until: Option<NaiveDate>| match (from, until)
    {
        (Some(f), Some(u)) => f <= u,
        _ => true,
    };
    starts_before_end(a.from, b.until) && starts_before_end(b.from, a.until)
}

/// `FROM..UNTIL`, `FROM..` or `..UNTIL`, full ISO dates, both ends inclusive.
fn parse_range(text: &str) -> LineResult<(Option<NaiveDate>, Option<NaiveDate>)> {
    let Some((from, until)) = text.split_once("..") else {
        return Err(format!(
            "date range `{text}` must be FROM..UNTIL with ISO dates (either side may be empty)"
        ));
    };
    let date = |s: &str| -> LineResult<Option<NaiveDate>> {
        if s.is_empty() {
            return Ok(None);
        }
        let valid_shape = s.len() == 10
            && s.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        if !valid_shape {
            return Err(format!("`{s}` is not a full ISO date YYYY-MM-DD"));
        }
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| format!("`{s}` is not a valid date"))
    };
    let from = date(from)?;
    let until = date(until)?;
    if from.is_none() && until.is_none() {
        return Err(
            "date range `..` is open on both sides: use `code CODE` for an undated code".into(),
        );
    }
    if let (Some(f), Some(u)) = (from, until) {
        if f > u {
            return Err(format!("date range `{text}` ends before it starts"));
        }
    }
    Ok((from, until))
}

/// Splits a written phrase into words exactly as the coder splits text (`atalaya_text::tokenize`,
/// then hyphenated words into their parts: "OPEC+" is two words, "U.S." one) and keeps each token's folded key (lower case, accents
/// removed: "López" and "Lopez" give the same key). A trailing `*` on a space-separated word makes
/// its last token a stem.
fn fold_phrase(text: &str) -> LineResult<Phrase> {
    let mut words = Vec::new();
    for word in text.split_whitespace() {
        let (body, stem) = match word.strip_suffix('*') {
            Some(body) if !body.is_empty() => (body, true),
            _ => (word, false),
        };
        // The coder reads a hyphenated word as its parts ("Díaz-Canel" is "diaz", "canel"),
        // so the dictionary's words are split the same way.
        let tokens: Vec<_> = atalaya_text::tokenize(body, 0)
            .iter()
            .flat_map(|t| t.hyphen_parts())
            .collect();
        let last = tokens.len().saturating_sub(1);
        let tokens_len = tokens.len();
        if tokens.is_empty() {
            return Err(format!("word `{word}` has no text"));
        }
        for (i, token) in tokens.into_iter().enumerate() {
            // As the coder reads text: a final period goes ("R." in "Joseph R. Biden" is
            // "r"), except on abbreviations with inner periods ("u.s.").
            let trimmed = token.key.trim_end_matches('.');
            let key = if trimmed.contains('.') {
                format!("{trimmed}.")
            } else {
                trimmed.to_string()
            };
            if key.is_empty() {
                // a lone period ("No." read as "No" and "."): the coder drops it too
                if token.key.is_empty() || tokens_len == 1 {
                    return Err(format!("word `{word}` folds to nothing"));
                }
                continue;
            }
            words.push(PhraseWord {
                key,
                stem: stem && i == last,
                adjacent: true,
                no_endings: false,
            });
        }
    }
    if words.is_empty() {
        return Err("empty phrase".into());
    }
    Ok(Phrase { words })
}

/// `forms`: `|`-separated phrases, or when there is no `|`, one form per word.
fn parse_forms(value: &str) -> LineResult<Vec<Phrase>> {
    let items: Vec<&str> = if value.contains('|') {
        split_list(value)?
    } else {
        // One form per word: a particle on its own ("rule out" read as "rule" and "out")
        // would make every "out" a form of the verb.
        const PARTICLES: [&str; 12] = [
            "out", "up", "off", "down", "with", "to", "over", "in", "on", "by", "of", "back",
        ];
        if let Some(p) = value
            .split_whitespace()
            .find(|w| PARTICLES.contains(&w.to_lowercase().as_str()))
        {
            return Err(format!(
                "forms `{value}`: without `|` each word is a form of its own, so `{p}` alone would be one; write `{value} |` for one phrase"
            ));
        }
        value.split_whitespace().collect()
    };
    let mut forms = Vec::new();
    for item in items {
        let phrase = fold_phrase(item)?;
        if !forms.contains(&phrase) {
            forms.push(phrase);
        }
    }
    Ok(forms)
}

/// An event code as written: `195`, `0332`, `075A`, `---` (no event) or `a:b` (paired).
fn parse_code_spec(text: &str) -> LineResult<CodeSpec> {
    let one = |s: &str| -> LineResult<String> {
        let valid = (2..=4).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric());
        if !valid {
            return Err(format!(
                "event code `{s}` must be 2 to 4 digits or letters, e.g. `195`"
            ));
        }
        Ok(s.to_string())
    };
    if text == "---" {
        return Ok(CodeSpec::Null);
    }
    match text.split_once(':') {
        Some((a, b)) => Ok(CodeSpec::Paired(one(a)?, one(b)?)),
        None => Ok(CodeSpec::Code(one(text)?)),
    }
}

/// `pattern ELEMENTS -> CODE`: see docs/dictionary-format.md for the element syntax.
fn parse_pattern(verb: usize, value: &str, origin: Origin) -> LineResult<PendingPattern> {
    let Some((elems_text, code_text)) = value.rsplit_once("->") else {
        return Err("a pattern ends with `-> CODE`, e.g. `pattern $ * + -> 190`".into());
    };
    let code = parse_code_spec(code_text.trim())?;
    let mut before = Vec::new();
    let mut after = Vec::new();
    let mut seen_verb = false;
    let mut verb_adjacent = false;
    for token in elems_text.split_whitespace() {
        let parts: Vec<&str> = token.split('_').collect();
        for (i, part) in parts.iter().enumerate() {
            let joined = i > 0;
            if *part == "*" {
                if seen_verb {
                    return Err("a pattern has exactly one `*` (the verb)".into());
                }
                // `word_*`: the verb directly follows the last element before it.
                verb_adjacent = joined;
                seen_verb = true;
                continue;
            }
            // `*_word`: the first element after the verb must follow it directly.
            let adjacent = joined;
            let elems = parse_elem(part, adjacent)?;
            if seen_verb {
                after.extend(elems);
            } else {
                before.extend(elems);
            }
        }
    }
    if !seen_verb {
        return Err("a pattern needs `*` where the verb goes".into());
    }
    check_groups(&before, &after)?;
    Ok(PendingPattern {
        verb,
        before,
        after,
        verb_adjacent,
        code,
        text: value.to_string(),
        origin,
    })
}

/// One `_`-separated part of a pattern token. A literal that the tokenizer splits ("U.S.-led")
/// gives several words, the later ones adjacent to the first.
fn parse_elem(part: &str, adjacent: bool) -> LineResult<Vec<PendingElem>> {
    let ready = |e| Ok(vec![PendingElem::Ready(e)]);
    match part {
        "" => Err("empty element: `_` must join two elements".into()),
        "$" => ready(PatternElem::Source { adjacent }),
        "+" => ready(PatternElem::Target { adjacent }),
        "%" => ready(PatternElem::Compound { adjacent }),
        "^" => ready(PatternElem::Skip { adjacent }),
        "(" => ready(PatternElem::Open(Group::Prepositional)),
        ")" => ready(PatternElem::Close(Group::Prepositional)),
        "{" => ready(PatternElem::Open(Group::Noun)),
        "}" => ready(PatternElem::Close(Group::Noun)),
        _ => {
            if let Some(name) = part.strip_prefix('&') {
                check_synset_name(name)?;
                return Ok(vec![PendingElem::Synset {
                    name: name.to_string(),
                    adjacent,
                }]);
            }
            if part
                .chars()
                .any(|c| matches!(c, '$' | '+' | '%' | '^' | '&' | '(' | ')' | '{' | '}'))
            {
                return Err(format!(
                    "`{part}` mixes a slot marker with a word: separate them with a space or `_`"
                ));
            }
            let phrase = fold_phrase(part)?;
            Ok(phrase
                .words
                .into_iter()
                .enumerate()
                .map(|(i, word)| {
                    PendingElem::Ready(PatternElem::Word(PhraseWord {
                        adjacent: if i == 0 { adjacent } else { true },
                        ..word
                    }))
                })
                .collect())
        }
    }
}

/// Groups must open and close in order on each side of the verb.
fn check_groups(before: &[PendingElem], after: &[PendingElem]) -> LineResult<()> {
    for side in [before, after] {
        let mut open: Vec<Group> = Vec::new();
        for elem in side {
            match elem {
                PendingElem::Ready(PatternElem::Open(g)) => open.push(*g),
                PendingElem::Ready(PatternElem::Close(g)) => {
                    let closes_last_open = open.pop() == Some(*g);
                    if !closes_last_open {
                        return Err("a `)` or `}` closes no matching group".into());
                    }
                }
                _ => {}
            }
        }
        if !open.is_empty() {
            return Err("a `(` or `{` group is not closed on the same side of the verb".into());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_need_leading_space() {
        assert_eq!(strip_comment("alias A # note"), "alias A ");
        assert_eq!(strip_comment("# whole line"), "");
        assert_eq!(strip_comment("alias C#sharp"), "alias C#sharp");
    }

    #[test]
    fn ranges_parse_and_overlap() {
        let (f, u) = parse_range("2024-10-01..").unwrap_or_default();
        assert!(f.is_some() && u.is_none());
        assert!(parse_range("2024-10-01").is_err());
        assert!(parse_range("2024-13-01..").is_err());
        assert!(parse_range("2024-1-01..").is_err());
        assert!(parse_range("2025-01-01..2024-01-01").is_err());
        assert!(parse_range("..").is_err());
        let code = |from: &str| {
            let (from, until) = parse_range(from).unwrap_or_default();
            DatedCode {
                code: "X".into(),
                from,
                until,
            }
        };
        assert!(ranges_overlap(
            &code("2020-01-01..2021-01-20"),
            &code("2021-01-20..")
        ));
        assert!(!ranges_overlap(
            &code("2020-01-01..2021-01-19"),
            &code("2021-01-20..")
        ));
        assert!(ranges_overlap(&code("..2021-01-19"), &code("..2000-01-01")));
    }
}
