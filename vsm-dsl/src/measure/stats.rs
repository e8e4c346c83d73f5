//! Medians and percentiles of samples of durations.

use std::time::Duration;

/// The `p`-th percentile (0–100) of `sorted` (ascending) by linear interpolation between the
/// closest ranks: rank `r = p/100 × (n − 1)` counted from zero, value
/// `v[⌊r⌋] + (r − ⌊r⌋) × (v[⌊r⌋ + 1] − v[⌊r⌋])` (the C = 1 variant, as NumPy's default and
/// Excel's PERCENTILE.INC). `None` for an empty sample.
pub fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let rank = (p.clamp(0.0, 100.0) / 100.0) * last as f64;
    let below = rank.floor() as usize;
    let fraction = rank - below as f64;
    let low = sorted[below];
    Some(match sorted.get(below + 1) {
        Some(&high) if fraction > 0.0 => low + fraction * (high - low),
        _ => low,
    })
}

/// A sample of durations: its size, median, 85th and 95th percentile.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Durations {
    /// How many durations.
    pub count: usize,
    /// The median (the 50th percentile); `None` for an empty sample.
    pub median: Option<Duration>,
    /// The 85th percentile; `None` for an empty sample.
    pub p85: Option<Duration>,
    /// The 95th percentile; `None` for an empty sample.
    pub p95: Option<Duration>,
}

impl Durations {
    /// The figures of a sample of durations in seconds (negative ones count as zero).
    pub fn of_seconds(mut seconds: Vec<f64>) -> Self {
        for s in &mut seconds {
            *s = s.max(0.0);
        }
        seconds.sort_unstable_by(f64::total_cmp);
        let at = |p| percentile(&seconds, p).map(micros);
        Self {
            count: seconds.len(),
            median: at(50.0),
            p85: at(85.0),
            p95: at(95.0),
        }
    }
}

/// Seconds as a duration rounded to the microsecond (the precision of the history's times).
pub(crate) fn micros(seconds: f64) -> Duration {
    let us = (seconds * 1e6).round();
    if us.is_finite() && us > 0.0 {
        Duration::from_micros(us.min(u64::MAX as f64) as u64)
    } else {
        Duration::ZERO
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_interpolate_between_closest_ranks() {
        let v = [10.0, 20.0, 30.0, 40.0];
        // n = 4: median rank 0.5 × 3 = 1.5 → 20 + 0.5 × 10 = 25.
        assert_eq!(percentile(&v, 50.0), Some(25.0));
        // p85 rank 0.85 × 3 = 2.55 → 30 + 0.55 × 10 = 35.5.
        assert!((percentile(&v, 85.0).unwrap() - 35.5).abs() < 1e-9);
        assert_eq!(percentile(&v, 0.0), Some(10.0));
        assert_eq!(percentile(&v, 100.0), Some(40.0));
        assert_eq!(percentile(&[7.0], 85.0), Some(7.0));
        assert_eq!(percentile(&[], 50.0), None);
        // Odd n: the middle value.
        assert_eq!(percentile(&[1.0, 5.0, 9.0], 50.0), Some(5.0));
    }

    #[test]
    fn durations_sort_their_sample() {
        let d = Durations::of_seconds(vec![600.0, 60.0, 300.0]);
        assert_eq!(d.count, 3);
        assert_eq!(d.median, Some(Duration::from_secs(300)));
        // rank 0.85 × 2 = 1.7 → 300 + 0.7 × 300 = 510.
        assert_eq!(d.p85, Some(Duration::from_secs(510)));
        // rank 0.95 × 2 = 1.9 → 300 + 0.9 × 300 = 570.
        assert_eq!(d.p95, Some(Duration::from_secs(570)));
        assert_eq!(Durations::of_seconds(Vec::new()), Durations::default());
    }
}
