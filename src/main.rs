//! The standalone `vsm` binary (`cargo install value-stream-map`): synth, validate, diff,
//! render, report, measure, forecast, lint and import (and deploy, status, list, destroy with
//! the `deploy` feature) a stream given in its JSON form (`--stream FILE`), or work on
//! template files. `vsm --help` lists it all.

fn main() -> std::process::ExitCode {
    vsm::cli::main()
}
