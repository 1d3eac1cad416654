//! The regression check: a committed file of the report's headline figures
//! (F1 per slot, over all slots, event-level, per entity label), compared
//! with today's. A flat name → value map keeps the file easy to read in a
//! diff when it is deliberately updated.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{read_text, EvalError, Report};

/// How far a figure may fall below the baseline before it counts as a drop:
/// room for floating-point noise only, not for real regressions.
pub const TOLERANCE: f64 = 1e-9;

const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub figures: BTreeMap<String, f64>,
}

/// A figure below its baseline. `now` is `None` when the figure is no
/// longer measured (nothing predicted nor expected any more).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Drop {
    pub figure: String,
    pub baseline: f64,
    pub now: Option<f64>,
}

impl std::fmt::Display for Drop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.now {
            Some(now) => write!(
                f,
                "{}: {:.4} < baseline {:.4} ({:+.4})",
                self.figure,
                now,
                self.baseline,
                now - self.baseline
            ),
            None => write!(
                f,
                "{}: no longer measured (baseline {:.4})",
                self.figure, self.baseline
            ),
        }
    }
}

/// The figures of a report that a baseline guards, by name
/// (`slots.date.f1`, `micro.f1`, `events.f1`, `entities.PERSON.f1`).
/// Figures that are not measured are left out.
pub fn figures(report: &Report) -> BTreeMap<String, f64> {
    let mut out = BTreeMap::new();
    for s in &report.slots {
        if let Some(f1) = s.score.f1 {
            out.insert(format!("slots.{}.f1", s.slot), f1);
        }
    }
    if let Some(f1) = report.micro.f1 {
        out.insert("micro.f1".to_string(), f1);
    }
    if let Some(f1) = report.events.f1 {
        out.insert("events.f1".to_string(), f1);
    }
    for e in &report.entities {
        if let Some(f1) = e.score.f1 {
            out.insert(format!("entities.{}.f1", e.label), f1);
        }
    }
    out
}

impl Baseline {
    pub fn from_report(report: &Report) -> Baseline {
        Baseline {
            version: VERSION,
            figures: figures(report),
        }
    }

    pub fn read(path: &Path) -> Result<Baseline, EvalError> {
        let text = read_text(path)?;
        let bad = |message: String| EvalError::Baseline {
            path: path.display().to_string(),
            message,
        };
        let baseline: Baseline = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
        if baseline.version != VERSION {
            return Err(bad(format!(
                "version {} (this khabar reads version {VERSION})",
                baseline.version
            )));
        }
        Ok(baseline)
    }

    pub fn write(&self, path: &Path) -> Result<(), EvalError> {
        // Serializing a map of strings to finite floats cannot fail.
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        std::fs::write(path, text).map_err(|e| EvalError::io(path, e))
    }

    /// Every baseline figure that today's report falls below. Figures that
    /// are new since the baseline are not checked: they have no past.
    pub fn drops(&self, report: &Report) -> Vec<Drop> {
        let now = figures(report);
        self.figures
            .iter()
            .filter_map(|(name, &baseline)| match now.get(name) {
                Some(&v) if v >= baseline - TOLERANCE => None,
                other => Some(Drop {
                    figure: name.clone(),
                    baseline,
                    now: other.copied(),
                }),
            })
            .collect()
    }
}
