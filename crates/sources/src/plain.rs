//! Plain text and Markdown documents.
//!
//! Layout understood (both formats):
//! ```text
//! ---                       <- optional front matter (Markdown), `key: value` lines
//! title: ...
//! date: 2025-03-04
//! ---
//! # Headline                <- first line: the title, when at most 300 characters, not
//!                              ending with a full stop, and followed by a blank line or by
//!                              header lines
//! Date: March 4, 2025       <- header lines right after the title (or first in the file):
//! Source: Example Daily        date/published, source/outlet, url/link, by/author (ignored)
//!
//! Body text ...
//! ```
//! The body becomes the article text; Markdown markup (heading marks, emphasis, links, images,
//! HTML comments) is reduced to its words.

use crate::dates::normalize_date;
use atalaya_engine::record::Article;
use regex::Regex;
use std::sync::OnceLock;

/// A first line longer than this is body text, not a title.
const MAX_TITLE_CHARS: usize = 300;

/// Parses a text or Markdown document into an article without id or language.
pub(crate) fn parse(content: &str, markdown: bool) -> Article {
    let content = content.replace("\r\n", "\n");
    let mut article = Article::default();
    let mut rest: &str = &content;

    if let Some((front, after)) = split_front_matter(rest) {
        for line in front.lines() {
            if let Some((key, value)) = line.split_once(':') {
                apply_header(&mut article, key, value, true);
            }
        }
        rest = after;
    }

    let mut lines: Vec<&str> = rest.lines().collect();
    let first = lines.iter().position(|line| !line.trim().is_empty());
    if let Some(first) = first {
        lines.drain(..first);
    }
    // Where the body starts: after the title and the header lines, if any.
    let mut body_start = 0;
    if let Some(title_line) = lines.first().copied() {
        let title = title_line.trim().trim_start_matches('#').trim();
        let next_is_break = lines
            .get(1)
            .is_none_or(|line| line.trim().is_empty() || header_key(line).is_some());
        // A headline does not end with a full stop; a first line that does is the lead
        // sentence, and is coded with the rest. A file may also start with its header lines.
        let is_title = lines.len() > 1
            && next_is_break
            && header_key(title_line).is_none()
            && !title.is_empty()
            && !title.ends_with('.')
            && title.chars().count() <= MAX_TITLE_CHARS;
        if is_title {
            if article.title.is_none() {
                article.title = Some(clean_inline(title));
            }
            body_start = 1;
        }
        if is_title || header_key(title_line).is_some() {
            while let Some((key, value)) = lines.get(body_start).and_then(|line| header_key(line)) {
                apply_header(&mut article, key, value, false);
                body_start += 1;
            }
        }
    }
    let lines = lines.get(body_start..).unwrap_or_default();
    let body = lines.join("\n");
    article.text = if markdown {
        clean_markdown(&body)
    } else {
        body
    };
    article.text = article.text.trim().to_string();
    article
}

/// Splits `---\n...\n---\n` front matter from the rest.
fn split_front_matter(content: &str) -> Option<(&str, &str)> {
    let after_open = content.strip_prefix("---\n")?;
    let close = after_open.find("\n---")?;
    let front = after_open.get(..close)?;
    let rest = after_open.get(close + 4..)?;
    let rest = rest.strip_prefix('\n').unwrap_or(rest);
    Some((front, rest))
}

/// `Key: value` where the key is one this reader uses.
fn header_key(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let known = [
        "date",
        "published",
        "source",
        "outlet",
        "url",
        "link",
        "by",
        "author",
    ];
    let lower = key.trim().to_ascii_lowercase();
    known.contains(&lower.as_str()).then_some((key, value))
}

fn apply_header(article: &mut Article, key: &str, value: &str, front_matter: bool) {
    let value = value.trim().trim_matches('"').trim();
    if value.is_empty() {
        return;
    }
    match key.trim().to_ascii_lowercase().as_str() {
        "date" | "published" => article.published = normalize_date(value),
        "source" | "outlet" | "site" => article.outlet = Some(value.to_string()),
        "url" | "link" => article.url = Some(value.to_string()),
        "title" if front_matter => article.title = Some(value.to_string()),
        "id" if front_matter => article.id = value.to_string(),
        "lang" | "language" if front_matter => article.lang = Some(value.to_ascii_lowercase()),
        _ => {}
    }
}

fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).unwrap_or_else(|_| unreachable!("fixed pattern")))
}

/// Reduces inline Markdown (`**bold**`, `_em_`, `[text](url)`, `` `code` ``) to its words.
fn clean_inline(line: &str) -> String {
    static IMAGE: OnceLock<Regex> = OnceLock::new();
    static LINK: OnceLock<Regex> = OnceLock::new();
    static EMPHASIS: OnceLock<Regex> = OnceLock::new();
    let line = regex(&IMAGE, r"!\[[^\]]*\]\([^)]*\)").replace_all(line, "");
    let line = regex(&LINK, r"\[([^\]]*)\]\([^)]*\)").replace_all(&line, "$1");
    let line = regex(&EMPHASIS, r"(\*\*|__|\*|`)").replace_all(&line, "");
    line.into_owned()
}

/// Markdown body to plain text: heading marks, block quotes, comments and inline markup removed.
fn clean_markdown(body: &str) -> String {
    static COMMENT: OnceLock<Regex> = OnceLock::new();
    let body = regex(&COMMENT, r"(?s)<!--.*?-->").replace_all(body, "");
    let mut out = String::with_capacity(body.len());
    for line in body.lines() {
        let trimmed = line.trim_start();
        let stripped = if trimmed.starts_with('#') {
            trimmed.trim_start_matches('#').trim_start()
        } else if let Some(quote) = trimmed.strip_prefix('>') {
            quote.trim_start()
        } else {
            line
        };
        out.push_str(&clean_inline(stripped));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn title_and_header_lines() {
        let doc = "Border talks resume\nDate: March 4, 2025\nSource: Example Daily\n\n\
                   Officials met on Monday.\n\nA second paragraph.\n";
        let article = parse(doc, false);
        assert_eq!(article.title.as_deref(), Some("Border talks resume"));
        assert_eq!(article.published.as_deref(), Some("2025-03-04"));
        assert_eq!(article.outlet.as_deref(), Some("Example Daily"));
        assert_eq!(
            article.text,
            "Officials met on Monday.\n\nA second paragraph."
        );
    }

    #[test]
    fn a_first_line_ending_with_a_full_stop_is_body_text() {
        let doc = "Rebels attacked the capital on Monday.\n\nThe army said it repelled them.\n";
        let article = parse(doc, false);
        assert_eq!(article.title, None);
        assert!(
            article.text.starts_with("Rebels attacked"),
            "{}",
            article.text
        );
    }

    #[test]
    fn header_lines_without_a_title() {
        let article = parse(
            "Date: 2025-03-04\nSource: Wire\n\nTroops moved on Monday.\n",
            false,
        );
        assert_eq!(article.title, None);
        assert_eq!(article.published.as_deref(), Some("2025-03-04"));
        assert_eq!(article.outlet.as_deref(), Some("Wire"));
        assert_eq!(article.text, "Troops moved on Monday.");
    }

    #[test]
    fn single_paragraph_has_no_title() {
        let doc = "Officials met on Monday and agreed to meet again.\nThey did not say where.\n";
        let article = parse(doc, false);
        assert_eq!(article.title, None);
        assert!(article.text.starts_with("Officials met"));
    }

    #[test]
    fn markdown_front_matter_and_markup() {
        let doc = "---\ntitle: \"Ministers meet\"\ndate: 2025-05-01T09:00:00Z\nurl: https://example.org/a\n---\n\n\
                   # Ministers meet\n\nThe **foreign minister** met [her counterpart](https://x.example) \
                   on Thursday.\n<!-- editor note -->\n![map](map.png)\n";
        let article = parse(doc, true);
        assert_eq!(article.title.as_deref(), Some("Ministers meet"));
        assert_eq!(article.published.as_deref(), Some("2025-05-01T09:00:00Z"));
        assert_eq!(article.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(
            article.text,
            "The foreign minister met her counterpart on Thursday."
        );
    }
}
