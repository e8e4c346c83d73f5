//! The value stream of ../shared/fixtures/mock-pipeline.mu.yml, imported by `vsm import`.
//!
//! Import notes:
//! - stage "Source" / action "Source": mu takes the repository from the checkout's git remote; OWNER/mock-pipeline stands in: set the real one
//! - stage "Source" / action "Source": mu's GitHub version 1 source keeps an OAuth token in the template, which AWS no longer recommends: imported as a connection source (create the connection and pass its ARN as ConnectionArn)
//! - stage "Build": mu's CodeBuild projects become the projects vsm generates: set `image` and `compute` as in mu's build settings
//! - stage "AcceptanceTesting" / action "ProvisionEnvironment": invokes a function that only reports success: imported as a mock step (its UserParameters are not kept)
//! - stage "AcceptanceTesting" / action "InfrastructureAnalysis": invokes a function that only reports success: imported as a mock step (its UserParameters are not kept)
//! - stage "AcceptanceTesting" / action "ConfigureEnvironment": invokes a function that only reports success: imported as a mock step (its UserParameters are not kept)
//! - stage "AcceptanceTesting" / action "AcceptanceTests": invokes a function that only reports success: imported as a mock step (its UserParameters are not kept)
//! - stage "AcceptanceTesting" / action "IntegrationTests": invokes a function that only reports success: imported as a mock step (its UserParameters are not kept)
//! - stage "AcceptanceTesting" / action "DeployApp": invokes a function that only reports success: imported as a mock step (its UserParameters are not kept)
//! - stage "AcceptanceTesting" / action "DeploymentTest": invokes a function that only reports success: imported as a mock step (its UserParameters are not kept)
//! - stage "Capacity" / action "PenTest": invokes a function that only reports success: imported as a mock step (its UserParameters are not kept)
//! - stage "Capacity" / action "PerformanceTest": invokes a function that only reports success: imported as a mock step (its UserParameters are not kept)
//! - stage "Capacity" / action "ImageTests": invokes a function that only reports success: imported as a mock step (its UserParameters are not kept)
//! - stage "Capacity" / action "ResiliencyTests": invokes a function that only reports success: imported as a mock step (its UserParameters are not kept)
//! - stage "Production" / action "BlueGreenDeployment": invokes a function that only reports success: imported as a mock step (its UserParameters are not kept)
//! - stage "Production" / action "OutofBandTests": invokes a function that only reports success: imported as a mock step (its UserParameters are not kept)
//! - stage "Production" / action "SecurityMetrics": invokes a function that only reports success: imported as a mock step (its UserParameters are not kept)
//! - stage "Production" / action "SwitchEndPoints": invokes a function that only reports success: imported as a mock step (its UserParameters are not kept)
//! - stage "Source" / action "Source": `provider` is not in the template: GitHub assumed, set the right one
//! - pipeline: 19 action(s) have no process time, wait time or %C&A: fill them in (`.process(..)`, `.wait(..)`, `.ca(..)`)

#![allow(unused_imports)]

use vsm::builder::*;
use vsm::conditions;
use vsm::kinds::*;
use vsm::model::*;
use vsm::time::*;
use vsm::ValueStream;

/// The imported stream.
pub fn stream() -> ValueStream {
    ValueStream::builder("mock-pipeline")
        .pipeline_type(PipelineType::V1)
        .source("Source", |s| {
            s.action(
                connection(
                    "Source",
                    GitProvider::GitHub,
                    "OWNER/mock-pipeline",
                    "master",
                )
                .outputs(["SourceOutput"]),
            )
        })
        .stage("Build", |s| {
            s.action(
                codebuild("Artifact")
                    .inputs(["SourceOutput"])
                    .outputs(["ArtifactOutput"]),
            )
            .then()
            .action(
                codebuild("Image")
                    .inputs(["ArtifactOutput"])
                    .outputs(["ImageOutput"]),
            )
        })
        .stage("AcceptanceTesting", |s| {
            s.action(mock("ProvisionEnvironment"))
                .action(mock("InfrastructureAnalysis"))
                .then()
                .action(mock("ConfigureEnvironment"))
                .then()
                .action(mock("AcceptanceTests"))
                .action(mock("IntegrationTests"))
                .then()
                .action(mock("DeployApp"))
                .then()
                .action(mock("DeploymentTest"))
        })
        .stage("Capacity", |s| {
            s.action(mock("PenTest"))
                .action(mock("PerformanceTest"))
                .action(mock("ImageTests"))
                .action(mock("ResiliencyTests"))
        })
        .stage("ExploratoryTesting", |s| {
            s.action(
                approval("QA")
                    .custom_data("Approval or Reject this change after running Exploratory Tests"),
            )
        })
        .stage("Production", |s| {
            s.action(mock("BlueGreenDeployment"))
                .action(mock("OutofBandTests"))
                .action(mock("SecurityMetrics"))
                .then()
                .action(mock("SwitchEndPoints"))
        })
        .build()
        .expect("the imported stream is valid")
}

fn main() -> std::process::ExitCode {
    vsm::cli::run(stream())
}
