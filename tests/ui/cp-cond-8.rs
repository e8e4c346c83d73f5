//! CP-COND-8: an automatic retry takes no rules.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            on_failure: { result: RETRY, retry_mode: FAILED_ACTIONS, rules: [deployment_window "Window" { cron: "* * 9-16 ? * MON-FRI *" }] },
            mock "Step"
        }
    };
}
