//! CP-NAME: names, character sets and uniqueness.

use crate::catalogue::{
    CP_NAME_10, CP_NAME_11, CP_NAME_12, CP_NAME_13, CP_NAME_14, CP_NAME_16, CP_NAME_2, CP_NAME_3,
    CP_NAME_4, CP_NAME_5, CP_NAME_6, CP_NAME_9, CP_QUOTA_8,
};
use std::collections::HashMap;

use crate::diagnostic::{Field, Location, Violation};
use crate::kit::shape::{PIPELINE_NAME, TAG_VALUE};
use crate::kit::{actions, name_char, name_problem};
use crate::model::presence::{Cases, Presence};
use crate::model::settings::key;
use crate::model::Stream;

const NAME_CHARSET: &str = "letters, digits, '.', '@', '_' and '-'";

fn artifact_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-')
}

fn namespace_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '@' | '_' | '-')
}

/// Runs every CP-NAME rule.
pub(crate) fn check(stream: &Stream, out: &mut Vec<Violation>) {
    charsets(stream, out);
    // Which stages and actions can be present together, read once for the four checks.
    let cases = Cases::of_stream(stream);
    unique_stages(stream, &cases, out);
    unique_actions(stream, &cases, out);
    unique_outputs(stream, &cases, out);
    namespaces(stream, &cases, out);
    variables(stream, out);
    tags(stream, out);
}

fn charsets(stream: &Stream, out: &mut Vec<Violation>) {
    let hint = "use at most 100 letters, digits, '.', '@', '_' or '-'";
    let name = stream.name.as_str();
    if let Some(p) = name.and_then(|n| PIPELINE_NAME.problem(n)) {
        out.push(Violation::error(
            PIPELINE_NAME.rule,
            Location::pipeline(Field::Name),
            format!("pipeline name {:?} {p}", name.unwrap_or_default()),
            hint,
        ));
    }
    for (si, stage) in stream.stages.iter().enumerate() {
        if let Some(p) = name_problem(&stage.name, 100, name_char, NAME_CHARSET) {
            out.push(Violation::error(
                CP_NAME_2,
                Location::stage(si, &stage.name, Field::Name),
                format!("stage name {:?} {p}", stage.name),
                hint,
            ));
        }
    }
    for at in actions(stream) {
        if let Some(p) = name_problem(&at.action.name, 100, name_char, NAME_CHARSET) {
            out.push(Violation::error(
                CP_NAME_3,
                at.loc(Field::Name),
                format!("action name {:?} {p}", at.action.name),
                hint,
            ));
        }
        let artifacts = at
            .action
            .inputs
            .iter()
            .enumerate()
            .map(|(i, n)| (Field::Input(i), n));
        let outputs = at
            .action
            .outputs
            .iter()
            .enumerate()
            .map(|(i, n)| (Field::Output(i), n));
        for (field, name) in artifacts.chain(outputs) {
            if let Some(p) = name_problem(name, 100, artifact_char, "letters, digits, '_' and '-'")
            {
                out.push(Violation::error(
                    CP_NAME_4,
                    at.loc(field),
                    format!("artifact name {name:?} {p}"),
                    "artifact names allow no '.' or '@': use at most 100 letters, digits, '_' or '-'",
                ));
            }
        }
        if let Some(ns) = &at.action.namespace {
            if let Some(p) =
                name_problem(ns, 100, namespace_char, "letters, digits, '@', '_' and '-'")
            {
                out.push(Violation::error(
                    CP_NAME_5,
                    at.loc(Field::Namespace),
                    format!("namespace {ns:?} {p}"),
                    "namespaces allow no '.': use at most 100 letters, digits, '@', '_' or '-'",
                ));
            }
        }
    }
}

/// Elements seen so far by key, with when each is present.
struct Seen<'a, 'c, K, T> {
    cases: &'c Cases,
    by_key: HashMap<K, Vec<(Presence<'a>, T)>>,
}

impl<'a, 'c, K: std::hash::Hash + Eq, T: Clone> Seen<'a, 'c, K, T> {
    fn new(cases: &'c Cases) -> Self {
        Self {
            cases,
            by_key: HashMap::new(),
        }
    }

    /// The first earlier element with the same key that can be present with this one:
    /// elements whose template conditions exclude each other may share a name.
    fn clash(&mut self, key: K, presence: Presence<'a>, at: T) -> Option<T> {
        let earlier = self.by_key.entry(key).or_default();
        let first = earlier
            .iter()
            .find(|(p, _)| !self.cases.exclusive(p, &presence))
            .map(|(_, t)| t.clone());
        earlier.push((presence, at));
        first
    }
}

/// The hint of a duplicate, with the way out for elements under conditions.
fn hint(plain: &str, conditional: bool) -> String {
    if conditional {
        format!("{plain}, or make them alternatives: one `when` a condition, the other `unless` it")
    } else {
        plain.to_owned()
    }
}

fn unique_stages(stream: &Stream, cases: &Cases, out: &mut Vec<Violation>) {
    let mut seen = Seen::new(cases);
    for (si, stage) in stream.stages.iter().enumerate() {
        if let Some(first) = seen.clash(stage.name.as_str(), stage.presence(), si) {
            out.push(
                Violation::error(
                    CP_NAME_9,
                    Location::stage(si, &stage.name, Field::Name),
                    format!("stage name {:?} is used twice", stage.name),
                    hint(
                        "give every stage a distinct name",
                        !stage.presence().always(),
                    ),
                )
                .with_related(
                    Location::stage(first, &stage.name, Field::Name),
                    "first defined here",
                ),
            );
        }
    }
}

fn unique_actions(stream: &Stream, cases: &Cases, out: &mut Vec<Violation>) {
    for (si, stage) in stream.stages.iter().enumerate() {
        let mut seen = Seen::new(cases);
        for (ai, action) in stage.actions.iter().enumerate() {
            if let Some(first) = seen.clash(action.name.as_str(), action.presence(), ai) {
                out.push(
                    Violation::error(
                        CP_NAME_10,
                        Location::action((si, &stage.name), (ai, &action.name), Field::Name),
                        format!("action name {:?} is used twice in this stage", action.name),
                        hint(
                            "give every action in a stage a distinct name (other stages may reuse it)",
                            !action.presence().always(),
                        ),
                    )
                    .with_related(
                        Location::action((si, &stage.name), (first, &action.name), Field::Name),
                        "first defined here",
                    ),
                );
            }
        }
    }
}

fn unique_outputs(stream: &Stream, cases: &Cases, out: &mut Vec<Violation>) {
    let mut seen = Seen::new(cases);
    for at in actions(stream) {
        for (i, name) in at.action.outputs.iter().enumerate() {
            // Duplicates inside one action's list are CP-ART-1's.
            if at.action.outputs[..i].contains(name) {
                continue;
            }
            let loc = at.loc(Field::Output(i));
            if let Some(first) = seen.clash(name.as_str(), at.presence(), loc.clone()) {
                out.push(
                    Violation::error(
                        CP_NAME_11,
                        loc,
                        format!("output artifact {name:?} is already produced by another action"),
                        hint(
                            "output artifact names must be unique across the pipeline; rename one",
                            !at.presence().always(),
                        ),
                    )
                    .with_related(first, "first produced here"),
                );
            }
        }
    }
}

fn namespaces(stream: &Stream, cases: &Cases, out: &mut Vec<Violation>) {
    let artifacts: HashMap<&str, Location> = actions(stream)
        .flat_map(|at| {
            at.action
                .outputs
                .iter()
                .enumerate()
                .map(move |(i, n)| (n.as_str(), at.loc(Field::Output(i))))
        })
        .collect();
    let mut seen = Seen::new(cases);
    for at in actions(stream) {
        let Some(ns) = at.action.namespace.as_deref() else {
            continue;
        };
        if ns.eq_ignore_ascii_case("codepipeline") || ns.eq_ignore_ascii_case("variables") {
            out.push(Violation::error(
                CP_NAME_13,
                at.loc(Field::Namespace),
                format!("namespace {ns:?} is reserved"),
                "`codepipeline` holds pipeline-wide variables and `variables` the pipeline variables; choose another namespace",
            ));
        }
        if let Some(first) = seen.clash(ns, at.presence(), at.loc(Field::Namespace)) {
            out.push(
                Violation::error(
                    CP_NAME_12,
                    at.loc(Field::Namespace),
                    format!("namespace {ns:?} is used twice"),
                    "every action namespace must be unique in the pipeline",
                )
                .with_related(first, "first used here"),
            );
        }
        if let Some(artifact) = artifacts.get(ns) {
            out.push(
                Violation::error(
                    CP_NAME_12,
                    at.loc(Field::Namespace),
                    format!("namespace {ns:?} has the name of an artifact"),
                    "namespaces and artifact names share one space; rename one of them",
                )
                .with_related(artifact.clone(), "artifact produced here"),
            );
        }
    }
}

fn variables(stream: &Stream, out: &mut Vec<Violation>) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, v) in stream.settings.variables.iter().enumerate() {
        let loc = Location::pipeline(Field::SettingItem(key::variables, i));
        if let Some(p) = name_problem(
            &v.name,
            128,
            namespace_char,
            "letters, digits, '@', '_' and '-'",
        ) {
            out.push(Violation::error(
                CP_NAME_6,
                loc.clone(),
                format!("variable name {:?} {p}", v.name),
                "use at most 128 letters, digits, '@', '_' or '-'",
            ));
        }
        if let Some(&first) = seen.get(v.name.as_str()) {
            out.push(
                Violation::error(
                    CP_NAME_14,
                    loc,
                    format!("variable {:?} is declared twice", v.name),
                    "declare each pipeline variable once",
                )
                .with_related(
                    Location::pipeline(Field::SettingItem(key::variables, first)),
                    "first declared here",
                ),
            );
        } else {
            seen.insert(&v.name, i);
        }
    }
}

fn tags(stream: &Stream, out: &mut Vec<Violation>) {
    let tags = &stream.settings.tags;
    if tags.len() > 50 {
        out.push(Violation::error(
            CP_QUOTA_8,
            Location::pipeline(Field::SettingItem(key::tags, 50)),
            format!("the pipeline has {} tags; the limit is 50", tags.len()),
            "drop or merge tags",
        ));
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, tag) in tags.iter().enumerate() {
        let loc = Location::pipeline(Field::SettingItem(key::tags, i));
        let key_len = tag.key.chars().count();
        if key_len == 0 || key_len > 128 {
            out.push(Violation::error(
                CP_NAME_16,
                loc.clone(),
                format!("tag key {:?} is {key_len} characters long", tag.key),
                "tag keys have 1 to 128 characters",
            ));
        }
        if let Some(p) = tag.value.as_str().and_then(|v| TAG_VALUE.problem(v)) {
            out.push(Violation::error(
                TAG_VALUE.rule,
                loc.clone(),
                format!("the value of tag {:?} {p}", tag.key),
                "tag values have at most 256 characters",
            ));
        }
        if let Some(&first) = seen.get(tag.key.as_str()) {
            out.push(
                Violation::error(
                    CP_NAME_16,
                    loc,
                    format!("tag key {:?} is used twice", tag.key),
                    "tag keys must be unique",
                )
                .with_related(
                    Location::pipeline(Field::SettingItem(key::tags, first)),
                    "first used here",
                ),
            );
        } else {
            seen.insert(&tag.key, i);
        }
    }
}
