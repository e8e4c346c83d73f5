//! Every part of the grammar in one stream: settings, every action kind, artifacts,
//! namespaces, variables, triggers, tags and annotations.
use vsm::kinds::Ecr;
use vsm::model::ExecutionMode;
use vsm::stream;

fn main() {
    let s = stream! {
        pipeline "every-feature" {
            pipeline_type: V2,
            execution_mode: QUEUED,
            variables: [
                Env = "prod",
                Region,
                Color { default: "blue", description: "the color to deploy" },
            ],
            tags: [
                team = "payments",
                "cost-center" = "42",
            ],
            triggers: [
                App {
                    push: { branches: ["main", "release/*"], file_paths: ["src/**"] },
                    pull_request: { events: [OPEN, UPDATED], branches: ["main"] },
                },
            ],
        }

        source "Source" {
            connection "App" {
                provider: GitLab, repository: "acme/app", branch: "main",
                connection_parameter: "GitLabConnection",
                outputs: Src, namespace: SourceVars,
                wait: 2d 4h, ca: 97.5%,
            }
          | s3_source "Config" { bucket: "acme-config", key: "config.zip", outputs: Config }
          | codecommit "Tools" { repository: "tools", branch: "main", outputs: Tools }
          | ecr "Base" { repository: "base-image", tag: "stable", outputs: Base }
        }

        stage "Build" {
            codebuild "Compile" {
                inputs: [Src, Tools], primary_source: Src, outputs: App,
                buildspec: "ci/build.yml", image: "aws/codebuild/standard:7.0", compute: Large,
                namespace: BuildVars,
                process: 12m, wait: 3m, ca: 96%,
            }
          | codebuild "Test" { category: Test, inputs: Src, buildspec_inline: "version: 0.2" }
            lambda "Notify" {
                function: "notify", user_parameters: "#{BuildVars.Version} #{variables.Env}",
            }
          | mock "Wait" { process: 90s }
            custom "Flow" {
                category: Invoke, owner: AWS, provider: "StepFunctions",
                config: { StateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:flow" },
                permissions: [{
                    actions: ["states:StartExecution"],
                    resources: ["arn:aws:states:us-east-1:123456789012:stateMachine:flow"],
                }],
            }
        }

        stage "Release" {
            approval "Go" {
                custom_data: "Ship it?", review_url: "https://example.com/review",
                notify: "arn:aws:sns:us-east-1:123456789012:release", timeout: 2h,
            }
            cloudformation "Plan" {
                stack: "app", mode: CHANGE_SET_REPLACE, change_set: "release",
                template: "App::stack.yaml", capabilities: [CAPABILITY_IAM],
                role_parameter: "DeployRole", parameter_overrides: "{\"Env\":\"prod\"}",
            }
            cloudformation "Apply" {
                stack: "app", mode: CHANGE_SET_EXECUTE, change_set: "release",
            }
        }
    };
    assert_eq!(s.settings.execution_mode, Some(ExecutionMode::Queued));
    assert_eq!(s.settings.variables.len(), 3);
    assert!(s.stages[0].actions[3].kind.is::<Ecr>());
    assert_eq!(s.stages[1].actions[2].run_order, 2);
    assert_eq!(s.stages[2].actions[1].all_inputs(), ["App"]);
    let _template = s.to_cloudformation().expect("it emits").to_json_pretty();
}
