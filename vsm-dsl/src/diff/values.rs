//! Values shown on one line, and the paths where two values differ.

use serde_json::{Map, Value};
use std::collections::BTreeSet;

use super::VALUE_WIDTH;

/// A JSON value on one line, shortened; `(none)` for an absent one.
pub(super) fn show(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "(none)".to_owned(),
        Some(v) => {
            let s = v.to_string();
            if s.chars().count() > VALUE_WIDTH {
                let cut: String = s.chars().take(VALUE_WIDTH - 1).collect();
                format!("{cut}…")
            } else {
                s
            }
        }
    }
}

/// `old → new` for a detail line; long strings that share a beginning show where they differ.
pub(super) fn pair(old: Option<&Value>, new: Option<&Value>) -> String {
    if let (Some(Value::String(a)), Some(Value::String(b))) = (old, new) {
        let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
        let long = a.chars().count().max(b.chars().count()) + 2 > VALUE_WIDTH;
        if long && common > 24 {
            let tail = |s: &str| {
                let rest: String = s.chars().skip(common - 12).collect();
                let quoted = Value::String(rest).to_string();
                let mut out = String::from("\"…");
                out.push_str(&quoted[1..]);
                if out.chars().count() > VALUE_WIDTH {
                    let cut: String = out.chars().take(VALUE_WIDTH - 1).collect();
                    return format!("{cut}…");
                }
                out
            };
            return format!("{} → {}", tail(a), tail(b));
        }
    }
    format!("{} → {}", show(old), show(new))
}

/// The paths (such as `Properties.Policies[0].PolicyDocument`) where two values differ, with the
/// old and new value when they are short; at most a dozen lines.
pub(super) fn paths_changed(old: &Value, new: &Value) -> Vec<String> {
    let mut out = Vec::new();
    walk(old, new, String::new(), &mut out);
    if out.len() > 12 {
        let more = out.len() - 11;
        out.truncate(11);
        out.push(format!("… and {more} more"));
    }
    out
}

fn walk(old: &Value, new: &Value, path: String, out: &mut Vec<String>) {
    if old == new {
        return;
    }
    let join = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    match (old, new) {
        (Value::Object(o), Value::Object(n)) if !is_intrinsic(o) && !is_intrinsic(n) => {
            let keys: BTreeSet<&String> = o.keys().chain(n.keys()).collect();
            for key in keys {
                match (o.get(key), n.get(key)) {
                    (Some(a), Some(b)) => walk(a, b, join(key), out),
                    (a, b) => out.push(format!("{}: {}", join(key), pair(a, b))),
                }
            }
        }
        (Value::Array(o), Value::Array(n)) if o.len() == n.len() => {
            for (i, (a, b)) in o.iter().zip(n).enumerate() {
                walk(a, b, format!("{path}[{i}]"), out);
            }
        }
        _ => {
            let at = if path.is_empty() { "value" } else { &path };
            out.push(format!("{at}: {}", pair(Some(old), Some(new))));
        }
    }
}

/// `{"Ref": ..}`, `{"Fn::Sub": ..}` and the like: shown whole rather than walked into.
fn is_intrinsic(object: &Map<String, Value>) -> bool {
    object.len() == 1
        && object
            .keys()
            .all(|k| k == "Ref" || k == "Condition" || k.starts_with("Fn::"))
}
