//! The ASCII fast paths of the segmenter give exactly the boundaries of
//! `unicode-segmentation` (which handles all other text).

use khabar::segment::ascii;
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

fn crate_sentences(text: &str) -> Vec<(usize, usize)> {
    text.split_sentence_bound_indices()
        .map(|(i, s)| (i, i + s.len()))
        .collect()
}

fn crate_words(text: &str) -> Vec<(usize, usize)> {
    text.split_word_bound_indices()
        .map(|(i, s)| (i, i + s.len()))
        .collect()
}

/// The spans `ascii::words` gives.
fn fast_words(text: &str) -> Vec<(usize, usize)> {
    let mut got = Vec::new();
    ascii::words(text, |a, b| got.push((a, b)));
    got
}

/// The crate's word segments that start with a letter or digit.
fn crate_alnum_words(text: &str) -> Vec<(usize, usize)> {
    crate_words(text)
        .into_iter()
        .filter(|&(a, _)| text[a..].chars().next().is_some_and(char::is_alphanumeric))
        .collect()
}

/// Text from the characters that the rules tell apart: letters of both
/// cases, digits, every kind of punctuation and space, line ends and a
/// control character.
fn ascii_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            4 => proptest::sample::select(vec!["a", "b", "Z", "Q", "7", "0"]),
            3 => proptest::sample::select(vec![" ", "  ", ". ", "? ", "! "]),
            3 => proptest::sample::select(vec![
                ".", "!", "?", ",", ";", ":", "-", "'", "\"", "(", ")", "[", "]", "{", "}",
                "_", "\n", "\r", "\r\n", "\t", "\u{b}", "\u{c}", "#", "/", "&", "\u{1}",
                "=", "@", "~", "£", "€", "¥", "°",
            ]),
            // Every symbol the fast path takes, so adding one to the list
            // is checked too.
            2 => proptest::sample::select(
                ascii::OTHER_SYMBOLS
                    .iter()
                    .map(|c| &*c.to_string().leak())
                    .collect::<Vec<&'static str>>()
            ),
            1 => proptest::sample::select(vec!["Mr. Smith", "U.S. ", "3.5", "1,000", "e.g. x", "O'Brien", "£5.5m", "5°C", "€1,000"]),
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn sentences_match_unicode_segmentation(text in ascii_text()) {
        prop_assert_eq!(ascii::sentences(&text), crate_sentences(&text), "{:?}", text);
    }

    #[test]
    fn words_match_unicode_segmentation(text in ascii_text()) {
        prop_assert_eq!(ascii::word_bounds(&text), crate_words(&text), "{:?}", text);
    }

    /// `words` gives exactly the crate's segments that start with a letter
    /// or digit.
    #[test]
    fn words_are_alphanumeric_segments(text in ascii_text()) {
        prop_assert_eq!(fast_words(&text), crate_alnum_words(&text), "{:?}", text);
    }

    /// The same on longer texts, of several 64-byte blocks (what a
    /// block-at-a-time scanner would get wrong at the seams).
    #[test]
    fn words_across_blocks(parts in proptest::collection::vec(ascii_text(), 1..8)) {
        let text = parts.concat();
        prop_assert_eq!(fast_words(&text), crate_alnum_words(&text), "{:?}", text);
    }

    /// Any printable ASCII, line ends and the Other symbols, uniformly.
    #[test]
    fn any_ascii_matches(text in "[ -~\\n\\r\\t£€¥°]{0,60}") {
        prop_assert_eq!(ascii::sentences(&text), crate_sentences(&text), "{:?}", text);
        prop_assert_eq!(ascii::word_bounds(&text), crate_words(&text), "{:?}", text);
    }
}

/// Text that puts every kind of byte the rules tell apart on both sides of
/// the seams between 64-byte blocks: a run of one byte long enough to reach
/// near the first seam, then pieces of [`ascii_text`] (each a few dozen
/// bytes, so that later seams fall anywhere in them), and now and then a
/// character the fast path does not take.
fn seam_text() -> impl Strategy<Value = String> {
    (
        proptest::sample::select(vec!["a", "7", " ", ".", "_", "\u{b0}"]),
        0usize..80,
        proptest::collection::vec(
            prop_oneof![
                8 => ascii_text(),
                1 => proptest::sample::select(vec!["\u{e9}", "\u{a0}", "\u{2029}"])
                    .prop_map(str::to_string),
            ],
            1..8,
        ),
    )
        .prop_map(|(fill, k, parts)| fill.repeat(k) + &parts.concat())
}

/// The result of `sentences_and_words`: whether it took the text, the
/// sentence ends with the words before each, and the words.
type OnePass = (bool, Vec<(usize, u32)>, Vec<(usize, usize)>);

fn one_pass(text: &str) -> OnePass {
    let mut ends = Vec::new();
    let mut words = Vec::new();
    let ok = ascii::sentences_and_words(text, &mut ends, |a, b| words.push((a, b)));
    (ok, ends, words)
}

/// What `sentences_and_words` is to give: the ends of `sentences`, each
/// with the number of words of `words` that start before it.
fn separately(text: &str) -> OnePass {
    let words = fast_words(text);
    let ends = ascii::sentences(text)
        .into_iter()
        .map(|(_, e)| (e, words.iter().filter(|w| w.0 < e).count() as u32))
        .collect();
    (true, ends, words)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    /// The one pass over a line, 64 bytes at a time, gives the sentences
    /// and words of the separate scans, across block seams; it refuses
    /// exactly the text that `handles` refuses.
    #[test]
    fn one_pass_as_separate_scans(text in seam_text()) {
        let got = one_pass(&text);
        prop_assert_eq!(got.0, ascii::handles(&text), "{:?}", text);
        if got.0 {
            prop_assert_eq!(got, separately(&text), "{:?}", text);
        }
    }

    /// The same on uniformly random ASCII of a few blocks.
    #[test]
    fn one_pass_on_any_ascii(text in "[ -~\\n\\r\\t\u{b}\u{c}£°]{0,300}") {
        prop_assert_eq!(one_pass(&text), separately(&text), "{:?}", text);
    }
}

#[test]
fn one_pass_examples() {
    let long = "x".repeat(60);
    for t in [
        String::new(),
        "a".repeat(64),
        "a".repeat(128) + " b",
        format!("{long}ab:cd ef. Gh"),
        format!("{long}abc.def 1,234 x"),
        format!("{long}1234'5 _a_b U.S. x"),
        format!("{long}  Mr. Smith!\r\n"),
        format!("{long}abc\u{e9}de"),
        format!("{long}ab\u{a3}5.5m"),
        format!("{}a.b", "y".repeat(62)),
        format!("{}a.b", "y".repeat(63)),
        format!("{}1,2", "9".repeat(63)),
        format!("{}.", "Z".repeat(63)),
    ] {
        let got = one_pass(&t);
        assert_eq!(got.0, ascii::handles(&t), "{t:?}");
        if got.0 {
            assert_eq!(got, separately(&t), "{t:?}");
        }
    }
}

/// Mixed text: ASCII lines and lines with letters, quotes, spaces and
/// separators from elsewhere in Unicode.
fn mixed_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            3 => ascii_text(),
            1 => proptest::sample::select(vec![
                "é", "£5", "“Yes.” ", "— ", "Душанбе. ", "\u{a0}", "\u{2029}", "\u{85}",
                "\u{2028}", "。", "İ", "ß.", "\u{301}", "\u{200d}",
            ]).prop_map(str::to_string),
        ],
        0..12,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// Line by line, ASCII lines by the fast path: the same boundaries as
    /// the whole text through `unicode-segmentation`.
    #[test]
    fn line_by_line_matches(text in mixed_text()) {
        prop_assert_eq!(khabar::segment::sentence_bounds(&text), crate_sentences(&text), "{:?}", text);
    }
}

#[test]
fn examples() {
    let t =
        "Mr. Karimov met the U.S. envoy at 3.30 p.m. on Monday. Talks went well! \"Yes.\" Next.\n";
    assert_eq!(ascii::sentences(t), crate_sentences(t));
    assert_eq!(ascii::word_bounds(t), crate_words(t));
    assert_eq!(ascii::sentences(""), Vec::<(usize, usize)>::new());
}

#[test]
fn fast_path_takes_only_ascii_and_other_symbols() {
    assert!(ascii::handles("The deal is worth £5m (€7m) at 20°C."));
    assert!(!ascii::handles("Tashkent \u{b7} Samarkand"));
    assert!(!ascii::handles("Ташкент"));
    // A symbol glued to digits is its own segment, as the crate has it.
    let t = "£5.5m and 5°C";
    assert_eq!(ascii::word_bounds(t), crate_words(t));
    assert_eq!(ascii::sentences(t), crate_sentences(t));
}
