//! `ec2_deploy`: the input artifact deployed to tagged Linux EC2 instances or SSM managed
//! nodes through Systems Manager (V2 only).

use serde_json::json;

use crate::catalogue::RuleId;
use crate::cfn::Expr;
use crate::diagnostic::{quote, Field, Violation};
use crate::kit::arn::{self, Part};
use crate::kit::shape::{Chars, Form};
use crate::kit::{choice, compute, kind, optional, required, ActionEmit, Artifacts, ConfigCx};
use crate::kit::{At, Entry, Kind, Shape};
use crate::model::Text;
use crate::model::{ActionType, Category, Stream};

choice! {
    /// What an EC2 deploy deploys to.
    pub enum Ec2InstanceType {
        /// EC2 instances.
        #[default]
        Ec2 = "EC2",
        /// Nodes Systems Manager manages (EC2 instances or servers of your own).
        SsmManagedNode = "SSM_MANAGED_NODE",
    }
}

kind! {
    /// A deploy to Linux EC2 instances or SSM managed nodes found by tag (the SSM agent
    /// installed): the input artifact is copied to each, and scripts or a deploy spec run
    /// there, a batch of instances at a time, taken out of their target groups meanwhile. V2
    /// pipelines only.
    #[kind(ec2_deploy, step)]
    pub struct Ec2Deploy {
        required {
            /// The tag key that marks the instances.
            tag_key: Text,
            /// EC2 instances or SSM managed nodes.
            instance_type: Ec2InstanceType,
        }
        optional {
            /// The tag's value; any instance with the key when unset.
            tag_value: Option<Text>,
            /// With scripts: the absolute directory on the instance they run in.
            target_directory: Option<Text>,
            /// A deploy spec file in the input artifact, instead of scripts.
            deploy_spec: Option<Text>,
            /// A script in the input artifact run before the deploy phase.
            pre_script: Option<Text>,
            /// The script in the input artifact run after the deploy phase.
            post_script: Option<Text>,
            /// Instances deployed at once: a number, or a percentage such as `25%`.
            max_batch: Option<Text>,
            /// Failed instances after which the deploy stops: a number or a percentage.
            max_error: Option<Text>,
            /// Target groups the instances leave during their deploy.
            target_groups: Vec<Text>,
        }
    }
}

crate::catalogue::rules! {
    RULES:
    CP_CONF_36 = compile("CP-CONF-36", "EC2 deploy: a literal tag key; scripts (a post script and an absolute target directory) or a deploy spec, not both; batch and error limits a number or 1–100%; target group names");
}

/// True for a batch or error limit: a whole number of at least 1, or 1–100 with `%`.
fn is_limit(text: &str) -> bool {
    let (digits, percent) = match text.strip_suffix('%') {
        Some(d) => (d, true),
        None => (text, false),
    };
    let number = !digits.is_empty()
        && !digits.starts_with('0')
        && digits.bytes().all(|b| b.is_ascii_digit());
    number && (!percent || digits.len() < 3 || digits == "100")
}

/// True for a target group name: 1–32 letters, digits and `-`, no `-` at either end.
fn is_target_group(name: &str) -> bool {
    (1..=32).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !name.starts_with('-')
        && !name.ends_with('-')
}

/// A batch or error limit (CP-CONF-36).
const LIMIT: Shape = Shape {
    rule: CP_CONF_36,
    what: "number of instances or percentage",
    min: 1,
    max: 1000,
    chars: None,
    form: Some(Form {
        pattern: "[1-9][0-9]*|[1-9][0-9]?%|100%",
        accepts: is_limit,
        computed_only: false,
    }),
};

/// What the values a template parameter may feed must be (CP-CONF-36).
const SHAPES: &[(&str, Shape)] = &[
    (
        "target_directory",
        Shape {
            rule: CP_CONF_36,
            what: "absolute path",
            min: 1,
            max: 1000,
            chars: None,
            form: Some(Form {
                pattern: r"/[\s\S]*",
                accepts: |d| d.starts_with('/'),
                computed_only: false,
            }),
        },
    ),
    ("max_batch", LIMIT),
    ("max_error", LIMIT),
    (
        "target_groups",
        Shape {
            rule: CP_CONF_36,
            what: "target group name",
            min: 1,
            max: 32,
            chars: Some(Chars {
                allowed: |c| c.is_ascii_alphanumeric() || c == '-',
                class: "A-Za-z0-9-",
                words: "letters, digits and '-'",
            }),
            form: Some(Form {
                pattern: "[A-Za-z0-9]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?",
                accepts: is_target_group,
                computed_only: false,
            }),
        },
    ),
];

impl Kind for Ec2Deploy {
    const TYPES: &'static [ActionType<'static>] = &[ActionType::aws(Category::Deploy, "EC2")];
    const ARTIFACTS: Option<Artifacts> = Some(Artifacts {
        row: "CP-TYPE-M-22",
        inputs: (1, 1),
        outputs: (0, 0),
    });
    const CONFIG_KEYS: &'static [crate::kit::ConfigKeySpec] = &[
        required("InstanceTagKey"),
        optional("InstanceTagValue"),
        required("InstanceType"),
        optional("TargetDirectory"),
        optional("DeploySpec"),
        optional("MaxBatch"),
        optional("MaxError"),
        optional("TargetGroupNameList"),
        optional("PreScript"),
        optional("PostScript"),
    ];
    const V2_ONLY: bool = true;

    const RULES: &'static [RuleId] = RULES;
    const SHAPES: &'static [(&'static str, Shape)] = SHAPES;

    fn configuration<'a>(&'a self, _cx: &ConfigCx<'a>) -> Vec<Entry<'a>> {
        let mut out = vec![Entry::of("InstanceTagKey", "tag_key", &self.tag_key)];
        out.extend(Entry::of_opt(
            "InstanceTagValue",
            "tag_value",
            &self.tag_value,
        ));
        out.push(Entry::owned(
            "InstanceType",
            Some("instance_type"),
            self.instance_type.as_str().to_owned(),
        ));
        for (key, prop, value) in [
            (
                "TargetDirectory",
                "target_directory",
                &self.target_directory,
            ),
            ("DeploySpec", "deploy_spec", &self.deploy_spec),
            ("MaxBatch", "max_batch", &self.max_batch),
            ("MaxError", "max_error", &self.max_error),
        ] {
            out.extend(Entry::of_opt(key, prop, value));
        }
        out.extend(Entry::list(
            "TargetGroupNameList",
            "target_groups",
            &self.target_groups,
        ));
        out.extend(Entry::of_opt("PreScript", "pre_script", &self.pre_script));
        out.extend(Entry::of_opt(
            "PostScript",
            "post_script",
            &self.post_script,
        ));
        out
    }

    fn check(&self, at: &At<'_>, _stream: &Stream, out: &mut Vec<Violation>) {
        let mut report = |prop: &'static str, message: String, hint: &str| {
            out.push(Violation::error(
                CP_CONF_36,
                at.loc(Field::Prop(prop)),
                message,
                hint,
            ));
        };
        match self.tag_key.as_str() {
            None => report(
                "tag_key",
                "the tag key is computed, but the grant to run commands names it in its condition"
                    .to_owned(),
                "write the tag key literally; a parameter may give its value",
            ),
            Some(key) if !(1..=128).contains(&key.chars().count()) => report(
                "tag_key",
                format!("tag key {} is not 1–128 characters long", quote(key)),
                "name the tag the instances carry",
            ),
            _ => {}
        }
        let scripts = [
            ("target_directory", self.target_directory.is_some()),
            ("pre_script", self.pre_script.is_some()),
            ("post_script", self.post_script.is_some()),
        ];
        if self.deploy_spec.is_some() {
            for (prop, set) in scripts {
                if set {
                    report(
                        prop,
                        format!("a deploy with a deploy spec takes no `{prop}`"),
                        "name the scripts in the deploy spec, or drop `deploy_spec`",
                    );
                }
            }
        } else {
            for (prop, set) in [scripts[0], scripts[2]] {
                if !set {
                    report(
                        prop,
                        format!("a deploy without a deploy spec needs `{prop}`"),
                        "give the post script and the directory it runs in, or a `deploy_spec`",
                    );
                }
            }
        }
        if let Some(dir) = self.target_directory.as_ref().and_then(Text::as_str) {
            if !dir.starts_with('/') {
                report(
                    "target_directory",
                    format!("target directory {} is not an absolute path", quote(dir)),
                    "start it with '/', such as /home/ec2-user/deploy",
                );
            }
        }
        for (prop, value) in [
            ("max_batch", &self.max_batch),
            ("max_error", &self.max_error),
        ] {
            if let Some(v) = value.as_ref().and_then(Text::as_str) {
                if !is_limit(v) {
                    report(
                        prop,
                        format!(
                            "{prop} {} is not a number of instances or a percentage",
                            quote(v)
                        ),
                        "give a whole number of at least 1, or 1% to 100%",
                    );
                }
            }
        }
        for name in self.target_groups.iter().filter_map(Text::as_str) {
            if !is_target_group(name) {
                report(
                    "target_groups",
                    format!("target group {} is not a target group name", quote(name)),
                    "use 1 to 32 letters, digits and '-', not starting or ending with '-'",
                );
            }
        }
    }

    fn grant(&self, cx: &mut ActionEmit<'_, '_>, _config: &[(String, Expr)]) {
        compute::pipeline_logs(cx);
        let g = cx.grants();
        g.allow_unscoped(
            "WatchInstanceDeploys",
            &[
                "ec2:DescribeInstances",
                "elasticloadbalancing:DescribeTargetGroupAttributes",
                "elasticloadbalancing:DescribeTargetGroups",
                "elasticloadbalancing:DescribeTargetHealth",
                "ssm:CancelCommand",
                "ssm:DescribeInstanceInformation",
                "ssm:ListCommandInvocations",
            ],
        );
        if let Some(key) = self.tag_key.as_str() {
            let tag = format!("aws:ResourceTag/{key}");
            let condition = match &self.tag_value {
                Some(value) => json!({"StringEquals": {tag: value}}),
                None => json!({"Null": {tag: "false"}}),
            };
            let mut targets = vec![arn::regional("ec2", "instance/*")];
            if self.instance_type == Ec2InstanceType::SsmManagedNode {
                targets.push(arn::regional("ssm", "managed-instance/*"));
            }
            for target in targets {
                g.allow_if(
                    "RunCommandsOnTaggedInstances",
                    &["ssm:SendCommand"],
                    target,
                    Some(condition.clone()),
                );
            }
        }
        for document in ["AWS-RunPowerShellScript", "AWS-RunShellScript"] {
            g.allow(
                "RunDeployDocuments",
                &["ssm:SendCommand"],
                Expr::sub(format!(
                    "arn:${{AWS::Partition}}:ssm:${{AWS::Region}}::document/{document}"
                )),
            );
        }
        for group in &self.target_groups {
            g.allow(
                "MoveTargets",
                &[
                    "elasticloadbalancing:DeregisterTargets",
                    "elasticloadbalancing:RegisterTargets",
                ],
                arn::regional_of(
                    "elasticloadbalancing",
                    &[Part::Lit("targetgroup/"), Part::Val(group), Part::Lit("/*")],
                ),
            );
        }
    }
}
