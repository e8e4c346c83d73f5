//! The mock-pipeline stream's value-stream figures, checked against a hand calculation, and
//! snapshots of every report and picture.

use crate::support::future;
use crate::support::streams;

use std::time::Duration;

use vsm::analysis::{
    analyze, compare, comparison_text, text_report, ComparisonJson, StepRef, StreamJson,
};
use vsm::render;

const fn mins(n: u64) -> Duration {
    Duration::from_secs(n * 60)
}

// Hand calculation from the annotations in examples/streams/mod.rs (WT + PT per step, minutes):
//
// Source             Source 120+15 = 135                                           = 135
// Build              Artifact 5+10 = 15 → Image 2+8 = 10                           = 25
// AcceptanceTesting  max(Provision 60+20 = 80, InfraAnalysis 60+15 = 75) = 80
//                    → Configure 30+30 = 60
//                    → max(Acceptance 10+45 = 55, Integration 10+40 = 50) = 55
//                    → DeployApp 60+15 = 75 → DeploymentTest 5+10 = 15           = 285
// Capacity           max(PenTest 2880+240 = 3120, Performance 1440+120 = 1560,
//                        Image 240+30 = 270, Resiliency 1440+180 = 1620)         = 3120
// ExploratoryTesting QA 4320+180                                                = 4500
// Production         max(BlueGreen 1440+30 = 1470, OutofBand 1440+60 = 1500,
//                        SecurityMetrics 1440+20 = 1460) → SwitchEndPoints 30+5  = 1535
//
// Lead time    = 135 + 25 + 285 + 3120 + 4500 + 1535 = 9600 min = 6d 16h
// Process time = 15 + (10+8) + (20+30+45+15+10) + 240 + 180 + (60+5) = 638 min = 10h 38m
// Effort       = 15 + 18 + (20+15+30+45+40+15+10) + (240+120+30+180) + 180 + (30+60+20+5)
//              = 1073 min = 17h 53m
// Flow efficiency = 638 / 9600 = 6.65 %
// Constraint: removing QA's 3d wait cuts 4320 min; the next best is PenTest, whose 2d wait
// saves only 3120 − max(240, Resiliency 1620) = 1500 min.
const LEAD: u64 = 9600;
const PROCESS: u64 = 638;
const EFFORT: u64 = 1073;

fn rolled_by_hand() -> f64 {
    let ca = [
        95.0, // Source
        97.0, 99.0, // Build
        95.0, 98.0, 90.0, 85.0, 90.0, 95.0, 97.0, // AcceptanceTesting
        90.0, 92.0, 98.0, 90.0, // Capacity
        80.0, // ExploratoryTesting
        97.0, 95.0, 99.0, 99.0, // Production
    ];
    ca.iter().map(|c| c / 100.0).product::<f64>() * 100.0
}

#[test]
fn mock_pipeline_figures_agree_with_the_hand_calculation() {
    let m = analyze(&streams::mock_pipeline());
    assert_eq!(m.lead_time, mins(LEAD));
    assert_eq!(m.process_time, mins(PROCESS));
    assert_eq!(m.wait_time, mins(LEAD - PROCESS));
    assert_eq!(m.effort, mins(EFFORT));
    let fe = m.flow_efficiency.unwrap();
    assert!((fe - 638.0 / 9600.0 * 100.0).abs() < 1e-9, "{fe}");
    let rolled = m.rolled_complete_accurate.unwrap();
    assert!((rolled - rolled_by_hand()).abs() < 1e-9, "{rolled}");
    assert!(!m.lead_time_is_lower_bound());
    assert!(m.unmeasured.is_empty());
    assert_eq!(m.coverage.steps, 19);

    let c = m.constraint.as_ref().unwrap();
    assert_eq!(c.step, StepRef::new("ExploratoryTesting", "QA"));
    assert_eq!(c.wait_time, mins(3 * 1440));
    assert_eq!(c.lead_time_saving, mins(3 * 1440));

    let path: Vec<String> = m.critical_path.iter().map(|s| s.action.clone()).collect();
    assert_eq!(
        path,
        [
            "Source",
            "Artifact",
            "Image",
            "ProvisionEnvironment",
            "ConfigureEnvironment",
            "AcceptanceTests",
            "DeployApp",
            "DeploymentTest",
            "PenTest",
            "QA",
            "OutofBandTests",
            "SwitchEndPoints"
        ]
    );
    let stage_leads: Vec<Duration> = m.stages.iter().map(|s| s.lead_time).collect();
    assert_eq!(stage_leads, [135, 25, 285, 3120, 4500, 1535].map(mins));
    // Improving ImageTests cannot help: it has 3120 − 270 = 2850 min of slack.
    assert_eq!(m.step("Capacity", "ImageTests").unwrap().slack, mins(2850));
}

#[test]
fn text_report_prints_the_headline_figures() {
    let text = text_report(&analyze(&streams::mock_pipeline()));
    assert!(text.contains("Lead time        6d 16h"), "{text}");
    assert!(text.contains("Flow efficiency  6.6%"), "{text}");
    assert!(
        text.contains(&format!("Rolled %C&A      {:.1}%", rolled_by_hand())),
        "{text}"
    );
    assert!(text.contains("Constraint       ExploratoryTesting / QA waits 3d; removing that wait cuts lead time by 3d"));
}

#[test]
fn json_report_has_the_documented_keys() {
    let json = StreamJson::new(&analyze(&streams::mock_pipeline())).to_string_pretty();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["lead_time_minutes"], 9600.0);
    assert_eq!(v["process_time_minutes"], 638.0);
    assert_eq!(v["effort_minutes"], 1073.0);
    // 638 / 9600 = 6.645833…, rounded to four decimals.
    assert_eq!(v["flow_efficiency_percent"], 6.6458);
    assert!(v["rolled_complete_accurate_percent"].is_number());
    assert_eq!(v["critical_path"].as_array().unwrap().len(), 12);
    assert_eq!(
        v["constraint"],
        serde_json::json!({
            "stage": "ExploratoryTesting",
            "action": "QA",
            "wait_minutes": 4320.0,
            "process_minutes": 180.0,
            "lead_time_saving_minutes": 4320.0
        })
    );
    assert_eq!(v["unmeasured"], serde_json::json!([]));
    assert_eq!(v["stages"].as_array().unwrap().len(), 6);
    assert_eq!(v["stages"][3]["lead_time_minutes"], 3120.0);
}

#[test]
fn future_state_by_hand() {
    // Future: AcceptanceTesting 80 + 60 + max(55, 50, PenTest 10+240 = 250, 130, 40, 190) + 75 +
    // 15 = 480; ExploratoryChecks 5+30 = 35; Production max(15+30, 15+60, 15+20) + 35 = 110.
    // Lead time 135 + 25 + 480 + 35 + 110 = 785 min; process 15 + 18 + 315 + 30 + 65 = 443.
    let current = streams::mock_pipeline();
    let future = future::mock_pipeline_future(&current);
    let c = compare(&current, &future);
    assert_eq!(c.future.lead_time, mins(785));
    assert_eq!(c.future.process_time, mins(443));
    let lt = c.metric("lead_time").unwrap();
    assert_eq!(lt.absolute(), Some(785.0 - 9600.0));
    assert!((lt.relative_percent().unwrap() - (785.0 - 9600.0) / 9600.0 * 100.0).abs() < 1e-9);
    // With QA gone the source's 2h wait is the biggest lever left.
    assert_eq!(
        c.future.constraint.as_ref().unwrap().step,
        StepRef::new("Source", "Source")
    );
    let removed = c
        .steps
        .iter()
        .filter(|d| matches!(d.change, vsm::analysis::StepChange::Removed))
        .count();
    let added = c
        .steps
        .iter()
        .filter(|d| matches!(d.change, vsm::analysis::StepChange::Added))
        .count();
    assert_eq!((removed, added), (5, 5));
}

#[test]
fn mock_pipeline_snapshots() {
    let stream = streams::mock_pipeline();
    let m = analyze(&stream);
    insta::assert_snapshot!("text", text_report(&m));
    insta::assert_json_snapshot!("json", StreamJson::new(&m));
    insta::assert_snapshot!("mermaid", render::mermaid(&stream));
    insta::assert_snapshot!("dot", render::dot(&stream));
    insta::assert_snapshot!("svg", render::svg(&stream));
}

#[test]
fn comparison_snapshots() {
    let current = streams::mock_pipeline();
    let c = compare(&current, &future::mock_pipeline_future(&current));
    insta::assert_snapshot!("comparison_text", comparison_text(&c));
    insta::assert_json_snapshot!("comparison_json", ComparisonJson::new(&c));
}
