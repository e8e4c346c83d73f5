//! VSM-XACCT-1: a condition rule's account is 12 digits.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app" { account: "111111111111", region: "eu-west-1" }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            on_success: { result: ROLLBACK, rules: [cloudwatch_alarm "Errors" { alarm_name: "app-errors", account: "33333333333" }] },
            mock "Step"
        }
    };
}
