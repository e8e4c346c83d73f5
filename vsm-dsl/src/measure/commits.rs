//! The commits each deployment shipped: those reachable from its source revision and not from
//! the previous deployment's, found on a commit graph read from the repository (`git`
//! feature) or built by hand.

use std::collections::HashMap;
use std::fmt;

use super::history::{History, PipelineExecution};
use super::time::Timestamp;
use super::Window;

/// One commit, as given to [`CommitGraph::new`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphCommit {
    /// Full commit id, hexadecimal.
    pub id: String,
    /// Committer time.
    pub time: Timestamp,
    /// Parent ids; parents not given (a shallow clone's boundary) end the walk there.
    pub parents: Vec<String>,
    /// True when the message marks a revert or a hotfix ([`marks_rework`]).
    pub rework: bool,
}

/// True when a commit message marks unplanned work after an incident: its subject (first
/// line) starts with "revert" or "hotfix" in any case, or it holds git's "This reverts
/// commit" line. A subject starting with "fix" does not count: a bug fix is often planned.
pub fn marks_rework(message: &str) -> bool {
    let subject = message.trim_start().lines().next().unwrap_or("").trim();
    let starts = |word: &str| {
        subject
            .get(..word.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(word))
    };
    starts("revert") || starts("hotfix") || message.contains("This reverts commit ")
}

/// Commits and their parents.
#[derive(Debug, Clone, Default)]
pub struct CommitGraph {
    index: HashMap<String, u32>,
    time: Vec<Timestamp>,
    rework: Vec<bool>,
    /// Parents of commit `i`: `parents[parent_start[i]..parent_start[i + 1]]`.
    parent_start: Vec<u32>,
    parents: Vec<u32>,
    missing_parents: usize,
}

impl CommitGraph {
    /// The graph of `commits`. Ids are compared in lower case.
    pub fn new(commits: impl IntoIterator<Item = GraphCommit>) -> Self {
        let commits: Vec<GraphCommit> = commits.into_iter().collect();
        let mut g = Self::default();
        for c in &commits {
            let next = g.index.len() as u32;
            g.index.entry(c.id.to_ascii_lowercase()).or_insert(next);
        }
        let n = g.index.len();
        let mut slots: Vec<Option<&GraphCommit>> = vec![None; n];
        for c in &commits {
            slots[g.index[&c.id.to_ascii_lowercase()] as usize] = Some(c);
        }
        g.parent_start.push(0);
        for c in slots.into_iter().flatten() {
            g.time.push(c.time);
            g.rework.push(c.rework);
            for p in &c.parents {
                match g.index.get(&p.to_ascii_lowercase()) {
                    Some(&i) => g.parents.push(i),
                    None => g.missing_parents += 1,
                }
            }
            g.parent_start.push(g.parents.len() as u32);
        }
        g
    }

    /// How many commits.
    pub fn len(&self) -> usize {
        self.time.len()
    }

    /// True for a graph of no commit.
    pub fn is_empty(&self) -> bool {
        self.time.is_empty()
    }

    /// Parent links to commits not in the graph (a shallow clone's boundary).
    pub fn missing_parents(&self) -> usize {
        self.missing_parents
    }

    /// True when the graph holds commit `id`.
    pub fn contains(&self, id: &str) -> bool {
        self.find(id).is_some()
    }

    fn find(&self, id: &str) -> Option<u32> {
        self.index.get(&id.to_ascii_lowercase()).copied()
    }

    fn parents_of(&self, c: u32) -> &[u32] {
        let (a, b) = (
            self.parent_start[c as usize],
            self.parent_start[c as usize + 1],
        );
        &self.parents[a as usize..b as usize]
    }

    /// A walk that ships each commit once: see [`Shipper::ship`].
    pub fn shipper(&self) -> Shipper<'_> {
        Shipper {
            graph: self,
            shipped: vec![false; self.len()],
        }
    }
}

/// Deployments in order, each shipping the commits no earlier one reached.
pub struct Shipper<'g> {
    graph: &'g CommitGraph,
    /// Commits reachable from a revision already shipped: closed under parents.
    shipped: Vec<bool>,
}

impl Shipper<'_> {
    /// The commits reachable from `tip` and from no revision shipped before (which they then
    /// are); `None` when `tip` is not in the graph. Each commit is visited once over all calls.
    pub fn ship(&mut self, tip: &str) -> Option<Vec<ShippedCommit>> {
        let g = self.graph;
        let tip = g.find(tip)?;
        let mut out = Vec::new();
        let mut stack = vec![tip];
        while let Some(c) = stack.pop() {
            if std::mem::replace(&mut self.shipped[c as usize], true) {
                continue;
            }
            out.push(ShippedCommit {
                time: g.time[c as usize],
                rework: g.rework[c as usize],
            });
            stack.extend(
                g.parents_of(c)
                    .iter()
                    .filter(|p| !self.shipped[**p as usize]),
            );
        }
        Some(out)
    }
}

/// A commit a deployment shipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShippedCommit {
    /// Committer time.
    pub time: Timestamp,
    /// True when its message marks a revert or a hotfix.
    pub rework: bool,
}

/// The commits each deployment of a window shipped.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shipped {
    /// The source action whose revisions were followed.
    pub source_action: String,
    /// By deployment (pipeline execution id): the commits reachable from its revision and
    /// from no earlier deployment's.
    pub commits: HashMap<String, Vec<ShippedCommit>>,
    /// Deployments of the window without a revision of the source action.
    pub without_revision: Vec<String>,
    /// Deployments of the window with no earlier deployment to set their base.
    pub without_base: Vec<String>,
    /// Parent links to commits not in the repository (a shallow clone's boundary).
    pub missing_parents: usize,
}

/// Why the commits could not be attributed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeError {
    /// The path is not a Git repository.
    NotARepository {
        /// The path given.
        path: String,
        /// What opening it said.
        reason: String,
    },
    /// No execution of the history names a source revision.
    NoSourceRevisions,
    /// The source action asked for gave no execution a revision.
    UnknownSourceAction {
        /// The name asked for.
        requested: String,
        /// The source actions the history names.
        known: Vec<String>,
    },
    /// A revision is not a commit id.
    NotACommitId {
        /// The execution that names it.
        execution: String,
        /// The revision.
        revision: String,
    },
    /// A revision is not in the repository.
    MissingRevision {
        /// The execution that names it.
        execution: String,
        /// When that execution started.
        start: Timestamp,
        /// The revision.
        revision: String,
        /// The repository searched.
        repository: String,
    },
    /// A commit could not be read.
    Unreadable {
        /// Its id.
        id: String,
        /// Why.
        reason: String,
    },
}

impl fmt::Display for ChangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotARepository { path, reason } => write!(
                f,
                "--git {path}: not a Git repository ({reason}); pass the path of a local \
                 clone of the pipeline's source"
            ),
            Self::NoSourceRevisions => f.write_str(
                "list-pipeline-executions.json: no execution names a source revision \
                 (sourceRevisions): change lead time needs them; write the file with `aws \
                 codepipeline list-pipeline-executions`, which prints them",
            ),
            Self::UnknownSourceAction { requested, known } => write!(
                f,
                "--source-action {requested}: no execution has a revision from that action; \
                 the history names {}",
                if known.is_empty() {
                    "none".to_owned()
                } else {
                    known.join(", ")
                }
            ),
            Self::NotACommitId {
                execution,
                revision,
            } => write!(
                f,
                "execution {execution}: source revision {revision:?} is not a Git commit id; \
                 pass --source-action with the name of a Git source action"
            ),
            Self::MissingRevision {
                execution,
                start,
                revision,
                repository,
            } => write!(
                f,
                "execution {execution} (started {}): source revision {revision} is not in \
                 {repository}; fetch it (`git -C {repository} fetch origin`), point --git at \
                 the clone of that source, or start the window after it with --since",
                start.to_minute()
            ),
            Self::Unreadable { id, reason } => {
                write!(f, "commit {id} cannot be read: {reason}")
            }
        }
    }
}

impl std::error::Error for ChangeError {}

/// The source action to follow: `requested`, else the first source action of `source_order`
/// (the structure's, in flow order) that gives some execution a revision, else the first the
/// history names.
pub fn pick_source_action(
    history: &History,
    source_order: &[&str],
    requested: Option<&str>,
) -> Result<String, ChangeError> {
    let mut known: Vec<String> = Vec::new();
    for e in &history.executions {
        for r in &e.source_revisions {
            if !known.contains(&r.action) {
                known.push(r.action.clone());
            }
        }
    }
    if let Some(name) = requested {
        return if known.iter().any(|k| k == name) {
            Ok(name.to_owned())
        } else {
            Err(ChangeError::UnknownSourceAction {
                requested: name.to_owned(),
                known,
            })
        };
    }
    source_order
        .iter()
        .find(|s| known.iter().any(|k| k == *s))
        .map(|s| (*s).to_owned())
        .or_else(|| known.first().cloned())
        .ok_or(ChangeError::NoSourceRevisions)
}

/// Every deployment up to the window's end, in order of last update, each with its revision
/// of `source` and whether it is in the window: those before it set the base of the window's.
pub fn deployments_to_attribute<'h>(
    history: &'h History,
    window: Window,
    source: &str,
) -> Vec<(&'h PipelineExecution, Option<&'h str>, bool)> {
    let mut deployments: Vec<&PipelineExecution> = history
        .executions
        .iter()
        .filter(|e| e.is_deployment() && window.until.is_none_or(|u| e.start <= u))
        .collect();
    deployments
        .sort_by(|a, b| (a.last_update, a.start, &a.id).cmp(&(b.last_update, b.start, &b.id)));
    deployments
        .into_iter()
        .map(|e| (e, e.revision_of(source), window.holds(e.start)))
        .collect()
}

/// True when `revision` looks like a full Git commit id (40 or 64 hexadecimal digits).
pub fn is_commit_id(revision: &str) -> bool {
    matches!(revision.len(), 40 | 64) && revision.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The commits each deployment of `window` shipped, on `graph`, following `source`'s
/// revisions: those reachable from its revision and from no earlier deployment's (in order of
/// last update), so that a commit counts once, at the first deployment that shipped it. A
/// revision of the window missing from the graph is an error naming its execution.
pub fn attribute(
    history: &History,
    window: Window,
    source: &str,
    graph: &CommitGraph,
    repository: &str,
) -> Result<Shipped, ChangeError> {
    let mut shipped = Shipped {
        source_action: source.to_owned(),
        missing_parents: graph.missing_parents(),
        ..Shipped::default()
    };
    let mut shipper = graph.shipper();
    let mut earlier = false;
    for (e, revision, inside) in deployments_to_attribute(history, window, source) {
        let Some(revision) = revision else {
            if inside {
                shipped.without_revision.push(e.id.clone());
            }
            continue;
        };
        let commits = match shipper.ship(revision) {
            Some(commits) => commits,
            // Before the window, a revision the clone lacks is passed over.
            None if !inside => continue,
            None => {
                return Err(ChangeError::MissingRevision {
                    execution: e.id.clone(),
                    start: e.start,
                    revision: revision.to_owned(),
                    repository: repository.to_owned(),
                })
            }
        };
        match (inside, earlier) {
            (true, true) => {
                shipped.commits.insert(e.id.clone(), commits);
            }
            (true, false) => shipped.without_base.push(e.id.clone()),
            (false, _) => {}
        }
        earlier = true;
    }
    Ok(shipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commit(id: &str, minute: i64, parents: &[&str]) -> GraphCommit {
        GraphCommit {
            id: id.to_owned(),
            time: Timestamp::from_micros(minute * 60_000_000).unwrap(),
            parents: parents.iter().map(|p| (*p).to_owned()).collect(),
            rework: false,
        }
    }

    fn minutes(c: &[ShippedCommit]) -> Vec<i64> {
        let mut m: Vec<i64> = c.iter().map(|c| c.time.micros() / 60_000_000).collect();
        m.sort_unstable();
        m
    }

    /// a ← b ← c ← m (merge of c and x), x ← on a side branch from a; then d on m.
    #[test]
    fn each_commit_ships_once_merges_and_their_branches_included() {
        let g = CommitGraph::new([
            commit("a", 1, &[]),
            commit("b", 2, &["a"]),
            commit("c", 3, &["b"]),
            commit("x", 4, &["a"]),
            commit("m", 5, &["c", "x"]),
            commit("d", 6, &["m"]),
        ]);
        let mut s = g.shipper();
        assert_eq!(minutes(&s.ship("b").unwrap()), [1, 2]);
        assert_eq!(minutes(&s.ship("d").unwrap()), [3, 4, 5, 6]);
        // An older revision deployed again, or the same one, ships nothing.
        assert!(s.ship("b").unwrap().is_empty());
        assert!(s.ship("d").unwrap().is_empty());
        assert_eq!(s.ship("nope"), None);
        // Deployments that end out of order: x first, then d counts a's line without x.
        let mut s = g.shipper();
        assert_eq!(minutes(&s.ship("x").unwrap()), [1, 4]);
        assert_eq!(minutes(&s.ship("d").unwrap()), [2, 3, 5, 6]);
    }

    #[test]
    fn shallow_boundaries_are_counted() {
        let shallow = CommitGraph::new([commit("c", 3, &["gone"])]);
        assert_eq!(shallow.missing_parents(), 1);
        assert_eq!(minutes(&shallow.shipper().ship("c").unwrap()), [3]);
    }

    #[test]
    fn rework_is_a_revert_or_a_hotfix_not_any_fix() {
        assert!(marks_rework(
            "Revert \"Add cache\"\n\nThis reverts commit abc."
        ));
        assert!(marks_rework("revert: cache"));
        assert!(marks_rework("HOTFIX: null price"));
        assert!(marks_rework("hotfix/checkout total"));
        assert!(marks_rework("Undo\n\nThis reverts commit 0123456789."));
        assert!(!marks_rework("fix: rounding of totals"));
        assert!(!marks_rework("Add reverted-orders report"));
        assert!(!marks_rework(""));
    }
}
