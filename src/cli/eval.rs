//! `khabar eval`: scores extraction against hand-annotated gold. The
//! scoring lives in the library (`khabar::eval`); this module reads the
//! arguments, picks the sources of gold and predictions, and prints.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::{IsTerminal, Write as _};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use khabar::eval::gold::{self, Fixture};
use khabar::eval::input::{self, Article};
use khabar::eval::{pred, Aliases, Baseline, Difference, Kind, Prediction, Report, Score};
use khabar::Pipeline;

/// Command-line arguments of `khabar eval`.
#[derive(Debug, clap::Args)]
#[command(
    about = "Score extraction against hand-annotated gold (MUC-style template filling)",
    after_help = "Examples:
  khabar eval tests/fixtures/
  khabar eval --gold gold.jsonl --pred events.csv --pred-entities entities.csv
  khabar eval tests/fixtures/ --baseline tests/eval-baseline.json
  khabar eval --draft corpus/ > draft-gold.jsonl

Exit status: 0 normally, 1 when a figure dropped below --baseline, 2 on unusable input.
See docs/eval.md for the gold format and the scoring rules."
)]
pub struct Args {
    /// Folder of annotated articles (each article.txt with article.gold.json
    /// beside it) or one such .txt. With --gold: the texts (a folder, where
    /// each doc_id is a path, or a JSON Lines file of documents). With
    /// --draft: the articles to draft gold for.
    pub path: Option<PathBuf>,

    /// Gold as JSON Lines, one object per document with a doc_id.
    #[arg(long, value_name = "FILE")]
    pub gold: Option<PathBuf>,

    /// Score this events.csv (written earlier by khabar extract) instead of
    /// extracting now.
    #[arg(long, value_name = "FILE")]
    pub pred: Option<PathBuf>,

    /// The entities.csv that goes with --pred; without it entities are not
    /// scored.
    #[arg(long, value_name = "FILE", requires = "pred")]
    pub pred_entities: Option<PathBuf>,

    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,

    /// Exit 1 if any figure (F1 per slot, all slots, events, entity labels)
    /// is below this baseline.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,

    /// Write today's figures as the new baseline (a deliberate update).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// Write today's output as gold drafts, to be corrected by hand: JSON
    /// Lines on stdout, or files with --draft-dir.
    #[arg(
        long,
        requires = "path",
        conflicts_with_all = ["gold", "pred", "baseline", "write_baseline", "json"]
    )]
    pub draft: bool,

    /// With --draft: write article.gold.json beside each .txt that has no
    /// gold yet, instead of JSON Lines on stdout.
    #[arg(long, requires = "draft")]
    pub draft_dir: bool,

    /// Use the gazetteers of this folder instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub gazetteers: Option<PathBuf>,

    /// Add the gazetteers of this folder (repeatable).
    #[arg(long = "extra-gazetteers", value_name = "DIR")]
    pub extra_gazetteers: Vec<PathBuf>,
}

/// Runs `khabar eval`; returns the exit code. Every error here is about
/// unusable input (gold, predictions, baseline, gazetteers), hence exit 2.
pub fn run(args: Args) -> anyhow::Result<i32> {
    match run_checked(args) {
        Ok(code) => Ok(code),
        Err(err) => {
            eprintln!("khabar eval: {err:#}");
            Ok(2)
        }
    }
}

fn run_checked(args: Args) -> anyhow::Result<i32> {
    if args.draft {
        return draft(&args);
    }
    // Read the baseline first: a broken one should not cost an extraction.
    let baseline = args.baseline.as_deref().map(Baseline::read).transpose()?;

    let fixtures = load_gold(&args)?;
    // The gazetteers serve the scoring too (names of one entry are
    // accepted for each other), so they are loaded for --pred as well.
    let pipeline = pipeline(&args)?;
    let predictions = if let Some(events_csv) = &args.pred {
        read_predictions(&fixtures, events_csv, args.pred_entities.as_deref())?
    } else {
        extract_predictions(&args, &fixtures, &pipeline)?
    };
    let aliases = Aliases::from_gazetteer(pipeline.gazetteer());
    let report =
        khabar::eval::evaluate_with(fixtures.iter().map(|f| &f.gold).zip(&predictions), &aliases);

    if let Some(path) = &args.write_baseline {
        let new = Baseline::from_report(&report);
        new.write(path)?;
        eprintln!(
            "khabar eval: wrote {} figures to {}",
            new.figures.len(),
            path.display()
        );
    }

    let out = if args.json {
        let mut s = serde_json::to_string_pretty(&report).context("serializing the report")?;
        s.push('\n');
        s
    } else {
        human(&report, use_colour())
    };
    emit(&out)?;

    let Some(baseline) = baseline else {
        return Ok(0);
    };
    let drops = baseline.drops(&report);
    let shown = args.baseline.as_deref().map(Path::display);
    if drops.is_empty() {
        if let Some(path) = shown {
            eprintln!("khabar eval: no figure below the baseline {path}");
        }
        return Ok(0);
    }
    if let Some(path) = shown {
        eprintln!(
            "khabar eval: {} figure(s) below the baseline {path}:",
            drops.len()
        );
    }
    for d in &drops {
        eprintln!("  {d}");
    }
    Ok(1)
}

/// Writes to stdout; a reader that went away (`| head`) is not an error.
fn emit(out: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e).context("writing to stdout"),
        _ => Ok(()),
    }
}

fn load_gold(args: &Args) -> anyhow::Result<Vec<Fixture>> {
    let fixtures = match (&args.gold, &args.path) {
        (Some(gold_path), _) => gold::read_gold_jsonl(gold_path)?
            .into_iter()
            .map(|gold| Fixture {
                gold,
                text_path: None,
            })
            .collect(),
        (None, Some(dir)) => gold::find_fixtures(dir)?,
        (None, None) => bail!("give a folder of annotated articles, or --gold FILE (see --help)"),
    };
    if fixtures.is_empty() {
        match (&args.gold, &args.path) {
            (Some(g), _) => bail!("{}: no gold documents", g.display()),
            (None, Some(dir)) => bail!(
                "{}: no annotated articles (an article.txt needs an article.gold.json beside it)",
                dir.display()
            ),
            _ => {}
        }
    }
    Ok(fixtures)
}

fn read_predictions(
    fixtures: &[Fixture],
    events_csv: &Path,
    entities_csv: Option<&Path>,
) -> anyhow::Result<Vec<Prediction>> {
    let mut events = pred::read_events_csv(events_csv)?;
    let mut entities = entities_csv.map(pred::read_entities_csv).transpose()?;
    let ids: HashSet<&str> = fixtures.iter().map(|f| f.gold.doc_id.as_str()).collect();
    let unscored = events
        .keys()
        .filter(|id| !ids.contains(id.as_str()))
        .count();
    if unscored > 0 {
        eprintln!(
            "khabar eval: {unscored} document(s) in {} have no gold and are not scored",
            events_csv.display()
        );
    }
    Ok(fixtures
        .iter()
        .map(|f| Prediction {
            events: events.remove(&f.gold.doc_id).unwrap_or_default(),
            entities: entities
                .as_mut()
                .map(|m| m.remove(&f.gold.doc_id).unwrap_or_default()),
        })
        .collect())
}

fn pipeline(args: &Args) -> anyhow::Result<Pipeline> {
    Ok(Pipeline::load(
        args.gazetteers.as_deref(),
        &args.extra_gazetteers,
    )?)
}

/// Runs the pipeline in process over the text of every gold document.
fn extract_predictions(
    args: &Args,
    fixtures: &[Fixture],
    pipeline: &Pipeline,
) -> anyhow::Result<Vec<Prediction>> {
    // With JSON Lines gold the texts are found by doc_id in PATH.
    let mut by_id: HashMap<String, Article> = HashMap::new();
    if args.gold.is_some() {
        let Some(path) = &args.path else {
            bail!(
                "--gold needs the texts too: khabar eval TEXTS --gold FILE, or --pred events.csv"
            );
        };
        if input::is_jsonl(path) || path.is_file() {
            by_id = input::load_articles(path)?
                .into_iter()
                .map(|a| (a.document.id.clone(), a))
                .collect();
        }
    }
    let mut predictions = Vec::with_capacity(fixtures.len());
    for f in fixtures {
        let id = &f.gold.doc_id;
        let article = match (&f.text_path, &args.path) {
            (Some(text), _) => input::read_article(text, id)?,
            (None, _) if by_id.contains_key(id) => by_id.remove(id).context("article")?,
            (None, Some(dir)) if dir.is_dir() => input::read_article(&dir.join(id), id)?,
            _ => bail!("{id}: no text with this doc_id in the input"),
        };
        let extraction = pipeline.extract(&article.document);
        predictions.push(Prediction {
            events: extraction.events,
            entities: Some(extraction.entities),
        });
    }
    Ok(predictions)
}

/// `--draft`: today's output as gold for an annotator to correct.
fn draft(args: &Args) -> anyhow::Result<i32> {
    let root = args.path.as_deref().context("--draft needs the articles")?;
    if args.draft_dir && input::is_jsonl(root) {
        bail!(
            "--draft-dir writes beside .txt files; {} is JSON Lines",
            root.display()
        );
    }
    let articles = input::load_articles(root)?;
    let pipeline = pipeline(args)?;
    let mut out = String::new();
    let (mut written, mut kept) = (0, 0);
    for article in &articles {
        let gold_path = article.text_path.as_deref().map(gold::gold_path_for);
        if args.draft_dir && gold_path.as_deref().is_some_and(Path::exists) {
            kept += 1;
            continue;
        }
        let doc = gold::draft(&article.document.id, &pipeline.extract(&article.document));
        match (&gold_path, args.draft_dir) {
            (Some(path), true) => {
                // The doc_id is implied by the file's place.
                let doc = gold::GoldDoc {
                    doc_id: String::new(),
                    ..doc
                };
                let mut text = serde_json::to_string_pretty(&doc).context("serializing a draft")?;
                text.push('\n');
                std::fs::write(path, text)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                written += 1;
            }
            _ => {
                out.push_str(&serde_json::to_string(&doc).context("serializing a draft")?);
                out.push('\n');
            }
        }
    }
    if args.draft_dir {
        eprintln!("khabar eval: wrote {written} draft(s); {kept} article(s) already had gold");
    } else {
        emit(&out)?;
    }
    Ok(0)
}

fn use_colour() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// ANSI styling, or none when printing to a file or pipe.
struct Paint(bool);

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn bold(&self, s: &str) -> String {
        self.wrap("1", s)
    }
    fn kind(&self, kind: Kind, s: &str) -> String {
        let code = match kind {
            Kind::Missing => "33",
            Kind::Spurious => "31",
            Kind::Incorrect => "35",
        };
        self.wrap(code, s)
    }
}

fn figure(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_string(), |v| format!("{v:.3}"))
}

fn score_row(name: &str, s: &Score) -> String {
    format!(
        "{name:<16} {:>6} {:>6} {:>6} {:>9} {:>10} {:>9} {:>9}",
        figure(s.precision),
        figure(s.recall),
        figure(s.f1),
        s.counts.correct,
        s.counts.incorrect,
        s.counts.missing,
        s.counts.spurious
    )
}

fn header(first: &str) -> String {
    format!(
        "{first:<16} {:>6} {:>6} {:>6} {:>9} {:>10} {:>9} {:>9}",
        "P", "R", "F1", "correct", "incorrect", "missing", "spurious"
    )
}

/// Text cut to about `max` characters, for one-line display.
fn truncate(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        return s;
    }
    let cut: String = s.chars().take(max.saturating_sub(4)).collect();
    format!("{} ...", cut.trim_end())
}

fn event_label(d: &Difference) -> String {
    [d.event_type.as_str(), d.event_date.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

fn detail(d: &Difference) -> String {
    let q = |s: &Option<String>| format!("\"{}\"", s.as_deref().unwrap_or(""));
    match (d.kind, d.slot.as_str()) {
        (_, "event") => String::new(),
        (Kind::Incorrect, _) => format!(
            "got {}, want {}",
            d.got.as_deref().unwrap_or(""),
            d.want.as_deref().unwrap_or("")
        ),
        (Kind::Missing, _) => q(&d.want),
        (Kind::Spurious, _) => q(&d.got),
    }
}

/// The report for a reader: tables, then what differs, document by document.
fn human(r: &Report, colour: bool) -> String {
    let paint = Paint(colour);
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{} documents, {} gold events, {} predicted\n",
        r.documents, r.gold_events, r.predicted_events
    );
    let _ = writeln!(o, "{}", paint.bold(&header("slot")));
    for s in &r.slots {
        let _ = writeln!(o, "{}", score_row(&s.slot, &s.score));
    }
    let _ = writeln!(o, "{}", score_row("all slots", &r.micro));
    let _ = writeln!(o, "{}", score_row("events", &r.events));

    if !r.event_types.is_empty() {
        let _ = writeln!(o, "\n{}", paint.bold(&header("event type")));
        for t in &r.event_types {
            let _ = writeln!(
                o,
                "{}   values F1 {}",
                score_row(&t.event_type, &t.events),
                figure(t.values.f1)
            );
        }
    }
    if !r.entities.is_empty() {
        let _ = writeln!(o, "\n{}", paint.bold(&header("entities")));
        for e in &r.entities {
            let _ = writeln!(o, "{}", score_row(&e.label, &e.score));
        }
    }

    // How names were compared, so that a figure is read for what it is.
    let _ = writeln!(
        o,
        "\nparties, place, place_country and PLACE: names of one gazetteer entry count as one \
         (\"OSCE\" = \"Organization for Security and Co-operation in Europe\"); \
         PLACE is scored against PLACE and COUNTRY mentions"
    );
    let fe = &r.false_events;
    let _ = writeln!(
        o,
        "\n{} false event(s) on {} document(s) whose gold has no events",
        fe.count, fe.documents
    );
    for e in &fe.events {
        let label = [e.event_type.as_str(), e.date.as_str()].join(" ");
        let _ = writeln!(
            o,
            "  {}  {}  «{}»",
            e.doc_id,
            label.trim(),
            truncate(&e.evidence, 80)
        );
    }

    if r.differences.is_empty() {
        let _ = writeln!(o, "\nno differences");
        return o;
    }
    let _ = writeln!(o, "\n{}", paint.bold("differences"));
    let width = |f: &dyn Fn(&Difference) -> usize| r.differences.iter().map(f).max().unwrap_or(0);
    let w_doc = width(&|d| d.doc_id.chars().count());
    let w_event = width(&|d| event_label(d).chars().count());
    let w_slot = width(&|d| d.slot.chars().count());
    let w_detail = width(&|d| detail(d).chars().count()).min(40);
    let mut last_doc = None;
    let mut last_event = None;
    for d in &r.differences {
        // A blank line between documents keeps each one's lines together.
        if last_doc.is_some_and(|l| l != d.doc_id.as_str()) {
            o.push('\n');
        }
        last_doc = Some(d.doc_id.as_str());
        let kind = format!("{:<9}", d.kind.as_str());
        let mut line = format!(
            "{:<w_doc$}  {:<w_event$}  {:<w_slot$}  {}  {:<w_detail$}",
            d.doc_id,
            event_label(d),
            d.slot,
            paint.kind(d.kind, &kind),
            detail(d),
        );
        // The evidence once per event, on its first line: repeated on
        // every value it would bury the values.
        let event = (
            d.doc_id.as_str(),
            d.event_type.as_str(),
            d.event_date.as_str(),
            d.evidence.as_str(),
        );
        if last_event != Some(event) && !d.evidence.trim().is_empty() {
            let _ = write!(line, "   «{}»", truncate(&d.evidence, 80));
        }
        last_event = Some(event);
        let _ = writeln!(o, "{}", line.trim_end());
    }
    o
}
