//! A seeded bootstrap: the 95 % confidence interval of the difference of a statistic between
//! two samples, reproducible from its seed.

use super::stats::percentile;

/// SplitMix64: a small generator whose output is fixed by its seed forever (no dependency
/// can change it), so that a seed reproduces a report years later.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in 0..n (`n` > 0), without modulo bias worth noticing (Lemire's multiply).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }
}

/// The default number of resamples.
pub const RESAMPLES: usize = 2_000;
/// The default seed.
pub const SEED: u64 = 2024;

/// How a statistic is computed from a resample.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Statistic {
    /// The `p`-th percentile of the pooled values.
    Percentile(f64),
    /// Σ value / Σ weight, times a factor (a rate: 100 × failures / deployments; or
    /// deployments per day: Σ count / Σ days).
    Ratio(f64),
}

/// One sampling unit: the values it adds to the pool (percentiles), or its value and weight
/// (ratios).
#[derive(Debug, Clone, PartialEq)]
pub enum Unit {
    /// Values pooled for a percentile (a deployment's commits stay together).
    Values(Vec<f64>),
    /// A value and its weight.
    Weighted(f64, f64),
}

/// The statistic of `units`; `None` when undefined (nothing pooled, no weight).
pub fn statistic<'a>(
    stat: Statistic,
    units: impl IntoIterator<Item = &'a Unit>,
    scratch: &mut Vec<f64>,
) -> Option<f64> {
    match stat {
        Statistic::Percentile(p) => {
            scratch.clear();
            for u in units {
                if let Unit::Values(v) = u {
                    scratch.extend_from_slice(v);
                }
            }
            select_percentile(scratch, p)
        }
        Statistic::Ratio(factor) => {
            let (mut value, mut weight) = (0.0, 0.0);
            for u in units {
                if let Unit::Weighted(v, w) = u {
                    value += v;
                    weight += w;
                }
            }
            (weight > 0.0).then(|| factor * value / weight)
        }
    }
}

/// The `p`-th percentile as [`percentile`] defines it, by selection instead of a sort.
fn select_percentile(values: &mut [f64], p: f64) -> Option<f64> {
    let last = values.len().checked_sub(1)?;
    let rank = p / 100.0 * last as f64;
    let below = rank.floor() as usize;
    let fraction = rank - below as f64;
    let (_, low, above) = values.select_nth_unstable_by(below, f64::total_cmp);
    let low = *low;
    if fraction == 0.0 || above.is_empty() {
        return Some(low);
    }
    let high = above.iter().copied().fold(f64::INFINITY, f64::min);
    Some(low + fraction * (high - low))
}

/// The 95 % percentile-bootstrap interval of `stat(after) − stat(before)`: each side resampled
/// with replacement to its own size, `resamples` times, from `seed`. `None` when a resample
/// leaves the statistic undefined every time.
pub fn interval(
    stat: Statistic,
    before: &[Unit],
    after: &[Unit],
    resamples: usize,
    seed: u64,
) -> Option<(f64, f64)> {
    let mut rng = Rng::new(seed);
    let mut scratch = Vec::new();
    let mut differences = Vec::with_capacity(resamples);
    let side = |units: &[Unit], rng: &mut Rng, scratch: &mut Vec<f64>| {
        let n = units.len();
        statistic(stat, (0..n).map(|_| &units[rng.below(n)]), scratch)
    };
    for _ in 0..resamples {
        let b = side(before, &mut rng, &mut scratch);
        let a = side(after, &mut rng, &mut scratch);
        if let (Some(a), Some(b)) = (a, b) {
            differences.push(a - b);
        }
    }
    differences.sort_unstable_by(f64::total_cmp);
    Some((
        percentile(&differences, 2.5)?,
        percentile(&differences, 97.5)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_agrees_with_the_sorted_percentile() {
        let mut rng = Rng::new(1);
        for n in 1..40 {
            let values: Vec<f64> = (0..n).map(|_| (rng.below(20)) as f64).collect();
            let mut sorted = values.clone();
            sorted.sort_by(f64::total_cmp);
            for p in [50.0, 85.0, 95.0, 2.5] {
                let mut v = values.clone();
                assert_eq!(select_percentile(&mut v, p), percentile(&sorted, p));
            }
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_interval() {
        let units = |shift: f64| -> Vec<Unit> {
            (0..30)
                .map(|i| Unit::Values(vec![i as f64 + shift]))
                .collect()
        };
        let a = interval(
            Statistic::Percentile(50.0),
            &units(0.0),
            &units(100.0),
            500,
            9,
        );
        assert_eq!(
            a,
            interval(
                Statistic::Percentile(50.0),
                &units(0.0),
                &units(100.0),
                500,
                9
            )
        );
        let (low, high) = a.unwrap();
        assert!(low > 80.0 && high < 120.0, "{low} {high}");
        // A ratio: 100 × 3/30 against 100 × 3/30.
        let rate = |k: usize| -> Vec<Unit> {
            (0..30)
                .map(|i| Unit::Weighted(f64::from(u8::from(i < k)), 1.0))
                .collect()
        };
        let (low, high) = interval(Statistic::Ratio(100.0), &rate(3), &rate(3), 500, 9).unwrap();
        assert!(low < 0.0 && high > 0.0);
    }
}
