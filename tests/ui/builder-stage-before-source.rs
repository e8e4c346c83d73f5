//! The typed builder: a stage before the source stage does not compile.
use vsm::builder::mock;
use vsm::ValueStream;

fn main() {
    let _ = ValueStream::builder("p")
        .stage("Build", |s| s.action(mock("Unit")))
        .build();
}
