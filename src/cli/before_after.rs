//! `measure --split WHEN` and `measure --history BEFORE --history AFTER`: each figure before
//! and after, its change, and whether the difference is beyond noise.

use std::path::PathBuf;

use super::measure::{outputs, read_structure, shipped, unreadable, MeasureArgs};
use super::outputs::emit;
use super::{Failure, Result};
use crate::measure::{
    differences, differences_csv, measure_with, split_markdown, split_text, BeforeAfterJson,
    Difference, History, Measurement, Shipped, Structure, Timestamp, Window, RESAMPLES,
};
use crate::model::Stream;

/// What one history gives the comparison.
pub(crate) struct Input<'a> {
    /// The history.
    pub history: &'a History,
    /// Its structure.
    pub structure: &'a Structure,
    /// The window (--since, --until).
    pub window: Window,
    /// The commits each deployment shipped (--git).
    pub shipped: Option<&'a Shipped>,
    /// The stream, for `--html` (and `--write`, `--svg`) of the whole window.
    pub stream: Option<&'a Stream>,
}

/// `--split WHEN`: the executions before WHEN against those from WHEN on.
pub(crate) fn split(args: &MeasureArgs, input: &Input<'_>, when: &str) -> Result<u8> {
    let at = Timestamp::parse_bound(when, Timestamp::now())
        .map_err(|e| Failure::trouble(format!("--split: {e}")))?;
    let just_before = Timestamp::from_micros(at.micros() - 1).unwrap_or(at);
    let before = Window {
        since: input.window.since,
        until: Some(
            input
                .window
                .until
                .map_or(just_before, |u| u.min(just_before)),
        ),
    };
    let after = Window {
        since: Some(input.window.since.map_or(at, |s| s.max(at))),
        until: input.window.until,
    };
    let measured = |w: Window| measure_with(input.history, input.structure, w, input.shipped);
    let (b, a) = (measured(before), measured(after));
    for (m, side) in [(&b, "before"), (&a, "at or after")] {
        if m.delivery.executions == 0 {
            return Err(Failure::trouble(format!(
                "--split {when}: no execution in the window starts {side} {}; choose a date \
                 between the first and the last execution ({})",
                at.to_minute(),
                bounds(input.history)
            )));
        }
    }
    let d = differences(&b, &a, RESAMPLES, args.seed);
    let wanted = args.write.is_some() || args.svg.is_some() || args.html.is_some();
    if let Some(stream) = input.stream.filter(|_| wanted) {
        // The whole window's map and figures, and on the page each figure before and after.
        let mut evidence = Vec::new();
        if args.html.is_some() {
            let json = serde_json::to_value(BeforeAfterJson::new(&b, &a, &d, RESAMPLES, args.seed))
                .map_err(|e| Failure::trouble(format!("cannot write the comparison: {e}")))?;
            evidence.push(crate::page::split_panel(&json));
        }
        outputs(stream, &measured(input.window), args, evidence)?;
    }
    let names = [
        format!("Before {}", at.to_minute()),
        format!("From {}", at.to_minute()),
    ];
    report(args, [(&names[0], &b), (&names[1], &a)], &d)
}

/// The first start and the last update of a history.
fn bounds(history: &History) -> String {
    let first = history.executions.iter().map(|e| e.start).min();
    let last = history.executions.iter().map(|e| e.last_update).max();
    match (first, last) {
        (Some(f), Some(l)) => format!("{} to {}", f.to_minute(), l.to_minute()),
        _ => "the history is empty".to_owned(),
    }
}

/// `--history BEFORE --history AFTER`: two histories, each with its own structure and
/// commits.
pub(crate) fn two_histories(
    args: &MeasureArgs,
    stream: Option<&Stream>,
    window: Window,
    dirs: [&PathBuf; 2],
) -> Result<u8> {
    let mut sides: Vec<Measurement> = Vec::new();
    for dir in dirs {
        let history = History::read_dir(dir).map_err(unreadable)?;
        let structure = match stream {
            Some(s) => Structure::of_stream(s),
            None => read_structure(dir)?,
        };
        let commits = shipped(&history, &structure, window, args)?;
        sides.push(measure_with(&history, &structure, window, commits.as_ref()));
    }
    let names = dirs.map(|d| d.display().to_string());
    let [b, a] = [&sides[0], &sides[1]];
    let d = differences(b, a, RESAMPLES, args.seed);
    report(
        args,
        [
            (&format!("Before ({})", names[0]), b),
            (&format!("After ({})", names[1]), a),
        ],
        &d,
    )
}

/// Prints the comparison, with its differences `d`, in the format asked for.
fn report(args: &MeasureArgs, sides: [(&String, &Measurement); 2], d: &[Difference]) -> Result<u8> {
    let named = sides.map(|(n, m)| (n.as_str(), m));
    let text = if args.json {
        BeforeAfterJson::new(sides[0].1, sides[1].1, d, RESAMPLES, args.seed).to_string_pretty()
    } else if args.csv {
        differences_csv(d)
    } else if args.markdown {
        split_markdown(named, d, RESAMPLES, args.seed)
    } else {
        split_text(named, d, RESAMPLES, args.seed)
    };
    emit(&text, None)?;
    Ok(0)
}
