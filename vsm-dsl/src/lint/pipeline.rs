//! The catalogue rules on a pipeline resource, and where their violations are in the source.

use super::Finding;
use crate::catalogue::{RuleId, CFN_TPL_14, CFN_TPL_15, CFN_TPL_17};
use crate::cfn::source::{escape_key, Node};
use crate::cfn::{Document, Position, Resource, Template};
use crate::diagnostic::{Field, Location, Severity, Violation};
use crate::import::{self, Import};

/// Every catalogue rule decidable from a template (names, structure, run order, artifacts,
/// quotas, action types and configuration, V2 settings, triggers, variables), on one
/// `AWS::CodePipeline::Pipeline` resource of logical id `id`.
///
/// The resource is read back as a stream ([`crate::import`]) and checked with
/// [`crate::rules::check`]. Violations are located as the rules locate them (stage and action
/// indexes, field); the indexes are those of the template's `Properties/Stages` and of each
/// stage's `Actions`, so that [`location_path`] finds them in the source. A value computed by
/// an intrinsic function is unknown: no rule reports it, nor anything that depends on it.
pub fn check_pipeline(id: &str, pipeline: &Resource) -> Vec<Violation> {
    checked(id, pipeline, None).0
}

/// The violations of a pipeline resource, with the import that located them.
fn checked(id: &str, pipeline: &Resource, template: Option<&Template>) -> (Vec<Violation>, Import) {
    let import = import::pipeline(id, pipeline, template);
    let mut out: Vec<Violation> = crate::rules::check(&import.stream)
        .into_iter()
        .filter(|v| !import::undecidable(&import.unknown, v))
        .filter_map(on_a_template)
        .collect();
    out.extend(import.problems.iter().cloned());
    (out, import)
}

/// What `vsm lint` reports of a rule violation found on a template's pipeline: nothing for
/// the rules about the template vsm writes around a stream, a warning for the rules that are
/// vsm's advice ([`RuleId::advice`]: CloudFormation deploys the template), the violation
/// otherwise.
pub fn on_a_template(mut v: Violation) -> Option<Violation> {
    // That a parameter cannot carry the constraints vsm would emit is about vsm's template;
    // its contradictions (errors) are about the pipeline as written.
    if ABOUT_VSM.contains(&v.rule) || (v.rule == CFN_TPL_17 && !v.is_error()) {
        return None;
    }
    if let Some(why) = v.rule.advice() {
        v.severity = Severity::Warning;
        v.hint = format!("{} (vsm's advice: {why})", v.hint);
    }
    Some(v)
}

/// Rules about the template vsm writes around a stream (its parameter names against its own
/// logical ids), not about a pipeline as written.
const ABOUT_VSM: &[RuleId] = &[CFN_TPL_14, CFN_TPL_15];

/// The findings of [`check_pipeline`], placed in the source.
pub(super) fn findings(doc: &Document, id: &str, resource: &Resource) -> Vec<Finding> {
    let (violations, import) = checked(id, resource, Some(&doc.template));
    violations
        .into_iter()
        .map(|v| {
            let path = imported_path(id, &import, &v.location);
            let message = format!("{}: {}", v.location, v.message);
            Finding {
                rule: v.rule,
                severity: v.severity,
                position: nearest(&doc.source, &path),
                message,
                hint: v.hint,
                path,
            }
        })
        .collect()
}

/// [`location_path`] through the paths the import read each stage and action from, and a
/// kind's property through the configuration key it writes.
fn imported_path(id: &str, import: &Import, location: &Location) -> String {
    let plain = location_path(id, location);
    let resource = format!("Resources/{}/Properties", escape_key(id));
    let Some((si, _)) = &location.stage else {
        return plain;
    };
    let Some((stage_path, actions)) = import.paths.stages.get(*si) else {
        return plain;
    };
    let mut written = format!("{resource}/Stages/{si}");
    let mut real = format!("{resource}/{stage_path}");
    if let Some((ai, _)) = &location.action {
        written.push_str(&format!("/Actions/{ai}"));
        if let Some(p) = actions.get(*ai) {
            real = format!("{resource}/{p}");
        }
        if let Field::Prop(prop) = location.field {
            let kind = import.stream.stages[*si]
                .actions
                .get(*ai)
                .map(|a| a.kind.info());
            if let Some(key) = kind.and_then(|k| import::prop_key(k, prop)) {
                return format!("{real}/Configuration/{}", escape_key(key));
            }
        }
    }
    match plain.strip_prefix(&written) {
        Some(rest) => format!("{real}{rest}"),
        None => plain,
    }
}

/// The template path of a rule violation's location in pipeline resource `id`, such as
/// `Resources/Pipeline/Properties/Stages/1/Actions/0/RunOrder`.
pub fn location_path(id: &str, location: &Location) -> String {
    let resource = format!("Resources/{}", escape_key(id));
    let mut path = format!("{resource}/Properties");
    if let Some((stage, _)) = &location.stage {
        path.push_str(&format!("/Stages/{stage}"));
        if let Some((action, _)) = &location.action {
            path.push_str(&format!("/Actions/{action}"));
        }
    }
    let tail = match location.field {
        // A stage's or action's conditions are the `Fn::If` around it.
        Field::Node | Field::When => String::new(),
        Field::Name => "Name".to_owned(),
        Field::RunOrder => "RunOrder".to_owned(),
        Field::Kind => "ActionTypeId".to_owned(),
        Field::Input(i) => format!("InputArtifacts/{i}/Name"),
        Field::Output(i) => format!("OutputArtifacts/{i}/Name"),
        Field::Namespace => "Namespace".to_owned(),
        Field::Account | Field::ActionRole => "RoleArn".to_owned(),
        Field::Region => "Region".to_owned(),
        Field::Config(key) => format!("Configuration/{}", escape_key(key)),
        // A kind's property: its configuration as a whole (the key it maps to depends on
        // the kind; the nearest existing node is reported).
        Field::Prop(_) => "Configuration".to_owned(),
        Field::SettingItem(key, i) => format!("{}/{i}", pascal_key(key)),
        Field::Setting(key) => pascal_key(key),
        Field::ProcessTime | Field::WaitTime | Field::CompleteAccurate => {
            return format!("{resource}/Metadata/ValueStream");
        }
        Field::Template => return resource,
        Field::Condition(key) => format!("{}/Conditions/0/Result", condition_key(key)),
        Field::Rule(key, i) => format!("{}/Conditions/0/Rules/{i}", condition_key(key)),
        Field::RuleProp(key, i, prop) => {
            let tail = match prop {
                "name" => "Name",
                "inputs" => "InputArtifacts",
                "region" => "Region",
                "role_arn" | "account" => "RoleArn",
                "commands" => "Commands",
                _ => "Configuration",
            };
            format!("{}/Conditions/0/Rules/{i}/{tail}", condition_key(key))
        }
    };
    if !tail.is_empty() {
        path.push('/');
        path.push_str(&tail);
    }
    path
}

/// The position of the deepest node along `path` that exists (a missing `RunOrder` is
/// reported at its action).
fn nearest(root: &Node, path: &str) -> Option<Position> {
    let mut node = root;
    let mut best = root.position;
    for segment in path.split('/') {
        match node.get(segment) {
            Some(next) => {
                node = next;
                best = next.position.or(best);
            }
            None => break,
        }
    }
    best
}

/// The stage property a stage setting is written as: `before_entry` → `BeforeEntry`.
fn condition_key(key: &str) -> &'static str {
    crate::model::ConditionPlace::of_key(key).map_or("", |p| p.cfn())
}

/// The pipeline property a setting is written as: `execution_mode` → `ExecutionMode`.
fn pascal_key(key: &str) -> String {
    key.split('_')
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|c| c.to_ascii_uppercase().to_string() + cs.as_str())
                .unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_map_to_template_paths_and_positions() {
        let doc = Document::parse(
            "Resources:\n  P:\n    Type: AWS::CodePipeline::Pipeline\n    Properties:\n      Stages:\n        - Name: S\n          Actions:\n            - Name: A\n              Configuration: {Key: v}\n",
        )
        .unwrap();
        let cases = [
            (
                Location::action((0, "S"), (0, "A"), Field::Config("Key")),
                "Resources/P/Properties/Stages/0/Actions/0/Configuration/Key",
                "9:36",
            ),
            (
                Location::action((0, "S"), (0, "A"), Field::RunOrder),
                "Resources/P/Properties/Stages/0/Actions/0/RunOrder",
                "8:15",
            ),
            (
                Location::stage(0, "S", Field::Name),
                "Resources/P/Properties/Stages/0/Name",
                "6:17",
            ),
            (
                Location::pipeline(Field::Setting(crate::model::settings::key::pipeline_type)),
                "Resources/P/Properties/PipelineType",
                "5:7",
            ),
            (Location::pipeline(Field::Template), "Resources/P", "3:5"),
        ];
        for (location, path, position) in cases {
            assert_eq!(location_path("P", &location), path);
            let at = nearest(&doc.source, path).unwrap();
            assert_eq!(at.to_string(), position, "{path}");
        }
    }
}
