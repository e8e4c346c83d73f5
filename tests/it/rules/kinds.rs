//! The rules of the action kinds and properties that follow the whole action reference: managed
//! compute in a VPC, CodeBuild's variables and batch builds, and the kinds of the newer action
//! types.

use super::*;

fn build(f: fn(&mut CodeBuild)) -> CodeBuild {
    let mut b = codebuild(None);
    f(&mut b);
    b
}

/// (rule, breaks it, passes at the boundary)
pub(super) fn cases() -> Vec<Case> {
    vec![
        (
            "CP-CONF-27",
            |s| {
                set_kind(
                    s,
                    kind!(Commands {
                        vpc: Some("vpc-0123456789abcdef0".into()),
                        subnets: vec!["subnet-0123456789abcdef0".into()],
                        ..run(&["make"])
                    }),
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    kind!(Commands {
                        vpc: Some("vpc-0123456789abcdef0".into()),
                        subnets: vec!["subnet-0123456789abcdef0".into()],
                        security_groups: vec!["sg-0123456789abcdef0".into()],
                        ..run(&["make"])
                    }),
                    &["Src"],
                )
            },
        ),
        (
            "CP-CONF-28",
            |s| set_kind(s, build(|b| b.combine_artifacts = Some(true)), &["Src"]),
            |s| {
                set_kind(
                    s,
                    build(|b| {
                        b.batch = Some(true);
                        b.combine_artifacts = Some(true);
                    }),
                    &["Src"],
                )
            },
        ),
        (
            "CP-CONF-29",
            |s| {
                set_kind(
                    s,
                    build(|b| {
                        b.environment.insert("CODEBUILD_X".into(), "1".into());
                    }),
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    build(|b| {
                        b.environment.insert(n('X', 128), "1".into());
                    }),
                    &["Src"],
                )
            },
        ),
        (
            "CP-CONF-29",
            |s| {
                set_kind(
                    s,
                    build(|b| {
                        b.environment.insert("DB".into(), "1".into());
                        b.secrets.insert("DB".into(), "db".into());
                    }),
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    build(|b| {
                        b.environment.insert("DB_HOST".into(), "1".into());
                        b.secrets.insert("DB".into(), "db".into());
                    }),
                    &["Src"],
                )
            },
        ),
        (
            "CP-SEC-20",
            |s| {
                set_kind(
                    s,
                    build(|b| {
                        b.parameters
                            .insert("HOST".into(), "/app/#{variables.env}/host".into());
                    }),
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    build(|b| {
                        b.parameters.insert("HOST".into(), "/app/prod/host".into());
                    }),
                    &["Src"],
                )
            },
        ),
        (
            "CP-SEC-5",
            |s| {
                set_kind(
                    s,
                    build(|b| {
                        b.environment.insert("API_TOKEN".into(), "x".into());
                    }),
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    build(|b| {
                        b.secrets.insert("API_TOKEN".into(), "api:token".into());
                    }),
                    &["Src"],
                )
            },
        ),
        (
            "CP-CONF-30",
            |s| set_kind(s, beanstalk("shop", "prod-"), &["Src"]),
            |s| set_kind(s, beanstalk(&n('a', 100), &n('e', 40)), &["Src"]),
        ),
        (
            "CP-CONF-30",
            |s| set_kind(s, beanstalk("shop", "env"), &["Src"]),
            |s| set_kind(s, beanstalk("shop", "e-v1"), &["Src"]),
        ),
        (
            "CP-CONF-31",
            |s| {
                set_kind(
                    s,
                    deploy(|d| d.traffic = Some(LambdaTraffic::Canary)),
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    deploy(|d| {
                        d.alias = Some("live".into());
                        d.traffic = Some(LambdaTraffic::Canary);
                        d.percent = Some(99);
                        d.interval = Some(Duration::from_secs(2880 * 60));
                    }),
                    &["Src"],
                )
            },
        ),
        (
            "CP-CONF-31",
            |s| {
                set_kind(
                    s,
                    deploy(|d| {
                        d.alias = Some("live".into());
                        d.traffic = Some(LambdaTraffic::Linear);
                        d.percent = Some(10);
                        d.interval = Some(Duration::from_secs(321 * 60));
                    }),
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    deploy(|d| {
                        d.alias = Some("live".into());
                        d.traffic = Some(LambdaTraffic::Linear);
                        d.percent = Some(10);
                        d.interval = Some(Duration::from_secs(320 * 60));
                    }),
                    &["Src"],
                )
            },
        ),
        (
            "CP-CONF-31",
            |s| set_kind(s, deploy(|d| d.alias = Some("42".into())), &["Src"]),
            |s| set_kind(s, deploy(|d| d.alias = Some(n('a', 128).into())), &["Src"]),
        ),
        (
            "CP-CONF-32",
            |s| {
                set_kind(
                    s,
                    deploy(|d| d.alarms = (0..11).map(|i| format!("a{i}").into()).collect()),
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    deploy(|d| d.alarms = (0..10).map(|i| format!("a{i}").into()).collect()),
                    &["Src"],
                )
            },
        ),
        (
            "CP-CONF-32",
            |s| {
                set_kind(
                    s,
                    deploy(|d| d.alarms = vec!["a".into(), "a".into()]),
                    &["Src"],
                )
            },
            |s| set_kind(s, deploy(|d| d.alarms = vec![n('a', 255).into()]), &["Src"]),
        ),
        (
            "CP-ART-11",
            |s| set_kind(s, deploy(|_| {}), &[]),
            |s| {
                set_kind(
                    s,
                    deploy(|d| {
                        d.alias = Some("live".into());
                        d.target_version = Some("3".into());
                    }),
                    &[],
                )
            },
        ),
        (
            "CP-CONF-33",
            |s| set_kind(s, image(|i| i.repository = "Shop/Web".into()), &["Src"]),
            |s| {
                set_kind(
                    s,
                    image(|i| i.repository = format!("a/{}", n('b', 254)).into()),
                    &["Src"],
                )
            },
        ),
        (
            "CP-CONF-33",
            |s| {
                set_kind(
                    s,
                    image(|i| {
                        i.registry = Some(RegistryType::Public);
                        i.repository = n('b', 206).into();
                    }),
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    image(|i| {
                        i.registry = Some(RegistryType::Public);
                        i.repository = n('b', 205).into();
                    }),
                    &["Src"],
                )
            },
        ),
        (
            "CP-CONF-33",
            |s| {
                set_kind(
                    s,
                    image(|i| i.tags = vec!["v1".into(), "v1".into()]),
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    image(|i| i.tags = vec!["v1".into(), n('t', 128).into()]),
                    &["Src"],
                )
            },
        ),
        (
            "CP-CONF-34",
            |s| set_kind(s, scan(InspectorRunMode::EcrImageScan), &[]),
            |s| {
                let mut k = scan(InspectorRunMode::EcrImageScan);
                k.repository = Some("shop/web".into());
                k.tag = Some(n('t', 128).into());
                set_kind(s, k, &[]);
            },
        ),
        (
            "CP-CONF-34",
            |s| {
                let mut k = scan(InspectorRunMode::SourceCodeScan);
                k.repository = Some("shop/web".into());
                set_kind(s, k, &["Src"]);
            },
            |s| set_kind(s, scan(InspectorRunMode::SourceCodeScan), &["Src"]),
        ),
        (
            "CP-ART-12",
            |s| set_kind(s, scan(InspectorRunMode::SourceCodeScan), &[]),
            |s| set_kind(s, scan(InspectorRunMode::SourceCodeScan), &["Src"]),
        ),
        (
            "CP-CONF-35",
            |s| set_kind(s, invoke(|i| i.pipeline = "shop deploy".into()), &[]),
            |s| set_kind(s, invoke(|i| i.pipeline = n('p', 100).into()), &[]),
        ),
        (
            "CP-CONF-35",
            |s| {
                let v = invoke(|i| {
                    i.variables.insert("release.version".into(), "1".into());
                });
                set_kind(s, v, &[]);
            },
            |s| {
                let v = invoke(|i| {
                    i.variables.insert(n('v', 128), n('x', 1000).into());
                });
                set_kind(s, v, &[]);
            },
        ),
        (
            "CP-CONF-35",
            |s| {
                let r = SourceRevision::new("Source", RevisionType::CommitId, n('a', 1501));
                set_kind(s, invoke(|i| i.source_revisions = vec![r]), &[]);
            },
            |s| {
                let r = SourceRevision::new(n('S', 100), RevisionType::CommitId, n('a', 1500));
                set_kind(s, invoke(|i| i.source_revisions = vec![r]), &[]);
            },
        ),
        (
            "CP-CONF-36",
            |s| set_kind(s, fleet(|_| {}), &["Src"]),
            |s| set_kind(s, fleet(scripts), &["Src"]),
        ),
        (
            "CP-CONF-36",
            |s| {
                let d = fleet(|d| {
                    scripts(d);
                    d.target_directory = Some("deploy".into());
                });
                set_kind(s, d, &["Src"]);
            },
            |s| {
                let d = fleet(|d| {
                    scripts(d);
                    d.target_directory = Some("/".into());
                });
                set_kind(s, d, &["Src"]);
            },
        ),
        (
            "CP-CONF-36",
            |s| {
                let d = fleet(|d| {
                    scripts(d);
                    d.deploy_spec = Some("deployspec.yaml".into());
                });
                set_kind(s, d, &["Src"]);
            },
            |s| {
                let d = fleet(|d| d.deploy_spec = Some("deployspec.yaml".into()));
                set_kind(s, d, &["Src"]);
            },
        ),
        (
            "CP-CONF-36",
            |s| {
                let d = fleet(|d| {
                    scripts(d);
                    d.max_batch = Some("0".into());
                    d.max_error = Some("101%".into());
                });
                set_kind(s, d, &["Src"]);
            },
            |s| {
                let d = fleet(|d| {
                    scripts(d);
                    d.max_batch = Some("1".into());
                    d.max_error = Some("100%".into());
                });
                set_kind(s, d, &["Src"]);
            },
        ),
        (
            "CP-CONF-36",
            |s| {
                let d = fleet(|d| {
                    scripts(d);
                    d.target_groups = vec!["-web".into()];
                });
                set_kind(s, d, &["Src"]);
            },
            |s| {
                let d = fleet(|d| {
                    scripts(d);
                    d.target_groups = vec![n('t', 32).into()];
                });
                set_kind(s, d, &["Src"]);
            },
        ),
        (
            "CP-CONF-36",
            |s| {
                let d = fleet(|d| {
                    scripts(d);
                    d.tag_key = vsm::cfn::Expr::reference("TagKey").into();
                });
                set_kind(s, d, &["Src"]);
            },
            |s| {
                let d = fleet(|d| {
                    scripts(d);
                    d.tag_key = n('k', 128).into();
                });
                set_kind(s, d, &["Src"]);
            },
        ),
        (
            "CP-CONF-37",
            |s| set_kind(s, eks(|d| d.cluster = "-shop".into()), &["Src"]),
            |s| set_kind(s, eks(|d| d.cluster = n('c', 100).into()), &["Src"]),
        ),
        (
            "CP-CONF-37",
            |s| set_kind(s, eks(|d| d.manifest_files.clear()), &["Src"]),
            |s| set_kind(s, eks(helm), &["Src"]),
        ),
        (
            "CP-CONF-37",
            |s| {
                let d = eks(|d| {
                    helm(d);
                    d.helm_chart = None;
                });
                set_kind(s, d, &["Src"]);
            },
            |s| {
                let d = eks(|d| {
                    helm(d);
                    d.helm_values_files = vec!["values.yaml".into()];
                });
                set_kind(s, d, &["Src"]);
            },
        ),
        (
            "CP-CONF-37",
            |s| {
                let d = eks(|d| d.helm_release = Some("shop".into()));
                set_kind(s, d, &["Src"]);
            },
            |s| set_kind(s, eks(|_| {}), &["Src"]),
        ),
        (
            "CP-CONF-37",
            |s| {
                let d = eks(|d| {
                    helm(d);
                    d.helm_release = Some("Shop_Web".into());
                    d.kubernetes_namespace = Some("-prod".into());
                });
                set_kind(s, d, &["Src"]);
            },
            |s| {
                let d = eks(|d| {
                    helm(d);
                    d.helm_release = Some(format!("{}.b", n('a', 51)).into());
                    d.kubernetes_namespace = Some(n('p', 63).into());
                });
                set_kind(s, d, &["Src"]);
            },
        ),
        (
            "CP-CONF-37",
            |s| {
                let d = eks(|d| d.subnets = vec!["subnet-0123abcd".into()]);
                set_kind(s, d, &["Src"]);
            },
            |s| {
                let d = eks(|d| {
                    d.subnets = vec!["subnet-0123abcd".into()];
                    d.security_groups = vec!["sg-0123abcd".into()];
                });
                set_kind(s, d, &["Src"]);
            },
        ),
        (
            "CP-CONF-38",
            |s| set_kind(s, appconfig(|d| d.application = "MyApp".into()), &["Src"]),
            |s| set_kind(s, appconfig(|d| d.application = "a1b2c3d".into()), &["Src"]),
        ),
        (
            "CP-CONF-38",
            |s| {
                let d = appconfig(|d| {
                    d.environment = "abc".into();
                    d.configuration_profile = "abcdefgh".into();
                });
                set_kind(s, d, &["Src"]);
            },
            |s| {
                let d = appconfig(|d| {
                    d.environment = "abcd".into();
                    d.configuration_profile = "abcdefg".into();
                });
                set_kind(s, d, &["Src"]);
            },
        ),
        (
            "CP-CONF-38",
            |s| {
                let d = appconfig(|d| d.deployment_strategy = Some("AppConfig.Fast".into()));
                set_kind(s, d, &["Src"]);
            },
            |s| {
                let strategy = format!("AppConfig.{}", n('A', 40));
                let d = appconfig(|d| d.deployment_strategy = Some(strategy.into()));
                set_kind(s, d, &["Src"]);
            },
        ),
        (
            "CP-CONF-39",
            |s| set_kind(s, catalog(|d| d.product = "prod abc".into()), &["Src"]),
            |s| set_kind(s, catalog(|d| d.product = n('p', 100).into()), &["Src"]),
        ),
        (
            "CP-CONF-39",
            |s| set_kind(s, catalog(|d| d.version_name = None), &["Src"]),
            |s| {
                let d = catalog(|d| d.version_description = Some("first".into()));
                set_kind(s, d, &["Src"]);
            },
        ),
        (
            "CP-CONF-39",
            |s| {
                let d = catalog(|d| d.configuration_file = Some("config.json".into()));
                set_kind(s, d, &["Src"]);
            },
            |s| {
                let d = catalog(|d| {
                    d.template = None;
                    d.version_name = None;
                    d.configuration_file = Some("config.json".into());
                });
                set_kind(s, d, &["Src"]);
            },
        ),
        (
            "CP-CONF-39",
            |s| {
                let d = catalog(|d| {
                    d.template = None;
                    d.version_name = None;
                });
                set_kind(s, d, &["Src"]);
            },
            |s| set_kind(s, catalog(|_| {}), &["Src"]),
        ),
        (
            "CP-CONF-40",
            |s| set_kind(s, instances(|d| d.targets.clear()), &[]),
            |s| set_kind(s, instances(|_| {}), &[]),
        ),
        (
            "CP-CONF-40",
            |s| set_kind(s, instances(|d| d.targets.clear()), &["Src"]),
            |s| {
                let d = instances(|d| d.targets = vec!["Src::units.json".into()]);
                set_kind(s, d, &["Src"]);
            },
        ),
        (
            "CP-CONF-41",
            |s| {
                set_kind(
                    s,
                    farm(|d| d.device_pool = "devicepool:top".into()),
                    &["Src"],
                )
            },
            |s| set_kind(s, farm(|d| d.project = n('p', 128).into()), &["Src"]),
        ),
        (
            "CP-CONF-41",
            |s| set_kind(s, farm(|d| d.app_type = AppType::Web), &["Src"]),
            |s| {
                let d = farm(|d| {
                    d.app_type = AppType::Web;
                    d.test_type = DeviceFarmTest::AppiumWebPython;
                    d.app = None;
                    d.test = Some("tests.zip".into());
                });
                set_kind(s, d, &["Src"]);
            },
        ),
        (
            "CP-CONF-41",
            |s| {
                let d = farm(|d| {
                    d.app = None;
                    d.test_type = DeviceFarmTest::Instrumentation;
                });
                set_kind(s, d, &["Src"]);
            },
            |s| {
                let d = farm(|d| {
                    d.test_type = DeviceFarmTest::Instrumentation;
                    d.test = Some("tests.zip".into());
                });
                set_kind(s, d, &["Src"]);
            },
        ),
        (
            "CP-CONF-41",
            |s| {
                let d = farm(|d| {
                    d.fuzz_event_count = Some(10_001.into());
                    d.fuzz_event_throttle = Some(0.into());
                });
                set_kind(s, d, &["Src"]);
            },
            |s| {
                let d = farm(|d| {
                    d.fuzz_event_count = Some(10_000.into());
                    d.fuzz_event_throttle = Some(1_000.into());
                });
                set_kind(s, d, &["Src"]);
            },
        ),
        (
            "CP-CONF-41",
            |s| {
                let d = farm(|d| {
                    d.latitude = Some("91".into());
                    d.longitude = None;
                });
                set_kind(s, d, &["Src"]);
            },
            |s| {
                let d = farm(|d| {
                    d.latitude = Some("-90".into());
                    d.longitude = Some("180.0".into());
                });
                set_kind(s, d, &["Src"]);
            },
        ),
    ]
}

fn farm(f: impl FnOnce(&mut DeviceFarm)) -> DeviceFarm {
    let mut d = kind!(DeviceFarm {
        project: "eec4905f-98f8-40aa-9afc-4c1cf0123456".into(),
        app_type: AppType::Android,
        device_pool: "arn:aws:devicefarm:us-west-2::devicepool:082d10e5".into(),
        test_type: DeviceFarmTest::BuiltinFuzz,
        app: Some("app.apk".into()),
        ..Default::default()
    });
    f(&mut d);
    d
}

fn instances(f: impl FnOnce(&mut StackInstances)) -> StackInstances {
    let mut d = kind!(StackInstances {
        stack_set: "baseline".into(),
        targets: vec!["111111111111".into()],
        regions: vec!["eu-west-1".into()],
        ..Default::default()
    });
    f(&mut d);
    d
}

fn catalog(f: impl FnOnce(&mut ServiceCatalogDeploy)) -> ServiceCatalogDeploy {
    let mut d = kind!(ServiceCatalogDeploy {
        product: "prod-abcdefghijklm".into(),
        template: Some("template.yaml".into()),
        version_name: Some("v1".into()),
        ..Default::default()
    });
    f(&mut d);
    d
}

fn appconfig(f: impl FnOnce(&mut AppConfigDeploy)) -> AppConfigDeploy {
    let mut d = kind!(AppConfigDeploy {
        application: "2s2qv57".into(),
        environment: "9tm27yd".into(),
        configuration_profile: "pvjrpu1".into(),
        path: "config/flags.json".into(),
        ..Default::default()
    });
    f(&mut d);
    d
}

fn eks(f: impl FnOnce(&mut EksDeploy)) -> EksDeploy {
    let mut d = kind!(EksDeploy {
        cluster: "shop".into(),
        manifest_files: vec!["k8s/deployment.yaml".into()],
        ..Default::default()
    });
    f(&mut d);
    d
}

fn helm(d: &mut EksDeploy) {
    d.manifest_files.clear();
    d.helm_release = Some("shop".into());
    d.helm_chart = Some("charts/shop".into());
}

fn fleet(f: impl FnOnce(&mut Ec2Deploy)) -> Ec2Deploy {
    let mut d = kind!(Ec2Deploy {
        tag_key: "app".into(),
        instance_type: Ec2InstanceType::Ec2,
        ..Default::default()
    });
    f(&mut d);
    d
}

fn scripts(d: &mut Ec2Deploy) {
    d.target_directory = Some("/home/ec2-user/deploy".into());
    d.post_script = Some("scripts/start.sh".into());
}

fn invoke(f: impl FnOnce(&mut CodePipelineInvoke)) -> CodePipelineInvoke {
    let mut i = kind!(CodePipelineInvoke {
        pipeline: "shop-deploy".into(),
        ..Default::default()
    });
    f(&mut i);
    i
}

fn beanstalk(application: &str, environment: &str) -> ElasticBeanstalk {
    kind!(ElasticBeanstalk {
        application: application.into(),
        environment: environment.into(),
    })
}

fn deploy(f: fn(&mut LambdaDeploy)) -> LambdaDeploy {
    let mut d = kind!(LambdaDeploy {
        function: "checkout".into(),
        ..Default::default()
    });
    f(&mut d);
    d
}

fn image(f: fn(&mut EcrBuildAndPublish)) -> EcrBuildAndPublish {
    let mut i = kind!(EcrBuildAndPublish {
        repository: "shop/web".into(),
        ..Default::default()
    });
    f(&mut i);
    i
}

fn scan(mode: InspectorRunMode) -> InspectorScan {
    kind!(InspectorScan {
        mode,
        ..Default::default()
    })
}
