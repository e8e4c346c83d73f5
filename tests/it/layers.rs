//! The layers of vsm-dsl (its crate docs draw them): every `crate::` path in a module's code
//! names a module of a lower layer, so the modules form a DAG and each layer can be read,
//! tested and feature-gated without the ones above it.

use std::collections::BTreeMap;
use std::path::Path;

/// Each top-level module of vsm-dsl and its layer; a module may use only lower layers.
const LAYERS: &[(&str, u8)] = &[
    ("catalogue", 0),
    ("time", 0),
    ("diagnostic", 1),
    ("cfn", 1),
    ("model", 2),
    ("kit", 3),
    ("kinds", 4),
    ("conditions", 4),
    ("emit", 5),
    ("rules", 6),
    ("stream", 7),
    ("builder", 8),
    ("code", 9),
    ("analysis", 9),
    ("diff", 9),
    ("import", 10),
    ("render", 10),
    ("measure", 10),
    ("lint", 11),
    ("forecast", 11),
    ("page", 12),
];

/// The code of a file without its comments (doc links may point anywhere).
fn code(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules a piece of code names through `crate::`.
fn named(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let head = item.trim().split("::").next().unwrap_or("");
                out.push(head.trim().to_owned());
            }
        } else {
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            out.push(rest[..end].to_owned());
        }
    }
    out
}

/// `module → modules it names`, from every file under `vsm-dsl/src`.
fn edges() -> BTreeMap<String, BTreeMap<String, Vec<String>>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("vsm-dsl/src");
    let mut out: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let top = rel.split(['/', '.']).next().unwrap().to_owned();
            if top == "lib" {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for other in named(&code(&text)) {
                if other != top && LAYERS.iter().any(|(m, _)| *m == other) {
                    let files = out.entry(top.clone()).or_default();
                    files.entry(other).or_default().push(rel.clone());
                }
            }
        }
    }
    out
}

fn layer(module: &str) -> u8 {
    LAYERS
        .iter()
        .find(|(m, _)| *m == module)
        .unwrap_or_else(|| panic!("module {module} has no layer in tests/it/layers.rs"))
        .1
}

#[test]
fn every_module_uses_only_lower_layers() {
    let mut wrong = Vec::new();
    for (from, to) in edges() {
        for (other, files) in to {
            if layer(&other) >= layer(&from) {
                let mut files = files.clone();
                files.dedup();
                wrong.push(format!("{from} → {other} ({})", files.join(", ")));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports that point up or sideways:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn every_top_level_module_has_a_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("vsm-dsl/src");
    for entry in std::fs::read_dir(src).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let module = name.trim_end_matches(".rs");
        if module != "lib" {
            layer(module);
        }
    }
}

#[test]
fn the_check_catches_an_import_that_points_up() {
    let names = named(&code(
        "use crate::{kinds::KINDS, model};\nlet x = crate::rules::check(s); // crate::lint",
    ));
    assert_eq!(names, ["kinds", "model", "rules"]);
    assert!(layer("rules") > layer("model"));
}
