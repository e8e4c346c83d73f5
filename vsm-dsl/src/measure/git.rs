//! Reading a local Git repository (gix, pure Rust, no network): every commit reachable from
//! the deployed revisions, with its committer time, parents and whether its message marks a
//! revert or a hotfix.

use std::collections::HashSet;
use std::path::Path;

use gix::ObjectId;

use super::commits::{
    attribute, deployments_to_attribute, is_commit_id, marks_rework, pick_source_action,
    ChangeError, CommitGraph, GraphCommit, Shipped,
};
use super::history::History;
use super::structure::Structure;
use super::time::Timestamp;
use super::Window;

/// A local clone, opened.
pub struct Repository {
    repo: gix::Repository,
    path: String,
}

impl Repository {
    /// Opens the repository at `path` (its work tree or its `.git` directory).
    pub fn open(path: &Path) -> Result<Self, ChangeError> {
        let shown = path.display().to_string();
        let repo = gix::open(path).map_err(|e| ChangeError::NotARepository {
            path: shown.clone(),
            reason: first_line(&e.to_string()),
        })?;
        Ok(Self { repo, path: shown })
    }

    /// The path as given.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// True when the repository holds commit `revision`.
    pub fn has_commit(&self, revision: &str) -> bool {
        ObjectId::from_hex(revision.as_bytes())
            .ok()
            .and_then(|id| self.repo.find_commit(id).ok())
            .is_some()
    }

    /// Every commit reachable from `tips` (which must be in the repository).
    pub fn graph(&self, tips: &[&str]) -> Result<CommitGraph, ChangeError> {
        let mut seen: HashSet<ObjectId> = HashSet::new();
        let mut queue: Vec<ObjectId> = Vec::new();
        for tip in tips {
            let id = ObjectId::from_hex(tip.as_bytes()).map_err(|e| unreadable(tip, &e))?;
            if seen.insert(id) {
                queue.push(id);
            }
        }
        let mut commits = Vec::with_capacity(queue.len());
        while let Some(id) = queue.pop() {
            let Ok(commit) = self.repo.find_commit(id) else {
                // A parent outside a shallow clone: the walk ends there.
                continue;
            };
            let c = commit.decode().map_err(|e| unreadable(&id, &e))?;
            let time = c.time().map_err(|e| unreadable(&id, &e))?;
            let parents: Vec<ObjectId> = c.parents().collect();
            for p in &parents {
                if seen.insert(*p) {
                    queue.push(*p);
                }
            }
            let time = Timestamp::from_epoch_seconds(time.seconds as f64)
                .ok_or_else(|| unreadable(&id, &"its committer time is out of range"))?;
            commits.push(GraphCommit {
                id: id.to_string(),
                time,
                parents: parents.iter().map(ToString::to_string).collect(),
                rework: marks_rework(&String::from_utf8_lossy(c.message)),
            });
        }
        Ok(CommitGraph::new(commits))
    }
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().to_owned()
}

fn unreadable(id: &dyn std::fmt::Display, e: &dyn std::fmt::Display) -> ChangeError {
    ChangeError::Unreadable {
        id: id.to_string(),
        reason: first_line(&e.to_string()),
    }
}

/// The commits each deployment of `window` shipped, from the repository at `repository`:
/// the revisions of `source_action` (by default the first source action of `structure` that
/// the history names), each checked to be a commit of the repository.
pub fn shipped_from_repository(
    history: &History,
    structure: &Structure,
    window: Window,
    source_action: Option<&str>,
    repository: &Path,
) -> Result<Shipped, ChangeError> {
    let repo = Repository::open(repository)?;
    let source = pick_source_action(history, &structure.source_actions(), source_action)?;
    let mut tips: Vec<&str> = Vec::new();
    for (e, revision, inside) in deployments_to_attribute(history, window, &source) {
        let Some(revision) = revision else { continue };
        // Before the window a revision that cannot be followed is passed over.
        let followable = is_commit_id(revision) && repo.has_commit(revision);
        if !inside && !followable {
            continue;
        }
        if !is_commit_id(revision) {
            return Err(ChangeError::NotACommitId {
                execution: e.id.clone(),
                revision: revision.to_owned(),
            });
        }
        if !repo.has_commit(revision) {
            return Err(ChangeError::MissingRevision {
                execution: e.id.clone(),
                start: e.start,
                revision: revision.to_owned(),
                repository: repo.path().to_owned(),
            });
        }
        tips.push(revision);
    }
    let graph = repo.graph(&tips)?;
    attribute(history, window, &source, &graph, repo.path())
}
