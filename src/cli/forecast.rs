//! `forecast`: a Monte Carlo simulation of the stream from its measured distributions, for
//! the stream as it is and for a future state, with a backtest on its own history.

use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;

use super::input::read_stream;
use super::measure::{read_structure, unreadable};
use super::outputs::emit;
use super::{Failure, Result, Source, Streams};
use crate::analysis::analyze;
use crate::forecast::{
    backtest, current_model, forecast_text, future_model, modelled_model, simulate, Forecast,
    ForecastJson, StreamModel,
};
use crate::measure::{measure, measured_stream, History, Structure, Window, SEED};
use crate::model::Stream;

/// Examples for `forecast --help`.
pub(crate) const EXAMPLES: &[(&str, &str)] = &[
    (
        "forecast --history history/",
        "lead time p50/p85/p95 and deployments per week from the measured distributions",
    ),
    (
        "forecast --history history/ --future future.json",
        "the same for a future state (changed annotations, steps removed or made parallel)",
    ),
    (
        "forecast --history history/ --backtest",
        "forecast from the first two thirds, compared with what the last third measured",
    ),
];

/// Runs above which a progress bar shows (on a terminal).
const BAR_FROM: usize = 100_000;

/// `forecast` options.
#[derive(Debug, Clone, Args)]
pub(crate) struct ForecastArgs {
    /// Directory of the history (as `measure --history` reads it): each step's times are
    /// drawn from what it measured. Without it, from the stream's annotations.
    #[arg(long, value_name = "DIR")]
    pub history: Option<PathBuf>,
    /// A future-state stream (JSON form); a stream binary's own future state by default.
    #[arg(long, value_name = "FILE")]
    pub future: Option<PathBuf>,
    /// Simulated executions per state.
    #[arg(long, value_name = "N", default_value_t = 10_000,
          value_parser = clap::value_parser!(u64).range(1..=100_000_000))]
    pub runs: u64,
    /// Seed of the simulation (the same seed gives the same forecast).
    #[arg(long, value_name = "N", default_value_t = SEED)]
    pub seed: u64,
    /// Forecast from the first two thirds of the history and compare with the last third.
    #[arg(long, requires = "history")]
    pub backtest: bool,
    /// JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Also write one self-contained HTML page: the stream's map (with --history, measured
    /// and modelled as layers) and the forecast beside its figures.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
}

/// Runs `forecast`.
pub(crate) fn run(streams: &Streams, args: &ForecastArgs) -> Result<u8> {
    let stream: Option<Stream> = match (&streams.source, &streams.file) {
        (Source::Embedded(_), _) => Some(streams.stream()?.into_inner()),
        (Source::File, Some(path)) => Some(read_stream(path)?.into_inner()),
        (Source::File, None) => None,
    };
    if args.html.is_some() && stream.is_none() {
        return Err(Failure::trouble(
            "--html draws the stream's map: pass --stream FILE (its JSON form)",
        ));
    }
    let future: Option<Stream> = match &args.future {
        Some(path) => Some(read_stream(path)?.into_inner()),
        None => streams.future().map(|f| f.into_inner()),
    };
    let runs = args.runs as usize;
    let (current, measured) = match &args.history {
        Some(dir) => {
            let history = History::read_dir(dir).map_err(unreadable)?;
            let structure = match &stream {
                Some(s) => Structure::of_stream(s),
                None => read_structure(dir)?,
            };
            let m = measure(&history, &structure, Window::default());
            let model = current_model(&history, &structure, Window::default(), &m);
            let source = format!(
                "measured from {} executions in {}",
                m.delivery.executions,
                dir.display()
            );
            (model, Some((history, structure, m, source)))
        }
        None => match &stream {
            Some(s) => (modelled_model(s), None),
            None => {
                return Err(Failure::trouble(
                    "`forecast` needs a history (--history DIR) or a stream (--stream FILE)",
                ))
            }
        },
    };
    let future_model = future.as_ref().map(|f| match &measured {
        Some(_) => future_model(f, stream.as_ref(), &current),
        None => modelled_model(f),
    });
    let now = simulated(&current, runs, args.seed, "current");
    let then = future_model
        .as_ref()
        .map(|m| simulated(m, runs, args.seed, "future"));
    let back = match (&measured, args.backtest) {
        (Some((history, structure, m, _)), true) => {
            let span = m.window.ok_or_else(|| {
                Failure::trouble("--backtest: the history has no execution to learn from")
            })?;
            Some(
                backtest(history, structure, span, runs, args.seed).ok_or_else(|| {
                    Failure::trouble(
                        "--backtest: the first two thirds or the last third of the history has no \
                     execution; give a longer history",
                    )
                })?,
            )
        }
        _ => None,
    };
    let json = ForecastJson::new(&now, then.as_ref(), back.as_ref());
    if let (Some(path), Some(stream)) = (&args.html, &stream) {
        let value = serde_json::to_value(&json)
            .map_err(|e| Failure::trouble(format!("cannot write the forecast: {e}")))?;
        let panel = vec![crate::page::forecast_panel(&value)];
        let page = match &measured {
            Some((_, _, m, source)) => crate::page::measured_page_with(
                &analyze(stream),
                &analyze(&measured_stream(stream, m)),
                m,
                source,
                panel,
            ),
            None => crate::page::stream_page_with(&analyze(stream), panel),
        };
        emit(&page, Some(path))?;
    }
    let text = if args.json {
        json.to_string_pretty()
    } else {
        let source = measured.as_ref().map_or_else(
            || "from the stream's annotations".to_owned(),
            |(_, _, _, s)| s.clone(),
        );
        forecast_text((&current, future_model.as_ref()), &json, &source)
    };
    emit(&text, None)?;
    Ok(0)
}

/// Simulates `model`, with a progress bar on a terminal for long runs.
fn simulated(model: &StreamModel, runs: usize, seed: u64, what: &str) -> Forecast {
    let bar = (runs >= BAR_FROM && std::io::stderr().is_terminal()).then(|| {
        let bar = ProgressBar::with_draw_target(Some(runs as u64), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} runs, {eta} left")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar.set_message(format!("simulating the {what} stream"));
        bar
    });
    let forecast = simulate(model, runs, seed, &mut |done| {
        if let Some(bar) = &bar {
            bar.set_position(done as u64);
        }
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    forecast
}
