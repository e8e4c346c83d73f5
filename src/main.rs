//! The standalone `vsm` binary: synth, validate, diff, render, report, measure, forecast and
//! deploy a stream given in its JSON form (`--stream FILE`), lint or import templates, or diff
//! two template files. `vsm --help` lists it all.

fn main() -> std::process::ExitCode {
    vsm::cli::main()
}
