//! `cloudformation`: a CloudFormation stack deploy.

use crate::catalogue::{CP_ART_6, CP_CONF_4, CP_CONF_5, CP_CONF_6};
use serde_json::json;

use crate::cfn::Expr;
use crate::diagnostic::{Field, Violation};
use crate::kit::arn::{self, Part};
use crate::kit::pascal;
use crate::kit::shape;
use crate::kit::{
    choice, kind, optional, required, ActionEmit, Artifacts, ConfigCx, Entry, Kind, ParamSpec,
};
use crate::kit::{conflict, is_role_arn, parameter_name, At, Shape};
use crate::model::Text;
use crate::model::{ActionType, Category, Stream};

/// Allowed pattern of a role ARN parameter.
pub(crate) const ROLE_PATTERN: &str = "arn:aws[a-z-]*:iam::[0-9]{12}:role/.+";

choice! {
    /// CloudFormation action modes (CP-CONF-4).
    pub enum CfnActionMode {
        /// Create or update the stack.
        #[default]
        CreateUpdate = "CREATE_UPDATE",
        /// Delete the stack.
        DeleteOnly = "DELETE_ONLY",
        /// Delete and recreate a failed stack.
        ReplaceOnFailure = "REPLACE_ON_FAILURE",
        /// Create or replace a change set.
        ChangeSetReplace = "CHANGE_SET_REPLACE",
        /// Execute a change set.
        ChangeSetExecute = "CHANGE_SET_EXECUTE",
    }
}

impl CfnActionMode {
    /// Modes that need a role for CloudFormation to assume.
    pub fn needs_role(self) -> bool {
        !matches!(self, Self::ChangeSetExecute)
    }

    /// Modes that need a template path.
    pub fn needs_template(self) -> bool {
        matches!(
            self,
            Self::CreateUpdate | Self::ReplaceOnFailure | Self::ChangeSetReplace
        )
    }

    /// Modes that work on a change set.
    pub fn needs_change_set(self) -> bool {
        matches!(self, Self::ChangeSetReplace | Self::ChangeSetExecute)
    }
}

choice! {
    /// Stack capabilities a CloudFormation deploy acknowledges.
    pub enum Capability {
        /// The stack creates IAM resources.
        #[default]
        Iam = "CAPABILITY_IAM",
        /// The stack creates named IAM resources.
        NamedIam = "CAPABILITY_NAMED_IAM",
        /// The stack uses macros or nested stacks.
        AutoExpand = "CAPABILITY_AUTO_EXPAND",
    }
}

kind! {
    /// A CloudFormation deploy of one stack, in the pipeline's account and Region or the
    /// action's.
    #[kind(cloudformation, step)]
    pub struct CloudFormation {
        required {
            /// The stack to deploy.
            stack: Text,
        }
        optional {
            /// The action mode; `CREATE_UPDATE` when unset.
            mode: Option<CfnActionMode>,
            /// The template as `Artifact::path`; the artifact becomes an input of the action.
            template: Option<String>,
            /// A template configuration file as `Artifact::path` (parameters, tags, stack policy).
            template_configuration: Option<String>,
            /// The capabilities the stack needs.
            capabilities: Vec<Capability>,
            /// A literal ARN of the role CloudFormation assumes (instead of `role_parameter`).
            role_arn: Option<Text>,
            /// The template parameter holding that role's ARN; a parameter named after the stage
            /// and action when neither is set.
            role_parameter: Option<String>,
            /// The change set's name (change-set modes).
            change_set: Option<Text>,
            /// `ParameterOverrides`: a JSON object of at most 1 KB.
            parameter_overrides: Option<Text>,
            /// A file in the output artifact that receives the stack's outputs as JSON.
            output_file: Option<String>,
        }
    }
}

impl CloudFormation {
    /// The mode as emitted.
    pub fn mode(&self) -> CfnActionMode {
        self.mode.unwrap_or_default()
    }
}

/// Splits `Artifact::path` into its parts, when both are there.
pub fn artifact_path(text: &str) -> Option<(&str, &str)> {
    text.split_once("::")
        .filter(|(a, p)| !a.is_empty() && !p.is_empty())
}

/// The parameter a CloudFormation deploy's role comes from when the stream names none.
pub(crate) fn default_role_parameter(stage: &str, action: &str) -> String {
    format!("{}{}RoleArn", pascal(stage), pascal(action))
}

impl Kind for CloudFormation {
    const TYPES: &'static [ActionType<'static>] =
        &[ActionType::aws(Category::Deploy, "CloudFormation")];
    const ARTIFACTS: Option<Artifacts> = Some(Artifacts {
        row: "CP-TYPE-M-12",
        inputs: (0, 10),
        outputs: (0, 1),
    });
    const CONFIG_KEYS: &'static [crate::kit::ConfigKeySpec] = &[
        required("ActionMode"),
        required("StackName"),
        optional("TemplatePath"),
        optional("TemplateConfiguration"),
        optional("Capabilities"),
        optional("RoleArn"),
        optional("ChangeSetName"),
        optional("ParameterOverrides"),
        optional("OutputFileName"),
    ];

    const SHAPES: &'static [(&'static str, Shape)] = &[("role_arn", shape::role_arn(CP_CONF_6))];

    fn configuration<'a>(&'a self, cx: &ConfigCx<'a>) -> Vec<Entry<'a>> {
        let mut out = vec![
            Entry::owned("ActionMode", Some("mode"), self.mode().as_str().to_owned()),
            Entry::of("StackName", "stack", &self.stack),
        ];
        out.extend(Entry::opt("TemplatePath", "template", &self.template));
        out.extend(Entry::opt(
            "TemplateConfiguration",
            "template_configuration",
            &self.template_configuration,
        ));
        out.extend(Entry::words(
            "Capabilities",
            "capabilities",
            self.capabilities.iter().map(|c| c.as_str()),
        ));
        if self.mode().needs_role() {
            out.push(self.role(cx));
        } else if let Some(arn) = &self.role_arn {
            // Executing a change set runs with the role it was created with; CodePipeline
            // takes a RoleArn written there all the same.
            out.push(Entry::of("RoleArn", "role_arn", arn));
        }
        out.extend(Entry::of_opt(
            "ChangeSetName",
            "change_set",
            &self.change_set,
        ));
        out.extend(Entry::of_opt(
            "ParameterOverrides",
            "parameter_overrides",
            &self.parameter_overrides,
        ));
        out.extend(Entry::opt(
            "OutputFileName",
            "output_file",
            &self.output_file,
        ));
        out
    }

    fn implied_inputs(&self) -> Vec<(&'static str, &str)> {
        [
            ("TemplatePath", &self.template),
            ("TemplateConfiguration", &self.template_configuration),
        ]
        .into_iter()
        .filter_map(|(k, t)| t.as_deref().and_then(artifact_path).map(|(a, _)| (k, a)))
        .collect()
    }

    fn check(&self, at: &At<'_>, _stream: &Stream, out: &mut Vec<Violation>) {
        conflict(
            at,
            ("role_arn", &self.role_arn),
            ("role_parameter", &self.role_parameter),
            out,
        );
        self.check_mode(at, out);
        for (key, prop, value) in [
            ("TemplatePath", "template", &self.template),
            (
                "TemplateConfiguration",
                "template_configuration",
                &self.template_configuration,
            ),
        ] {
            if let Some(t) = value.as_deref().filter(|t| artifact_path(t).is_none()) {
                out.push(Violation::error(
                    CP_ART_6,
                    at.loc(Field::Prop(prop)),
                    format!("{key} {} is not of the form Artifact::path", crate::diagnostic::quote(t)),
                    "write the input artifact's name, `::`, and the file's path in it, such as `App::template.yaml`",
                ));
            }
        }
        if let Some(arn) = self.role_arn.as_ref().and_then(Text::as_str) {
            if !is_role_arn(arn) {
                out.push(Violation::error(
                    CP_CONF_6,
                    at.loc(Field::Prop("role_arn")),
                    format!("{} is not an IAM role ARN", crate::diagnostic::quote(arn)),
                    "write arn:aws:iam::123456789012:role/NAME, or take the role from a template parameter",
                ));
            }
        }
        if let Some(p) = &self.role_parameter {
            parameter_name(at, p, "role_parameter", out);
        }
        if let Some(p) = self.parameter_overrides.as_ref().and_then(Text::as_str) {
            overrides(at, p, out);
        }
    }

    fn grant(&self, cx: &mut ActionEmit<'_, '_>, config: &[(String, Expr)]) {
        let g = cx.grants();
        g.allow(
            "DeployStacks",
            &[
                "cloudformation:CreateChangeSet",
                "cloudformation:CreateStack",
                "cloudformation:DeleteChangeSet",
                "cloudformation:DeleteStack",
                "cloudformation:DescribeChangeSet",
                "cloudformation:DescribeStacks",
                "cloudformation:ExecuteChangeSet",
                "cloudformation:SetStackPolicy",
                "cloudformation:UpdateStack",
            ],
            arn::regional_of(
                "cloudformation",
                &[Part::Lit("stack/"), Part::Val(&self.stack), Part::Lit("/*")],
            ),
        );
        g.allow_unscoped("ValidateTemplates", &["cloudformation:ValidateTemplate"]);
        if let Some(role) =
            crate::kit::emitted(config, "RoleArn").filter(|_| self.mode().needs_role())
        {
            g.allow_if(
                "PassDeployRoles",
                &["iam:PassRole"],
                role,
                Some(json!({"StringEquals": {"iam:PassedToService": "cloudformation.amazonaws.com"}})),
            );
        }
    }
}

impl CloudFormation {
    fn role(&self, cx: &ConfigCx<'_>) -> Entry<'_> {
        if let Some(arn) = &self.role_arn {
            return Entry::of("RoleArn", "role_arn", arn);
        }
        // In another account, CloudFormation's role there, which that account's template
        // creates.
        if let Some(role) = self
            .role_parameter
            .is_none()
            .then(|| crate::kit::topology::deploy_role(cx.stream, cx.action))
            .flatten()
        {
            return Entry {
                key: "RoleArn",
                prop: None,
                value: crate::kit::ConfigValue::Expr(role),
            };
        }
        let name = self
            .role_parameter
            .clone()
            .unwrap_or_else(|| default_role_parameter(&cx.stage.name, &cx.action.name));
        Entry::param(
            "RoleArn",
            self.role_parameter.as_ref().map(|_| "role_parameter"),
            ParamSpec {
                name,
                description: format!(
                    "ARN of the role CloudFormation assumes for action {:?} of stage {:?}",
                    cx.action.name, cx.stage.name
                ),
                pattern: ROLE_PATTERN,
                takes: "a role ARN",
                named_by: "role_parameter",
            },
        )
    }

    /// CP-CONF-4: what each mode needs.
    fn check_mode(&self, at: &At<'_>, out: &mut Vec<Violation>) {
        let mode = self.mode();
        if mode.needs_template() && self.template.is_none() {
            out.push(Violation::error(
                CP_CONF_4,
                at.loc(Field::Prop("template")),
                format!("action mode {} needs a template path", mode.as_str()),
                "give the template as `Artifact::path/to/template.yaml`",
            ));
        }
        if mode.needs_change_set() && self.change_set.is_none() {
            out.push(Violation::error(
                CP_CONF_4,
                at.loc(Field::Prop("change_set")),
                format!("action mode {} needs a change set name", mode.as_str()),
                "set the change set name",
            ));
        }
    }
}

/// CP-CONF-5: `ParameterOverrides` is a JSON object of at most 1 KB.
fn overrides(at: &At<'_>, text: &str, out: &mut Vec<Violation>) {
    let problem = if text.len() > 1024 {
        format!(
            "parameter overrides are {} bytes long; the limit is 1 KB",
            text.len()
        )
    } else {
        match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(text) {
            Err(e) => format!("parameter overrides are not a JSON object: {e}"),
            Ok(_) => return,
        }
    };
    out.push(Violation::error(
        CP_CONF_5,
        at.loc(Field::Prop("parameter_overrides")),
        problem,
        "write a JSON object of at most 1024 bytes, such as {\"Stage\":\"prod\"}",
    ));
}
