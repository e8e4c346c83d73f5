//! The typed builder: a source action outside the source stage does not compile.
use vsm::builder::{codecommit, connection};
use vsm::model::GitProvider;
use vsm::ValueStream;

fn main() {
    let _ = ValueStream::builder("p")
        .source("Source", |s| {
            s.action(connection("App", GitProvider::GitHub, "acme/app", "main").output("Src"))
        })
        .stage("Build", |s| s.action(codecommit("Tools", "tools", "main").output("Tools")))
        .build();
}
