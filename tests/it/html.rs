//! The HTML page (`render --format html`, `report --format html`, `measure --html`): its
//! figures equal the JSON reports, it needs nothing from elsewhere, and in headless Chromium
//! it loads without an error, every step is reachable by keyboard, and pan, zoom and layers
//! work (the page's own self-test, read back with `--dump-dom`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::browser::Browser;
use crate::support::{fixture, ok, run, streams, year};

/// A temporary directory with the files of one test.
struct Dir(tempfile::TempDir);

impl Dir {
    fn new() -> Self {
        Self(tempfile::TempDir::new().expect("a temporary directory"))
    }

    fn path(&self, name: &str) -> String {
        self.0.path().join(name).to_string_lossy().into_owned()
    }

    /// Writes `stream`'s JSON form; its path.
    fn stream(&self, name: &str, stream: &vsm::model::Stream) -> String {
        let path = self.path(name);
        std::fs::write(&path, serde_json::to_string(stream).unwrap()).unwrap();
        path
    }
}

/// Every `data-metric` of `page`: its key, its `data-value`, and the `data-json` of the
/// section it is in (the last one opened before it: the page's sections do not nest).
fn figures(page: &str) -> Vec<(String, String, Option<String>)> {
    let attr = |tag: &str, name: &str| {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(tag[at..at + tag[at..].find('"')?].to_owned())
    };
    let mut out = Vec::new();
    let mut source = String::new();
    for tag in page.split('<').skip(1) {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        if let Some(s) = attr(tag, "data-json") {
            source = s;
        }
        if let Some(key) = attr(tag, "data-metric") {
            out.push((source.clone(), key, attr(tag, "data-value")));
        }
    }
    out
}

/// Checks every figure of `page` against the JSON reports by name (`report`, `measure`).
fn assert_figures_equal(page: &str, reports: &[(&str, &Value)]) -> usize {
    let found = figures(page);
    for (source, key, value) in &found {
        let json = reports
            .iter()
            .find(|(name, _)| name == source)
            .unwrap_or_else(|| panic!("{key}: no report named {source:?}"))
            .1;
        let v = json
            .pointer(&format!("/{key}"))
            .unwrap_or_else(|| panic!("{source} has no {key}"));
        match (value, v) {
            (None, Value::Null) => {}
            (Some(text), Value::String(s)) => assert_eq!(text, s, "{source} {key}"),
            (Some(text), Value::Number(n)) => {
                let shown: f64 = text.parse().unwrap();
                assert_eq!(shown, n.as_f64().unwrap(), "{source} {key}");
            }
            (value, v) => panic!("{source} {key}: the page has {value:?}, the report {v}"),
        }
    }
    found.len()
}

/// The `data-step` values of the map elements of one layer of `page`.
fn steps_of_layer(page: &str, layer: &str) -> Vec<String> {
    let start = page
        .find(&format!("data-layer=\"{layer}\""))
        .unwrap_or_else(|| panic!("no {layer} layer"));
    let end = start + page[start..].find("</section>").unwrap();
    page[start..end]
        .match_indices("class=\"step\" data-step=\"")
        .map(|(i, m)| {
            let rest = &page[start + i + m.len()..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .collect()
}

/// `STAGE/ACTION` of every action of `stream`, XML-escaped as the page writes them.
fn actions(stream: &vsm::model::Stream) -> BTreeSet<String> {
    stream
        .stages
        .iter()
        .flat_map(|s| {
            s.actions
                .iter()
                .map(move |a| vsm::render::svg::escape(&format!("{}/{}", s.name, a.name)))
        })
        .collect()
}

/// No request could leave the page: no external script, style, image, frame or font.
fn assert_self_contained(page: &str) {
    let lower = page.to_ascii_lowercase();
    for needle in [
        "src=\"http",
        "src=\"//",
        "href=\"http",
        "href=\"//",
        "url(h",
        "url(/",
        "url(\"",
        "url('",
        "@import",
        "<link",
        "<iframe",
        "<img",
        "fetch(",
        "xmlhttprequest",
    ] {
        assert!(!lower.contains(needle), "the page holds {needle}");
    }
}

#[test]
fn a_streams_page_has_every_step_and_the_reports_figures() {
    let dir = Dir::new();
    let s = streams::mock_pipeline();
    let file = dir.stream("mock.json", &s);
    let page = ok(&["--stream", &file, "render", "--format", "html"]).stdout;
    let report: Value =
        serde_json::from_str(&ok(&["--stream", &file, "report", "--json"]).stdout).unwrap();
    let n = assert_figures_equal(&page, &[("report", &report)]);
    assert!(n > 19 * 4, "{n} figures");
    let steps: BTreeSet<String> = steps_of_layer(&page, "modelled").into_iter().collect();
    assert_eq!(steps, actions(&s));
    // The map's own figures are keyed too: each step's wait, process time and %C&A in the
    // map and in the table of steps, each stage's lead time in the map.
    let map = &page[page.find("<svg").unwrap()..page.find("</svg>").unwrap()];
    for (si, stage) in report["stages"].as_array().unwrap().iter().enumerate() {
        let band = format!("data-metric=\"stages/{si}/lead_time_minutes\"");
        assert!(map.contains(&band), "{band}");
        for ai in 0..stage["actions"].as_array().unwrap().len() {
            for key in [
                "wait_minutes",
                "process_minutes",
                "complete_accurate_percent",
            ] {
                let metric = format!("data-metric=\"stages/{si}/actions/{ai}/{key}\"");
                assert!(map.contains(&metric), "the map has no {metric}");
            }
        }
    }
    assert_self_contained(&page);
    assert!(page.len() < 150_000, "{} bytes", page.len());
    // `report --format html` is the same page, and the bytes depend on the stream alone.
    let out = dir.path("report.html");
    ok(&["--stream", &file, "report", "--format", "html", "-o", &out]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), page);
}

#[test]
fn a_comparisons_page_has_both_states_and_the_comparisons_figures() {
    let dir = Dir::new();
    let s = streams::mock_pipeline();
    let mut faster = (*s).clone();
    faster.stages[5].actions[0].annotations.wait_time = Some(vsm::time::hours(1));
    let file = dir.stream("mock.json", &s);
    let future = dir.stream("faster.json", &faster);
    let args = ["--stream", &file, "report", "--compare", &future];
    let page = ok(&[&args[..], &["--format", "html"][..]].concat()).stdout;
    let json: Value =
        serde_json::from_str(&ok(&[&args[..], &["--json"][..]].concat()).stdout).unwrap();
    assert_figures_equal(&page, &[("report", &json)]);
    let all = actions(&s);
    for layer in ["modelled", "future"] {
        let steps: BTreeSet<String> = steps_of_layer(&page, layer).into_iter().collect();
        assert_eq!(steps, all, "{layer}");
    }
    assert!(page.contains("data-metric=\"future/stages/0/actions/0/wait_minutes\""));
    assert!(page.contains("data-metric=\"metrics/0/future\""));
    assert_self_contained(&page);
}

/// A year of mock-pipeline's history in `dir`; the stream's file.
fn measured_year(dir: &Dir) -> (String, String) {
    let s = streams::mock_pipeline();
    let y = year::year(&s, 7);
    let history = dir.path("history");
    std::fs::create_dir_all(&history).unwrap();
    std::fs::write(
        Path::new(&history).join(vsm::measure::EXECUTIONS_FILE),
        &y.executions,
    )
    .unwrap();
    std::fs::write(
        Path::new(&history).join(vsm::measure::ACTIONS_FILE),
        &y.actions,
    )
    .unwrap();
    (dir.stream("mock.json", &s), history)
}

#[test]
fn a_measured_page_has_the_measured_and_modelled_figures() {
    let dir = Dir::new();
    let (file, history) = measured_year(&dir);
    let html = dir.path("measured.html");
    let measure = ok(&[
        "--stream",
        &file,
        "measure",
        "--history",
        &history,
        "--json",
        "--html",
        &html,
    ]);
    let measured: Value = serde_json::from_str(&measure.stdout).unwrap();
    let report: Value =
        serde_json::from_str(&ok(&["--stream", &file, "report", "--json"]).stdout).unwrap();
    let page = std::fs::read_to_string(&html).unwrap();
    let n = assert_figures_equal(&page, &[("report", &report), ("measure", &measured)]);
    assert!(n > 19 * 9, "{n} figures");
    for key in [
        "lead_time_median_minutes",
        "lead_time_p85_minutes",
        "lead_time_p95_minutes",
        "dora_levels/lead_time",
        "actions/0/first_pass_yield_percent",
        "stages/0/first_pass_yield_percent",
        "stages/0/rollbacks",
    ] {
        assert!(page.contains(&format!("data-metric=\"{key}\"")), "{key}");
    }
    let all = actions(&streams::mock_pipeline());
    for layer in ["measured", "modelled"] {
        let steps: BTreeSet<String> = steps_of_layer(&page, layer).into_iter().collect();
        assert_eq!(steps, all, "{layer}");
    }
    assert!(page.contains("id=\"lead-time\"") && page.contains("id=\"throughput\""));
    assert!(page.contains("class=\"hist\""));
    assert_self_contained(&page);
}

#[test]
fn measure_html_needs_the_stream_and_one_history() {
    let dir = Dir::new();
    let (file, history) = measured_year(&dir);
    let page = dir.path("page.html");
    let out = run(&["measure", "--history", &history, "--html", &page]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("--html need the stream"),
        "{}",
        out.stderr
    );
    let args = [
        "--stream",
        &file,
        "measure",
        "--history",
        &history,
        "--history",
        &history,
    ];
    let out = run(&[&args[..], &["--html", &page][..]].concat());
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("--html draws one history"),
        "{}",
        out.stderr
    );
    assert!(!Path::new(&page).exists());
}

/// Where the test artifacts go: `target/page/`.
fn artifacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/page");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The page's self-test passed, with every step of the page, and the browser logged no
/// console error.
fn assert_self_test_passes(browser: &Browser, page: &Path, steps: usize) -> f64 {
    let t = browser.self_test(page);
    let report = &t.report;
    assert_eq!(report["ok"], true, "self-test failed: {report:#}");
    assert_eq!(report["errors"], serde_json::json!([]), "{report:#}");
    assert_eq!(report["steps"], steps, "{report:#}");
    for line in t.log.lines() {
        assert!(
            !(line.contains("CONSOLE") && (line.contains("Uncaught") || line.contains("rror"))),
            "the browser logged: {line}"
        );
    }
    assert!(t.dom.contains("data-selftest=\"pass\""));
    report["ready_ms"].as_f64().unwrap()
}

#[test]
fn in_chromium_mock_pipelines_page_works_from_the_keyboard_and_has_a_screenshot() {
    let Some(browser) = Browser::find() else {
        return;
    };
    let dir = Dir::new();
    let s = streams::mock_pipeline();
    let file = dir.stream("mock.json", &s);
    let page = artifacts().join("mock-pipeline.html");
    let out = page.to_string_lossy();
    ok(&["--stream", &file, "render", "--format", "html", "-o", &out]);
    assert_self_test_passes(&browser, &page, 19);
    let png = artifacts().join("mock-pipeline.png");
    browser.screenshot(&page, &png, 1600, 1000);
    assert!(std::fs::metadata(&png).unwrap().len() > 10_000);
}

#[test]
fn in_chromium_the_comparison_and_measured_pages_work() {
    let Some(browser) = Browser::find() else {
        return;
    };
    let dir = Dir::new();
    let (file, history) = measured_year(&dir);
    let measured = artifacts().join("mock-pipeline-measured.html");
    let out = measured.to_string_lossy();
    ok(&[
        "--stream",
        &file,
        "measure",
        "--history",
        &history,
        "--every",
        "month",
        "--html",
        &out,
    ]);
    assert_self_test_passes(&browser, &measured, 2 * 19);
    browser.screenshot(
        &measured,
        &artifacts().join("mock-pipeline-measured.png"),
        1600,
        1800,
    );

    let mut faster = (*streams::mock_pipeline()).clone();
    faster.stages[5].actions[0].annotations.wait_time = Some(vsm::time::hours(1));
    let future = dir.stream("faster.json", &faster);
    let compared = dir.path("compare.html");
    ok(&[
        "--stream",
        &file,
        "report",
        "--compare",
        &future,
        "--format",
        "html",
        "-o",
        &compared,
    ]);
    assert_self_test_passes(&browser, Path::new(&compared), 2 * 19);
}

#[test]
fn in_chromium_the_190_action_streams_page_passes_its_self_test() {
    let Some(template) = fixture("large-190.template.json") else {
        return;
    };
    let Some(browser) = Browser::find() else {
        return;
    };
    let dir = Dir::new();
    let stream = dir.path("large.json");
    ok(&[
        "import",
        &template.to_string_lossy(),
        "--to",
        "json",
        "-o",
        &stream,
    ]);
    let page = artifacts().join("large-190.html");
    let out = page.to_string_lossy();
    ok(&[
        "--stream", &stream, "render", "--format", "html", "-o", &out,
    ]);
    // How soon it is ready is measured by scripts/page-bench, not here.
    assert_self_test_passes(&browser, &page, 190);
}

/// With `--every`, the measured page shows each period's figures and a chart of them; with
/// `--split`, each figure before and after: the figures equal those of the same command's
/// `--json`.
#[test]
fn a_measured_page_shows_the_trend_and_the_before_and_after() {
    let dir = Dir::new();
    let (file, history) = measured_year(&dir);
    let measure_args = ["--stream", &file, "measure", "--history", &history];
    let json_of = |extra: &[&str]| -> Value {
        let out = ok(&[&measure_args[..], extra, &["--json"][..]].concat());
        serde_json::from_str(&out.stdout).unwrap()
    };
    let measure = json_of(&[]);
    let report: Value =
        serde_json::from_str(&ok(&["--stream", &file, "report", "--json"]).stdout).unwrap();

    let html = dir.path("trend.html");
    let trend = json_of(&["--every", "month", "--html", &html]);
    let page = std::fs::read_to_string(&html).unwrap();
    let periods = trend["periods"].as_array().unwrap().len();
    assert!(periods >= 12, "{periods} months");
    assert_figures_equal(
        &page,
        &[
            ("report", &report),
            ("measure", &measure),
            ("trend", &trend),
        ],
    );
    for i in 0..periods {
        for key in [
            "deployments",
            "lead_time_median_minutes",
            "lead_time_p85_minutes",
        ] {
            let metric = format!("data-metric=\"periods/{i}/{key}\"");
            assert!(page.contains(&metric), "{metric}");
        }
    }
    assert!(page.contains("<svg class=\"trend\""));
    assert_self_contained(&page);

    // Split in the middle of the year.
    let when = trend["periods"][periods / 2]["start"]
        .as_str()
        .unwrap()
        .to_owned();
    let html = dir.path("split.html");
    let split = json_of(&["--split", &when, "--html", &html]);
    let page = std::fs::read_to_string(&html).unwrap();
    let rows = split["differences"].as_array().unwrap().len();
    assert!(rows >= 5, "{rows} figures compared");
    assert_figures_equal(
        &page,
        &[
            ("report", &report),
            ("measure", &measure),
            ("split", &split),
        ],
    );
    for i in 0..rows {
        for key in ["before", "after", "verdict"] {
            let metric = format!("data-metric=\"differences/{i}/{key}\"");
            assert!(page.contains(&metric), "{metric}");
        }
    }
    assert_self_contained(&page);
}

/// `forecast --html`: the measured page with the forecast of the current and a future state,
/// and the backtest, whose figures equal `forecast --json`'s.
#[test]
fn a_forecast_page_has_the_forecasts_figures() {
    let dir = Dir::new();
    let (file, history) = measured_year(&dir);
    let mut faster = (*streams::mock_pipeline()).clone();
    faster.stages[5].actions[0].annotations.wait_time = Some(vsm::time::hours(1));
    let future = dir.stream("faster.json", &faster);
    let html = dir.path("forecast.html");
    let args = [
        "--stream",
        &file,
        "forecast",
        "--history",
        &history,
        "--future",
        &future,
        "--backtest",
        "--runs",
        "2000",
    ];
    let forecast: Value =
        serde_json::from_str(&ok(&[&args[..], &["--json", "--html", &html][..]].concat()).stdout)
            .unwrap();
    let measure: Value = serde_json::from_str(
        &ok(&[
            "--stream",
            &file,
            "measure",
            "--history",
            &history,
            "--json",
        ])
        .stdout,
    )
    .unwrap();
    let report: Value =
        serde_json::from_str(&ok(&["--stream", &file, "report", "--json"]).stdout).unwrap();
    let page = std::fs::read_to_string(&html).unwrap();
    assert_figures_equal(
        &page,
        &[
            ("report", &report),
            ("measure", &measure),
            ("forecast", &forecast),
        ],
    );
    for key in [
        "lead_time_p85_minutes",
        "future/lead_time_p85_minutes",
        "backtest/measured/lead_time_p85_minutes",
    ] {
        assert!(
            page.contains("data-json=\"forecast\"")
                && page.contains(&format!("data-metric=\"{key}\"")),
            "{key}"
        );
    }
    assert_self_contained(&page);
    // Without a stream there is no map to draw.
    let out = run(&["forecast", "--history", &history, "--html", &html]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("--html draws the stream's map"),
        "{}",
        out.stderr
    );
}

/// A stream with steps under template conditions: the report, the map and the table say when
/// each is in the pipeline; alternatives count as the slower of them.
#[test]
fn a_page_says_when_conditions_decide_a_step() {
    use vsm::builder::{codecommit, connection, mock};
    use vsm::kinds::GitProvider;
    use vsm::model::{Condition, Parameter};
    let test = vsm::cfn::Expr::from_value(
        &serde_json::json!({"Fn::Equals": [{"Ref": "SourceType"}, "connection"]}),
    );
    let stream = vsm::ValueStream::builder("app")
        .parameters([Parameter::new("SourceType")
            .default_value("connection")
            .allowed_values(["connection", "codecommit"])])
        .conditions([Condition::new("UseConnection", test)])
        .source("Source", |s| {
            s.action(
                connection("Source", GitProvider::GitHub, "acme/app", "main")
                    .outputs(["Src"])
                    .when("UseConnection")
                    .wait(vsm::time::mins(30)),
            )
            .action(
                codecommit("Source", "app", "main")
                    .outputs(["Src"])
                    .unless("UseConnection")
                    .wait(vsm::time::mins(10)),
            )
        })
        .stage("Build", |s| s.action(mock("Compile").inputs(["Src"])))
        .build()
        .expect("alternatives are valid");
    let dir = Dir::new();
    let file = dir.stream("alternatives.json", &stream);
    let report: Value =
        serde_json::from_str(&ok(&["--stream", &file, "report", "--json"]).stdout).unwrap();
    let sources = &report["stages"][0]["actions"];
    assert_eq!(sources[0]["present"], "when UseConnection");
    assert_eq!(sources[1]["present"], "unless UseConnection");
    assert!(report["stages"][1]["actions"][0].get("present").is_none());
    // The slower alternative sets the source stage's lead time.
    assert_eq!(report["stages"][0]["lead_time_minutes"], 30.0);
    let page = ok(&["--stream", &file, "render", "--format", "html"]).stdout;
    let map = &page[page.find("<svg").unwrap()..page.find("</svg>").unwrap()];
    assert!(map.contains("· unless UseConnection</text>"), "{map}");
    assert!(page.contains("<th scope=\"col\">Present</th>"));
    assert!(page.contains("<td>when UseConnection</td>"));
    assert!(page.contains("<td>always</td>"));
}

/// The multi-account stream's page says where each step runs: in the map and in the table of
/// steps (which the details on hover and focus show), from `report --json`'s `runs_in`.
#[test]
fn a_multi_account_page_shows_where_steps_run() {
    let dir = Dir::new();
    let s = streams::multi_account();
    let file = dir.stream("multi.json", &s);
    let page = ok(&["--stream", &file, "render", "--format", "html"]).stdout;
    let report: Value =
        serde_json::from_str(&ok(&["--stream", &file, "report", "--json"]).stdout).unwrap();
    let production = &report["stages"][4]["actions"];
    assert_eq!(production[1]["runs_in"], "account 333333333333");
    // The alarm gate after the deploy runs its rule in the production account too.
    assert_eq!(production[2]["gate"], "on_success");
    assert_eq!(production[2]["runs_in"], "account 333333333333");
    assert_eq!(
        report["stages"][2]["actions"][1]["runs_in"],
        "account 222222222222, us-east-1"
    );
    let map = &page[page.find("<svg").unwrap()..page.find("</svg>").unwrap()];
    assert!(map.contains("· account 222222222222, us-east-1</text>"));
    assert!(page.contains("<th scope=\"col\">Runs in</th>"));
    assert!(page.contains("<td>account 333333333333</td>"));
    assert!(
        page.contains("<td>the pipeline&apos;s account and Region</td>")
            || page.contains("<td>the pipeline's account and Region</td>")
    );
    assert_figures_equal(&page, &[("report", &report)]);
}
