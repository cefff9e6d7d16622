//! PETRARCH-2 dictionary loader: verbs (PETRARCH-2 and PETRARCH-1 pattern syntax), actors,
//! agents, discards and the internal coding ontology, into the shared [`crate::model`].
//!
//! Each file kind has its own module; `source` holds what they share (decoding, comments,
//! words). Every loader returns its entries plus [`Warning`]s: a malformed line is reported
//! with file and line and skipped, loading goes on; only an unreadable file is an error. Lines
//! that are not UTF-8 are read as Latin-1, with a warning.
//!
//! Rules shared by all files (details in each module's documentation):
//! - Comments: `#` or `;` to the end of the line (outside `[...]`, so `[###]` stays a code),
//!   and `<!-- ... -->` over one or several lines.
//! - Words are separated by blanks or `_`; every word is stored as its folded key
//!   (`atalaya_text::fold_key`). PETRARCH-2 matches whole words only, so
//!   [`PhraseWord::stem`](crate::PhraseWord::stem) is false everywhere except the last word
//!   of a discard phrase not ending in `_` (the discard specification says it is a stem).
//! - [`PhraseWord::adjacent`](crate::PhraseWord::adjacent): actor names, synonym set members
//!   and discards are consecutive words whatever the connector; in agent phrases, verb phrases
//!   and patterns `_` means consecutive and a blank allows words in between.
//! - Regular noun plurals and verb forms are generated as described in `inflect`
//!   ([`load_agents`], [`load_verbs`]).

mod actors;
mod agents;
mod dir;
mod discards;
mod inflect;
mod ontology;
mod source;
mod verbs;

pub use actors::load_actors;
pub use agents::load_agents;
pub use dir::{load_dir_petrarch, load_petrarch_files, PetrarchFiles};
pub use discards::load_discards;
pub use ontology::load_code_ontology;
pub use verbs::{load_verbs, VerbDictionary};

#[cfg(doc)]
use crate::Warning;
