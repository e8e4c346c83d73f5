use std::time::Duration;

use serde_json::Value;

use super::figures::{human_minutes, Unit};
use super::{comparison_page, stream_page};
use crate::analysis::{analyze, compare, StreamJson};
use crate::kinds::Mock;
use crate::model::{Action, Stage, Stream};

fn stream(wait: u64) -> Stream {
    let mut stage = Stage::new("Build & <Test>");
    for (name, pt) in [("Unit", 600), ("Lint \"fast\"", 60)] {
        let mut a = Action::new(name, Mock::default());
        a.annotations.wait_time = Some(Duration::from_secs(wait));
        a.annotations.process_time = Some(Duration::from_secs(pt));
        a.annotations.complete_accurate = Some(95.0);
        stage.actions.push(a);
    }
    let mut s = Stream::new("demo");
    s.stages.push(stage);
    s
}

/// Every `data-metric` of `page` with its `data-value` (`None` when absent).
fn metrics(page: &str) -> Vec<(String, Option<String>)> {
    page.match_indices("data-metric=\"")
        .map(|(i, m)| {
            let rest = &page[i + m.len()..];
            let key = rest[..rest.find('"').unwrap()].to_owned();
            let tag_end = rest.find('>').unwrap();
            let value = rest[..tag_end].find("data-value=\"").map(|j| {
                let v = &rest[j + "data-value=\"".len()..];
                v[..v.find('"').unwrap()].to_owned()
            });
            (key, value)
        })
        .collect()
}

#[test]
fn the_figures_are_the_json_reports() {
    let m = analyze(&stream(1800));
    let page = stream_page(&m);
    let json = serde_json::to_value(StreamJson::new(&m)).unwrap();
    let found = metrics(&page);
    assert!(found.len() > 10, "{found:?}");
    for (key, value) in found {
        let v = json.pointer(&format!("/{key}")).expect(&key);
        match value {
            Some(text) => assert_eq!(text, v.to_string(), "{key}"),
            None => assert_eq!(v, &Value::Null, "{key}"),
        }
    }
}

#[test]
fn the_page_is_self_contained_deterministic_and_escaped() {
    let m = analyze(&stream(1800));
    let page = stream_page(&m);
    assert_eq!(page, stream_page(&m));
    for needle in [
        "src=\"http",
        "href=\"http",
        "url(http",
        "@import",
        "src=\"//",
    ] {
        assert!(!page.contains(needle), "{needle}");
    }
    assert!(page.contains("data-step=\"Build &amp; &lt;Test&gt;/Lint &quot;fast&quot;\""));
    assert!(!page.contains("<Test>"));
    assert_eq!(page.matches("class=\"step\"").count(), 2);
}

#[test]
fn a_comparison_has_both_layers() {
    let c = compare(&stream(3600), &stream(600));
    let page = comparison_page(&c);
    assert!(page.contains("data-layer=\"modelled\""));
    assert!(page.contains("data-layer=\"future\""));
    assert!(
        page.contains("data-metric=\"future/stages/0/actions/0/wait_minutes\" data-value=\"10.0\"")
    );
    assert!(page.contains("data-show=\"future\""));
}

#[test]
fn figures_read_as_people_write_them() {
    assert_eq!(human_minutes(90.5), "1h 30m 30s");
    assert_eq!(Unit::of_key("lead_time_p85_minutes"), Unit::Minutes);
    assert_eq!(Unit::of_key("first_pass_yield_percent"), Unit::Percent);
    assert_eq!(Unit::of_key("deployment_frequency_per_day"), Unit::PerDay);
    assert_eq!(Unit::of_key("executions"), Unit::Count);
}

/// WCAG 2 contrast ratio of two `#rrggbb` colours.
fn contrast(a: &str, b: &str) -> f64 {
    let lum = |c: &str| {
        let ch = |i: usize| {
            let v = f64::from(u8::from_str_radix(&c[i..i + 2], 16).unwrap()) / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(1) + 0.7152 * ch(3) + 0.0722 * ch(5)
    };
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[test]
fn the_colours_of_text_pass_wcag_aa() {
    // Text on white, white on the level badges and the pressed buttons, the map's texts on
    // their shapes.
    for (fg, bg) in [
        ("#1d1d1d", "#ffffff"),
        ("#4a4a4a", "#ffffff"),
        ("#1f5f8b", "#ffffff"),
        ("#a3352a", "#ffffff"),
        ("#ffffff", "#0b6e4f"),
        ("#ffffff", "#1f5f8b"),
        ("#ffffff", "#8a5300"),
        ("#ffffff", "#a3352a"),
        ("#ffffff", "#4a4a4a"),
        ("#b03a2e", "#fdf1ef"),
        ("#666666", "#ffffff"),
        ("#1d1d1d", "#e8eef6"),
        ("#1d1d1d", "#f4f6f8"),
        ("#6b5a12", "#fff3c4"),
        ("#8c2a20", "#f6c9c4"),
    ] {
        assert!(
            contrast(fg, bg) >= 4.5,
            "{fg} on {bg}: {:.2}",
            contrast(fg, bg)
        );
    }
}
