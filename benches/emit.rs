//! Build + validate + emit the largest legal stream (50 stages, 500 actions), against
//! serde_json serialization alone of the resulting template, in the same run.

#[path = "../examples/streams/mod.rs"]
mod streams;

use criterion::{black_box, criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let template = streams::largest().to_cloudformation();
    println!(
        "largest stream: {} resources, {} bytes compact ({} per action), {} bytes pretty",
        template.resources.len(),
        template.to_json_compact().len(),
        template.to_json_compact().len() / 500,
        template.to_json_pretty().len()
    );
    let mut group = c.benchmark_group("largest_stream");
    group.bench_function("build_validate_emit", |b| {
        b.iter(|| black_box(streams::largest().to_cloudformation()))
    });
    let stream = streams::largest();
    group.bench_function("validate_only", |b| {
        b.iter(|| black_box(vsm::rules::check(&stream)))
    });
    group.bench_function("emit_only", |b| {
        b.iter(|| black_box(stream.to_cloudformation()))
    });
    group.bench_function("serialize_only", |b| {
        b.iter(|| black_box(serde_json::to_string(&template).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
