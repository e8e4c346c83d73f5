//! CP-NAME-10: two actions of one name must exclude each other, not merely both have
//! conditions (production with alarms has both).
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app" {
            parameters: [
                Env { default: "test", allowed_values: [test, prod] },
                Alarms { default: "on", allowed_values: [on, off] },
            ],
            conditions: [
                IsProd = !Equals [!Ref Env, "prod"],
                UseAlarms = !Equals [!Ref Alarms, "on"],
            ],
        }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Deploy" {
            mock "Release" { when: IsProd }
          | mock "Release" { when: UseAlarms }
          | mock "Always"
        }
    };
}
