//! Stage 2, clean: normalize typography, find the dateline (place of
//! reporting and publication date), and split the text into zones: the
//! header (headline, page-date line, dateline), the body, and what is left
//! out ("Read also" / "Other news" blocks of linked headlines, page
//! leftovers such as photo credits).
//!
//! Nothing is cut out of the text: zones are byte ranges of the normalized
//! text, so every later offset still points into the original document.

use std::sync::OnceLock;

use regex::Regex;

use crate::date::Date;
use crate::document::Document;
use crate::gazetteer::Gazetteer;
use crate::recognize::dates::DateRecognizer;
use crate::text::{is_all_caps, title_case, NormText};

/// What a zone of the text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZoneKind {
    /// Headline, page-date line, dateline: entities yes, events no (a
    /// headline repeats the body's event in other words).
    Header,
    /// The article's own text.
    Body,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Zone {
    pub start: usize,
    pub end: usize,
    pub kind: ZoneKind,
}

/// The dateline: `DUSHANBE, 19.12.2024 /NIAT "Khovar"/.`
#[derive(Clone, Debug, PartialEq)]
pub struct Dateline {
    /// The whole dateline, up to where the body starts.
    pub start: usize,
    pub end: usize,
    /// The place name as written.
    pub place_start: usize,
    pub place_end: usize,
    /// The gazetteer entry of the place (a city or a country), if known.
    pub place_entry: Option<u32>,
    /// The place's canonical name (the entry's, or the name title-cased).
    pub place: String,
    pub date: Option<Date>,
}

/// A cleaned document.
#[derive(Debug)]
pub struct Article {
    pub norm: NormText,
    pub dateline: Option<Dateline>,
    pub zones: Vec<Zone>,
    /// The date relative dates resolve against: the dateline's, else a page
    /// date line's, else the input's publication date.
    pub anchor: Option<Date>,
}

impl Article {
    pub fn text(&self) -> &str {
        &self.norm.text
    }
}

fn label_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)^\s*(?:read also|also read|read more|see also|related(?: news| articles| stories| posts| content| headlines)?|other news(?: in (?:this )?section)?|more news|more stories|latest news|top news|most read|popular(?: news)?|you (?:might|may) also like|recommended(?: for you)?|more on (?:this|the) topic|news feed|also on the topic)\s*:?\s*(?P<rest>.*)$",
        )
        .expect("valid regex")
    })
}

fn leftover_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)^\s*(?:photo(?:s)?\s*(?::|by|credit)|photo$|image\s*:|source\s*:\s*\S+$|submit (?:a )?(?:press )?release|share(?: this)?(?: article| on \w+)?\s*$|print\s*$|tags?\s*:|follow us|subscribe|all rights reserved|copyright|\(c\)|©|advertisement\s*$|comments?\s*\(?\d*\)?\s*$|views?\s*:?\s*\d+\s*$|\d+\s+views?\s*$)",
        )
        .expect("valid regex")
    })
}

/// Can the line be a label of [`label_re`]? Its first character after
/// spaces must be one that a label starts with, in either case: a cheap
/// test that spares the regex most lines. A non-ASCII character may fold
/// to one (U+017F to "s"), so the regex decides then.
fn may_be_label(line: &str) -> bool {
    match line.trim_start().as_bytes().first() {
        Some(&c) if c.is_ascii() => matches!(
            c.to_ascii_lowercase(),
            b'r' | b'a' | b's' | b'o' | b'm' | b'l' | b't' | b'p' | b'y' | b'n'
        ),
        Some(_) => true,
        None => false,
    }
}

/// Can the line be a leftover of [`leftover_re`]? As [`may_be_label`]: the
/// first characters of its alternatives ("©" and non-ASCII digits are
/// left to the regex).
fn may_be_leftover(line: &str) -> bool {
    match line.trim_start().as_bytes().first() {
        Some(&c) if c.is_ascii() => matches!(
            c.to_ascii_lowercase(),
            b'p' | b'i' | b's' | b't' | b'f' | b'a' | b'c' | b'(' | b'v' | b'0'..=b'9'
        ),
        Some(_) => true,
        None => false,
    }
}

/// A line that reads like prose rather than a linked headline.
fn is_prose(line: &str) -> bool {
    let t = line.trim_end();
    // The endings first: counting characters reads the whole line, and
    // a line of 200 bytes or fewer has no more than 200 characters.
    t.ends_with('.')
        || t.ends_with(".\"")
        || t.ends_with(".'")
        || (t.len() > 200 && t.chars().count() > 200)
}

/// Cleans one document.
pub fn clean(doc: &Document, gaz: &Gazetteer, dates: &DateRecognizer) -> Article {
    let norm = NormText::new(&doc.text);
    let t = norm.text.as_str();
    // Lines as (start, end) without the line end.
    let mut lines: Vec<(usize, usize)> = Vec::with_capacity(t.len() / 256 + 4);
    let mut pos = 0;
    while pos < t.len() {
        let next = memchr::memchr(b'\n', &t.as_bytes()[pos..]).map_or(t.len(), |k| pos + k + 1);
        let end = pos + t[pos..next].trim_end_matches(['\n', '\r']).len();
        lines.push((pos, end));
        pos = next;
    }
    let blank = |&(s, e): &(usize, usize)| t[s..e].trim().is_empty();

    // Excluded lines: labels and the headline lists under them, leftovers.
    let mut excluded = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let line = &t[lines[i].0..lines[i].1];
        if let Some(c) = may_be_label(line)
            .then(|| label_re().captures(line))
            .flatten()
        {
            excluded[i] = true;
            // "Read also: <headline>" on one line is all link; a bare label
            // takes the headline-like lines under it.
            if c.name("rest").is_some_and(|r| r.as_str().trim().is_empty()) {
                let mut j = i + 1;
                while j < lines.len() {
                    let l = &t[lines[j].0..lines[j].1];
                    if blank(&lines[j]) {
                        j += 1;
                        continue;
                    }
                    if is_prose(l)
                        || parse_dateline_at(t, lines[j].0, lines[j].1, gaz, dates, None).is_some()
                    {
                        break;
                    }
                    excluded[j] = true;
                    j += 1;
                }
                i = j;
                continue;
            }
        } else if may_be_leftover(line)
            && leftover_re().is_match(line)
            && line.trim().chars().count() < 120
        {
            excluded[i] = true;
        }
        i += 1;
    }

    // Header: lines above the dateline, or the headline and page-date lines.
    let mut anchor_hint = doc.published;
    let mut page_date: Option<Date> = None;
    let mut dateline = None;
    let mut body_line = 0;
    let mut body_start = 0;
    let first_lines: Vec<usize> = (0..lines.len())
        .filter(|&k| !blank(&lines[k]) && !excluded[k])
        .take(8)
        .collect();
    // A dateline without a year ("BAKU, June 11") takes the latest year the
    // text gives in a full date.

    for &k in &first_lines {
        let (s, e) = lines[k];
        if let Some(d) = place_date_line(t, s, e, gaz, dates, anchor_hint) {
            body_line = k + 1;
            body_start = lines.get(k + 1).map_or(t.len(), |l| l.0);
            dateline = Some(d);
            break;
        }
        if let Some(m) = whole_line_date(&t[s..e], dates, anchor_hint) {
            page_date.get_or_insert(m);
            anchor_hint = anchor_hint.or(Some(m));
            continue;
        }
        if let Some(mut d) = parse_dateline_at(t, s, e, gaz, dates, anchor_hint) {
            // A dateline without a year ("BAKU, June 11") takes the latest
            // year the text gives in a full date (one more pass over the
            // text, only for such datelines).
            if d.date.is_none() && anchor_hint.is_none() {
                let hint = latest_full_date_year(t, dates).and_then(|y| Date::new(y, 12, 31));
                if let Some(again) =
                    hint.and_then(|h| parse_dateline_at(t, s, e, gaz, dates, Some(h)))
                {
                    d = again;
                }
            }
            body_line = k;
            body_start = d.end;
            dateline = Some(d);
            break;
        }
    }
    let mut zones = Vec::new();
    if let Some(d) = &dateline {
        for k in 0..body_line {
            if !excluded[k] && !blank(&lines[k]) {
                zones.push(Zone {
                    start: lines[k].0,
                    end: lines[k].1,
                    kind: ZoneKind::Header,
                });
            }
        }
        zones.push(Zone {
            start: d.start,
            end: d.end,
            kind: ZoneKind::Header,
        });
    } else {
        // No dateline: a first line that does not end like a sentence, with
        // more text below it, is the headline; page-date lines join it.
        let mut k = 0;
        let mut seen_title = false;
        while k < lines.len() {
            if blank(&lines[k]) || excluded[k] {
                k += 1;
                continue;
            }
            let line = &t[lines[k].0..lines[k].1];
            let more_below = (k + 1..lines.len()).any(|j| !blank(&lines[j]) && !excluded[j]);
            let is_date = whole_line_date(line, dates, anchor_hint).is_some() || time_line(line);
            let is_title = !seen_title
                && more_below
                && !is_prose(line)
                && !line.trim_end().ends_with([':', ';', ',']);
            if is_date || is_title {
                seen_title |= is_title;
                zones.push(Zone {
                    start: lines[k].0,
                    end: lines[k].1,
                    kind: ZoneKind::Header,
                });
                k += 1;
                continue;
            }
            break;
        }
        body_line = k;
        body_start = lines.get(k).map_or(t.len(), |l| l.0);
    }

    // Trailing headline list: after the last prose line, two or more short
    // lines without a final full stop are related links, not the article.
    let mut tail: Vec<usize> = Vec::new();
    for k in (body_line..lines.len()).rev() {
        if blank(&lines[k]) || excluded[k] {
            continue;
        }
        let line = &t[lines[k].0..lines[k].1];
        if k == body_line || is_prose(line) {
            break;
        }
        tail.push(k);
    }
    if tail.len() >= 2 {
        let first = *tail.last().unwrap_or(&0);
        let gap_above = first > 0 && blank(&lines[first - 1]);
        if gap_above || tail.len() >= 3 {
            for k in tail {
                excluded[k] = true;
            }
        }
    }

    // Body zones: runs of lines that are not excluded.
    let mut run: Option<(usize, usize)> = None;
    for k in body_line..lines.len() {
        let (s, e) = lines[k];
        let s = s.max(body_start);
        if excluded[k] {
            if let Some((a, b)) = run.take() {
                zones.push(Zone {
                    start: a,
                    end: b,
                    kind: ZoneKind::Body,
                });
            }
            continue;
        }
        run = Some(match run {
            Some((a, _)) => (a, e),
            None => (s, e),
        });
    }
    if let Some((a, b)) = run {
        zones.push(Zone {
            start: a,
            end: b,
            kind: ZoneKind::Body,
        });
    }
    zones.retain(|z| z.end > z.start);
    zones.sort_by_key(|z| z.start);

    let anchor = dateline
        .as_ref()
        .and_then(|d| d.date)
        .or(page_date)
        .or(doc.published);
    Article {
        norm,
        dateline,
        zones,
        anchor,
    }
}

/// The latest year of a full date (day, month and year) in the text.
fn latest_full_date_year(t: &str, dates: &DateRecognizer) -> Option<i32> {
    let mut end = t.len().min(20_000);
    while !t.is_char_boundary(end) {
        end -= 1;
    }
    dates
        .find(&t[..end], None)
        .iter()
        .filter_map(|m| match m.value {
            crate::date::DateValue::Day(d) | crate::date::DateValue::Interval(_, d) => Some(d.year),
            _ => None,
        })
        .max()
}

/// A line of its own with a place and a date: "Brussels, 28.01.2025".
fn place_date_line(
    t: &str,
    s: usize,
    e: usize,
    gaz: &Gazetteer,
    dates: &DateRecognizer,
    anchor: Option<Date>,
) -> Option<Dateline> {
    let line = &t[s..e];
    let lead = line.len() - line.trim_start().len();
    let trimmed = line.trim();
    if !trimmed.starts_with(char::is_uppercase) {
        return None;
    }
    // The place is at most 40 bytes: the first ", " is in the first 42
    // bytes or the line is no such line (a paragraph is not searched).
    let window = &trimmed.as_bytes()[..trimmed.len().min(42)];
    let k = memchr::memmem::find(window, b", ")?;
    let (place, rest) = (&trimmed[..k], &trimmed[k + 2..]);
    if place.is_empty() || place.len() > 40 {
        return None;
    }
    let entry = gaz.lookup(place)?;
    if !matches!(
        gaz.entry(entry).label(),
        crate::mention::Label::Place | crate::mention::Label::Country
    ) {
        return None;
    }
    let date = whole_line_date(rest, dates, anchor)?;
    Some(Dateline {
        start: s + lead,
        end: e,
        place_start: s + lead,
        place_end: s + lead + place.len(),
        place_entry: Some(entry),
        place: gaz.entry(entry).canonical.clone(),
        date: Some(date),
    })
}

/// A line that is only a date (and maybe a time): a page-date line.
fn whole_line_date(line: &str, dates: &DateRecognizer, anchor: Option<Date>) -> Option<Date> {
    let l = line.trim();
    if l.is_empty() || l.len() > 60 {
        return None;
    }
    let m = dates.parse_one(l, anchor)?;
    let rest = format!("{}{}", &l[..m.start], &l[m.end..]);
    let rest_ok = rest
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_whitespace() || ",:|-/()".contains(c))
        || time_line(&rest);
    match m.value {
        crate::date::DateValue::Day(d) if rest_ok => Some(d),
        _ => None,
    }
}

/// A line that is only a time ("14:30", "10:05 AM").
fn time_line(line: &str) -> bool {
    let l = line
        .trim()
        .trim_end_matches(['A', 'P', 'M', 'a', 'p', 'm', ' ', '.']);
    !l.is_empty()
        && l.len() <= 8
        && l.chars().all(|c| c.is_ascii_digit() || c == ':')
        && l.contains(':')
}

/// Parses a dateline at the start of the line `t[s..e]`.
fn parse_dateline_at(
    t: &str,
    s: usize,
    e: usize,
    gaz: &Gazetteer,
    dates: &DateRecognizer,
    anchor: Option<Date>,
) -> Option<Dateline> {
    let line = &t[s..e];
    let lead = line.len() - line.trim_start().len();
    let l = &line[lead..];
    // The place: words in capitals ("DUSHANBE", "NUR-SULTAN", "NEW YORK").
    let mut place_len = 0;
    let mut words = 0;
    for (i, w) in l
        .split_inclusive([' ', ',', '(', '/', '.'])
        .scan(0, |off, w| {
            let o = *off;
            *off += w.len();
            Some((o, w))
        })
    {
        let word = w.trim_end_matches([' ', ',', '(', '/', '.']);
        if word.is_empty()
            || !is_all_caps(word)
            || !word
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        {
            break;
        }
        words += 1;
        place_len = i + word.len();
        if words == 4 || w.ends_with([',', '(', '/', '.']) {
            break;
        }
    }
    // Or a known place in title case followed by a date ("Mexico City, 30
    // May 2022 (TDI):", "Baku, March 12, AZERTAC"): with the date required,
    // no sentence is taken for a dateline.
    let mut titled = false;
    if place_len == 0 {
        let head = &l.as_bytes()[..l.len().min(42)];
        let k = memchr::memmem::find(head, b", ")?;
        let known = gaz.lookup(&l[..k]).is_some_and(|e| {
            matches!(
                gaz.entry(e).label(),
                crate::mention::Label::Place | crate::mention::Label::Country
            )
        });
        if k == 0 || !known || !l.starts_with(char::is_uppercase) {
            return None;
        }
        place_len = k;
        titled = true;
    }
    let place_text = &l[..place_len];
    if place_text.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return None;
    }
    let mut p = place_len;
    let skip_ws = |p: &mut usize| {
        while l[*p..].starts_with([' ', '\t']) {
            *p += 1;
        }
    };
    let mut date = None;
    let mut agency = false;
    skip_ws(&mut p);
    if l[p..].starts_with(',') {
        p += 1;
        skip_ws(&mut p);
        let window_end = (p + 60).min(l.len());
        let window_end = (window_end..=l.len())
            .find(|&k| l.is_char_boundary(k))
            .unwrap_or(l.len());
        if let Some(m) = dates.find(&l[p..window_end], anchor).into_iter().next() {
            if m.start == 0 {
                if let crate::date::DateValue::Day(d) = m.value {
                    date = Some(d);
                }
                p += m.end;
            }
        }
        if titled && date.is_none() {
            return None;
        }
        // ", AZERTAC": an agency after the date, in capitals.
        if titled && l[p..].starts_with(", ") {
            let rest = &l[p + 2..];
            let n = rest
                .find(|c: char| !c.is_ascii_uppercase())
                .unwrap_or(rest.len());
            if (2..=12).contains(&n) {
                p += 2 + n;
            }
        }
        if date.is_none() {
            // A date with no year and nothing to take it from still ends here.
            let rest = &l[p..];
            if let Some(k) = rest.find(['/', '(']) {
                if k < 20 && rest[..k].chars().any(|c| c.is_ascii_digit()) {
                    p += k;
                }
            }
        }
        skip_ws(&mut p);
    }
    // The agency: /NIAT "Khovar"/, (AZERTAC), or ". UzA".
    if l[p..].starts_with('/') {
        if let Some(k) = l[p + 1..].find('/').filter(|&k| k < 80) {
            p += k + 2;
            agency = true;
        }
    } else if l[p..].starts_with('(') {
        if let Some(k) = l[p + 1..].find(')').filter(|&k| k < 80) {
            p += k + 2;
            agency = true;
        }
    } else if l[p..].starts_with(". ") {
        let rest = &l[p + 2..];
        if let Some(k) = rest.find(" -") {
            let name = &rest[..k];
            if k <= 40
                && name.split_whitespace().count() <= 4
                && name.starts_with(|c: char| c.is_uppercase())
            {
                p += 2 + k;
                agency = true;
            }
        }
    }
    skip_ws(&mut p);
    let mut dash = false;
    if l[p..].starts_with('-') {
        while l[p..].starts_with('-') {
            p += 1;
        }
        dash = true;
    } else if l[p..].starts_with(['.', ':']) {
        p += 1;
    }
    skip_ws(&mut p);
    let abs = s + lead;
    let place_entry = gaz
        .lookup(place_text)
        .or_else(|| gaz.lookup(&title_case(place_text)));
    // "TASHKENT. On 19.12.2024, ..." counts when the place is known.
    let known = place_entry.is_some_and(|e| {
        matches!(
            gaz.entry(e).label(),
            crate::mention::Label::Place | crate::mention::Label::Country
        )
    });
    let known_then_stop = known && l[place_len..].starts_with(". ");
    if date.is_none() && !agency && !dash && !known_then_stop {
        return None;
    }
    if titled && l[p..].starts_with(',') {
        return None;
    }
    // The body must follow: on this line or the next.
    if p < l.len()
        && !l[p..].starts_with(|c: char| c.is_uppercase() || c == '"' || c.is_ascii_digit())
    {
        return None;
    }
    let place = match place_entry {
        Some(id) => gaz.entry(id).canonical.clone(),
        None => title_case(place_text),
    };
    Some(Dateline {
        start: abs,
        end: if p >= l.len() { e } else { abs + p },
        place_start: abs,
        place_end: abs + place_len,
        place_entry,
        place,
        date,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regex_prechecks_pass_every_match() {
        let lines = [
            "Read also:",
            "  OTHER NEWS in this section",
            "\u{17f}ee also: x",
            "Latest news",
            "Photo: AP",
            "(c) 2024",
            "© BBC",
            "12 views",
            "\u{a0}Subscribe",
            "Views: 3",
            "Tags: a",
            "The minister said.",
            "",
            "   ",
            "2024 budget",
        ];
        for l in lines {
            if label_re().is_match(l) {
                assert!(may_be_label(l), "{l:?}");
            }
            if leftover_re().is_match(l) {
                assert!(may_be_leftover(l), "{l:?}");
            }
        }
        assert!(!may_be_label("Dushanbe said.") && !may_be_leftover("Dushanbe said."));
    }

    proptest::proptest! {
        /// The prechecks never rule out a line that a regex matches.
        #[test]
        fn regex_prechecks_as_the_regexes(
            head in "[ \t\u{a0}]{0,2}",
            word in proptest::sample::select(vec![
                "read also", "Also Read", "see also", "related", "other news", "more news",
                "most read", "popular", "You may also like", "recommended", "news feed",
                "top news", "latest news", "photo", "photos by", "image:", "source: x",
                "submit release", "share", "print", "tags:", "follow us", "subscribe",
                "all rights reserved", "copyright", "(c)", "©", "advertisement", "comments (3)",
                "views: 4", "12 views", "\u{17f}ubscribe", "\u{660}\u{661} views", "The end", "x",
            ]),
            tail in "[ a-z:]{0,6}",
        ) {
            let l = format!("{head}{word}{tail}");
            proptest::prop_assert!(!label_re().is_match(&l) || may_be_label(&l), "{:?}", l);
            proptest::prop_assert!(!leftover_re().is_match(&l) || may_be_leftover(&l), "{:?}", l);
        }
    }
}
