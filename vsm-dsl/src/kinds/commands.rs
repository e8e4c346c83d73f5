//! `commands`: shell commands run by CodePipeline on managed CodeBuild compute (V2 only).

use serde_json::json;
use std::collections::BTreeMap;

use crate::catalogue::RuleId;
use crate::cfn::{Expr, PipelineAction};
use crate::diagnostic::{quote, Field, Violation};
use crate::kinds::ComputeType;
use crate::kit::arn::{self};
use crate::kit::At;
use crate::kit::{
    choice, grant_command_logs, kind, optional, ActionEmit, Artifacts, ConfigCx, Entry, Kind,
};
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
            environment: BTreeMap<String, String>,
            /// Environment variables read from Secrets Manager, by name: the secret's name or
            /// ARN, with `:json-key` to pick one key.
            secrets: BTreeMap<String, String>,
            /// Linux or Windows; Linux when unset.
            environment_type: Option<EnvironmentType>,
            /// The compute size; `BUILD_GENERAL1_SMALL` when unset.
            compute: Option<ComputeType>,
        }
    }
}

crate::catalogue::rules! {
    RULES:
    CP_TYPE_10 = compile("CP-TYPE-10", "Commands: 1–50 single-line commands of 1–1000 characters; at most 15 output variables");
    CP_TYPE_11 = compile("CP-TYPE-11", "at most 10 environment variables, values 1–1000 characters");
    CP_NAME_8 = compile("CP-NAME-8", "environment variable names: 1–128 of [A-Za-z0-9_]");
    CP_CONF_18 = compile("CP-CONF-18", "Commands: Windows containers need more than the small compute type");
    CP_ART_3 = compile("CP-ART-3", "output files: 1–10 patterns of 1–128 characters, on an output artifact");
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
        out
    }

    fn check(&self, at: &At<'_>, _stream: &Stream, out: &mut Vec<Violation>) {
        self.check_commands(at, out);
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
        let name = cx.stream().name.clone();
        let g = cx.grants();
        grant_command_logs(g, &name);
        for secret in self.secrets.values() {
            g.allow(
                "ReadCommandSecrets",
                &["secretsmanager:GetSecretValue"],
                secret_arn(secret),
            );
        }
    }

    fn declare(&self, decl: &mut PipelineAction) {
        decl.commands = self.commands.clone();
        decl.output_variables = self.output_variables.clone();
        let vars = self
            .environment
            .iter()
            .map(|(k, v)| json!({"Name": k, "Type": "PLAINTEXT", "Value": v}))
            .chain(
                self.secrets
                    .iter()
                    .map(|(k, v)| json!({"Name": k, "Type": "SECRETS_MANAGER", "Value": v})),
            );
        decl.environment_variables = vars.collect();
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
        let count = self.environment.len() + self.secrets.len();
        if count > 10 {
            out.push(Violation::error(
                CP_TYPE_11,
                at.loc(Field::Prop("environment")),
                format!("an action takes at most 10 environment variables, not {count}"),
                "pass the others through a file in the input artifact",
            ));
        }
        for (prop, vars) in [
            ("environment", &self.environment),
            ("secrets", &self.secrets),
        ] {
            for (name, value) in vars {
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
                let len = value.chars().count();
                if len == 0 || len > 1000 {
                    out.push(Violation::error(
                        CP_TYPE_11,
                        at.loc(Field::Prop(prop)),
                        format!("environment variable {} has a value of {len} characters; 1–1000 are allowed", quote(name)),
                        "give a value of 1 to 1000 characters",
                    ));
                }
            }
        }
    }
}

/// A Secrets Manager secret given by ARN or by name (`name:json-key` picks one key of it):
/// a name matches the secret's ARN, which ends in six random characters.
fn secret_arn(secret: &str) -> Expr {
    if secret.starts_with("arn:") {
        // `arn:...:secret:name-AbCdEf:json-key:...` → the secret itself.
        let parts: Vec<&str> = secret.splitn(8, ':').collect();
        return Expr::str(parts[..parts.len().min(7)].join(":"));
    }
    let name = secret.split(':').next().unwrap_or(secret);
    arn::regional("secretsmanager", &format!("secret:{name}-??????"))
}
