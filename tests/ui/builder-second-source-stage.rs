//! The typed builder: a second source stage does not compile.
use vsm::builder::{codecommit, connection};
use vsm::kinds::GitProvider;
use vsm::ValueStream;

fn main() {
    let _ = ValueStream::builder("p")
        .source("Source", |s| {
            s.action(connection("App", GitProvider::GitHub, "acme/app", "main").outputs(["Src"]))
        })
        .source("More", |s| s.action(codecommit("Tools", "tools", "main").outputs(["Tools"])))
        .build();
}
