//! Git repositories made for tests with the git command line: commits with chosen committer
//! times (GIT_COMMITTER_DATE), parents and messages, on the empty tree.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// A bare repository in a directory the caller owns.
pub struct Repo {
    pub dir: PathBuf,
    tree: String,
}

/// 2025-03-03T09:00:00Z: minute 0 of the tests' histories.
pub const T0: i64 = 1_740_992_400;

fn git(dir: &Path, args: &[&str], date: Option<i64>, stdin: Option<&str>) -> String {
    let mut cmd = Command::new("git");
    cmd.arg("-C").arg(dir).args(args);
    cmd.env("GIT_AUTHOR_NAME", "Dev")
        .env("GIT_AUTHOR_EMAIL", "dev@example.com")
        .env("GIT_COMMITTER_NAME", "Dev")
        .env("GIT_COMMITTER_EMAIL", "dev@example.com")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir);
    if let Some(seconds) = date {
        let when = format!("@{seconds} +0000");
        cmd.env("GIT_COMMITTER_DATE", &when)
            .env("GIT_AUTHOR_DATE", &when);
    }
    if stdin.is_some() {
        cmd.stdin(std::process::Stdio::piped());
    }
    cmd.stdout(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("git runs");
    if let Some(text) = stdin {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "git {args:?} failed");
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

impl Repo {
    /// A new repository in `dir`.
    pub fn init(dir: &Path) -> Self {
        std::fs::create_dir_all(dir).unwrap();
        git(dir, &["init", "--quiet", "--bare"], None, None);
        let tree = git(dir, &["mktree"], None, Some(""));
        Self {
            dir: dir.to_owned(),
            tree,
        }
    }

    /// A commit made at `minute` after [`T0`] with these parents; its id.
    pub fn commit(&self, message: &str, minute: i64, parents: &[&str]) -> String {
        let mut args = vec!["commit-tree", self.tree.as_str()];
        for p in parents {
            args.extend(["-p", p]);
        }
        args.extend(["-m", message]);
        git(&self.dir, &args, Some(T0 + minute * 60), None)
    }

    /// `git rev-list --format=%ct tip --not bases…`: the committer times (minutes after T0)
    /// of the commits reachable from `tip` and from none of `bases`.
    pub fn range_minutes(&self, tip: &str, bases: &[&str]) -> Vec<i64> {
        let mut args = vec!["rev-list", "--format=%ct", tip, "--not"];
        args.extend(bases);
        let out = git(&self.dir, &args, None, None);
        let mut m: Vec<i64> = out
            .lines()
            .filter(|l| !l.starts_with("commit "))
            .map(|l| (l.parse::<i64>().unwrap() - T0) / 60)
            .collect();
        m.sort_unstable();
        m
    }
}

/// One commit for [`Repo::fast_import`]: committer time (epoch seconds), parents (indices of
/// earlier commits), message.
pub struct Planned {
    pub seconds: i64,
    pub parents: Vec<usize>,
    pub message: String,
}

impl Repo {
    /// Writes `commits` at once with `git fast-import` (on branch main); their ids, in order.
    pub fn fast_import(&self, commits: &[Planned]) -> Vec<String> {
        use std::fmt::Write as _;
        let mut stream = String::new();
        for (i, c) in commits.iter().enumerate() {
            let _ = write!(
                stream,
                "commit refs/heads/main\nmark :{}\ncommitter Dev <dev@example.com> {} +0000\ndata {}\n{}\n",
                i + 1,
                c.seconds,
                c.message.len(),
                c.message
            );
            for (k, p) in c.parents.iter().enumerate() {
                let verb = if k == 0 { "from" } else { "merge" };
                let _ = writeln!(stream, "{verb} :{}", p + 1);
            }
            stream.push('\n');
        }
        let marks = self.dir.join("marks");
        let export = format!("--export-marks={}", marks.display());
        git(
            &self.dir,
            &["fast-import", "--quiet", &export],
            None,
            Some(&stream),
        );
        let text = std::fs::read_to_string(&marks).unwrap();
        let mut ids = vec![String::new(); commits.len()];
        for line in text.lines() {
            let (mark, id) = line.split_once(' ').unwrap();
            ids[mark[1..].parse::<usize>().unwrap() - 1] = id.to_owned();
        }
        ids
    }
}
