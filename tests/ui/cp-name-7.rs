//! CP-NAME-7: condition rule names: 1–100 of [A-Za-z0-9.@_-].
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            before_entry: { result: FAIL, rules: [deployment_window "Office hours" { cron: "* * 9-16 ? * MON-FRI *" }] },
            mock "Step"
        }
    };
}
