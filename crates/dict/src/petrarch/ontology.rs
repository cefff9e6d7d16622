//! PETRARCH internal coding ontology files (`PETR.Internal.Coding.Ontology.txt`): lines
//! `CAMEO:EXPR` where EXPR is a sum of hexadecimal (`0x1000`) or decimal terms, e.g.
//! `122:-0xFFFF+0x2040+0x300`. `#` starts a comment. The values let a coder combine verb codes
//! the way PETRARCH-2 does (see [`crate::CodeOntologyEntry`]).

use super::source::{content_lines, read_source, warn, SourceText};
use crate::{CodeOntologyEntry, DictError, Warning};
use std::path::Path;

/// Loads an internal coding ontology file.
pub fn load_code_ontology(
    path: &Path,
) -> Result<(Vec<CodeOntologyEntry>, Vec<Warning>), DictError> {
    let mut warnings = Vec::new();
    let src = read_source(path, &mut warnings)?;
    let entries = parse_code_ontology(&src, &mut warnings);
    Ok((entries, warnings))
}

pub(crate) fn parse_code_ontology(
    src: &SourceText,
    warnings: &mut Vec<Warning>,
) -> Vec<CodeOntologyEntry> {
    let mut entries = Vec::new();
    for line in content_lines(src, warnings) {
        let origin = src.origin(line.number);
        let Some((cameo, expr)) = line.text.split_once(':') else {
            warn(warnings, origin, "expected `CODE:VALUE`: line skipped");
            continue;
        };
        let (cameo, expr) = (cameo.trim(), expr.trim());
        if cameo.is_empty() {
            warn(warnings, origin, "empty CAMEO code: line skipped");
            continue;
        }
        match evaluate(expr) {
            Some(value) => entries.push(CodeOntologyEntry {
                cameo: cameo.to_owned(),
                value,
                expr: expr.to_owned(),
                origin,
            }),
            None => warn(
                warnings,
                origin,
                format!("cannot read value `{expr}`: line skipped"),
            ),
        }
    }
    entries
}

/// Evaluates `[-]term{(+|-)term}` with hexadecimal (`0x..`) or decimal terms.
fn evaluate(expr: &str) -> Option<i64> {
    let compact: String = expr.split_whitespace().collect();
    if compact.is_empty() {
        return None;
    }
    let mut total: i64 = 0;
    let mut rest = compact.as_str();
    while !rest.is_empty() {
        let (negative, after_sign) = match rest.as_bytes().first() {
            Some(b'-') => (true, &rest[1..]),
            Some(b'+') => (false, &rest[1..]),
            _ => (false, rest),
        };
        let end = after_sign.find(['+', '-']).unwrap_or(after_sign.len());
        let term = &after_sign[..end];
        let value = match term.strip_prefix("0x").or_else(|| term.strip_prefix("0X")) {
            Some(hex) => i64::from_str_radix(hex, 16).ok()?,
            None => term.parse::<i64>().ok()?,
        };
        total = if negative {
            total.checked_sub(value)?
        } else {
            total.checked_add(value)?
        };
        rest = &after_sign[end..];
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expressions() {
        assert_eq!(evaluate("0x1000"), Some(0x1000));
        assert_eq!(
            evaluate("-0xFFFF+0x2040+0x300"),
            Some(-0xFFFF + 0x2040 + 0x300)
        );
        assert_eq!(evaluate("0x1000-0xFFFF"), Some(0x1000 - 0xFFFF));
        assert_eq!(evaluate("0"), Some(0));
        assert_eq!(evaluate("0xZZ"), None);
        assert_eq!(evaluate("0x10+"), None);
    }

    #[test]
    fn lines_with_comments() {
        let src = SourceText::from_text(
            "o.txt",
            "# header\n010:0x1000#Make Public Statement\n110:0x1007f#0xFFFF+0x0080#x\n   # note\n---:0\nbad line\n",
        );
        let mut warnings = Vec::new();
        let entries = parse_code_ontology(&src, &mut warnings);
        let got: Vec<(&str, i64)> = entries
            .iter()
            .map(|e| (e.cameo.as_str(), e.value))
            .collect();
        assert_eq!(got, [("010", 0x1000), ("110", 0x1007f), ("---", 0)]);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].origin.line, 6);
    }
}
