//! CP-TRIG: Git triggers on connection sources.

use crate::catalogue::{
    CP_TRIG_1, CP_TRIG_12, CP_TRIG_3, CP_TRIG_4, CP_TRIG_5, CP_TRIG_6, CP_TRIG_7, CP_TRIG_8,
};
use std::collections::HashMap;

use crate::diagnostic::{quote, Field, Location, Violation};
use crate::model::settings::key;
use crate::model::{Stream, Trigger};

/// Runs every CP-TRIG rule.
pub(crate) fn check(stream: &Stream, out: &mut Vec<Violation>) {
    let triggers = &stream.settings.triggers;
    if triggers.len() > 50 {
        out.push(Violation::error(
            CP_TRIG_1,
            Location::pipeline(Field::SettingItem(key::triggers, 50)),
            format!(
                "the pipeline has {} triggers; the limit is 50",
                triggers.len()
            ),
            "keep at most one trigger per connection source",
        ));
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, t) in triggers.iter().enumerate() {
        let loc = Location::pipeline(Field::SettingItem(key::triggers, i));
        source_rules(stream, t, &loc, out);
        if let Some(&first) = seen.get(t.source_action.as_str()) {
            out.push(
                Violation::error(
                    CP_TRIG_4,
                    loc.clone(),
                    format!("source action {} has two triggers", quote(&t.source_action)),
                    "merge the filters into one trigger",
                )
                .with_related(
                    Location::pipeline(Field::SettingItem(key::triggers, first)),
                    "first trigger here",
                ),
            );
        } else {
            seen.insert(&t.source_action, i);
        }
        filter_rules(t, &loc, out);
    }
}

/// CP-TRIG-3: the trigger names a connection source action of the first stage.
fn source_rules(stream: &Stream, t: &Trigger, loc: &Location, out: &mut Vec<Violation>) {
    let source = stream
        .stages
        .first()
        .and_then(|s| s.actions.iter().find(|a| a.name == t.source_action));
    match source {
        None => out.push(Violation::error(
            CP_TRIG_3,
            loc.clone(),
            format!(
                "trigger names source action {:?}, which is not in the source stage",
                t.source_action
            ),
            "name a connection source action of the first stage",
        )),
        Some(a) if a.kind.action_type().provider != "CodeStarSourceConnection" => {
            out.push(Violation::error(
                CP_TRIG_3,
                loc.clone(),
                format!(
                    "trigger source {:?} is not a connection source",
                    t.source_action
                ),
                "triggers work only on connection (CodeStarSourceConnection) sources",
            ))
        }
        Some(_) => {}
    }
}

/// CP-TRIG-5, -7, -8 and the pattern lists' rules of one trigger's filters.
fn filter_rules(t: &Trigger, loc: &Location, out: &mut Vec<Violation>) {
    if t.push.len() > 3 || t.pull_request.len() > 3 {
        out.push(Violation::error(
            CP_TRIG_5,
            loc.clone(),
            format!(
                "trigger has {} push and {} pull-request filters",
                t.push.len(),
                t.pull_request.len()
            ),
            "use at most 3 push and 3 pull-request filters per trigger",
        ));
    }
    let mut lists: Vec<(&str, &Vec<String>)> = Vec::new();
    for p in &t.push {
        lists.extend([
            ("branches", &p.branches),
            ("excluded branches", &p.branches_excluded),
            ("tags", &p.tags),
            ("excluded tags", &p.tags_excluded),
            ("file paths", &p.file_paths),
            ("excluded file paths", &p.file_paths_excluded),
        ]);
    }
    for p in &t.pull_request {
        lists.extend([
            ("branches", &p.branches),
            ("excluded branches", &p.branches_excluded),
            ("file paths", &p.file_paths),
            ("excluded file paths", &p.file_paths_excluded),
        ]);
        let mut events = p.events.clone();
        events.sort_unstable();
        if events.windows(2).any(|w| w[0] == w[1]) {
            out.push(Violation::error(
                CP_TRIG_7,
                loc.clone(),
                "a pull-request filter lists an event twice",
                "list each of OPEN, UPDATED, CLOSED at most once",
            ));
        }
        if p.branches.is_empty() {
            out.push(Violation::error(
                CP_TRIG_8,
                loc.clone(),
                "a pull-request filter names no branches",
                "add the branch patterns whose pull requests start the pipeline",
            ));
        }
    }
    for (what, list) in lists {
        pattern_rules(what, list, loc, out);
    }
}

/// CP-TRIG-6 and CP-TRIG-12: 1 to 8 patterns of 1 to 255 characters, each listed once.
fn pattern_rules(what: &str, list: &[String], loc: &Location, out: &mut Vec<Violation>) {
    if list.len() > 8 || list.iter().any(|p| p.is_empty() || p.chars().count() > 255) {
        out.push(Violation::error(
            CP_TRIG_6,
            loc.clone(),
            format!(
                "trigger {what} hold {} pattern(s), or a pattern is empty or over 255 characters",
                list.len()
            ),
            "use 1 to 8 patterns of 1 to 255 characters",
        ));
    }
    if let Some(twice) = list
        .iter()
        .enumerate()
        .find(|(i, p)| list[..*i].contains(p))
        .map(|(_, p)| p)
    {
        out.push(Violation::error(
            CP_TRIG_12,
            loc.clone(),
            format!(
                "trigger {what} list pattern {} twice",
                crate::diagnostic::quote(twice)
            ),
            "list each pattern once",
        ));
    }
}
