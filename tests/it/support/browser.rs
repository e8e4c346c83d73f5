//! Headless Chromium for the page tests: the page's self-test read back with `--dump-dom`,
//! and screenshots. Without a browser a test is skipped with a note, or fails with
//! `VSM_REQUIRE_CHROMIUM=1` (as CI sets it).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// One browser at a time: the tests time the pages, and the machine is small.
static TURN: Mutex<()> = Mutex::new(());

/// A headless Chromium, this test's turn to use it.
pub struct Browser {
    program: PathBuf,
    profile: tempfile::TempDir,
    _turn: MutexGuard<'static, ()>,
}

/// What a page's self-test (`#selftest`) wrote.
#[derive(Debug)]
pub struct SelfTest {
    /// Its JSON: `ok`, `ready_ms`, `steps`, `checks[]`, `errors[]`.
    pub report: serde_json::Value,
    /// The DOM once the page had loaded.
    pub dom: String,
    /// What the browser wrote to standard error (console messages among it).
    pub log: String,
}

impl Browser {
    /// The browser: `$VSM_CHROMIUM`, else `chromium` or `chromium-browser` on the path.
    pub fn find() -> Option<Self> {
        let names: Vec<PathBuf> = std::env::var_os("VSM_CHROMIUM")
            .map(PathBuf::from)
            .into_iter()
            .chain(["chromium", "chromium-browser"].map(PathBuf::from))
            .collect();
        let program = names.into_iter().find(|p| {
            Command::new(p)
                .arg("--version")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        });
        match program {
            Some(program) => Some(Self {
                program,
                profile: tempfile::TempDir::new().expect("a temporary profile directory"),
                // A test that failed while it held the browser leaves it usable.
                _turn: TURN
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner),
            }),
            None => {
                assert!(
                    std::env::var("VSM_REQUIRE_CHROMIUM").as_deref() != Ok("1"),
                    "headless Chromium is missing (VSM_REQUIRE_CHROMIUM=1): apt-get install chromium"
                );
                eprintln!("skipped: headless Chromium is missing (apt-get install chromium)");
                None
            }
        }
    }

    /// Runs the browser on `file` (with `#fragment`), with no network, to its end.
    fn run(&self, args: &[String], file: &Path, fragment: &str) -> (String, String) {
        let url = format!(
            "file://{}{fragment}",
            file.canonicalize().expect("the page exists").display()
        );
        let mut child = Command::new(&self.program)
            .args([
                "--headless",
                "--disable-gpu",
                "--no-sandbox",
                "--no-first-run",
                "--disable-extensions",
                "--hide-scrollbars",
                "--enable-logging=stderr",
                "--v=0",
                // Any name lookup fails: the page must need no network.
                "--host-resolver-rules=MAP * ~NOTFOUND",
            ])
            .arg(format!("--user-data-dir={}", self.profile.path().display()))
            .args(args)
            .arg(url)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("chromium starts");
        let out = std::thread::spawn({
            let mut stdout = child.stdout.take().unwrap();
            move || {
                let mut s = String::new();
                std::io::Read::read_to_string(&mut stdout, &mut s).ok();
                s
            }
        });
        let err = std::thread::spawn({
            let mut stderr = child.stderr.take().unwrap();
            move || {
                let mut s = String::new();
                std::io::Read::read_to_string(&mut stderr, &mut s).ok();
                s
            }
        });
        let start = Instant::now();
        loop {
            if child.try_wait().expect("chromium runs").is_some() {
                break;
            }
            if start.elapsed() > Duration::from_secs(120) {
                let _ = child.kill();
                panic!("chromium did not finish in two minutes");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        (out.join().unwrap(), err.join().unwrap())
    }

    /// Loads `file` with `#selftest` and reads the outcome the page wrote.
    pub fn self_test(&self, file: &Path) -> SelfTest {
        let (dom, log) = self.run(
            &["--window-size=1280,800".to_owned(), "--dump-dom".to_owned()],
            file,
            "#selftest",
        );
        let start = dom
            .find("<pre id=\"vsm-selftest\" hidden=\"\">")
            .map(|i| i + "<pre id=\"vsm-selftest\" hidden=\"\">".len())
            .unwrap_or_else(|| panic!("no self-test in the DOM; browser log:\n{log}"));
        let end = start + dom[start..].find("</pre>").unwrap();
        let text = dom[start..end]
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        let report = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("the self-test wrote no JSON ({e}): {text}\n{log}"));
        SelfTest { report, dom, log }
    }

    /// A screenshot of `file` at `width`×`height` into `png`.
    pub fn screenshot(&self, file: &Path, png: &Path, width: u32, height: u32) {
        std::fs::create_dir_all(png.parent().unwrap()).unwrap();
        let _ = std::fs::remove_file(png);
        let (_, log) = self.run(
            &[
                format!("--window-size={width},{height}"),
                format!("--screenshot={}", png.display()),
            ],
            file,
            "",
        );
        assert!(
            png.exists(),
            "no screenshot at {}; browser log:\n{log}",
            png.display()
        );
    }
}
