//! The future state of mock-pipeline, for the current-versus-future comparison (shared by
//! `examples/future_state.rs` and `tests/analysis.rs`).
#![allow(dead_code)]

use vsm::kinds::Mock;
use vsm::model::{Action, Stage};
use vsm::time::mins;
use vsm::ValueStream;

/// mock-pipeline after three improvements:
///
/// 1. the manual QA approval (3 days in the queue, 3 hours of work) becomes an automated
///    exploratory check (`ExploratoryChecks`: 5m wait, 30m work, 95 %C&A);
/// 2. the capacity tests leave their own stage and run in parallel with the acceptance and
///    integration tests, starting 10m after the environment is configured instead of queueing
///    for days;
/// 3. production deploys start 15m after a green build instead of waiting a day.
pub fn mock_pipeline_future(current: &ValueStream) -> ValueStream {
    let mut s = (**current).clone();
    s.name = "mock-pipeline-future".into();

    // 2. Capacity tests join the acceptance tests' run order.
    let capacity = s.stages.iter().position(|st| st.name == "Capacity");
    let moved: Vec<Action> = capacity
        .map(|i| s.stages.remove(i).actions)
        .unwrap_or_default();
    if let Some(acceptance) = s
        .stages
        .iter_mut()
        .find(|st| st.name == "AcceptanceTesting")
    {
        let order = acceptance
            .actions
            .iter()
            .find(|a| a.name == "AcceptanceTests")
            .map_or(1, |a| a.run_order);
        for mut action in moved {
            action.run_order = order;
            action.annotations.wait_time = Some(mins(10));
            acceptance.actions.push(action);
        }
    }

    // 1. The manual approval becomes an automated check.
    if let Some(exploratory) = s
        .stages
        .iter_mut()
        .find(|st| st.name == "ExploratoryTesting")
    {
        let mut check = Action::new("ExploratoryChecks", Mock::default());
        check.annotations.wait_time = Some(mins(5));
        check.annotations.process_time = Some(mins(30));
        check.annotations.complete_accurate = Some(95.0);
        *exploratory = Stage {
            actions: vec![check],
            ..Stage::new(exploratory.name.clone())
        };
    }

    // 3. Production deploys start soon after a green build.
    if let Some(production) = s.stages.iter_mut().find(|st| st.name == "Production") {
        for action in production.actions.iter_mut().filter(|a| a.run_order == 1) {
            action.annotations.wait_time = Some(mins(15));
        }
    }

    ValueStream::new(s).expect("the future mock-pipeline stream is valid")
}
