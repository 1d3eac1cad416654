//! The regression check on the annotated fixtures: `khabar eval` over
//! tests/fixtures must not fall below the committed baseline.

use std::path::Path;
use std::process::{Command, Output};

const BASELINE: &str = "tests/eval-baseline.json";

fn khabar_eval(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_khabar"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("eval")
        .args(args)
        .output()
        .expect("the khabar binary runs")
}

fn describe(out: &Output) -> String {
    format!(
        "exit status {:?}\n--- stderr ---\n{}\n--- stdout (start) ---\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
            .chars()
            .take(4000)
            .collect::<String>()
    )
}

#[test]
fn fixtures_do_not_fall_below_the_baseline() {
    let baseline = Path::new(env!("CARGO_MANIFEST_DIR")).join(BASELINE);
    assert!(
        baseline.is_file(),
        "{BASELINE} does not exist yet. Once the pipeline works, create it with\n\n    \
         cargo run --release -- eval tests/fixtures --write-baseline {BASELINE}\n\n\
         review the figures and commit it (see docs/eval.md, \"Baseline workflow\")."
    );
    let out = khabar_eval(&["tests/fixtures", "--baseline", BASELINE]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "khabar eval fell below {BASELINE} (or could not run). If the drop is \
         deliberate, update the baseline with --write-baseline and say why in the \
         commit.\n{}",
        describe(&out)
    );
}

#[test]
fn json_report_has_the_documented_keys() {
    let out = khabar_eval(&["tests/fixtures", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON: {e}\n{}", describe(&out)));
    for key in [
        "documents",
        "gold_events",
        "predicted_events",
        "slots",
        "micro",
        "events",
        "event_types",
        "entities",
        "false_events",
        "differences",
    ] {
        assert!(report.get(key).is_some(), "no {key:?} in the report");
    }
    assert!(
        report["documents"].as_u64().is_some_and(|n| n > 0),
        "no documents scored"
    );
    let slots: Vec<&str> = report["slots"]
        .as_array()
        .map(|a| a.iter().filter_map(|s| s["slot"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        slots,
        [
            "date",
            "place",
            "place_country",
            "participants",
            "parties",
            "agreed_sectors",
            "sectors"
        ]
    );
    for key in [
        "correct",
        "incorrect",
        "missing",
        "spurious",
        "precision",
        "recall",
        "f1",
    ] {
        assert!(report["micro"].get(key).is_some(), "no micro.{key}");
    }
}

#[test]
fn bad_gold_is_exit_2_with_file_and_line() {
    let dir = std::env::temp_dir().join(format!("khabar-eval-bad-gold-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("a.txt"), "Nothing happened.").expect("write");
    std::fs::write(
        dir.join("a.gold.json"),
        "{\"events\": [\n  {\"event_type\": \"meeting\",]}\n",
    )
    .expect("write");
    let out = khabar_eval(&[dir.to_str().expect("utf-8 temp path")]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("a.gold.json:2:"), "{stderr}");
}

#[test]
fn scores_a_csv_against_jsonl_gold_and_checks_a_baseline() {
    let dir = std::env::temp_dir().join(format!("khabar-eval-csv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let gold = dir.join("gold.jsonl");
    let events = dir.join("events.csv");
    let baseline = dir.join("baseline.json");
    std::fs::write(
        &gold,
        r#"{"doc_id": "a.txt", "events": [{"event_type": "meeting", "date": "2024-12-18", "participants": ["Mukhtar Babayev|Mukhtor Boboyev"]}]}
{"doc_id": "b.txt", "events": []}
"#,
    )
    .expect("write");
    std::fs::write(
        &events,
        "doc_id,event_index,event_type,date,participants,evidence\n\
         a.txt,1,meeting,2024-12-18,Mukhtor Boboyev,They met.\n\
         b.txt,1,visit,2024-05-01,,A visit.\n",
    )
    .expect("write");
    let path = |p: &Path| p.to_str().expect("utf-8 temp path").to_string();
    let (g, e, b) = (path(&gold), path(&events), path(&baseline));

    let out = khabar_eval(&["--gold", &g, "--pred", &e, "--json", "--write-baseline", &b]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["events"]["correct"], 1);
    assert_eq!(report["false_events"]["count"], 1);
    assert_eq!(
        report["slots"][3]["f1"], 1.0,
        "participants, via the alternative"
    );

    // Same predictions: nothing dropped.
    let out = khabar_eval(&["--gold", &g, "--pred", &e, "--baseline", &b]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));

    // A wrong date drops the date figure: exit 1, naming it.
    std::fs::write(
        &events,
        "doc_id,event_index,event_type,date,participants,evidence\n\
         a.txt,1,meeting,2024-12-19,Mukhtor Boboyev,They met.\n",
    )
    .expect("write");
    let out = khabar_eval(&["--gold", &g, "--pred", &e, "--baseline", &b]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("slots.date.f1"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("got 2024-12-19, want 2024-12-18"),
        "{stdout}"
    );
    assert!(!stdout.contains('\x1b'), "no colour when not a terminal");
}
