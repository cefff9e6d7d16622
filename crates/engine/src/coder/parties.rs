//! The two countries an article is about, for events whose other side the sentence leaves
//! to the article.
//!
//! Real news states many acts without their addressee once the article has named it:
//! "China responded by sending two patrol ships" (to Japan, in an article on the two),
//! "We had a great conversation today" (with Colombia, on a readout of the visit). The
//! conventions code them when the target "can be identified" (NEWS-CONVENTIONS §1), and
//! annotators take it from the article. [`ArticleParties`] tallies, per country, the
//! sentences that name it (the title and the publisher count too); [`ArticleParties::counterpart`]
//! gives a source's other side only when the article is plainly about two countries, the
//! source being one of them.
//!
//! Rules (each guards precision; measured on the real-news suite's dev split):
//! - only current ISO countries count: regions, IGOs and unknown countries (`---`) are no
//!   party;
//! - a country counts once per sentence however often it is named; the title counts twice;
//! - the counterpart is the most-named country other than the source, named in at least
//!   [`MIN_SENTENCES`] sentences and more than twice as often as every third country; the
//!   source itself must be named more often than every third country. Otherwise there is none.

/// Sentences that must name a country before it is an article's party.
const MIN_SENTENCES: u32 = 2;

/// Per country, how many of the article's sentences so far named it.
#[derive(Debug, Clone, Default)]
pub struct ArticleParties {
    counts: Vec<(String, u32)>,
}

impl ArticleParties {
    /// Counts one sentence (or title, with `weight` 2) naming these actor codes.
    pub fn note<'a>(&mut self, codes: impl IntoIterator<Item = &'a str>, weight: u32) {
        let mut seen: Vec<&str> = Vec::new();
        for code in codes {
            let Some(country) = code.get(..3).filter(|c| atalaya_cameo::is_state(c)) else {
                continue;
            };
            if seen.contains(&country) {
                continue;
            }
            seen.push(country);
            match self.counts.iter_mut().find(|(c, _)| c == country) {
                Some((_, n)) => *n += weight,
                None => self.counts.push((country.to_string(), weight)),
            }
        }
    }

    fn count(&self, country: &str) -> u32 {
        self.counts
            .iter()
            .find(|(c, _)| c == country)
            .map_or(0, |(_, n)| *n)
    }

    /// The other country of the article's pair for an act by `source` (its actor code), or
    /// none when the article is not plainly about `source` and one other country.
    pub fn counterpart(&self, source: &str) -> Option<&str> {
        let source = source.get(..3).filter(|c| atalaya_cameo::is_state(c))?;
        let (other, n) = self
            .counts
            .iter()
            .filter(|(c, _)| c != source)
            .max_by_key(|(_, n)| *n)?;
        let third = self
            .counts
            .iter()
            .filter(|(c, _)| c != source && c != other)
            .map(|(_, n)| *n)
            .max()
            .unwrap_or(0);
        // A third country named half as often makes the pair unclear ("the US on Russia and
        // Ukraine": sanctions left open against which?).
        (*n >= MIN_SENTENCES && *n > 2 * third && self.count(source) > third)
            .then_some(other.as_str())
    }

    /// The article's two countries, most named first, when it is plainly about two (as
    /// [`ArticleParties::counterpart`] judges it for the most-named one); for "the two
    /// leaders", "both sides".
    pub fn pair(&self) -> Option<(&str, &str)> {
        // The first of equal counts, so that ties do not depend on the order of iteration.
        let (first, _) = self
            .counts
            .iter()
            .fold(None::<&(String, u32)>, |best, c| match best {
                Some(b) if b.1 >= c.1 => Some(b),
                _ => Some(c),
            })?;
        let other = self.counterpart(first)?;
        Some((first.as_str(), other))
    }
}

#[cfg(test)]
mod tests {
    use super::ArticleParties;

    #[test]
    fn the_counterpart_is_the_other_of_two_plain_parties() {
        let mut p = ArticleParties::default();
        p.note(["CHNGOV", "JPNGOV"], 2);
        p.note(["JPNMIL"], 1);
        p.note(["CHN", "JPNGOV", "JPN"], 1);
        assert_eq!(p.counterpart("CHNGOV"), Some("JPN"));
        assert_eq!(p.counterpart("JPNMIL"), Some("CHN"));
        // A third country is no party, nor does it get one.
        assert_eq!(p.counterpart("USAGOV"), None);
    }

    #[test]
    fn no_counterpart_when_a_third_country_is_as_present() {
        let mut p = ArticleParties::default();
        p.note(["USAGOV", "MEXGOV"], 1);
        p.note(["MEXGOV", "CANGOV"], 1);
        p.note(["CANGOV"], 1);
        // Mexico 2, Canada 2: the United States' counterpart is not plain.
        assert_eq!(p.counterpart("USAGOV"), None);
        p.note(["MEXGOV"], 1);
        assert_eq!(
            p.counterpart("USAGOV"),
            None,
            "the source is no more named than Canada"
        );
        p.note(["USAGOV"], 1);
        p.note(["USAGOV"], 1);
        // Mexico 3, Canada 2: a third country named more than half as often still blurs it.
        assert_eq!(p.counterpart("USAGOV"), None);
        p.note(["MEXGOV"], 1);
        p.note(["MEXGOV"], 1);
        assert_eq!(p.counterpart("USAGOV"), Some("MEX"));
    }

    #[test]
    fn regions_igos_and_unknown_countries_are_no_party() {
        let mut p = ArticleParties::default();
        p.note(["IGOUNO", "MEA", "---CRM", "ISRGOV"], 1);
        p.note(["IGOUNO", "MEA", "---CRM", "ISRGOV"], 1);
        assert_eq!(p.counterpart("LBNGOV"), None);
        p.note(["LBNGOV"], 1);
        assert_eq!(p.counterpart("LBNGOV"), Some("ISR"));
        assert_eq!(p.counterpart("IGOUNO"), None);
    }

    #[test]
    fn a_country_counts_once_per_sentence() {
        let mut p = ArticleParties::default();
        p.note(["VENGOV", "VEN", "VENMIL", "COLGOV"], 1);
        assert_eq!(p.counterpart("COLGOV"), None, "one sentence is not two");
    }

    #[test]
    fn the_pair_is_the_two_plain_parties() {
        let mut p = ArticleParties::default();
        p.note(["USAGOV", "PHLMIL"], 2);
        p.note(["PHLMIL"], 1);
        assert_eq!(p.pair(), Some(("PHL", "USA")));
        p.note(["CHNGOV"], 1);
        p.note(["CHNGOV"], 1);
        assert_eq!(p.pair(), None, "a third country as present as the second");
    }
}
