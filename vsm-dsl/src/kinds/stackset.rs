//! `stackset`: a CloudFormation StackSet deploy: one template to many accounts and Regions.

use serde_json::json;

use super::cloudformation::artifact_path;
use crate::catalogue::RuleId;
use crate::cfn::Expr;
use crate::diagnostic::{quote, Field, Violation};
use crate::kinds::Capability;
use crate::kit::arn::{self, Part};
use crate::kit::shape::{self, Chars, Form};
use crate::kit::{choice, kind, optional, required, ActionEmit, Artifacts, ConfigCx, Entry, Kind};
use crate::kit::{is_role_arn, At, Grants, Shape};
use crate::model::Number;
use crate::model::Text;
use crate::model::{ActionType, Category, Stream};

choice! {
    /// Who the stack set's permissions come from.
    pub enum PermissionModel {
        /// An administration role here and an execution role in each target account.
        #[default]
        SelfManaged = "SELF_MANAGED",
        /// AWS Organizations (targets are organizational units).
        ServiceManaged = "SERVICE_MANAGED",
    }
}

choice! {
    /// Whether new accounts of the target units get the stack (service-managed only).
    pub enum AutoDeployment {
        /// They do.
        Enabled = "Enabled",
        /// They do not.
        #[default]
        Disabled = "Disabled",
        /// They do, and keep the stack when they leave.
        EnabledWithStackRetention = "EnabledWithStackRetention",
    }
}

choice! {
    /// How the Regions are deployed.
    pub enum RegionConcurrency {
        /// One after the other, in the order given.
        #[default]
        Sequential = "SEQUENTIAL",
        /// All at once.
        Parallel = "PARALLEL",
    }
}

choice! {
    /// How failure tolerance is applied.
    pub enum ConcurrencyMode {
        /// Concurrency drops as failures approach the tolerance.
        #[default]
        StrictFailureTolerance = "STRICT_FAILURE_TOLERANCE",
        /// Concurrency stays; failures may exceed the tolerance.
        SoftFailureTolerance = "SOFT_FAILURE_TOLERANCE",
    }
}

choice! {
    /// Whose account the pipeline acts as (service-managed only).
    pub enum CallAs {
        /// The management account.
        #[default]
        SelfAccount = "SELF",
        /// A delegated administrator of the organization.
        DelegatedAdmin = "DELEGATED_ADMIN",
    }
}

kind! {
    /// A CloudFormation StackSet deploy: creates or updates a stack set from the template and
    /// deploys its instances to the target accounts (or organizational units) and Regions —
    /// the way to deploy one stack to many accounts.
    #[kind(stackset, step)]
    pub struct StackSet {
        required {
            /// The stack set's name: a letter, then letters, digits and `-`, at most 128.
            stack_set: Text,
            /// The template as `Artifact::path`; the artifact becomes an input of the action.
            template: String,
        }
        optional {
            /// A description of the stack set.
            description: Option<Text>,
            /// Parameters as `ParameterKey=K,ParameterValue=V ...`, or a JSON file as
            /// `Artifact::path`.
            parameters: Option<String>,
            /// The capabilities the template needs (IAM resources).
            capabilities: Vec<Capability>,
            /// `SELF_MANAGED` (the default) or `SERVICE_MANAGED` (Organizations).
            permission_model: Option<PermissionModel>,
            /// Self-managed: the administration role's ARN; `AWSCloudFormationStackSetAdministrationRole` when unset.
            administration_role_arn: Option<Text>,
            /// Self-managed: the execution role's name in the targets; `AWSCloudFormationStackSetExecutionRole` when unset.
            execution_role_name: Option<Text>,
            /// Service-managed: deploy to accounts that join the target units.
            auto_deployment: Option<AutoDeployment>,
            /// Accounts (self-managed) or organizational unit or root ids (service-managed), or a
            /// JSON file of them as `Artifact::path`.
            targets: Vec<String>,
            /// The Regions, deployed in this order.
            regions: Vec<String>,
            /// Failures tolerated per Region, in percent of the accounts (0–100).
            failure_tolerance: Option<Number>,
            /// Accounts deployed at once, in percent (1–100).
            max_concurrent: Option<Number>,
            /// Regions one after the other (the default) or all at once.
            region_concurrency: Option<RegionConcurrency>,
            /// How failure tolerance is applied.
            concurrency_mode: Option<ConcurrencyMode>,
            /// Service-managed: act as the management account or a delegated administrator.
            call_as: Option<CallAs>,
        }
    }
}

impl StackSet {
    fn model(&self) -> PermissionModel {
        self.permission_model.unwrap_or_default()
    }
}

crate::catalogue::rules! {
    RULES:
    CP_CONF_19 = compile("CP-CONF-19", "stack set name: a letter, then letters, digits and '-', at most 128");
    CP_ART_9 = compile("CP-ART-9", "a stack set template is `Artifact::path` (the artifact becomes an input)");
    CP_CONF_20 = compile("CP-CONF-20", "stack set properties of the other permission model are not set");
    CP_CONF_21 = compile("CP-CONF-21", "stack set targets and Regions together, and neither with automatic deployment");
    CP_CONF_22 = compile("CP-CONF-22", "stack set targets: account ids (self-managed) or OU/root ids; Regions as codes");
    CP_CONF_23 = compile("CP-CONF-23", "stack set failure tolerance 0–100%, concurrency 1–100%");
    CP_CONF_24 = compile("CP-CONF-24", "a stack set acknowledges CAPABILITY_IAM and CAPABILITY_NAMED_IAM only");
    CP_CONF_26 = compile("CP-CONF-26", "stack set administration role ARN and execution role name formats");
}

/// A stack set name: a letter, then letters, digits and `-`, at most 128 (CP-CONF-19).
fn is_stack_set_name(n: &str) -> bool {
    n.len() <= 128
        && n.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// A stack set's name (CP-CONF-19): the stack set and stack instances actions name it alike.
pub(crate) const STACK_SET_NAME: Shape = Shape {
    rule: CP_CONF_19,
    what: "stack set name",
    min: 1,
    max: 128,
    chars: Some(Chars {
        allowed: |c| c.is_ascii_alphanumeric() || c == '-',
        class: "A-Za-z0-9-",
        words: "letters, digits and '-'",
    }),
    form: Some(Form {
        pattern: "[A-Za-z][A-Za-z0-9-]*",
        accepts: is_stack_set_name,
        computed_only: false,
    }),
};

/// The shapes of the stack set's names (CP-CONF-19, CP-CONF-26), as `check_names` reads them.
const SHAPES: &[(&str, Shape)] = &[
    ("stack_set", STACK_SET_NAME),
    (
        "execution_role_name",
        Shape {
            rule: CP_CONF_26,
            what: "execution role name",
            min: 1,
            max: 64,
            chars: Some(Chars {
                allowed: |c| c.is_ascii_alphanumeric() || "_+=,.@-".contains(c),
                class: "A-Za-z0-9_+=,.@-",
                words: "letters, digits and '_', '+', '=', ',', '.', '@', '-'",
            }),
            form: None,
        },
    ),
    ("administration_role_arn", shape::role_arn(CP_CONF_26)),
];

impl Kind for StackSet {
    const TYPES: &'static [ActionType<'static>] =
        &[ActionType::aws(Category::Deploy, "CloudFormationStackSet")];
    const ARTIFACTS: Option<Artifacts> = Some(Artifacts {
        row: "CP-TYPE-M-13",
        inputs: (1, 3),
        outputs: (0, 0),
    });
    const CONFIG_KEYS: &'static [crate::kit::ConfigKeySpec] = &[
        required("StackSetName"),
        required("TemplatePath"),
        optional("Description"),
        optional("Parameters"),
        optional("Capabilities"),
        optional("PermissionModel"),
        optional("AdministrationRoleArn"),
        optional("ExecutionRoleName"),
        optional("OrganizationsAutoDeployment"),
        optional("DeploymentTargets"),
        optional("Regions"),
        optional("FailureTolerancePercentage"),
        optional("MaxConcurrentPercentage"),
        optional("RegionConcurrencyType"),
        optional("ConcurrencyMode"),
        optional("CallAs"),
    ];

    const RULES: &'static [RuleId] = RULES;
    const SHAPES: &'static [(&'static str, Shape)] = SHAPES;

    fn configuration<'a>(&'a self, _cx: &ConfigCx<'a>) -> Vec<Entry<'a>> {
        let mut out = vec![
            Entry::of("StackSetName", "stack_set", &self.stack_set),
            Entry::text("TemplatePath", "template", &self.template),
        ];
        out.extend(Entry::of_opt(
            "Description",
            "description",
            &self.description,
        ));
        out.extend(Entry::opt("Parameters", "parameters", &self.parameters));
        out.extend(Entry::words(
            "Capabilities",
            "capabilities",
            self.capabilities.iter().map(|c| c.as_str()),
        ));
        out.extend(Entry::word(
            "PermissionModel",
            "permission_model",
            self.permission_model.map(|m| m.as_str()),
        ));
        out.extend(Entry::of_opt(
            "AdministrationRoleArn",
            "administration_role_arn",
            &self.administration_role_arn,
        ));
        out.extend(Entry::of_opt(
            "ExecutionRoleName",
            "execution_role_name",
            &self.execution_role_name,
        ));
        out.extend(Entry::word(
            "OrganizationsAutoDeployment",
            "auto_deployment",
            self.auto_deployment.map(|m| m.as_str()),
        ));
        out.extend(target_entries(
            &self.targets,
            &self.regions,
            &self.failure_tolerance,
            &self.max_concurrent,
        ));
        out.extend(Entry::word(
            "RegionConcurrencyType",
            "region_concurrency",
            self.region_concurrency.map(|m| m.as_str()),
        ));
        out.extend(Entry::word(
            "ConcurrencyMode",
            "concurrency_mode",
            self.concurrency_mode.map(|m| m.as_str()),
        ));
        out.extend(Entry::word(
            "CallAs",
            "call_as",
            self.call_as.map(|m| m.as_str()),
        ));
        out
    }

    fn implied_inputs(&self) -> Vec<(&'static str, &str)> {
        let mut out = Vec::new();
        if let Some((artifact, _)) = artifact_path(&self.template) {
            out.push(("template", artifact));
        }
        files_read(&mut out, self.parameters.as_deref(), &self.targets);
        out
    }

    fn check(&self, at: &At<'_>, _stream: &Stream, out: &mut Vec<Violation>) {
        self.check_names(at, out);
        self.check_model(at, out);
        self.check_targets(at, out);
        check_percentages(at, &self.failure_tolerance, &self.max_concurrent, out);
        if self.capabilities.contains(&Capability::AutoExpand) {
            out.push(Violation::error(
                CP_CONF_24,
                at.loc(Field::Prop("capabilities")),
                "a stack set acknowledges only CAPABILITY_IAM and CAPABILITY_NAMED_IAM",
                "expand macros before the stack set action (a CloudFormation package step)",
            ));
        }
    }

    fn grant(&self, cx: &mut ActionEmit<'_, '_>, _config: &[(String, Expr)]) {
        let g = cx.grants();
        g.allow_unscoped("CreateStackSets", &["cloudformation:CreateStackSet"]);
        grant_stack_set(
            g,
            &self.stack_set,
            &[
                "cloudformation:CreateStackInstances",
                "cloudformation:DescribeStackSet",
                "cloudformation:DescribeStackSetOperation",
                "cloudformation:ListStackInstances",
                "cloudformation:UpdateStackSet",
            ],
        );
        if self.model() == PermissionModel::SelfManaged {
            let role = match &self.administration_role_arn {
                Some(arn) => arn::role_of(arn),
                None => arn::role("AWSCloudFormationStackSetAdministrationRole"),
            };
            g.allow_if(
                "PassStackSetAdministrationRoles",
                &["iam:PassRole"],
                role,
                Some(json!({"StringEquals": {"iam:PassedToService": "cloudformation.amazonaws.com"}})),
            );
        }
        if self.call_as == Some(CallAs::DelegatedAdmin) {
            g.allow_unscoped(
                "FindDelegatedAdministrators",
                &["organizations:ListDelegatedAdministrators"],
            );
        }
    }
}

impl StackSet {
    /// CP-CONF-19, CP-ART-9, CP-CONF-26: names and formats.
    fn check_names(&self, at: &At<'_>, out: &mut Vec<Violation>) {
        check_stack_set_name(at, &self.stack_set, out);
        if artifact_path(&self.template).is_none() {
            out.push(Violation::error(
                CP_ART_9,
                at.loc(Field::Prop("template")),
                format!(
                    "template {} is not of the form Artifact::path",
                    quote(&self.template)
                ),
                "write the input artifact's name, `::`, and the template's path in it",
            ));
        }
        if let Some(arn) = self
            .administration_role_arn
            .as_ref()
            .and_then(Text::as_str)
            .filter(|a| !is_role_arn(a))
        {
            out.push(Violation::error(
                CP_CONF_26,
                at.loc(Field::Prop("administration_role_arn")),
                format!("{} is not an IAM role ARN", quote(arn)),
                "write arn:aws:iam::123456789012:role/NAME",
            ));
        }
        if let Some(name) = self.execution_role_name.as_ref().and_then(Text::as_str) {
            let ok = (1..=64).contains(&name.len())
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"_+=,.@-".contains(&b));
            if !ok {
                out.push(Violation::error(
                    CP_CONF_26,
                    at.loc(Field::Prop("execution_role_name")),
                    format!(
                        "execution role name {} is not 1–64 of [A-Za-z0-9_+=,.@-]",
                        quote(name)
                    ),
                    "give the role's name, not its ARN",
                ));
            }
        }
    }

    /// CP-CONF-20: keys that belong to one permission model.
    fn check_model(&self, at: &At<'_>, out: &mut Vec<Violation>) {
        let self_managed = self.model() == PermissionModel::SelfManaged;
        let misplaced: &[(&str, bool)] = if self_managed {
            &[
                ("auto_deployment", self.auto_deployment.is_some()),
                ("call_as", self.call_as.is_some()),
            ]
        } else {
            &[
                (
                    "administration_role_arn",
                    self.administration_role_arn.is_some(),
                ),
                ("execution_role_name", self.execution_role_name.is_some()),
            ]
        };
        for (prop, set) in misplaced {
            if *set {
                out.push(Violation::error(
                    CP_CONF_20,
                    at.loc(Field::Prop(prop)),
                    format!(
                        "`{prop}` does not apply to a {} stack set",
                        self.model().as_str()
                    ),
                    format!("drop `{prop}`, or change the permission model"),
                ));
            }
        }
    }

    /// CP-CONF-21, CP-CONF-22: targets and Regions.
    fn check_targets(&self, at: &At<'_>, out: &mut Vec<Violation>) {
        let auto = matches!(
            self.auto_deployment,
            Some(AutoDeployment::Enabled | AutoDeployment::EnabledWithStackRetention)
        );
        let (targets, regions) = (!self.targets.is_empty(), !self.regions.is_empty());
        let problem = match (auto, targets, regions) {
            (true, true, _) | (true, _, true) => {
                Some("automatic deployment picks its own targets and Regions: set neither")
            }
            (false, true, false) => Some("targets need the Regions to deploy to"),
            (false, false, true) => Some("Regions need the targets to deploy to"),
            _ => None,
        };
        if let Some(message) = problem {
            out.push(Violation::error(
                CP_CONF_21,
                at.loc(Field::Prop(if targets { "targets" } else { "regions" })),
                message,
                "give `targets` and `regions` together",
            ));
        }
        check_target_ids(at, &self.targets, &self.regions, Some(self.model()), out);
    }
}

/// `ou-xxxx-yyyyyyyy` or `r-xxxx`.
fn ou_or_root(id: &str) -> bool {
    let lower = |s: &str, min, max| {
        (min..=max).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    };
    if let Some(rest) = id.strip_prefix("ou-") {
        return rest
            .split_once('-')
            .is_some_and(|(a, b)| lower(a, 4, 32) && lower(b, 8, 32));
    }
    id.strip_prefix("r-").is_some_and(|rest| lower(rest, 4, 32))
}

/// CP-CONF-19: a stack set's name, a letter then letters, digits and `-`, at most 128.
pub(crate) fn check_stack_set_name(at: &At<'_>, name: &Text, out: &mut Vec<Violation>) {
    let n = name.as_str().unwrap_or("Computed");
    if !is_stack_set_name(n) {
        out.push(Violation::error(
            CP_CONF_19,
            at.loc(Field::Prop("stack_set")),
            format!(
                "stack set name {} is not a letter then letters, digits and '-' (at most 128)",
                quote(n)
            ),
            "rename the stack set",
        ));
    }
}

/// CP-CONF-22: targets as account ids (self-managed), organizational unit or root ids, or
/// either when the model is not the action's to say (stack instances); Regions as codes. One
/// target of the form `Artifact::path` is a file of them.
pub(crate) fn check_target_ids(
    at: &At<'_>,
    targets: &[String],
    regions: &[String],
    model: Option<PermissionModel>,
    out: &mut Vec<Violation>,
) {
    let account = |t: &str| t.len() == 12 && t.bytes().all(|b| b.is_ascii_digit());
    let file = targets.len() == 1 && artifact_path(&targets[0]).is_some();
    if !file {
        for t in targets {
            let (ok, wanted) = match model {
                Some(PermissionModel::SelfManaged) => (account(t), "a 12-digit account id"),
                _ => (
                    ou_or_root(t) || account(t),
                    "an organizational unit (ou-...), root (r-...) or account id",
                ),
            };
            if !ok {
                out.push(Violation::error(
                    CP_CONF_22,
                    at.loc(Field::Prop("targets")),
                    format!("target {} is not {wanted}", quote(t)),
                    "list account ids (self-managed) or organizational units (service-managed)",
                ));
            }
        }
    }
    for r in regions {
        let ok = (1..=128).contains(&r.len())
            && r.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !ok {
            out.push(Violation::error(
                CP_CONF_22,
                at.loc(Field::Prop("regions")),
                format!("Region {} is not a Region code", quote(r)),
                "write Regions as codes, such as eu-west-1",
            ));
        }
    }
}

/// CP-CONF-23: failures tolerated 0–100%, accounts at once 1–100%.
pub(crate) fn check_percentages(
    at: &At<'_>,
    failure_tolerance: &Option<Number>,
    max_concurrent: &Option<Number>,
    out: &mut Vec<Violation>,
) {
    for (prop, value, min) in [
        ("failure_tolerance", failure_tolerance, 0),
        ("max_concurrent", max_concurrent, 1),
    ] {
        let literal = value.as_ref().and_then(|v| v.literal().copied());
        if let Some(v) = literal.filter(|v| !(min..=100).contains(v)) {
            out.push(Violation::error(
                CP_CONF_23,
                at.loc(Field::Prop(prop)),
                format!("{prop} {v}% is outside {min}–100%"),
                format!("give a whole percentage from {min} to 100"),
            ));
        }
    }
}

/// Where and how: `DeploymentTargets` (a file, or a comma-separated list), `Regions` in their
/// order, `FailureTolerancePercentage`, `MaxConcurrentPercentage`.
pub(crate) fn target_entries<'a>(
    targets: &[String],
    regions: &[String],
    failure_tolerance: &'a Option<Number>,
    max_concurrent: &'a Option<Number>,
) -> Vec<Entry<'a>> {
    let mut out = Vec::new();
    if !targets.is_empty() {
        out.push(Entry::owned(
            "DeploymentTargets",
            Some("targets"),
            targets.join(","),
        ));
    }
    if !regions.is_empty() {
        out.push(Entry::owned("Regions", Some("regions"), regions.join(",")));
    }
    for (key, prop, v) in [
        (
            "FailureTolerancePercentage",
            "failure_tolerance",
            failure_tolerance,
        ),
        ("MaxConcurrentPercentage", "max_concurrent", max_concurrent),
    ] {
        out.extend(v.as_ref().map(|v| Entry::number(key, prop, v)));
    }
    out
}

/// The artifacts a parameters file and a targets file are read from, each once, after those
/// already in `out`.
pub(crate) fn files_read<'a>(
    out: &mut Vec<(&'static str, &'a str)>,
    parameters: Option<&'a str>,
    targets: &'a [String],
) {
    let targets_file = targets
        .first()
        .map(String::as_str)
        .filter(|_| targets.len() == 1);
    for (prop, value) in [("parameters", parameters), ("targets", targets_file)] {
        if let Some((artifact, _)) = value.and_then(artifact_path) {
            if !out.iter().any(|(_, a)| *a == artifact) {
                out.push((prop, artifact));
            }
        }
    }
}

/// `actions` on the stack set and its operations (`stackset/<name>:*`).
pub(crate) fn grant_stack_set(g: &mut Grants, name: &Text, actions: &[&str]) {
    g.allow(
        "DeployStackSets",
        actions,
        arn::regional_of(
            "cloudformation",
            &[Part::Lit("stackset/"), Part::Val(name), Part::Lit(":*")],
        ),
    );
}
