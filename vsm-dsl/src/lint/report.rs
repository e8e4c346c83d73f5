//! Findings as text (`file:line:column: RULE message`), JSON and SARIF 2.1.0 (for GitHub code
//! scanning).

use crate::catalogue::RuleId;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::Finding;
use crate::diagnostic::Severity;

/// The findings of one template file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    /// The file, as named on the command line.
    pub file: String,
    /// Its findings, in source order.
    pub findings: Vec<Finding>,
}

/// Where the rules are documented.
const RULES_URI: &str = "https://github.com/vsm-rs/vsm/blob/main/docs/rules.md";

/// One line per finding: `file:line:column: RULE message (hint)`.
pub fn text(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        for finding in &report.findings {
            let _ = writeln!(out, "{}:{finding}", report.file);
        }
    }
    out
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// `{"files": [..], "errors": n, "warnings": n, "findings": [{file, line, column, rule,
/// severity, message, hint, path}]}`.
pub fn json(reports: &[FileReport]) -> Value {
    let all = || {
        reports
            .iter()
            .flat_map(|r| r.findings.iter().map(move |f| (r, f)))
    };
    let count = |s: Severity| all().filter(|(_, f)| f.severity == s).count();
    let findings: Vec<Value> = all()
        .map(|(r, f)| {
            let (line, column) = f.line_column();
            json!({
                "file": r.file, "line": line, "column": column, "rule": f.rule,
                "severity": level(f.severity), "message": f.message, "hint": f.hint, "path": f.path,
            })
        })
        .collect();
    json!({
        "files": reports.iter().map(|r| r.file.as_str()).collect::<Vec<_>>(),
        "errors": count(Severity::Error),
        "warnings": count(Severity::Warning),
        "findings": findings,
    })
}

/// What a rule checks, for the SARIF rule descriptors: its catalogue line, capitalised.
fn rule_description(rule: RuleId) -> String {
    let summary = rule.summary();
    let mut chars = summary.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A SARIF 2.1.0 log: one run of vsm, its rules, and a result per finding with the file,
/// line and column (in Unicode code points) where it is written.
pub fn sarif(reports: &[FileReport]) -> Value {
    let rules: BTreeMap<&str, RuleId> = reports
        .iter()
        .flat_map(|r| r.findings.iter().map(|f| (f.rule.id(), f.rule)))
        .collect();
    let ids: Vec<&str> = rules.keys().copied().collect();
    let rules: Vec<Value> = rules
        .iter()
        .map(|(id, rule)| {
            let description = rule_description(*rule);
            json!({
                "id": id,
                "shortDescription": {"text": description},
                "fullDescription": {"text": description},
                "helpUri": RULES_URI,
                "help": {"text": format!("{description}. See {RULES_URI}")},
                "defaultConfiguration": {"level": "error"},
            })
        })
        .collect();
    let ids = &ids;
    let results: Vec<Value> = reports
        .iter()
        .flat_map(|r| r.findings.iter().map(move |f| result(&r.file, f, ids)))
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "vsm",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/vsm-rs/vsm",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

fn result(file: &str, f: &Finding, ids: &[&str]) -> Value {
    let (line, column) = f.line_column();
    let text = if f.hint.is_empty() {
        f.message.clone()
    } else {
        format!("{} ({})", f.message, f.hint)
    };
    json!({
        "ruleId": f.rule,
        "ruleIndex": ids.iter().position(|id| *id == f.rule.id()).unwrap_or(0),
        "level": level(f.severity),
        "message": {"text": text},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": uri(file)},
                "region": {"startLine": line, "startColumn": column},
            },
            "logicalLocations": [{"fullyQualifiedName": f.path, "kind": "member"}],
        }],
        "partialFingerprints": {
            "vsmFinding/v1": format!("{:016x}", fnv(&[file, f.rule.id(), &f.path, &f.message])),
        },
    })
}

/// A relative path as a URI reference (`/` separators, reserved characters escaped); an
/// absolute path as a `file://` URI.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// FNV-1a over the parts, a stable fingerprint across runs.
fn fnv(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(
            uri("templates/my pipeline.yaml"),
            "templates/my%20pipeline.yaml"
        );
        assert_eq!(uri("/abs/a#b.json"), "file:///abs/a%23b.json");
        assert_eq!(uri("dir\\x.json"), "dir/x.json");
    }
}
