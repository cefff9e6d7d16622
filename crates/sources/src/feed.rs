//! RSS and Atom feeds (and JSON Feed, which feed-rs also reads): each entry is one article.
//! A feed that does not parse — truncated, malformed — is one error naming the file.

use crate::html::fragment_text;
use crate::{Origin, RawBody, RawRecord, Reason, RecordPos, SourceError};
use atalaya_engine::record::Article;
use feed_rs::model::{Entry, Text};

/// One feed entry, reduced to what an article needs; the HTML is converted later.
#[derive(Debug, Clone)]
pub struct FeedItem {
    pub title: Option<String>,
    /// Entry content, else its summary.
    pub body: Option<String>,
    pub body_is_html: bool,
    pub url: Option<String>,
    pub published: Option<String>,
    /// The feed's own title, standing for the outlet.
    pub outlet: Option<String>,
}

impl FeedItem {
    pub(crate) fn raw_bytes(&self) -> usize {
        self.body.as_ref().map_or(0, String::len) + self.title.as_ref().map_or(0, String::len)
    }

    pub(crate) fn into_article(self, max_depth: usize) -> Result<Article, Reason> {
        let text = match &self.body {
            Some(body) if self.body_is_html => fragment_text(body, max_depth)?,
            Some(body) => body.trim().to_string(),
            None => String::new(),
        };
        let title = self
            .title
            .map(|t| fragment_text(&t, max_depth))
            .transpose()?
            .filter(|t| !t.is_empty());
        // Headline-only items (common in RSS) are still news: the headline is the text.
        let text = if text.is_empty() {
            title.clone().ok_or(Reason::EmptyItem)?
        } else {
            text
        };
        Ok(Article {
            id: String::new(),
            url: self.url,
            outlet: self.outlet,
            published: self.published,
            title,
            text,
            lang: None,
        })
    }
}

fn text_is_html(text: &Text) -> bool {
    let subtype = text.content_type.subty().as_str();
    subtype == "html" || subtype == "xhtml+xml" || text.content.contains('<')
}

/// Parses a whole feed document into one record per entry.
pub(crate) fn records(name: &str, content: &str) -> Vec<Result<RawRecord, SourceError>> {
    let feed = match feed_rs::parser::parse(content.as_bytes()) {
        Ok(feed) => feed,
        Err(err) => {
            return vec![Err(SourceError::new(
                Origin::whole(name),
                Reason::Feed(err.to_string()),
            ))]
        }
    };
    let outlet = feed
        .title
        .as_ref()
        .map(|t| t.content.trim().to_string())
        .filter(|t| !t.is_empty());
    feed.entries
        .into_iter()
        .enumerate()
        .map(|(index, entry)| {
            Ok(RawRecord {
                origin: Origin::at(name, RecordPos::Item(index + 1)),
                body: RawBody::FeedItem(item_from_entry(entry, outlet.clone())),
                warnings: Vec::new(),
            })
        })
        .collect()
}

fn item_from_entry(entry: Entry, outlet: Option<String>) -> FeedItem {
    let (body, body_is_html) = match (entry.content, entry.summary) {
        (Some(content), summary) => match content.body {
            Some(body) if !body.trim().is_empty() => {
                let subtype = content.content_type.subty().as_str().to_string();
                let is_html = subtype == "html" || subtype == "xhtml+xml" || body.contains('<');
                (Some(body), is_html)
            }
            _ => summary.map_or((None, false), |s| {
                let is_html = text_is_html(&s);
                (Some(s.content), is_html)
            }),
        },
        (None, Some(summary)) => {
            let is_html = text_is_html(&summary);
            (Some(summary.content), is_html)
        }
        (None, None) => (None, false),
    };
    FeedItem {
        title: entry.title.map(|t| t.content),
        body,
        body_is_html,
        url: entry.links.first().map(|link| link.href.clone()),
        published: entry
            .published
            .or(entry.updated)
            .map(|dt| dt.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
        outlet,
    }
}
