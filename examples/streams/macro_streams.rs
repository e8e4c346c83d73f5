//! The example streams written with the `stream!` macro (also read by the tests).
#![allow(dead_code)]

use vsm::{stream, ValueStream};

/// mock-pipeline's stream: each line of a stage is one step; `|` puts an action beside the
/// one above it (same run order, runs in parallel).
pub fn mock_pipeline() -> ValueStream {
    stream! {
        pipeline "mock-pipeline"

        source "Source" {
            connection "Source" {
                provider: GitHub,
                repository: "stelligent/mock-pipeline",
                branch: "master",
                outputs: SourceOutput,
                process: 15m, wait: 2h, ca: 95%,
            }
        }

        stage "Build" {
            mock "Artifact"                 { process: 10m, wait: 5m,  ca: 97% }
            mock "Image"                    { process: 8m,  wait: 2m,  ca: 99% }
        }

        stage "AcceptanceTesting" {
            mock "ProvisionEnvironment"     { process: 20m, wait: 1h,  ca: 95% }
          | mock "InfrastructureAnalysis"   { process: 15m, wait: 1h,  ca: 98% }
            mock "ConfigureEnvironment"     { process: 30m, wait: 30m, ca: 90% }
            mock "AcceptanceTests"          { process: 45m, wait: 10m, ca: 85% }
          | mock "IntegrationTests"         { process: 40m, wait: 10m, ca: 90% }
            mock "DeployApp"                { process: 15m, wait: 1h,  ca: 95% }
            mock "DeploymentTest"           { process: 10m, wait: 5m,  ca: 97% }
        }

        stage "Capacity" {
            mock "PenTest"                  { process: 4h,  wait: 2d,  ca: 90% }
          | mock "PerformanceTest"          { process: 2h,  wait: 1d,  ca: 92% }
          | mock "ImageTests"               { process: 30m, wait: 4h,  ca: 98% }
          | mock "ResiliencyTests"          { process: 3h,  wait: 1d,  ca: 90% }
        }

        stage "ExploratoryTesting" {
            approval "QA" {
                custom_data: "Approval or Reject this change after running Exploratory Tests",
                process: 3h, wait: 3d, ca: 80%,
            }
        }

        stage "Production" {
            mock "BlueGreenDeployment"      { process: 30m, wait: 1d,  ca: 97% }
          | mock "OutofBandTests"           { process: 1h,  wait: 1d,  ca: 95% }
          | mock "SecurityMetrics"          { process: 20m, wait: 1d,  ca: 99% }
            mock "SwitchEndPoints"          { process: 5m,  wait: 30m, ca: 99% }
        }
    }
}

/// The delivery pipeline of `streams::delivery_pipeline`, with the macro.
pub fn delivery_pipeline() -> ValueStream {
    stream! {
        pipeline "checkout-service"

        source "Source" {
            connection "App" {
                provider: GitHub, repository: "acme/checkout-service", branch: "main",
                outputs: Src,
                wait: 4h, process: 30m,
            }
        }

        stage "Build" {
            codebuild "Compile" {
                inputs: Src, outputs: App,
                buildspec: "ci/build.yml",
                process: 12m, wait: 3m, ca: 96%,
            }
        }

        stage "Test" {
            codebuild "UnitTests" {
                category: Test, inputs: Src, buildspec: "ci/unit.yml",
                process: 9m, ca: 94%,
            }
          | codebuild "Lint" {
                category: Test, inputs: Src,
                buildspec_inline: "version: 0.2\nphases:\n  build:\n    commands:\n      - make lint\n",
                process: 2m, ca: 99%,
            }
          | commands "Contract" {
                commands: ["make contract-test"], inputs: Src,
                process: 6m, ca: 97%,
            }
        }

        stage "Approve" {
            approval "Release" {
                custom_data: "Release checkout-service to production?",
                review_url: "https://github.com/acme/checkout-service/releases",
                timeout: 2d,
                wait: 18h, process: 15m, ca: 90%,
            }
        }

        stage "Deploy" {
            cloudformation "Production" {
                stack: "checkout-service-prod",
                template: "App::packaged.yaml",
                capabilities: [CAPABILITY_IAM, CAPABILITY_AUTO_EXPAND],
                process: 8m, wait: 1m, ca: 98%,
            }
            step_functions "SmokeTests" {
                state_machine: "arn:aws:states:eu-west-1:123456789012:stateMachine:checkout-smoke-tests",
                execution_name_prefix: "release",
                process: 4m, ca: 99%,
            }
        }
    }
}
