//! CP-COND-6: condition results by place: before entry FAIL or SKIP, on success ROLLBACK or FAIL, on failure with rules ROLLBACK.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            before_entry: { result: ROLLBACK, rules: [deployment_window "Window" { cron: "* * 9-16 ? * MON-FRI *" }] },
            mock "Step"
        }
    };
}
