//! CP-V2: what only V2 pipelines take.

use super::*;

/// (rule, breaks it, passes at the boundary)
pub(super) fn cases() -> Vec<Case> {
    vec![
        (
            "CP-V2-3",
            |s| {
                s.settings.pipeline_type = PipelineType::V1;
                s.settings.execution_mode = Some(ExecutionMode::Queued)
            },
            |s| {
                s.settings.pipeline_type = PipelineType::V1;
                s.settings.execution_mode = Some(ExecutionMode::Superseded)
            },
        ),
        (
            "CP-V2-4",
            |s| {
                s.settings.pipeline_type = PipelineType::V1;
                s.settings.triggers = vec![trigger("App")]
            },
            |s| s.settings.triggers = vec![trigger("App")],
        ),
        (
            "CP-V2-5",
            |s| {
                s.settings.pipeline_type = PipelineType::V1;
                s.settings.variables = vec![Variable {
                    name: "v".into(),
                    default: None,
                    description: None,
                }]
            },
            |s| {
                s.settings.variables = vec![Variable {
                    name: "v".into(),
                    default: None,
                    description: None,
                }]
            },
        ),
        (
            "CP-V2-7",
            |s| {
                s.settings.pipeline_type = PipelineType::V1;
                *build_step(s) = with_io(
                    custom(Category::Compute, Owner::Aws, "Commands", &[]),
                    &["Src"],
                    &[],
                )
            },
            |s| {
                *build_step(s) = with_io(
                    custom(Category::Compute, Owner::Aws, "Commands", &[]),
                    &["Src"],
                    &[],
                )
            },
        ),
    ]
}
