//! PERSON rules that generalise: works and bands named like a person, a
//! first name or initial that disagrees with a person of the article, and
//! words that are never names. The texts are made up.

use std::sync::OnceLock;

use khabar::{Document, Pipeline};

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::with_default_gazetteers().expect("built-in gazetteers load"))
}

/// (text, canonical) of the PERSON mentions of `text`.
fn people(text: &str) -> Vec<(String, String)> {
    let out = pipeline().extract(&Document::from_text("t", text));
    out.entities
        .into_iter()
        .filter(|e| e.label == "PERSON")
        .map(|e| (e.text, e.canonical))
        .collect()
}

fn has(v: &[(String, String)], text: &str) -> bool {
    v.iter().any(|(t, _)| t == text)
}

#[test]
fn a_film_or_band_named_like_a_person_is_not_a_person() {
    let v = people(
        "Mike Leigh's latest film Vera Drake won the prize. Critics said Vera Drake \
         was a triumph. The indie band Kasabian played in Leicester.",
    );
    assert!(has(&v, "Mike Leigh"), "{v:?}");
    assert!(!has(&v, "Vera Drake") && !has(&v, "Drake"), "{v:?}");
    assert!(!has(&v, "Kasabian"), "{v:?}");
}

#[test]
fn an_award_named_after_a_person_is_not_that_person() {
    let v = people("He received the Cecil B DeMille award for his career.");
    assert!(v.is_empty(), "{v:?}");
}

#[test]
fn a_possessive_ends_a_name() {
    let v = people("Tory leader Michael Howard dismissed Gordon Brown's Budget as a gamble.");
    assert!(v.iter().all(|(_, c)| c != "Gordon Brown Budget"), "{v:?}");
    assert!(has(&v, "Gordon Brown"), "{v:?}");
}

#[test]
fn a_different_first_name_is_a_different_person() {
    let v = people(
        "The contest has the help of the brother of Simon Cowell. Writer Tony Cowell \
         is among the judges. \"I will be kind,\" said Cowell, 54.",
    );
    assert!(
        v.contains(&("Tony Cowell".into(), "Tony Cowell".into())),
        "{v:?}"
    );
    assert!(
        v.contains(&("Cowell".into(), "Tony Cowell".into())),
        "{v:?}"
    );
}

#[test]
fn an_initial_must_agree_with_the_person() {
    // The gazetteer knows Andy Robinson; "J Robinson" is someone else.
    let v = people("England: J Robinson (Sale Sharks, capt), O Smith (Leicester).");
    assert!(v.iter().all(|(_, c)| c != "Andy Robinson"), "{v:?}");
}

#[test]
fn religions_are_not_names() {
    let v = people("Roman Catholic groups protested. The Catholic community was angry.");
    assert!(v.is_empty(), "{v:?}");
}
