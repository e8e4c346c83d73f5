//! The docs tables of action kinds are generated from the kinds' declarations
//! (`vsm::kinds::KINDS`): run with `VSM_BLESS=1` to rewrite them.

use vsm::kinds::{KindInfo, Place, KINDS};

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

/// Every kind, between the markers of `path`; the file is rewritten with `VSM_BLESS`.
fn check_generated(path: &str, heading: &str) {
    let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let (start, end) = ("<!-- generated:start -->\n", "<!-- generated:end -->");
    let a = text.find(start).expect("start marker") + start.len();
    let b = text.find(end).expect("end marker");
    let body: Vec<String> = KINDS.iter().map(|k| kind_section(k, heading)).collect();
    let body = format!("\n{}\n", body.join("\n"));
    let expected = format!("{}{body}{}", &text[..a], &text[b..]);
    if std::env::var_os("VSM_BLESS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    assert_eq!(text, expected, "{path} is stale: rerun with VSM_BLESS=1");
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
