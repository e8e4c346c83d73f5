//! CP-VAR: pipeline-level variables.

use crate::catalogue::{CP_VAR_1, CP_VAR_3};
use crate::diagnostic::{Field, Location, Violation};
use crate::kit::shape::VARIABLE_DEFAULT;
use crate::model::settings::key;
use crate::model::{Stream, Text};

/// Runs every CP-VAR rule.
pub(crate) fn check(stream: &Stream, out: &mut Vec<Violation>) {
    let vars = &stream.settings.variables;
    if vars.len() > 50 {
        out.push(Violation::error(
            CP_VAR_1,
            Location::pipeline(Field::SettingItem(key::variables, 50)),
            format!(
                "the pipeline declares {} variables; the limit is 50",
                vars.len()
            ),
            "drop variables, or pass values through action namespaces",
        ));
    }
    for (i, v) in vars.iter().enumerate() {
        let default = v.default.as_ref().and_then(Text::as_str);
        if let Some(p) = default.and_then(|d| VARIABLE_DEFAULT.problem(d)) {
            out.push(Violation::error(
                VARIABLE_DEFAULT.rule,
                Location::pipeline(Field::SettingItem(key::variables, i)),
                format!("default value of variable {:?} {p}", v.name),
                "a default value has 1 to 1000 characters; leave it unset for none",
            ));
        }
        if let Some(d) = &v.description {
            let n = d.chars().count();
            if n > 200 {
                out.push(Violation::error(
                    CP_VAR_3,
                    Location::pipeline(Field::SettingItem(key::variables, i)),
                    format!(
                        "description of variable {:?} is {n} characters long",
                        v.name
                    ),
                    "shorten the description to at most 200 characters",
                ));
            }
        }
    }
}
