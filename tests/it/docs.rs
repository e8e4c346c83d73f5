//! The docs tables of action kinds are generated from the kinds' declarations
//! (`vsm::kinds::KINDS`): run with `VSM_BLESS=1` to rewrite them.

use std::collections::BTreeSet;

use vsm::kinds::{KindInfo, Place, PropInfo, PropType, Record, KINDS};
use vsm::model::Settings;

/// A doc comment on one line.
fn words(doc: &str) -> String {
    doc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One kind's section: what it is, where it goes, its builder constructor and its properties.
fn kind_section(k: &KindInfo, heading: &str) -> String {
    let place = match k.place {
        Place::Source => "source stage only",
        Place::Step => "stages after the source stage",
        Place::Any => "any stage (its category decides)",
    };
    let args: Vec<&str> = std::iter::once("name")
        .chain(k.required_props().map(|p| p.key))
        .collect();
    let types: Vec<String> = k.types.iter().map(|t| format!("`{t}`")).collect();
    let mut out = format!(
        "{heading} `{}`\n\n{}\n\n- where: {place}\n- builder: `{}({})`\n",
        k.keyword,
        words(k.doc),
        k.keyword,
        args.join(", ")
    );
    if !types.is_empty() {
        out.push_str(&format!("- action type: {}\n", types.join(", ")));
    }
    if k.v2_only {
        out.push_str("- V2 pipelines only (CP-V2-7)\n");
    }
    if k.props.is_empty() {
        out.push_str("\nNo properties of its own.\n");
        return out;
    }
    out.push_str("\n| property | value | required | meaning |\n|---|---|---|---|\n");
    for p in k.props {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            p.key,
            p.ty.describe(),
            if p.required { "yes" } else { "" },
            words(p.doc).replace('|', "\\|")
        ));
    }
    out
}

/// `body` between the `<!-- {marker}:start -->` and `<!-- {marker}:end -->` lines of `path`;
/// the file is rewritten with `VSM_BLESS`.
fn check_between(path: &str, marker: &str, body: &str) {
    let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let (start, end) = (
        format!("<!-- {marker}:start -->\n"),
        format!("<!-- {marker}:end -->"),
    );
    let a = text.find(&start).expect("start marker") + start.len();
    let b = text.find(&end).expect("end marker");
    let expected = format!("{}{body}{}", &text[..a], &text[b..]);
    if std::env::var_os("VSM_BLESS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    assert_eq!(text, expected, "{path} is stale: rerun with VSM_BLESS=1");
}

/// Every kind, between the markers of `path`.
fn check_generated(path: &str, heading: &str) {
    let body: Vec<String> = KINDS.iter().map(|k| kind_section(k, heading)).collect();
    check_between(path, "generated", &format!("\n{}\n", body.join("\n")));
}

/// How the `stream!` macro writes a value of a type: records in their short forms.
fn macro_value(ty: PropType) -> String {
    match ty {
        PropType::Records(r) => format!("a list of {}", macro_record(r)),
        PropType::Record(r) => macro_record(r),
        PropType::Parsed(p) => format!("{}, such as `\"{}\"`", p.what, p.example),
        other => other.describe(),
    }
}

/// A record's forms, and its list fields' records.
fn macro_record(r: &Record) -> String {
    let fields: Vec<String> = r.fields.iter().map(|f| format!("{}: ..", f.key)).collect();
    let mut forms = Vec::new();
    if let Some(short) = r.short {
        forms.push("`Name`".to_owned());
        if let Some(assign) = short.assign {
            forms.push(format!("`Name = {assign}`"));
        }
        let rest: Vec<&String> = fields
            .iter()
            .filter(|f| !f.starts_with(&format!("{}:", short.key)))
            .collect();
        forms.push(format!(
            "`Name {{ {} }}`",
            rest.iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    } else {
        forms.push(format!("`{{ {} }}`", fields.join(", ")));
    }
    let mut out = forms.join(", ");
    for f in r.fields {
        if let PropType::Records(inner) = f.ty {
            out.push_str(&format!(
                "; `{}`: {}",
                f.key,
                macro_value(PropType::Records(inner))
            ));
        }
    }
    out
}

/// The settings table: key, value as the front end writes it, meaning.
fn settings_table(value: fn(PropType) -> String) -> String {
    let mut out = "\n| key | value | meaning |\n|---|---|---|\n".to_owned();
    for p in Settings::PROPS {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            p.key,
            value(p.ty),
            words(p.doc).replace('|', "\\|")
        ));
    }
    out.push('\n');
    out
}

#[test]
fn stream_macro_settings_are_up_to_date() {
    check_between(
        "docs/stream-macro.md",
        "settings",
        &settings_table(macro_value),
    );
}

#[test]
fn json_form_settings_are_up_to_date() {
    check_between(
        "docs/json-form.md",
        "settings",
        &settings_table(PropType::describe),
    );
}

/// Every key of the JSON form, with the records' fields.
fn keys(props: &[PropInfo], out: &mut BTreeSet<String>) {
    for p in props {
        out.insert(p.key.to_owned());
        if let PropType::Records(r) | PropType::Record(r) = p.ty {
            keys(r.fields, out);
        }
    }
}

/// Every word a choice of these properties takes.
fn choice_words(props: &[PropInfo], out: &mut BTreeSet<String>) {
    for p in props {
        match p.ty {
            PropType::Choice(c) | PropType::ChoiceList(c) => {
                out.extend(c.options.iter().map(|(w, _)| (*w).to_owned()));
            }
            PropType::Records(r) | PropType::Record(r) => choice_words(r.fields, out),
            _ => {}
        }
    }
}

/// The fuzz dictionary of the JSON form holds every key, kind keyword and choice word the
/// declarations give (a new kind, property or setting shows up as a failing test).
#[test]
fn the_json_form_fuzz_dictionary_knows_every_word() {
    let mut keys_ = BTreeSet::new();
    let mut values = BTreeSet::new();
    keys(Settings::PROPS, &mut keys_);
    choice_words(Settings::PROPS, &mut values);
    for k in KINDS {
        keys(k.props, &mut keys_);
        choice_words(k.props, &mut values);
        values.insert(k.keyword.to_owned());
    }
    let path = format!("{}/fuzz/dicts/json_form.dict", env!("CARGO_MANIFEST_DIR"));
    let dict = std::fs::read_to_string(path).unwrap();
    let missing: Vec<String> = keys_
        .iter()
        .map(|k| format!("\"\\\"{k}\\\":\""))
        .chain(values.iter().map(|v| format!("\"\\\"{v}\\\"\"")))
        .filter(|line| !dict.lines().any(|l| l == line))
        .collect();
    assert!(
        missing.is_empty(),
        "fuzz/dicts/json_form.dict lacks:\n{}",
        missing.join("\n")
    );
}

#[test]
fn json_form_kinds_are_up_to_date() {
    check_generated("docs/json-form.md", "###");
}

#[test]
fn stream_macro_kinds_are_up_to_date() {
    check_generated("docs/stream-macro.md", "###");
}

#[test]
fn every_kind_is_documented_with_every_property() {
    for k in KINDS {
        assert!(!k.summary().is_empty(), "{} has no doc", k.keyword);
        for p in k.props {
            assert!(
                !p.summary().is_empty(),
                "{}.{} has no doc",
                k.keyword,
                p.key
            );
        }
    }
}

/// The README's list of kinds: each keyword with the first sentence of its doc.
#[test]
fn readme_lists_every_kind() {
    let lines: Vec<String> = KINDS
        .iter()
        .map(|k| {
            let doc = words(k.doc);
            let first = doc.split(". ").next().unwrap_or("").trim_end_matches('.');
            format!("  - `{}`: {first}.", k.keyword)
        })
        .collect();
    check_between("README.md", "kinds", &format!("{}\n", lines.join("\n")));
}

/// The stage settings and every rule type of their conditions: keys, values and meanings, as
/// the front end writes them.
fn conditions_section(value: fn(PropType) -> String) -> String {
    use vsm::conditions::{RULE_KEYS, RULE_TYPES};
    use vsm::model::StageSettings;
    let mut out = "\n| stage setting | meaning |\n|---|---|\n".to_owned();
    for s in StageSettings::PROPS {
        out.push_str(&format!("| `{}` | {} |\n", s.key, words(s.doc)));
    }
    out.push_str(&format!(
        "\nEvery rule also takes {}.\n",
        RULE_KEYS
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    for r in RULE_TYPES {
        out.push_str(&format!(
            "\n#### `{}`\n\n{} Provider `{}`.\n",
            r.keyword,
            words(r.doc),
            r.provider
        ));
        if r.props.is_empty() {
            continue;
        }
        out.push_str("\n| property | value | required | meaning |\n|---|---|---|---|\n");
        for p in r.props {
            out.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                p.key,
                value(p.ty),
                if p.required { "yes" } else { "" },
                words(p.doc).replace('|', "\\|")
            ));
        }
    }
    out.push('\n');
    out
}

#[test]
fn stream_macro_conditions_are_up_to_date() {
    check_between(
        "docs/stream-macro.md",
        "conditions",
        &conditions_section(macro_value),
    );
}

#[test]
fn json_form_conditions_are_up_to_date() {
    check_between(
        "docs/json-form.md",
        "conditions",
        &conditions_section(PropType::describe),
    );
}
