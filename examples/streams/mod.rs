//! The streams the examples share (also read by the tests).
#![allow(dead_code)]

use vsm::builder::{
    approval, cloudformation, codebuild, commands, connection, mock, rule, step_functions,
    StageCondition,
};
use vsm::kinds::{Capability, CodeBuildCategory, GitProvider};
use vsm::time::{days, hours, mins};
use vsm::ValueStream;

/// The stream mock-pipeline models: its four stages, with their exact action names and
/// parallel/sequential shape, after a Source stage and a Build stage.
pub fn mock_pipeline() -> ValueStream {
    ValueStream::builder("mock-pipeline")
        .source("Source", |s| {
            s.action(
                connection(
                    "Source",
                    GitProvider::GitHub,
                    "stelligent/mock-pipeline",
                    "master",
                )
                .outputs(["SourceOutput"])
                .process(mins(15))
                .wait(hours(2))
                .ca(95.0),
            )
        })
        .stage("Build", |s| {
            s.action(mock("Artifact").process(mins(10)).wait(mins(5)).ca(97.0))
                .then()
                .action(mock("Image").process(mins(8)).wait(mins(2)).ca(99.0))
        })
        .stage("AcceptanceTesting", |s| {
            s.action(
                mock("ProvisionEnvironment")
                    .process(mins(20))
                    .wait(hours(1))
                    .ca(95.0),
            )
            .action(
                mock("InfrastructureAnalysis")
                    .process(mins(15))
                    .wait(hours(1))
                    .ca(98.0),
            )
            .then()
            .action(
                mock("ConfigureEnvironment")
                    .process(mins(30))
                    .wait(mins(30))
                    .ca(90.0),
            )
            .then()
            .action(
                mock("AcceptanceTests")
                    .process(mins(45))
                    .wait(mins(10))
                    .ca(85.0),
            )
            .action(
                mock("IntegrationTests")
                    .process(mins(40))
                    .wait(mins(10))
                    .ca(90.0),
            )
            .then()
            .action(mock("DeployApp").process(mins(15)).wait(hours(1)).ca(95.0))
            .then()
            .action(
                mock("DeploymentTest")
                    .process(mins(10))
                    .wait(mins(5))
                    .ca(97.0),
            )
        })
        .stage("Capacity", |s| {
            s.action(mock("PenTest").process(hours(4)).wait(days(2)).ca(90.0))
                .action(
                    mock("PerformanceTest")
                        .process(hours(2))
                        .wait(days(1))
                        .ca(92.0),
                )
                .action(mock("ImageTests").process(mins(30)).wait(hours(4)).ca(98.0))
                .action(
                    mock("ResiliencyTests")
                        .process(hours(3))
                        .wait(days(1))
                        .ca(90.0),
                )
        })
        .stage("ExploratoryTesting", |s| {
            s.action(
                approval("QA")
                    .custom_data("Approval or Reject this change after running Exploratory Tests")
                    .process(hours(3))
                    .wait(days(3))
                    .ca(80.0),
            )
        })
        .stage("Production", |s| {
            s.action(
                mock("BlueGreenDeployment")
                    .process(mins(30))
                    .wait(days(1))
                    .ca(97.0),
            )
            .action(
                mock("OutofBandTests")
                    .process(hours(1))
                    .wait(days(1))
                    .ca(95.0),
            )
            .action(
                mock("SecurityMetrics")
                    .process(mins(20))
                    .wait(days(1))
                    .ca(99.0),
            )
            .then()
            .action(
                mock("SwitchEndPoints")
                    .process(mins(5))
                    .wait(mins(30))
                    .ca(99.0),
            )
        })
        .build()
        .expect("the mock-pipeline stream is valid")
}

/// A real delivery pipeline: connection source, CodeBuild build, unit tests and lint in
/// parallel, a manual approval, and a CloudFormation deploy.
pub fn delivery_pipeline() -> ValueStream {
    ValueStream::builder("checkout-service")
        .source("Source", |s| {
            s.action(
                connection("App", GitProvider::GitHub, "acme/checkout-service", "main")
                    .outputs(["Src"])
                    .wait(hours(4))
                    .process(mins(30)),
            )
        })
        .stage("Build", |s| {
            s.action(
                codebuild("Compile")
                    .inputs(["Src"])
                    .outputs(["App"])
                    .buildspec("ci/build.yml")
                    .process(mins(12))
                    .wait(mins(3))
                    .ca(96.0),
            )
        })
        .stage("Test", |s| {
            s.action(
                codebuild("UnitTests")
                    .category(CodeBuildCategory::Test)
                    .inputs(["Src"])
                    .buildspec("ci/unit.yml")
                    .process(mins(9))
                    .ca(94.0),
            )
            .action(
                codebuild("Lint")
                    .category(CodeBuildCategory::Test)
                    .inputs(["Src"])
                    .buildspec_inline(
                        "version: 0.2\nphases:\n  build:\n    commands:\n      - make lint\n",
                    )
                    .process(mins(2))
                    .ca(99.0),
            )
            .action(
                commands("Contract")
                    .commands(["make contract-test"])
                    .inputs(["Src"])
                    .process(mins(6))
                    .ca(97.0),
            )
        })
        .stage("Approve", |s| {
            s.action(
                approval("Release")
                    .custom_data("Release checkout-service to production?")
                    .review_url("https://github.com/acme/checkout-service/releases")
                    .timeout(days(2))
                    .wait(hours(18))
                    .process(mins(15))
                    .ca(90.0),
            )
        })
        .stage("Deploy", |s| {
            s.action(
                cloudformation("Production", "checkout-service-prod")
                    .template("App::packaged.yaml")
                    .capabilities([Capability::Iam])
                    .capabilities([Capability::AutoExpand])
                    .process(mins(8))
                    .wait(mins(1))
                    .ca(98.0),
            )
            .then()
            .action(
                step_functions(
                    "SmokeTests",
                    "arn:aws:states:eu-west-1:123456789012:stateMachine:checkout-smoke-tests",
                )
                .execution_name_prefix("release")
                .process(mins(4))
                .ca(99.0),
            )
        })
        .build()
        .expect("the delivery stream is valid")
}

/// The largest legal stream: 50 stages and 500 mock actions (unannotated), in groups of five
/// parallel steps.
pub fn largest() -> ValueStream {
    let steps = |s: vsm::builder::StageBuilder, count: usize| {
        (0..count).fold(s, |s, i| {
            let s = if i > 0 && i % 5 == 0 { s.then() } else { s };
            s.action(mock(format!("Step{i:02}")))
        })
    };
    let mut b = ValueStream::builder("largest")
        .source("Source", |s| {
            s.action(connection("App", GitProvider::GitHub, "acme/app", "main").outputs(["Src"]))
        })
        .stage("Stage01", |s| steps(s, 19));
    for stage in 2..50 {
        b = b.stage(format!("Stage{stage:02}"), |s| steps(s, 10));
    }
    b.build().expect("the largest stream is valid")
}

/// The tools account, where the pipeline runs.
pub const TOOLS_ACCOUNT: &str = "111111111111";
/// The test account.
pub const TEST_ACCOUNT: &str = "222222222222";
/// The production account.
pub const PRODUCTION_ACCOUNT: &str = "333333333333";

/// A commit-to-production stream across three accounts: source and build in the tools
/// account, deploys to the test account in two Regions, a release gate, then production in
/// its own account: inside a deployment window, watched by an alarm there that rolls it back.
pub fn multi_account() -> ValueStream {
    let deploy = |name: &str, stack: &str, account: &str| {
        cloudformation(name, stack)
            .template("App::template.yaml")
            .capabilities([Capability::Iam])
            .account(account)
    };
    ValueStream::builder("shop-delivery")
        .account(TOOLS_ACCOUNT)
        .region("eu-west-1")
        .source("Source", |s| {
            s.action(
                connection("App", GitProvider::GitHub, "acme/shop", "main")
                    .outputs(["Src"])
                    .wait(hours(2)),
            )
        })
        .stage("Build", |s| {
            s.action(
                codebuild("Package")
                    .inputs(["Src"])
                    .outputs(["App"])
                    .process(mins(8))
                    .ca(97.0),
            )
        })
        .stage("Test", |s| {
            s.action(deploy("TestEu", "shop-test", TEST_ACCOUNT).process(mins(6)))
                .action(
                    deploy("TestUs", "shop-test", TEST_ACCOUNT)
                        .region("us-east-1")
                        .process(mins(6)),
                )
        })
        .stage("Release", |s| {
            s.action(
                approval("SignOff")
                    .custom_data("Are the test stacks healthy?")
                    .wait(hours(2))
                    .ca(90.0),
            )
        })
        .stage("Production", |s| {
            // Production changes only in office hours: a change waits for the window (its
            // expected wait is modelled from the schedule). Once deployed, the shop's error
            // alarm in the production account must stay quiet for 10 minutes, or the stage
            // rolls back; a failed deploy rolls back too.
            s.before_entry(
                StageCondition::fail().rule(
                    rule::deployment_window("OfficeHours", "* * 9-16 ? * MON-FRI *")
                        .time_zone("Europe/Berlin"),
                ),
            )
            .on_success(
                StageCondition::rollback()
                    .rule(
                        rule::cloudwatch_alarm("ShopErrors", "shop-5xx-errors")
                            .wait_time(mins(10))
                            .account(PRODUCTION_ACCOUNT),
                    )
                    .process(mins(10))
                    .ca(97.0),
            )
            .on_failure(StageCondition::rollback())
            .action(
                deploy("Production", "shop", PRODUCTION_ACCOUNT)
                    .process(mins(7))
                    .ca(98.0),
            )
        })
        .build()
        .expect("a valid stream")
}
