//! Page furniture: the parts of a stored web page that are not the article's prose.
//!
//! Text extracted from news pages keeps menus ("Accessibility links", "Breaking News"), the
//! headline repeated above the lead, photo captions (often twice: alt text and caption),
//! "Related" teasers and the outlet's boilerplate. Coding them makes false events (a 2011 photo
//! of three presidents "meet"ing becomes a meeting today) and duplicates. [`furniture`] marks
//! the sentences to leave out; the coder skips them.
//!
//! The rules look only at shape and repetition, never at a list of outlets:
//! - a paragraph without sentence-final punctuation and of at most 16 words is a heading, menu
//!   item or label (the headline, "Breaking News", "update");
//! - a paragraph or a line immediately repeated is a caption shown twice: both copies go;
//! - a paragraph (or a sentence) already seen earlier in the text is a repeat: it goes;
//! - a caption marker opens the paragraph: `FILE -`, `FILE PHOTO`, `(AP Photo`, `Photo:`;
//! - a sentence equal to the article's title;
//! - a paragraph opened by a list bullet (`•`, `▪`): teasers and link lists;
//! - a caption that places people in the picture ("…, center, …", "second left") while naming
//!   a date: the typical wire caption.

use crate::paragraph::paragraphs;
use crate::sentence::SentenceSpan;

const MAX_HEADING_WORDS: usize = 16;

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

fn ends_like_prose(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| {
        matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»') || c.is_whitespace()
    });
    t.ends_with(['.', '!', '?', '…', ':', ';'])
}

fn normalized(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn caption_opening(p: &str) -> bool {
    let t = p.trim_start();
    [
        "FILE -",
        "FILE –",
        "FILE —",
        "FILE PHOTO",
        "FILE:",
        "(AP Photo",
        "Photo:",
        "PHOTO:",
    ]
    .iter()
    .any(|m| t.starts_with(m))
}

fn positional_caption(p: &str) -> bool {
    let l = p.to_lowercase();
    let placed = [
        ", center,",
        ", left,",
        ", right,",
        "second left",
        "second right",
        "from left",
        "(l-r)",
        "left to right",
    ]
    .iter()
    .any(|m| l.contains(m));
    placed && l.chars().filter(|c| c.is_ascii_digit()).count() >= 4
}

/// A photo caption of a government or wire page: one line that ends with the picture's full
/// date after a comma ("Secretary X hosts Minister Y at the Pentagon, July 29, 2022."). Prose
/// dates an act with "on"; a caption ends on the date.
fn dated_caption(p: &str) -> bool {
    const MONTHS: &[&str] = &[
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Jan.",
        "Feb.",
        "Aug.",
        "Sept.",
        "Sep.",
        "Oct.",
        "Nov.",
        "Dec.",
    ];
    let t = p.trim_end();
    if t.contains('\n') || words(t) > 70 {
        return false;
    }
    let Some(body) = t.strip_suffix('.') else {
        return false;
    };
    // ", July 29, 2022"
    let mut parts = body.rsplitn(3, ", ");
    let (Some(year), Some(month_day), Some(_before)) = (parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let year_ok = year.len() == 4 && year.chars().all(|c| c.is_ascii_digit());
    let (month, day) = month_day.rsplit_once(' ').unwrap_or(("", ""));
    let day_ok = !day.is_empty() && day.len() <= 2 && day.chars().all(|c| c.is_ascii_digit());
    year_ok && day_ok && MONTHS.contains(&month)
}

/// The caption rules on one paragraph or line: `t` normalized, `raw` as written (a dated
/// caption is one line).
fn caption(t: &str, raw: &str) -> bool {
    caption_opening(t) || positional_caption(t) || dated_caption(raw)
}

fn bullet(p: &str) -> bool {
    p.trim_start().starts_with(['•', '▪', '●', '◦'])
}

/// For each sentence of `spans` (as [`crate::sentences`] gives them for `text`), whether it is
/// page furniture. A text of one paragraph has none. `title`, when known, is left out wherever it recurs.
pub fn furniture(text: &str, spans: &[SentenceSpan], title: Option<&str>) -> Vec<bool> {
    // A one-paragraph text (a test sentence, a feed summary) is all prose; most texts of one
    // line are told apart without splitting them.
    if !text.trim().contains(['\n', '\r', '\u{2029}', '\u{c}']) {
        return vec![false; spans.len()];
    }
    let paras = paragraphs(text);
    if paras.len() <= 1 {
        return vec![false; spans.len()];
    }
    let ptext: Vec<String> = paras.iter().map(|p| normalized(p.text(text))).collect();
    let mut bad_para = vec![false; paras.len()];
    // Paragraphs that are furniture only by the caption rules, which a caption glued to the
    // prose after it by single line breaks also meets.
    let mut caption_para = vec![false; paras.len()];
    let mut seen = std::collections::HashSet::new();
    for (i, t) in ptext.iter().enumerate() {
        let heading = !ends_like_prose(t) && words(t) <= MAX_HEADING_WORDS;
        let doubled = ptext.get(i + 1).is_some_and(|n| n == t) || (i > 0 && ptext[i - 1] == *t);
        let repeat = !seen.insert(t.clone());
        let captioned = caption(t, paras[i].text(text));
        caption_para[i] = captioned && !(heading || doubled || repeat || bullet(t));
        bad_para[i] = heading || doubled || repeat || captioned || bullet(t);
    }
    // A line shown twice in a row (a photo's alt text and its caption) even inside one
    // paragraph: both copies go.
    let mut doubled_lines: Vec<(usize, usize)> = Vec::new();
    let mut offset = 0;
    let lines: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .map(|l| {
            let at = offset;
            offset += l.len();
            (at, l.trim_end_matches(['\n', '\r']))
        })
        .collect();
    for pair in lines.windows(2) {
        let (a, b) = (normalized(pair[0].1), normalized(pair[1].1));
        if !a.is_empty() && a == b {
            doubled_lines.push((pair[0].0, pair[0].0 + pair[0].1.len()));
            doubled_lines.push((pair[1].0, pair[1].0 + pair[1].1.len()));
        }
    }
    // A photo's alt text and caption, then the lead, one line break apart: in such a caption
    // paragraph the doubled lines are the caption, and a line of its own after them is
    // judged by itself.
    let glued: Vec<bool> = paras
        .iter()
        .zip(&caption_para)
        .map(|(p, &c)| {
            c && doubled_lines
                .iter()
                .any(|&(a, b)| p.start <= a && b <= p.end)
        })
        .collect();
    let title = title.map(normalized).filter(|t| !t.is_empty());
    let mut seen_sentences = std::collections::HashSet::new();
    spans
        .iter()
        .map(|s| {
            let para = paras
                .iter()
                .position(|p| p.start <= s.start && s.end <= p.end);
            let in_doubled = doubled_lines
                .iter()
                .any(|&(a, b)| a <= s.start && s.end <= b);
            let own_line = para
                .filter(|&i| glued[i] && !in_doubled)
                .and_then(|_| {
                    lines
                        .iter()
                        .find(|(at, l)| *at <= s.start && s.end <= at + l.len())
                })
                .map(|(_, l)| (normalized(l), *l));
            let in_bad_para = match (&own_line, para) {
                (Some((line, raw)), _) => caption(line, raw),
                (None, Some(i)) => bad_para[i],
                (None, None) => false,
            };
            let st = normalized(text.get(s.start..s.end).unwrap_or(""));
            let repeat = !seen_sentences.insert(st.clone());
            in_bad_para || in_doubled || repeat || title.as_deref() == Some(st.as_str())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sentences;

    fn kept(text: &str, title: Option<&str>) -> Vec<String> {
        let spans = sentences(text);
        let f = furniture(text, &spans, title);
        spans
            .iter()
            .zip(f)
            .filter(|(_, bad)| !bad)
            .map(|(s, _)| text[s.start..s.end].to_string())
            .collect()
    }

    #[test]
    fn menus_headlines_and_doubled_captions_go() {
        let text = "Skip to content\n\nBreaking News\n\nGondor and Rohan to Meet on Border\n\n\
            The king of Gondor, center, and the king of Rohan, left, meet in Minas Tirith, May 2, 2011.\n\
            The king of Gondor, center, and the king of Rohan, left, meet in Minas Tirith, May 2, 2011.\n\n\
            The kings of Gondor and Rohan will meet next week. Gondor accused Rohan of raids.";
        assert_eq!(
            kept(text, None),
            vec![
                "The kings of Gondor and Rohan will meet next week.",
                "Gondor accused Rohan of raids."
            ]
        );
    }

    #[test]
    fn a_caption_ending_on_its_date_goes() {
        let text = "Border Talks Gondor's steward hosts Rohan's marshal at the citadel, July 29, 2022.\n\n\
            Gondor's steward hosted Rohan's marshal on July 29, 2022.\n\n\
            The two sides met in Edoras, Rohan, and later in Osgiliath.";
        assert_eq!(
            kept(text, None),
            vec![
                "Gondor's steward hosted Rohan's marshal on July 29, 2022.",
                "The two sides met in Edoras, Rohan, and later in Osgiliath."
            ]
        );
    }

    #[test]
    fn a_lead_glued_under_a_doubled_caption_stays() {
        // Alt text, caption and the first sentence of the story, one line break apart.
        let text = "Breaking News\n\n\
            The king of Gondor, left, greets the king of Rohan in Edoras, May 2, 2011.\n\
            The king of Gondor, left, greets the king of Rohan in Edoras, May 2, 2011.\n\
            Envoys of Gondor and Rohan agreed on steps to calm the border.\n\n\
            The kings will meet again.";
        assert_eq!(
            kept(text, None),
            vec![
                "Envoys of Gondor and Rohan agreed on steps to calm the border.",
                "The kings will meet again."
            ]
        );
    }

    #[test]
    fn repeated_paragraphs_and_sentences_are_coded_once() {
        let text = "Gondor accused Rohan of raids. Rohan denied it.\n\nMordor said nothing.\n\nGondor accused Rohan of raids. Rohan denied it.";
        assert_eq!(
            kept(text, None),
            vec![
                "Gondor accused Rohan of raids.",
                "Rohan denied it.",
                "Mordor said nothing."
            ]
        );
    }

    #[test]
    fn file_captions_bullets_and_the_title_go() {
        let text =
            "Gondor Hits Back\n\nFILE - Soldiers of Gondor march in Osgiliath, Jan. 29, 2024.\n\n\
            Gondor Hits Back.\n\n\u{2022} Related: Rohan votes\n\nGondor struck Mordor on Monday.";
        assert_eq!(
            kept(text, Some("Gondor Hits Back.")),
            vec!["Gondor struck Mordor on Monday."]
        );
    }

    #[test]
    fn plain_prose_is_untouched() {
        let text =
            "Gondor struck Mordor on Monday. Rohan praised the strike.\n\nThe talks will resume.";
        assert_eq!(kept(text, None).len(), 3);
    }
}
