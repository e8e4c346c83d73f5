//! CP-COND-7: a SKIP entry condition holds only LambdaInvoke and VariableCheck rules.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            before_entry: { result: SKIP, rules: [deployment_window "Window" { cron: "* * 9-16 ? * MON-FRI *" }] },
            mock "Step"
        }
    };
}
