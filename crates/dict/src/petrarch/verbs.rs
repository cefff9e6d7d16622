//! PETRARCH verb dictionaries, in both pattern syntaxes: PETRARCH-2 (`CAMEO.2.0.txt`,
//! `PETR.Validate.verbs.2.0.txt`) and the older PETRARCH-1 syntax of
//! `PETR.Validate.verbs.txt`. Both files share one layout, so one reader handles both:
//!
//! - `&NAME` starts a synonym set; the following `+` lines are its members. A member may be
//!   multi-word (blank or `_`, always consecutive words), may name another set (`+&OTHER`,
//!   expanded), and PETRARCH-2 group marks in members (`+(TO THE END)`) are dropped. Regular
//!   plurals of the last word are added unless the member or the set name ends with `_`. Sets
//!   may be defined anywhere in the file and are resolved once the file is read; a set defined
//!   twice gets both member lists (with a warning).
//! - `--- NAME [CODE] ---` starts a verb block; the code is the default for every verb of the
//!   block (`[---]` or no code: no default). Extra codes on the head line are ignored with a
//!   warning.
//! - Verb lines: `VERB {FORMS} [CODE]`. Multi-word verbs join words with `_` (or a blank) and
//!   mark the verb word with `+` (`+CORDON_OFF`, `WIRE_+TAP`); without `+` the first word is the
//!   verb. With `{...}` the listed forms (blank-separated) are the only other forms (`{}`: none);
//!   without it the regular forms of the verb word are generated (see [`super::inflect`]).
//!   A verb line may start with `+` inside a block: that is a multi-word verb, not a set member.
//! - Pattern lines `- ... * ... [CODE]` belong to the current block and to every verb in it.
//!   Tokens: words, `&SET`, `$` source, `+` target, `%` compound, `^` skip, `*` the verb,
//!   `( ... )` prepositional and `{ ... }` noun groups (PETRARCH-2). An underscore joins two
//!   tokens (must be consecutive, PETRARCH-1 `IN_*`, `*_OUT`); a blank allows words between.
//!   So `before[0]` is never adjacent, [`Pattern::verb_adjacent`] is `WORD_*` and `after[0]`'s
//!   flag is `*_WORD`. Set names may contain `_` (`&FIGHT_OF_WORDS`): in `&TIETYPES_RELATIONS`
//!   the longest defined set name wins and the rest are words joined to it.
//!   Codes: `[064]`, paired `[042:043]` (either half may be empty, `[:173]`), null `[---]`;
//!   other codes are kept as written, case included (`[075A]`, `[+++]`, `[102b]`). A pattern
//!   naming an undefined set is skipped with a warning, as PETRARCH does.
//! - `~ a (b c VERB) VERB = d e CODE` lines are transformations (PETRARCH-2).
//!
//! Each verb line becomes one [`VerbEntry`]; the block's patterns are listed by every verb of
//! the block and [`Pattern::verb`] is the block's first verb.

use super::inflect::{plural_phrase, verb_forms};
use super::source::{
    content_lines, make_phrase, read_source, split_brackets, split_words, warn, Connectors,
    RawWord, SourceText,
};
use crate::{
    CodeSpec, DictError, Group, Origin, Pattern, PatternElem, Phrase, PhraseWord, Synset,
    TransformActor, TransformCode, TransformVerb, Transformation, VerbEntry, Warning,
};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The content of one verb dictionary. Indices (`Pattern::verb`, `VerbEntry::patterns`,
/// `PatternElem::Synset`) point into these vectors.
#[derive(Debug, Clone, Default)]
pub struct VerbDictionary {
    pub verbs: Vec<VerbEntry>,
    pub patterns: Vec<Pattern>,
    pub synsets: Vec<Synset>,
    pub transformations: Vec<Transformation>,
}

/// Loads a PETRARCH verb dictionary (either pattern syntax).
pub fn load_verbs(path: &Path) -> Result<(VerbDictionary, Vec<Warning>), DictError> {
    let mut warnings = Vec::new();
    let src = read_source(path, &mut warnings)?;
    let verbs = parse_verbs(&src, &mut warnings);
    Ok((verbs, warnings))
}

/// A synonym set as read, before nested sets are expanded.
struct SynsetDraft {
    name: String,
    /// False when the set name ends with `_`: no plurals for its members.
    plurals: bool,
    members: Vec<MemberDraft>,
    origin: Origin,
}

enum MemberDraft {
    /// A member phrase followed by its generated plural, if any.
    Phrases(Vec<Phrase>),
    /// `+&NAME`: the members of another set (name as written, may contain `_`).
    Nested { raw: String, origin: Origin },
}

struct BlockDraft {
    code: Option<CodeSpec>,
    verbs: Vec<VerbEntry>,
    patterns: Vec<PatternDraft>,
    origin: Origin,
}

/// A pattern element before set names are resolved to indices.
enum DraftElem {
    Elem(PatternElem),
    /// `&NAME` possibly followed by `_WORD`s (`&TIETYPES_RELATIONS`): set names may contain
    /// underscores themselves, so the longest defined name wins once all sets are known.
    SynsetChunk {
        raw: String,
        adjacent: bool,
    },
}

struct PatternDraft {
    before: Vec<DraftElem>,
    after: Vec<DraftElem>,
    verb_adjacent: bool,
    code: CodeSpec,
    text: String,
    origin: Origin,
}

/// A block's patterns, waiting for set resolution, with the verbs they belong to.
struct PendingPatterns {
    first_verb: usize,
    verb_count: usize,
    patterns: Vec<PatternDraft>,
}

/// What a `+` line means: a set member right after `&NAME`, a multi-word verb in a block.
enum Mode {
    Top,
    Synset(usize),
    Block,
}

#[derive(Default)]
struct Reader {
    synsets: Vec<SynsetDraft>,
    synset_index: HashMap<String, usize>,
    block: Option<BlockDraft>,
    verbs: Vec<VerbEntry>,
    pending: Vec<PendingPatterns>,
    transformations: Vec<Transformation>,
}

pub(crate) fn parse_verbs(src: &SourceText, warnings: &mut Vec<Warning>) -> VerbDictionary {
    let mut reader = Reader::default();
    let mut mode = Mode::Top;
    for line in content_lines(src, warnings) {
        let origin = src.origin(line.number);
        let text: &str = &line.text;
        if text.starts_with("---") {
            reader.finish_block(warnings);
            reader.block = Some(parse_block_head(text, origin, warnings));
            mode = Mode::Block;
        } else if let Some(rest) = text.strip_prefix('&') {
            mode = match reader.start_synset(rest, origin, warnings) {
                Some(index) => Mode::Synset(index),
                None => Mode::Top,
            };
        } else if let Some(rest) = text.strip_prefix('~') {
            match parse_transformation(rest, text, origin.clone()) {
                Ok(transformation) => reader.transformations.push(transformation),
                Err(problem) => warn(warnings, origin, format!("{problem}: line skipped")),
            }
        } else if let Some(rest) = text.strip_prefix('-') {
            let Some(block) = reader.block.as_mut() else {
                warn(warnings, origin, "pattern outside any verb block: skipped");
                continue;
            };
            mode = Mode::Block;
            match parse_pattern(rest, text, origin.clone()) {
                Ok(draft) => block.patterns.push(draft),
                Err(problem) => warn(warnings, origin, format!("{problem}: pattern skipped")),
            }
        } else if let (Some(member), Mode::Synset(index)) = (text.strip_prefix('+'), &mode) {
            reader.add_member(*index, member, origin, warnings);
        } else {
            let Some(block) = reader.block.as_mut() else {
                warn(
                    warnings,
                    origin,
                    "line outside any verb block or synonym set: skipped",
                );
                continue;
            };
            mode = Mode::Block;
            match parse_verb_line(text, block.code.as_ref(), &origin, warnings) {
                Ok(verb) => block.verbs.push(verb),
                Err(problem) => warn(warnings, origin, format!("{problem}: line skipped")),
            }
        }
    }
    reader.finish_block(warnings);
    reader.finish(warnings)
}

/// Set names are compared without `&`, trailing `_` and case.
fn synset_key(raw: &str) -> String {
    raw.trim_end_matches('_').to_uppercase()
}

fn push_unique(phrases: &mut Vec<Phrase>, phrase: Phrase) {
    if !phrases.contains(&phrase) {
        phrases.push(phrase);
    }
}

impl Reader {
    fn start_synset(
        &mut self,
        rest: &str,
        origin: Origin,
        warnings: &mut Vec<Warning>,
    ) -> Option<usize> {
        let mut parts = rest.split_whitespace();
        let raw_name = parts.next().unwrap_or("");
        if parts.next().is_some() {
            warn(
                warnings,
                origin.clone(),
                "text after the synonym set name ignored",
            );
        }
        let name = synset_key(raw_name);
        if name.is_empty() {
            warn(warnings, origin, "synonym set without a name: skipped");
            return None;
        }
        let plurals = !raw_name.ends_with('_');
        if let Some(&index) = self.synset_index.get(&name) {
            if let Some(draft) = self.synsets.get_mut(index) {
                warn(
                    warnings,
                    origin,
                    format!(
                        "synonym set `&{name}` already defined at {}: members are merged",
                        draft.origin
                    ),
                );
                draft.plurals = plurals;
            }
            return Some(index);
        }
        let index = self.synsets.len();
        self.synsets.push(SynsetDraft {
            name: name.clone(),
            plurals,
            members: Vec::new(),
            origin,
        });
        self.synset_index.insert(name, index);
        Some(index)
    }

    fn add_member(
        &mut self,
        index: usize,
        member: &str,
        origin: Origin,
        warnings: &mut Vec<Warning>,
    ) {
        let Some(draft) = self.synsets.get_mut(index) else {
            return;
        };
        let member = member.trim();
        let plural = draft.plurals && !member.ends_with('_');
        // PETRARCH-2 group marks in members (`+(TO THE END)`) carry no meaning for a word list.
        let cleaned: String = member
            .chars()
            .map(|c| {
                if matches!(c, '(' | ')' | '{' | '}') {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        if let Some(raw) = cleaned.trim().strip_prefix('&') {
            if !raw.contains(char::is_whitespace) {
                draft.members.push(MemberDraft::Nested {
                    raw: raw.to_owned(),
                    origin,
                });
                return;
            }
        }
        let words = split_words(&cleaned);
        if words.iter().any(|w| w.text.contains('&')) {
            warn(
                warnings,
                origin,
                "a synonym set inside a multi-word member is not supported: member skipped",
            );
            return;
        }
        if words
            .iter()
            .any(|w| matches!(w.text, "$" | "+" | "%" | "^" | "*"))
        {
            warn(
                warnings,
                origin,
                "synonym set members cannot contain `$ + % ^ *`: member skipped",
            );
            return;
        }
        let items = words.iter().map(|w| (w.text, w.joined));
        let Some(phrase) = make_phrase(items, Connectors::AllAdjacent) else {
            warn(warnings, origin, "empty synonym set member: skipped");
            return;
        };
        let mut phrases = vec![phrase];
        if plural {
            if let Some(phrase) = plural_phrase(&words, Connectors::AllAdjacent) {
                push_unique(&mut phrases, phrase);
            }
        }
        draft.members.push(MemberDraft::Phrases(phrases));
    }

    fn finish_block(&mut self, warnings: &mut Vec<Warning>) {
        let Some(block) = self.block.take() else {
            return;
        };
        if block.verbs.is_empty() {
            let message = if block.patterns.is_empty() {
                "verb block without verbs"
            } else {
                "verb block has patterns but no verbs: its patterns are skipped"
            };
            warn(warnings, block.origin, message);
            return;
        }
        let first_verb = self.verbs.len();
        let verb_count = block.verbs.len();
        self.verbs.extend(block.verbs);
        self.pending.push(PendingPatterns {
            first_verb,
            verb_count,
            patterns: block.patterns,
        });
    }

    fn finish(self, warnings: &mut Vec<Warning>) -> VerbDictionary {
        let synsets = resolve_synsets(&self.synsets, &self.synset_index, warnings);
        let mut verbs = self.verbs;
        let mut patterns = Vec::new();
        // PETRARCH-2 syntax is recognised by its groups; PETRARCH-1 files have none.
        let grouped = self
            .pending
            .iter()
            .flat_map(|p| p.patterns.iter())
            .any(|d| {
                d.before
                    .iter()
                    .chain(d.after.iter())
                    .any(|e| matches!(e, DraftElem::Elem(PatternElem::Open(_))))
            });
        for pending in self.pending {
            let owners = pending.first_verb..pending.first_verb + pending.verb_count;
            for draft in pending.patterns {
                let origin = draft.origin.clone();
                match resolve_pattern(draft, pending.first_verb, &self.synset_index, grouped) {
                    Ok(pattern) => {
                        let index = patterns.len();
                        patterns.push(pattern);
                        for verb in verbs.get_mut(owners.clone()).into_iter().flatten() {
                            verb.patterns.push(index);
                        }
                    }
                    Err(problem) => warn(warnings, origin, format!("{problem}: pattern skipped")),
                }
            }
        }
        let mut transformations = self.transformations;
        resolve_transformation_verbs(&mut transformations, &verbs, warnings);
        VerbDictionary {
            verbs,
            patterns,
            synsets,
            transformations,
        }
    }
}

fn resolve_synsets(
    drafts: &[SynsetDraft],
    index: &HashMap<String, usize>,
    warnings: &mut Vec<Warning>,
) -> Vec<Synset> {
    let mut resolved: Vec<Option<Vec<Phrase>>> = vec![None; drafts.len()];
    let mut visiting = vec![false; drafts.len()];
    for i in 0..drafts.len() {
        expand_synset(i, drafts, index, &mut resolved, &mut visiting, warnings);
    }
    drafts
        .iter()
        .zip(resolved)
        .map(|(draft, members)| Synset {
            name: draft.name.clone(),
            members: members.unwrap_or_default(),
            origin: draft.origin.clone(),
        })
        .collect()
}

fn expand_synset(
    i: usize,
    drafts: &[SynsetDraft],
    index: &HashMap<String, usize>,
    resolved: &mut [Option<Vec<Phrase>>],
    visiting: &mut [bool],
    warnings: &mut Vec<Warning>,
) -> Vec<Phrase> {
    if let Some(Some(done)) = resolved.get(i) {
        return done.clone();
    }
    let Some(draft) = drafts.get(i) else {
        return Vec::new();
    };
    if visiting.get(i).copied().unwrap_or(false) {
        warn(
            warnings,
            draft.origin.clone(),
            format!(
                "synonym set `&{}` contains itself: the loop is cut",
                draft.name
            ),
        );
        return Vec::new();
    }
    if let Some(flag) = visiting.get_mut(i) {
        *flag = true;
    }
    let mut members: Vec<Phrase> = Vec::new();
    for member in &draft.members {
        match member {
            MemberDraft::Phrases(phrases) => {
                for phrase in phrases {
                    push_unique(&mut members, phrase.clone());
                }
            }
            MemberDraft::Nested { raw, origin } => match resolve_chunk(raw, index) {
                Some((j, rest)) if rest.is_empty() => {
                    for phrase in expand_synset(j, drafts, index, resolved, visiting, warnings) {
                        push_unique(&mut members, phrase);
                    }
                }
                Some(_) => warn(
                    warnings,
                    origin.clone(),
                    format!(
                        "a synonym set inside a multi-word member (`&{raw}`) is not supported: \
                         member skipped"
                    ),
                ),
                None => warn(
                    warnings,
                    origin.clone(),
                    format!("unknown synonym set `&{raw}` in a member: skipped"),
                ),
            },
        }
    }
    if let Some(flag) = visiting.get_mut(i) {
        *flag = false;
    }
    if let Some(slot) = resolved.get_mut(i) {
        *slot = Some(members.clone());
    }
    members
}

/// Splits `NAME_WORD_WORD` into the longest defined set name and the words after it.
fn resolve_chunk<'a>(
    raw: &'a str,
    index: &HashMap<String, usize>,
) -> Option<(usize, Vec<&'a str>)> {
    let parts: Vec<&str> = raw.split('_').filter(|p| !p.is_empty()).collect();
    (1..=parts.len()).rev().find_map(|take| {
        let name = synset_key(&parts[..take].join("_"));
        index
            .get(&name)
            .map(|&found| (found, parts[take..].to_vec()))
    })
}

fn resolve_elems(
    elems: Vec<DraftElem>,
    index: &HashMap<String, usize>,
) -> Result<Vec<PatternElem>, String> {
    let mut out = Vec::with_capacity(elems.len());
    for elem in elems {
        match elem {
            DraftElem::Elem(elem) => out.push(elem),
            DraftElem::SynsetChunk { raw, adjacent } => {
                let (found, rest) = resolve_chunk(&raw, index).ok_or_else(|| {
                    format!("unknown synonym set `&{}`", raw.trim_end_matches('_'))
                })?;
                out.push(PatternElem::Synset {
                    index: found,
                    adjacent,
                });
                for word in rest {
                    match word_elem(word, true)? {
                        DraftElem::Elem(elem) => out.push(elem),
                        DraftElem::SynsetChunk { .. } => {
                            return Err(format!("`{word}` after a set name is not a word"))
                        }
                    }
                }
            }
        }
    }
    Ok(out)
}

fn resolve_pattern(
    draft: PatternDraft,
    verb: usize,
    index: &HashMap<String, usize>,
    petrarch2_syntax: bool,
) -> Result<Pattern, String> {
    Ok(Pattern {
        verb,
        before: resolve_elems(draft.before, index)?,
        after: resolve_elems(draft.after, index)?,
        verb_adjacent: draft.verb_adjacent,
        phrase_structured: petrarch2_syntax,
        code: draft.code,
        text: draft.text,
        origin: draft.origin,
    })
}

/// Parses the inside of a code bracket: `064`, `042:043`, `:173`, `---`.
fn parse_code(inner: &str) -> Result<CodeSpec, String> {
    let code = inner.trim();
    if code.is_empty() {
        return Err("empty code `[]`".to_owned());
    }
    if code.contains(char::is_whitespace) {
        return Err(format!("code `[{code}]` contains blanks"));
    }
    if code == "---" {
        return Ok(CodeSpec::Null);
    }
    if let Some((forward, backward)) = code.split_once(':') {
        if forward.is_empty() && backward.is_empty() {
            return Err("paired code `[:]` with both halves empty".to_owned());
        }
        return Ok(CodeSpec::Paired(forward.to_owned(), backward.to_owned()));
    }
    Ok(CodeSpec::Code(code.to_owned()))
}

fn parse_block_head(text: &str, origin: Origin, warnings: &mut Vec<Warning>) -> BlockDraft {
    let dash_or_blank = |c: char| c == '-' || c.is_whitespace();
    let inner = text
        .trim_start_matches(dash_or_blank)
        .trim_end_matches(dash_or_blank);
    let (_, groups, problems) = split_brackets(inner);
    for problem in problems {
        warn(warnings, origin.clone(), problem);
    }
    let code = match groups.first().map(|group| parse_code(group.inner)) {
        Some(Ok(code)) => Some(code),
        Some(Err(problem)) => {
            warn(
                warnings,
                origin.clone(),
                format!("{problem}: the block has no default code"),
            );
            None
        }
        None => None,
    };
    if groups.len() > 1 {
        warn(
            warnings,
            origin.clone(),
            "more than one code on a verb block head: only the first is used",
        );
    }
    BlockDraft {
        code,
        verbs: Vec::new(),
        patterns: Vec::new(),
        origin,
    }
}

/// Splits a verb phrase into words, removing the `+` that marks the verb word (default: the
/// first word).
fn verb_words(text: &str) -> Result<(Vec<RawWord<'_>>, usize), String> {
    let mut words = split_words(text);
    if words.is_empty() {
        return Err("verb line without a verb".to_owned());
    }
    let mut verb_at = None;
    for (i, word) in words.iter_mut().enumerate() {
        if let Some(stripped) = word.text.strip_prefix('+') {
            if verb_at.is_some() {
                return Err(format!("more than one word marked with `+` in `{text}`"));
            }
            verb_at = Some(i);
            word.text = stripped;
        }
        if word.text.is_empty() {
            return Err(format!("`+` without a word in `{text}`"));
        }
        if word
            .text
            .contains(['*', '$', '%', '^', '&', '(', ')', '[', ']', '{', '}', '+'])
        {
            return Err(format!(
                "`{text}` is not a verb (a pattern line without its leading `-`?)"
            ));
        }
    }
    Ok((words, verb_at.unwrap_or(0)))
}

fn parse_verb_line(
    text: &str,
    block_code: Option<&CodeSpec>,
    origin: &Origin,
    warnings: &mut Vec<Warning>,
) -> Result<VerbEntry, String> {
    let (before_code, groups, problems) = split_brackets(text);
    for problem in problems {
        warn(warnings, origin.clone(), problem);
    }
    let own_code = match groups.first() {
        Some(group) => Some(parse_code(group.inner)?),
        None => None,
    };
    if groups.len() > 1 {
        warn(
            warnings,
            origin.clone(),
            "more than one code on a verb line: only the first is used",
        );
    }
    let (head, listed) = match before_code.find('{') {
        Some(open) => {
            let inner = &before_code[open + 1..];
            let close = inner.find('}').ok_or("`{` without closing `}`")?;
            let trailing = inner[close + 1..].trim();
            if !trailing.is_empty() {
                warn(
                    warnings,
                    origin.clone(),
                    format!("text `{trailing}` after the verb forms ignored"),
                );
            }
            (&before_code[..open], Some(&inner[..close]))
        }
        None => {
            if before_code.contains('}') {
                return Err("`}` without `{`".to_owned());
            }
            (before_code, None)
        }
    };
    let (words, verb_at) = verb_words(head.trim())?;
    let lemma = words.iter().map(|w| w.text).collect::<Vec<_>>().join(" ");
    let mut forms = Vec::new();
    if let Some(phrase) = super::source::phrase_of(&words, Connectors::UnderscoreAdjacent) {
        forms.push(phrase);
    }
    match listed {
        Some(list) => {
            for form in list.split_whitespace() {
                let (form_words, _) = verb_words(form)?;
                if let Some(phrase) =
                    super::source::phrase_of(&form_words, Connectors::UnderscoreAdjacent)
                {
                    push_unique(&mut forms, phrase);
                }
            }
        }
        None => {
            let verb_word = words.get(verb_at).map(|w| w.text).unwrap_or_default();
            for inflected in verb_forms(verb_word) {
                let items = words.iter().enumerate().map(|(i, w)| {
                    let text = if i == verb_at {
                        inflected.as_str()
                    } else {
                        w.text
                    };
                    (text, w.joined)
                });
                if let Some(phrase) = make_phrase(items, Connectors::UnderscoreAdjacent) {
                    push_unique(&mut forms, phrase);
                }
            }
        }
    }
    if forms.is_empty() {
        return Err("verb without letters".to_owned());
    }
    Ok(VerbEntry {
        lemma,
        forms,
        code: own_code.or_else(|| block_code.cloned()),
        patterns: Vec::new(),
        origin: origin.clone(),
    })
}

enum Token<'a> {
    Word(&'a str),
    Star,
    Open(Group),
    Close(Group),
}

/// Splits a pattern body into tokens, each with "joined to the previous token by `_`".
fn tokenize(body: &str) -> Result<Vec<(Token<'_>, bool)>, String> {
    let mut tokens = Vec::new();
    let mut joined = false;
    let mut word_start: Option<usize> = None;
    for (i, c) in body.char_indices() {
        let mark = match c {
            '(' => Some(Token::Open(Group::Prepositional)),
            '{' => Some(Token::Open(Group::Noun)),
            ')' => Some(Token::Close(Group::Prepositional)),
            '}' => Some(Token::Close(Group::Noun)),
            '*' => Some(Token::Star),
            '[' | ']' => return Err(format!("unexpected `{c}` before the code")),
            _ => None,
        };
        // Inside `&NAME_...` an underscore belongs to the chunk (see `DraftElem::SynsetChunk`).
        let in_chunk = word_start.is_some_and(|begin| body[begin..].starts_with('&'));
        let ends_word = mark.is_some() || (c == '_' && !in_chunk) || c.is_whitespace();
        if ends_word {
            if let Some(begin) = word_start.take() {
                let word = &body[begin..i];
                let trimmed = word.trim_end_matches('_');
                tokens.push((Token::Word(trimmed), joined));
                // `&SET_ WORD`: the trailing underscore joins the next token.
                joined = trimmed.len() != word.len();
            }
        }
        if let Some(mark) = mark {
            tokens.push((mark, joined));
            joined = false;
        } else if c == '_' && !in_chunk {
            joined = true;
        } else if !ends_word && word_start.is_none() {
            word_start = Some(i);
        }
    }
    if let Some(begin) = word_start {
        tokens.push((Token::Word(body[begin..].trim_end_matches('_')), joined));
    }
    Ok(tokens)
}

fn word_elem(word: &str, adjacent: bool) -> Result<DraftElem, String> {
    let elem = match word {
        "$" => PatternElem::Source { adjacent },
        "+" => PatternElem::Target { adjacent },
        "%" => PatternElem::Compound { adjacent },
        "^" => PatternElem::Skip { adjacent },
        _ => {
            if let Some(raw) = word.strip_prefix('&') {
                if raw.trim_matches('_').is_empty() {
                    return Err("`&` without a set name".to_owned());
                }
                return Ok(DraftElem::SynsetChunk {
                    raw: raw.to_owned(),
                    adjacent,
                });
            }
            let key = atalaya_text::fold_key(word);
            if key.is_empty() {
                return Err(format!("pattern word `{word}` has no letters"));
            }
            PatternElem::Word(PhraseWord {
                key,
                stem: false,
                adjacent,
                no_endings: false,
            })
        }
    };
    Ok(DraftElem::Elem(elem))
}

fn parse_pattern(rest: &str, text: &str, origin: Origin) -> Result<PatternDraft, String> {
    let body = rest.trim();
    let open = body.rfind('[').ok_or("pattern without `[CODE]`")?;
    let after_open = &body[open + 1..];
    let close = after_open.find(']').ok_or("code without closing `]`")?;
    let trailing = after_open[close + 1..].trim();
    if !trailing.is_empty() {
        return Err(format!("text `{trailing}` after the code"));
    }
    let code = parse_code(&after_open[..close])?;
    let mut before = Vec::new();
    let mut after = Vec::new();
    let mut star_seen = false;
    let mut verb_adjacent = false;
    let mut open_groups: Vec<Group> = Vec::new();
    for (token, joined) in tokenize(&body[..open])? {
        let side = if star_seen { &mut after } else { &mut before };
        match token {
            Token::Star => {
                if star_seen {
                    return Err("more than one `*`".to_owned());
                }
                if !open_groups.is_empty() {
                    return Err("`*` inside a group".to_owned());
                }
                star_seen = true;
                verb_adjacent = joined;
            }
            Token::Open(group) => {
                open_groups.push(group);
                side.push(DraftElem::Elem(PatternElem::Open(group)));
            }
            Token::Close(group) => match open_groups.pop() {
                Some(opened) if opened == group => {
                    side.push(DraftElem::Elem(PatternElem::Close(group)));
                }
                _ => return Err("unbalanced `)` or `}`".to_owned()),
            },
            Token::Word(word) => side.push(word_elem(word, joined)?),
        }
    }
    if !star_seen {
        return Err("pattern without `*` (the verb)".to_owned());
    }
    if !open_groups.is_empty() {
        return Err("unclosed `(` or `{`".to_owned());
    }
    Ok(PatternDraft {
        before,
        after,
        verb_adjacent,
        code,
        text: text.to_owned(),
        origin,
    })
}

fn transform_actor(token: &str) -> Result<TransformActor, String> {
    match token {
        "." => Ok(TransformActor::Unspecified),
        "_" => Ok(TransformActor::Absent),
        _ if !token.is_empty() && token.chars().all(|c| c.is_ascii_lowercase()) => {
            Ok(TransformActor::Var(token.to_owned()))
        }
        _ => Err(format!(
            "`{token}` is not an actor variable (lowercase letter, `.` or `_`)"
        )),
    }
}

fn transform_verb(token: &str) -> TransformVerb {
    if token == "Q" {
        TransformVerb::Any
    } else {
        TransformVerb::Verb {
            name: token.to_owned(),
            verb: None,
        }
    }
}

fn parse_transformation(rest: &str, text: &str, origin: Origin) -> Result<Transformation, String> {
    const SHAPE: &str = "expected `~ a (b c VERB) VERB = d e CODE`";
    let (lhs, rhs) = rest.split_once('=').ok_or(SHAPE)?;
    let spaced = lhs.replace('(', " ( ").replace(')', " ) ");
    let left: Vec<&str> = spaced.split_whitespace().collect();
    let [outer_source, "(", inner_source, inner_target, inner_verb, ")", outer_verb] =
        left.as_slice()
    else {
        return Err(SHAPE.to_owned());
    };
    let right: Vec<&str> = rhs.split_whitespace().collect();
    let [result_source, result_target, code] = right.as_slice() else {
        return Err(SHAPE.to_owned());
    };
    let result_code = if *code == "Q" {
        TransformCode::Inner
    } else {
        TransformCode::Code(parse_code(
            code.trim_start_matches('[').trim_end_matches(']'),
        )?)
    };
    Ok(Transformation {
        outer_source: transform_actor(outer_source)?,
        inner_source: transform_actor(inner_source)?,
        inner_target: transform_actor(inner_target)?,
        inner_verb: transform_verb(inner_verb),
        outer_verb: transform_verb(outer_verb),
        result_source: transform_actor(result_source)?,
        result_target: transform_actor(result_target)?,
        result_code,
        text: text.to_owned(),
        origin,
    })
}

fn phrase_key(phrase: &Phrase) -> String {
    phrase
        .words
        .iter()
        .map(|w| w.key.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Points transformation verbs at the verb entry having that form.
fn resolve_transformation_verbs(
    transformations: &mut [Transformation],
    verbs: &[VerbEntry],
    warnings: &mut Vec<Warning>,
) {
    if transformations.is_empty() {
        return;
    }
    let mut by_form: HashMap<String, usize> = HashMap::new();
    for (index, verb) in verbs.iter().enumerate() {
        for form in &verb.forms {
            by_form.entry(phrase_key(form)).or_insert(index);
        }
    }
    for transformation in transformations {
        let origin = transformation.origin.clone();
        for slot in [
            &mut transformation.inner_verb,
            &mut transformation.outer_verb,
        ] {
            if let TransformVerb::Verb { name, verb } = slot {
                let key = split_words(name)
                    .iter()
                    .map(|w| atalaya_text::fold_key(w.text))
                    .collect::<Vec<_>>()
                    .join(" ");
                *verb = by_form.get(&key).copied();
                if verb.is_none() {
                    warn(
                        warnings,
                        origin.clone(),
                        format!("transformation verb `{name}` is not in the verb dictionary"),
                    );
                }
            }
        }
    }
}

/// Verb forms that more than one entry claims (reported by `dict check`).
pub(crate) fn duplicate_forms(verbs: &[VerbEntry]) -> Vec<(usize, usize, String)> {
    let mut first_owner: HashMap<String, usize> = HashMap::new();
    let mut duplicates = Vec::new();
    let mut reported: HashSet<(usize, String)> = HashSet::new();
    for (index, verb) in verbs.iter().enumerate() {
        for form in &verb.forms {
            let key = phrase_key(form);
            match first_owner.get(&key) {
                Some(&owner) if owner != index => {
                    if reported.insert((index, key.clone())) {
                        duplicates.push((owner, index, key));
                    }
                }
                Some(_) => {}
                None => {
                    first_owner.insert(key, index);
                }
            }
        }
    }
    duplicates
}
