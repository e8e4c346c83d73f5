//! CP-VAR: pipeline variables.

use super::*;

/// (rule, breaks it, passes at the boundary)
pub(super) fn cases() -> Vec<Case> {
    vec![
        (
            "CP-VAR-1",
            |s| {
                s.settings.variables = (0..51)
                    .map(|i| Variable {
                        name: format!("v{i}"),
                        default: None,
                        description: None,
                    })
                    .collect()
            },
            |s| {
                s.settings.variables = (0..50)
                    .map(|i| Variable {
                        name: format!("v{i}"),
                        default: None,
                        description: None,
                    })
                    .collect()
            },
        ),
        (
            "CP-VAR-2",
            |s| {
                s.settings.variables = vec![Variable {
                    name: "v".into(),
                    default: Some(n('d', 1001).into()),
                    description: None,
                }]
            },
            |s| {
                s.settings.variables = vec![Variable {
                    name: "v".into(),
                    default: Some(n('d', 1000).into()),
                    description: None,
                }]
            },
        ),
        (
            "CP-VAR-2",
            |s| {
                s.settings.variables = vec![Variable {
                    name: "v".into(),
                    default: Some(String::new().into()),
                    description: None,
                }]
            },
            |s| {
                s.settings.variables = vec![Variable {
                    name: "v".into(),
                    default: Some("d".into()),
                    description: None,
                }]
            },
        ),
        (
            "CP-VAR-3",
            |s| {
                s.settings.variables = vec![Variable {
                    name: "v".into(),
                    default: None,
                    description: Some(n('d', 201)),
                }]
            },
            |s| {
                s.settings.variables = vec![Variable {
                    name: "v".into(),
                    default: None,
                    description: Some(n('d', 200)),
                }]
            },
        ),
    ]
}
