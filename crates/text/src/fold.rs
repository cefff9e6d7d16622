//! Match keys ([`fold_key`]) and the optional ingest normalization ([`normalize`]).
//!
//! `fold_key` is lossy on purpose: it is what dictionaries and tokens are compared on, never
//! what is shown to users. `normalize` keeps the text readable but changes byte lengths, so it
//! may only run *before* an article's text is stored; offsets always refer to the stored text.

use unicode_normalization::char::decompose_compatible;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Folds a word or phrase to its match key.
///
/// Rules, in order, for each character:
/// - whitespace runs become one ASCII space; leading and trailing whitespace is dropped;
///   control characters, zero-width characters, the soft hyphen and the BOM are dropped;
/// - letters without a Unicode decomposition are spelled out: `ß`→`ss`, `ø`→`o`, `æ`→`ae`,
///   `œ`→`oe`, `ł`→`l`, `đ`/`ð`→`d`, `þ`→`th`, `ı`→`i`;
/// - curly single quotes, primes and `ʼ`/`´` become `'`; curly double quotes and guillemets
///   become `"`; hyphens, dashes and the minus sign become `-`;
/// - everything else is decomposed (NFKD, so `ﬁ`→`fi`, `…`→`...`, full-width forms → ASCII),
///   diacritic marks are removed (the generic combining-diacritics blocks, Hebrew points,
///   Arabic harakat and tatweel, variation selectors) and the rest is lowercased.
///   Marks of scripts where they are letters (Devanagari vowel signs, …) are kept, and Hangul
///   syllables are left composed.
///
/// ASCII input takes a fast path (lowercase + whitespace collapsing).
///
/// ```
/// use atalaya_text::fold_key;
/// assert_eq!(fold_key("Cártel"), "cartel");
/// assert_eq!(fold_key("CARTEL"), "cartel");
/// assert_eq!(fold_key("  López   Obrador "), "lopez obrador");
/// assert_eq!(fold_key("Gondor’s"), "gondor's");
/// ```
pub fn fold_key(s: &str) -> String {
    let bytes = s.as_bytes();
    // Commonest case by far: one ASCII token with no spaces or controls.
    if bytes.iter().all(|b| (0x21..0x7f).contains(b)) {
        return s.to_ascii_lowercase();
    }
    let mut out = KeyBuilder {
        out: String::with_capacity(s.len()),
        pending_space: false,
    };
    if s.is_ascii() {
        for &b in bytes {
            out.push_ascii(b);
        }
    } else {
        for c in s.chars() {
            fold_char(c, &mut out);
        }
    }
    out.out
}

/// Output buffer of [`fold_key`] that collapses and trims whitespace as it goes.
struct KeyBuilder {
    out: String,
    /// A space is owed before the next visible character (never emitted at the start or end).
    pending_space: bool,
}

impl KeyBuilder {
    #[inline]
    fn push_ascii(&mut self, b: u8) {
        if b.is_ascii_whitespace() || b == 0x0B {
            self.space();
        } else if !(b < 0x20 || b == 0x7f) {
            self.push(b.to_ascii_lowercase() as char);
        }
    }

    #[inline]
    fn space(&mut self) {
        if !self.out.is_empty() {
            self.pending_space = true;
        }
    }

    #[inline]
    fn push(&mut self, c: char) {
        if self.pending_space {
            self.out.push(' ');
            self.pending_space = false;
        }
        self.out.push(c);
    }

    fn push_str(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        if self.pending_space {
            self.out.push(' ');
            self.pending_space = false;
        }
        self.out.push_str(s);
    }
}

fn fold_char(c: char, out: &mut KeyBuilder) {
    if c.is_ascii() {
        out.push_ascii(c as u8);
        return;
    }
    if c.is_whitespace() {
        out.space();
        return;
    }
    if let Some(rep) = special_fold(c) {
        out.push_str(rep);
        return;
    }
    if c.is_control() || is_droppable_mark(c) {
        return;
    }
    if ('\u{AC00}'..='\u{D7A3}').contains(&c) {
        // Hangul syllables: NFKD would explode them into jamo, which folds nothing useful.
        out.push(c);
        return;
    }
    decompose_compatible(c, |d| {
        if d.is_ascii() {
            out.push_ascii(d as u8);
        } else if d.is_whitespace() {
            out.space();
        } else if let Some(rep) = special_fold(d) {
            out.push_str(rep);
        } else if !is_droppable_mark(d) {
            for l in d.to_lowercase() {
                if !is_droppable_mark(l) {
                    out.push(l);
                }
            }
        }
    });
}

/// Replacements for characters that NFKD does not handle the way a match key needs.
/// `Some("")` drops the character.
fn special_fold(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{00DF}' | '\u{1E9E}' => "ss",
        '\u{00F8}' | '\u{00D8}' => "o",
        '\u{00E6}' | '\u{00C6}' => "ae",
        '\u{0153}' | '\u{0152}' => "oe",
        '\u{0111}' | '\u{0110}' | '\u{00F0}' | '\u{00D0}' => "d",
        '\u{00FE}' | '\u{00DE}' => "th",
        '\u{0142}' | '\u{0141}' | '\u{0140}' | '\u{013F}' => "l",
        '\u{0127}' | '\u{0126}' => "h",
        '\u{0131}' => "i",
        '\u{0138}' => "k",
        // Apostrophe-like: curly single quotes, primes, modifier apostrophe, acute/grave accents.
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{2035}'
        | '\u{02BC}' | '\u{02BB}' | '\u{02B9}' | '\u{00B4}' | '\u{FF07}' => "'",
        // Double quotes and guillemets.
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{2036}'
        | '\u{00AB}' | '\u{00BB}' | '\u{FF02}' => "\"",
        // Hyphens, dashes, minus signs.
        '\u{2010}'..='\u{2015}'
        | '\u{2212}'
        | '\u{2E3A}'
        | '\u{2E3B}'
        | '\u{FE58}'
        | '\u{FE63}'
        | '\u{FF0D}' => "-",
        // Invisible or purely presentational: soft hyphen, zero-width characters, BOM,
        // spacing diacritics that NFKD would turn into a space plus a mark.
        '\u{00AD}'
        | '\u{200B}'..='\u{200F}'
        | '\u{2060}'..='\u{2064}'
        | '\u{FEFF}'
        | '\u{00A8}'
        | '\u{00AF}'
        | '\u{00B8}'
        | '\u{02D8}'..='\u{02DD}' => "",
        _ => return None,
    })
}

/// Diacritics removed from match keys. Deliberately narrower than "all combining marks":
/// in Indic and many other scripts marks are vowels, and dropping them would merge words.
fn is_droppable_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'      // combining diacritical marks
        | '\u{1AB0}'..='\u{1AFF}'    // ... extended
        | '\u{1DC0}'..='\u{1DFF}'    // ... supplement
        | '\u{20D0}'..='\u{20FF}'    // ... for symbols
        | '\u{FE20}'..='\u{FE2F}'    // half marks
        | '\u{FE00}'..='\u{FE0F}'    // variation selectors
        | '\u{0591}'..='\u{05BD}' | '\u{05BF}' | '\u{05C1}' | '\u{05C2}' | '\u{05C4}' | '\u{05C5}'
        | '\u{05C7}'                 // Hebrew points and cantillation
        | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}'
        | '\u{06D6}'..='\u{06DC}' | '\u{06DF}'..='\u{06E4}' | '\u{06E7}' | '\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'    // Arabic harakat, Quranic marks, tatweel
    )
}

/// Optional ingest pre-step: Unicode NFC plus whitespace and line-ending cleanup.
///
/// **This changes byte lengths**, so it must run before an article's text is stored, never
/// between storing it and computing offsets: every offset produced by this crate (and stored in
/// event records) refers to whatever string was passed to [`crate::paragraphs`],
/// [`crate::sentences`] and [`crate::tokenize`]. The coder itself works on the text as stored and
/// does not need this step: its splitters already treat all Unicode whitespace as whitespace.
///
/// What it does:
/// - `\r\n`, lone `\r`, U+0085 (NEL), U+2028 (line separator) and vertical tab → `\n`;
///   U+2029 (paragraph separator) and form feed → `\n\n` (a paragraph break);
/// - tab, NBSP, narrow NBSP, the U+2000–U+200A spaces, U+205F, U+3000, U+1680 → ASCII space;
/// - zero-width space, word joiner, BOM, soft hyphen and other control characters are removed;
/// - the result is put in NFC (composed accents: `e` + U+0301 → `é`).
///
/// It does not collapse spaces, change quotes or dashes, or alter letter case: the text stays as
/// the author wrote it (folding for matching is [`fold_key`]'s job).
pub fn normalize(s: &str) -> String {
    let needs_mapping = !s.is_ascii() || s.bytes().any(|b| (b < 0x20 && b != b'\n') || b == 0x7f);
    if !needs_mapping {
        return s.to_owned();
    }
    let mut mapped = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                mapped.push('\n');
            }
            '\n' | '\u{0085}' | '\u{2028}' | '\u{000B}' => mapped.push('\n'),
            '\u{2029}' | '\u{000C}' => mapped.push_str("\n\n"),
            '\t'
            | '\u{00A0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200A}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}' => mapped.push(' '),
            '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => {}
            c if c.is_control() => {}
            c => mapped.push(c),
        }
    }
    if is_nfc_quick(mapped.chars()) == IsNormalized::Yes {
        mapped
    } else {
        mapped.nfc().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(fold_key("Cártel"), "cartel");
        assert_eq!(fold_key("CARTEL"), "cartel");
        assert_eq!(fold_key("López Obrador"), "lopez obrador");
        assert_eq!(fold_key("MÉXICO"), "mexico");
        assert_eq!(fold_key("Peña Nieto"), "pena nieto");
        assert_eq!(fold_key("Nuevo León"), "nuevo leon");
        assert_eq!(fold_key("Çatalhöyük"), "catalhoyuk");
    }

    #[test]
    fn decomposed_input_folds_like_composed_input() {
        // "é" written as e + combining acute.
        assert_eq!(fold_key("Me\u{301}xico"), fold_key("México"));
        assert_eq!(fold_key("Me\u{301}xico"), "mexico");
    }

    #[test]
    fn spells_out_letters_without_decomposition() {
        assert_eq!(fold_key("Straße"), "strasse");
        assert_eq!(fold_key("STRASSE"), "strasse");
        assert_eq!(fold_key("Søren Ærø"), "soren aero");
        assert_eq!(fold_key("Œuvre"), "oeuvre");
        assert_eq!(fold_key("Łódź"), "lodz");
        assert_eq!(fold_key("Þór"), "thor");
    }

    #[test]
    fn folds_quotes_and_dashes() {
        assert_eq!(fold_key("Gondor’s"), "gondor's");
        assert_eq!(fold_key("didn’t"), "didn't");
        assert_eq!(fold_key("O´Brien"), "o'brien");
        assert_eq!(fold_key("“quoted”"), "\"quoted\"");
        assert_eq!(fold_key("«sí»"), "\"si\"");
        assert_eq!(fold_key("cross‑border"), "cross-border");
        assert_eq!(fold_key("2019–2020"), "2019-2020");
        assert_eq!(fold_key("a — b"), "a - b");
        assert_eq!(fold_key("−5"), "-5");
    }

    #[test]
    fn compatibility_forms_fold_to_ascii() {
        assert_eq!(fold_key("ﬁnance"), "finance");
        assert_eq!(fold_key("ＵＳＡ"), "usa");
        assert_eq!(fold_key("wait…"), "wait...");
        assert_eq!(fold_key("İstanbul"), "istanbul");
    }

    #[test]
    fn collapses_and_trims_whitespace() {
        assert_eq!(fold_key("  a \t\n b  "), "a b");
        assert_eq!(fold_key("Ciudad\u{a0}de\u{2003}México"), "ciudad de mexico");
        assert_eq!(fold_key(""), "");
        assert_eq!(fold_key(" \u{a0}\n"), "");
    }

    #[test]
    fn drops_invisible_characters_and_lone_marks() {
        assert_eq!(fold_key("Shein\u{ad}baum"), "sheinbaum");
        assert_eq!(fold_key("\u{feff}ab\u{200b}c"), "abc");
        assert_eq!(fold_key("\u{301}\u{308}"), "");
        assert_eq!(fold_key("a\u{7}b"), "ab");
    }

    #[test]
    fn keeps_other_scripts_and_symbols() {
        assert_eq!(fold_key("ΑΘΗΝΑ"), "αθηνα");
        assert_eq!(fold_key("Москва"), "москва");
        assert_eq!(fold_key("한국"), "한국");
        assert_eq!(fold_key("😀"), "😀");
        // Hebrew points and Arabic harakat are removed, the letters stay.
        assert_eq!(fold_key("שָׁלוֹם"), "שלום");
        assert_eq!(fold_key("مُحَمَّد"), "محمد");
        // Devanagari vowel signs are letters, not accents.
        assert_eq!(fold_key("हिन्दी"), "हिन्दी");
    }

    #[test]
    fn ascii_keeps_punctuation() {
        assert_eq!(fold_key("U.S."), "u.s.");
        assert_eq!(fold_key("al-Qaeda"), "al-qaeda");
        assert_eq!(fold_key("$5"), "$5");
    }

    #[test]
    fn normalize_line_endings_and_spaces() {
        assert_eq!(normalize("a\r\nb\rc"), "a\nb\nc");
        assert_eq!(normalize("a\u{2029}b"), "a\n\nb");
        assert_eq!(normalize("a\u{a0}b\tc\u{202f}d"), "a b c d");
        assert_eq!(normalize("\u{feff}Shein\u{ad}baum\u{7}"), "Sheinbaum");
        assert_eq!(normalize("plain ascii\n"), "plain ascii\n");
    }

    #[test]
    fn normalize_composes_to_nfc() {
        let out = normalize("Me\u{301}xico");
        assert_eq!(out, "México");
        assert_eq!(out.chars().count(), 6);
        // Quotes, dashes and case are left alone.
        assert_eq!(normalize("“Sí” — dijo"), "“Sí” — dijo");
    }
}
