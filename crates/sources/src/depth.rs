//! How deep an HTML page nests its elements, so that a pathological page is refused before it
//! costs minutes or overflows the stack.
//!
//! The HTML parser's work grows with the square of the nesting depth (each start tag looks down
//! the stack of open elements) and main-text extraction recurses through the tree: a page of
//! 100,000 nested `<div>`s took four minutes and then aborted the whole process. Two checks
//! keep a page within [`crate::Limits::max_html_depth`]:
//!
//! 1. [`nests_deeper_than`], before parsing: one pass over the bytes that keeps the stack of
//!    open elements the way an HTML parser does in the cases that matter for depth — void
//!    elements, raw-text elements (`<script>`, `<style>`, …), end tags that close what they
//!    match within its scope, tags that close an open `<p>`, `<li>`, table cell or row,
//!    self-closing tags inside SVG/MathML only, and breaking out of SVG/MathML. It is linear
//!    (a stack walk is bounded by the limit) and leans towards counting deeper rather than
//!    shallower.
//! 2. [`dom_deeper_than`], after parsing: the exact depth of the tree handed to extraction,
//!    walked without recursion.

use dom_query::{Document, NodeRef};

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose content is text up to their end tag (outside SVG/MathML).
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// The HTML parser's "special" elements (and the headings, see [`HEADINGS`]): an end tag or a
/// list item does not look past them.
const SPECIAL: &[&str] = &[
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "base",
    "basefont",
    "bgsound",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "img",
    "input",
    "keygen",
    "li",
    "link",
    "listing",
    "main",
    "marquee",
    "menu",
    "meta",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "p",
    "param",
    "plaintext",
    "pre",
    "script",
    "search",
    "section",
    "select",
    "source",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "wbr",
    "xmp",
];

/// Start tags that close an open `<p>` (in button scope), besides the headings.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "header",
    "hgroup",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "search",
    "section",
    "summary",
    "table",
    "ul",
    "xmp",
    "li",
    "dd",
    "dt",
];

/// Where "in scope" searches stop.
const DEFAULT_SCOPE: &[&str] = &[
    "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
];
const BUTTON_SCOPE: &[&str] = &[
    "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "button",
];
const LIST_ITEM_SCOPE: &[&str] = &[
    "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "ol", "ul",
];
const TABLE_SCOPE: &[&str] = &["html", "table", "template"];

/// HTML start tags that end SVG/MathML content, besides the headings.
const BREAKS_OUT_OF_FOREIGN: &[&str] = &[
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
];

/// SVG/MathML elements whose children are HTML again.
const INTEGRATION_POINTS: &[&str] = &[
    "foreignobject",
    "desc",
    "title",
    "annotation-xml",
    "mi",
    "mo",
    "mn",
    "ms",
    "mtext",
];

fn is(name: &[u8], list: &[&str]) -> bool {
    list.iter()
        .any(|item| name.eq_ignore_ascii_case(item.as_bytes()))
}

/// The headings, which are special, close a `<p>` and end SVG/MathML content.
const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

fn is_heading(name: &[u8]) -> bool {
    is(name, HEADINGS)
}

fn is_special(name: &[u8]) -> bool {
    is_heading(name) || is(name, SPECIAL)
}

/// One open element.
#[derive(Clone, Copy)]
struct Open<'a> {
    name: &'a [u8],
    /// In SVG or MathML.
    foreign: bool,
}

impl Open<'_> {
    /// New children of this element are SVG/MathML.
    fn foreign_context(&self) -> bool {
        self.foreign && !is(self.name, INTEGRATION_POINTS)
    }
}

struct Stack<'a> {
    open: Vec<Open<'a>>,
    limit: usize,
}

impl<'a> Stack<'a> {
    fn top(&self) -> Option<&Open<'a>> {
        self.open.last()
    }

    fn top_is(&self, names: &[&str]) -> bool {
        self.top().is_some_and(|open| is(open.name, names))
    }

    /// Index of the nearest open element that `matches`, looking down from the top and
    /// stopping (without a match) at an element for which `stops` holds.
    fn find_where(
        &self,
        matches: impl Fn(&[u8]) -> bool,
        stops: impl Fn(&Open) -> bool,
    ) -> Option<usize> {
        // The stack never holds more than `limit + 1` elements, so a search is bounded.
        for (index, open) in self.open.iter().enumerate().rev() {
            if matches(open.name) {
                return Some(index);
            }
            if stops(open) {
                return None;
            }
        }
        None
    }

    /// The nearest open element named like one of `names` (or `name`), not looking past an
    /// element in `stop`, nor past a special element when `stop_at_special` (the "any other
    /// end tag" rule).
    fn find(&self, names: &[&str], stop: &[&str], stop_at_special: bool) -> Option<usize> {
        self.find_where(|n| is(n, names), |open| stops(open, stop, stop_at_special))
    }

    fn find_name(&self, name: &[u8], stop: &[&str], stop_at_special: bool) -> Option<usize> {
        self.find_where(
            |n| n.eq_ignore_ascii_case(name),
            |open| stops(open, stop, stop_at_special),
        )
    }

    fn pop_to(&mut self, index: Option<usize>) {
        if let Some(index) = index {
            self.open.truncate(index);
        }
    }

    /// An end tag.
    fn end(&mut self, name: &'a [u8]) {
        if is(name, &["html", "body", "br"]) {
            return;
        }
        let index = if is(name, &["p"]) {
            self.find(&["p"], BUTTON_SCOPE, false)
        } else if is(name, &["li"]) {
            self.find(&["li"], LIST_ITEM_SCOPE, false)
        } else if is_heading(name) {
            self.find(HEADINGS, DEFAULT_SCOPE, false)
        } else if is(
            name,
            &[
                "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "colgroup",
            ],
        ) {
            self.find_name(name, TABLE_SCOPE, false)
        } else if is_special(name) {
            self.find_name(name, DEFAULT_SCOPE, false)
        } else {
            // Formatting and other elements: not past a special element.
            self.find_name(name, &[], true)
        };
        self.pop_to(index);
    }

    /// A start tag; returns true when it takes the depth over the limit.
    fn start(&mut self, name: &'a [u8], self_closing: bool) -> bool {
        let mut in_foreign = self.top().is_some_and(Open::foreign_context);
        if in_foreign && (is_heading(name) || is(name, BREAKS_OUT_OF_FOREIGN)) {
            while self.top().is_some_and(Open::foreign_context) {
                self.open.pop();
            }
            in_foreign = false;
        }
        let starts_foreign = is(name, &["svg", "math"]);
        if in_foreign || starts_foreign {
            if self_closing {
                return self.open.len() + 1 > self.limit;
            }
            self.open.push(Open {
                name,
                foreign: true,
            });
            return self.open.len() > self.limit;
        }
        if is(name, VOID) {
            return self.open.len() + 1 > self.limit;
        }
        if is(name, &["html", "body", "head"]) && self.find_name(name, &[], false).is_some() {
            return false;
        }
        if is_heading(name) || is(name, CLOSES_P) {
            let p = self.find(&["p"], BUTTON_SCOPE, false);
            self.pop_to(p);
        }
        if is(name, &["li"]) {
            let li = self.list_item_before_special(&["li"]);
            self.pop_to(li);
        } else if is(name, &["dd", "dt"]) {
            let item = self.list_item_before_special(&["dd", "dt"]);
            self.pop_to(item);
        } else if is_heading(name) {
            if self.top_is(HEADINGS) {
                self.open.pop();
            }
        } else if is(name, &["option"]) {
            if self.top_is(&["option"]) {
                self.open.pop();
            }
        } else if is(name, &["optgroup"]) {
            if self.top_is(&["option"]) {
                self.open.pop();
            }
            if self.top_is(&["optgroup"]) {
                self.open.pop();
            }
        } else if is(name, &["a", "nobr"]) {
            let same = self.find_name(name, &[], true);
            self.pop_to(same);
        } else if is(name, &["button"]) {
            let same = self.find(&["button"], DEFAULT_SCOPE, false);
            self.pop_to(same);
        } else if is(name, &["td", "th"]) {
            let cell = self.find(
                &["td", "th"],
                &["tr", "table", "tbody", "thead", "tfoot", "template", "html"],
                false,
            );
            self.pop_to(cell);
        } else if is(name, &["tr"]) {
            let row = self.find(
                &["tr"],
                &["table", "tbody", "thead", "tfoot", "template", "html"],
                false,
            );
            self.pop_to(row);
        } else if is(name, &["tbody", "thead", "tfoot"]) {
            let section = self.find(
                &["tbody", "thead", "tfoot"],
                &["table", "template", "html"],
                false,
            );
            self.pop_to(section);
        }
        self.open.push(Open {
            name,
            foreign: false,
        });
        self.open.len() > self.limit
    }

    /// The list-item rule: the nearest open item among `names`, looking past `address`, `div`
    /// and `p` but not past another special element.
    fn list_item_before_special(&self, names: &[&str]) -> Option<usize> {
        self.find_where(
            |n| is(n, names),
            |open| {
                !open.foreign && is_special(open.name) && !is(open.name, &["address", "div", "p"])
            },
        )
    }
}

/// Whether a search for an open element stops at `open`.
fn stops(open: &Open, stop: &[&str], stop_at_special: bool) -> bool {
    is(open.name, stop) || (stop_at_special && !open.foreign && is_special(open.name))
}

/// Position just after the first `needle` at or after `from` (ASCII case-insensitive), or the
/// end of `bytes`.
fn skip_past(bytes: &[u8], from: usize, needle: &[u8]) -> usize {
    let Some(rest) = bytes.get(from..) else {
        return bytes.len();
    };
    rest.windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
        .map_or(bytes.len(), |at| from + at + needle.len())
}

/// Reads a tag from just after `<` (and `/` for an end tag): its name, the position after its
/// `>`, and whether it ends with `/>`. Quoted attribute values may hold `>`.
fn read_tag(bytes: &[u8], start: usize) -> (&[u8], usize, bool) {
    let mut i = start;
    while bytes
        .get(i)
        .is_some_and(|&b| !b.is_ascii_whitespace() && b != b'/' && b != b'>')
    {
        i += 1;
    }
    let name = bytes.get(start..i).unwrap_or_default();
    let mut last = 0u8;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'>' => return (name, i + 1, last == b'/'),
            b'"' | b'\'' if last == b'=' => {
                let close = bytes
                    .get(i + 1..)
                    .and_then(|rest| rest.iter().position(|&c| c == b))
                    .map_or(bytes.len(), |at| i + 1 + at);
                i = close + 1;
                last = b;
                continue;
            }
            _ => {}
        }
        if !b.is_ascii_whitespace() {
            last = b;
        }
        i += 1;
    }
    (name, bytes.len(), false)
}

/// True when `html` nests elements more than `limit` levels deep, counted as an HTML parser
/// builds its stack of open elements (see the module doc). Stops reading at the first element
/// over the limit.
pub(crate) fn nests_deeper_than(html: &str, limit: usize) -> bool {
    let bytes = html.as_bytes();
    let mut stack = Stack {
        open: Vec::new(),
        limit,
    };
    let mut i = 0;
    while let Some(at) = bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| b == b'<'))
    {
        i += at + 1;
        let rest = bytes.get(i..).unwrap_or_default();
        if rest.starts_with(b"!--") {
            i = skip_past(bytes, i + 3, b"-->");
        } else if rest.starts_with(b"!") || rest.starts_with(b"?") {
            i = skip_past(bytes, i, b">");
        } else if rest.first() == Some(&b'/') && rest.get(1).is_some_and(u8::is_ascii_alphabetic) {
            let (name, next, _) = read_tag(bytes, i + 1);
            i = next;
            stack.end(name);
        } else if rest.first().is_some_and(u8::is_ascii_alphabetic) {
            let (name, next, self_closing) = read_tag(bytes, i);
            i = next;
            let in_foreign = stack.top().is_some_and(Open::foreign_context);
            if !in_foreign && is(name, RAW_TEXT) && !self_closing {
                // Text up to the end tag: one level, no children.
                if stack.open.len() + 1 > limit {
                    return true;
                }
                let mut end_tag = b"</".to_vec();
                end_tag.extend_from_slice(name);
                i = skip_past(bytes, i, &end_tag);
                continue;
            }
            if !in_foreign && is(name, &["plaintext"]) {
                // Everything after it is text.
                return stack.open.len() + 1 > limit;
            }
            if stack.start(name, self_closing) {
                return true;
            }
        }
    }
    false
}

/// True when the parsed tree has an element more than `limit` levels below the document.
pub(crate) fn dom_deeper_than(document: &Document, limit: usize) -> bool {
    let root = document.root();
    subtree_deeper_than(&root, limit)
}

fn subtree_deeper_than(root: &NodeRef, limit: usize) -> bool {
    let Some(mut node) = root.first_child() else {
        return false;
    };
    let mut depth = 1usize;
    loop {
        if node.is_element() && depth > limit {
            return true;
        }
        if let Some(child) = node.first_child() {
            node = child;
            depth += 1;
            continue;
        }
        loop {
            if let Some(next) = node.next_sibling() {
                node = next;
                break;
            }
            match node.parent() {
                Some(parent) if parent.id != root.id && depth > 1 => {
                    node = parent;
                    depth -= 1;
                }
                _ => return false,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(tag: &str, depth: usize) -> String {
        format!(
            "<html><body>{}<p>Troops moved.</p>{}</body></html>",
            format!("<{tag}>").repeat(depth),
            format!("</{tag}>").repeat(depth)
        )
    }

    #[test]
    fn counts_nesting_as_a_parser_would() {
        assert!(!nests_deeper_than(&nested("div", 200), 256));
        assert!(nests_deeper_than(&nested("div", 300), 256));
        assert!(nests_deeper_than(&nested("span", 100_000), 256));
        // Non-void elements written self-closing still nest in HTML ...
        assert!(nests_deeper_than(&"<div/>".repeat(1000), 256));
        // ... but not inside SVG, until an HTML tag breaks out of it.
        let icons = format!("<svg>{}</svg>", "<path d='M0 0'/>".repeat(5000));
        assert!(!nests_deeper_than(&icons, 256));
        assert!(nests_deeper_than(
            &format!("<svg>{}", "<div/>".repeat(1000)),
            256
        ));
    }

    #[test]
    fn siblings_that_close_each_other_do_not_add_depth() {
        let page = |item: &str| format!("<html><body>{}</body></html>", item.repeat(5000));
        for item in [
            "<p>A paragraph never closed",
            "<p><b>bold, never closed</b> text",
            "<ul><li>one<li>two<li>three</ul>",
            "<li><div>item</div>",
            "<table><tr><td>a<td>b<tr><td>c</table>",
            "<dl><dt>term<dd>definition</dl>",
            "<select><option>a<option>b</select>",
            "<br><img src=x><hr><input value='a > b'>",
            "<script>if (a < b) { document.write('<div><div><div>'); }</script>",
            "<!-- <div><div><div> -->",
            "<h2>Heading<h3>Sub</h3>",
            "<a href=x>one<a href=y>two</a>",
        ] {
            assert!(!nests_deeper_than(&page(item), 256), "{item}");
        }
    }

    #[test]
    fn nested_lists_and_unclosed_formatting_do_add_depth() {
        assert!(nests_deeper_than(&"<ul><li>".repeat(200), 256));
        assert!(nests_deeper_than(&"<b><i>".repeat(200), 256));
        // A formatting end tag does not close the blocks opened inside it.
        assert!(nests_deeper_than(&"<b><div></b>".repeat(300), 256));
        assert!(nests_deeper_than(&"<a><div>".repeat(300), 256));
    }

    #[test]
    fn parsed_tree_depth_is_exact() {
        let shallow = Document::from(nested("div", 250).as_str());
        assert!(!dom_deeper_than(&shallow, 256));
        let deep = Document::from(nested("div", 300).as_str());
        assert!(dom_deeper_than(&deep, 256));
        assert!(!dom_deeper_than(&deep, 400));
    }
}
