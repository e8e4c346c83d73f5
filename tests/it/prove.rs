//! vsm's promise, checked on generated streams: every stream the valid-stream generator
//! (`tests/it/support/valid.rs`) makes is either rejected with a rule id, by the rules or at
//! emission, or emits a template cfn-lint reports nothing in and checkov fails nothing in.
//! A few dozen streams run here; `scripts/prove` runs the ignored test on a thousand or more.

use crate::support::lint;
use crate::support::parameterise;
use crate::support::valid;

use std::collections::{BTreeMap, BTreeSet};

use vsm::conditions::RULE_TYPES;
use vsm::kinds::KINDS;
use vsm::model::ConditionPlace;
use vsm::ValueStream;

#[test]
fn every_kind_has_a_generator_case() {
    let missing: Vec<&str> = KINDS
        .iter()
        .filter(|k| !valid::covers(k))
        .map(|k| k.keyword)
        .collect();
    assert!(
        missing.is_empty(),
        "kinds without a case in tests/it/support/valid.rs: {missing:?}"
    );
}

/// The proof's streams carry stage conditions at every place, with rules of every rule type,
/// and most of those streams pass the rules.
#[test]
fn generated_streams_have_conditions_of_every_rule_type() {
    let cases = valid::sample(40, 20_240_611);
    let mut places = BTreeSet::new();
    let mut types = BTreeSet::new();
    let mut valid_with_conditions = 0;
    for case in &cases {
        let conditions: Vec<_> = case
            .stream
            .stages
            .iter()
            .flat_map(|s| s.settings.conditions())
            .collect();
        for (place, c) in &conditions {
            places.insert(place.key());
            types.extend(c.rules.iter().map(|r| r.kind.keyword()));
        }
        if !conditions.is_empty() && ValueStream::new(case.stream.clone()).is_ok() {
            valid_with_conditions += 1;
        }
    }
    let all_types: BTreeSet<&str> = RULE_TYPES.iter().map(|r| r.keyword).collect();
    assert_eq!(types, all_types, "rule types the generator makes");
    assert_eq!(places.len(), ConditionPlace::ALL.len(), "{places:?}");
    assert!(
        valid_with_conditions >= 5,
        "{valid_with_conditions} valid streams with conditions"
    );
}

/// What became of the generated streams.
#[derive(Default)]
struct Outcome {
    /// Rejected by the stream rules, by rule id.
    rejected: BTreeMap<&'static str, usize>,
    /// Rejected at emission, by rule id.
    refused: BTreeMap<&'static str, usize>,
    /// Emitted: name and template.
    emitted: Vec<(String, String)>,
    /// The stream of each emitted template, as JSON, for the failure message.
    streams: BTreeMap<String, String>,
    /// Emitted streams whose values were then fed by parameters, and emitted again.
    parameterised: usize,
    /// Parameterised streams the rules rejected, by rule id.
    parameterised_rejected: BTreeMap<&'static str, usize>,
    /// Values CloudFormation accepts for a parameter, each tried as the literal it replaced.
    values_tried: usize,
    /// A value CloudFormation accepts for a parameter that the rules reject as a literal.
    unguarded: Vec<String>,
}

fn outcome(cases: &[valid::Case]) -> Outcome {
    let mut o = Outcome::default();
    for (i, case) in cases.iter().enumerate() {
        let stream = match ValueStream::new(case.stream.clone()) {
            Ok(s) => s,
            Err(e) => {
                assert!(!e.is_empty(), "a rejection names no rule");
                for v in e.errors() {
                    *o.rejected.entry(v.rule.id()).or_default() += 1;
                }
                continue;
            }
        };
        match stream.emit(&case.options) {
            Ok(emission) => {
                let name = format!("stream{i:05}");
                let json = serde_json::json!({"stream": &case.stream, "options": format!("{:?}", case.options)});
                o.streams.insert(name.clone(), json.to_string());
                o.emitted
                    .push((name.clone(), emission.template.to_json_pretty()));
                parameterised(&mut o, case, i as u64, &format!("{name}p"));
            }
            Err(e) => {
                assert!(!e.is_empty(), "a refused emission names no rule");
                for v in e.errors() {
                    *o.refused.entry(v.rule.id()).or_default() += 1;
                }
            }
        }
    }
    o
}

/// The valid stream of `case` with values fed by parameters: it must be rejected by a rule or
/// emit (its template joins the linted ones), and every value CloudFormation lets through a
/// parameter must pass the rules as the literal it stands for.
fn parameterised(o: &mut Outcome, case: &valid::Case, seed: u64, name: &str) {
    let Some((stream, fed)) = parameterise::parameterise(&case.stream, seed, 3) else {
        return;
    };
    let checked = match ValueStream::new(stream.clone()) {
        Ok(s) => s,
        Err(e) => {
            for v in e.errors() {
                *o.parameterised_rejected.entry(v.rule.id()).or_default() += 1;
            }
            return;
        }
    };
    let Ok(emission) = checked.emit(&case.options) else {
        return;
    };
    o.parameterised += 1;
    let template = emission.template.to_value();
    // A parameter that feeds part of a value with a form gets a warning (CFN-TPL-17): its
    // values are held to the characters and length only.
    // A value of an action present only under template conditions does not constrain its
    // parameter (a constraint cannot hold in one case only): that is the warning's to say.
    let partial = |f: &parameterise::Fed| {
        conditional(&stream, &f.pointer)
            || checked.warnings().iter().any(|w| {
                w.rule == "CFN-TPL-17"
                    && w.message
                        .contains(&format!("{:?} feeds part of", f.parameter))
            })
    };
    for f in fed.iter().filter(|f| !partial(f)) {
        let accepted = parameterise::accepted_values(&template, f);
        if !accepted.contains(&f.original) {
            o.unguarded.push(format!(
                "{name}: the constraints of {} ({:?}) refuse its default {:?}, a value the rules accept",
                f.parameter, template["Parameters"][&f.parameter], f.original
            ));
        }
    }
    for f in fed.iter().filter(|f| !partial(f)) {
        for value in parameterise::accepted_values(&template, f) {
            o.values_tried += 1;
            let literal = parameterise::with_literal(&case.stream, f, &value)
                .ok_or_else(|| "does not read back".to_owned())
                .and_then(|s| ValueStream::new(s).map_err(|e| e.to_string()))
                .and_then(|s| s.emit(&case.options).map(|_| ()).map_err(|e| e.to_string()));
            if let Err(e) = literal {
                o.unguarded.push(format!(
                    "{name}: CloudFormation accepts {value:?} for {} (feeding {}, {:?}) but the rules reject it: {e}",
                    f.parameter,
                    f.pointer,
                    template["Parameters"][&f.parameter]
                ));
            }
        }
    }
    let json = serde_json::json!({"stream": &stream, "options": format!("{:?}", case.options)});
    o.streams.insert(name.to_owned(), json.to_string());
    o.emitted
        .push((name.to_owned(), emission.template.to_json_pretty()));
}

/// True when the value at a JSON pointer of the stream is in a stage or an action that
/// template conditions decide.
fn conditional(stream: &vsm::model::Stream, pointer: &str) -> bool {
    let parts: Vec<&str> = pointer.split('/').collect();
    let index = |i: usize| parts.get(i).and_then(|p| p.parse::<usize>().ok());
    let Some(stage) = index(2).and_then(|si| stream.stages.get(si)) else {
        return false;
    };
    let action = index(4).and_then(|ai| stage.actions.get(ai));
    !stage.presence().always() || action.is_some_and(|a| !a.presence().always())
}

/// Generates `count` streams from `seed`, lints every template, and fails on any finding.
fn prove(count: usize, seed: u64) -> Outcome {
    let cases = valid::sample(count, seed);
    let o = outcome(&cases);
    assert!(
        o.emitted.len() * 2 >= count,
        "only {} of {count} generated streams emitted: the generator makes too few valid streams (rejected {:?}, refused {:?})",
        o.emitted.len(),
        o.rejected,
        o.refused
    );
    assert!(
        o.unguarded.is_empty(),
        "{} value(s) CloudFormation accepts for a parameter break a rule as literals (seed {seed}); the first:\n{}",
        o.unguarded.len(),
        o.unguarded.join("\n")
    );
    assert!(
        o.parameterised * 4 >= o.emitted.len() - o.parameterised,
        "only {} parameterised streams emitted (rejected {:?})",
        o.parameterised,
        o.parameterised_rejected
    );
    let temp = tempfile::tempdir().expect("a temporary directory");
    // `VSM_PROVE_DIR` keeps the templates for a closer look.
    let kept = std::env::var_os("VSM_PROVE_DIR").map(std::path::PathBuf::from);
    let dir = kept.as_deref().unwrap_or(temp.path());
    std::fs::create_dir_all(dir).expect("the template directory");
    let files = lint::write(dir, &o.emitted);
    // The two linters run side by side: each is one process over every template.
    let (linted, (failed, passed)) = std::thread::scope(|scope| {
        let checkov = scope.spawn(|| lint::checkov(dir));
        let linted = lint::cfn_lint(&files);
        (linted, checkov.join().expect("checkov ran"))
    });
    assert!(passed > 0, "checkov checked nothing");
    let mut by_rule: BTreeMap<String, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    for (name, found) in &linted {
        for (rule, _) in found {
            *by_rule.entry(format!("cfn-lint {rule}")).or_default() += 1;
        }
        problems.push(format!(
            "cfn-lint on {name}: {found:?}\n  stream: {}",
            o.streams[name]
        ));
    }
    for (name, checks) in &failed {
        for check in checks {
            *by_rule.entry(format!("checkov {check}")).or_default() += 1;
        }
        problems.push(format!(
            "checkov on {name}: {checks:?}\n  stream: {}",
            o.streams.get(name).map_or("?", String::as_str)
        ));
    }
    assert!(
        problems.is_empty(),
        "{} template(s) of valid streams have findings (seed {seed}; by rule {by_rule:?}); the first:\n{}",
        problems.len(),
        problems[..problems.len().min(3)].join("\n")
    );
    o
}

/// A few dozen streams from a fixed seed: the same streams on every run.
#[test]
fn generated_streams_are_rejected_by_a_rule_or_lint_clean() {
    prove(40, 20_240_611);
}

/// At least a thousand streams (`VSM_PROVE_COUNT`), from `VSM_PROVE_SEED` or a fresh seed:
/// run by `scripts/prove`, which records the count and the cfn-lint version.
#[test]
#[ignore = "slow: lints a thousand templates; run by scripts/prove"]
fn a_thousand_generated_streams_are_rejected_by_a_rule_or_lint_clean() {
    let count = std::env::var("VSM_PROVE_COUNT")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(1000);
    let seed = std::env::var("VSM_PROVE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        });
    let o = prove(count, seed);
    println!(
        "{count} generated streams (seed {seed}): {} emitted and lint-clean under {}, {} of them with parameters ({} values CloudFormation accepts for them tried as literals); rejected by rule {:?}; refused at emission {:?}; with parameters, rejected by rule {:?}",
        o.emitted.len(),
        lint::cfn_lint_version(),
        o.parameterised,
        o.values_tried,
        o.rejected,
        o.refused,
        o.parameterised_rejected
    );
}

use crate::support::kind_examples;

use serde_json::Value;
use vsm::emit::{is_unscoped, EmitOptions, UNSCOPED_ACTIONS};
use vsm::kinds::SECRET_KEYS;

/// The statements of a policy document (one statement or a list).
fn statements(document: &Value) -> Vec<&Value> {
    match &document["Statement"] {
        Value::Array(list) => list.iter().collect(),
        one => vec![one],
    }
}

/// A string or a list of strings, as a list.
fn strings(value: &Value) -> Vec<String> {
    match value {
        Value::Array(list) => list.iter().map(|v| v.to_string()).collect(),
        Value::Null => Vec::new(),
        one => vec![one.to_string()],
    }
}

/// Every way one template breaks least privilege: wildcard actions, `Resource: "*"` for
/// actions that can be scoped, roles that trust anything but exactly one service principal,
/// and literal secrets in action configuration.
fn privilege_problems(template: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let resources = template["Resources"].as_object().expect("resources");
    for (id, r) in resources {
        let kind = r["Type"].as_str().unwrap_or_default();
        let documents: Vec<&Value> = match kind {
            "AWS::IAM::Role" => {
                let trust = statements(&r["Properties"]["AssumeRolePolicyDocument"]);
                let principals: Vec<&Value> = trust.iter().map(|s| &s["Principal"]).collect();
                let one_service = matches!(principals.as_slice(), [p]
                    if p.as_object().is_some_and(|o| o.len() == 1)
                        && p["Service"].as_str().is_some_and(|s| s.ends_with(".amazonaws.com")));
                if !one_service || trust[0]["Action"] != Value::from(vec!["sts:AssumeRole"]) {
                    out.push(format!(
                        "{id}: trusts {principals:?}, not exactly one service"
                    ));
                }
                r["Properties"]["Policies"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|p| &p["PolicyDocument"])
                    .collect()
            }
            "AWS::IAM::Policy" | "AWS::IAM::ManagedPolicy" => {
                vec![&r["Properties"]["PolicyDocument"]]
            }
            // The key policy's principals are the account and CloudWatch Logs (with its
            // condition); the bucket policy only denies.
            "AWS::KMS::Key" | "AWS::S3::BucketPolicy" => Vec::new(),
            _ => {
                assert!(
                    r["Properties"].get("PolicyDocument").is_none()
                        && r["Properties"].get("Policies").is_none(),
                    "{id} ({kind}) holds a policy the least-privilege walk does not read"
                );
                Vec::new()
            }
        };
        for document in documents {
            for s in statements(document) {
                let actions = strings(&s["Action"]);
                for a in &actions {
                    if a.contains('*') {
                        out.push(format!("{id}: wildcard action {a}"));
                    }
                }
                if strings(&s["Resource"]).iter().any(|r| r == "\"*\"") {
                    for a in &actions {
                        if !is_unscoped(a.trim_matches('"')) {
                            out.push(format!("{id}: {a} on Resource \"*\", but it can be scoped"));
                        }
                    }
                }
            }
        }
    }
    for stage in template["Resources"]
        .as_object()
        .into_iter()
        .flat_map(|r| r.values())
        .filter(|r| r["Type"] == "AWS::CodePipeline::Pipeline")
        .flat_map(|r| {
            r["Properties"]["Stages"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
    {
        for action in stage["Actions"].as_array().into_iter().flatten() {
            for key in SECRET_KEYS {
                let value = &action["Configuration"][key];
                let resolved = value
                    .as_str()
                    .is_some_and(|v| v.starts_with("{{resolve:secretsmanager:"));
                if !value.is_null() && !resolved {
                    out.push(format!("{}: {key} holds a literal secret", action["Name"]));
                }
            }
        }
    }
    out
}

/// Every policy of every generated valid template and of every kind's example grants named
/// actions on the resources they touch, `*` only where IAM has no resource type; each role
/// trusts one service; no configuration holds a literal secret.
#[test]
fn every_policy_is_least_privilege() {
    let mut templates: Vec<(String, Value)> = Vec::new();
    for k in KINDS {
        let stream = kind_examples::example(k.keyword).expect("an example");
        let t = stream
            .emit(&EmitOptions {
                today: Some(crate::support::TEST_DAY),
                ..EmitOptions::default()
            })
            .expect("emits")
            .template;
        templates.push((format!("example of {}", k.keyword), t.to_value()));
    }
    for (i, case) in valid::sample(150, 99).into_iter().enumerate() {
        let Ok(stream) = ValueStream::new(case.stream) else {
            continue;
        };
        // Policies do not depend on the day; the runtime lifecycle rules do, so the day is fixed.
        let mut options = case.options;
        options.today.get_or_insert(crate::support::TEST_DAY);
        if let Ok(e) = stream.emit(&options) {
            templates.push((format!("generated stream #{i}"), e.template.to_value()));
        }
    }
    assert!(
        templates.len() > 100,
        "too few templates: {}",
        templates.len()
    );
    let mut problems = Vec::new();
    let mut unscoped_seen = std::collections::BTreeSet::new();
    for (what, t) in &templates {
        problems.extend(
            privilege_problems(t)
                .into_iter()
                .map(|p| format!("{what}: {p}")),
        );
        let text = t.to_string();
        unscoped_seen.extend(
            UNSCOPED_ACTIONS
                .iter()
                .filter(|(a, _)| text.contains(&format!("\"{a}\"")))
                .map(|(a, _)| *a),
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Every exception is used, so the list holds nothing the templates do not need.
    let unused: Vec<&str> = UNSCOPED_ACTIONS
        .iter()
        .map(|(a, _)| *a)
        .filter(|a| !unscoped_seen.contains(a))
        .collect();
    assert!(unused.is_empty(), "never granted: {unused:?}");
}

/// The walk finds what it looks for.
#[test]
fn the_least_privilege_walk_finds_wildcards_unscoped_grants_and_broad_trust() {
    let template = serde_json::json!({"Resources": {
        "Role": {"Type": "AWS::IAM::Role", "Properties": {
            "AssumeRolePolicyDocument": {"Statement": [
                {"Effect": "Allow", "Principal": {"Service": "codepipeline.amazonaws.com", "AWS": "*"}, "Action": ["sts:AssumeRole"]}
            ]},
            "Policies": [{"PolicyName": "P", "PolicyDocument": {"Statement": [
                {"Effect": "Allow", "Action": ["s3:*"], "Resource": ["arn:aws:s3:::b/*"]},
                {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["*"]},
                {"Effect": "Allow", "Action": ["ecs:DescribeTaskDefinition"], "Resource": ["*"]}
            ]}}]
        }},
        "Pipeline": {"Type": "AWS::CodePipeline::Pipeline", "Properties": {"Stages": [
            {"Name": "Source", "Actions": [{"Name": "GitHub", "Configuration": {"OAuthToken": "ghp_x"}}]}
        ]}}
    }});
    let found = privilege_problems(&template);
    assert_eq!(found.len(), 4, "{found:#?}");
}

/// Each exception really has no resource type, in cfn-lint's copy of the Service
/// Authorization Reference.
#[test]
fn unscoped_actions_have_no_resource_type() {
    let venv = lint::tool("cfn-lint");
    let lib = venv.parent().unwrap().parent().unwrap().join("lib");
    let policies = std::fs::read_dir(&lib)
        .expect("the venv's lib")
        .flatten()
        .map(|d| {
            d.path()
                .join("site-packages/cfnlint/data/AdditionalSpecs/Policies.json")
        })
        .find(|p| p.exists())
        .expect("cfn-lint's Policies.json");
    let data: Value = serde_json::from_str(&std::fs::read_to_string(policies).unwrap()).unwrap();
    for (action, reference) in UNSCOPED_ACTIONS {
        assert!(reference.starts_with("https://docs.aws.amazon.com/service-authorization/"));
        let (service, name) = action.split_once(':').unwrap();
        let entry = &data[service]["Actions"][name.to_ascii_lowercase()];
        assert!(entry.is_object(), "{action} is not in cfn-lint's data");
        assert!(
            entry.get("Resources").is_none(),
            "{action} has resource types {}",
            entry["Resources"]
        );
    }
}
