//! CP-COND-10: a deployment window's cron expression: 6 or 7 fields, values and special characters each field allows, `?` in one day field.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            before_entry: { result: FAIL, rules: [deployment_window "Window" { cron: "* * 9-16 * * MON-FRI *" }] },
            mock "Step"
        }
    };
}
