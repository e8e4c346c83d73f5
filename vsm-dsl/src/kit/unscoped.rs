//! The IAM actions that have no resource-level permissions: the only ones a template grants on
//! `Resource: "*"` (the pipeline role's own grants, the mock function's role, and the custom
//! kind's permissions, CP-SEC-19).

/// `(action, the AWS Service Authorization Reference page that lists it without a resource
/// type)`. Each page's "Actions defined by ..." table leaves the action's resource-type column
/// empty, which means the action cannot be scoped to a resource; cfn-lint's copy of that
/// reference (`cfnlint/data/AdditionalSpecs/Policies.json`) agrees, which
/// `tests/prove.rs` checks.
pub const UNSCOPED_ACTIONS: &[(&str, &str)] = &[
    // "Actions defined by Amazon EC2 Auto Scaling": the Describe calls of an Elastic
    // Beanstalk deploy.
    (
        "autoscaling:DescribeAutoScalingGroups",
        "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2autoscaling.html",
    ),
    (
        "autoscaling:DescribeLaunchConfigurations",
        "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2autoscaling.html",
    ),
    (
        "autoscaling:DescribeScalingActivities",
        "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2autoscaling.html",
    ),
    // "Actions defined by AWS CloudFormation": CreateStackSet and ValidateTemplate.
    (
        "cloudformation:CreateStackSet",
        "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscloudformation.html",
    ),
    (
        "cloudformation:ValidateTemplate",
        "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscloudformation.html",
    ),
    // "Actions defined by AWS CodeDeploy": ListDeploymentConfigs.
    (
        "codedeploy:ListDeploymentConfigs",
        "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscodedeploy.html",
    ),
    // "Actions defined by AWS CodePipeline": the job-result calls of job workers.
    (
        "codepipeline:PutJobFailureResult",
        "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscodepipeline.html",
    ),
    (
        "codepipeline:PutJobSuccessResult",
        "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscodepipeline.html",
    ),
    // "Actions defined by Amazon EC2": the Describe calls managed compute makes in a VPC and
    // those of Elastic Beanstalk and EC2 deploys.
    (
        "ec2:DescribeDhcpOptions",
        "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html",
    ),
    (
        "ec2:DescribeImages",
        "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html",
    ),
    (
        "ec2:DescribeInstances",
        "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html",
    ),
    (
        "ec2:DescribeNetworkInterfaces",
        "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html",
    ),
    (
        "ec2:DescribeSecurityGroups",
        "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html",
    ),
    (
        "ec2:DescribeSubnets",
        "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html",
    ),
    (
        "ec2:DescribeVpcs",
        "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html",
    ),
    // "Actions defined by Amazon Elastic Container Registry" and "... Amazon ECR Public":
    // GetAuthorizationToken, which logs Docker in to a registry.
    (
        "ecr:GetAuthorizationToken",
        "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerregistry.html",
    ),
    (
        "ecr-public:GetAuthorizationToken",
        "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerregistrypublic.html",
    ),
    // "Actions defined by Amazon Elastic Container Service": DescribeTaskDefinition.
    (
        "ecs:DescribeTaskDefinition",
        "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerservice.html",
    ),
    // "Actions defined by Elastic Load Balancing" (V1 and V2 share the prefix): the Describe
    // calls of an Elastic Beanstalk deploy and of an EC2 deploy.
    (
        "elasticloadbalancing:DescribeInstanceHealth",
        "https://docs.aws.amazon.com/service-authorization/latest/reference/list_elasticloadbalancing.html",
    ),
    (
        "elasticloadbalancing:DescribeLoadBalancers",
        "https://docs.aws.amazon.com/service-authorization/latest/reference/list_elasticloadbalancingv2.html",
    ),
    (
        "elasticloadbalancing:DescribeTargetGroupAttributes",
        "https://docs.aws.amazon.com/service-authorization/latest/reference/list_elasticloadbalancingv2.html",
    ),
    (
        "elasticloadbalancing:DescribeTargetGroups",
        "https://docs.aws.amazon.com/service-authorization/latest/reference/list_elasticloadbalancingv2.html",
    ),
    (
        "elasticloadbalancing:DescribeTargetHealth",
        "https://docs.aws.amazon.com/service-authorization/latest/reference/list_elasticloadbalancingv2.html",
    ),
    // "Actions defined by Amazon Inspector Scan": ScanSbom.
    (
        "inspector-scan:ScanSbom",
        "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoninspectorscan.html",
    ),
    // "Actions defined by AWS Organizations": ListDelegatedAdministrators.
    (
        "organizations:ListDelegatedAdministrators",
        "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsorganizations.html",
    ),
    // "Actions defined by AWS Systems Manager": the Run Command calls an EC2 deploy watches
    // and cancels its commands with.
    (
        "ssm:CancelCommand",
        "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssystemsmanager.html",
    ),
    (
        "ssm:DescribeInstanceInformation",
        "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssystemsmanager.html",
    ),
    (
        "ssm:ListCommandInvocations",
        "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssystemsmanager.html",
    ),
    // "Actions defined by AWS Security Token Service": GetServiceBearerToken, which ECR Public's
    // login needs.
    (
        "sts:GetServiceBearerToken",
        "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecuritytokenservice.html",
    ),
];

/// True when the action has no resource-level permissions (it is in [`UNSCOPED_ACTIONS`]).
pub fn is_unscoped(action: &str) -> bool {
    UNSCOPED_ACTIONS.iter().any(|(a, _)| *a == action)
}
