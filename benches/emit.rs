//! Build + validate + emit the largest legal stream (50 stages, 500 actions), against
//! serde_json serialization alone of the resulting template, in the same run.

#[path = "../examples/streams/mod.rs"]
mod streams;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use vsm::emit::EmitOptions;
use vsm::time::Date;

fn bench(c: &mut Criterion) {
    // A fixed day: the runtime rules give the same answer whenever the benchmark runs.
    let options = EmitOptions {
        today: Some(Date::new(2026, 11, 27)),
        ..EmitOptions::default()
    };
    let emit = |s: &vsm::ValueStream| s.to_cloudformation_with(&options).expect("it emits");
    let template = emit(&streams::largest());
    println!(
        "largest stream: {} resources, {} bytes compact ({} per action), {} bytes pretty",
        template.resources.len(),
        template.to_json_compact().len(),
        template.to_json_compact().len() / 500,
        template.to_json_pretty().len()
    );
    let mut group = c.benchmark_group("largest_stream");
    group.bench_function("build_validate_emit", |b| {
        b.iter(|| black_box(emit(&streams::largest())))
    });
    let stream = streams::largest();
    group.bench_function("validate_only", |b| {
        b.iter(|| black_box(vsm::rules::check(&stream)))
    });
    group.bench_function("emit_only", |b| b.iter(|| black_box(emit(&stream))));
    group.bench_function("serialize_only", |b| {
        b.iter(|| black_box(serde_json::to_string(&template).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
