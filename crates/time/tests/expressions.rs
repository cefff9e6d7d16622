//! Each documented expression against a fixed publication date: Wednesday 2025-03-05.

use atalaya_time::Precision::{Day, Month, Season, Week, Year};
use atalaya_time::Tense::{Future, Past, Unknown};
use atalaya_time::{
    find_dates, has_date_hint, resolve_event_date, Part, Precision, Relation, ResolvedDate, Tense,
};
use chrono::{Datelike, NaiveDate, Weekday};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// Wednesday.
fn published() -> NaiveDate {
    day(2025, 3, 5)
}

/// The only expression found in `sentence`; checks that its span is where `expression` is.
fn only(sentence: &str, tense: Tense, expression: &str) -> ResolvedDate {
    only_at(sentence, published(), tense, expression)
}

fn only_at(sentence: &str, p: NaiveDate, tense: Tense, expression: &str) -> ResolvedDate {
    let found = find_dates(sentence, p, tense);
    assert_eq!(found.len(), 1, "{sentence:?} gave {found:#?}");
    let date = found
        .into_iter()
        .next()
        .unwrap_or_else(|| ResolvedDate::article(p));
    let start = sentence.find(expression).unwrap_or(usize::MAX);
    assert_eq!(
        (date.start, date.end),
        (start, start + expression.len()),
        "span of {expression:?} in {sentence:?}: {date:?}"
    );
    assert_eq!(date.expression, expression);
    assert_eq!(sentence.get(date.start..date.end), Some(expression));
    date
}

/// The only expression of a sentence whose expected expression is in brackets.
fn marked(marked: &str, tense: Tense) -> ResolvedDate {
    let (sentence, expression) = unmark(marked);
    only(&sentence, tense, &expression)
}

/// `marked` holds the expected expression in brackets: "Troops left [on Tuesday]."
fn check(marked: &str, tense: Tense, date: &str, precision: Precision) {
    let (sentence, expression) = unmark(marked);
    let found = only(&sentence, tense, &expression);
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
    assert_eq!(
        (Some(found.date), found.precision),
        (date, precision),
        "{sentence:?}"
    );
}

/// The sentence without brackets and the bracketed text.
fn unmark(marked: &str) -> (String, String) {
    let open = marked.find('[').unwrap_or(0);
    let close = marked.find(']').unwrap_or(marked.len());
    let expression = marked.get(open + 1..close).unwrap_or("").to_string();
    (marked.replace(['[', ']'], ""), expression)
}

/// `check` over lines of `"marked sentence", tense, "date", precision;`.
macro_rules! cases {
    ($($marked:literal, $tense:ident, $date:literal, $precision:ident;)*) => {
        $(check($marked, $tense, $date, $precision);)*
    };
}

fn none(sentence: &str) {
    let found = find_dates(sentence, published(), Unknown);
    assert!(found.is_empty(), "{sentence:?} gave {found:#?}");
}

#[test]
fn publication_date_is_a_wednesday() {
    assert_eq!(published().weekday(), Weekday::Wed);
}

#[test]
fn today_yesterday_tomorrow() {
    cases! {
        "The ministry confirmed the arrests [today].", Past, "2025-03-05", Day;
        "Gunmen attacked a convoy [yesterday] near Culiacan.", Past, "2025-03-04", Day;
        "Negotiators will meet [tomorrow] in Mexico City.", Future, "2025-03-06", Day;
        "[TODAY] the Senate votes.", Unknown, "2025-03-05", Day;
        "Shots were heard [late yesterday evening].", Past, "2025-03-04", Day;
        "Explosions were reported [last night] in Reynosa.", Past, "2025-03-04", Day;
        "The envoy arrived [this morning].", Past, "2025-03-05", Day;
        "The governor spoke [earlier today].", Past, "2025-03-05", Day;
        "Troops will leave [tonight].", Future, "2025-03-05", Day;
        "The raid took place the [day before yesterday].", Past, "2025-03-03", Day;
        "Talks resume the [day after tomorrow].", Future, "2025-03-07", Day;
    }
}

#[test]
fn weekdays_point_to_the_past_by_default() {
    cases! {
        "The Pentagon said on [Tuesday] that it had no plans.", Unknown, "2025-03-04", Day;
        "Sheinbaum spoke [Wednesday] at her morning briefing.", Past, "2025-03-05", Day;
        "Troops were deployed on [Thursday].", Past, "2025-02-27", Day;
        "Soldiers clashed with gunmen on [Monday].", Unknown, "2025-03-03", Day;
        "Police found the bodies on [Sunday].", Past, "2025-03-02", Day;
        "The strike hit a lab on [Tuesday night].", Past, "2025-03-04", Day;
        "[Tuesday]'s attack killed six.", Unknown, "2025-03-04", Day;
        "ON [FRIDAY] THE ENVOY LEFT.", Unknown, "2025-02-28", Day;
    }
}

#[test]
fn weekdays_with_future_tense_and_modifiers() {
    cases! {
        "Officials will meet on [Thursday].", Future, "2025-03-06", Day;
        "The delegation will travel on [Monday].", Future, "2025-03-10", Day;
        "The cabinet meets on [Wednesday].", Future, "2025-03-05", Day;
        "The decree was signed [last Wednesday].", Past, "2025-02-26", Day;
        "He met the ambassador [last Monday].", Past, "2025-03-03", Day;
        "The summit opens [next Wednesday].", Future, "2025-03-12", Day;
        "The summit opens [next Friday].", Unknown, "2025-03-07", Day;
        "The vote is set for [this Friday].", Unknown, "2025-03-07", Day;
        "It was announced [this Monday].", Unknown, "2025-03-03", Day;
        "The border reopened [this past Sunday].", Past, "2025-03-02", Day;
        "Fighting broke out [late on Tuesday].", Past, "2025-03-04", Day;
    }
}

#[test]
fn weeks_months_years() {
    cases! {
        "Tariffs were raised [last week].", Past, "2025-02-24", Week;
        "Talks continued [this week].", Unknown, "2025-03-03", Week;
        "A new round starts [next week].", Future, "2025-03-10", Week;
        "The minister resigned [earlier this week].", Past, "2025-03-03", Week;
        "A ruling is expected [later this week].", Future, "2025-03-03", Week;
        "Exports fell [last month].", Past, "2025-02-01", Month;
        "Deportations rose [this month].", Unknown, "2025-03-01", Month;
        "Elections are due [next month].", Future, "2025-04-01", Month;
        "The cartel was designated [last year].", Past, "2024-01-01", Year;
        "Homicides dropped [this year].", Unknown, "2025-01-01", Year;
        "The law was passed [earlier this year].", Past, "2025-01-01", Year;
        "Troops may withdraw [later this year].", Future, "2025-01-01", Year;
        "A census is planned [next year].", Future, "2026-01-01", Year;
        "[Last year]'s harvest failed.", Past, "2024-01-01", Year;
    }
}

#[test]
fn weekends() {
    cases! {
        "Clashes erupted over the [weekend].", Past, "2025-02-24", Week;
        "Protests are planned for the [weekend].", Future, "2025-03-03", Week;
        "Voters marched [last weekend].", Past, "2025-02-24", Week;
        "Leaders meet [this weekend].", Unknown, "2025-03-03", Week;
        "A rally took place [this past weekend].", Past, "2025-02-24", Week;
    }
    // Published on a Sunday, "the weekend" is the current one.
    let sunday = day(2025, 3, 9);
    let found = only_at("Clashes erupted over the weekend.", sunday, Past, "weekend");
    assert_eq!(found.date, day(2025, 3, 3));
}

#[test]
fn bare_and_modified_months() {
    cases! {
        "The shipment was seized in [March].", Past, "2025-03-01", Month;
        "The raid happened in [December].", Unknown, "2024-12-01", Month;
        "The treaty will be signed in [December].", Future, "2025-12-01", Month;
        "A review is due in [February].", Future, "2026-02-01", Month;
        "The shipment was seized in [March 2024].", Past, "2024-03-01", Month;
        "Talks stalled in [June, 2023].", Past, "2023-06-01", Month;
        "The tariffs took effect [last March].", Past, "2024-03-01", Month;
        "The tariffs took effect [last February].", Past, "2025-02-01", Month;
        "Elections come [next March].", Future, "2026-03-01", Month;
        "Elections come [next June].", Future, "2025-06-01", Month;
        "Exports have grown since [January].", Past, "2025-01-01", Month;
    }

    let early = marked("The operation began in [early August].", Past);
    assert_eq!(
        (early.date, early.precision, early.part),
        (day(2024, 8, 1), Month, Some(Part::Early))
    );
    let future = marked("The operation will begin in [early August].", Future);
    assert_eq!(future.date, day(2025, 8, 1));
    let mid = marked("Drones were spotted in [mid-August].", Past);
    assert_eq!((mid.date, mid.part), (day(2024, 8, 1), Some(Part::Mid)));
    let mid_spaced = marked("Drones were spotted in [mid August].", Past);
    assert_eq!(mid_spaced.part, Some(Part::Mid));
    let late = marked("Marines landed in [late April].", Past);
    assert_eq!((late.date, late.part), (day(2024, 4, 1), Some(Part::Late)));
    let end = marked("The deal expires at the [end of March].", Future);
    assert_eq!(
        (end.date, end.precision, end.part),
        (day(2025, 3, 1), Month, Some(Part::Late))
    );
    let start = marked("The plan dates from the [beginning of January].", Past);
    assert_eq!(
        (start.date, start.part),
        (day(2025, 1, 1), Some(Part::Early))
    );
}

#[test]
fn days_of_month() {
    cases! {
        "Marines landed on [September 4th].", Past, "2024-09-04", Day;
        "Marines will land on [September 4th].", Future, "2025-09-04", Day;
    }
    // Unknown tense: the nearer of 2024-09-04 (182 days back) and 2025-09-04 (183 ahead).
    cases! {
        "Marines landed on [September 4th].", Unknown, "2024-09-04", Day;
        "The vote is on [March 10].", Unknown, "2025-03-10", Day;
        "The vote was on [March 1].", Unknown, "2025-03-01", Day;
        "Agents arrested him [Sept. 4] in Tijuana.", Past, "2024-09-04", Day;
        "Agents arrested him [Sept 4] in Tijuana.", Past, "2024-09-04", Day;
        "Agents arrested him on [4 September].", Past, "2024-09-04", Day;
        "The pact was signed on the [4th of March].", Past, "2025-03-04", Day;
        "The order was signed on [September 4, 2025].", Unknown, "2025-09-04", Day;
        "The order was signed on [4 September 2025].", Unknown, "2025-09-04", Day;
        "The order was signed on [Jan. 20, 2025] in Washington.", Past, "2025-01-20", Day;
        "The order is dated [2025-09-04].", Unknown, "2025-09-04", Day;
        "The troops arrived [Feb. 28].", Past, "2025-02-28", Day;
        "Protests began on [May 1].", Past, "2024-05-01", Day;
    }
}

#[test]
fn weekday_written_with_a_date() {
    cases! {
        "The raid came on [Tuesday, March 4], at dawn.", Past, "2025-03-04", Day;
        "It happened on [Friday, Feb. 28].", Past, "2025-02-28", Day;
        "Filed [Tue, 04 Mar 2025] at noon.", Past, "2025-03-04", Day;
    }
    // The weekday picks the year: 2026-03-10 is a Tuesday, 2025-03-10 is a Monday.
    cases! {
        "The hearing is on [Tuesday, March 10].", Unknown, "2026-03-10", Day;
    }
    // "On Tuesday, 12 people ..." keeps the weekday alone.
    cases! {
        "On [Tuesday], 12 people were killed.", Past, "2025-03-04", Day;
    }
}

#[test]
fn seasons() {
    cases! {
        "Violence peaked in the [summer of 2020].", Past, "2020-06-01", Season;
        "Violence peaked in [summer 2020].", Past, "2020-06-01", Season;
        "Violence peaked [last summer].", Past, "2024-06-01", Season;
        "A new law arrives [this spring].", Unknown, "2025-03-01", Season;
        "Elections are expected [this summer].", Unknown, "2025-06-01", Season;
        "Shortages hit [this winter].", Unknown, "2024-12-01", Season;
        "Shortages hit [last winter].", Past, "2024-12-01", Season;
        "Shortages may hit [next winter].", Future, "2025-12-01", Season;
        "Talks resume [this fall].", Future, "2025-09-01", Season;
        "The [winter of 2021] was harsh.", Past, "2021-12-01", Season;
    }
    let late = marked("The offensive began in [late summer].", Past);
    assert_eq!((late.date, late.part), (day(2024, 6, 1), Some(Part::Late)));
    // In October, "this winter" is the coming one.
    let october = day(2025, 10, 15);
    let found = only_at(
        "Shortages are feared this winter.",
        october,
        Unknown,
        "this winter",
    );
    assert_eq!(found.date, day(2025, 12, 1));
    // In January, "this winter" is the one in progress.
    let january = day(2026, 1, 10);
    let found = only_at(
        "Shortages hit this winter.",
        january,
        Unknown,
        "this winter",
    );
    assert_eq!(found.date, day(2025, 12, 1));
}

#[test]
fn years() {
    cases! {
        "The group was founded in [2019].", Past, "2019-01-01", Year;
    }
    let since = marked("The route has been contested since [2019].", Past);
    assert_eq!(
        (since.date, since.relation),
        (day(2019, 1, 1), Relation::Since)
    );
    let by = marked("Emissions must fall by [2030].", Future);
    assert_eq!(by.relation, Relation::By);
    let late = marked("The cartel split in [late 2024].", Past);
    assert_eq!(
        (late.date, late.precision, late.part),
        (day(2024, 1, 1), Year, Some(Part::Late))
    );
    let mid = marked("Troops are due home by [mid-2025].", Future);
    assert_eq!(
        (mid.date, mid.part, mid.relation),
        (day(2025, 1, 1), Some(Part::Mid), Relation::By)
    );
    let last = marked("Clashes grew [late last year].", Past);
    assert_eq!((last.date, last.part), (day(2024, 1, 1), Some(Part::Late)));
    let week = marked("Talks resume [early next week].", Future);
    assert_eq!(
        (week.date, week.precision, week.part),
        (day(2025, 3, 10), Week, Some(Part::Early))
    );
    let month = marked("Raids surged [late last month].", Past);
    assert_eq!(
        (month.date, month.precision, month.part),
        (day(2025, 2, 1), Month, Some(Part::Late))
    );
    let until = marked("The curfew holds until the [end of March].", Future);
    assert_eq!(
        (until.relation, until.part),
        (Relation::Until, Some(Part::Late))
    );
    let end = marked("Tariffs end at the [end of 2025].", Future);
    assert_eq!((end.date, end.part), (day(2025, 1, 1), Some(Part::Late)));
}

#[test]
fn counts_ago_and_from_now() {
    cases! {
        "The ambassador left [two days ago].", Past, "2025-03-03", Day;
        "The ambassador left [10 days ago].", Past, "2025-02-23", Day;
        "[A day ago] the port closed.", Past, "2025-03-04", Day;
    }
    // 2025-02-12 falls in the week of Monday 2025-02-10.
    cases! {
        "The bridge closed [three weeks ago].", Past, "2025-02-10", Week;
        "The talks collapsed [a month ago].", Past, "2025-02-01", Month;
        "The pact was signed [two years ago].", Past, "2023-01-01", Year;
        "The vote is [two weeks from now].", Future, "2025-03-17", Week;
    }
}

#[test]
fn relative_offsets_are_not_dates() {
    none("Four days after the raid, the governor resigned.");
    none("Two weeks later, troops withdrew.");
    none("The next day, officials denied it.");
    none("During his first term, the border was militarized.");
}

#[test]
fn words_that_look_like_dates_but_are_not() {
    none("Mexico may respond with tariffs.");
    none("Protesters march toward the embassy.");
    none("Thousands march in Mexico City against violence.");
    none("Protesters March on the Capitol.");
    none("Mexico May Respond To Strikes");
    none("Cartels In Sinaloa May Be Designated");
    none("The navy said 7 May be added to the list.");
    none("Former prime minister Theresa May said the plan was flawed.");
    none("The talks happened after May resigned.");
    none("The Sun reported the deal.");
    none("He sat with the Wed committee.");
    none("Shops opened for Black Friday.");
    none("Pilgrims gathered on Good Friday.");
    none("Officials meet every Tuesday.");
    none("The Sunday Times reported the leak.");
    none("Officials described an august institution.");
    none("Aid reached them in 2000 cases.");
    none("The 1990s were violent.");
    none("In the 2024 election, turnout fell.");
    none("Police seized 2,019 rifles.");
    none("The army sent 300 troops.");
    none("Prices fall in spring.");
    none("Over the last week the army moved north.");
    none("The next month brought more raids.");
    none("Officials said the deal would hold at 10:30.");
    none("Unemployment rose 4% in a year.");
}

#[test]
fn month_with_a_quantity_after_it() {
    // "2,000" is a quantity, so "March" stands alone after "In".
    cases! {
        "In [March] 2,000 people fled.", Past, "2025-03-01", Month;
    }
}

#[test]
fn several_expressions_in_order_and_the_event_date() {
    let sentence =
        "The army, deployed since 2019, raided a ranch on Tuesday and will return next week.";
    let found = find_dates(sentence, published(), Unknown);
    let texts: Vec<&str> = found.iter().map(|d| d.expression.as_str()).collect();
    assert_eq!(texts, ["2019", "Tuesday", "next week"]);
    assert_eq!(found[0].relation, Relation::Since);
    let best = resolve_event_date(sentence, published(), Unknown);
    assert_eq!(
        (best.date, best.precision, best.expression.as_str()),
        (day(2025, 3, 4), Precision::Day, "Tuesday")
    );

    let coarse = "Last month, the cartel attacked a convoy in early February.";
    let best = resolve_event_date(coarse, published(), Past);
    assert_eq!(best.expression, "Last month"); // same precision: the first wins
}

#[test]
fn the_event_date_falls_back_to_the_article() {
    let p = published();
    let plain = resolve_event_date("The cartel denied the accusations.", p, Unknown);
    assert_eq!(plain, ResolvedDate::article(p));
    assert_eq!(plain.precision, Precision::Article);
    let bounded = resolve_event_date("Raids have continued since March.", p, Unknown);
    assert_eq!(bounded.precision, Precision::Article);
    let after = resolve_event_date("After Tuesday's vote the peso fell.", p, Past);
    assert_eq!(after.precision, Precision::Article);
}

#[test]
fn relations_from_prepositions() {
    let p = published();
    let relation = |s: &str| find_dates(s, p, Unknown).first().map(|d| d.relation);
    assert_eq!(
        relation("The curfew lasts until Friday."),
        Some(Relation::Until)
    );
    assert_eq!(relation("He left before Tuesday."), Some(Relation::Before));
    assert_eq!(
        relation("He left prior to March 1."),
        Some(Relation::Before)
    );
    assert_eq!(
        relation("It started after the 4th of March."),
        Some(Relation::After)
    );
    assert_eq!(
        relation("Aid flowed from June through August."),
        Some(Relation::Since)
    );
    assert_eq!(
        relation("It was signed in the summer of 2020."),
        Some(Relation::At)
    );
}

#[test]
fn year_boundaries() {
    // Friday 2025-01-03.
    let p = day(2025, 1, 3);
    let first = |s: &str, tense| {
        let found = find_dates(s, p, tense);
        found.first().map(|d| (d.date, d.precision))
    };
    assert_eq!(
        first("The raid happened in December.", Unknown),
        Some((day(2024, 12, 1), Precision::Month))
    );
    assert_eq!(
        first("The raid happened on December 28.", Unknown),
        Some((day(2024, 12, 28), Precision::Day))
    );
    assert_eq!(
        first("The raid happened last month.", Past),
        Some((day(2024, 12, 1), Precision::Month))
    );
    assert_eq!(
        first("The raid happened last week.", Past),
        Some((day(2024, 12, 23), Precision::Week))
    );
    assert_eq!(
        first("Raids continued this week.", Past),
        Some((day(2024, 12, 30), Precision::Week))
    );
    assert_eq!(
        first("The raid happened on Monday.", Past),
        Some((day(2024, 12, 30), Precision::Day))
    );
    assert_eq!(
        first("The raid happened last year.", Past),
        Some((day(2024, 1, 1), Precision::Year))
    );
    assert_eq!(
        first("Talks resume on January 10.", Future),
        Some((day(2025, 1, 10), Precision::Day))
    );
    let december = day(2024, 12, 20);
    let found = find_dates("Talks resume on January 10.", december, Future);
    assert_eq!(found.first().map(|d| d.date), Some(day(2025, 1, 10)));
    let found = find_dates("Tariffs start next month.", december, Future);
    assert_eq!(found.first().map(|d| d.date), Some(day(2025, 1, 1)));
    let found = find_dates("Tariffs start next week.", december, Future);
    assert_eq!(found.first().map(|d| d.date), Some(day(2024, 12, 23)));
}

#[test]
fn leap_years() {
    let on = |s: &str, p: NaiveDate| find_dates(s, p, Unknown).first().map(|d| d.date);
    assert_eq!(
        on("The ceasefire began on February 29.", day(2024, 3, 5)),
        Some(day(2024, 2, 29))
    );
    // Only 2024 has a February 29 among 2024–2026.
    assert_eq!(
        on("The ceasefire began on February 29.", published()),
        Some(day(2024, 2, 29))
    );
    assert_eq!(
        on("The ceasefire began on February 29, 2025.", published()),
        None
    );
    assert_eq!(on("The ceasefire began on February 30.", published()), None);
    assert_eq!(
        on("The talks collapsed a month ago.", day(2024, 3, 31)),
        Some(day(2024, 2, 1))
    );
    assert_eq!(
        on("The talks collapsed last Thursday.", day(2024, 3, 1)),
        Some(day(2024, 2, 29))
    );
    assert_eq!(
        on("The talks collapsed a year ago.", day(2024, 2, 29)),
        Some(day(2023, 1, 1))
    );
}

#[test]
fn periods_know_their_last_day() {
    let p = published();
    let last = |s: &str| find_dates(s, p, Past).first().map(|d| d.last_day());
    assert_eq!(last("It rained last week."), Some(day(2025, 3, 2)));
    assert_eq!(last("It rained in February 2024."), Some(day(2024, 2, 29)));
    assert_eq!(last("It rained this winter."), Some(day(2025, 2, 28)));
    assert_eq!(last("It rained in 2019."), Some(day(2019, 12, 31)));
    assert_eq!(last("It rained on Tuesday."), Some(day(2025, 3, 4)));
    let week = find_dates("It rained last week.", p, Past);
    assert!(week
        .first()
        .is_some_and(|w| w.contains(day(2025, 2, 27)) && !w.contains(p)));
}

#[test]
fn spans_are_byte_offsets_in_unicode_text() {
    let sentence = "En Culiacán —según fuentes— the army arrived on Tuesday in México.";
    let found = only(sentence, Past, "Tuesday");
    assert_eq!(found.date, day(2025, 3, 4));
    none("El ejército llegó a Sinaloa según fuentes oficiales.");
}

#[test]
fn fast_path_and_garbage_input() {
    assert!(!has_date_hint("The cartel denied the accusations."));
    assert!(has_date_hint("The cartel denied it on Tuesday."));
    for input in [
        "", " ", "1", "-", "2025-", "2025-09-", "May", "in", "in May", "the", "4th of", "Sept.",
        "mid-", "—", "ñ9",
    ] {
        let _ = find_dates(input, published(), Unknown);
        let _ = resolve_event_date(input, published(), Future);
    }
    let found = find_dates("in May", published(), Unknown);
    assert_eq!(found.first().map(|d| d.date), Some(day(2024, 5, 1)));
}

#[test]
fn no_panic_on_generated_sentences() {
    // Deterministic pseudo-random sentences from date-ish fragments.
    let fragments = [
        "in",
        "May",
        "march",
        "4",
        "4th",
        "of",
        "2025",
        ",",
        ".",
        "-",
        "Sept",
        "last",
        "next",
        "this",
        "week",
        "weekend",
        "the",
        "day",
        "before",
        "after",
        "yesterday",
        "ago",
        "two",
        "a",
        "mid",
        "early",
        "late",
        "summer",
        "fall",
        "Tue",
        "Tuesday",
        "31",
        "2,000",
        "10:30",
        "—",
        "ü",
        "end",
        "since",
        "from",
        "now",
        "2025-02-29",
        "29",
        "February",
        "past",
        "prior",
        "to",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let p = published();
    for _ in 0..3000 {
        let mut sentence = String::new();
        for _ in 0..(state % 9 + 1) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let index = usize::try_from(state % fragments.len() as u64).unwrap_or(0);
            sentence.push_str(fragments[index]);
            if state & 3 != 0 {
                sentence.push(' ');
            }
        }
        for tense in [Past, Future, Unknown] {
            for date in find_dates(&sentence, p, tense) {
                assert_eq!(
                    sentence.get(date.start..date.end),
                    Some(date.expression.as_str())
                );
                assert!(
                    date.date.year() > 1700 && date.date.year() < 2300,
                    "{sentence:?}"
                );
            }
        }
        for offset in atalaya_time::find_offsets(&sentence) {
            assert_eq!(
                sentence.get(offset.start..offset.end),
                Some(offset.expression.as_str())
            );
        }
    }
}
