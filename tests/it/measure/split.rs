//! Before and after: the bootstrap must not find a difference between the halves of a
//! stationary history more often than the 5 % it promises, and must find a planted one.

use vsm::measure::{
    differences, measure, ExecutionStatus, History, Input, PipelineExecution, Structure, Timestamp,
    Verdict, Window,
};

use super::year::Rng;
use super::Run;

const DAY: i64 = 86_400;
const START: i64 = 1_735_689_600; // 2025-01-01

fn at(seconds: i64) -> Timestamp {
    Timestamp::from_epoch_seconds(seconds as f64).unwrap()
}

fn execution(
    id: String,
    status: ExecutionStatus,
    start: i64,
    seconds: i64,
    rollback: bool,
) -> PipelineExecution {
    PipelineExecution {
        id,
        status,
        start: at(start),
        last_update: at(start + seconds),
        trigger_type: Some(
            if rollback {
                "ManualRollback"
            } else {
                "Webhook"
            }
            .to_owned(),
        ),
        execution_type: None,
        source_revisions: Vec::new(),
        rollback_target: None,
    }
}

/// `days` days of a pipeline whose behaviour does not change, except from day `shift_at` on
/// lead times are multiplied by `slower` and executions come `busier` times as often:
/// executions arrive at random (about `per_day` a day), 10 % fail, lead times are log-normal
/// around 40 minutes, and 15 % of deployments are rolled back an hour later.
fn history(
    rng: &mut Rng,
    days: i64,
    per_day: f64,
    shift_at: i64,
    slower: f64,
    busier: f64,
) -> History {
    let mut executions = Vec::new();
    let mut t = START as f64;
    let end = (START + days * DAY) as f64;
    let mut i = 0;
    loop {
        let after = t >= (START + shift_at * DAY) as f64;
        let rate = per_day * if after { busier } else { 1.0 } / DAY as f64;
        t += -(1.0 - rng.unit()).ln() / rate;
        if t >= end {
            break;
        }
        let lead = 2400.0 * rng.noise(0.5) * if after { slower } else { 1.0 };
        let start = t as i64;
        let status = if rng.unit() < 0.1 {
            ExecutionStatus::Failed
        } else {
            ExecutionStatus::Succeeded
        };
        executions.push(execution(
            format!("e{i}"),
            status,
            start,
            lead as i64,
            false,
        ));
        if status == ExecutionStatus::Succeeded && rng.unit() < 0.15 {
            let r = start + lead as i64 + 3600;
            executions.push(execution(
                format!("r{i}"),
                ExecutionStatus::Succeeded,
                r,
                600,
                true,
            ));
        }
        i += 1;
    }
    History::new(executions, Vec::new())
}

fn structure() -> Structure {
    Structure::from_get_pipeline(Input::new(
        "get-pipeline.json",
        r#"{"pipeline": {"name": "p", "stages": [{"name": "S", "actions": [
            {"name": "A", "actionTypeId": {"category": "Deploy"}}]}]}}"#,
    ))
    .unwrap()
}

/// The halves of `h` split at day `at`, and their differences.
fn halves(h: &History, at_day: i64, resamples: usize, seed: u64) -> Vec<vsm::measure::Difference> {
    let split = START + at_day * DAY;
    let before = Window {
        since: Some(at(START)),
        until: Some(
            at(split)
                .plus_seconds(0)
                .map(|t| Timestamp::from_micros(t.micros() - 1).unwrap())
                .unwrap(),
        ),
    };
    let after = Window {
        since: Some(at(split)),
        until: None,
    };
    let s = structure();
    differences(
        &measure(h, &s, before),
        &measure(h, &s, after),
        resamples,
        seed,
    )
}

/// Stationary histories of 60 days (about 120 executions a half; 100 of them, or
/// VSM_SPLIT_HISTORIES): for every figure with enough data, the share of histories where the
/// halves differ "beyond noise" stays near 5 %. For n histories and a true rate of 5 %, a
/// figure stays at or under 5 % + 3 standard deviations (√(0.05 × 0.95 / n)) with probability
/// 0.998, so that is each figure's bound: 11.5 % for 100; pooled over the figures (six with
/// enough data, treated as independent) the bound is 5 % + 3 × √(0.05 × 0.95 / 6n): 7.7 %.
#[test]
fn stationary_halves_differ_beyond_noise_no_more_than_five_percent_of_the_time() {
    let histories: usize = std::env::var("VSM_SPLIT_HISTORIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let bound = |tests: usize| 0.05 + 3.0 * (0.05 * 0.95 / tests as f64).sqrt();
    let mut rng = Rng::new(42);
    let mut tested = std::collections::BTreeMap::<&str, (usize, usize)>::new();
    for n in 0..histories {
        let h = history(&mut rng, 60, 4.0, 0, 1.0, 1.0);
        for d in halves(&h, 30, 500, n as u64) {
            let entry = tested.entry(d.figure.key).or_default();
            if let Some(significant) = d.verdict.significant() {
                entry.0 += 1;
                entry.1 += usize::from(significant);
            }
        }
    }
    let (mut all, mut hits) = (0, 0);
    for (key, (n, significant)) in &tested {
        // Seen with --nocapture (scripts/split-noise).
        eprintln!("{key}: {significant} of {n} beyond noise");
        if *n > 0 {
            let rate = *significant as f64 / *n as f64;
            assert!(
                rate <= bound(*n),
                "{key}: {significant} of {n} beyond noise"
            );
        }
        all += n;
        hits += significant;
    }
    assert!(all >= 6 * histories, "{tested:?}");
    let rate = hits as f64 / all as f64;
    assert!(
        rate <= bound(all),
        "{hits} of {all} beyond noise: {tested:?}"
    );
    // Figures with too few units (restores, runs of failures) mostly say so rather than decide.
    assert!(tested["time_to_restore_median_minutes"].0 < histories / 10);
    assert_eq!(tested["time_to_green_median_minutes"].0, 0);
}

#[test]
fn a_planted_change_is_found_and_called_the_right_way() {
    let mut rng = Rng::new(7);
    // From day 30, lead times double and deployments come twice as often.
    let h = history(&mut rng, 60, 4.0, 30, 2.0, 2.0);
    let d = halves(&h, 30, 2_000, 1);
    let of = |key: &str| d.iter().find(|d| d.figure.key == key).unwrap();
    let lead = of("lead_time_median_minutes");
    assert_eq!(lead.verdict, Verdict::Worse, "{lead:?}");
    assert!(
        (60.0..140.0).contains(&lead.change_percent.unwrap()),
        "{lead:?}"
    );
    let (low, high) = lead.ci95.unwrap();
    assert!(low > 0.0 && low < high);
    assert_eq!(of("deployment_frequency_per_day").verdict, Verdict::Better);
    assert_eq!(of("lead_time_p85_minutes").verdict, Verdict::Worse);
    // The same seed gives the same interval.
    let again = halves(&h, 30, 2_000, 1);
    assert_eq!(again[1].ci95, d[1].ci95);
    // Too little history: a verdict is refused.
    let short = history(&mut Rng::new(3), 4, 4.0, 0, 1.0, 1.0);
    assert!(halves(&short, 2, 400, 1)
        .iter()
        .all(|d| d.verdict == Verdict::NotEnoughData && d.ci95.is_none()));
}

fn write(dir: &std::path::Path, h: &History) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("list-pipeline-executions.json"),
        h.executions_json(),
    )
    .unwrap();
    std::fs::write(dir.join("list-action-executions.json"), h.actions_json()).unwrap();
    std::fs::write(
        dir.join("get-pipeline.json"),
        r#"{"pipeline": {"name": "p", "stages": [{"name": "S", "actions": [
            {"name": "A", "actionTypeId": {"category": "Deploy"}}]}]}}"#,
    )
    .unwrap();
}

#[test]
fn vsm_measure_split_and_two_histories_report_before_after_and_differences() {
    let dir = super::temp();
    let h = history(&mut Rng::new(7), 60, 4.0, 30, 2.0, 2.0);
    let all = dir.path().join("all");
    write(&all, &h);
    let v = super::json_of(
        super::vsm()
            .args([
                "measure",
                "--json",
                "--split",
                "2025-01-31",
                "--seed",
                "5",
                "--history",
            ])
            .arg(&all),
    );
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        ["after", "before", "differences", "resamples", "seed"]
    );
    assert_eq!(v["seed"], 5);
    let lead = v["differences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["metric"] == "lead_time_median_minutes")
        .unwrap();
    for key in [
        "metric",
        "before",
        "after",
        "change_percent",
        "ci95_low",
        "ci95_high",
        "significant",
        "before_n",
        "after_n",
        "verdict",
    ] {
        assert!(lead.get(key).is_some(), "{key} missing: {lead}");
    }
    assert_eq!(lead["before"], v["before"]["lead_time_median_minutes"]);
    assert_eq!(lead["after"], v["after"]["lead_time_median_minutes"]);
    assert_eq!(lead["significant"], true);
    assert_eq!(lead["verdict"], "worse");
    assert_eq!(lead["before_n"], v["before"]["deployments"]);
    // The same two halves as two histories: the same lead times and verdict.
    let split = at(START + 30 * DAY);
    let side = |keep: &dyn Fn(&PipelineExecution) -> bool| {
        History::new(
            h.executions.iter().filter(|e| keep(e)).cloned().collect(),
            Vec::new(),
        )
    };
    let (b, a) = (dir.path().join("before"), dir.path().join("after"));
    write(&b, &side(&|e| e.start < split));
    write(&a, &side(&|e| e.start >= split));
    let two = super::json_of(
        super::vsm()
            .args(["measure", "--json", "--seed", "5", "--history"])
            .arg(&b)
            .arg("--history")
            .arg(&a),
    );
    let lead2 = &two["differences"][1];
    assert_eq!(lead2["metric"], "lead_time_median_minutes");
    assert_eq!(
        (&lead2["before"], &lead2["after"], &lead2["verdict"]),
        (&lead["before"], &lead["after"], &lead["verdict"])
    );
    // Text and CSV.
    let out = super::vsm()
        .args(["measure", "--split", "2025-01-31", "--history"])
        .arg(&all)
        .stdout_text();
    let text = out;
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("95% interval of after − before"), "{text}");
    assert!(
        flat.contains("worse") && flat.contains("2,000 resamples"),
        "{text}"
    );
    let out = super::vsm()
        .args(["measure", "--csv", "--split", "2025-01-31", "--history"])
        .arg(&all)
        .stdout_text();
    let csv = out;
    assert!(csv.starts_with("metric,before,after,change_percent,ci95_low,ci95_high,significant"));
    // A date outside the history, and one that is not a date.
    for (when, says) in [
        (
            "2026-06-01",
            "no execution in the window starts at or after",
        ),
        ("soon", "--split: \"soon\" is neither"),
    ] {
        let out = super::vsm()
            .args(["measure", "--split", when, "--history"])
            .arg(&all)
            .stderr_text(2);
        let e = out;
        assert!(e.contains(says), "{e}");
    }
}
