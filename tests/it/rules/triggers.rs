//! CP-TRIG: Git triggers on connection sources.

use super::*;

/// (rule, breaks it, passes at the boundary)
pub(super) fn cases() -> Vec<Case> {
    vec![
        (
            "CP-TRIG-1",
            |s| {
                s.stages[0].actions = (0..51)
                    .map(|i| conn(&format!("S{i}"), &format!("O{i}")))
                    .collect();
                s.settings.triggers = (0..51).map(|i| trigger(&format!("S{i}"))).collect()
            },
            |s| {
                s.stages[0].actions = (0..50)
                    .map(|i| conn(&format!("S{i}"), &format!("O{i}")))
                    .collect();
                s.settings.triggers = (0..50).map(|i| trigger(&format!("S{i}"))).collect()
            },
        ),
        (
            "CP-TRIG-3",
            |s| s.settings.triggers = vec![trigger("Step")],
            |s| s.settings.triggers = vec![trigger("App")],
        ),
        (
            "CP-TRIG-4",
            |s| s.settings.triggers = vec![trigger("App"), trigger("App")],
            |s| s.settings.triggers = vec![trigger("App")],
        ),
        (
            "CP-TRIG-5",
            |s| {
                s.settings.triggers = vec![Trigger {
                    push: vec![
                        PushFilter {
                            branches: vec!["main".into()],
                            ..Default::default()
                        };
                        4
                    ],
                    ..trigger("App")
                }]
            },
            |s| {
                s.settings.triggers = vec![Trigger {
                    push: vec![
                        PushFilter {
                            branches: vec!["main".into()],
                            ..Default::default()
                        };
                        3
                    ],
                    ..trigger("App")
                }]
            },
        ),
        (
            "CP-TRIG-6",
            |s| {
                s.settings.triggers = vec![Trigger {
                    push: vec![PushFilter {
                        branches: vec!["b".into(); 9],
                        ..Default::default()
                    }],
                    ..trigger("App")
                }]
            },
            |s| {
                s.settings.triggers = vec![Trigger {
                    push: vec![PushFilter {
                        branches: vec!["b".into(); 8],
                        ..Default::default()
                    }],
                    ..trigger("App")
                }]
            },
        ),
        (
            "CP-TRIG-6",
            |s| {
                s.settings.triggers = vec![Trigger {
                    push: vec![PushFilter {
                        tags: vec![n('t', 256)],
                        ..Default::default()
                    }],
                    ..trigger("App")
                }]
            },
            |s| {
                s.settings.triggers = vec![Trigger {
                    push: vec![PushFilter {
                        tags: vec![n('t', 255)],
                        ..Default::default()
                    }],
                    ..trigger("App")
                }]
            },
        ),
        (
            "CP-TRIG-7",
            |s| {
                s.settings.triggers = vec![Trigger {
                    pull_request: vec![PullRequestFilter {
                        events: vec![PullRequestEvent::Open, PullRequestEvent::Open],
                        branches: vec!["main".into()],
                        ..Default::default()
                    }],
                    ..trigger("App")
                }]
            },
            |s| {
                s.settings.triggers = vec![Trigger {
                    pull_request: vec![PullRequestFilter {
                        events: vec![
                            PullRequestEvent::Open,
                            PullRequestEvent::Updated,
                            PullRequestEvent::Closed,
                        ],
                        branches: vec!["main".into()],
                        ..Default::default()
                    }],
                    ..trigger("App")
                }]
            },
        ),
        (
            "CP-TRIG-8",
            |s| {
                s.settings.triggers = vec![Trigger {
                    pull_request: vec![PullRequestFilter::default()],
                    ..trigger("App")
                }]
            },
            |s| {
                s.settings.triggers = vec![Trigger {
                    pull_request: vec![PullRequestFilter {
                        branches: vec!["main".into()],
                        ..Default::default()
                    }],
                    ..trigger("App")
                }]
            },
        ),
        (
            "CP-TRIG-12",
            |s| {
                s.settings.triggers = vec![Trigger {
                    push: vec![PushFilter {
                        branches: vec!["main".into(), "release/*".into(), "main".into()],
                        ..Default::default()
                    }],
                    ..trigger("App")
                }]
            },
            |s| {
                s.settings.triggers = vec![Trigger {
                    push: vec![PushFilter {
                        branches: vec!["main".into(), "release/*".into()],
                        branches_excluded: vec!["main".into()],
                        ..Default::default()
                    }],
                    ..trigger("App")
                }]
            },
        ),
    ]
}
