//! `khabar extract` as a program: output shape, ordering, determinism,
//! input forms. These tests check the driver (headers, ordering, counts,
//! files), not extraction quality, so they hold whatever the pipeline finds.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use tempfile::TempDir;

const EVENTS_HEADER: &str = "doc_id,event_index,event_type,date,date_text,place,place_country,\
participants,parties,agreed_sectors,sectors,trigger,evidence,start,end";
const ENTITIES_HEADER: &str = "doc_id,start,end,text,label,canonical,source";
const REPORT_HEADER: &str = "path,line,id,reason";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs khabar in `dir` with `args` and small gazetteers (the driver tests
/// do not need the full set, which takes seconds to load in debug builds).
fn khabar(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let gaz = dir.join(".gaz");
    if !gaz.exists() {
        fs::create_dir(&gaz).expect("mkdir .gaz");
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("gazetteers");
        for name in ["sectors.tsv", "triggers.tsv"] {
            fs::copy(repo.join(name), gaz.join(name)).expect("copy gazetteer");
        }
    }
    let mut full: Vec<&str> = args.to_vec();
    if full.first() == Some(&"extract") {
        full.insert(1, "--gazetteers");
        full.insert(2, ".gaz");
    }
    khabar_full(dir, &full, stdin)
}

/// Runs khabar in `dir` with `args` as given (built-in gazetteers),
/// feeding `stdin` if given.
fn khabar_full(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_khabar"));
    cmd.args(args)
        .current_dir(dir)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn khabar");
    if let Some(data) = stdin {
        let mut pipe = child.stdin.take().expect("stdin pipe");
        pipe.write_all(data).expect("write stdin");
    }
    let out = child.wait_with_output().expect("wait khabar");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "khabar panicked:\n{}",
        run.stderr
    );
    run
}

/// The summary counts (read, processed, skipped), checking the invariant
/// read = processed + skipped.
fn summary(stderr: &str) -> (u64, u64, u64) {
    let line = stderr
        .lines()
        .find(|l| l.contains(" documents read, "))
        .unwrap_or_else(|| panic!("no summary in stderr:\n{stderr}"));
    let nums: Vec<u64> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().expect("number"))
        .collect();
    assert_eq!(nums.len(), 6, "{line}");
    let (read, processed, skipped) = (nums[0], nums[1], nums[5]);
    assert_eq!(read, processed + skipped, "accounting: {line}");
    (read, processed, skipped)
}

/// Rows of a CSV file or string, header included.
fn csv_rows(data: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(data.as_bytes())
        .records()
        .map(|r| r.expect("valid CSV").iter().map(str::to_string).collect())
        .collect()
}

/// A news-like article, so that a real pipeline has something to find.
fn article(i: usize) -> String {
    format!(
        "DUSHANBE, 19.12.2024 /NIAT \"Khovar\"/. Minister of Foreign Affairs of Tajikistan \
         Sirojiddin Muhriddin met with the Ambassador of Azerbaijan on December {d}, 2024. \
         The sides discussed cooperation in trade, energy and transport, and signed a \
         memorandum on education. Item {i}.\n\nThe weather was mild.\n",
        d = i % 28 + 1
    )
}

fn write(dir: &Path, rel: &str, data: impl AsRef<[u8]>) {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("mkdir");
    }
    fs::write(path, data).expect("write input");
}

#[test]
fn header_only_when_no_events() {
    let tmp = TempDir::new().expect("tempdir");
    write(
        tmp.path(),
        "calm.txt",
        "The weather was mild and the river was calm.\n",
    );
    let run = khabar(tmp.path(), &["extract", "calm.txt"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, format!("{EVENTS_HEADER}\n"));
    assert_eq!(summary(&run.stderr), (1, 1, 0));
}

#[test]
fn no_header() {
    let tmp = TempDir::new().expect("tempdir");
    write(
        tmp.path(),
        "calm.txt",
        "The weather was mild and the river was calm.\n",
    );
    let run = khabar(tmp.path(), &["extract", "--no-header", "calm.txt"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");
}

#[test]
fn same_bytes_for_any_thread_count() {
    let tmp = TempDir::new().expect("tempdir");
    for i in 0..50 {
        write(
            tmp.path(),
            &format!("corpus/{:02}/doc{i}.txt", i % 7),
            article(i),
        );
    }
    let mut outputs = Vec::new();
    // The real pipeline (built-in gazetteers), so that there are rows.
    for (j, batch) in [("1", "256"), ("2", "3")] {
        let ev = format!("events-{j}.csv");
        let en = format!("entities-{j}.csv");
        let run = khabar_full(
            tmp.path(),
            &[
                "extract",
                "-q",
                "-j",
                j,
                "--batch",
                batch,
                "-o",
                &ev,
                "--entities",
                &en,
                "corpus",
            ],
            None,
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        let events = fs::read(tmp.path().join(&ev)).expect("events file");
        let entities = fs::read(tmp.path().join(&en)).expect("entities file");
        outputs.push((events, entities));
    }
    assert!(
        outputs.windows(2).all(|w| w[0] == w[1]),
        "output differs between -j values"
    );
    let events = String::from_utf8(outputs[0].0.clone()).expect("UTF-8");
    assert!(events.starts_with(&format!("{EVENTS_HEADER}\n")));
    let entities = String::from_utf8(outputs[0].1.clone()).expect("UTF-8");
    assert!(entities.starts_with(&format!("{ENTITIES_HEADER}\n")));
    // Rows come in input order: doc ids never go back to an earlier document.
    let order: Vec<String> = csv_rows(&events)
        .into_iter()
        .skip(1)
        .map(|r| r[0].clone())
        .collect();
    let mut seen: Vec<&String> = Vec::new();
    for id in &order {
        if seen.last() != Some(&id) {
            assert!(!seen.contains(&id), "rows of {id} are not contiguous");
            seen.push(id);
        }
    }
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(seen, sorted, "rows not in walk order");
}

#[test]
fn jsonl_format_parses() {
    let tmp = TempDir::new().expect("tempdir");
    for i in 0..5 {
        write(tmp.path(), &format!("d/{i}.txt"), article(i));
    }
    let run = khabar(
        tmp.path(),
        &[
            "extract",
            "--format",
            "jsonl",
            "--entities",
            "en.jsonl",
            "d",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.starts_with("doc_id"), "no header in JSON Lines");
    for line in run.stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        let obj = v.as_object().expect("an object");
        let keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        let mut want: Vec<&str> = EVENTS_HEADER.split(',').collect();
        want.sort();
        let mut keys_sorted = keys.clone();
        keys_sorted.sort();
        assert_eq!(keys_sorted, want);
        assert!(v["event_index"].is_u64());
        assert!(v["participants"].is_string());
    }
    let entities = fs::read_to_string(tmp.path().join("en.jsonl")).expect("entities");
    for line in entities.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        assert!(v["label"].is_string() && v["start"].is_u64());
    }
}

#[test]
fn stdin_json_lines() {
    let tmp = TempDir::new().expect("tempdir");
    let input = "\n{\"id\":\"a\",\"text\":\"One.\"}\n{\"id\":\"b\",\"text\":\"Two.\",\"date\":\"2024-12-19\"}\n\
                 {\"id\":\"a\",\"text\":\"Again.\"}\n{\"id\":\"c\",\"text\":\"Three.\"}\n";
    let run = khabar(
        tmp.path(),
        &["extract", "--report", "skipped.csv", "-"],
        Some(input.as_bytes()),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(summary(&run.stderr), (4, 3, 1));
    let report = fs::read_to_string(tmp.path().join("skipped.csv")).expect("report");
    let rows = csv_rows(&report);
    assert_eq!(rows[0].join(","), REPORT_HEADER);
    // `-` is written `'-`: formula safety applies to every cell.
    assert_eq!(rows[1][..3], ["'-", "4", "a"]);
    assert!(
        rows[1][3].contains("duplicate id") && rows[1][3].contains("-:2"),
        "{:?}",
        rows[1]
    );
}

#[test]
fn stdin_plain_text() {
    let tmp = TempDir::new().expect("tempdir");
    // Starts with `{` but is not JSON: still one text document.
    let input = "{Editor's note} The weather was mild.\nSecond line.\n";
    let run = khabar(tmp.path(), &["extract", "-"], Some(input.as_bytes()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(summary(&run.stderr), (1, 1, 0));

    // An empty stdin is reported with the id `stdin`.
    let run = khabar(
        tmp.path(),
        &["extract", "--report", "r.csv", "-"],
        Some(b"  \n"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = csv_rows(&fs::read_to_string(tmp.path().join("r.csv")).expect("report"));
    assert_eq!(rows[1][..3], ["'-", "", "stdin"]);
}

#[test]
fn folder_walk_sorted_ids_relative() {
    let tmp = TempDir::new().expect("tempdir");
    // Empty documents are skipped and listed in the report with their ids,
    // in reading order: the report shows the walk whatever the pipeline does.
    for rel in [
        "in/b.txt",
        "in/a/z.txt",
        "in/a/b/c.txt",
        "in/C.txt",
        "in/ignored.md",
        "in/d.txt.gz",
    ] {
        write(tmp.path(), rel, "");
    }
    write(tmp.path(), "single.txt", " ");
    let run = khabar(
        tmp.path(),
        &["extract", "--report", "r.csv", "in", "single.txt"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = csv_rows(&fs::read_to_string(tmp.path().join("r.csv")).expect("report"));
    let ids: Vec<&str> = rows[1..].iter().map(|r| r[2].as_str()).collect();
    // d.txt.gz is a 0-byte file: empty, like the others.
    assert_eq!(
        ids,
        [
            "C.txt",
            "a/b/c.txt",
            "a/z.txt",
            "b.txt",
            "d.txt.gz",
            "single.txt"
        ]
    );
    let paths: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(paths[1], "in/a/b/c.txt");
    assert_eq!(paths[5], "single.txt");
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).expect("gzip");
    enc.finish().expect("gzip")
}

#[test]
fn gzip_inputs() {
    let tmp = TempDir::new().expect("tempdir");
    write(tmp.path(), "in/a.txt.gz", gzip(article(1).as_bytes()));
    write(tmp.path(), "in/b.txt.gz", gzip(b"   \n"));
    let lines = "{\"id\":\"j1\",\"text\":\"One.\"}\n{\"id\":\"j2\",\"text\":\"\"}\n";
    // Two gzip members back to back: MultiGzDecoder reads both.
    let mut two = gzip(lines.as_bytes());
    two.extend(gzip(b"{\"id\":\"j3\",\"text\":\"Three.\"}\n"));
    write(tmp.path(), "in/c.jsonl.gz", two);
    let run = khabar(tmp.path(), &["extract", "--report", "r.csv", "in"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(summary(&run.stderr), (5, 3, 2));
    let rows = csv_rows(&fs::read_to_string(tmp.path().join("r.csv")).expect("report"));
    assert_eq!(rows[1][2], "b.txt.gz");
    assert_eq!(rows[2][..3], ["in/c.jsonl.gz", "2", "j2"]);
}

#[test]
fn output_files_in_place_no_temp_left() {
    let tmp = TempDir::new().expect("tempdir");
    write(tmp.path(), "in/a.txt", article(3));
    write(tmp.path(), "in/e.txt", "");
    fs::create_dir(tmp.path().join("out")).expect("mkdir");
    // An existing file is replaced.
    write(tmp.path(), "out/events.csv", "old content\n");
    let run = khabar(
        tmp.path(),
        &[
            "extract",
            "-o",
            "out/events.csv",
            "--entities",
            "out/entities.csv",
            "--report",
            "out/report.csv",
            "in",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "", "events go to the file, not stdout");
    let mut names: Vec<String> = fs::read_dir(tmp.path().join("out"))
        .expect("read out")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["entities.csv", "events.csv", "report.csv"]);
    let events = fs::read_to_string(tmp.path().join("out/events.csv")).expect("events");
    assert!(events.starts_with(&format!("{EVENTS_HEADER}\n")));
    let entities = fs::read_to_string(tmp.path().join("out/entities.csv")).expect("entities");
    assert!(entities.starts_with(&format!("{ENTITIES_HEADER}\n")));
    let report = fs::read_to_string(tmp.path().join("out/report.csv")).expect("report");
    assert_eq!(
        report,
        "path,line,id,reason\nin/e.txt,,e.txt,empty document\n"
    );
}

#[test]
fn output_into_missing_folder_fails_before_reading() {
    let tmp = TempDir::new().expect("tempdir");
    write(tmp.path(), "a.txt", "Text.");
    let run = khabar(
        tmp.path(),
        &["extract", "-o", "no/such/dir/events.csv", "a.txt"],
        None,
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("khabar: error: cannot create no/such/dir/events.csv"),
        "{}",
        run.stderr
    );
}

#[test]
fn help_documents_exit_codes() {
    let tmp = TempDir::new().expect("tempdir");
    let run = khabar(tmp.path(), &["extract", "--help"], None);
    assert_eq!(run.code, 0);
    for needle in [
        "Exit status",
        "--max-doc-bytes",
        "--batch",
        "--report",
        "Examples",
    ] {
        assert!(run.stdout.contains(needle), "help lacks {needle}");
    }
    let run = khabar(tmp.path(), &["extract", "--format", "xml", "a"], None);
    assert_eq!(run.code, 1, "usage errors are fatal (1)");
}
