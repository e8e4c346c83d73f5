//! The change set as a table: action, logical id, type, replacement, what changes; then the
//! parameters.

use aws_sdk_cloudformation::types::Change;

use super::change_set::{ChangeSet, ParameterValue};
use super::table;

impl ChangeSet {
    /// The change set as a table: action, logical id, type, replacement, what changes; then
    /// the parameters.
    pub fn describe(&self, changes: &[Change], parameters: &[(String, ParameterValue)]) -> String {
        let mut rows =
            vec![["Action", "Logical ID", "Type", "Replacement", "Changes"].map(str::to_owned)];
        rows.extend(changes.iter().filter_map(change_row));
        let count = rows.len() - 1;
        let mut out = format!(
            "Change set to {} stack {}: {count} resource change{}\n",
            if self.create { "create" } else { "update" },
            self.stack,
            if count == 1 { "" } else { "s" }
        );
        for line in table(&rows) {
            out.push_str(&format!("  {line}\n"));
        }
        if !parameters.is_empty() {
            out.push_str("Parameters:\n");
            for (key, value) in parameters {
                match value {
                    ParameterValue::Given(v) => out.push_str(&format!("  {key} = {v}\n")),
                    ParameterValue::Previous => {
                        out.push_str(&format!("  {key} (previous value kept)\n"))
                    }
                }
            }
        }
        out.trim_end().to_owned()
    }
}

/// One row of the change set table; `None` for a change that is not a resource's.
fn change_row(change: &Change) -> Option<[String; 5]> {
    let rc = change.resource_change()?;
    let action = rc.action().map(|a| a.as_str()).unwrap_or("?");
    let replacement = match rc.replacement().map(|r| r.as_str()) {
        Some("True") => "Yes".to_owned(),
        Some("Conditional") => "Conditional".to_owned(),
        Some("False") => "No".to_owned(),
        Some(other) => other.to_owned(),
        None => "-".to_owned(),
    };
    let mut targets: Vec<String> = rc
        .details()
        .iter()
        .filter_map(|d| d.target())
        .map(|t| {
            let attribute = t.attribute().map(|a| a.as_str()).unwrap_or("?");
            match t.name() {
                Some(name) => format!("{attribute}.{name}"),
                None => attribute.to_owned(),
            }
        })
        .collect();
    targets.dedup();
    if targets.is_empty() {
        targets = rc.scope().iter().map(|s| s.as_str().to_owned()).collect();
    }
    Some([
        action.to_owned(),
        rc.logical_resource_id().unwrap_or("?").to_owned(),
        rc.resource_type().unwrap_or("?").to_owned(),
        replacement,
        targets.join(", "),
    ])
}
