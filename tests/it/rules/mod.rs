//! One test per rule: a stream that breaks it, and one at its boundary that passes.
//! Every id in `rules::enforced()` must appear here or in the list of ids tested elsewhere.

use std::collections::BTreeMap;
use std::time::Duration;

use vsm::kinds::*;
use vsm::model::*;
use vsm::rules::{check, enforced};

mod artifacts;
mod conditions;
mod config;
mod differential;
mod kinds;
mod names;
mod own;
mod presence;
mod quotas;
mod security;
mod structure;
mod template;
mod topology;
mod triggers;
mod types;
mod v2;
mod variables;

fn conn(name: &str, output: &str) -> Action {
    let mut a = Action::new(
        name,
        kind!(Connection {
            provider: GitProvider::GitHub,
            repository: "acme/app".into(),
            branch: "main".into(),
            connection_parameter: None,
            full_clone: None,
        }),
    );
    a.outputs.push(output.into());
    a
}

fn mock(name: &str) -> Action {
    Action::new(name, kind!(Mock {}))
}

fn with_io(mut a: Action, inputs: &[&str], outputs: &[&str]) -> Action {
    a.inputs = inputs.iter().map(|s| s.to_string()).collect();
    a.outputs = outputs.iter().map(|s| s.to_string()).collect();
    a
}

fn at(mut a: Action, order: u32) -> Action {
    a.run_order = order;
    a
}

fn stage(name: &str, actions: Vec<Action>) -> Stage {
    Stage {
        actions,
        ..Stage::new(name)
    }
}

/// Source (connection "App" → "Src") then Build (mock "Step").
fn base() -> Stream {
    Stream {
        name: "app".into(),
        settings: Settings::default(),
        stages: vec![
            stage("Source", vec![conn("App", "Src")]),
            stage("Build", vec![mock("Step")]),
        ],
    }
}

fn custom(category: Category, owner: Owner, provider: &str, config: &[(&str, &str)]) -> Action {
    Action::new(
        "Custom",
        kind!(Custom {
            category,
            owner,
            provider: provider.into(),
            version: None,
            config: config
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .map(|(k, v)| (k, v.into()))
                .collect::<BTreeMap<String, vsm::model::Text>>(),
            permissions: Vec::new(),
        }),
    )
}

fn cfn(mode: CfnActionMode) -> CloudFormation {
    kind!(CloudFormation {
        mode: Some(mode),
        stack: "app".into(),
        template: Some("Src::t.yaml".into()),
        ..Default::default()
    })
}

fn build_step(s: &mut Stream) -> &mut Action {
    &mut s.stages[1].actions[0]
}

fn trigger(source: &str) -> Trigger {
    Trigger {
        source_action: source.into(),
        ..Default::default()
    }
}

fn n(c: char, len: usize) -> String {
    std::iter::repeat_n(c, len).collect()
}

type Mutation = fn(&mut Stream);

/// A broken case: the rule, a change that breaks it, and one that passes at its boundary.
type Case = (&'static str, Mutation, Mutation);

/// (rule, breaks it, passes at the boundary), every rule group's.
fn cases() -> Vec<Case> {
    let groups: [fn() -> Vec<Case>; 16] = [
        names::cases,
        presence::cases,
        quotas::cases,
        structure::cases,
        artifacts::cases,
        own::cases,
        types::cases,
        config::cases,
        security::cases,
        v2::cases,
        triggers::cases,
        variables::cases,
        template::cases,
        kinds::cases,
        topology::cases,
        conditions::cases,
    ];
    groups.iter().flat_map(|g| g()).collect()
}

/// The build step becomes a custom action with one permission statement.
fn permission(s: &mut Stream, actions: &[&str], resources: &[&str]) {
    let mut action = custom(Category::Invoke, Owner::Custom, "Notifier", &[]);
    if let Some(c) = action.kind.downcast_mut::<Custom>() {
        c.permissions = vec![PolicyStatement::new(actions.to_vec(), resources.to_vec())];
    }
    *build_step(s) = action;
}

fn connection_parameter(s: &mut Stream, name: &str) {
    if let Some(c) = s.stages[0].actions[0].kind.downcast_mut::<Connection>() {
        c.connection_parameter = Some(name.into());
    }
}

fn set_kind(s: &mut Stream, kind: impl Into<ActionKind>, inputs: &[&str]) {
    *build_step(s) = with_io(Action::new("Step", kind), inputs, &[]);
}

fn ecs() -> Ecs {
    kind!(Ecs {
        cluster: "shop".into(),
        service: "web".into(),
        ..Default::default()
    })
}

fn blue_green() -> EcsBlueGreen {
    kind!(EcsBlueGreen {
        application: "shop".into(),
        deployment_group: "web".into(),
        task_definition: "Src::taskdef.json".into(),
        app_spec: "Src".into(),
        ..Default::default()
    })
}

fn images(n: usize) -> Vec<EcsImage> {
    (0..n)
        .map(|i| EcsImage::new("Src", format!("IMAGE{}_NAME", i + 1)))
        .collect()
}

fn machine() -> StepFunctions {
    kind!(StepFunctions {
        state_machine: "arn:aws:states:eu-west-1:123456789012:stateMachine:release".into(),
        ..Default::default()
    })
}

fn run(commands: &[&str]) -> Commands {
    kind!(Commands {
        commands: commands.iter().map(|c| (*c).to_owned()).collect(),
        ..Default::default()
    })
}

fn stack_set() -> StackSet {
    kind!(StackSet {
        stack_set: "guardrails".into(),
        template: "Src::baseline.yaml".into(),
        targets: vec!["123456789012".into()],
        regions: vec!["eu-west-1".into()],
        ..Default::default()
    })
}

fn codebuild(primary: Option<&str>) -> CodeBuild {
    kind!(CodeBuild {
        primary_source: primary.map(str::to_owned),
        ..Default::default()
    })
}

/// Ids whose tests live elsewhere: template limits and emit options in `tests/emit.rs`, the
/// runtime table in `vsm-dsl/src/rules/runtime.rs` and `tests/emit.rs`, CP-TRIG-9 in
/// `tests/emit.rs`.
const TESTED_ELSEWHERE: &[&str] = &[
    "CFN-TPL-2",
    "CFN-TPL-3",
    "CFN-TPL-4",
    "CFN-TPL-5",
    "CFN-TPL-7",
    "CP-STRUCT-12",
    "CP-STRUCT-13",
    "CP-STRUCT-14",
    "CP-TRIG-9",
    "LMB-1",
    "LMB-2",
    "LMB-3",
    "LMB-4",
];

#[test]
fn base_stream_is_clean() {
    assert_eq!(check(&base()), vec![]);
}

#[test]
fn every_rule_fires_when_broken_and_passes_at_its_boundary() {
    let mut failures = Vec::new();
    for (i, (rule, breaks, passes)) in cases().into_iter().enumerate() {
        let mut broken = base();
        breaks(&mut broken);
        let found = check(&broken);
        if !found.iter().any(|v| v.rule == rule) {
            failures.push(format!(
                "case {i}: {rule} not reported; got {:?}",
                found.iter().map(|v| v.rule).collect::<Vec<_>>()
            ));
        }
        let mut boundary = base();
        passes(&mut boundary);
        let found = check(&boundary);
        if let Some(v) = found.iter().find(|v| v.rule == rule) {
            failures.push(format!("case {i}: {rule} reported at the boundary: {v}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_enforced_rule_has_a_test() {
    let cases = cases();
    let missing: Vec<&str> = enforced()
        .iter()
        .map(|r| r.id())
        .filter(|id| !cases.iter().any(|(c, _, _)| c == id) && !TESTED_ELSEWHERE.contains(id))
        .collect();
    assert!(missing.is_empty(), "rules without a test: {missing:?}");
}

#[test]
fn configuration_violations_point_at_their_key() {
    use vsm::Field;
    let mut s = base();
    let long_arn = format!("arn:aws:iam::123456789012:role/{}", n('r', 1000));
    *build_step(&mut s) = with_io(
        Action::new(
            "Deploy",
            kind!(CloudFormation {
                role_arn: Some(long_arn.into()),
                ..cfn(CfnActionMode::CreateUpdate)
            }),
        ),
        &["Src"],
        &[],
    );
    let found = check(&s);
    let conf = found
        .iter()
        .find(|v| v.rule == "CP-CONF-1")
        .expect("CP-CONF-1");
    assert_eq!(conf.location.field, Field::Prop("role_arn"));
    let mut s = base();
    *build_step(&mut s) = custom(
        Category::Invoke,
        Owner::Aws,
        "Lambda",
        &[("FunctionName", "")],
    );
    let found = check(&s);
    let conf = found
        .iter()
        .find(|v| v.rule == "CP-CONF-1")
        .expect("CP-CONF-1");
    assert_eq!(conf.location.field, Field::Prop("config"));
}

#[test]
fn parameter_collisions_name_the_rule_the_place_and_the_fix() {
    use vsm::builder::{cloudformation, connection, mock};
    use vsm::ValueStream;
    let source = |parameter: &'static str| {
        move |s: vsm::builder::SourceStage| {
            s.action(
                connection("App", GitProvider::GitHub, "acme/app", "main")
                    .connection_parameter(parameter)
                    .outputs(["Src"]),
            )
        }
    };
    let named_pipeline = ValueStream::builder("app")
        .source("Source", source("Pipeline"))
        .stage("Check", |s| s.action(mock("Check")))
        .build()
        .unwrap_err()
        .to_string();
    assert!(
        named_pipeline.contains(
            "error[CFN-TPL-14] stage \"Source\" / action \"App\" / connection_parameter: template parameter \"Pipeline\" (a connection ARN) has the logical id of the pipeline, which the template creates\n  hint: set `connection_parameter` to another name, such as \"PipelineParameter\""
        ),
        "{named_pipeline}"
    );
    let named_like_a_role = ValueStream::builder("app")
        .source("Source", source("DeployDeployRoleArn"))
        .stage("Deploy", |s| {
            s.action(cloudformation("Deploy", "app").template("Src::template.yaml"))
        })
        .build()
        .unwrap_err()
        .to_string();
    assert!(
        named_like_a_role.contains(
            "error[CFN-TPL-15] stage \"Deploy\" / action \"Deploy\" / RoleArn: template parameter \"DeployDeployRoleArn\" takes a role ARN here and a connection ARN for action \"App\": one parameter cannot be both\n  note: stage \"Source\" / action \"App\" / connection_parameter: takes a connection ARN here\n  hint: set `role_parameter` here, or `connection_parameter` there, to another name"
        ),
        "{named_like_a_role}"
    );
}

/// The compile-fail cases of `tests/ui`, by the rule their first line names.
fn ui_cases() -> BTreeMap<String, String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui");
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let first = text.lines().next().unwrap_or("");
        if let Some(id) = first.strip_prefix("//! ").and_then(|l| l.split(':').next()) {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            out.insert(id.to_owned(), name);
        }
    }
    out
}

/// The compile-time rules whose broken case is an error (a warning cannot fail a build: the
/// macro leaves warnings to `ValueStream::warnings`), each with its first broken stream.
fn compile_time_errors() -> Vec<(&'static str, Stream)> {
    let mut out: Vec<(&'static str, Stream)> = Vec::new();
    for (rule, breaks, _) in cases() {
        if out.iter().any(|(r, _)| *r == rule) {
            continue;
        }
        let compile = enforced()
            .iter()
            .any(|r| r.id() == rule && r.when() == vsm::catalogue::When::Compile);
        let mut broken = base();
        breaks(&mut broken);
        let error = check(&broken)
            .iter()
            .any(|v| v.rule == rule && v.is_error());
        if compile && error {
            out.push((rule, broken));
        }
    }
    out
}

/// Every compile-time rule that reports an error has a compile-fail case in `tests/ui` whose
/// first line names it (`tests/ui.rs` checks that the macro reports it there).
#[test]
fn every_compile_time_rule_has_a_compile_fail_case() {
    let ui = ui_cases();
    let missing: Vec<&str> = compile_time_errors()
        .into_iter()
        .map(|(rule, _)| rule)
        .filter(|rule| !ui.contains_key(*rule))
        .collect();
    assert!(
        missing.is_empty(),
        "no compile-fail case for {missing:?}: run `cargo test --test it -- --ignored write_missing_ui_cases`, then `TRYBUILD=overwrite cargo test --test ui`"
    );
}

/// Writes a compile-fail case for each compile-time rule that has none: its first broken
/// stream, printed as `stream!` source.
#[test]
#[ignore = "writes tests/ui: run by hand when a rule is added"]
fn write_missing_ui_cases() {
    let ui = ui_cases();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui");
    for (rule, stream) in compile_time_errors() {
        if ui.contains_key(rule) {
            continue;
        }
        let summary = enforced()
            .into_iter()
            .find(|r| r.id() == rule)
            .map(|r| r.summary())
            .unwrap_or("");
        let body: String = vsm::code::stream_macro(&stream)
            .lines()
            .map(|l| {
                if l.is_empty() {
                    String::new()
                } else {
                    format!("        {l}")
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let text = format!(
            "//! {rule}: {summary}.\nuse vsm::stream;\n\nfn main() {{\n    let _stream = stream! {{\n{body}\n    }};\n}}\n"
        );
        let file = dir.join(format!("{}.rs", rule.to_lowercase()));
        std::fs::write(file, text).unwrap();
    }
}
