//! Before and after: each figure of two measurements side by side, the change, and whether
//! the difference is beyond noise (a seeded bootstrap's 95 % interval of the difference).

use super::bootstrap::{interval, Statistic, Unit};
use super::report::{scalar_named, MeasureJson, Scalar};
use super::Measurement;

/// Whether a difference is beyond noise, and which way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Too few units on a side for an interval to mean anything.
    NotEnoughData,
    /// The interval holds zero: no difference beyond noise.
    WithinNoise,
    /// Beyond noise, for the better.
    Better,
    /// Beyond noise, for the worse.
    Worse,
}

impl Verdict {
    /// `not enough data`, `within noise`, `better`, `worse`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotEnoughData => "not enough data",
            Self::WithinNoise => "within noise",
            Self::Better => "better",
            Self::Worse => "worse",
        }
    }

    /// `Some(true)` beyond noise, `Some(false)` within it, `None` without enough data.
    pub fn significant(self) -> Option<bool> {
        match self {
            Self::NotEnoughData => None,
            Self::WithinNoise => Some(false),
            Self::Better | Self::Worse => Some(true),
        }
    }
}

/// One figure before and after.
#[derive(Debug, Clone)]
pub struct Difference {
    /// The figure: its JSON key, name and unit.
    pub figure: &'static Scalar,
    /// Its value before (as the report gives it).
    pub before: Option<f64>,
    /// Its value after.
    pub after: Option<f64>,
    /// (after − before) / before, in percent; `None` when before is zero or unknown.
    pub change_percent: Option<f64>,
    /// The 95 % interval of after − before; `None` without enough data.
    pub ci95: Option<(f64, f64)>,
    /// Units before.
    pub before_n: usize,
    /// Units after.
    pub after_n: usize,
    /// The verdict.
    pub verdict: Verdict,
}

/// The figures compared, each with its statistic, the fewest units a side needs, and its
/// units.
struct Compared {
    key: &'static str,
    stat: Statistic,
    minimum: usize,
    units: fn(&Measurement) -> Vec<Unit>,
}

const MEDIAN: Statistic = Statistic::Percentile(50.0);
const P85: Statistic = Statistic::Percentile(85.0);
const RATE: Statistic = Statistic::Ratio(100.0);

const COMPARED: [Compared; 10] = [
    Compared {
        key: "deployment_frequency_per_day",
        stat: Statistic::Ratio(1.0),
        minimum: 14,
        units: day_blocks,
    },
    Compared {
        key: "lead_time_median_minutes",
        stat: MEDIAN,
        minimum: 20,
        units: lead_times,
    },
    Compared {
        key: "lead_time_p85_minutes",
        stat: P85,
        minimum: 40,
        units: lead_times,
    },
    Compared {
        key: "change_lead_time_median_minutes",
        stat: MEDIAN,
        minimum: 20,
        units: change_lead_times,
    },
    Compared {
        key: "change_lead_time_p85_minutes",
        stat: P85,
        minimum: 40,
        units: change_lead_times,
    },
    Compared {
        key: "change_failure_rate_percent",
        stat: RATE,
        minimum: 20,
        units: |m| {
            // Each deployment, and each failed deployment (a change failure of its own).
            let samples = &m.delivery.samples;
            flags(
                samples
                    .deployments
                    .iter()
                    .map(|d| d.change_failure)
                    .chain(std::iter::repeat_n(true, samples.failed_deployments)),
            )
        },
    },
    Compared {
        key: "deployment_rework_rate_percent",
        stat: RATE,
        minimum: 20,
        units: |m| flags(m.delivery.samples.deployments.iter().map(|d| d.rework)),
    },
    Compared {
        key: "time_to_restore_median_minutes",
        stat: MEDIAN,
        minimum: 20,
        units: |m| minutes(&m.delivery.samples.restores),
    },
    Compared {
        key: "pipeline_failure_rate_percent",
        stat: RATE,
        minimum: 20,
        units: |m| flags(m.delivery.samples.finished_failed.iter().copied()),
    },
    Compared {
        key: "time_to_green_median_minutes",
        stat: MEDIAN,
        minimum: 20,
        units: |m| minutes(&m.delivery.samples.greens),
    },
];

fn minutes(seconds: &[f64]) -> Vec<Unit> {
    seconds
        .iter()
        .map(|s| Unit::Values(vec![s.max(0.0) / 60.0]))
        .collect()
}

fn flags(flags: impl Iterator<Item = bool>) -> Vec<Unit> {
    flags
        .map(|f| Unit::Weighted(f64::from(u8::from(f)), 1.0))
        .collect()
}

fn lead_times(m: &Measurement) -> Vec<Unit> {
    let seconds: Vec<f64> = m
        .delivery
        .samples
        .deployments
        .iter()
        .map(|d| d.lead_time)
        .collect();
    minutes(&seconds)
}

/// A deployment with every commit it shipped: commits of one deployment share its time, so
/// they are resampled together.
fn change_lead_times(m: &Measurement) -> Vec<Unit> {
    m.delivery
        .samples
        .deployments
        .iter()
        .filter_map(|d| d.change_lead_times.as_ref())
        .map(|t| Unit::Values(t.iter().map(|s| s.max(0.0) / 60.0).collect()))
        .collect()
}

/// The window in consecutive 24-hour blocks from its start (the last one shorter), each with
/// the deployments that start in it and its length in days.
fn day_blocks(m: &Measurement) -> Vec<Unit> {
    let Some(span) = m.window else {
        return Vec::new();
    };
    let days = span.days();
    let blocks = days.ceil().max(1.0) as usize;
    let mut counts = vec![0.0; blocks];
    for d in &m.delivery.samples.deployments {
        let day = (d.start.seconds_since(span.start) / 86_400.0).floor();
        counts[(day.max(0.0) as usize).min(blocks - 1)] += 1.0;
    }
    counts
        .into_iter()
        .enumerate()
        .map(|(i, c)| Unit::Weighted(c, (days - i as f64).clamp(0.0, 1.0)))
        .filter(|u| !matches!(u, Unit::Weighted(_, w) if *w <= 0.0))
        .collect()
}

/// Each compared figure of `before` and `after`: values, change, the 95 % interval of the
/// difference from `resamples` bootstrap resamples seeded by `seed`, and the verdict. Change
/// lead time is compared only when both sides have commits.
pub fn differences(
    before: &Measurement,
    after: &Measurement,
    resamples: usize,
    seed: u64,
) -> Vec<Difference> {
    let (jb, ja) = (MeasureJson::new(before), MeasureJson::new(after));
    let with_commits = before.delivery.changes.is_some() && after.delivery.changes.is_some();
    COMPARED
        .iter()
        .enumerate()
        .filter(|(_, c)| with_commits || !c.key.starts_with("change_lead_time"))
        .filter_map(|(i, c)| {
            let figure = scalar_named(c.key)?;
            let (mut ub, mut ua) = ((c.units)(before), (c.units)(after));
            let (before_n, after_n) = (ub.len(), ua.len());
            let enough = before_n >= c.minimum && after_n >= c.minimum;
            if c.stat == RATE {
                // Agresti–Caffo: one unit of each kind added to each side keeps the interval
                // of a difference of rates honest when events are few.
                for units in [&mut ub, &mut ua] {
                    units.extend([Unit::Weighted(1.0, 1.0), Unit::Weighted(0.0, 1.0)]);
                }
            }
            // Each figure its own stream of draws: one figure's sample sizes do not move
            // another's interval.
            let stream = seed ^ (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            let ci95 = enough
                .then(|| interval(c.stat, &ub, &ua, resamples, stream))
                .flatten();
            let (b, a) = ((figure.get)(&jb), (figure.get)(&ja));
            Some(Difference {
                figure,
                before: b,
                after: a,
                change_percent: b
                    .zip(a)
                    .filter(|(b, _)| *b != 0.0)
                    .map(|(b, a)| (a - b) / b.abs() * 100.0),
                verdict: verdict(figure, ci95),
                ci95,
                before_n,
                after_n,
            })
        })
        .collect()
}

fn verdict(figure: &Scalar, ci95: Option<(f64, f64)>) -> Verdict {
    match ci95 {
        None => Verdict::NotEnoughData,
        Some((low, high)) if low > 0.0 || high < 0.0 => {
            if (high < 0.0) == figure.lower_is_better {
                Verdict::Better
            } else {
                Verdict::Worse
            }
        }
        Some(_) => Verdict::WithinNoise,
    }
}
