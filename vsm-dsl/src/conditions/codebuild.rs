//! `codebuild`: the condition holds when a build of an existing CodeBuild project succeeds.

use crate::catalogue::CP_ART_5;
use crate::diagnostic::Violation;
use crate::kit::arn::{self, Part};
use crate::kit::{rule_type, Entry, Grants, RuleAt, RuleType};
use crate::model::{Stream, Text};

rule_type! {
    /// A CodeBuild check: the rule runs a build of an existing project and succeeds when the
    /// build does.
    #[rule(codebuild)]
    pub struct CodeBuildCheck {
        required {
            /// The project's name.
            project: Text,
        }
        optional {
            /// With several inputs: the one CodeBuild checks out as the primary source (CP-ART-5).
            primary_source: Option<String>,
            /// Run a batch of builds.
            batch_enabled: bool,
            /// Combine a batch's artifacts into one.
            combine_artifacts: bool,
        }
    }
}

impl RuleType for CodeBuildCheck {
    const PROVIDER: &'static str = "CodeBuild";
    const RULES: &'static [crate::catalogue::RuleId] = &[CP_ART_5];

    fn configuration(&self) -> Vec<Entry<'_>> {
        let mut out = vec![Entry::of("ProjectName", "project", &self.project)];
        out.extend(Entry::opt(
            "PrimarySource",
            "primary_source",
            &self.primary_source,
        ));
        if self.batch_enabled {
            out.push(Entry::text("BatchEnabled", "batch_enabled", "true"));
        }
        if self.combine_artifacts {
            out.push(Entry::text("CombineArtifacts", "combine_artifacts", "true"));
        }
        out
    }

    fn check(&self, at: &RuleAt<'_>, _stream: &Stream, out: &mut Vec<Violation>) {
        let inputs = &at.rule.inputs;
        let named = self
            .primary_source
            .as_ref()
            .is_some_and(|p| inputs.contains(p));
        let needed = inputs.len() > 1 || self.primary_source.is_some();
        if needed && !named {
            out.push(Violation::error(
                CP_ART_5,
                at.prop("primary_source"),
                format!(
                    "a CodeBuild rule with {} inputs names one of them as its primary source",
                    inputs.len()
                ),
                format!("set `primary_source` to one of {}", inputs.join(", ")),
            ));
        }
    }

    /// Starting and reading builds of the project (and batches when it runs them).
    fn grant(&self, grants: &mut Grants, _stream: &Stream, region: Option<&Text>) {
        let project = arn::regional_in(
            "codebuild",
            region,
            &[Part::Lit("project/"), Part::Val(&self.project)],
        );
        grants.allow(
            "RunGateBuilds",
            &["codebuild:BatchGetBuilds", "codebuild:StartBuild"],
            project.clone(),
        );
        if self.batch_enabled {
            grants.allow(
                "RunGateBuilds",
                &[
                    "codebuild:BatchGetBuildBatches",
                    "codebuild:StartBuildBatch",
                ],
                project,
            );
        }
    }
}
