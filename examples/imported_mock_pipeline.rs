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

use vsm::{stream, ValueStream};

/// The imported stream.
pub fn stream() -> ValueStream {
    stream! {
        pipeline "mock-pipeline" {
            pipeline_type: V1,
        }

        source "Source" {
            connection "Source" { provider: GitHub, repository: "OWNER/mock-pipeline", branch: "master", outputs: [SourceOutput] }
        }

        stage "Build" {
            codebuild "Artifact" { inputs: [SourceOutput], outputs: [ArtifactOutput] }
            codebuild "Image" { inputs: [ArtifactOutput], outputs: [ImageOutput] }
        }

        stage "AcceptanceTesting" {
            mock "ProvisionEnvironment"
          | mock "InfrastructureAnalysis"
            mock "ConfigureEnvironment"
            mock "AcceptanceTests"
          | mock "IntegrationTests"
            mock "DeployApp"
            mock "DeploymentTest"
        }

        stage "Capacity" {
            mock "PenTest"
          | mock "PerformanceTest"
          | mock "ImageTests"
          | mock "ResiliencyTests"
        }

        stage "ExploratoryTesting" {
            approval "QA" { custom_data: "Approval or Reject this change after running Exploratory Tests" }
        }

        stage "Production" {
            mock "BlueGreenDeployment"
          | mock "OutofBandTests"
          | mock "SecurityMetrics"
            mock "SwitchEndPoints"
        }
    }
}

fn main() -> std::process::ExitCode {
    vsm::cli::run(stream())
}
