//! CP-CONF-30: an Elastic Beanstalk environment name that ends with a hyphen.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Deploy" {
            elastic_beanstalk "Web" { application: "shop", environment: "shop-", inputs: Src }
        }
    };
}
