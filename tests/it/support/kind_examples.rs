//! One small stream per action kind, for its template snapshot and for cfn-lint and checkov.
//! A kind without an example fails `tests/kinds.rs`.

use vsm::builder::*;
use vsm::kinds::*;
use vsm::model::{Category, Owner};
use vsm::time::{hours, mins};
use vsm::ValueStream;

/// The connection source every example starts from: `App`, producing `Src`.
fn with_source(name: &str) -> StreamBuilder<NeedsStage> {
    ValueStream::builder(name).source("Source", |s| {
        s.action(connection("App", GitProvider::GitHub, "acme/app", "main").outputs(["Src"]))
    })
}

/// A stream with this source action and one mock step.
fn source_example(name: &str, source: impl FnOnce(SourceStage) -> SourceStage) -> ValueStream {
    ValueStream::builder(name)
        .source("Source", source)
        .stage("Check", |s| s.action(mock("Check")))
        .build()
        .expect("a valid example")
}

/// The example stream of a kind, by keyword.
pub fn example(keyword: &str) -> Option<ValueStream> {
    let stream = match keyword {
        "connection" => with_source("kind-connection")
            .stage("Check", |s| s.action(mock("Check").inputs(["Src"])))
            .build(),
        "s3_source" => Ok(source_example("kind-s3-source", |s| {
            s.action(s3_source("Config", "acme-config", "config.zip").poll(false).outputs(["Config"]))
        })),
        "codecommit" => ValueStream::builder("kind-codecommit")
            .source("Source", |s| {
                s.action(codecommit("Tools", "tools", "main").poll(false).full_clone(true).outputs(["Tools"]))
            })
            .stage("Build", |s| s.action(codebuild("Lint").inputs(["Tools"])))
            .build(),
        "ecr" => Ok(source_example("kind-ecr", |s| {
            s.action(ecr("Base", "base-image").tag("stable").outputs(["Base"]))
        })),
        "mock" => with_source("kind-mock")
            .stage("Test", |s| s.action(mock("Exploratory").process(hours(2)).wait(hours(20))))
            .build(),
        "approval" => with_source("kind-approval")
            .stage("Release", |s| {
                s.action(approval("Go").custom_data("Ship it?").timeout(hours(4)).wait(mins(30)))
            })
            .build(),
        "codebuild" => with_source("kind-codebuild")
            .stage("Build", |s| {
                s.action(codebuild("Compile").inputs(["Src"]).outputs(["App"]).buildspec("ci/build.yml"))
                    .action(
                        codebuild("Integration")
                            .category(CodeBuildCategory::Test)
                            .inputs(["Src"])
                            .environment([("STAGE", "test")])
                            .parameters([("DB_HOST", "/app/test/db-host")])
                            .secrets([("DB_PASSWORD", "test/db:password")])
                            .batch(true)
                            .combine_artifacts(true),
                    )
            })
            .build(),
        "lambda" => with_source("kind-lambda")
            .stage("Notify", |s| s.action(lambda("Announce", "announce").user_parameters("done")))
            .build(),
        "cloudformation" => with_source("kind-cloudformation")
            .stage("Deploy", |s| {
                s.action(
                    cloudformation("Stack", "app")
                        .template("Src::template.yaml")
                        .capabilities([Capability::Iam]),
                )
            })
            .build(),
        "custom" => with_source("kind-custom")
            .stage("Test", |s| {
                s.action(
                    custom("Devices", Category::Test, Owner::Aws, "DeviceFarm")
                        .inputs(["Src"])
                        .config([
                            ("AppType", "Android"),
                            ("ProjectId", "eec4905f-98f8-40aa-9afc-4c1cfexample"),
                            ("App", "app-release.apk"),
                            ("DevicePoolArn", "arn:aws:devicefarm:us-west-2::devicepool:082d10e5-d7d7-48a4-ba5c-b33d66efa1f5"),
                            ("TestType", "APPIUM_PYTHON"),
                        ]),
                )
            })
            .build(),
        "ecs" => with_source("kind-ecs")
            .stage("Build", |s| {
                s.action(codebuild("Image").inputs(["Src"]).outputs(["ImageDefinitions"]))
            })
            .stage("Deploy", |s| {
                s.action(
                    ecs("Service", "shop", "web")
                        .inputs(["ImageDefinitions"])
                        .timeout(mins(30))
                        .task_roles(["shop-web-task", "shop-web-execution"]),
                )
            })
            .build(),
        "ecs_blue_green" => ValueStream::builder("kind-ecs-blue-green")
            .source("Source", |s| {
                s.action(connection("App", GitProvider::GitHub, "acme/app", "main").outputs(["Src"]))
                    .action(ecr("Image", "shop-web").outputs(["Image"]))
            })
            .stage("Deploy", |s| {
                s.action(
                    ecs_blue_green("BlueGreen", "shop", "shop-web", "Src::taskdef.json", "Src")
                        .images([EcsImage::new("Image", "IMAGE1_NAME")]),
                )
            })
            .build(),
        "codedeploy" => with_source("kind-codedeploy")
            .stage("Deploy", |s| s.action(codedeploy("Fleet", "shop", "shop-prod").inputs(["Src"])))
            .build(),
        "s3_deploy" => with_source("kind-s3-deploy")
            .stage("Publish", |s| {
                s.action(
                    s3_deploy("Site", "acme-site")
                        .inputs(["Src"])
                        .cache_control("public, max-age=300"),
                )
            })
            .build(),
        "step_functions" => with_source("kind-step-functions")
            .stage("Release", |s| {
                s.action(
                    step_functions(
                        "Flow",
                        "arn:aws:states:eu-west-1:123456789012:stateMachine:release",
                    )
                    .execution_name_prefix("release")
                    .input("{\"stage\":\"prod\"}"),
                )
            })
            .build(),
        "commands" => with_source("kind-commands")
            .stage("Test", |s| {
                s.action(
                    commands("Unit")
                        .commands(["npm ci", "npm test"])
                        .inputs(["Src"])
                        .outputs(["Report"])
                        .files(["report/**/*"])
                        .output_variables(["CODEBUILD_BUILD_ID"])
                        .environment([("NODE_ENV", "test")])
                        .secrets([("NPM_TOKEN", "npm-token:token")]),
                )
            })
            .build(),
        "stackset" => with_source("kind-stackset")
            .stage("Accounts", |s| {
                s.action(
                    stackset("Baseline", "guardrails", "Src::baseline.yaml")
                        .capabilities([Capability::NamedIam])
                        .targets(["111111111111", "222222222222"])
                        .regions(["eu-west-1", "us-east-1"])
                        .failure_tolerance(10u32)
                        .max_concurrent(50u32),
                )
            })
            .build(),
        "elastic_beanstalk" => with_source("kind-elastic-beanstalk")
            .stage("Deploy", |s| {
                s.action(elastic_beanstalk("Web", "shop", "shop-prod").inputs(["Src"]))
            })
            .build(),
        "lambda_deploy" => with_source("kind-lambda-deploy")
            .stage("Build", |s| s.action(codebuild("Package").inputs(["Src"]).outputs(["Code"])))
            .stage("Deploy", |s| {
                s.action(
                    lambda_deploy("Function", "checkout")
                        .inputs(["Code"])
                        .alias("live")
                        .traffic(LambdaTraffic::Linear)
                        .percent(10u32)
                        .interval(mins(2))
                        .alarms(["checkout-errors", "checkout-latency"]),
                )
            })
            .build(),
        "ecr_build_and_publish" => with_source("kind-ecr-build-and-publish")
            .stage("Build", |s| {
                s.action(
                    ecr_build_and_publish("Image", "shop/web")
                        .inputs(["Src"])
                        .dockerfile_path("docker/web")
                        .tags(["latest", "v1.2.3"]),
                )
                .action(
                    ecr_build_and_publish("PublicImage", "shop-web")
                        .inputs(["Src"])
                        .registry(RegistryType::Public),
                )
            })
            .build(),
        "inspector_scan" => with_source("kind-inspector-scan")
            .stage("Scan", |s| {
                s.action(
                    inspector_scan("Code", InspectorRunMode::SourceCodeScan)
                        .inputs(["Src"])
                        .outputs(["CodeSbom"])
                        .critical_threshold(0u32)
                        .high_threshold(5u32),
                )
                .action(
                    inspector_scan("Image", InspectorRunMode::EcrImageScan)
                        .repository("shop/web")
                        .tag("v1.2.3")
                        .outputs(["ImageSbom"])
                        .critical_threshold(0u32),
                )
            })
            .build(),
        "codepipeline_invoke" => with_source("kind-codepipeline-invoke")
            .stage("Release", |s| {
                s.action(
                    codepipeline_invoke("Downstream", "shop-deploy")
                        .source_revisions([SourceRevision::new(
                            "Source",
                            RevisionType::S3ObjectKey,
                            "releases/shop-1.2.3.zip",
                        )])
                        .variables([("RELEASE", "1.2.3")]),
                )
            })
            .build(),
        "ec2_deploy" => with_source("kind-ec2-deploy")
            .stage("Deploy", |s| {
                s.action(
                    ec2_deploy("Fleet", "app", Ec2InstanceType::Ec2)
                        .inputs(["Src"])
                        .tag_value("shop-web")
                        .target_directory("/home/ec2-user/deploy")
                        .pre_script("scripts/stop.sh")
                        .post_script("scripts/start.sh")
                        .max_batch("25%")
                        .max_error("1")
                        .target_groups(["shop-web"]),
                )
                .action(
                    ec2_deploy("Nodes", "fleet", Ec2InstanceType::SsmManagedNode)
                        .inputs(["Src"])
                        .deploy_spec("deployspec.yaml"),
                )
            })
            .build(),
        "eks_deploy" => with_source("kind-eks-deploy")
            .stage("Deploy", |s| {
                s.action(
                    eks_deploy("Manifests", "shop")
                        .inputs(["Src"])
                        .manifest_files(["k8s/deployment.yaml", "k8s/service.yaml"])
                        .kubernetes_namespace("shop")
                        .environment([("IMAGE_TAG", "1.2.3")]),
                )
                .action(
                    eks_deploy("Chart", "shop-private")
                        .inputs(["Src"])
                        .helm_release("shop-web")
                        .helm_chart("charts/shop")
                        .helm_values_files(["charts/shop/values-prod.yaml"])
                        .subnets(["subnet-0123456789abcdef0"])
                        .security_groups(["sg-0123456789abcdef0"]),
                )
            })
            .build(),
        "appconfig_deploy" => with_source("kind-appconfig-deploy")
            .stage("Deploy", |s| {
                s.action(
                    appconfig_deploy("Flags", "2s2qv57", "9tm27yd", "pvjrpu1", "config/flags.json")
                        .inputs(["Src"])
                        .deployment_strategy("AppConfig.Linear50PercentEvery30Seconds"),
                )
                .action(
                    appconfig_deploy("Settings", "2s2qv57", "9tm27yd", "k3j2h1a", "config/settings.json")
                        .inputs(["Src"]),
                )
            })
            .build(),
        "service_catalog_deploy" => with_source("kind-service-catalog-deploy")
            .stage("Publish", |s| {
                s.action(
                    service_catalog_deploy("Product", "prod-abcdefghijklm")
                        .inputs(["Src"])
                        .template("product/template.yaml")
                        .version_name("v#{codepipeline.PipelineExecutionId}")
                        .version_description("Published by the pipeline"),
                )
                .action(
                    service_catalog_deploy("Portfolio", "prod-nopqrstuvwxyz")
                        .inputs(["Src"])
                        .configuration_file("product/sample_config.json"),
                )
            })
            .build(),
        "stack_instances" => with_source("kind-stack-instances")
            .stage("Deploy", |s| {
                s.action(
                    stack_instances("Accounts", "baseline")
                        .targets(["111111111111", "222222222222"])
                        .regions(["eu-west-1", "us-east-1"])
                        .parameter_overrides("ParameterKey=Stage,ParameterValue=prod")
                        .failure_tolerance(10)
                        .max_concurrent(50),
                )
                .action(
                    stack_instances("Units", "guardrails")
                        .targets(["Src::units.json"])
                        .regions(["eu-west-1"])
                        .parameter_overrides("Src::overrides.json"),
                )
            })
            .build(),
        "device_farm" => with_source("kind-device-farm")
            .stage("Test", |s| {
                s.action(
                    device_farm(
                        "Devices",
                        "eec4905f-98f8-40aa-9afc-4c1cf0123456",
                        AppType::Android,
                        "arn:aws:devicefarm:us-west-2::devicepool:082d10e5-d7d7-48a5-ba5c-b33d66efa1f5",
                        DeviceFarmTest::BuiltinFuzz,
                    )
                    .inputs(["Src"])
                    .app("app/build/outputs/apk/app-release.apk")
                    .fuzz_event_count(6000)
                    .fuzz_event_throttle(50)
                    .record_video(true),
                )
            })
            .build(),
        _ => return None,
    };
    Some(stream.expect("a valid example"))
}
