//! `stack_instances`: instances of an existing CloudFormation stack set created or updated in
//! accounts (or organizational units) and Regions, with parameters of their own.

use super::stackset::{
    check_percentages, check_stack_set_name, check_target_ids, files_read, grant_stack_set,
    target_entries, STACK_SET_NAME,
};
use crate::catalogue::RuleId;
use crate::cfn::Expr;
use crate::diagnostic::{Field, Violation};
use crate::kit::{kind, optional, required, ActionEmit, Artifacts, ConfigCx, Entry, Kind};
use crate::kit::{At, Shape};
use crate::model::Number;
use crate::model::Text;
use crate::model::{ActionType, Category, Stream};

kind! {
    /// CloudFormation stack instances: the stack set, which must already exist (a `stackset`
    /// action makes it), deployed to more accounts or organizational units and Regions, or
    /// brought up to date there, with parameter values of their own.
    #[kind(stack_instances, step)]
    pub struct StackInstances {
        required {
            /// The stack set's name: a letter, then letters, digits and `-`, at most 128.
            stack_set: Text,
        }
        optional {
            /// Account ids, or organizational unit or root ids (for a service-managed stack
            /// set), or a JSON file of them as `Artifact::path`; required.
            targets: Vec<String>,
            /// The Regions, deployed in this order; required.
            regions: Vec<String>,
            /// Parameter values of these instances, as `ParameterKey=K,ParameterValue=V ...`,
            /// or a JSON file of them as `Artifact::path`.
            parameter_overrides: Option<String>,
            /// Failures tolerated per Region, in percent of the accounts (0–100).
            failure_tolerance: Option<Number>,
            /// Accounts deployed at once, in percent (1–100).
            max_concurrent: Option<Number>,
        }
    }
}

crate::catalogue::rules! {
    RULES:
    CP_CONF_40 = compile("CP-CONF-40", "stack instances: the targets to deploy to (accounts, organizational units or a file of them)");
}

impl Kind for StackInstances {
    const TYPES: &'static [ActionType<'static>] = &[ActionType::aws(
        Category::Deploy,
        "CloudFormationStackInstances",
    )];
    const ARTIFACTS: Option<Artifacts> = Some(Artifacts {
        row: "CP-TYPE-M-14",
        inputs: (0, 2),
        outputs: (0, 0),
    });
    const CONFIG_KEYS: &'static [crate::kit::ConfigKeySpec] = &[
        required("StackSetName"),
        optional("DeploymentTargets"),
        required("Regions"),
        optional("ParameterOverrides"),
        optional("FailureTolerancePercentage"),
        optional("MaxConcurrentPercentage"),
    ];

    const RULES: &'static [RuleId] = RULES;
    const SHAPES: &'static [(&'static str, Shape)] = &[("stack_set", STACK_SET_NAME)];

    fn configuration<'a>(&'a self, _cx: &ConfigCx<'a>) -> Vec<Entry<'a>> {
        let mut out = vec![Entry::of("StackSetName", "stack_set", &self.stack_set)];
        out.extend(target_entries(
            &self.targets,
            &self.regions,
            &self.failure_tolerance,
            &self.max_concurrent,
        ));
        out.extend(Entry::opt(
            "ParameterOverrides",
            "parameter_overrides",
            &self.parameter_overrides,
        ));
        out
    }

    fn implied_inputs(&self) -> Vec<(&'static str, &str)> {
        let mut out = Vec::new();
        files_read(&mut out, self.parameter_overrides.as_deref(), &self.targets);
        out
    }

    fn check(&self, at: &At<'_>, _stream: &Stream, out: &mut Vec<Violation>) {
        check_stack_set_name(at, &self.stack_set, out);
        if self.targets.is_empty() {
            out.push(Violation::error(
                CP_CONF_40,
                at.loc(Field::Prop("targets")),
                "stack instances need the targets to deploy to",
                "give the accounts, the organizational units, or a file of them",
            ));
        }
        check_target_ids(at, &self.targets, &self.regions, None, out);
        check_percentages(at, &self.failure_tolerance, &self.max_concurrent, out);
    }

    fn grant(&self, cx: &mut ActionEmit<'_, '_>, _config: &[(String, Expr)]) {
        grant_stack_set(
            cx.grants(),
            &self.stack_set,
            &[
                "cloudformation:CreateStackInstances",
                "cloudformation:DescribeStackSet",
                "cloudformation:DescribeStackSetOperation",
                "cloudformation:ListStackInstances",
                "cloudformation:UpdateStackInstances",
            ],
        );
    }
}
