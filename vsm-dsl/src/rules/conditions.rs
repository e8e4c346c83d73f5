//! CP-COND: stage conditions, rollback and retry (V2 pipelines), and the checks every rule of
//! a condition shares; each rule type's own checks are in its file (`crate::conditions`).

use std::collections::HashMap;

use crate::catalogue::{
    CP_CONF_6, CP_ORDER_3, CP_ORDER_4, CP_ORDER_5, CP_XREG_5, VSM_ANN_1, VSM_XACCT_1,
};
use crate::conditions::{
    behaviour, CP_COND_1, CP_COND_16, CP_COND_2, CP_COND_3, CP_COND_4, CP_COND_5, CP_COND_6,
    CP_COND_7, CP_COND_8, CP_COND_9, CP_NAME_7, CP_V2_6,
};
use crate::diagnostic::{quote, Field, Location, Violation};
use crate::kit::topology::{is_account_id, role_account, rule_account};
use crate::kit::{actions, is_role_arn, name_char, name_problem, rules, RuleAt};
use crate::model::{
    ConditionPlace, ConditionResult, PipelineType, Stage, StageCondition, Stream, Text,
};

/// Runs every CP-COND rule, and each rule type's own.
pub(crate) fn check(stream: &Stream, out: &mut Vec<Violation>) {
    for (si, stage) in stream.stages.iter().enumerate() {
        for (place, c) in stage.settings.conditions() {
            let loc = Location::stage(si, &stage.name, Field::Condition(place.key()));
            if stream.settings.pipeline_type != PipelineType::V2 {
                out.push(Violation::error(
                    CP_V2_6,
                    loc.clone(),
                    format!(
                        "stage conditions ({}) can only be used with V2 pipelines",
                        place.key()
                    ),
                    "set the pipeline type to V2 (the default)",
                ));
            }
            results(place, c, &loc, out);
            counts(place, c, &loc, out);
            if let Some(ca) = c.annotations.complete_accurate {
                if !(0.0..=100.0).contains(&ca) {
                    out.push(Violation::error(
                        VSM_ANN_1,
                        loc.clone(),
                        format!("%C&A {ca} of the {} condition is outside 0–100", place.key()),
                        "a condition's %C&A is the percentage of changes it lets through: give 0 to 100",
                    ));
                }
            }
        }
        names(si, stage, out);
    }
    let positions = Positions::of(stream);
    for at in rules(stream) {
        shared(stream, &at, &positions, out);
        behaviour(&at.rule.kind).check(&at, stream, out);
    }
}

/// CP-COND-4, 5, 6, 8: which results go where, and the retry mode with `RETRY`.
fn results(place: ConditionPlace, c: &StageCondition, loc: &Location, out: &mut Vec<Violation>) {
    use ConditionResult::{Fail, Retry, Rollback, Skip};
    let r = c.result;
    let allowed: &[ConditionResult] = match place {
        ConditionPlace::BeforeEntry => &[Fail, Skip],
        ConditionPlace::OnSuccess => &[Rollback, Fail],
        ConditionPlace::OnFailure if c.rules.is_empty() => &[Rollback, Retry, Fail],
        ConditionPlace::OnFailure => &[Rollback, Retry],
    };
    let words = |list: &[ConditionResult]| {
        list.iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join(" or ")
    };
    if place == ConditionPlace::OnFailure && r == Retry && !c.rules.is_empty() {
        out.push(Violation::error(
            CP_COND_8,
            loc.clone(),
            "an automatic retry cannot be combined with on-failure rules",
            "drop the rules to retry every failure once, or use ROLLBACK with the rules",
        ));
    } else if !allowed.contains(&r) {
        let (rule, hint) = if place == ConditionPlace::OnFailure && c.rules.is_empty() {
            (CP_COND_4, format!("use {}", words(allowed)))
        } else {
            (
                CP_COND_6,
                format!(
                    "a {} condition takes {}",
                    place.key().replace('_', " "),
                    words(allowed)
                ),
            )
        };
        out.push(Violation::error(
            rule,
            loc.clone(),
            format!(
                "result {} cannot be used {}",
                r.as_str(),
                match place {
                    ConditionPlace::BeforeEntry => "before entry",
                    ConditionPlace::OnSuccess => "on success",
                    ConditionPlace::OnFailure if c.rules.is_empty() => "on failure",
                    ConditionPlace::OnFailure => "by on-failure rules",
                }
            ),
            hint,
        ));
    }
    if let Some(mode) = c.retry_mode {
        if !(place == ConditionPlace::OnFailure && r == Retry) {
            out.push(Violation::error(
                CP_COND_5,
                loc.clone(),
                format!(
                    "retry mode {} goes with RETRY on failure, not with {} {}",
                    mode.as_str(),
                    r.as_str(),
                    place.key().replace('_', " ")
                ),
                "drop `retry_mode`, or make this `on_failure: { result: RETRY, .. }`",
            ));
        }
    }
}

/// CP-COND-1, 2, 7: how many rules, and which rules a `SKIP` takes.
fn counts(place: ConditionPlace, c: &StageCondition, loc: &Location, out: &mut Vec<Violation>) {
    if c.rules.is_empty() && place != ConditionPlace::OnFailure {
        out.push(Violation::error(
            CP_COND_1,
            loc.clone(),
            format!(
                "the {} condition has no rules",
                place.key().replace('_', " ")
            ),
            "add 1 to 5 rules, such as a `deployment_window` or a `cloudwatch_alarm`",
        ));
    }
    if c.rules.len() > 5 {
        out.push(Violation::error(
            CP_COND_2,
            loc.clone(),
            format!("a condition holds 1 to 5 rules, not {}", c.rules.len()),
            "move checks into one rule (a Lambda function or commands can run several)",
        ));
    }
    if c.result == ConditionResult::Skip {
        for r in c.rules.iter().filter(|r| !r.kind.info().skips) {
            out.push(Violation::error(
                CP_COND_7,
                loc.clone(),
                format!(
                    "a SKIP entry condition cannot hold {} rule {}",
                    r.kind.keyword(),
                    quote(&r.name)
                ),
                "use lambda_invoke or variable_check rules, or the FAIL result",
            ));
        }
    }
}

/// CP-NAME-7, CP-COND-9: rule names well formed and unique in the stage.
fn names(si: usize, stage: &Stage, out: &mut Vec<Violation>) {
    let mut seen: Vec<(&str, Location)> = Vec::new();
    for (place, c) in stage.settings.conditions() {
        for (ri, rule) in c.rules.iter().enumerate() {
            let loc = Location::stage(si, &stage.name, Field::RuleProp(place.key(), ri, "name"));
            if let Some(problem) = name_problem(
                &rule.name,
                100,
                name_char,
                "letters, digits, '.', '@', '_' and '-'",
            ) {
                out.push(Violation::error(
                    CP_NAME_7,
                    loc.clone(),
                    format!("rule name {} {problem}", quote(&rule.name)),
                    "rule names have 1 to 100 letters, digits, '.', '@', '_' and '-'",
                ));
            }
            match seen.iter().find(|(n, _)| *n == rule.name) {
                Some((_, first)) => out.push(
                    Violation::error(
                        CP_COND_9,
                        loc,
                        format!(
                            "rule name {} is used twice in this stage",
                            quote(&rule.name)
                        ),
                        "give every rule of a stage's conditions a distinct name",
                    )
                    .with_related(first.clone(), "first used here"),
                ),
                None => seen.push((&rule.name, loc)),
            }
        }
    }
}

/// When things happen, for the order rules: stage index, then run order; a stage's
/// before-entry rules run before its first action, its other rules after its last.
type Position = (usize, u32);

fn position(at: &RuleAt<'_>) -> Position {
    match at.place {
        ConditionPlace::BeforeEntry => (at.si, 0),
        _ => (at.si, u32::MAX),
    }
}

/// Where each artifact and namespace is produced.
struct Positions<'a> {
    artifacts: HashMap<&'a str, Position>,
    namespaces: HashMap<&'a str, Position>,
}

impl<'a> Positions<'a> {
    fn of(stream: &'a Stream) -> Self {
        let mut artifacts = HashMap::new();
        let mut namespaces = HashMap::new();
        for at in actions(stream) {
            let p = (at.si, at.action.run_order);
            for o in &at.action.outputs {
                artifacts.entry(o.as_str()).or_insert(p);
            }
            if let Some(ns) = &at.action.namespace {
                namespaces.entry(ns.as_str()).or_insert(p);
            }
        }
        Self {
            artifacts,
            namespaces,
        }
    }
}

/// The checks every rule shares: configuration values, role, Region, inputs and variables.
fn shared(stream: &Stream, at: &RuleAt<'_>, positions: &Positions<'_>, out: &mut Vec<Violation>) {
    let rule = at.rule;
    for entry in behaviour(&rule.kind).configuration() {
        let Some(text) = entry_text(&entry.value) else {
            continue;
        };
        let field = entry.prop.unwrap_or(entry.key);
        let len = text.chars().count();
        if len == 0 || len > 10_000 {
            out.push(Violation::error(
                CP_COND_3,
                at.prop(field),
                format!("configuration value {} is {len} characters long", entry.key),
                "a rule's configuration values have 1 to 10,000 characters",
            ));
        }
        variables(stream, at, field, text, positions, out);
    }
    if let Some(role) = rule.role_arn.as_ref().and_then(Text::as_str) {
        if !is_role_arn(role) {
            out.push(Violation::error(
                CP_CONF_6,
                at.prop("role_arn"),
                format!("{} is not an IAM role ARN", quote(role)),
                "give the role as arn:aws:iam::123456789012:role/NAME",
            ));
        }
    }
    account(stream, at, out);
    if let Some(region) = rule.region.as_ref().and_then(Text::as_str) {
        if !is_region(region) {
            out.push(Violation::error(
                CP_COND_16,
                at.prop("region"),
                format!("{} is not a Region code", quote(region)),
                "give the Region as its code, such as eu-west-1",
            ));
        }
    }
    for input in &rule.inputs {
        match positions.artifacts.get(input.as_str()) {
            None => out.push(Violation::error(
                CP_ORDER_4,
                at.prop("inputs"),
                format!(
                    "input artifact {} is not produced by any action",
                    quote(input)
                ),
                "name the output artifact of an earlier action",
            )),
            Some(p) if *p >= position(at) => out.push(Violation::error(
                CP_ORDER_3,
                at.prop("inputs"),
                format!(
                    "input artifact {} is produced in this stage, after its {} rules run",
                    quote(input),
                    at.place.key().replace('_', " ")
                ),
                "a before-entry rule reads artifacts of earlier stages only",
            )),
            Some(_) => {}
        }
    }
}

/// The text of a configuration value, when literal.
fn entry_text<'a>(value: &'a crate::kit::ConfigValue<'a>) -> Option<&'a str> {
    match value {
        crate::kit::ConfigValue::Literal(t) => Some(t),
        _ => None,
    }
}

/// CP-ORDER-5 for a rule: `#{ns.key}` reads a namespace set before the rule runs.
fn variables(
    stream: &Stream,
    at: &RuleAt<'_>,
    field: &'static str,
    text: &str,
    positions: &Positions<'_>,
    out: &mut Vec<Violation>,
) {
    for (ns, var) in super::order::references(text) {
        let problem = match ns {
            "codepipeline" => None,
            "variables" => (!stream.settings.variables.iter().any(|v| v.name == var))
                .then(|| format!("pipeline variable {var:?} is not declared")),
            _ => match positions.namespaces.get(ns) {
                None => Some(format!("namespace {ns:?} is not set on any action")),
                Some(p) if *p >= position(at) => Some(format!(
                    "variable #{{{ns}.{var}}} is set in this stage, after its {} rules run",
                    at.place.key().replace('_', " ")
                )),
                Some(_) => None,
            },
        };
        if let Some(message) = problem {
            out.push(Violation::error(
                CP_ORDER_5,
                at.prop(field),
                message,
                "read a namespace set by an action of an earlier stage (or of this stage, after it ran), or a declared pipeline variable",
            ));
        }
    }
}

/// True for a Region code such as `eu-west-1` or `us-gov-east-1`.
pub(crate) fn is_region(region: &str) -> bool {
    let parts: Vec<&str> = region.split('-').collect();
    parts.len() >= 3
        && parts[0].len() == 2
        && parts[..parts.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
        && parts[parts.len() - 1]
            .parse::<u8>()
            .is_ok_and(|n| (1..=20).contains(&n))
}

/// VSM-XACCT-1 and CP-XREG-5 for a rule in another account: 12 digits, a role of that
/// account, and what the template that creates its role there must know.
fn account(stream: &Stream, at: &RuleAt<'_>, out: &mut Vec<Violation>) {
    let rule = at.rule;
    let Some(account) = rule.account.as_deref() else {
        return;
    };
    if !is_account_id(account) {
        out.push(Violation::error(
            VSM_XACCT_1,
            at.prop("account"),
            format!("account {} is not 12 digits", quote(account)),
            "write the account id, such as 123456789012",
        ));
        return;
    }
    if let Some(of_role) = rule
        .role_arn
        .as_ref()
        .and_then(Text::as_str)
        .and_then(role_account)
    {
        if of_role != account {
            out.push(Violation::error(
                VSM_XACCT_1,
                at.prop("role_arn"),
                format!("the rule runs in account {account}, but its role is in account {of_role}"),
                "give a role of the rule's account, or leave the role out for the one vsm creates there",
            ));
        }
    }
    if rule_account(stream, rule).is_none() {
        return;
    }
    let s = &stream.settings;
    let missing = match (s.account.is_none(), s.region.is_none()) {
        (true, true) => "account and Region",
        (true, false) => "account",
        (false, true) => "Region",
        (false, false) if stream.name.as_str().is_none() => {
            out.push(Violation::error(
                CP_XREG_5,
                at.prop("account"),
                format!(
                    "the template vsm writes for this rule's account names its role after the pipeline, so the pipeline's name must be a literal, not {}",
                    stream.name.display()
                ),
                "name the pipeline with a literal, or give the rule's `role_arn`",
            ));
            return;
        }
        (false, false) => return,
    };
    out.push(Violation::error(
        CP_XREG_5,
        at.prop("account"),
        format!("the rule runs in another account, so the pipeline's {missing} must be known"),
        format!("set the pipeline's {missing} (settings `account` and `region`)"),
    ));
}
