//! CP-QUOTA: the limits of a pipeline.

use super::*;

/// (rule, breaks it, passes at the boundary)
pub(super) fn cases() -> Vec<Case> {
    vec![
        (
            "CP-QUOTA-8",
            |s| {
                s.settings.tags = (0..51)
                    .map(|i| Tag {
                        key: format!("k{i}"),
                        value: "v".into(),
                    })
                    .collect()
            },
            |s| {
                s.settings.tags = (0..50)
                    .map(|i| Tag {
                        key: format!("k{i}"),
                        value: "v".into(),
                    })
                    .collect()
            },
        ),
        (
            "CP-QUOTA-1",
            |s| {
                s.stages
                    .extend((0..50).map(|i| stage(&format!("S{i}"), vec![mock("M")])))
            },
            |s| {
                s.stages
                    .extend((0..48).map(|i| stage(&format!("S{i}"), vec![mock("M")])))
            },
        ),
        (
            "CP-QUOTA-2",
            |s| {
                s.stages[1].actions = (0..51)
                    .map(|i| at(mock(&format!("M{i}")), i % 10 + 1))
                    .collect()
            },
            |s| {
                s.stages[1].actions = (0..50)
                    .map(|i| at(mock(&format!("M{i}")), i % 10 + 1))
                    .collect()
            },
        ),
        (
            "CP-QUOTA-3",
            |s| s.stages[1].actions = (0..51).map(|i| mock(&format!("M{i}"))).collect(),
            |s| s.stages[1].actions = (0..50).map(|i| mock(&format!("M{i}"))).collect(),
        ),
        (
            "CP-QUOTA-4",
            |s| s.stages[1].actions = (0..51).map(|i| at(mock(&format!("M{i}")), i + 1)).collect(),
            |s| s.stages[1].actions = (0..50).map(|i| at(mock(&format!("M{i}")), i + 1)).collect(),
        ),
        (
            "CP-QUOTA-5",
            |s| {
                s.stages.extend((0..10).map(|i| {
                    stage(
                        &format!("S{i}"),
                        (0..50).map(|j| mock(&format!("M{j}"))).collect(),
                    )
                }))
            },
            |s| {
                s.stages[1].actions = (0..49).map(|j| mock(&format!("M{j}"))).collect();
                s.stages.extend((0..9).map(|i| {
                    stage(
                        &format!("S{i}"),
                        (0..50).map(|j| mock(&format!("M{j}"))).collect(),
                    )
                }))
            },
        ),
        (
            "CP-QUOTA-7",
            |s| {
                *build_step(s) = Action::new(
                    "QA",
                    kind!(Approval {
                        timeout: Some(Duration::from_secs(4 * 60)),
                        ..Default::default()
                    }),
                )
            },
            |s| {
                *build_step(s) = Action::new(
                    "QA",
                    kind!(Approval {
                        timeout: Some(Duration::from_secs(5 * 60)),
                        ..Default::default()
                    }),
                )
            },
        ),
        (
            "CP-QUOTA-7",
            |s| {
                *build_step(s) = Action::new(
                    "QA",
                    kind!(Approval {
                        timeout: Some(Duration::from_secs(86_400 * 60 + 60)),
                        ..Default::default()
                    }),
                )
            },
            |s| {
                *build_step(s) = Action::new(
                    "QA",
                    kind!(Approval {
                        timeout: Some(Duration::from_secs(86_400 * 60)),
                        ..Default::default()
                    }),
                )
            },
        ),
    ]
}
