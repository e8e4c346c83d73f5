//! Generated streams with parameters: a valid stream's text values (the pipeline name and its
//! actions' properties) turned into `Ref`s of declared parameters, or `Fn::Sub`s of a literal
//! head and a parameter, whose defaults are the values they replace.
//!
//! The promise to prove: every value CloudFormation accepts for such a parameter (the
//! constraints vsm emits on it) gives a stream the rules accept, so the template deploys for
//! every value, not only the default. [`accepted_values`] picks candidate values the emitted
//! constraints let through; the proof puts each back as a literal and checks the stream.

#![allow(dead_code)]

use serde_json::{json, Value};
use vsm::model::Stream;

/// A parameter that stands where a literal was.
#[derive(Debug, Clone)]
pub struct Fed {
    /// The parameter's name.
    pub parameter: String,
    /// JSON pointer of the value it feeds, in the stream's JSON form.
    pub pointer: String,
    /// The literal text before the parameter (`Fn::Sub`), empty for a `Ref`.
    pub head: String,
    /// The value it replaced (its default).
    pub original: String,
}

/// The stream with up to `max` of its text values fed by parameters, and what each feeds;
/// `None` when no value of the stream can take an expression. Deterministic in `seed`.
pub fn parameterise(stream: &Stream, seed: u64, max: usize) -> Option<(Stream, Vec<Fed>)> {
    let mut json = serde_json::to_value(stream).expect("a stream serializes");
    let mut leaves = Vec::new();
    if json["name"].is_string() {
        leaves.push("/name".to_owned());
    }
    collect_kind_strings(&json, &mut leaves);
    let mut rng = vsm::measure::Rng::new(seed);
    let mut fed = Vec::new();
    let mut parameters = json["settings"]["parameters"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    while fed.len() < max && !leaves.is_empty() {
        let pointer = leaves.swap_remove((rng.next_u64() % leaves.len() as u64) as usize);
        let original = json
            .pointer(&pointer)
            .and_then(Value::as_str)
            .unwrap()
            .to_owned();
        if original.is_empty() || original.contains(['$', '{', '}']) {
            continue;
        }
        let parameter = format!("Fed{}", fed.len() + 1);
        // Half of them keep a literal head: `Fn::Sub` of `head${P}`.
        let cut = if rng.next_u64().is_multiple_of(2) && original.chars().count() > 1 {
            original.char_indices().nth(1).map_or(0, |(i, _)| i)
        } else {
            0
        };
        let (head, tail) = original.split_at(cut);
        let expr = if head.is_empty() {
            json!({"Ref": parameter})
        } else {
            json!({"Fn::Sub": format!("{head}${{{parameter}}}")})
        };
        let mut attempt = json.clone();
        *attempt.pointer_mut(&pointer).unwrap() = expr;
        let mut declared = parameters.clone();
        declared.push(json!({"name": parameter, "default": tail}));
        attempt["settings"]["parameters"] = Value::Array(declared.clone());
        // A value whose type takes no expression does not read back: leave it literal.
        if serde_json::from_value::<Stream>(attempt.clone()).is_err() {
            continue;
        }
        json = attempt;
        parameters = declared;
        fed.push(Fed {
            parameter,
            pointer,
            head: head.to_owned(),
            original: tail.to_owned(),
        });
    }
    if fed.is_empty() {
        return None;
    }
    Some((serde_json::from_value(json).expect("checked above"), fed))
}

/// The stream with `value` written as a literal where `fed` was.
pub fn with_literal(stream: &Stream, fed: &Fed, value: &str) -> Option<Stream> {
    let mut json = serde_json::to_value(stream).expect("a stream serializes");
    *json.pointer_mut(&fed.pointer)? = Value::String(format!("{}{value}", fed.head));
    serde_json::from_value(json).ok()
}

/// Pointers of the string properties of every action's kind (`type` aside).
fn collect_kind_strings(json: &Value, out: &mut Vec<String>) {
    for (si, stage) in json["stages"].as_array().into_iter().flatten().enumerate() {
        for (ai, action) in stage["actions"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            for (key, value) in action["kind"].as_object().into_iter().flatten() {
                if key != "type" && value.is_string() {
                    out.push(format!("/stages/{si}/actions/{ai}/kind/{key}"));
                }
            }
        }
    }
}

/// Values near `original` and at the edges of what values look like: the candidates a user
/// might give the parameter.
fn candidates(original: &str) -> Vec<String> {
    let long = |n: usize| original.chars().cycle().take(n).collect::<String>();
    let mut out = vec![
        original.to_owned(),
        String::new(),
        "a".to_owned(),
        "0".to_owned(),
        format!("{original}{original}"),
        long(101),
        long(129),
        long(256),
        long(1001),
        long(4097),
        format!("{original} x"),
        original.to_uppercase(),
        original.to_lowercase(),
        format!("{original}/x"),
        format!("x/{original}"),
        format!("{original}.x"),
        format!("{original}@x"),
        format!("{original}:x"),
        format!("{original}-"),
        format!("-{original}"),
        format!("_{original}"),
        format!("{original}*"),
        format!("é{original}"),
        original.chars().skip(1).collect(),
        "acme/app".to_owned(),
        "main".to_owned(),
        "123456789012".to_owned(),
        "arn:aws:iam::123456789012:role/x".to_owned(),
        "arn:aws:codeconnections:us-east-1:123456789012:connection/x".to_owned(),
        "#{codepipeline.PipelineExecutionId}".to_owned(),
    ];
    out.sort();
    out.dedup();
    out
}

/// The candidate values CloudFormation accepts for `parameter` of `template`: its
/// `AllowedValues` when it has them, else the candidates near the original that match its
/// `AllowedPattern` (as a whole) and its length bounds.
pub fn accepted_values(template: &Value, fed: &Fed) -> Vec<String> {
    let p = &template["Parameters"][&fed.parameter];
    if let Some(allowed) = p["AllowedValues"].as_array() {
        return allowed
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect();
    }
    let pattern = p["AllowedPattern"].as_str().map(|re| {
        fancy_regex::Regex::new(&format!("^(?:{re})$")).unwrap_or_else(|e| {
            panic!(
                "AllowedPattern {re:?} of {} is no regex: {e}",
                fed.parameter
            )
        })
    });
    let bound = |key: &str| p[key].as_u64().map(|n| n as usize);
    let (min, max) = (bound("MinLength"), bound("MaxLength"));
    candidates(&fed.original)
        .into_iter()
        .filter(|v| {
            let n = v.chars().count();
            pattern
                .as_ref()
                .is_none_or(|re| re.is_match(v).expect("the pattern runs"))
                && min.is_none_or(|m| n >= m)
                && max.is_none_or(|m| n <= m)
        })
        .collect()
}
