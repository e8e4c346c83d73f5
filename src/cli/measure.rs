//! `measure`: the real value stream, from a pipeline's execution history read from files the
//! AWS CLI wrote (`--history DIR`) or, with the `deploy` feature, live (`--pipeline NAME`).

use clap::Args;
use std::path::{Path, PathBuf};

use super::input::read_stream;
use super::outputs::emit;
use super::{Failure, Global, Result, Source, Streams};
use crate::analysis::analyze;
use crate::measure::{
    compare_with_model, markdown_report, measure_with, measured_stream, shipped_from_repository,
    text_report, trend, trend_csv, trend_text, Every, History, MeasureError, MeasureJson,
    Measurement, Period, Shipped, Structure, Timestamp, TrendJson, Window, PIPELINE_FILE, SEED,
};
use crate::model::{Stream, TimeScale};

/// Examples for `measure --help`.
pub(crate) const EXAMPLES: &[(&str, &str)] = &[
    (
        "measure --history history/",
        "files written by `aws codepipeline list-pipeline-executions` and `list-action-executions`",
    ),
    (
        "measure --history history/ --since 90d --markdown",
        "the last 90 days, for a pull request",
    ),
    (
        "measure --history history/ --write measured.json",
        "the stream with measured annotations",
    ),
    (
        "measure --history history/ --git ../my-app",
        "change lead time from the commits of a local clone",
    ),
    (
        "measure --history history/ --every week",
        "each figure per week, with sparklines (--json, --csv)",
    ),
    (
        "measure --history history/ --split 2025-06-01",
        "before and after a change: which differences are beyond noise",
    ),
    (
        "measure --history history/ --html map.html",
        "the measured map as one offline page, with its charts",
    ),
    (
        "measure --pipeline my-pipeline --since 90d",
        "read live from AWS (deploy feature)",
    ),
];

/// `measure` options.
#[derive(Debug, Clone, Args)]
pub(crate) struct MeasureArgs {
    /// Directory holding list-pipeline-executions.json and list-action-executions.json (and,
    /// without a stream, get-pipeline.json), as the AWS CLI prints them.
    /// Given twice, the first history is compared with the second: before and after.
    #[arg(
        long,
        value_name = "DIR",
        required_unless_present = "pipeline",
        conflicts_with = "pipeline"
    )]
    pub history: Vec<PathBuf>,
    /// Read the history of this pipeline live from AWS (needs the `deploy` feature).
    #[arg(long, value_name = "NAME")]
    pub pipeline: Option<String>,
    /// Read executions starting at or after WHEN: a duration back from now (90d, 12h), a date
    /// (2025-03-01) or a time with a UTC offset.
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
    /// Read executions starting at or before WHEN (same forms as --since).
    #[arg(long, value_name = "WHEN")]
    pub until: Option<String>,
    /// A local clone of the pipeline's source: each deployment's commits give change lead
    /// time (commit to production), and reverts and hotfixes count as rework.
    #[arg(long, value_name = "REPO")]
    pub git: Option<PathBuf>,
    /// The source action whose revisions are followed (default: the first source action).
    #[arg(long, value_name = "NAME", requires = "git")]
    pub source_action: Option<String>,
    /// Each figure per period (calendar days, weeks from Monday, or months, in UTC): text with
    /// sparklines, or --json (periods[]) or --csv.
    #[arg(long, value_name = "PERIOD", value_parser = clap::value_parser!(Every))]
    pub every: Option<Every>,
    /// Compare the executions that start before WHEN with those that start at or after it
    /// (same forms as --since): each figure's change and whether it is beyond noise.
    #[arg(long, value_name = "WHEN", conflicts_with = "every")]
    pub split: Option<String>,
    /// Seed of the before-and-after bootstrap (the same seed gives the same intervals).
    #[arg(long, value_name = "N", default_value_t = SEED)]
    pub seed: u64,
    /// CSV instead of text: one row per period (--every), or one for the whole window.
    #[arg(long, conflicts_with_all = ["json", "markdown"])]
    pub csv: bool,
    /// JSON instead of text.
    #[arg(long, conflicts_with = "markdown")]
    pub json: bool,
    /// Markdown for a pull request instead of text.
    #[arg(long)]
    pub markdown: bool,
    /// Check the stream's targets (`settings.targets`): list each one met, missed or not
    /// measured, and exit 1 when one is missed.
    #[arg(long, conflicts_with_all = ["every", "split", "csv"])]
    pub check: bool,
    /// Write the stream (JSON form) with its annotations replaced by the measured medians and
    /// first-pass yield as %C&A.
    #[arg(long, value_name = "FILE")]
    pub write: Option<PathBuf>,
    /// Draw the value stream map of the measured figures, marked as measured (SVG).
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
    /// Write one self-contained HTML page: the measured and modelled maps as layers, the key
    /// metrics with their DORA levels, the lead-time scatterplot, throughput, and each step's
    /// measured distributions; with --every, the figures per period; with --split, each
    /// figure before and after.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Cache of live reads, so that a re-run fetches only new executions (default: the user's
    /// cache directory).
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,
    /// The time scale of a simulated stream (`1h=1s`: one hour of the map ran in one second):
    /// the measured times are read back in map time. Default: the stream's `simulate`
    /// setting, if any.
    #[arg(long, value_name = "MAP=RUN")]
    pub scale: Option<String>,
    /// Attempts per AWS request: throttling and server errors are retried with backoff.
    #[arg(long, value_name = "N", default_value_t = 10,
          value_parser = clap::value_parser!(u32).range(1..=50))]
    pub max_attempts: u32,
}

/// Runs `measure`.
pub(crate) fn run(streams: &Streams, global: &Global, args: &MeasureArgs) -> Result<u8> {
    let window = window(args, Timestamp::now())?;
    let stream: Option<Stream> = match (&streams.source, &streams.file) {
        (Source::Embedded(_), _) => Some(streams.stream()?.into_inner()),
        (Source::File, Some(path)) => Some(read_stream(path)?.into_inner()),
        (Source::File, None) => None,
    };
    if stream.is_none() && (args.write.is_some() || args.svg.is_some() || args.html.is_some()) {
        return Err(Failure::trouble(
            "--write, --svg and --html need the stream: pass --stream FILE (its JSON form)",
        ));
    }
    let scale = match &args.scale {
        Some(text) => Some(
            text.parse::<TimeScale>()
                .map_err(|e| Failure::trouble(format!("--scale: {e}")))?,
        ),
        None => stream.as_ref().and_then(|s| s.settings.simulate),
    };
    if args.history.len() > 2 {
        return Err(Failure::trouble(
            "--history is given at most twice: a history, or the one before and the one after",
        ));
    }
    if let [before, after] = args.history.as_slice() {
        if args.html.is_some() {
            return Err(Failure::trouble(
                "--html draws one history: give --history once",
            ));
        }
        if args.split.is_some() || args.every.is_some() {
            return Err(Failure::trouble(
                "two histories are compared as before and after: leave out --split and --every",
            ));
        }
        return super::before_after::two_histories(args, stream.as_ref(), window, [before, after]);
    }
    let (mut history, structure) = read(global, args, stream.as_ref(), window)?;
    let mut window = window;
    if let Some(scale) = &scale {
        // --since and --until are instants of the run: bound first, then read in map time.
        history.executions.retain(|e| window.holds(e.start));
        let kept: std::collections::HashSet<&str> =
            history.executions.iter().map(|e| e.id.as_str()).collect();
        let actions = std::mem::take(&mut history.actions);
        history.actions = actions
            .into_iter()
            .filter(|a| kept.contains(a.pipeline_execution_id.as_str()))
            .collect();
        history = history.unscaled(scale);
        window = Window::default();
    }
    if args.git.is_some() && scale.is_some() {
        return Err(Failure::trouble(
            "--git with a simulated stream: commit times are real time while the history is \
             read in map time; leave out --git (or --scale)",
        ));
    }
    let shipped = shipped(&history, &structure, window, args)?;
    if let Some(when) = &args.split {
        let input = super::before_after::Input {
            history: &history,
            structure: &structure,
            window,
            shipped: shipped.as_ref(),
            stream: stream.as_ref(),
        };
        return super::before_after::split(args, &input, when);
    }
    let m = measure_with(&history, &structure, window, shipped.as_ref());
    // --every: the figures of each period, for the report and the page.
    let periods = match args.every {
        Some(every) => {
            let span = period_span(&m, every)?;
            Some((
                every,
                trend(&history, &structure, span, shipped.as_ref(), every),
            ))
        }
        None => None,
    };
    if let Some(stream) = &stream {
        let mut evidence = Vec::new();
        if let (Some((every, periods)), Some(_)) = (&periods, &args.html) {
            let json = serde_json::to_value(TrendJson::new(&m, *every, periods))
                .map_err(|e| Failure::trouble(format!("cannot write the trend: {e}")))?;
            evidence.push(crate::page::trend_panel(&json));
        }
        outputs(stream, &m, args, evidence)?;
    }
    if args.check {
        return check(stream.as_ref(), &m, args);
    }
    let report = match &periods {
        Some((every, periods)) => trend_report(args, &m, *every, periods),
        None if args.csv => trend_csv(&whole_window(&m)),
        None => {
            let model = stream.as_ref().map(|s| compare_with_model(s, &m));
            if args.json {
                MeasureJson::new(&m).to_string_pretty()
            } else if args.markdown {
                markdown_report(&m, model.as_ref())
            } else {
                text_report(&m, model.as_ref())
            }
        }
    };
    emit(&report, None)?;
    Ok(0)
}

/// `--check`: the report with the targets against it; exit 1 when one is missed.
fn check(stream: Option<&Stream>, m: &Measurement, args: &MeasureArgs) -> Result<u8> {
    let targets = stream
        .and_then(|s| s.settings.targets.as_ref())
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            Failure::trouble(
                "--check needs targets: declare `targets` in the stream's settings (docs/measure.md) and pass the stream",
            )
        })?;
    let checks = vsm_dsl::measure::check_targets(targets, m);
    let model = stream.map(|s| compare_with_model(s, m));
    let report = if args.json {
        let mut value = serde_json::to_value(MeasureJson::new(m)).expect("plain data");
        value["targets"] = serde_json::to_value(&checks).expect("plain data");
        value["targets_missed"] = checks.iter().filter(|c| c.missed()).count().into();
        serde_json::to_string_pretty(&value).expect("plain data") + "\n"
    } else if args.markdown {
        format!(
            "{}\n{}",
            markdown_report(m, model.as_ref()),
            vsm_dsl::measure::targets_markdown(&checks)
        )
    } else {
        format!(
            "{}\n{}",
            text_report(m, model.as_ref()),
            vsm_dsl::measure::targets_text(&checks)
        )
    };
    emit(&report, None)?;
    if checks.iter().any(|c| c.missed()) {
        eprintln!("error: {}", vsm_dsl::measure::verdict(&checks));
        return Ok(1);
    }
    Ok(0)
}

/// The whole window as one period (none when nothing was read).
fn whole_window(m: &Measurement) -> Vec<Period> {
    m.window
        .map(|w| Period {
            start: w.start,
            end: w.end,
            measurement: m.clone(),
        })
        .into_iter()
        .collect()
}

/// `--every`: each figure per period.
fn trend_report(args: &MeasureArgs, m: &Measurement, every: Every, periods: &[Period]) -> String {
    if args.json {
        TrendJson::new(m, every, periods).to_string_pretty()
    } else if args.csv {
        trend_csv(periods)
    } else if args.markdown {
        format!("```text\n{}```\n", trend_text(m, every, periods))
    } else {
        trend_text(m, every, periods)
    }
}

/// The span `--every` divides: the window's executions, or an error when there are none.
fn period_span(m: &Measurement, every: Every) -> Result<crate::measure::Span> {
    m.window.ok_or_else(|| {
        Failure::trouble(format!(
            "--every {every}: no execution in the window, so no {every} to measure; widen \
             --since/--until or check the history"
        ))
    })
}

/// With `--git`, the commits each deployment of the window shipped.
pub(crate) fn shipped(
    history: &History,
    structure: &Structure,
    window: Window,
    args: &MeasureArgs,
) -> Result<Option<Shipped>> {
    let Some(repo) = &args.git else {
        return Ok(None);
    };
    shipped_from_repository(
        history,
        structure,
        window,
        args.source_action.as_deref(),
        repo,
    )
    .map(Some)
    .map_err(|e| Failure::trouble(e.to_string()))
}

/// The `--since`/`--until` window.
pub(crate) fn window(args: &MeasureArgs, now: Timestamp) -> Result<Window> {
    let bound = |flag: &str, text: &Option<String>| {
        text.as_deref()
            .map(|t| Timestamp::parse_bound(t, now))
            .transpose()
            .map_err(|e| Failure::trouble(format!("{flag}: {e}")))
    };
    let window = Window {
        since: bound("--since", &args.since)?,
        until: bound("--until", &args.until)?,
    };
    if let (Some(since), Some(until)) = (window.since, window.until) {
        if since > until {
            return Err(Failure::trouble(format!(
                "--since ({since}) is after --until ({until})"
            )));
        }
    }
    Ok(window)
}

/// The history and the structure: from files or live.
fn read(
    global: &Global,
    args: &MeasureArgs,
    stream: Option<&Stream>,
    window: Window,
) -> Result<(History, Structure)> {
    let (history, fetched) = match (args.history.first(), &args.pipeline) {
        (Some(dir), _) => (History::read_dir(dir).map_err(unreadable)?, None),
        (None, Some(name)) => {
            let gates = stream.map(|s| Structure::of_stream(s).has_gates());
            live(global, args, name, stream.is_none(), gates, window)?
        }
        (None, None) => {
            return Err(Failure::trouble(
                "`measure` needs --history DIR or --pipeline NAME",
            ))
        }
    };
    let structure = match (stream, fetched, args.history.first()) {
        (Some(stream), _, _) => Structure::of_stream(stream),
        (None, Some(structure), _) => structure,
        (None, None, Some(dir)) => read_structure(dir)?,
        (None, None, None) => {
            return Err(Failure::trouble("no pipeline structure was read"));
        }
    };
    Ok((history, structure))
}

/// `get-pipeline.json` from the history directory.
pub(crate) fn read_structure(dir: &Path) -> Result<Structure> {
    let path = dir.join(PIPELINE_FILE);
    if !path.exists() {
        return Err(Failure::trouble(format!(
            "no stream and no {}: pass --stream FILE, or write the structure with \
             `aws codepipeline get-pipeline --name NAME > {}`",
            path.display(),
            path.display()
        )));
    }
    Structure::read_get_pipeline(&path).map_err(unreadable)
}

pub(crate) fn unreadable(e: MeasureError) -> Failure {
    Failure::trouble(format!("the history cannot be read:\n{e}"))
}

#[cfg(feature = "deploy")]
fn live(
    global: &Global,
    args: &MeasureArgs,
    pipeline: &str,
    need_structure: bool,
    gates: Option<bool>,
    window: Window,
) -> Result<(History, Option<Structure>)> {
    super::aws::read_history(
        global,
        &super::aws::HistoryRequest {
            pipeline,
            since: window.since,
            cache: args.cache.as_deref(),
            need_structure,
            gates,
            max_attempts: args.max_attempts,
        },
    )
}

#[cfg(not(feature = "deploy"))]
fn live(
    _: &Global,
    _: &MeasureArgs,
    _: &str,
    _: bool,
    _: Option<bool>,
    _: Window,
) -> Result<(History, Option<Structure>)> {
    Err(Failure::trouble(
        "`measure --pipeline` reads from AWS and needs the `deploy` feature: rebuild with \
         `--features deploy`, or write the history with the AWS CLI and pass --history DIR",
    ))
}

/// `--write`, `--svg` and `--html` (with `evidence`, more panels of the same history).
pub(crate) fn outputs(
    stream: &Stream,
    m: &Measurement,
    args: &MeasureArgs,
    evidence: Vec<String>,
) -> Result<()> {
    if args.write.is_none() && args.svg.is_none() && args.html.is_none() {
        return Ok(());
    }
    let measured = measured_stream(stream, m);
    if let Some(path) = &args.write {
        let text = serde_json::to_string_pretty(&measured)
            .map_err(|e| Failure::trouble(format!("cannot write the stream: {e}")))?;
        emit(&(text + "\n"), Some(path))?;
    }
    let note = match &m.window {
        Some(w) => format!(
            "medians of {} executions from {} to {}; %C&A is first-pass yield",
            m.delivery.executions,
            w.start.to_minute(),
            w.end.to_minute()
        ),
        None => "no execution read".to_owned(),
    };
    if let Some(path) = &args.svg {
        let svg = crate::render::svg::render_measured(&analyze(&measured), &note);
        emit(&svg, Some(path))?;
    }
    if let Some(path) = &args.html {
        let page = crate::page::measured_page_with(
            &analyze(stream),
            &analyze(&measured),
            m,
            &note,
            evidence,
        );
        emit(&page, Some(path))?;
    }
    Ok(())
}
