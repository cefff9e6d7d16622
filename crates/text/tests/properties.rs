//! Property-style checks over many generated strings, and large/pathological inputs that must
//! run in linear time without panicking.

use atalaya_text::{
    fold_key, normalize, paragraphs, sentences, sentences_in, tokenize, Paragraph, SentenceSpan,
};

/// Small deterministic PRNG (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Pieces that exercise every rule: abbreviations, quotes, clitics, numbers, multi-byte and
/// invisible characters, line breaks.
const PIECES: &[&str] = &[
    "a",
    "Mexico",
    "México",
    "said",
    "the",
    "The",
    "U.S.",
    "U.S",
    "Gen.",
    "J.",
    "p.m.",
    "No.",
    "Inc.",
    "vs.",
    "St.",
    " ",
    " ",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    ".",
    ".",
    "!",
    "?",
    "...",
    "…",
    ",",
    ";",
    ":",
    "\"",
    "“",
    "”",
    "'",
    "’",
    "‘",
    "(",
    ")",
    "[",
    "]",
    "-",
    "--",
    "—",
    "–",
    "'s",
    "’s",
    "n't",
    "s'",
    "'90s",
    "3.5",
    "1,200",
    "$5",
    "$",
    "%",
    "&",
    "é",
    "e\u{301}",
    "\u{301}",
    "\u{308}\u{301}",
    "😀",
    "👍🏽",
    "שלום",
    "مرحبا",
    "हिन्दी",
    "中国",
    "ß",
    "Ø",
    "\u{a0}",
    "\u{200b}",
    "\u{200d}",
    "\u{feff}",
    "\u{ad}",
    "\u{7}",
    "\u{0}",
    "\u{2029}",
    "\u{2028}",
    "\u{85}",
    "\r",
    "İ",
    "ǅ",
    "ﬁ",
    "Ⅻ",
    "²",
    "0",
    "9",
    "x",
    "Q",
    "&T",
    "cannot",
    "O'",
    "Brien",
    "MEXICO CITY (Reuters) - ",
    "WASHINGTON — ",
];

fn random_text(rng: &mut Rng, max_pieces: usize) -> String {
    let n = rng.below(max_pieces + 1);
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(PIECES[rng.below(PIECES.len())]);
    }
    s
}

fn is_skippable(c: char) -> bool {
    c.is_whitespace() || c.is_control() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

fn check_span(text: &str, start: usize, end: usize, what: &str) {
    assert!(start < end, "{what}: empty span {start}..{end} in {text:?}");
    assert!(end <= text.len(), "{what}: span past end in {text:?}");
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what}: {text:?}"
    );
    let inner = &text[start..end];
    let first = inner.chars().next().unwrap_or(' ');
    let last = inner.chars().next_back().unwrap_or(' ');
    assert!(
        !is_skippable(first) && !is_skippable(last),
        "{what}: untrimmed span {inner:?} in {text:?}"
    );
}

fn check_paragraphs(text: &str) -> Vec<Paragraph> {
    let paras = paragraphs(text);
    let mut prev_end = 0;
    for p in &paras {
        check_span(text, p.start, p.end, "paragraph");
        assert!(p.start >= prev_end, "overlapping paragraphs in {text:?}");
        prev_end = p.end;
    }
    paras
}

fn check_sentences(text: &str, paras: &[Paragraph]) -> Vec<SentenceSpan> {
    let spans = sentences(text);
    let mut prev_end = 0;
    for s in &spans {
        check_span(text, s.start, s.end, "sentence");
        assert!(s.start >= prev_end, "overlapping sentences in {text:?}");
        assert!(
            paras.iter().any(|p| p.start <= s.start && s.end <= p.end),
            "sentence {s:?} crosses a paragraph in {text:?}"
        );
        prev_end = s.end;
    }
    // `sentences` is `sentences_in` over each paragraph.
    let per_paragraph: Vec<SentenceSpan> = paras
        .iter()
        .flat_map(|p| sentences_in(text, p.start, p.end))
        .collect();
    assert_eq!(spans, per_paragraph);
    // Every visible character of a paragraph is in some sentence.
    for p in paras {
        for (i, c) in text[p.start..p.end].char_indices() {
            let at = p.start + i;
            if !is_skippable(c) {
                assert!(
                    spans.iter().any(|s| s.start <= at && at < s.end),
                    "char {c:?} at {at} outside every sentence in {text:?}"
                );
            }
        }
    }
    spans
}

fn check_tokens(text: &str, span: SentenceSpan) {
    let sentence = &text[span.start..span.end];
    let tokens = tokenize(sentence, span.start);
    let mut prev_end = span.start;
    for t in &tokens {
        assert!(t.start < t.end, "empty token {t:?} in {sentence:?}");
        assert!(t.start >= prev_end, "overlapping tokens in {sentence:?}");
        assert!(t.end <= span.end);
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        assert_eq!(&text[t.start..t.end], t.text);
        assert_eq!(t.key, fold_key(t.text));
        assert!(
            !t.text.chars().any(char::is_whitespace),
            "whitespace in {t:?}"
        );
        for part in t.hyphen_parts() {
            assert_eq!(&text[part.start..part.end], part.text);
            assert!(t.start <= part.start && part.end <= t.end);
        }
        prev_end = t.end;
    }
    // Every visible character is covered by a token.
    for (i, c) in sentence.char_indices() {
        let at = span.start + i;
        if !is_skippable(c) {
            assert!(
                tokens.iter().any(|t| t.start <= at && at < t.end),
                "char {c:?} at {at} not in any token of {sentence:?}"
            );
        }
    }
}

fn check_fold(s: &str) {
    let key = fold_key(s);
    assert_eq!(fold_key(&key), key, "fold_key not idempotent on {s:?}");
    assert!(!key.starts_with(' ') && !key.ends_with(' ') && !key.contains("  "));
    assert!(!key.bytes().any(|b| b.is_ascii_uppercase()));
}

#[test]
fn generated_strings_keep_all_invariants() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..4000 {
        let text = random_text(&mut rng, 40);
        let paras = check_paragraphs(&text);
        for span in check_sentences(&text, &paras) {
            check_tokens(&text, span);
        }
        check_fold(&text);
        let normalized = normalize(&text);
        assert_eq!(
            normalize(&normalized),
            normalized,
            "normalize not idempotent on {text:?}"
        );
        assert!(!normalized.contains('\r'));
    }
}

#[test]
fn tokenizing_whole_paragraphs_also_keeps_invariants() {
    let mut rng = Rng(42);
    for _ in 0..2000 {
        let text = random_text(&mut rng, 30);
        for p in paragraphs(&text) {
            check_tokens(
                &text,
                SentenceSpan {
                    start: p.start,
                    end: p.end,
                },
            );
        }
    }
}

#[test]
fn every_piece_alone_and_doubled() {
    for a in PIECES {
        for b in PIECES {
            let text = format!("{a}{b}");
            let paras = check_paragraphs(&text);
            for span in check_sentences(&text, &paras) {
                check_tokens(&text, span);
            }
            check_fold(&text);
        }
    }
}

/// Runs the whole pipeline on `text`; returns (sentences, tokens).
fn pipeline(text: &str) -> (usize, usize) {
    let spans = sentences(text);
    let tokens: usize = spans
        .iter()
        .map(|s| tokenize(&text[s.start..s.end], s.start).len())
        .sum();
    (spans.len(), tokens)
}

#[test]
fn five_megabyte_sentence_without_punctuation() {
    let text = "word ".repeat(1_000_000);
    let (sentences, tokens) = pipeline(&text);
    assert_eq!(sentences, 1);
    assert_eq!(tokens, 1_000_000);
    let paras = paragraphs(&text);
    assert_eq!(paras.len(), 1);
}

#[test]
fn pathological_inputs_run_and_stay_consistent() {
    let size = 400_000;
    let cases: Vec<String> = vec![
        "a".repeat(size),
        "a.".repeat(size / 2),
        "a. ".repeat(size / 3),
        "U.S. ".repeat(size / 5),
        "!".repeat(size),
        ".".repeat(size),
        "'".repeat(size),
        "-".repeat(size),
        "\u{301}".repeat(size / 2),
        "é".repeat(size / 2),
        "'s".repeat(size / 2),
        "n't ".repeat(size / 4),
        "1,".repeat(size / 2),
        "(".repeat(size),
        ". (".repeat(size / 3),
        "\n".repeat(size),
        "x\n".repeat(size / 2),
        " ".repeat(size),
        "No.".repeat(size / 3) + " ",
        "😀".repeat(size / 4),
    ];
    for text in &cases {
        let (n_sentences, _) = pipeline(text);
        assert!(n_sentences <= text.len());
        let whole = tokenize(text, 0);
        for t in whole.iter().take(1000) {
            assert_eq!(&text[t.start..t.end], t.text);
        }
        let _ = fold_key(text);
        let _ = normalize(text);
    }
}

#[test]
fn realistic_article_end_to_end() {
    let article = "MEXICO CITY (Reuters) - Mexican President Claudia Sheinbaum said on Tuesday \
                   that Mexico would not accept U.S. military action on its soil. \"We don't \
                   want any intervention,\" she told reporters.\n\n\
                   U.S. officials said Gen. Ana Ruiz met Sen. John Doe at 3 p.m. Tuesday. The \
                   Pentagon's statement didn't mention drones.\n\n\
                   Analysts said cross-border tensions had eased... Nobody expected 1,200 \
                   troops in the U.S. The next day, talks resumed.";
    let spans = sentences(article);
    let texts: Vec<&str> = spans.iter().map(|s| &article[s.start..s.end]).collect();
    assert_eq!(
        texts,
        [
            "MEXICO CITY (Reuters) - Mexican President Claudia Sheinbaum said on Tuesday that \
             Mexico would not accept U.S. military action on its soil.",
            "\"We don't want any intervention,\" she told reporters.",
            "U.S. officials said Gen. Ana Ruiz met Sen. John Doe at 3 p.m. Tuesday.",
            "The Pentagon's statement didn't mention drones.",
            "Analysts said cross-border tensions had eased...",
            "Nobody expected 1,200 troops in the U.S.",
            "The next day, talks resumed."
        ]
    );
    let third = spans[3];
    let tokens = tokenize(&article[third.start..third.end], third.start);
    let got: Vec<&str> = tokens.iter().map(|t| t.text).collect();
    assert_eq!(
        got,
        [
            "The",
            "Pentagon",
            "'s",
            "statement",
            "did",
            "n't",
            "mention",
            "drones",
            "."
        ]
    );
    for t in &tokens {
        assert_eq!(&article[t.start..t.end], t.text);
    }
}
