//! One JSON Lines record → the fields of a document.

use serde_json::Value;

use super::skip::SkipReason;
use crate::date::Date;

/// The fields of one JSON line, before the id is checked for duplicates.
#[derive(Debug)]
pub struct Record {
    pub id: String,
    pub text: String,
    pub published: Option<Date>,
    pub title: Option<String>,
}

/// A line that could not become a record, with the id if it was readable
/// (for the skip report).
#[derive(Debug)]
pub struct Rejected {
    pub id: Option<String>,
    pub reason: SkipReason,
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Parses one line (without its line end). Warnings about fields that were
/// ignored or converted are pushed to `warnings`.
pub fn parse_line(line: &str, warnings: &mut Vec<String>) -> Result<Record, Rejected> {
    let value: Value = serde_json::from_str(line).map_err(|e| Rejected {
        id: None,
        reason: SkipReason::InvalidJson(e.to_string()),
    })?;
    let Value::Object(mut map) = value else {
        return Err(Rejected {
            id: None,
            reason: SkipReason::NotObject,
        });
    };

    let id = match map.remove("id") {
        None => Err(SkipReason::MissingId),
        Some(Value::String(s)) if s.trim().is_empty() => Err(SkipReason::BadId("empty")),
        Some(Value::String(s)) => Ok(s),
        // Many exports number their articles; an integer id is unambiguous
        // as its decimal string, so accept it but say so.
        Some(Value::Number(n)) if n.is_i64() || n.is_u64() => {
            let s = n.to_string();
            warnings.push(format!("integer id {s} taken as the string \"{s}\""));
            Ok(s)
        }
        Some(Value::Number(_)) => Err(SkipReason::BadId("a non-integer number")),
        Some(other) => Err(SkipReason::BadId(type_name(&other))),
    };
    let id = id.map_err(|reason| Rejected { id: None, reason })?;

    let text = match map.remove("text") {
        None => Err(SkipReason::MissingText),
        Some(Value::String(t)) => Ok(t),
        Some(other) => Err(SkipReason::TextNotString(type_name(&other))),
    };
    let text = text.map_err(|reason| Rejected {
        id: Some(id.clone()),
        reason,
    })?;

    let published = match map.remove("date") {
        None | Some(Value::Null) => None,
        Some(Value::String(d)) => {
            let parsed = Date::parse_iso(&d);
            if parsed.is_none() {
                warnings.push(format!("\"date\" {d:?} is not an ISO 8601 date, ignored"));
            }
            parsed
        }
        Some(other) => {
            warnings.push(format!(
                "\"date\" is {}, not a string, ignored",
                type_name(&other)
            ));
            None
        }
    };

    let title = match map.remove("title") {
        None | Some(Value::Null) => None,
        Some(Value::String(t)) => Some(t),
        Some(other) => {
            warnings.push(format!(
                "\"title\" is {}, not a string, ignored",
                type_name(&other)
            ));
            None
        }
    };
    // `url` and any other field are accepted and not used.

    Ok(Record {
        id,
        text,
        published,
        title,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(line: &str) -> (Result<Record, Rejected>, Vec<String>) {
        let mut w = Vec::new();
        let r = parse_line(line, &mut w);
        (r, w)
    }

    #[test]
    fn accepts_full_record() {
        let (r, w) = parse(r#"{"id":"a","text":"T","date":"2024-12-19","title":"x","url":"u"}"#);
        let r = r.expect("parsed");
        assert_eq!(r.id, "a");
        assert_eq!(r.published, Date::new(2024, 12, 19));
        assert_eq!(r.title.as_deref(), Some("x"));
        assert!(w.is_empty());
    }

    #[test]
    fn integer_id_warns() {
        let (r, w) = parse(r#"{"id":42,"text":"T"}"#);
        assert_eq!(r.ok().map(|r| r.id).as_deref(), Some("42"));
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn rejects() {
        let cases = [
            ("not json", "malformed JSON line"),
            ("[1,2]", "malformed JSON line"),
            (r#"{"text":"T"}"#, "missing or bad id"),
            (r#"{"id":{},"text":"T"}"#, "missing or bad id"),
            (r#"{"id":true,"text":"T"}"#, "missing or bad id"),
            (r#"{"id":null,"text":"T"}"#, "missing or bad id"),
            (r#"{"id":1.5,"text":"T"}"#, "missing or bad id"),
            (r#"{"id":"a"}"#, "missing or bad text"),
            (r#"{"id":"a","text":3}"#, "missing or bad text"),
        ];
        for (line, category) in cases {
            let (r, _) = parse(line);
            match r {
                Ok(_) => panic!("{line} accepted"),
                Err(rej) => assert_eq!(rej.reason.category(), category, "{line}"),
            }
        }
    }

    #[test]
    fn bad_date_warns_and_is_ignored() {
        let (r, w) = parse(r#"{"id":"a","text":"T","date":"19.12.2024"}"#);
        assert_eq!(r.ok().and_then(|r| r.published), None);
        assert_eq!(w.len(), 1);
    }
}
