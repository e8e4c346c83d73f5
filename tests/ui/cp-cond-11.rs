//! CP-COND-11: a deployment window's time zone: Region/City, UTC with an offset, or a 3–5 letter abbreviation.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            before_entry: { result: FAIL, rules: [deployment_window "Window" { cron: "* * 9-16 ? * MON-FRI *", time_zone: "Berlin time" }] },
            mock "Step"
        }
    };
}
