//! Character classes and panic-free slicing helpers shared by the splitters and the tokenizer.
//!
//! Every position handled here is a byte offset; the helpers return `None` / `""` instead of
//! panicking when an offset is out of range or not on a char boundary.

/// The char starting at byte `i`, if `i` is a char boundary inside `s`.
#[inline]
pub(crate) fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..)?.chars().next()
}

/// The char ending at byte `i`, if `i` is a char boundary inside `s`.
#[inline]
pub(crate) fn char_before(s: &str, i: usize) -> Option<char> {
    s.get(..i)?.chars().next_back()
}

/// `s[a..b]`, or `""` when the range is not valid (never happens for offsets this crate computes).
#[inline]
pub(crate) fn slice(s: &str, a: usize, b: usize) -> &str {
    s.get(a..b).unwrap_or("")
}

/// Whitespace plus the invisible characters that behave like it for splitting: control
/// characters, zero-width space, word joiner and the byte-order mark.
#[inline]
pub(crate) fn is_space_like(c: char) -> bool {
    c.is_whitespace() || c.is_control() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// Characters that may follow a sentence-final mark and still belong to the sentence.
#[inline]
pub(crate) fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '}' | '\u{201D}' | '\u{2019}' | '\u{00BB}' | '\u{203A}'
    )
}

/// Characters that may precede the first word of a sentence.
#[inline]
pub(crate) fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '('
            | '['
            | '{'
            | '\u{201C}'
            | '\u{201E}'
            | '\u{2018}'
            | '\u{00AB}'
            | '\u{2039}'
            | '\u{00BF}'
            | '\u{00A1}'
    )
}

/// Apostrophes that can mark a possessive or a contraction (`'`, `’`, `ʼ`).
#[inline]
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// Hyphens that join the parts of a word (`-`, U+2010 hyphen, U+2011 non-breaking hyphen).
#[inline]
pub(crate) fn is_joining_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Characters that never start a token but continue the one before them: combining marks,
/// zero-width (non-)joiners and the soft hyphen.
#[inline]
pub(crate) fn is_word_continuer(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    matches!(c, '\u{00AD}' | '\u{200C}' | '\u{200D}')
        || unicode_normalization::char::is_combining_mark(c)
}

/// Currency signs that form one number token with the digits after them (`$5`, `€3.2`).
#[inline]
pub(crate) fn is_currency(c: char) -> bool {
    matches!(
        c,
        '$' | '\u{00A2}'
            | '\u{00A3}'
            | '\u{00A5}'
            | '\u{20AC}'
            | '\u{20B9}'
            | '\u{20BD}'
            | '\u{20A9}'
            | '\u{20B1}'
            | '\u{20AA}'
            | '\u{20BA}'
    )
}

/// Punctuation (as opposed to other symbols such as `%`, `&` or emoji).
#[inline]
pub(crate) fn is_punctuation(c: char) -> bool {
    if c.is_ascii() {
        return matches!(
            c,
            '.' | ','
                | ';'
                | ':'
                | '!'
                | '?'
                | '"'
                | '\''
                | '('
                | ')'
                | '['
                | ']'
                | '{'
                | '}'
                | '-'
                | '/'
                | '`'
        );
    }
    matches!(c,
        '\u{00A1}' | '\u{00AB}' | '\u{00B7}' | '\u{00BB}' | '\u{00BF}'
        | '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{205E}'
        | '\u{2E00}'..='\u{2E4F}'
        | '\u{3001}'..='\u{3003}'
        | '\u{3008}'..='\u{3011}'
        | '\u{060C}' | '\u{061B}' | '\u{061F}' | '\u{06D4}'
        | '\u{05BE}' | '\u{05C0}' | '\u{05C3}' | '\u{05C6}' | '\u{05F3}' | '\u{05F4}'
        | '\u{FF01}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}'
    )
}

/// Trims [`is_space_like`] characters from both ends of `s[start..end]` and returns the new bounds.
pub(crate) fn trim_span(s: &str, start: usize, end: usize) -> (usize, usize) {
    let inner = slice(s, start, end);
    let lead = inner.len() - inner.trim_start_matches(is_space_like).len();
    let trimmed = inner.trim_end_matches(is_space_like);
    if trimmed.len() <= lead {
        return (start + lead, start + lead);
    }
    (start + lead, start + trimmed.len())
}
