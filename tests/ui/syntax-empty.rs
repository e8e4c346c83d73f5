//! An empty stream.
use vsm::stream;

fn main() {
    let _stream = stream! {

    };
}
