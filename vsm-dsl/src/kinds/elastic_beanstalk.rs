//! `elastic_beanstalk`: a deploy of the input to an AWS Elastic Beanstalk environment.

use crate::catalogue::RuleId;
use crate::cfn::Expr;
use crate::diagnostic::{quote, Field, Violation};
use crate::kit::arn::{self, Part};
use crate::kit::shape::{Chars, Form};
use crate::kit::{kind, required, ActionEmit, Artifacts, ConfigCx, Entry, Kind};
use crate::kit::{At, Shape};
use crate::model::Text;
use crate::model::{ActionType, Category, Stream};

kind! {
    /// An Elastic Beanstalk deploy: the input artifact (a source bundle) becomes a new
    /// version of the application, which the environment then runs.
    #[kind(elastic_beanstalk, step)]
    pub struct ElasticBeanstalk {
        required {
            /// The Elastic Beanstalk application, 1–100 characters.
            application: Text,
            /// The environment of the application, 4–40 letters, digits and hyphens.
            environment: Text,
        }
    }
}

crate::catalogue::rules! {
    RULES:
    CP_CONF_30 = compile("CP-CONF-30", "Elastic Beanstalk names: application 1–100 characters; environment 4–40 letters, digits and hyphens, no hyphen at either end");
}

/// An Elastic Beanstalk application name (CP-CONF-30).
const APPLICATION: Shape = Shape {
    rule: CP_CONF_30,
    what: "Elastic Beanstalk application name",
    min: 1,
    max: 100,
    chars: None,
    form: None,
};

/// An Elastic Beanstalk environment name (CP-CONF-30), as [`environment_name`] reads one.
const ENVIRONMENT: Shape = Shape {
    rule: CP_CONF_30,
    what: "Elastic Beanstalk environment name",
    min: 4,
    max: 40,
    chars: Some(Chars {
        allowed: |c| c.is_ascii_alphanumeric() || c == '-',
        class: "A-Za-z0-9-",
        words: "letters, digits and '-', not at either end",
    }),
    form: Some(Form {
        pattern: "[A-Za-z0-9][A-Za-z0-9-]{2,38}[A-Za-z0-9]",
        accepts: environment_name,
        computed_only: false,
    }),
};

/// True for an environment name: 4–40 letters, digits and hyphens, no hyphen at either end.
fn environment_name(name: &str) -> bool {
    (4..=40).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !name.starts_with('-')
        && !name.ends_with('-')
}

impl Kind for ElasticBeanstalk {
    const TYPES: &'static [ActionType<'static>] =
        &[ActionType::aws(Category::Deploy, "ElasticBeanstalk")];
    const ARTIFACTS: Option<Artifacts> = Some(Artifacts {
        row: "CP-TYPE-M-18",
        inputs: (1, 1),
        outputs: (0, 0),
    });
    const CONFIG_KEYS: &'static [crate::kit::ConfigKeySpec] =
        &[required("ApplicationName"), required("EnvironmentName")];

    const RULES: &'static [RuleId] = RULES;
    const SHAPES: &'static [(&'static str, Shape)] =
        &[("application", APPLICATION), ("environment", ENVIRONMENT)];

    fn configuration<'a>(&'a self, _cx: &ConfigCx<'a>) -> Vec<Entry<'a>> {
        vec![
            Entry::of("ApplicationName", "application", &self.application),
            Entry::of("EnvironmentName", "environment", &self.environment),
        ]
    }

    fn check(&self, at: &At<'_>, _stream: &Stream, out: &mut Vec<Violation>) {
        for (prop, value, shape) in [
            ("application", &self.application, APPLICATION),
            ("environment", &self.environment, ENVIRONMENT),
        ] {
            let Some(name) = value.as_str() else { continue };
            if let Some(mut problem) = shape.problem(name) {
                if problem.starts_with("is not") {
                    problem = "starts or ends with '-'".to_owned();
                }
                out.push(Violation::error(
                    CP_CONF_30,
                    at.loc(Field::Prop(prop)),
                    format!("{} {} {problem}", shape.what, quote(name)),
                    shape.hint(),
                ));
            }
        }
    }

    fn grant(&self, cx: &mut ActionEmit<'_, '_>, _config: &[(String, Expr)]) {
        let app = Part::Val(&self.application);
        let g = cx.grants();
        // The new application version, from the input artifact.
        g.allow(
            "CreateBeanstalkVersions",
            &[
                "elasticbeanstalk:CreateApplicationVersion",
                "elasticbeanstalk:DescribeApplicationVersions",
            ],
            arn::regional_of(
                "elasticbeanstalk",
                &[Part::Lit("applicationversion/"), app, Part::Lit("/*")],
            ),
        );
        g.allow(
            "ReadBeanstalkApplications",
            &[
                "elasticbeanstalk:CreateApplicationVersion",
                "elasticbeanstalk:DescribeApplications",
            ],
            arn::regional_of("elasticbeanstalk", &[Part::Lit("application/"), app]),
        );
        // The environment that runs it.
        g.allow(
            "UpdateBeanstalkEnvironments",
            &[
                "elasticbeanstalk:DescribeEnvironments",
                "elasticbeanstalk:DescribeEnvironmentResources",
                "elasticbeanstalk:DescribeEvents",
                "elasticbeanstalk:UpdateEnvironment",
            ],
            arn::regional_of(
                "elasticbeanstalk",
                &[
                    Part::Lit("environment/"),
                    app,
                    Part::Lit("/"),
                    Part::Val(&self.environment),
                ],
            ),
        );
        // What Elastic Beanstalk does with the caller's permissions while it updates the
        // environment: its stack, Auto Scaling group and storage bucket, all named `awseb-`
        // or `elasticbeanstalk-` by Elastic Beanstalk.
        g.allow(
            "UpdateBeanstalkStacks",
            &[
                "cloudformation:CancelUpdateStack",
                "cloudformation:DescribeStackEvents",
                "cloudformation:DescribeStackResource",
                "cloudformation:DescribeStackResources",
                "cloudformation:DescribeStacks",
                "cloudformation:GetTemplate",
                "cloudformation:UpdateStack",
            ],
            arn::regional("cloudformation", "stack/awseb-*"),
        );
        g.allow(
            "ScaleBeanstalkInstances",
            &[
                "autoscaling:ResumeProcesses",
                "autoscaling:SuspendProcesses",
                "autoscaling:UpdateAutoScalingGroup",
            ],
            arn::regional(
                "autoscaling",
                "autoScalingGroup:*:autoScalingGroupName/awseb-*",
            ),
        );
        g.allow(
            "ReadBeanstalkStorage",
            &["s3:GetBucketLocation", "s3:ListBucket"],
            Expr::sub(
                "arn:${AWS::Partition}:s3:::elasticbeanstalk-${AWS::Region}-${AWS::AccountId}",
            ),
        );
        g.allow(
            "WriteBeanstalkStorage",
            &["s3:GetObject", "s3:PutObject"],
            Expr::sub(
                "arn:${AWS::Partition}:s3:::elasticbeanstalk-${AWS::Region}-${AWS::AccountId}/*",
            ),
        );
        g.allow_unscoped(
            "DescribeBeanstalkResources",
            &[
                "autoscaling:DescribeAutoScalingGroups",
                "autoscaling:DescribeLaunchConfigurations",
                "autoscaling:DescribeScalingActivities",
                "ec2:DescribeImages",
                "ec2:DescribeInstances",
                "elasticloadbalancing:DescribeInstanceHealth",
                "elasticloadbalancing:DescribeLoadBalancers",
                "elasticloadbalancing:DescribeTargetGroups",
                "elasticloadbalancing:DescribeTargetHealth",
            ],
        );
    }
}
