//! Abbreviation tables shared by the sentence splitter and the tokenizer.
//!
//! An abbreviation is looked up *without* its final period ("Gen", "U.S", "a.m"). The class
//! says whether a period after it can also end a sentence, and what evidence the splitter needs
//! from the next word before it splits there (see [`crate::sentences`]).

/// How a period after an abbreviation behaves at a possible sentence end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AbbrevClass {
    /// Stands before a name, date or number and never ends a sentence:
    /// titles ("Gen.", "Sen.", "Dr."), months ("Sept."), "St.", "vs.", "e.g.".
    Prefix,
    /// An abbreviation only when a number follows ("No. 5", "Fig. 3"); otherwise a plain word.
    BeforeNumber,
    /// Follows what it qualifies and often ends a sentence ("Inc.", "Jr.", "p.m.", "etc."):
    /// the period ends the sentence when the next word is capitalised and is not a weekday,
    /// month or time zone ("3 p.m. Tuesday" does not split).
    Postpositive,
    /// Dotted acronyms ("U.S.", "U.N.", "D.C."), state abbreviations ("Calif.") and initials
    /// ("J."): they often modify the next word ("U.S. Senate", "J. Smith"), so the period ends a
    /// sentence only when the next word is a capitalised function word ("The", "He", "But"…).
    Acronym,
}

/// Classifies `word` (the text before a period, without that period).
pub(crate) fn classify(word: &str) -> Option<AbbrevClass> {
    if word.is_empty() || word.len() > 12 {
        return None;
    }
    if let Some(class) = lookup(word) {
        return Some(class);
    }
    let bytes = word.as_bytes();
    // All-caps spellings of the listed words, as in datelines ("ST. LOUIS", "GEN.").
    if bytes.len() >= 2 && bytes.iter().all(u8::is_ascii_uppercase) {
        let mut buf = [0u8; 12];
        let n = bytes.len();
        buf[..n].copy_from_slice(bytes);
        buf[1..n].make_ascii_lowercase();
        if let Some(class) = std::str::from_utf8(&buf[..n]).ok().and_then(lookup) {
            return Some(class);
        }
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        // A lone capital is an initial ("J. Smith", "George W. Bush").
        return c.is_uppercase().then_some(AbbrevClass::Acronym);
    }
    if is_dotted(word) {
        return Some(AbbrevClass::Acronym);
    }
    None
}

/// "U.S", "a.k.a", "Ph.D": at least two period-separated segments, each 1–3 letters.
fn is_dotted(word: &str) -> bool {
    if !word.contains('.') {
        return false;
    }
    word.split('.').all(|seg| {
        let n = seg.chars().count();
        (1..=3).contains(&n) && seg.chars().all(char::is_alphabetic)
    })
}

fn lookup(word: &str) -> Option<AbbrevClass> {
    use AbbrevClass::*;
    Some(match word {
        // Titles and ranks (English, plus common Spanish ones for bilingual coverage).
        "Mr" | "Mrs" | "Ms" | "Messrs" | "Mmes" | "Dr" | "Drs" | "Prof" | "Gen" | "Gens" | "Lt"
        | "Col" | "Maj" | "Capt" | "Cmdr" | "Cdr" | "Adm" | "Brig" | "Sgt" | "Cpl" | "Pvt"
        | "Spc" | "Sen" | "Sens" | "Rep" | "Reps" | "Gov" | "Govs" | "Pres" | "Rev" | "Hon"
        | "Amb" | "Atty" | "Supt" | "Insp" | "Det" | "Msgr" | "Fr" | "Sec" | "Secs" | "Cmdt"
        | "Sra" | "Srta" | "Lic" | "Ing" | "Gral" | "Dip" | "Dra" | "Mtro" | "Mtra" | "Pdte" => {
            Prefix
        }
        // Place prefixes.
        "St" | "Ste" | "Sts" | "Mt" | "Ft" => Prefix,
        // Months as written before a day ("Sept. 5").
        "Jan" | "Feb" | "Mar" | "Apr" | "Jun" | "Jul" | "Aug" | "Sep" | "Sept" | "Oct" | "Nov"
        | "Dec" => Prefix,
        // Latin and reference abbreviations that always continue the sentence.
        "vs" | "v" | "e.g" | "i.e" | "cf" | "viz" | "approx" | "ca" | "Vs" | "E.g" | "I.e" => {
            Prefix
        }
        "No" | "no" | "Nos" | "nos" | "Vol" | "vol" | "Fig" | "fig" | "Art" | "art" | "Ch"
        | "pp" => BeforeNumber,
        "Inc" | "Corp" | "Ltd" | "Co" | "Cos" | "Bros" | "Jr" | "Sr" | "Esq" | "Ph.D" | "etc"
        | "al" | "a.m" | "p.m" | "A.M" | "P.M" => Postpositive,
        // AP-style state abbreviations and common place/organisation abbreviations.
        "Ala" | "Ariz" | "Ark" | "Calif" | "Colo" | "Conn" | "Del" | "Fla" | "Ga" | "Ill"
        | "Ind" | "Kan" | "Kans" | "Ky" | "La" | "Md" | "Mass" | "Mich" | "Minn" | "Miss"
        | "Mo" | "Mont" | "Neb" | "Nev" | "Okla" | "Ore" | "Pa" | "Tenn" | "Tex" | "Va" | "Vt"
        | "Wash" | "Wis" | "Wyo" | "Dept" | "Univ" | "Assn" | "Ave" | "Blvd" | "Rd" | "Hwy" => {
            Acronym
        }
        _ => return None,
    })
}

/// Capitalised words that typically begin a sentence and rarely follow an acronym inside a
/// name: after "U.S." or an initial, only these let the period end the sentence.
pub(crate) fn is_sentence_starter(word: &str) -> bool {
    matches!(
        word,
        "The"
            | "A"
            | "An"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "It"
            | "Its"
            | "He"
            | "She"
            | "They"
            | "We"
            | "I"
            | "You"
            | "His"
            | "Her"
            | "Their"
            | "Our"
            | "My"
            | "Your"
            | "There"
            | "Here"
            | "But"
            | "And"
            | "Or"
            | "So"
            | "Yet"
            | "Nor"
            | "However"
            | "Meanwhile"
            | "Still"
            | "Then"
            | "Now"
            | "Also"
            | "Instead"
            | "Thus"
            | "Therefore"
            | "Moreover"
            | "Nevertheless"
            | "In"
            | "On"
            | "At"
            | "By"
            | "For"
            | "From"
            | "With"
            | "Without"
            | "After"
            | "Before"
            | "During"
            | "As"
            | "If"
            | "When"
            | "While"
            | "Although"
            | "Though"
            | "Since"
            | "Because"
            | "Until"
            | "Under"
            | "Some"
            | "Many"
            | "Most"
            | "All"
            | "Both"
            | "Each"
            | "Every"
            | "Several"
            | "Few"
            | "Other"
            | "Others"
            | "Another"
            | "Such"
            | "No"
            | "Not"
            | "None"
            | "What"
            | "Who"
            | "Which"
            | "Where"
            | "Why"
            | "How"
            | "Earlier"
            | "Later"
            | "Last"
            | "Next"
            | "According"
            | "Mr"
            | "Mrs"
            | "Ms"
    )
}

/// Words that commonly follow "a.m."/"p.m."/"Inc." inside the same sentence.
pub(crate) fn is_time_word(word: &str) -> bool {
    matches!(
        word,
        "Monday"
            | "Tuesday"
            | "Wednesday"
            | "Thursday"
            | "Friday"
            | "Saturday"
            | "Sunday"
            | "January"
            | "February"
            | "March"
            | "April"
            | "May"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
            | "ET"
            | "EST"
            | "EDT"
            | "CT"
            | "CST"
            | "CDT"
            | "MT"
            | "MST"
            | "MDT"
            | "PT"
            | "PST"
            | "PDT"
            | "GMT"
            | "UTC"
            | "BST"
            | "CET"
            | "CEST"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(classify("Gen"), Some(AbbrevClass::Prefix));
        assert_eq!(classify("GEN"), Some(AbbrevClass::Prefix));
        assert_eq!(classify("Sept"), Some(AbbrevClass::Prefix));
        assert_eq!(classify("No"), Some(AbbrevClass::BeforeNumber));
        assert_eq!(classify("Inc"), Some(AbbrevClass::Postpositive));
        assert_eq!(classify("p.m"), Some(AbbrevClass::Postpositive));
        assert_eq!(classify("U.S"), Some(AbbrevClass::Acronym));
        assert_eq!(classify("U.S.A"), Some(AbbrevClass::Acronym));
        assert_eq!(classify("J"), Some(AbbrevClass::Acronym));
        assert_eq!(classify("Calif"), Some(AbbrevClass::Acronym));
        assert_eq!(classify("a"), None);
        assert_eq!(classify("said"), None);
        assert_eq!(classify("US"), None);
        assert_eq!(classify("reuters.com"), None);
        assert_eq!(classify("3.5"), None);
        assert_eq!(classify(""), None);
        assert_eq!(classify("É"), Some(AbbrevClass::Acronym));
    }
}
