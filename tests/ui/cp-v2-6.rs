//! CP-V2-6: stage conditions, rollback and retry need V2.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app" {
            pipeline_type: V1,
        }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            before_entry: { result: FAIL, rules: [deployment_window "Window" { cron: "* * 9-16 ? * MON-FRI *" }] },
            mock "Step"
        }
    };
}
