//! Cost of the `stream!` expansion on the largest legal stream: 50 stages, 500 actions
//! (parse, lower, every rule, code generation). Target: under 50 ms.
//!
//! `cargo bench -p vsm-macros --bench expand`

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use proc_macro2::TokenStream;

/// 50 stages and 500 actions: a source stage of 10 connection sources, then 49 stages of 10
/// actions each in two parallel rows, each reading an artifact of the stage before.
fn largest_stream() -> TokenStream {
    let mut text =
        String::from("pipeline \"largest\" { pipeline_type: V2, execution_mode: QUEUED }\n");
    text.push_str("source \"Source\" {\n");
    for i in 0..10 {
        let bar = if i == 0 { "" } else { "| " };
        text.push_str(&format!(
            "  {bar}connection \"Src{i}\" {{ provider: GitHub, repository: \"acme/app{i}\", branch: \"main\", outputs: S0A{i}, process: 5m, wait: 1h, ca: 99% }}\n"
        ));
    }
    text.push_str("}\n");
    for s in 1..50 {
        text.push_str(&format!("stage \"Stage{s}\" {{\n"));
        for a in 0..10 {
            let bar = if a % 5 == 0 { "" } else { "| " };
            let prev = s - 1;
            text.push_str(&format!(
                "  {bar}codebuild \"Step{a}\" {{ inputs: S{prev}A{a}, outputs: S{s}A{a}, buildspec: \"ci/{a}.yml\", process: 10m, wait: 2h 30m, ca: 95% }}\n"
            ));
        }
        text.push_str("}\n");
    }
    text.parse().expect("valid tokens")
}

fn bench(c: &mut Criterion) {
    let input = largest_stream();
    let out = vsm_macros_core::expand(input.clone()).to_string();
    assert!(
        !out.contains("compile_error"),
        "the largest stream must be valid: {}",
        &out[..out.len().min(2000)]
    );
    c.bench_function("expand 50 stages / 500 actions", |b| {
        b.iter(|| vsm_macros_core::expand(black_box(input.clone())))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
