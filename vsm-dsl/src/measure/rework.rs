//! Deployment rework rate, DORA's fifth metric: the deployments that are unplanned work after
//! an incident in production, as a CodePipeline history (and the commits, where given) shows
//! them.

use super::commits::Shipped;
use super::history::PipelineExecution;

/// Where the metric and its wording come from.
pub const REWORK_CITATION: &str = "DORA, software delivery performance metrics \
(https://dora.dev/guides/dora-metrics/): deployment rework rate, \"the ratio of deployments \
that are unplanned but happen as a result of an incident in production\", added with the \
Accelerate State of DevOps Report 2024 (https://dora.dev/research/2024/dora-report/)";

/// Which `deployments` (in order of last update) are rework: the first deployment to end
/// after a change failure (`after_failure[i]` marks deployment `i` so), and, with the commits,
/// a deployment that ships a revert or a hotfix.
pub(crate) fn rework(
    deployments: &[&PipelineExecution],
    after_failure: &[bool],
    shipped: Option<&Shipped>,
) -> Vec<bool> {
    deployments
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let after_failure = after_failure[i];
            let reverts = shipped
                .and_then(|s| s.commits.get(&d.id))
                .is_some_and(|commits| commits.iter().any(|c| c.rework));
            after_failure || reverts
        })
        .collect()
}
