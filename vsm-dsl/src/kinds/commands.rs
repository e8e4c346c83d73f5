//! `commands`: shell commands run by CodePipeline on managed CodeBuild compute (V2 only).

use serde_json::json;
use std::collections::BTreeMap;

use crate::catalogue::RuleId;
use crate::cfn::{Expr, PipelineAction};
use crate::diagnostic::{quote, Field, Violation};
use crate::kinds::ComputeType;
use crate::kit::At;
use crate::kit::{arn, compute};
use crate::kit::{choice, kind, optional, ActionEmit, Artifacts, ConfigCx, Entry, Kind};
use crate::model::Text;
use crate::model::{ActionType, Category, Stream};

choice! {
    /// The environment the commands run in.
    pub enum EnvironmentType {
        /// A Linux container.
        #[default]
        Linux = "LINUX_CONTAINER",
        /// A Windows Server 2022 container (not on the small compute type).
        Windows = "WINDOWS_SERVER_2022_CONTAINER",
    }
}

kind! {
    /// Shell commands run one after the other in CodePipeline's managed CodeBuild compute,
    /// with the pipeline role's permissions: no project to maintain. V2 pipelines only.
    #[kind(commands, step)]
    pub struct Commands {
        optional {
            /// The commands, 1–50 single lines of at most 1000 characters.
            commands: Vec<String>,
            /// Environment variables the action exports as output variables, at most 15.
            output_variables: Vec<String>,
            /// File patterns of the output artifact (1–10), such as `dist/**/*`.
            files: Vec<String>,
            /// Plain environment variables, by name.
            environment: BTreeMap<String, Text>,
            /// Environment variables read from Secrets Manager, by name: the secret's name or
            /// ARN, with `:json-key` to pick one key.
            secrets: BTreeMap<String, Text>,
            /// Linux or Windows; Linux when unset.
            environment_type: Option<EnvironmentType>,
            /// The compute size; `BUILD_GENERAL1_SMALL` when unset.
            compute: Option<ComputeType>,
            /// The VPC the commands run in, to reach resources in it (with `subnets` and
            /// `security_groups`).
            vpc: Option<Text>,
            /// The VPC's subnets the commands run in.
            subnets: Vec<Text>,
            /// The security groups of the commands' network interfaces.
            security_groups: Vec<Text>,
        }
    }
}

crate::catalogue::rules! {
    RULES:
    CP_TYPE_10 = compile("CP-TYPE-10", "Commands: 1–50 single-line commands of 1–1000 characters; at most 15 output variables");
    CP_TYPE_11 = compile("CP-TYPE-11", "at most 10 environment variables, values 1–1000 characters");
    CP_NAME_8 = compile("CP-NAME-8", "environment variable names: 1–128 of [A-Za-z0-9_], each once");
    CP_CONF_18 = compile("CP-CONF-18", "Commands: Windows containers need more than the small compute type");
    CP_ART_3 = compile("CP-ART-3", "output files: 1–10 patterns of 1–128 characters, on an output artifact");
    CP_SEC_5 = compile("CP-SEC-5", "warn on a plain environment variable named like a secret (use the secret kind of variable)");
    CP_CONF_27 = compile("CP-CONF-27", "managed compute in a VPC: a VPC id with its subnets and security groups, all given together");
}

impl Kind for Commands {
    const TYPES: &'static [ActionType<'static>] = &[ActionType::aws(Category::Compute, "Commands")];
    const ARTIFACTS: Option<Artifacts> = Some(Artifacts {
        row: "CP-TYPE-M-28",
        inputs: (1, 10),
        outputs: (0, 1),
    });
    const CONFIG_KEYS: &'static [crate::kit::ConfigKeySpec] = &[
        optional("EnvironmentType"),
        optional("ComputeType"),
        optional("VpcId"),
        optional("Subnets"),
        optional("SecurityGroupIds"),
    ];
    const V2_ONLY: bool = true;

    const RULES: &'static [RuleId] = RULES;

    fn configuration<'a>(&'a self, _cx: &ConfigCx<'a>) -> Vec<Entry<'a>> {
        let mut out = Vec::new();
        if let Some(t) = self.environment_type {
            out.push(Entry::owned(
                "EnvironmentType",
                Some("environment_type"),
                t.as_str().to_owned(),
            ));
        }
        if let Some(c) = self.compute {
            out.push(Entry::owned(
                "ComputeType",
                Some("compute"),
                c.as_str().to_owned(),
            ));
        }
        out.extend(Entry::of_opt("VpcId", "vpc", &self.vpc));
        out.extend(Entry::list("Subnets", "subnets", &self.subnets));
        out.extend(Entry::list(
            "SecurityGroupIds",
            "security_groups",
            &self.security_groups,
        ));
        out
    }

    fn check(&self, at: &At<'_>, _stream: &Stream, out: &mut Vec<Violation>) {
        self.check_commands(at, out);
        vpc_together(
            at,
            self.vpc.is_some(),
            &self.subnets,
            &self.security_groups,
            out,
        );
        self.check_variables(at, out);
        if self.environment_type == Some(EnvironmentType::Windows)
            && self.compute.unwrap_or_default() == ComputeType::Small
        {
            out.push(Violation::error(
                CP_CONF_18,
                at.loc(Field::Prop("compute")),
                "Windows containers do not run on the small compute type",
                "set `compute` to BUILD_GENERAL1_MEDIUM or larger",
            ));
        }
        if !self.files.is_empty() && at.action.outputs.is_empty() {
            out.push(Violation::error(
                CP_ART_3,
                at.loc(Field::Prop("files")),
                "output files need an output artifact to go into",
                "add an output artifact, or drop `files`",
            ));
        }
        if self.files.len() > 10
            || self
                .files
                .iter()
                .any(|f| f.is_empty() || f.chars().count() > 128)
        {
            out.push(Violation::error(
                CP_ART_3,
                at.loc(Field::Prop("files")),
                format!(
                    "an output artifact takes 1–10 file patterns of 1–128 characters, not {}",
                    self.files.len()
                ),
                "use fewer, broader patterns such as `dist/**/*`",
            ));
        }
    }

    fn grant(&self, cx: &mut ActionEmit<'_, '_>, _config: &[(String, Expr)]) {
        compute::pipeline_logs(cx);
        if self.vpc.is_some() {
            compute::vpc_access(cx, &self.subnets, &self.security_groups);
        }
        for secret in self.secrets.values() {
            cx.grants().allow(
                "ReadCommandSecrets",
                &["secretsmanager:GetSecretValue"],
                arn::secret_of(secret),
            );
        }
    }

    fn declare(&self, decl: &mut PipelineAction) {
        decl.commands = self.commands.clone();
        decl.output_variables = self.output_variables.clone();
        decl.environment_variables = declared_variables(&[
            ("PLAINTEXT", &self.environment),
            ("SECRETS_MANAGER", &self.secrets),
        ]);
        if let Some(output) = decl.output_artifacts.first_mut() {
            output.files = self.files.clone();
        }
    }
}

impl Commands {
    /// CP-TYPE-10: 1–50 commands, each one line of 1–1000 characters.
    fn check_commands(&self, at: &At<'_>, out: &mut Vec<Violation>) {
        let loc = at.loc(Field::Prop("commands"));
        if self.commands.is_empty() || self.commands.len() > 50 {
            out.push(Violation::error(
                CP_TYPE_10,
                loc.clone(),
                format!(
                    "a Commands action runs 1 to 50 commands, not {}",
                    self.commands.len()
                ),
                "list the shell commands to run, one per item",
            ));
        }
        for c in &self.commands {
            let len = c.chars().count();
            if len == 0 || len > 1000 || c.contains('\n') {
                out.push(Violation::error(
                    CP_TYPE_10,
                    loc.clone(),
                    format!("command {} is not one line of 1–1000 characters", quote(c)),
                    "split it into several commands, or move it into a script in the input artifact",
                ));
            }
        }
    }

    /// CP-TYPE-10, CP-TYPE-11, CP-NAME-8: output and environment variables.
    fn check_variables(&self, at: &At<'_>, out: &mut Vec<Violation>) {
        if self.output_variables.len() > 15
            || self
                .output_variables
                .iter()
                .any(|v| v.is_empty() || v.chars().count() > 128)
        {
            out.push(Violation::error(
                CP_TYPE_10,
                at.loc(Field::Prop("output_variables")),
                format!(
                    "a Commands action exports at most 15 variables of 1–128 characters, not {}",
                    self.output_variables.len()
                ),
                "export fewer variables",
            ));
        }
        declared_variable_checks(
            at,
            &[
                ("environment", &self.environment),
                ("secrets", &self.secrets),
            ],
            out,
        );
    }
}

/// CP-CONF-27: managed compute runs in a VPC with the VPC's id, subnets and security groups
/// all given, or none of them.
pub(crate) fn vpc_together(
    at: &At<'_>,
    vpc: bool,
    subnets: &[Text],
    security_groups: &[Text],
    out: &mut Vec<Violation>,
) {
    let given = [
        ("vpc", vpc),
        ("subnets", !subnets.is_empty()),
        ("security_groups", !security_groups.is_empty()),
    ];
    if given.iter().all(|(_, g)| *g) || given.iter().all(|(_, g)| !g) {
        return;
    }
    let missing: Vec<String> = given
        .iter()
        .filter(|(_, g)| !g)
        .map(|(k, _)| format!("`{k}`"))
        .collect();
    let first = given.iter().find(|(_, g)| *g).map_or("vpc", |(k, _)| *k);
    out.push(Violation::error(
        CP_CONF_27,
        at.loc(Field::Prop(first)),
        format!(
            "running in a VPC needs the VPC id, its subnets and its security groups; {} missing",
            missing.join(" and ")
        ),
        format!("set {}, or none of the three", missing.join(" and ")),
    ));
}

/// An action's environment variables by the property that holds them, each map with its
/// type (`PLAINTEXT`, `SECRETS_MANAGER`): the declaration's `EnvironmentVariables`.
pub(crate) fn declared_variables(
    maps: &[(&str, &BTreeMap<String, Text>)],
) -> Vec<serde_json::Value> {
    maps.iter()
        .flat_map(|(kind, vars)| {
            vars.iter()
                .map(move |(k, v)| json!({"Name": k, "Type": kind, "Value": v.to_expr()}))
        })
        .collect()
}

/// CP-TYPE-11, CP-NAME-8, CP-SEC-5: a declaration's environment variables (Commands, EKS):
/// at most 10, names of 1–128 letters, digits and `_`, literal values of 1–1000 characters,
/// each name once, and no plain variable named like a secret.
pub(crate) fn declared_variable_checks(
    at: &At<'_>,
    maps: &[(&'static str, &BTreeMap<String, Text>)],
    out: &mut Vec<Violation>,
) {
    let count: usize = maps.iter().map(|(_, m)| m.len()).sum();
    if count > 10 {
        out.push(Violation::error(
            CP_TYPE_11,
            at.loc(Field::Prop(maps[0].0)),
            format!("an action takes at most 10 environment variables, not {count}"),
            "pass the others through a file in the input artifact",
        ));
    }
    for (i, (prop, vars)) in maps.iter().enumerate() {
        for (name, value) in vars.iter() {
            let name_ok = (1..=128).contains(&name.len())
                && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
            if !name_ok {
                out.push(Violation::error(
                    CP_NAME_8,
                    at.loc(Field::Prop(prop)),
                    format!(
                        "environment variable name {} is not 1–128 letters, digits and '_'",
                        quote(name)
                    ),
                    "rename the variable",
                ));
            }
            if let Some(len) = value.as_str().map(|v| v.chars().count()) {
                if len == 0 || len > 1000 {
                    out.push(Violation::error(
                        CP_TYPE_11,
                        at.loc(Field::Prop(prop)),
                        format!("environment variable {} has a value of {len} characters; 1–1000 are allowed", quote(name)),
                        "give a value of 1 to 1000 characters",
                    ));
                }
            }
            if let Some((other, _)) = maps[..i].iter().find(|(_, m)| m.contains_key(name)) {
                out.push(Violation::error(
                    CP_NAME_8,
                    at.loc(Field::Prop(prop)),
                    format!(
                        "environment variable {} is set in `{other}` and in `{prop}`",
                        quote(name)
                    ),
                    "give each variable one value",
                ));
            }
        }
    }
    plain_secrets(at, maps[0], out);
}

/// CP-SEC-5: a plain variable whose name reads like a secret's (a password, token, key or
/// credential), which the console and the API show in plain text: a warning.
pub(crate) fn plain_secrets(
    at: &At<'_>,
    (prop, vars): (&'static str, &BTreeMap<String, Text>),
    out: &mut Vec<Violation>,
) {
    const SECRET_WORDS: &[&str] = &[
        "PASSWORD",
        "PASSWD",
        "SECRET",
        "TOKEN",
        "API_KEY",
        "APIKEY",
        "PRIVATE_KEY",
        "CREDENTIAL",
    ];
    for name in vars.keys() {
        let upper = name.to_ascii_uppercase();
        if SECRET_WORDS.iter().any(|w| upper.contains(w)) {
            out.push(Violation::warning(
                CP_SEC_5,
                at.loc(Field::Prop(prop)),
                format!("plain environment variable {} looks like a secret, which would be shown in plain text", quote(name)),
                "keep the value in Secrets Manager and pass it as a secret variable",
            ));
        }
    }
}
