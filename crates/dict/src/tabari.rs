//! TABARI dictionary loader: `.project`, `.options`, `.actors`, `.agents`, `.verbs` and
//! `.issues` files as described in the TABARI 0.8.4 manual, read into the shared
//! [`Dictionaries`](crate::Dictionaries) model (`format = DictFormat::Tabari`).
//!
//! Entry points: [`load_project`], [`load_dir_tabari`], or [`TabariLoader`] for single files;
//! [`apply_option_command`] for a validation record's `option_command`; [`tabari_settings`]
//! to read the options back typed; [`classify_code`] for the special codes.
//!
//! # How TABARI notation lands in the model
//!
//! * **Phrases** (all files): tokens separated by blanks or underscores; hyphens count as
//!   underscores. A word followed by `_` matches exactly; otherwise it is a stem
//!   (`PhraseWord::stem`, prefix match). Words joined by `_` must be adjacent; a blank lets other
//!   words intervene (`PhraseWord::adjacent`; "AL GORE" also matches "Al 'The Weasel' Gore").
//!   `WORD~` is a stem glued to the next token; `WORD=` is exact and takes no regular endings
//!   (`PhraseWord::no_endings`). The regular endings themselves (S, ES, ED, EN, ING, 'S on the
//!   last word of an exact phrase) are *not* spelled out: the coder applies them for
//!   `DictFormat::Tabari`.
//! * **Actors**: `NAME [CODE]`, `+SYNONYM` lines and indented `[CODE <YYMMDD]` lines build one
//!   [`ActorEntry`](crate::ActorEntry); `name` is the first phrase as written. Codes keep their
//!   order; `<D` / `>D` / `A-B` restrictions are inclusive; two-digit years 00–30 are 2000–2030
//!   and 31–99 are 1931–1999 (8-digit years are taken as written). When every code is
//!   date-restricted, an unrestricted `---` is appended (manual 6.5.2). Coded compounds stay
//!   one code string (`ELR/GAL`); `---`, `###`, `+++` are kept as codes.
//! * **Agents**: `[~GOV]` → `Suffix`, `[NGO~]` → `Prefix`, code without the tilde.
//! * **Verbs**: a root line starts a [`VerbEntry`](crate::VerbEntry) (`forms[0]` is the root,
//!   `{...}` lines add irregular forms); `- ... * ... [code]` lines add patterns. `{ A | B }`
//!   alternative sets are expanded into one [`Pattern`](crate::Pattern) per combination (same
//!   `text` and origin). `$ + % ^` map to Source/Target/Compound/Skip, `@` to Skip, `&NAME`
//!   to a synset index. Each verb's `patterns` list is in TABARI evaluation order: longest
//!   first by the manual's character count, file order among equals. Duplicate roots merge
//!   into the first. Codes are kept as written in `CodeSpec::Code` (`075A`, `023?` subordinate,
//!   `031!` dominant, `###` discard, `+++` complex); `[---]` is `CodeSpec::Null`; `[a:b]` is
//!   `Paired`.
//! * **Synsets**: nested `&SET` references inside members are expanded (stems kept). Actor
//!   tokens inside members cannot be represented and are dropped with a warning.
//! * **`<TIME>`**: each root gives a [`TimeShift`](crate::TimeShift); its patterns become full
//!   phrases (the `*` replaced by the root's words) listed before the root, longest first.
//!   `days` is `None` for `---`, `###`, `+++` (kept in `raw`).
//! * **`<NOUN>` / `<ADJECTIVE>`** (any dictionary file) fill `nouns` / `adjectives`.
//!   `<ATTRIB>` sections are skipped with a warning.
//! * **Options**: see [`apply_option_command`]; the comma bounds start at TABARI's defaults.
//!
//! Malformed lines become [`Warning`](crate::Warning)s naming file and line, and loading goes
//! on; unreadable files are [`DictError::Io`](crate::DictError) naming the file.

mod codes;
mod lines;
mod loader;
mod options;
mod phrase;
mod project;
mod verbs;

pub use codes::{classify_code, CodeKind, CodePriority, COMPLEX_CODE, DISCARD_CODE, NULL_CODE};
pub use loader::TabariLoader;
pub use options::{
    apply_option_command, tabari_settings, CodeBy, ComplexConditions, DefaultActors, Nonevents,
    TabariSettings,
};
pub use project::{load_dir_tabari, load_project, parse_project, TabariProject};
