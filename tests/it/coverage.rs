//! `docs/coverage.md`: every property path of the `AWS::CodePipeline::Pipeline` resource
//! schema that cfn-lint bundles, with the part of the model that writes it
//! (`vsm::emit::paths`) or why vsm does not model it, and every action type of the
//! catalogue's matrix with the kinds that emit it (`vsm::kinds::KINDS`). Run with
//! `VSM_BLESS=1` to rewrite the page. The table is checked against what the emitter writes,
//! and the matrix against the rule catalogue's rows.
//!
//! The schema is read from the cfn-lint that `VSM_CFN_LINT_SCHEMAS` names (its
//! `cfnlint/data/schemas` directory), else from the lint venv `scripts/test` installs, else
//! from the `cfn-lint` on `PATH`. Without one the test fails: the page must not go unchecked.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use vsm::conditions::RULE_TYPES;
use vsm::emit::paths::{pipeline_paths, Model, PathModel};
use vsm::kinds::{ConfigKeySpec, KindInfo, CUSTOM_ARTIFACTS, KINDS};
use vsm::model::{ActionType, Owner};
use vsm::rules::{other_type, other_types};

/// The CloudFormation type the page covers.
const TYPE_NAME: &str = "AWS::CodePipeline::Pipeline";
/// Where the table of paths is.
const TABLE: &str = "vsm-dsl/src/emit/paths.rs";

/// How to get cfn-lint, for the failure of a machine without it.
const INSTALL: &str =
    "run ./scripts/test once (it installs cfn-lint into target/lint-venv, as CI does), \
    or `pip install cfn-lint` and put it on PATH, or set VSM_CFN_LINT_SCHEMAS to the \
    cfnlint/data/schemas directory of an installed cfn-lint";

/// The `cfn-lint` executable: the lint venv's, else the first on `PATH`.
fn cfn_lint() -> Option<PathBuf> {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/lint-venv/bin/cfn-lint");
    if venv.exists() {
        return Some(venv);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("cfn-lint"))
        .find(|p| p.is_file())
}

/// The Python that runs a script: its `#!` line's interpreter, else `python3` beside it.
fn python_of(script: &Path) -> PathBuf {
    let text = std::fs::read(script).unwrap_or_default();
    let first = String::from_utf8_lossy(&text)
        .lines()
        .next()
        .unwrap_or("")
        .to_owned();
    match first.strip_prefix("#!") {
        Some(line) if !line.contains("/env ") && !line.trim().is_empty() => {
            PathBuf::from(line.split_whitespace().next().unwrap_or(""))
        }
        _ => script.with_file_name("python3"),
    }
}

/// cfn-lint's bundled resource schemas.
fn schemas() -> PathBuf {
    if let Some(dir) = std::env::var_os("VSM_CFN_LINT_SCHEMAS") {
        let dir = PathBuf::from(dir);
        assert!(
            dir.join("providers").is_dir(),
            "VSM_CFN_LINT_SCHEMAS={} has no providers/ directory: {INSTALL}",
            dir.display()
        );
        return dir;
    }
    let exe = cfn_lint().unwrap_or_else(|| panic!("cfn-lint is not installed: {INSTALL}"));
    let python = python_of(&exe);
    let out = Command::new(&python)
        .args([
            "-c",
            "import cfnlint, os; print(os.path.dirname(cfnlint.__file__))",
        ])
        // The run on another day (libfaketime) moves vsm's clock, not Python's.
        .env_remove("LD_PRELOAD")
        .env_remove("FAKETIME")
        .output()
        .unwrap_or_else(|e| panic!("{} does not run ({e}): {INSTALL}", python.display()));
    assert!(
        out.status.success(),
        "{} cannot import cfnlint ({}): {INSTALL}",
        python.display(),
        String::from_utf8_lossy(&out.stderr).trim()
    );
    let package = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    Path::new(&package).join("data/schemas")
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e} ({INSTALL})", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The resource schema of the pipeline, as cfn-lint bundles it for us-east-1.
fn pipeline_schema() -> Value {
    let dir = schemas();
    let providers = read_json(&dir.join("providers/us-east-1.json"));
    let hash = providers[TYPE_NAME]
        .as_str()
        .unwrap_or_else(|| panic!("cfn-lint's providers/us-east-1.json has no {TYPE_NAME}"));
    read_json(&dir.join(format!("resources/{hash}.json")))
}

/// A schema node with its `$ref`s followed into `definitions`, and the definitions passed.
fn resolve<'a>(schema: &'a Value, mut node: &'a Value, seen: &mut Vec<String>) -> &'a Value {
    while let Some(r) = node.get("$ref").and_then(Value::as_str) {
        let name = r
            .strip_prefix("#/definitions/")
            .unwrap_or_else(|| panic!("a $ref outside definitions: {r}"));
        seen.push(name.to_owned());
        node = &schema["definitions"][name];
    }
    node
}

/// Every property path below `node`, a list's path ending in `[]`.
fn walk(schema: &Value, node: &Value, path: &str, seen: &[String], out: &mut BTreeSet<String>) {
    let Some(props) = node.get("properties").and_then(Value::as_object) else {
        return;
    };
    for (key, prop) in props {
        let mut seen = seen.to_vec();
        let mut prop = resolve(schema, prop, &mut seen);
        let mut path = format!("{path}.{key}");
        while prop.get("type").and_then(Value::as_str) == Some("array") {
            path.push_str("[]");
            prop = resolve(schema, &prop["items"], &mut seen);
        }
        out.insert(path.clone());
        // A definition inside itself would never end: its own paths are listed once.
        let looped = seen
            .last()
            .is_some_and(|d| seen[..seen.len() - 1].contains(d));
        if !looped {
            walk(schema, prop, &path, &seen, out);
        }
    }
}

/// Every property path of the pipeline resource's schema.
fn schema_paths() -> BTreeSet<String> {
    let schema = pipeline_schema();
    let mut out = BTreeSet::new();
    walk(&schema, &schema, "Properties", &[], &mut out);
    assert!(
        out.contains("Properties.Stages[].Actions[].ActionTypeId.Provider"),
        "cfn-lint's {TYPE_NAME} schema reads as no pipeline: {out:?}"
    );
    out
}

/// What is wrong between the schema's paths and the table: paths without an entry, entries
/// without a path, entries twice, parts that name nothing.
fn table_problems(schema: &BTreeSet<String>, table: &[PathModel]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut listed = BTreeSet::new();
    for entry in table {
        if !listed.insert(entry.path.as_str()) {
            problems.push(format!("{} has two entries in {TABLE}", entry.path));
        }
        if !schema.contains(&entry.path) {
            problems.push(format!(
                "{} has an entry in {TABLE}, but cfn-lint's {TYPE_NAME} schema has no such path: remove the entry",
                entry.path
            ));
        }
        if let Model::By(parts, _) = entry.model {
            for part in parts {
                if let Err(e) = part.check() {
                    problems.push(format!("{}: {e} (in {TABLE})", entry.path));
                }
            }
        }
    }
    for path in schema {
        if !listed.contains(path.as_str()) {
            let table = if path.contains(".Conditions[]") || path.contains(".OnFailure.") {
                "CONDITION or ON_FAILURE"
            } else {
                "PIPELINE"
            };
            problems.push(format!(
                "{path} is in cfn-lint's {TYPE_NAME} schema but not accounted for: add an entry to `{table}` in {TABLE}, `by([parts of the model], [rules])` or `not(\"why\")`"
            ));
        }
    }
    problems
}

/// One action type's row: its matrix row, the type, the kinds that emit it.
struct TypeRow {
    row: &'static str,
    action_type: ActionType<'static>,
    kinds: Vec<&'static KindInfo>,
}

/// Every action type of the catalogue's matrix, then those only kinds know, with the kinds
/// that emit each; a type without a matrix row is a problem.
fn type_rows(problems: &mut Vec<String>) -> Vec<TypeRow> {
    let mut types: Vec<ActionType<'static>> = other_types().collect();
    for k in KINDS {
        for t in k.types {
            if !types.iter().any(|known| known.same_type(t)) {
                types.push(*t);
            }
        }
    }
    types
        .into_iter()
        .map(|t| {
            let kinds: Vec<&'static KindInfo> = KINDS
                .iter()
                .copied()
                .filter(|k| k.types.iter().any(|kt| kt.same_type(&t)))
                .collect();
            if kinds.is_empty() && t.owner == Owner::Aws && aws_type_not_modelled(&t).is_none() {
                problems.push(format!(
                    "AWS-owned action type {t} has no kind and no reason: write its kind, or give the reason in AWS_TYPES_NOT_MODELLED in tests/it/coverage.rs"
                ));
            }
            let row = other_type(&t).map(|a| a.row).unwrap_or_else(|| {
                problems.push(format!(
                    "action type {t} of kind(s) {} has no row in the catalogue's matrix: add it to MATRIX in vsm-dsl/src/rules/artifacts.rs",
                    kinds.iter().map(|k| k.keyword).collect::<Vec<_>>().join(", ")
                ));
                "?"
            });
            TypeRow {
                row,
                action_type: t,
                kinds,
            }
        })
        .collect()
}

/// Configuration keys, the required ones in bold.
fn keys(specs: &[ConfigKeySpec]) -> String {
    if specs.is_empty() {
        return "none".to_owned();
    }
    specs
        .iter()
        .map(|s| {
            if s.required {
                format!("**`{}`**", s.key)
            } else {
                format!("`{}`", s.key)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn cell(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

/// AWS-owned action types that no kind models, by provider, and why.
const AWS_TYPES_NOT_MODELLED: &[(&str, &str)] = &[(
    "OpsWorks",
    "AWS OpsWorks Stacks reached its end of life on 26 May 2024: no stack can be created or \
     deployed to, so no kind is written for it",
)];

/// Why an AWS-owned action type has no kind.
fn aws_type_not_modelled(t: &ActionType<'_>) -> Option<&'static str> {
    AWS_TYPES_NOT_MODELLED
        .iter()
        .find(|(provider, _)| *provider == t.provider)
        .map(|(_, why)| *why)
}

/// The kinds that emit an action type and their configuration keys, as two table cells.
fn kinds_and_keys(t: &TypeRow, hatch: &KindInfo) -> String {
    if t.kinds.is_empty() {
        return match aws_type_not_modelled(&t.action_type)
            .filter(|_| t.action_type.owner == Owner::Aws)
        {
            Some(why) => format!(
                "`{}` | as given (`config`); not modelled: {}",
                hatch.keyword,
                cell(why)
            ),
            None => format!("`{}` | as given (`config`)", hatch.keyword),
        };
    }
    let kinds: Vec<String> = t.kinds.iter().map(|k| format!("`{}`", k.keyword)).collect();
    let first = t.kinds[0].config_keys;
    let config = if t.kinds.iter().all(|k| k.config_keys == first) {
        keys(first)
    } else {
        t.kinds
            .iter()
            .map(|k| format!("`{}`: {}", k.keyword, keys(k.config_keys)))
            .collect::<Vec<_>>()
            .join("; ")
    };
    format!("{} | {config}", kinds.join(", "))
}

/// The page.
fn page(table: &[PathModel], types: &[TypeRow], hatch: &KindInfo) -> String {
    let modelled: Vec<&PathModel> = table
        .iter()
        .filter(|e| matches!(e.model, Model::By(..)))
        .collect();
    let not: Vec<&PathModel> = table
        .iter()
        .filter(|e| matches!(e.model, Model::Not(_)))
        .collect();
    let by_kind = types.iter().filter(|t| !t.kinds.is_empty()).count();
    let mut out = format!(
        "# Coverage of `{TYPE_NAME}`\n\n\
         What vsm models of a pipeline, against the resource schema cfn-lint bundles for\n\
         `{TYPE_NAME}` and the action types of the rule catalogue's matrix (CP-TYPE-M).\n\
         Generated by `tests/it/coverage.rs` from that schema, from `vsm_dsl::emit::paths` (the part\n\
         of the model that writes each property path), from the registries of kinds and rule types\n\
         and from the catalogue's matrix; run it with `VSM_BLESS=1` to rewrite this page. A schema\n\
         path without an entry, or an entry for a path the schema no longer has, fails the test.\n\n\
         - {} property paths: {} written from the model, {} not modelled, each with its reason;\n\
         - {} action types: {} emitted by a kind, {} carried by `{}`.\n\n\
         A path names each property from `Properties` down, `[]` after a list.\n\n",
        table.len(),
        modelled.len(),
        not.len(),
        types.len(),
        by_kind,
        types.len() - by_kind,
        hatch.keyword,
    );
    out.push_str("## Property paths\n\n| path | written from | rules |\n|---|---|---|\n");
    for e in &modelled {
        let Model::By(parts, rules) = e.model else {
            continue;
        };
        let parts: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
        let rules: Vec<&str> = rules.iter().map(|r| r.id()).collect();
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            e.path,
            cell(&parts.join("; ")),
            rules.join(", ")
        ));
    }
    out.push_str("\n## Not modelled\n\n| path | why |\n|---|---|\n");
    for e in &not {
        if let Model::Not(why) = e.model {
            out.push_str(&format!("| `{}` | {} |\n", e.path, cell(why)));
        }
    }
    out.push_str(
        "\n## Action types\n\n\
         Every action type of the catalogue's matrix, with the kinds that emit it and the\n\
         configuration keys of each kind's action type (required ones in bold, CP-CONF-3).\n\n\
         | row | owner / category / provider | kinds | configuration keys |\n|---|---|---|---|\n",
    );
    let mut rows: Vec<(&str, String)> = types
        .iter()
        .map(|t| {
            let a = &t.action_type;
            let name = format!("{} / {} / {}", a.owner, a.category, a.provider);
            (
                t.row,
                format!("| {} | {name} | {} |\n", t.row, kinds_and_keys(t, hatch)),
            )
        })
        .collect();
    rows.push((
        CUSTOM_ARTIFACTS.row,
        format!(
            "| {} | Custom / any / a custom action type registered in the account | `{}` | as given (`config`) |\n",
            CUSTOM_ARTIFACTS.row, hatch.keyword
        ),
    ));
    // In the catalogue's order; a row's types stay in the matrix's order.
    rows.sort_by_key(|(row, _)| *row);
    for (_, line) in rows {
        out.push_str(&line);
    }
    out.push_str(&format!(
        "\nAn action type no kind emits, and any type vsm does not know, is carried by `{k}`: its\n\
         owner, category, provider, version and configuration are written exactly as given, and\n\
         importing such an action gives `{k}` back with them unchanged (the declaration's commands,\n\
         variables or timeout are not carried, and the import says so). `{k}`: {}\n",
        cell(hatch.doc),
        k = hatch.keyword,
    ));
    out.push_str(
        "\n## Rule types of stage conditions\n\n\
         | provider | rule type | properties |\n|---|---|---|\n",
    );
    for r in RULE_TYPES {
        let props: Vec<String> = r.props.iter().map(|p| format!("`{}`", p.key)).collect();
        out.push_str(&format!(
            "| {} | `{}` | {} |\n",
            r.provider,
            r.keyword,
            props.join(", ")
        ));
    }
    out
}

/// Every property path of the pipeline schema and every action type is accounted for, and
/// `docs/coverage.md` says how.
#[test]
fn coverage_page_accounts_for_every_path_and_action_type() {
    let schema = schema_paths();
    let table = pipeline_paths();
    let mut problems = table_problems(&schema, &table);
    let types = type_rows(&mut problems);
    let hatch = KINDS.iter().copied().find(|k| k.types.is_empty());
    if hatch.is_none() {
        problems.push("no kind carries any action type (a kind without fixed types)".to_owned());
    }
    assert!(
        problems.is_empty(),
        "docs/coverage.md cannot account for everything:\n{}",
        problems.join("\n")
    );
    let text = page(&table, &types, hatch.expect("checked above"));
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/coverage.md");
    if std::env::var_os("VSM_BLESS").is_some() {
        std::fs::write(path, &text).unwrap();
    } else {
        let doc = std::fs::read_to_string(path).unwrap_or_default();
        assert_eq!(
            doc, text,
            "docs/coverage.md is stale: rerun with VSM_BLESS=1"
        );
    }
}

/// The check fails on a schema path without an entry and on an entry without a path.
#[test]
fn coverage_check_names_missing_and_stale_paths() {
    let schema: BTreeSet<String> = ["Properties.Name", "Properties.NewThing"]
        .map(String::from)
        .into();
    let table: Vec<PathModel> = pipeline_paths()
        .into_iter()
        .filter(|e| e.path == "Properties.Name" || e.path == "Properties.Arn")
        .collect();
    let problems = table_problems(&schema, &table);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].starts_with("Properties.Arn has an entry in vsm-dsl/src/emit/paths.rs"));
    assert!(problems[1].starts_with("Properties.NewThing is in cfn-lint's"));
    assert!(problems[1].contains("`PIPELINE`"));
}

/// Every property path under `value` (a pipeline's properties at `path`), for the paths the
/// table knows: a list's items at the list's path, each branch of an `Fn::If` where the
/// `Fn::If` stands, a path with no entry below it (`Configuration`) as a leaf.
fn written(value: &Value, path: &str, known: &BTreeSet<&str>, out: &mut BTreeSet<String>) {
    let Value::Object(map) = value else {
        return;
    };
    if let (1, Some(Value::Array(branches))) = (map.len(), map.get("Fn::If")) {
        for branch in branches.iter().skip(1) {
            written(branch, path, known, out);
        }
        return;
    }
    // No element: the other branch of a stage or action under a condition.
    if map.len() == 1 && map.get("Ref").and_then(Value::as_str) == Some("AWS::NoValue") {
        return;
    }
    for (key, v) in map {
        let mut p = format!("{path}.{key}");
        let items: Vec<&Value> = match v {
            Value::Array(items) => {
                p.push_str("[]");
                items.iter().collect()
            }
            other => vec![other],
        };
        let below = format!("{p}.");
        if known.iter().any(|k| k.starts_with(&below)) {
            for item in items {
                written(item, &p, known, out);
            }
        }
        out.insert(p);
    }
}

/// Streams with a condition at every place, each with a rule of every field and a rule with
/// configuration (the generator makes no stage conditions).
fn condition_streams() -> Vec<vsm::ValueStream> {
    use vsm::builder::{connection, mock, rule, RetryMode, StageCondition};
    use vsm::kinds::GitProvider;
    let rules = |c: StageCondition, place: &str| {
        c.rule(
            rule::commands(format!("Smoke{place}"))
                .commands(vec!["make smoke".to_owned()])
                .inputs(["Src"])
                .region("eu-west-1")
                .role_arn("arn:aws:iam::123456789012:role/Gate"),
        )
        .rule(rule::lambda_invoke(format!("Check{place}"), "release-gate"))
    };
    let stream = |name: &str, on_failure: StageCondition| {
        vsm::ValueStream::builder(name)
            .source("Source", |s| {
                s.action(
                    connection("App", GitProvider::GitHub, "acme/app", "main").outputs(["Src"]),
                )
            })
            .stage("Build", |s| {
                s.action(mock("Step").inputs(["Src"]))
                    .before_entry(rules(StageCondition::fail(), "Entry"))
                    .on_success(rules(StageCondition::rollback(), "Success"))
                    .on_failure(on_failure)
            })
            .build()
            .unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    vec![
        stream("retry", StageCondition::retry(RetryMode::FailedActions)),
        stream("rollback", rules(StageCondition::rollback(), "Failure")),
    ]
}

/// The table agrees with the emitter: every path a generated stream's pipeline is written
/// with has an entry that says what writes it, and every path an entry says the model writes
/// is written by some generated stream.
#[test]
fn the_paths_table_matches_what_the_emitter_writes() {
    let table = pipeline_paths();
    let known: BTreeSet<&str> = table.iter().map(|e| e.path.as_str()).collect();
    let mut seen = BTreeSet::new();
    let mut emitted = 0;
    for case in crate::support::valid::sample(200, 20_261_205) {
        let Ok(stream) = vsm::ValueStream::new(case.stream) else {
            continue;
        };
        let Ok(emission) = stream.emit(&case.options) else {
            continue;
        };
        emitted += 1;
        let template = serde_json::to_value(&emission.template).unwrap();
        for resource in template["Resources"].as_object().unwrap().values() {
            if resource["Type"] == TYPE_NAME {
                written(&resource["Properties"], "Properties", &known, &mut seen);
            }
        }
    }
    assert!(
        emitted >= 100,
        "only {emitted} of 200 generated streams emitted"
    );
    // The generator makes no stage conditions: two streams hold every place and rule field.
    for stream in condition_streams() {
        let template = serde_json::to_value(
            stream
                .to_cloudformation_with(&crate::support::emit_options())
                .unwrap(),
        )
        .unwrap();
        written(
            &template["Resources"]["Pipeline"]["Properties"],
            "Properties",
            &known,
            &mut seen,
        );
    }
    let mut problems = Vec::new();
    for path in &seen {
        match table.iter().find(|e| &e.path == path) {
            None => problems.push(format!(
                "the emitter writes {path}, which has no entry in {TABLE}"
            )),
            Some(PathModel {
                model: Model::Not(_),
                ..
            }) => problems.push(format!(
                "the emitter writes {path}, which {TABLE} says vsm does not model"
            )),
            Some(_) => {}
        }
    }
    for e in &table {
        if matches!(e.model, Model::By(..)) && !seen.contains(&e.path) {
            problems.push(format!(
                "{TABLE} says the model writes {}, but no generated stream's pipeline has it",
                e.path
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The action types of a row of the catalogue's matrix (`| CP-TYPE-M-04 | AWS / Source /
/// CodeStarSourceConnection (GitHub v2, ..) | ..`): `(row, owner/category/provider)`, one per
/// category of `Build or Test`; none for a row of any category (registered custom types).
fn reference_types(line: &str) -> Vec<(String, String)> {
    let cells: Vec<&str> = line.split('|').map(str::trim).collect();
    let (Some(row), Some(name)) = (cells.get(1), cells.get(2)) else {
        return Vec::new();
    };
    let parts: Vec<&str> = name.split(" / ").collect();
    let [owner, categories, provider] = parts[..] else {
        return Vec::new();
    };
    let provider = provider.split_whitespace().next().unwrap_or("");
    categories
        .split(" or ")
        .filter(|c| *c != "any")
        .map(|c| ((*row).to_owned(), format!("{owner}/{c}/{provider}")))
        .collect()
}

/// The action types the page lists (the matrix of `vsm::rules`) are the catalogue's: the rows
/// of the shared rule catalogue's §5b and those `docs/catalogue.md` adds.
#[test]
fn the_listed_action_types_are_the_catalogues() {
    let Some(text) = crate::support::catalogue() else {
        return;
    };
    let catalogue: BTreeSet<(String, String)> = text
        .lines()
        .filter(|l| l.starts_with("| CP-TYPE-M-"))
        .flat_map(reference_types)
        .collect();
    let listed: BTreeSet<(String, String)> = other_types()
        .map(|t| {
            let row = other_type(&t).expect("a matrix type has its row").row;
            (row.to_owned(), t.to_string())
        })
        .collect();
    assert!(catalogue.len() > 25, "{catalogue:?}");
    assert_eq!(
        listed, catalogue,
        "MATRIX in vsm-dsl/src/rules/artifacts.rs and the catalogue's action types differ"
    );
}
