//! Short constructors for annotation durations: `mins(30)`, `hours(4)`, `days(2)`.

use std::time::Duration;

/// `n` minutes.
pub const fn mins(n: u64) -> Duration {
    Duration::from_secs(n * 60)
}

/// `n` hours.
pub const fn hours(n: u64) -> Duration {
    Duration::from_secs(n * 3600)
}

/// `n` days.
pub const fn days(n: u64) -> Duration {
    Duration::from_secs(n * 86_400)
}
