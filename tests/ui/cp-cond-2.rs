//! CP-COND-2: at most 5 rules per condition.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            before_entry: { result: FAIL, rules: [deployment_window "W1" { cron: "* * 9-16 ? * MON-FRI *" }, deployment_window "W2" { cron: "* * 9-16 ? * MON-FRI *" }, deployment_window "W3" { cron: "* * 9-16 ? * MON-FRI *" }, deployment_window "W4" { cron: "* * 9-16 ? * MON-FRI *" }, deployment_window "W5" { cron: "* * 9-16 ? * MON-FRI *" }, deployment_window "W6" { cron: "* * 9-16 ? * MON-FRI *" }] },
            mock "Step"
        }
    };
}
