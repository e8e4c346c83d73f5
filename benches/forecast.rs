//! A 10,000-run forecast of a 190-action stream (one source, then 9 stages of 20 invokes over
//! run orders 1–5 and a manual approval), against a plain loop that draws the same samples the
//! same number of times and adds them up, in the same run. The ratio is the figure to report;
//! the forecast must take under a second.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use std::time::Duration;
use vsm::forecast::{simulate, StepModel, StepSource, StreamModel};
use vsm::measure::Rng;

/// Samples around `median` seconds (log-normal-ish), as a history would give them.
fn samples(rng: &mut Rng, median: f64) -> Vec<f64> {
    (0..300)
        .map(|_| {
            let s: f64 = (0..4).map(|_| rng.unit()).sum::<f64>() - 2.0;
            median * (0.5 * s).exp()
        })
        .collect()
}

fn step(rng: &mut Rng, name: String, wait: f64, process: f64) -> StepModel {
    StepModel {
        name,
        wait: samples(rng, wait),
        process: if process > 0.0 {
            samples(rng, process)
        } else {
            Vec::new()
        },
        first_pass: 0.97,
        recovery: 0.8,
        source: StepSource::Measured,
    }
}

fn large() -> StreamModel {
    let mut rng = Rng::new(190);
    let mut steps = vec![step(&mut rng, "Source / Get".into(), 60.0, 30.0)];
    let mut groups = vec![vec![0]];
    for stage in 1..10 {
        for order in 1..=5 {
            let first = steps.len();
            for i in 0..4 {
                let name = format!("Stage{stage} / Invoke{order}_{i}");
                steps.push(step(&mut rng, name, 30.0, 300.0));
            }
            groups.push((first..steps.len()).collect());
        }
        groups.push(vec![steps.len()]);
        steps.push(step(
            &mut rng,
            format!("Stage{stage} / Approve"),
            3600.0,
            0.0,
        ));
    }
    assert_eq!(steps.len(), 190);
    StreamModel {
        name: "large-190".into(),
        steps,
        groups,
        starts_per_week: Some(60.0),
        halted_share: 0.02,
    }
}

/// The same draws without the model: for every run and step, one wait and one process time
/// drawn from the same samples and added up.
fn plain_loop(model: &StreamModel, runs: usize) -> f64 {
    let mut rng = Rng::new(1);
    let mut total = 0.0;
    for _ in 0..runs {
        for s in &model.steps {
            total += s.wait[rng.below(s.wait.len())];
            if !s.process.is_empty() {
                total += s.process[rng.below(s.process.len())];
            }
        }
    }
    total
}

fn bench(c: &mut Criterion) {
    let model = large();
    let mut group = c.benchmark_group("forecast_190_actions");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("plain_loop_same_draws", |b| {
        b.iter(|| black_box(plain_loop(&model, 10_000)))
    });
    group.bench_function("simulate_10000_runs", |b| {
        b.iter(|| black_box(simulate(&model, 10_000, 1, &mut |_| {})))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
