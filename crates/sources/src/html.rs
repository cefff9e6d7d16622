//! HTML pages: the main text extracted readability-style (dom_smoothie), with navigation, ads,
//! captions and comment threads dropped; title, outlet, date and canonical URL from meta tags.

use crate::{dates::normalize_date, depth, detect_language, Reason};
use atalaya_engine::record::Article;
use dom_smoothie::{Config, Readability, TextMode};

/// Elements removed before extraction: never article prose, even when readability's scoring
/// would keep them (captions inside the article body, comment threads next to it).
const DROP_SELECTORS: &str =
    "nav, aside, footer, figure, figcaption, form, script, style, noscript, \
     iframe, [role=navigation], [role=complementary], .comments, #comments, .comment, \
     [class*=advert], [id*=advert], .ad, .ads, .related, .share, .social";

/// Parses a page into an article without id; a page nested deeper than `max_depth` is
/// refused before extraction (see `depth.rs`).
pub(crate) fn parse(html: &str, url: Option<&str>, max_depth: usize) -> Result<Article, Reason> {
    let document = parse_bounded(html, max_depth, |html| dom_query::Document::from(html))?;
    // The HTML parser always makes a <body>; what matters is whether it holds any text.
    if document.select("body").text().trim().is_empty() {
        return Err(Reason::NoHtmlBody("empty <body>".to_string()));
    }
    let canonical_url = first_attr(
        &document,
        &[
            ("meta[property='og:url']", "content"),
            ("link[rel='canonical']", "href"),
        ],
    );
    let time_published = first_attr(
        &document,
        &[
            ("meta[itemprop='datePublished']", "content"),
            ("meta[name='date']", "content"),
            ("time[datetime]", "datetime"),
        ],
    );
    document.select(DROP_SELECTORS).remove();
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    // Readability rejects relative URLs; a page read from a file has none.
    let absolute = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let mut reader = Readability::with_document(document, absolute, Some(config))
        .map_err(|err| Reason::NoHtmlBody(err.to_string()))?;
    let extracted = reader
        .parse()
        .map_err(|err| Reason::NoHtmlBody(err.to_string()))?;
    let text = tidy_text(&extracted.text_content);
    if text.is_empty() {
        return Err(Reason::NoHtmlBody(
            "no text in the main content".to_string(),
        ));
    }
    let non_empty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let declared_lang = non_empty(extracted.lang).and_then(|tag| {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        (primary.len() == 2).then_some(primary)
    });
    // Detection on the text decides; the page's `lang` attribute only fills in when it is unsure.
    let lang = detect_language(&text).or(declared_lang);
    Ok(Article {
        id: String::new(),
        url: non_empty(extracted.url)
            .or(canonical_url)
            .or_else(|| url.map(str::to_string)),
        outlet: non_empty(extracted.site_name),
        published: extracted
            .published_time
            .as_deref()
            .and_then(normalize_date)
            .or_else(|| time_published.as_deref().and_then(normalize_date)),
        title: non_empty(Some(extracted.title)),
        text,
        lang,
    })
}

/// The first non-empty attribute value among `(selector, attribute)` pairs, in order.
fn first_attr(document: &dom_query::Document, candidates: &[(&str, &str)]) -> Option<String> {
    candidates.iter().find_map(|(selector, attribute)| {
        let value = document.select(selector).attr(attribute)?;
        let value = value.trim();
        (!value.is_empty()).then(|| value.to_string())
    })
}

/// Parses with `parse` unless the markup nests deeper than `max_depth`, checked on the bytes
/// before parsing and on the tree after.
fn parse_bounded(
    html: &str,
    max_depth: usize,
    parse: impl FnOnce(&str) -> dom_query::Document,
) -> Result<dom_query::Document, Reason> {
    let too_deep = Reason::TooDeep { limit: max_depth };
    if depth::nests_deeper_than(html, max_depth) {
        return Err(too_deep);
    }
    let document = parse(html);
    if depth::dom_deeper_than(&document, max_depth) {
        return Err(too_deep);
    }
    Ok(document)
}

/// Converts an HTML fragment (feed item content) to text, paragraphs separated by blank lines.
pub(crate) fn fragment_text(html: &str, max_depth: usize) -> Result<String, Reason> {
    let document = parse_bounded(html, max_depth, |html| dom_query::Document::fragment(html))?;
    document
        .select("script, style, figure, figcaption")
        .remove();
    Ok(tidy_text(&document.formatted_text()))
}

/// Trims each line and collapses runs of blank lines to one.
fn tidy_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_without_body_is_an_error() {
        let result = parse("<html><head><title>Empty</title></head></html>", None, 256);
        assert!(matches!(result, Err(Reason::NoHtmlBody(_))));
        let result = parse("<html><body><nav>Home</nav></body></html>", None, 256);
        assert!(matches!(result, Err(Reason::NoHtmlBody(_))));
    }

    #[test]
    fn fragment_keeps_paragraphs() {
        let text = fragment_text("<p>First <b>bold</b> line.</p><p>Second.</p>", 256);
        assert_eq!(text.ok().as_deref(), Some("First bold line.\n\nSecond."));
    }

    #[test]
    fn deeply_nested_markup_is_refused() {
        let deep = |depth: usize| {
            format!(
                "<html><body>{}<p>Troops moved on Monday, officials said.</p>{}</body></html>",
                "<div>".repeat(depth),
                "</div>".repeat(depth)
            )
        };
        assert!(parse(&deep(100), None, 256).is_ok());
        assert!(matches!(
            parse(&deep(1000), None, 256),
            Err(Reason::TooDeep { limit: 256 })
        ));
        let item = format!("{}Troops moved.", "<span>".repeat(1000));
        assert!(matches!(
            fragment_text(&item, 256),
            Err(Reason::TooDeep { limit: 256 })
        ));
    }
}
