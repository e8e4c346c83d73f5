//! What the actions that run on CodePipeline's managed compute share (Commands, EKS, EC2,
//! ECR build-and-publish, Inspector scans): the pipeline's log group and access to a VPC.

use serde_json::json;

use super::arn::{self, Part};
use super::emit::ActionEmit;
use crate::model::Text;

/// CloudWatch Logs writes on the log group CodePipeline's managed compute writes to,
/// `/aws/codepipeline/<pipeline>`, and its streams.
pub(crate) fn pipeline_logs(cx: &mut ActionEmit<'_, '_>) {
    let name = &cx.stream().name;
    let g = cx.grants();
    for tail in ["", ":*"] {
        let resource = arn::regional_of(
            "logs",
            &[
                Part::Lit("log-group:/aws/codepipeline/"),
                Part::Val(name),
                Part::Lit(tail),
            ],
        );
        g.allow(
            "WriteComputeLogs",
            &[
                "logs:CreateLogGroup",
                "logs:CreateLogStream",
                "logs:PutLogEvents",
            ],
            resource,
        );
    }
}

/// What managed compute needs to run in a VPC: describing the network (no resource type),
/// creating network interfaces in the given subnets with the given security groups, letting
/// CodeBuild attach them, and deleting them.
pub(crate) fn vpc_access(cx: &mut ActionEmit<'_, '_>, subnets: &[Text], security_groups: &[Text]) {
    let g = cx.grants();
    g.allow_unscoped(
        "DescribeNetworks",
        &[
            "ec2:DescribeDhcpOptions",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeSecurityGroups",
            "ec2:DescribeSubnets",
            "ec2:DescribeVpcs",
        ],
    );
    let interfaces = arn::regional("ec2", "network-interface/*");
    g.allow(
        "ManageNetworkInterfaces",
        &["ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface"],
        interfaces.clone(),
    );
    for (what, ids) in [("subnet/", subnets), ("security-group/", security_groups)] {
        for id in ids {
            g.allow(
                "ManageNetworkInterfaces",
                &["ec2:CreateNetworkInterface"],
                arn::regional_of("ec2", &[Part::Lit(what), Part::Val(id)]),
            );
        }
    }
    g.allow_if(
        "LetCodeBuildAttachInterfaces",
        &["ec2:CreateNetworkInterfacePermission"],
        interfaces,
        Some(json!({"StringEquals": {"ec2:AuthorizedService": "codebuild.amazonaws.com"}})),
    );
}
