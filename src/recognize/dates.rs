//! Dates in running text, resolved to the contract's ISO forms.
//!
//! All forms live in one case-insensitive regex without capture groups: the
//! lazy DFA scans the text once for every form at the same time. Running the
//! capture engine of that large regex costs microseconds per match, so a
//! found span is instead handed to a `RegexSet` of the forms (which one is
//! it?) and then to that form's own small regex for its groups.
//!
//! Leftmost-first alternation, not leftmost-longest, decides between forms
//! that start at the same place, so the alternatives are ordered with the
//! longer forms (ranges) before the shorter ones (single days).
//!
//! The regex has no Unicode word boundaries (they would push the DFA onto the
//! slow engines for non-ASCII text, and Cyrillic month names need them too),
//! so word edges are checked in code on each match; a match that fails the
//! checks is dropped and the search resumes one character later.
//!
//! Most sentences hold no date, and the lazy DFA of this large regex scans
//! them several times slower than a byte loop (and must first build its
//! states, which dominates short runs). So `scan` first asks
//! [`may_hold_date`], an exact test that looks for text every *accepted*
//! match must contain, and skips the regex when it is absent.

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};

use crate::date::{Date, DateValue};

/// A date found in text; byte offsets into the text given to `find`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub value: DateValue,
}

/// Compiled once (regexes), shared by reference across threads.
pub struct DateRecognizer {
    /// All alternatives, without capture groups: only finds the spans.
    re: Regex,
    /// The same alternatives anchored, to tell which one a span matched.
    set: RegexSet,
    alts: Vec<Alt>,
}

impl Default for DateRecognizer {
    fn default() -> Self {
        Self::new()
    }
}

/// What an alternative of the regex means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// `2024-12-19`
    Iso,
    /// `19.12.2024`, `19/12/2024`
    Numeric,
    /// Every day-to-day range; a missing month is taken from the other end.
    Range,
    /// `December 18`, `18th of December 2024`, `Tuesday, 17 December`
    Day,
    /// `December 2024`
    MonthYear,
    /// `last year in April`, `April last year`
    MonthRelYear,
    /// `last February`
    RelMonth,
    /// `last year`, `earlier this month`
    RelUnit,
    /// `yesterday`, `the day before yesterday`
    RelDay,
    /// `Tuesday`, `last Tuesday`
    Weekday,
    /// `in December`, `since early March`, `in December 2001`: a month after
    /// a preposition; without a year it takes the year of the sentence's
    /// date before it ("In May 2001 X visited Y and in December Z visited
    /// W"), else the anchor's (the last such month on or before it).
    BareMonth,
    /// `in 2021`
    Year,
}

/// Capture fields an alternative may use.
const F_W: usize = 0;
const F_D1: usize = 2;
const F_M1: usize = 3;
const F_Y1: usize = 4;
const F_D2: usize = 5;
const F_M2: usize = 6;
const F_Y: usize = 7;
const F_MN: usize = 8;
const F_S1: usize = 9;
const F_S2: usize = 10;
const F_RQ: usize = 11;
const F_RU: usize = 12;
const F_RD: usize = 13;
const FIELD_NAMES: [&str; 14] = [
    "w", "pre", "d1", "m1", "y1", "d2", "m2", "y", "mn", "s1", "s2", "rq", "ru", "rd",
];

struct Alt {
    kind: Kind,
    /// This alternative alone, anchored, with its capture groups.
    re: Regex,
    /// Capture group index of each field the alternative has.
    fields: [Option<usize>; FIELD_NAMES.len()],
}

/// Full names first: leftmost-first alternation must prefer "june" to "jun",
/// and only abbreviations take a dot ("5 May." ends a sentence).
const MONTH_EN_FULL: &str =
    "january|february|march|april|may|june|july|august|september|october|november|december";
const MONTH_EN_ABBR: &str = "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";
/// Nominative, genitive and prepositional forms (`март`, `марта`, `марте`).
const MONTH_RU: &str = "январ[ьяе]|феврал[ьяе]|март[ае]?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|август[ае]?|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе]";
const WEEKDAY: &str = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
const DASHES: &str = "[-\u{2010}\u{2011}\u{2012}\u{2013}\u{2014}\u{2015}\u{2212}]";

/// Dates this many days after the anchor are taken to be last year's: news
/// reports past events far more often than ones announced months ahead.
const FUTURE_WINDOW_DAYS: i64 = 60;

fn month_pat(name: &str) -> String {
    format!(r"(?P<{name}>{MONTH_EN_FULL}|(?:{MONTH_EN_ABBR})\.?|{MONTH_RU})")
}

fn day_pat(name: &str) -> String {
    format!(r"(?P<{name}>[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?")
}

fn year_pat(name: &str) -> String {
    format!(r"(?P<{name}>[12][0-9]{{3}})(?:\s*(?:года|году|г\.))?")
}

fn build_alternatives() -> Vec<(Kind, String)> {
    let (m1, m2) = (month_pat("m1"), month_pat("m2"));
    let (d1, d2) = (day_pat("d1"), day_pat("d2"));
    let (y1, y) = (year_pat("y1"), year_pat("y"));
    // Year after month-day: "May 23, 2024", "May 23 2024".
    let ys = r"(?:,\s*|\s+)";
    let of = r"(?:\s+of)?\s+";
    let to = format!(r"(?:\s*{DASHES}\s*|\s+(?:to|till|until|through|thru)\s+)");
    let and = r"\s+and\s+";
    let wp = format!(r"(?:(?P<w>{WEEKDAY}),?\s+(?:the\s+)?)?");

    let mut alts = vec![
        (
            Kind::Iso,
            r"(?P<y>[12][0-9]{3})-(?P<mn>[01][0-9])-(?P<d1>[0-3][0-9])".to_string(),
        ),
        (
            Kind::Numeric,
            r"(?P<d1>[0-3]?[0-9])(?P<s1>[./])(?P<mn>[01]?[0-9])(?P<s2>[./])(?P<y>[12][0-9]{3})"
                .to_string(),
        ),
    ];
    // "from … to …" and "between … and …" share the shapes of the ranges.
    let shapes = [
        format!(r"{m1}\s+{d1}(?:{ys}{y1})?CONN{m2}\s+{d2}(?:{ys}{y})?"),
        format!(r"{d1}{of}{m1}(?:,?\s+{y1})?CONN{d2}{of}{m2}(?:,?\s+{y})?"),
        format!(r"{m1}\s+{d1}CONN{d2}(?:{ys}{y})?"),
        format!(r"{d1}CONN{d2}{of}{m2}(?:,?\s+{y})?"),
    ];
    for shape in &shapes {
        alts.push((
            Kind::Range,
            format!(r"(?:(?P<pre>from)\s+)?{}", shape.replace("CONN", &to)),
        ));
        alts.push((
            Kind::Range,
            format!(r"(?P<pre>between)\s+{}", shape.replace("CONN", and)),
        ));
    }
    alts.extend([
        // Before the single days, or "December 2024" would be read as day 20.
        (Kind::MonthYear, format!(r"{m1},?\s+{y}")),
        (Kind::Day, format!(r"{wp}{m1}\s+{d1}(?:{ys}{y})?")),
        (Kind::Day, format!(r"{wp}{d1}{of}{m1}(?:,?\s+{y})?")),
        (
            Kind::MonthRelYear,
            format!(r"(?P<rq>last|this|next)\s+year\s+in\s+{m1}"),
        ),
        (
            Kind::MonthRelYear,
            format!(r"{m1}\s+(?:of\s+)?(?P<rq>last|this|next)\s+year"),
        ),
        (
            Kind::RelUnit,
            r"(?:(?:earlier|later|early|late)\s+)?(?P<rq>last|this|next)\s+(?P<ru>year|month)"
                .to_string(),
        ),
        (Kind::RelMonth, format!(r"(?P<rq>last|next)\s+{m1}")),
        (
            Kind::RelDay,
            r"(?P<rd>(?:the\s+)?day\s+(?:before\s+yesterday|after\s+tomorrow)|yesterday|today|tonight|tomorrow|this\s+(?:morning|afternoon|evening)|(?:later|earlier)\s+in\s+the\s+(?:day|morning|afternoon|evening))"
                .to_string(),
        ),
        (
            Kind::Weekday,
            format!(r"(?:(?P<rq>last|this|next|past)\s+)?(?P<w>{WEEKDAY})"),
        ),
        (
            Kind::BareMonth,
            format!(
                r"(?:in|during|since|until|till|through|by)\s+(?:(?:early|late|mid)(?:\s+|-))?{m1}(?:,?\s+{y})?"
            ),
        ),
        (
            Kind::Year,
            r"(?:in|during|since|by|until|till|throughout)\s+(?:(?:early|late|mid)(?:\s+|-))?(?P<y>19[0-9]{2}|20[0-9]{2}|2100)"
                .to_string(),
        ),
    ]);
    alts
}

impl DateRecognizer {
    pub fn new() -> DateRecognizer {
        let alts = build_alternatives();
        let bare = Regex::new(r"\(\?P<[a-z0-9]+>").expect("valid regex");
        let build = |p: &str| {
            RegexBuilder::new(p)
                .size_limit(64 << 20)
                .dfa_size_limit(16 << 20)
                .build()
                .expect("valid regex")
        };
        let combined: Vec<String> = alts
            .iter()
            .map(|(_, alt)| format!("(?:{})", bare.replace_all(alt, "(?:")))
            .collect();
        let re = build(&format!("(?i){}", combined.join("|")));
        let set = RegexSetBuilder::new(combined.iter().map(|alt| format!("(?i)^{alt}")))
            .size_limit(64 << 20)
            .dfa_size_limit(16 << 20)
            .build()
            .expect("valid regex");
        let alts = alts
            .into_iter()
            .map(|(kind, alt)| {
                let re = build(&format!("(?i)^(?:{alt})"));
                let mut fields = [None; FIELD_NAMES.len()];
                for (index, name) in re.capture_names().enumerate() {
                    if let Some(name) = name {
                        let f = FIELD_NAMES
                            .iter()
                            .position(|x| *x == name)
                            .expect("known field name");
                        fields[f] = Some(index);
                    }
                }
                Alt { kind, re, fields }
            })
            .collect();
        DateRecognizer { re, set, alts }
    }

    /// Every date expression in `text`, in order, non-overlapping, resolved
    /// against `anchor` (the publication date, if known).
    pub fn find(&self, text: &str, anchor: Option<Date>) -> Vec<DateMention> {
        self.scan(text, anchor, false, usize::MAX, true)
    }

    /// [`find`](Self::find) on each span of `text` (sentences, in order of
    /// start, not overlapping), giving `f` the span's start and each date.
    ///
    /// Without an anchor a span holds a date only if it holds a year group
    /// (see [`may_hold_date`]). The year groups of the whole text are found
    /// here in one pass, and the spans without one are skipped: a `memchr2`
    /// set up per sentence cost more than the search over the bytes.
    pub fn find_in_spans(
        &self,
        text: &str,
        spans: impl Iterator<Item = (usize, usize)>,
        anchor: Option<Date>,
        mut f: impl FnMut(usize, DateMention),
    ) {
        let years: Vec<usize> = if anchor.is_none() {
            year_starts(text.as_bytes()).collect()
        } else {
            Vec::new()
        };
        let mut next_year = 0;
        for (start, end) in spans {
            if anchor.is_none() {
                // The first year group at or after the span's start; a later
                // one ends later, so if this one runs past the span's end,
                // every other does too.
                while years.get(next_year).is_some_and(|&y| y < start) {
                    next_year += 1;
                }
                if years.get(next_year).is_none_or(|&y| y + 4 > end) {
                    continue;
                }
            }
            for d in self.find(&text[start..end], anchor) {
                f(start, d);
            }
        }
    }

    /// Parses a whole string that is one date expression (datelines, page
    /// dates), resolved against `anchor`. None if `s` holds no date.
    pub fn parse_one(&self, s: &str, anchor: Option<Date>) -> Option<DateMention> {
        if let Some(m) = self.scan(s, anchor, true, 1, true).into_iter().next() {
            return Some(m);
        }
        // A page-date line may be just a year, which running text never
        // allows without a preposition.
        let t = s.trim();
        let year: i32 = t.parse().ok().filter(|_| t.len() == 4)?;
        if (1900..=2100).contains(&year) {
            let start = s.len() - s.trim_start().len();
            return Some(DateMention {
                start,
                end: start + t.len(),
                value: DateValue::Year(year),
            });
        }
        None
    }

    /// `lenient` accepts lowercase "may"/"march" as months: in a string known
    /// to be a date they cannot be verbs. `filter` is false only in tests, to
    /// compare the prefilters with the regex alone.
    fn scan(
        &self,
        text: &str,
        anchor: Option<Date>,
        lenient: bool,
        limit: usize,
        filter: bool,
    ) -> Vec<DateMention> {
        let mut out = Vec::new();
        if filter && !may_hold_date(text, anchor) {
            return out;
        }
        let mut pos = 0;
        while out.len() < limit && pos < text.len() {
            let Some(whole) = self.re.find_at(text, pos) else {
                break;
            };
            // The year of the text's last date so far, for a month named
            // without one.
            let earlier_year = out.last().map(|m: &DateMention| match m.value {
                DateValue::Day(d) | DateValue::Interval(_, d) => d.year,
                DateValue::Month { year, .. } | DateValue::Year(year) => year,
            });
            match self.interpret(
                text,
                whole.start(),
                whole.end(),
                anchor,
                lenient,
                filter,
                earlier_year,
            ) {
                Some(m) => {
                    out.push(m);
                    pos = whole.end().max(pos + 1);
                }
                None => {
                    let step = text[whole.start()..]
                        .chars()
                        .next()
                        .map_or(1, char::len_utf8);
                    pos = whole.start() + step;
                }
            }
        }
        out
    }

    /// The value of the span `start..end` that the combined regex found.
    #[allow(clippy::too_many_arguments)]
    fn interpret(
        &self,
        text: &str,
        start: usize,
        end: usize,
        anchor: Option<Date>,
        lenient: bool,
        filter: bool,
        earlier_year: Option<i32>,
    ) -> Option<DateMention> {
        if !edges_ok(text, start, end) {
            return None;
        }
        let span = &text[start..end];
        // Without an anchor only a span with a year can be a date (see
        // `may_hold_date`); this spares the set and the captures for "last
        // year", "Sunday" and "5 May", most of the candidates in such text.
        if filter && anchor.is_none() && !has_year(span) {
            return None;
        }
        // The pattern has no assertions, so the span alone matches the same
        // way; the first alternative matching at its start is the one the
        // leftmost-first combined regex took, with the same extent.
        let alt = &self.alts[self.set.matches(span).iter().next()?];
        let caps = alt.re.captures(span)?;
        let get = |f: usize| alt.fields[f].and_then(|i| caps.get(i)).map(|m| m.as_str());
        let num = |f: usize| get(f).and_then(|s| s.parse::<u32>().ok());
        let year = |f: usize| get(f).and_then(|s| s.parse::<i32>().ok());
        let month = |f: usize| get(f).and_then(month_number);

        if alt.kind != Kind::Iso && text[end..].starts_with('T') {
            return None;
        }
        let has_year = get(F_Y).is_some() || get(F_Y1).is_some();
        if !lenient && !has_year && (verb_like(get(F_M1)) || verb_like(get(F_M2))) {
            return None;
        }
        let mut start = start;

        let value = match alt.kind {
            Kind::Iso => DateValue::Day(make_date(year(F_Y)?, num(F_MN)?, num(F_D1)?)?),
            Kind::Numeric => {
                if get(F_S1) != get(F_S2) {
                    return None;
                }
                let (y, m, d) = (year(F_Y)?, num(F_MN)?, num(F_D1)?);
                // "12/19/2024" cannot be day-month, so it is the US order.
                let date = make_date(y, m, d).or_else(|| {
                    if get(F_S1) == Some("/") {
                        make_date(y, d, m)
                    } else {
                        None
                    }
                })?;
                DateValue::Day(date)
            }
            Kind::Range => {
                let m1 = month(F_M1).or(month(F_M2))?;
                let m2 = month(F_M2).or(month(F_M1))?;
                let (d1, d2) = (num(F_D1)?, num(F_D2)?);
                let (a, b) = resolve_range(m1, d1, year(F_Y1), m2, d2, year(F_Y), anchor)?;
                DateValue::Interval(a, b)
            }
            Kind::Day => DateValue::Day(resolve_day(month(F_M1)?, num(F_D1)?, year(F_Y), anchor)?),
            Kind::MonthYear => {
                let y = year(F_Y)?;
                if !(1000..=2999).contains(&y) {
                    return None;
                }
                DateValue::Month {
                    year: y,
                    month: month(F_M1)?,
                }
            }
            Kind::MonthRelYear => {
                if !lenient && !capitalized(get(F_M1)?) {
                    return None;
                }
                let y = anchor?.year + rel_offset(get(F_RQ)?);
                DateValue::Month {
                    year: y,
                    month: month(F_M1)?,
                }
            }
            Kind::RelMonth => {
                if !lenient && !capitalized(get(F_M1)?) {
                    return None;
                }
                // "last February 18" is a day; let the day form take it.
                if followed_by_digit(text, end) {
                    return None;
                }
                let a = anchor?;
                let m = month(F_M1)?;
                let y = match rel_offset(get(F_RQ)?) {
                    -1 if m < a.month => a.year,
                    -1 => a.year - 1,
                    _ if m > a.month => a.year,
                    _ => a.year + 1,
                };
                DateValue::Month { year: y, month: m }
            }
            Kind::RelUnit => {
                // "over the last year" is a span of time, not a calendar year.
                if preceded_by_word(text, start, "the") {
                    return None;
                }
                let a = anchor?;
                let off = rel_offset(get(F_RQ)?);
                if get(F_RU)?.eq_ignore_ascii_case("year") {
                    DateValue::Year(a.year + off)
                } else {
                    let (y, m) = shift_month(a.year, a.month, off);
                    DateValue::Month { year: y, month: m }
                }
            }
            Kind::RelDay => {
                let word = get(F_RD)?.to_ascii_lowercase();
                // "Russia Today", "Radio 4's Today programme": capitalized
                // inside a sentence, it is a name.
                if (word == "today" || word == "tonight")
                    && capitalized(get(F_RD)?)
                    && !at_sentence_start(text, start)
                {
                    return None;
                }
                // "this afternoon" is today: only "after tomorrow" is two
                // days on. "Later in the afternoon", "earlier in the day":
                // the report's own day.
                let days = if word.contains("before yesterday") {
                    -2
                } else if word.contains("after tomorrow") {
                    2
                } else if word == "yesterday" {
                    -1
                } else if word == "tomorrow" {
                    1
                } else {
                    0
                };
                DateValue::Day(anchor?.add_days(days)?)
            }
            Kind::Weekday => {
                let a = anchor?;
                let w = weekday_number(get(F_W)?)?;
                let next = get(F_RQ).is_some_and(|q| q.eq_ignore_ascii_case("next"));
                let days = if next {
                    let d = (i64::from(w) - i64::from(a.weekday())).rem_euclid(7);
                    if d == 0 {
                        7
                    } else {
                        d
                    }
                } else {
                    -(i64::from(a.weekday()) - i64::from(w)).rem_euclid(7)
                };
                DateValue::Day(a.add_days(days)?)
            }
            Kind::BareMonth => {
                let m = month(F_M1)?;
                // "in May" the name or the verb: only a capitalized month.
                if !lenient && !capitalized(get(F_M1)?) {
                    return None;
                }
                // A day after it ("in December 5") is the day form's, a
                // relative year ("in February last year") the relative
                // form's; "in May's cabinet" is a person's.
                let rest: String = text[end..].chars().take(16).collect();
                let rest = rest.trim_start().to_ascii_lowercase();
                if followed_by_digit(text, end)
                    || text[end..].starts_with("'s")
                    || ["last year", "this year", "next year"]
                        .iter()
                        .any(|p| rest.starts_with(p))
                {
                    return None;
                }
                // Without an anchor only a month with its year is a date,
                // as every form without a year (see `may_hold_date`).
                let y = match (year(F_Y), anchor) {
                    (Some(y), _) => y,
                    (None, Some(a)) => {
                        earlier_year.unwrap_or(if m > a.month { a.year - 1 } else { a.year })
                    }
                    (None, None) => return None,
                };
                if !(1000..=2999).contains(&y) {
                    return None;
                }
                start += caps.get(alt.fields[F_M1]?)?.start();
                DateValue::Month { year: y, month: m }
            }
            Kind::Year => {
                let y = caps.get(alt.fields[F_Y]?)?;
                if year_is_a_count(text, end) {
                    return None;
                }
                start += y.start();
                DateValue::Year(y.as_str().parse().ok()?)
            }
        };
        Some(DateMention { start, end, value })
    }
}

/// False only when `text` cannot hold a date that `interpret` accepts, so
/// that `scan` may skip the regex. It must never be false for a real date;
/// `prefilter_is_exact` checks it on strings generated from every
/// alternative.
///
/// Without an anchor, only forms with a year resolve: ISO, numeric, month
/// and year, "in 2021", and days and ranges that carry a year. Every other
/// form (a day or range without a year, and all relative forms) returns
/// None at `anchor?`. Every year group is `[12][0-9]{3}` (the `Year` form's
/// `19..|20..|2100` included), so the text needs those four digits, which
/// fewer than one sentence in ten of English news has.
///
/// With an anchor there is no such test. Every form then needs an ASCII
/// digit or one of "day" (weekdays, "today"...), "year", "month", "last",
/// "next", "tonight", "tomorrow", but most sentences have one: an
/// Aho-Corasick test for them cost as much as it saved (measured on 30 MB of
/// BBC-like news with a fixed anchor).
fn may_hold_date(text: &str, anchor: Option<Date>) -> bool {
    anchor.is_some() || has_year(text)
}

/// Whether `text` holds `[12][0-9]{3}`, the shape of every year group.
///
/// This runs on every sentence of a document without a publication date,
/// and most hold no 1 or 2 at all: `memchr2` jumps between those bytes
/// many bytes per step, and only there are the next three bytes looked at.
/// (A byte loop over every character cost more than the regex it spares.)
fn has_year(text: &str) -> bool {
    year_starts(text.as_bytes()).next().is_some()
}

/// Where `[12][0-9]{3}` starts in `b`, in order (overlapping ones too).
fn year_starts(b: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr2_iter(b'1', b'2', b).filter(move |&i| {
        b.get(i + 1..i + 4)
            .is_some_and(|rest| rest.iter().all(u8::is_ascii_digit))
    })
}

fn make_date(y: i32, m: u32, d: u32) -> Option<Date> {
    Date::new(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?)
}

/// Month-day without a year: the anchor's year, unless that puts it more
/// than the future window ahead of the anchor.
fn resolve_day(m: u8, d: u32, year: Option<i32>, anchor: Option<Date>) -> Option<Date> {
    if let Some(y) = year {
        return make_date(y, u32::from(m), d);
    }
    let a = anchor?;
    match make_date(a.year, u32::from(m), d) {
        Some(date) if date.to_days() - a.to_days() <= FUTURE_WINDOW_DAYS => Some(date),
        // Too far ahead, or February 29 of a common year.
        _ => make_date(a.year - 1, u32::from(m), d),
    }
}

fn resolve_range(
    m1: u8,
    d1: u32,
    y1: Option<i32>,
    m2: u8,
    d2: u32,
    y2: Option<i32>,
    anchor: Option<Date>,
) -> Option<(Date, Date)> {
    // Only a range whose end month comes before its start month crosses
    // New Year ("December 30 – January 2"); otherwise both ends share a year.
    let wraps = i32::from(m2 < m1);
    let (m1, m2) = (u32::from(m1), u32::from(m2));
    let (a, b) = match (y1, y2) {
        (Some(y1), Some(y2)) => (make_date(y1, m1, d1)?, make_date(y2, m2, d2)?),
        (None, Some(y)) => (make_date(y - wraps, m1, d1)?, make_date(y, m2, d2)?),
        (Some(y), None) => (make_date(y, m1, d1)?, make_date(y + wraps, m2, d2)?),
        (None, None) => {
            let a = resolve_day(u8::try_from(m1).ok()?, d1, None, anchor)?;
            (a, make_date(a.year + wraps, m2, d2)?)
        }
    };
    // A backwards or year-long "range" is two unrelated numbers, not dates.
    (a < b && b.to_days() - a.to_days() <= 366).then_some((a, b))
}

fn month_number(tok: &str) -> Option<u8> {
    let t = tok.trim_end_matches('.').to_lowercase();
    let prefix: String = t.chars().take(3).collect();
    let m = match prefix.as_str() {
        "jan" | "янв" => 1,
        "feb" | "фев" => 2,
        "mar" | "мар" => 3,
        "apr" | "апр" => 4,
        "may" | "май" | "мая" | "мае" => 5,
        "jun" | "июн" => 6,
        "jul" | "июл" => 7,
        "aug" | "авг" => 8,
        "sep" | "сен" => 9,
        "oct" | "окт" => 10,
        "nov" | "ноя" => 11,
        "dec" | "дек" => 12,
        _ => return None,
    };
    Some(m)
}

fn weekday_number(tok: &str) -> Option<u8> {
    let t = tok.to_ascii_lowercase();
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .position(|w| t.starts_with(w))
        .and_then(|i| u8::try_from(i).ok())
}

fn rel_offset(q: &str) -> i32 {
    if q.eq_ignore_ascii_case("last") {
        -1
    } else if q.eq_ignore_ascii_case("next") {
        1
    } else {
        0
    }
}

fn shift_month(year: i32, month: u8, by: i32) -> (i32, u8) {
    let idx = year * 12 + i32::from(month) - 1 + by;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u8)
}

/// Lowercase "may", "march" and "mar" are far more often verbs than months.
fn verb_like(tok: Option<&str>) -> bool {
    matches!(tok, Some("may" | "march" | "mar" | "mar."))
}

fn capitalized(tok: &str) -> bool {
    tok.chars().next().is_some_and(char::is_uppercase)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Word edges the regex cannot check, and numbers that go on past the match
/// ("December 18,000", "18.5", "in 2020-21").
fn edges_ok(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    if before.is_some_and(is_word_char) {
        return false;
    }
    let starts_digit = text[start..].starts_with(|c: char| c.is_ascii_digit());
    if starts_digit && matches!(before, Some('.' | ',' | '/' | ':')) {
        let mut back = text[..start].chars().rev();
        back.next();
        if back.next().is_some_and(|c| c.is_ascii_digit()) {
            return false;
        }
    }
    let mut after = text[end..].chars();
    let next = after.next();
    let next2 = after.next();
    match next {
        None => true,
        // An ISO date may carry a time: 2024-12-19T10:00 (other forms
        // followed by 'T' are rejected once the form is known).
        Some('T') => next2.is_some_and(|c| c.is_ascii_digit()),
        Some(c) if is_word_char(c) => false,
        Some(c) => {
            let ends_digit = text[..end].ends_with(|c: char| c.is_ascii_digit());
            if !ends_digit {
                return true;
            }
            if c == '%' {
                return false;
            }
            let joins = matches!(c, '.' | ',' | ':' | '/') || DASH_CHARS.contains(&c);
            !(joins && next2.is_some_and(|c| c.is_ascii_digit()))
        }
    }
}

const DASH_CHARS: [char; 8] = [
    '-', '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2015}', '\u{2212}',
];

fn followed_by_digit(text: &str, end: usize) -> bool {
    text[end..]
        .trim_start()
        .starts_with(|c: char| c.is_ascii_digit())
}

fn preceded_by_word(text: &str, start: usize, word: &str) -> bool {
    let head = text[..start].trim_end();
    head.len() >= word.len()
        && head.is_char_boundary(head.len() - word.len())
        && head[head.len() - word.len()..].eq_ignore_ascii_case(word)
        && !head[..head.len() - word.len()]
            .chars()
            .next_back()
            .is_some_and(is_word_char)
}

/// True when `start` begins a sentence, clause or quotation, where any
/// word may be capitalized.
fn at_sentence_start(text: &str, start: usize) -> bool {
    match text[..start].trim_end().chars().next_back() {
        None => true,
        Some(c) => ".!?:;\"'“”‘’«»()[]—–-\n".contains(c),
    }
}

/// "in 2000 tons", "by 2030 votes": a quantity, not a year.
fn year_is_a_count(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let Some(rest) = rest.strip_prefix(' ') else {
        return false;
    };
    let word: &str = rest
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    if !word.starts_with(|c: char| c.is_ascii_lowercase()) {
        return false;
    }
    const COUNT_NOUNS: [&str; 8] = [
        "people",
        "men",
        "women",
        "children",
        "km",
        "kg",
        "mw",
        "kilometres",
    ];
    const NOT_NOUNS: [&str; 9] = [
        "was", "has", "is", "as", "this", "its", "his", "unless", "whereas",
    ];
    COUNT_NOUNS.contains(&word)
        || (word.len() >= 3 && word.ends_with('s') && !NOT_NOUNS.contains(&word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_year_is_the_four_byte_window_test() {
        let window = |t: &str| {
            t.as_bytes()
                .windows(4)
                .any(|w| matches!(w[0], b'1' | b'2') && w[1..].iter().all(u8::is_ascii_digit))
        };
        // Every string of up to six bytes over digits and a separator.
        let alphabet = [b'0', b'1', b'2', b'3', b'9', b'x'];
        let mut checked = 0;
        for len in 0..=6u32 {
            for code in 0..alphabet.len().pow(len) {
                let mut c = code;
                let t: String = (0..len)
                    .map(|_| {
                        let b = alphabet[c % alphabet.len()];
                        c /= alphabet.len();
                        char::from(b)
                    })
                    .collect();
                assert_eq!(has_year(&t), window(&t), "{t:?}");
                checked += 1;
            }
        }
        assert!(checked > 50_000);
        assert!(has_year("in 2024."));
        assert!(!has_year("at 3199 and 20x4"));
    }

    proptest::proptest! {
        /// `find_in_spans` gives what `find` gives span by span, with and
        /// without an anchor, year groups at span edges included.
        #[test]
        fn find_in_spans_is_find_per_span(
            pieces in proptest::collection::vec(
                proptest::sample::select(&[
                    "5 May 2004", "2004", "1999.", " ", "in ", "March 3", ", 2021",
                    "12", "3", "x", "last year", "on Monday", "20", "05", "-", "\n",
                ][..]),
                0..16,
            ),
            cuts in proptest::collection::vec(0usize..80, 0..6),
            anchored in proptest::bool::ANY,
        ) {
            let text = pieces.concat();
            let mut ends: Vec<usize> = cuts.iter().map(|c| c % (text.len() + 1)).collect();
            ends.push(text.len());
            ends.sort_unstable();
            ends.dedup();
            let spans: Vec<(usize, usize)> = std::iter::once(0)
                .chain(ends.iter().copied())
                .zip(ends.iter().copied())
                .collect();
            let anchor = anchored.then(|| d("2024-03-10"));
            static R: std::sync::OnceLock<DateRecognizer> = std::sync::OnceLock::new();
            let r = R.get_or_init(DateRecognizer::new);
            let mut got = Vec::new();
            r.find_in_spans(&text, spans.iter().copied(), anchor, |s, m| {
                got.push((s + m.start, s + m.end, m.value));
            });
            let want: Vec<_> = spans
                .iter()
                .flat_map(|&(s, e)| {
                    r.find(&text[s..e], anchor)
                        .into_iter()
                        .map(move |m| (s + m.start, s + m.end, m.value))
                })
                .collect();
            proptest::prop_assert_eq!(got, want);
        }
    }

    fn d(s: &str) -> Date {
        Date::parse_iso(s).expect("test date")
    }

    /// (text, anchor, [(matched text, ISO value)])
    type Case = (
        &'static str,
        Option<&'static str>,
        &'static [(&'static str, &'static str)],
    );

    const CASES: &[Case] = &[
        // Month-day and day-month, with and without year.
        (
            "met on December 18.",
            Some("2024-12-19"),
            &[("December 18", "2024-12-18")],
        ),
        (
            "met on Dec. 18 in Baku",
            Some("2024-12-19"),
            &[("Dec. 18", "2024-12-18")],
        ),
        (
            "on December 18th",
            Some("2024-12-19"),
            &[("December 18th", "2024-12-18")],
        ),
        (
            "on 18 December 2024",
            None,
            &[("18 December 2024", "2024-12-18")],
        ),
        (
            "the 18th of December 2024",
            None,
            &[("18th of December 2024", "2024-12-18")],
        ),
        (
            "signed May 23, 2024 in Baku",
            None,
            &[("May 23, 2024", "2024-05-23")],
        ),
        (
            "December 18, 2024",
            None,
            &[("December 18, 2024", "2024-12-18")],
        ),
        ("Sept. 5, 2023", None, &[("Sept. 5, 2023", "2023-09-05")]),
        (
            "on 18 December",
            Some("2024-12-19"),
            &[("18 December", "2024-12-18")],
        ),
        (
            "on Tuesday, 17 December 2024",
            None,
            &[("Tuesday, 17 December 2024", "2024-12-17")],
        ),
        (
            "on Tuesday December 17",
            Some("2024-12-19"),
            &[("Tuesday December 17", "2024-12-17")],
        ),
        ("on May 5", Some("2024-05-10"), &[("May 5", "2024-05-05")]),
        // Past preferred, upcoming within 60 days kept.
        (
            "on December 30",
            Some("2025-01-03"),
            &[("December 30", "2024-12-30")],
        ),
        (
            "on December 25",
            Some("2024-12-19"),
            &[("December 25", "2024-12-25")],
        ),
        (
            "on February 10",
            Some("2024-12-19"),
            &[("February 10", "2024-02-10")],
        ),
        (
            "on January 10",
            Some("2024-12-19"),
            &[("January 10", "2024-01-10")],
        ),
        // Numeric.
        (
            "published 19.12.2024 at",
            None,
            &[("19.12.2024", "2024-12-19")],
        ),
        (
            "published 19/12/2024",
            None,
            &[("19/12/2024", "2024-12-19")],
        ),
        (
            "published 12/19/2024",
            None,
            &[("12/19/2024", "2024-12-19")],
        ),
        (
            "published 2024-12-19.",
            None,
            &[("2024-12-19", "2024-12-19")],
        ),
        (
            "at 2024-12-19T10:00:00Z",
            None,
            &[("2024-12-19", "2024-12-19")],
        ),
        // Russian.
        (
            "19 декабря 2024 года",
            None,
            &[("19 декабря 2024 года", "2024-12-19")],
        ),
        (
            "12 марта 2025, 14:30",
            None,
            &[("12 марта 2025", "2025-03-12")],
        ),
        (
            "встреча 5 мая",
            Some("2024-05-10"),
            &[("5 мая", "2024-05-05")],
        ),
        ("в марте 2024 года", None, &[("марте 2024 года", "2024-03")]),
        (
            "14-15 октября 2023",
            None,
            &[("14-15 октября 2023", "2023-10-14/2023-10-15")],
        ),
        // Month and year, year.
        ("in December 2024", None, &[("December 2024", "2024-12")]),
        ("in April 2023 the", None, &[("April 2023", "2023-04")]),
        ("in May 2024", None, &[("May 2024", "2024-05")]),
        ("in 2021 the sides", None, &[("2021", "2021")]),
        ("since 2014,", None, &[("2014", "2014")]),
        ("by mid-2030.", None, &[("2030", "2030")]),
        // Ranges.
        (
            "March 3-4, 2025",
            None,
            &[("March 3-4, 2025", "2025-03-03/2025-03-04")],
        ),
        (
            "March 3–4, 2025",
            None,
            &[("March 3–4, 2025", "2025-03-03/2025-03-04")],
        ),
        (
            "March 3 — 4, 2025",
            None,
            &[("March 3 — 4, 2025", "2025-03-03/2025-03-04")],
        ),
        (
            "on 14-15 October 2023",
            None,
            &[("14-15 October 2023", "2023-10-14/2023-10-15")],
        ),
        (
            "on 27-28 November",
            Some("2024-12-19"),
            &[("27-28 November", "2024-11-27/2024-11-28")],
        ),
        (
            "held from June 9 to June 10, 2021.",
            None,
            &[("from June 9 to June 10, 2021", "2021-06-09/2021-06-10")],
        ),
        (
            "June 9 to 10",
            Some("2021-06-20"),
            &[("June 9 to 10", "2021-06-09/2021-06-10")],
        ),
        (
            "from 9 to 10 June 2021",
            None,
            &[("from 9 to 10 June 2021", "2021-06-09/2021-06-10")],
        ),
        (
            "between 3 and 5 March",
            Some("2025-03-10"),
            &[("between 3 and 5 March", "2025-03-03/2025-03-05")],
        ),
        (
            "March 30 - April 2, 2025",
            None,
            &[("March 30 - April 2, 2025", "2025-03-30/2025-04-02")],
        ),
        (
            "30 March – 2 April 2025",
            None,
            &[("30 March – 2 April 2025", "2025-03-30/2025-04-02")],
        ),
        (
            "December 30 - January 2, 2025",
            None,
            &[("December 30 - January 2, 2025", "2024-12-30/2025-01-02")],
        ),
        (
            "December 30 - January 2",
            Some("2025-01-03"),
            &[("December 30 - January 2", "2024-12-30/2025-01-02")],
        ),
        (
            "Dec. 18-19 talks",
            Some("2024-12-20"),
            &[("Dec. 18-19", "2024-12-18/2024-12-19")],
        ),
        (
            "31 December 2024 - 2 January 2025",
            None,
            &[("31 December 2024 - 2 January 2025", "2024-12-31/2025-01-02")],
        ),
        (
            "on 18 December, 2024",
            None,
            &[("18 December, 2024", "2024-12-18")],
        ),
        ("19.12/2024", None, &[]),
        ("March 5-3", Some("2025-03-10"), &[]),
        // Relative to the anchor (2024-12-19 is a Thursday).
        ("said today", Some("2024-12-19"), &[("today", "2024-12-19")]),
        (
            "received a call this evening",
            Some("2024-12-19"),
            &[("this evening", "2024-12-19")],
        ),
        (
            "said yesterday",
            Some("2024-12-19"),
            &[("yesterday", "2024-12-18")],
        ),
        ("in May", Some("2024-12-19"), &[("May", "2024-05")]),
        (
            "since early December",
            Some("2025-01-03"),
            &[("December", "2024-12")],
        ),
        (
            "In May 2001 he visited China and in December she visited Pakistan",
            Some("2024-12-19"),
            &[("May 2001", "2001-05"), ("December", "2001-12")],
        ),
        (
            "received him this afternoon",
            Some("2024-12-19"),
            &[("this afternoon", "2024-12-19")],
        ),
        (
            "Later in the afternoon, he met",
            Some("2024-12-19"),
            &[("Later in the afternoon", "2024-12-19")],
        ),
        (
            "met earlier in the day",
            Some("2024-12-19"),
            &[("earlier in the day", "2024-12-19")],
        ),
        (
            "the day after tomorrow",
            Some("2024-12-19"),
            &[("the day after tomorrow", "2024-12-21")],
        ),
        (
            "Yesterday, he",
            Some("2024-12-19"),
            &[("Yesterday", "2024-12-18")],
        ),
        (
            "the day before yesterday",
            Some("2024-12-19"),
            &[("the day before yesterday", "2024-12-17")],
        ),
        (
            "on Tuesday",
            Some("2024-12-19"),
            &[("Tuesday", "2024-12-17")],
        ),
        (
            "on Thursday",
            Some("2024-12-19"),
            &[("Thursday", "2024-12-19")],
        ),
        (
            "last Tuesday",
            Some("2024-12-19"),
            &[("last Tuesday", "2024-12-17")],
        ),
        ("on Friday", Some("2024-12-19"), &[("Friday", "2024-12-13")]),
        (
            "next Monday",
            Some("2024-12-19"),
            &[("next Monday", "2024-12-23")],
        ),
        (
            "last February",
            Some("2024-12-19"),
            &[("last February", "2024-02")],
        ),
        (
            "last February",
            Some("2024-02-10"),
            &[("last February", "2023-02")],
        ),
        (
            "in February last year",
            Some("2024-12-19"),
            &[("February last year", "2023-02")],
        ),
        (
            "last year in April",
            Some("2024-12-19"),
            &[("last year in April", "2023-04")],
        ),
        ("last year", Some("2024-12-19"), &[("last year", "2023")]),
        ("this year", Some("2024-12-19"), &[("this year", "2024")]),
        (
            "last month",
            Some("2024-01-19"),
            &[("last month", "2023-12")],
        ),
        (
            "earlier this month",
            Some("2024-12-19"),
            &[("earlier this month", "2024-12")],
        ),
        ("last week", Some("2024-12-19"), &[]),
        // Several in one text.
        (
            "On Monday, 2 December, talks began; they ended on 5 December 2024.",
            Some("2024-12-19"),
            &[
                ("Monday, 2 December", "2024-12-02"),
                ("5 December 2024", "2024-12-05"),
            ],
        ),
        // Needs an anchor.
        ("on December 18", None, &[]),
        ("on Tuesday", None, &[]),
        ("yesterday", None, &[]),
        ("last February", None, &[]),
        // Not dates.
        ("February 30, 2024", None, &[]),
        ("32.13.2024", None, &[]),
        ("at 14:30", Some("2024-12-19"), &[]),
        ("3-4 tons", Some("2024-12-19"), &[]),
        ("18 percent", Some("2024-12-19"), &[]),
        ("in May's cabinet", Some("2024-12-19"), &[]),
        ("the sides may agree", Some("2024-12-19"), &[]),
        ("the last may be best", Some("2024-12-19"), &[]),
        ("troops march 5 km", Some("2024-12-19"), &[]),
        ("2,000 people and 1500 tons", Some("2024-12-19"), &[]),
        ("in 2000 tons", None, &[]),
        ("within 2021", None, &[]),
        ("in 2020-21", None, &[]),
        ("December 18,000", Some("2024-12-19"), &[]),
        ("Mayday 5", Some("2024-12-19"), &[]),
        ("маяк 5", Some("2024-12-19"), &[]),
        ("over the last year", Some("2024-12-19"), &[]),
        ("told Russia Today", Some("2024-12-19"), &[]),
    ];

    #[test]
    fn table() {
        let r = DateRecognizer::new();
        let mut failures = Vec::new();
        for (text, anchor, want) in CASES {
            let got: Vec<(String, String)> = r
                .find(text, anchor.map(d))
                .iter()
                .map(|m| (text[m.start..m.end].to_string(), m.value.to_string()))
                .collect();
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            if got != want {
                failures.push(format!("{text:?} @ {anchor:?}: got {got:?}, want {want:?}"));
            }
        }
        assert!(
            failures.is_empty(),
            "{} failures:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn parse_one_forms() {
        let r = DateRecognizer::new();
        let a = Some(d("2024-12-20"));
        let cases = [
            ("19.12.2024", "2024-12-19"),
            ("May 5", "2024-05-05"),
            ("12 марта 2025, 14:30", "2025-03-12"),
            ("Nov 12", "2024-11-12"),
            ("2024-12-19", "2024-12-19"),
            ("  Thursday, 19 December 2024 ", "2024-12-19"),
            ("may 5", "2024-05-05"),
            ("2024", "2024"),
        ];
        for (s, want) in cases {
            let m = r.parse_one(s, a);
            assert_eq!(
                m.map(|m| m.value.to_string()),
                Some(want.to_string()),
                "{s:?}"
            );
        }
        assert_eq!(r.parse_one("no date here", a), None);
        assert_eq!(r.parse_one("May", a), None);
        assert_eq!(r.parse_one("Nov 12", None), None);
    }

    #[test]
    fn offsets_are_char_boundaries_and_sorted() {
        let r = DateRecognizer::new();
        let text = "Встреча 19 декабря — «итоги». On 18 December 2024 and yesterday, ü 5 мая.";
        let ms = r.find(text, Some(d("2024-12-19")));
        assert_eq!(ms.len(), 4, "{ms:?}");
        for w in ms.windows(2) {
            assert!(w[0].end <= w[1].start);
        }
        for m in &ms {
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
    }

    /// The prefilters never change the result: checked on the table, and on
    /// strings generated from every alternative, alone and inside text.
    #[test]
    fn prefilter_is_exact() {
        use proptest::strategy::{Strategy, ValueTree};
        use proptest::test_runner::TestRunner;

        let r = DateRecognizer::new();
        let anchors = [None, Some(d("2024-12-19")), Some(d("2025-01-03"))];
        let check = |text: &str| {
            for a in anchors {
                for lenient in [false, true] {
                    let fast = r.scan(text, a, lenient, usize::MAX, true);
                    let slow = r.scan(text, a, lenient, usize::MAX, false);
                    assert_eq!(fast, slow, "{text:?} @ {a:?}, lenient {lenient}");
                }
            }
        };
        for (text, _, _) in CASES {
            check(text);
        }
        let mut runner = TestRunner::deterministic();
        let (mut found, mut found_no_anchor) = (0, 0);
        for (_, alt) in build_alternatives() {
            let strategy = proptest::string::string_regex(&format!("(?i){alt}"))
                .expect("proptest supports the pattern");
            for i in 0..300 {
                let s = strategy.new_tree(&mut runner).expect("a value").current();
                let text = match i % 3 {
                    0 => s.clone(),
                    1 => format!("They met on {s}."),
                    _ => format!("\u{201c}{s}\u{201d}, he said"),
                };
                check(&text);
                found += usize::from(!r.find(&text, Some(d("2024-12-19"))).is_empty());
                found_no_anchor += usize::from(!r.find(&text, None).is_empty());
            }
        }
        // The generated strings are real dates often enough to test with.
        assert!(
            found > 1000 && found_no_anchor > 500,
            "{found} {found_no_anchor}"
        );
    }

    #[test]
    fn send_sync() {
        fn check<T: Send + Sync>() {}
        check::<DateRecognizer>();
    }
}
