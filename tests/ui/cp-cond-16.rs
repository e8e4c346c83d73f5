//! CP-COND-16: a rule's Region is a Region code.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            before_entry: { result: FAIL, rules: [deployment_window "Window" { cron: "* * 9-16 ? * MON-FRI *", region: "Ireland" }] },
            mock "Step"
        }
    };
}
