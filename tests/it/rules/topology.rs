//! CP-XREG, CP-TYPE-8, VSM-XACCT-1, VSM-REACH-1: actions in other accounts and Regions.

use super::*;

/// The build step becomes a CloudFormation deploy of the source's template.
fn deploy(s: &mut Stream) -> &mut Action {
    *build_step(s) = with_io(
        Action::new("Step", cfn(CfnActionMode::CreateUpdate)),
        &["Src"],
        &[],
    );
    build_step(s)
}

/// The pipeline's account and Region are known.
fn home(s: &mut Stream) {
    s.settings.account = Some("111111111111".into());
    s.settings.region = Some("eu-west-1".into());
}

fn store(region: &str, key: bool) -> RegionStore {
    RegionStore {
        region: region.into(),
        bucket: "acme-artifacts-us".into(),
        key: key.then(|| "arn:aws:kms:us-east-1:111111111111:key/abcd".into()),
    }
}

/// (rule, breaks it, passes at the boundary)
pub(super) fn cases() -> Vec<Case> {
    vec![
        (
            "CP-TYPE-8",
            |s| {
                *build_step(s) = custom(Category::Invoke, Owner::Custom, "Notifier", &[]);
                build_step(s).action_role = Some("arn:aws:iam::111111111111:role/x".into());
            },
            |s| deploy(s).action_role = Some("arn:aws:iam::111111111111:role/x".into()),
        ),
        (
            "CP-XREG-1",
            |s| {
                home(s);
                deploy(s).region = Some("Ireland".into());
            },
            |s| {
                home(s);
                deploy(s).region = Some("us-gov-west-1".into());
            },
        ),
        (
            "CP-XREG-1",
            |s| s.settings.region = Some("eu_west_1".into()),
            |s| s.settings.region = Some("eu-west-1".into()),
        ),
        (
            "CP-XREG-2",
            |s| {
                home(s);
                s.stages[0].actions[0].region = Some("us-east-1".into());
            },
            |s| {
                home(s);
                s.stages[0].actions[0].region = Some("eu-west-1".into());
            },
        ),
        (
            "CP-XREG-3",
            |s| {
                home(s);
                s.settings.artifact_stores =
                    vec![store("us-east-1", true), store("us-east-1", true)];
            },
            |s| {
                home(s);
                s.settings.artifact_stores =
                    vec![store("us-east-1", true), store("us-west-2", true)];
            },
        ),
        (
            "CP-XREG-4",
            |s| {
                home(s);
                s.settings.artifact_stores = vec![store("us-east-1", false)];
                let a = deploy(s);
                a.region = Some("us-east-1".into());
                a.account = Some("222222222222".into());
            },
            |s| {
                home(s);
                s.settings.artifact_stores = vec![store("us-east-1", true)];
                let a = deploy(s);
                a.region = Some("us-east-1".into());
                a.account = Some("222222222222".into());
            },
        ),
        (
            "CP-XREG-5",
            |s| deploy(s).account = Some("222222222222".into()),
            |s| {
                home(s);
                deploy(s).account = Some("222222222222".into());
            },
        ),
        (
            "CP-XREG-5",
            |s| deploy(s).region = Some("us-east-1".into()),
            |s| {
                s.settings.artifact_stores = vec![store("us-east-1", true)];
                deploy(s).region = Some("us-east-1".into());
            },
        ),
        (
            "VSM-XACCT-1",
            |s| {
                home(s);
                deploy(s).account = Some("22222222222".into());
            },
            |s| {
                home(s);
                deploy(s).account = Some("222222222222".into());
            },
        ),
        (
            "VSM-XACCT-1",
            |s| {
                home(s);
                let a = deploy(s);
                a.account = Some("222222222222".into());
                a.action_role = Some("arn:aws:iam::333333333333:role/deployer".into());
            },
            |s| {
                home(s);
                let a = deploy(s);
                a.account = Some("222222222222".into());
                a.action_role = Some("arn:aws:iam::222222222222:role/deployer".into());
            },
        ),
        (
            "VSM-REACH-1",
            |s| {
                home(s);
                build_step(s).account = Some("222222222222".into());
            },
            |s| {
                home(s);
                build_step(s).account = Some("111111111111".into());
            },
        ),
    ]
}
