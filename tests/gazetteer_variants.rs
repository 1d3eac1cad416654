//! The built-in gazetteers recognize spelling variants across the region and
//! the world with the right canonical name, type and country.

use khabar::gazetteer::Gazetteer;
use khabar::mention::Label;

/// (surface form, canonical, label, country of the entry; "" = none).
const CASES: &[(&str, &str, Label, &str)] = &[
    // Places of the region, Latin and Cyrillic, old and new names.
    ("Dushanbe", "Dushanbe", Label::Place, "Tajikistan"),
    ("Duschanbe", "Dushanbe", Label::Place, "Tajikistan"),
    ("Душанбе", "Dushanbe", Label::Place, "Tajikistan"),
    ("DUSHANBE", "Dushanbe", Label::Place, "Tajikistan"),
    ("Khudzhand", "Khujand", Label::Place, "Tajikistan"),
    ("Leninabad", "Khujand", Label::Place, "Tajikistan"),
    ("Qurghonteppa", "Bokhtar", Label::Place, "Tajikistan"),
    ("Kurgan-Tyube", "Bokhtar", Label::Place, "Tajikistan"),
    ("Kulyab", "Kulob", Label::Place, "Tajikistan"),
    ("Khorog", "Khorugh", Label::Place, "Tajikistan"),
    ("Nur-Sultan", "Astana", Label::Place, "Kazakhstan"),
    ("Akmola", "Astana", Label::Place, "Kazakhstan"),
    ("Alma-Ata", "Almaty", Label::Place, "Kazakhstan"),
    ("Алматы", "Almaty", Label::Place, "Kazakhstan"),
    ("Frunze", "Bishkek", Label::Place, "Kyrgyzstan"),
    ("Бишкек", "Bishkek", Label::Place, "Kyrgyzstan"),
    ("Osh", "Osh", Label::Place, "Kyrgyzstan"),
    ("Jalal-Abad", "Jalal-Abad", Label::Place, "Kyrgyzstan"),
    ("Ashkhabad", "Ashgabat", Label::Place, "Turkmenistan"),
    ("Toshkent", "Tashkent", Label::Place, "Uzbekistan"),
    ("Ташкент", "Tashkent", Label::Place, "Uzbekistan"),
    ("Samarqand", "Samarkand", Label::Place, "Uzbekistan"),
    ("Bokhara", "Bukhara", Label::Place, "Uzbekistan"),
    ("Gyandzha", "Ganja", Label::Place, "Azerbaijan"),
    ("Kirovabad", "Ganja", Label::Place, "Azerbaijan"),
    ("Naxçıvan", "Nakhchivan", Label::Place, "Azerbaijan"),
    ("Bakı", "Baku", Label::Place, "Azerbaijan"),
    ("Tbilisi", "Tbilisi", Label::Place, "Georgia"),
    ("Yerevan", "Yerevan", Label::Place, "Armenia"),
    ("Kabul", "Kabul", Label::Place, "Afghanistan"),
    ("Sughd", "Sughd", Label::Place, "Tajikistan"),
    ("Khatlon", "Khatlon", Label::Place, "Tajikistan"),
    ("GBAO", "Gorno-Badakhshan", Label::Place, "Tajikistan"),
    // Places of the world.
    ("Moscow", "Moscow", Label::Place, "Russia"),
    ("Beijing", "Beijing", Label::Place, "China"),
    ("New York", "New York", Label::Place, "United States"),
    ("Brussels", "Brussels", Label::Place, "Belgium"),
    ("Nairobi", "Nairobi", Label::Place, "Kenya"),
    ("Brasília", "Brasília", Label::Place, "Brazil"),
    ("Jakarta", "Jakarta", Label::Place, "Indonesia"),
    // Countries: short news names, official and ISO forms.
    ("Tajikistan", "Tajikistan", Label::Country, ""),
    ("Republic of Tajikistan", "Tajikistan", Label::Country, ""),
    ("Kyrgyz Republic", "Kyrgyzstan", Label::Country, ""),
    ("Russian Federation", "Russia", Label::Country, ""),
    ("Islamic Republic of Iran", "Iran", Label::Country, ""),
    ("Türkiye", "Turkey", Label::Country, ""),
    ("Republic of Korea", "South Korea", Label::Country, ""),
    (
        "United States of America",
        "United States",
        Label::Country,
        "",
    ),
    ("US", "United States", Label::Country, ""),
    ("Таджикистан", "Tajikistan", Label::Country, ""),
    // Demonyms and adjectives.
    ("Tajik", "Tajikistan", Label::Country, ""),
    ("Tajikistani", "Tajikistan", Label::Country, ""),
    ("Azerbaijani", "Azerbaijan", Label::Country, ""),
    ("Azeri", "Azerbaijan", Label::Country, ""),
    ("Kazakh", "Kazakhstan", Label::Country, ""),
    ("Kazakhstani", "Kazakhstan", Label::Country, ""),
    ("Kyrgyz", "Kyrgyzstan", Label::Country, ""),
    ("Uzbek", "Uzbekistan", Label::Country, ""),
    ("Turkmen", "Turkmenistan", Label::Country, ""),
    ("Chinese", "China", Label::Country, ""),
    ("Iranian", "Iran", Label::Country, ""),
    // Organizations and acronyms.
    ("SCO", "Shanghai Cooperation Organization", Label::Org, ""),
    ("CIS", "Commonwealth of Independent States", Label::Org, ""),
    (
        "CSTO",
        "Collective Security Treaty Organization",
        Label::Org,
        "",
    ),
    (
        "CICA",
        "Conference on Interaction and Confidence-Building Measures in Asia",
        Label::Org,
        "",
    ),
    (
        "OSCE",
        "Organization for Security and Co-operation in Europe",
        Label::Org,
        "",
    ),
    (
        "EBRD",
        "European Bank for Reconstruction and Development",
        Label::Org,
        "",
    ),
    ("ADB", "Asian Development Bank", Label::Org, ""),
    ("World Bank", "World Bank", Label::Org, ""),
    ("IMF", "International Monetary Fund", Label::Org, ""),
    ("EU", "European Union", Label::Org, ""),
    (
        "CAREC",
        "Central Asia Regional Economic Cooperation",
        Label::Org,
        "",
    ),
    // People: canonical spellings and transliteration variants.
    (
        "Mukhtor Boboyev",
        "Mukhtar Babayev",
        Label::Person,
        "Azerbaijan",
    ),
    (
        "Mukhtar Babayev",
        "Mukhtar Babayev",
        Label::Person,
        "Azerbaijan",
    ),
    (
        "Zavqi Zavqizoda",
        "Zavki Zavkizoda",
        Label::Person,
        "Tajikistan",
    ),
    (
        "Emomali Rakhmonov",
        "Emomali Rahmon",
        Label::Person,
        "Tajikistan",
    ),
    ("Ilham Aliyev", "Ilham Aliyev", Label::Person, "Azerbaijan"),
    (
        "Shavkat Mirziyoyev",
        "Shavkat Mirziyoyev",
        Label::Person,
        "Uzbekistan",
    ),
    ("Vladimir Putin", "Vladimir Putin", Label::Person, "Russia"),
];

#[test]
fn variants_resolve_to_canonical_type_and_country() {
    let gaz = Gazetteer::load(None, &[]).expect("built-in gazetteers load");
    let mut failures = Vec::new();
    for &(surface, canonical, label, country) in CASES {
        match gaz.lookup(surface).map(|id| gaz.entry(id)) {
            None => failures.push(format!("{surface}: not found")),
            Some(e) => {
                let got_country = e.country.as_deref().unwrap_or("");
                if e.canonical != canonical || e.label() != label || got_country != country {
                    failures.push(format!(
                        "{surface}: got {} {:?} {got_country:?}, want {canonical} {label:?} {country:?}",
                        e.canonical,
                        e.label()
                    ));
                }
            }
        }
    }
    assert!(CASES.len() >= 60);
    assert!(
        failures.is_empty(),
        "{} of {} variants wrong:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}
