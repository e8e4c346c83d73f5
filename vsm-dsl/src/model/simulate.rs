//! The time scale of a simulated stream: how long one unit of the map takes when it runs.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use super::duration::parse;
use super::props::parsed;

/// `1h=1s`: one hour of the map runs in one second. Mock steps then take their modelled wait
/// plus process time, scaled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeScale {
    /// Map time (the left side), more than zero.
    pub map: Duration,
    /// Run time it takes (the right side), more than zero.
    pub run: Duration,
}

/// Why text is not a time scale.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid time scale {text:?}: {reason} (write it like `1h=1s`: map time = run time)")]
#[non_exhaustive]
pub struct ParseTimeScaleError {
    /// The text given.
    pub text: String,
    /// What is wrong.
    pub reason: String,
}

impl TimeScale {
    /// `map` of the map runs in `run`; `None` when either is zero.
    pub fn new(map: Duration, run: Duration) -> Option<Self> {
        (!map.is_zero() && !run.is_zero()).then_some(Self { map, run })
    }

    /// How long `modelled` map time runs, in whole seconds (rounded to the nearest).
    pub fn run_seconds(&self, modelled: Duration) -> u64 {
        let scaled = modelled.as_secs_f64() * self.run.as_secs_f64() / self.map.as_secs_f64();
        scaled.round() as u64
    }

    /// The map time `run` time stands for: the inverse of the scale.
    pub fn unscale(&self, run: Duration) -> Duration {
        Duration::from_secs_f64(run.as_secs_f64() * self.map.as_secs_f64() / self.run.as_secs_f64())
    }
}

parsed!(TimeScale, "a time scale", "1h=1s");

/// Every non-zero unit: `1h`, `1d 30m`, `90s` as `1m 30s`.
fn exact(d: Duration) -> String {
    let mut secs = d.as_secs();
    let mut out = Vec::new();
    for (unit, size) in [('d', 86_400), ('h', 3_600), ('m', 60), ('s', 1)] {
        if secs >= size {
            out.push(format!("{}{unit}", secs / size));
            secs %= size;
        }
    }
    out.join(" ")
}

impl fmt::Display for TimeScale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}", exact(self.map), exact(self.run))
    }
}

impl FromStr for TimeScale {
    type Err = ParseTimeScaleError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let err = |reason: String| ParseTimeScaleError {
            text: text.to_owned(),
            reason,
        };
        let (map, run) = text
            .split_once('=')
            .ok_or_else(|| err("there is no `=`".to_owned()))?;
        let map = parse(map).map_err(|e| err(e.to_string()))?;
        let run = parse(run).map_err(|e| err(e.to_string()))?;
        Self::new(map, run).ok_or_else(|| err("both sides must be more than zero".to_owned()))
    }
}

impl Serialize for TimeScale {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeScale {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_writes_and_scales() {
        let s: TimeScale = "1h=1s".parse().unwrap();
        assert_eq!(s.to_string(), "1h=1s");
        assert_eq!(
            s.run_seconds(Duration::from_secs(2 * 86_400 + 4 * 3_600)),
            52
        );
        assert_eq!(
            s.run_seconds(Duration::from_secs(1_800)),
            1,
            "0.5 s rounds up"
        );
        assert_eq!(
            s.unscale(Duration::from_secs(52)),
            Duration::from_secs(52 * 3_600)
        );
        let d: TimeScale = "1d=1m 30s".parse().unwrap();
        assert_eq!(
            (
                d.to_string(),
                d.run_seconds(Duration::from_secs(86_400 * 2))
            ),
            ("1d=1m 30s".into(), 180)
        );
        for bad in ["1h", "0=1s", "1h=0", "x=1s"] {
            assert!(bad.parse::<TimeScale>().is_err(), "{bad}");
        }
    }
}
