//! synth, validate, diff, render and report: everything that needs no AWS account.

use std::io::Write;
use std::path::Path;

use super::input::{self, read_document, read_stream, read_stream_checked};
use super::{
    DiffArgs, DiffFormat, Failure, PictureFormat, RenderArgs, ReportArgs, ReportFormat, Result,
    Source, Streams, SynthArgs, TemplateFormat,
};
use crate::analysis::{analyze, compare, comparison_text, text_report, ComparisonJson, StreamJson};
use crate::cfn::Template;
use crate::diff::diff_templates;
use crate::rules::INLINE_TEMPLATE_LIMIT;
use crate::{ValueStream, Violation};

/// Writes `text` to `output`, or to standard output; a closed pipe (`| head`) is not an error.
pub(crate) fn emit(text: &str, output: Option<&Path>) -> Result<()> {
    match output {
        Some(path) => std::fs::write(path, text).map_err(|e| {
            Failure::trouble(format!(
                "cannot write {}: {}",
                path.display(),
                input::lower(&e)
            ))
        }),
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure::trouble(
                    format!("cannot write to standard output: {}", input::lower(&e)),
                )),
                _ => Ok(()),
            }
        }
    }
}

/// The day `SOURCE_DATE_EPOCH` names (seconds since 1970, as reproducible builds set it), if
/// it is set.
pub(crate) fn source_date() -> Result<Option<crate::time::Date>> {
    let Some(text) = std::env::var_os("SOURCE_DATE_EPOCH") else {
        return Ok(None);
    };
    let text = text.to_string_lossy();
    let secs: i64 = text.trim().parse().map_err(|_| {
        Failure::trouble(format!(
            "SOURCE_DATE_EPOCH={text:?} is not a whole number of seconds since 1970; \
             set it to one (date +%s) or unset it"
        ))
    })?;
    Ok(Some(crate::time::Date::from_days(secs.div_euclid(86_400))))
}

/// Flushes standard output before an error goes to standard error.
pub(crate) fn flush_stdout() {
    let _ = std::io::stdout().flush();
}

/// The template as YAML.
pub(crate) fn to_yaml(template: &Template) -> Result<String> {
    serde_saphyr::to_string(template)
        .map_err(|e| Failure::trouble(format!("cannot write the template as YAML: {e}")))
}

fn print_warnings(warnings: &[Violation]) {
    for w in warnings {
        eprintln!("{w}");
    }
}

pub(crate) fn synth(streams: &Streams, args: &SynthArgs) -> Result<u8> {
    if args.compact && args.format == TemplateFormat::Yaml {
        return Err(Failure::trouble(
            "--compact applies to JSON; leave it out with --format yaml",
        ));
    }
    let stream = streams.stream()?;
    let emission = match stream.emit(&streams.emit_options()?) {
        Ok(emission) => emission,
        Err(errors) => {
            print_warnings(errors.violations());
            return Err(Failure::no(
                "the template breaks the rules checked at emission (listed above)",
            ));
        }
    };
    let body = |template: &Template| -> Result<String> {
        Ok(match args.format {
            TemplateFormat::Json if args.compact => template.to_json_compact() + "\n",
            TemplateFormat::Json => template.to_json_pretty(),
            TemplateFormat::Yaml => to_yaml(template)?,
        })
    };
    print_warnings(stream.warnings());
    print_warnings(&emission.warnings);
    if args.all {
        let dir = args.output.as_deref().expect("clap requires -o with --all");
        std::fs::create_dir_all(dir).map_err(|e| {
            Failure::trouble(format!(
                "cannot create {}: {}",
                dir.display(),
                input::lower(&e)
            ))
        })?;
        let ext = match args.format {
            TemplateFormat::Json => "json",
            TemplateFormat::Yaml => "yaml",
        };
        for c in &emission.companions {
            emit(
                &body(&c.template)?,
                Some(&dir.join(format!("{}.{ext}", c.name))),
            )?;
        }
        emit(
            &body(&emission.template)?,
            Some(&dir.join(format!("pipeline.{ext}"))),
        )?;
        let manifest = manifest(&stream, &emission, ext);
        emit(
            &(serde_json::to_string_pretty(&manifest).expect("JSON") + "\n"),
            Some(&dir.join("manifest.json")),
        )?;
        return Ok(0);
    }
    if !emission.companions.is_empty() {
        eprintln!(
            "note: the pipeline needs {} more template(s), in other accounts or Regions, deployed before it: `synth --all -o DIR` writes them all",
            emission.companions.len()
        );
    }
    emit(&body(&emission.template)?, args.output.as_deref())?;
    Ok(0)
}

/// The templates of a stream in the order they deploy: each with its file, stack name,
/// account and Region, what it creates, and the parameters nothing fills.
pub(crate) fn manifest(
    stream: &ValueStream,
    emission: &crate::emit::Emission,
    ext: &str,
) -> serde_json::Value {
    let mut templates: Vec<serde_json::Value> = emission
        .companions
        .iter()
        .map(|c| {
            serde_json::json!({
                "file": format!("{}.{ext}", c.name),
                "stack": companion_stack(&stream.name.display(), &c.name),
                "account": c.account,
                "region": c.region,
                "purpose": c.purpose,
                "parameters": c.parameters.iter().map(|(k, v)| serde_json::json!({"name": k, "description": v})).collect::<Vec<_>>(),
            })
        })
        .collect();
    let parameters: Vec<serde_json::Value> = emission
        .template
        .parameters
        .iter()
        .filter(|(_, p)| p.default.is_none())
        .map(|(k, p)| serde_json::json!({"name": k, "description": p.description}))
        .collect();
    templates.push(serde_json::json!({
        "file": format!("pipeline.{ext}"),
        "stack": stream.name,
        "account": stream.settings.account,
        "region": stream.settings.region,
        "purpose": format!("pipeline {}", stream.name),
        "parameters": parameters,
    }));
    serde_json::json!({
        "stream": stream.name,
        "deploy_in_order": templates,
    })
}

/// The stack of a companion template: `<pipeline>-<name>`.
pub(crate) fn companion_stack(pipeline: &str, companion: &str) -> String {
    let name: String = format!("{pipeline}-{companion}")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    name.chars().take(128).collect()
}

pub(crate) fn validate(streams: &Streams) -> Result<u8> {
    let stream = match (&streams.source, &streams.file) {
        (Source::File, Some(path)) => match read_stream_checked(path)? {
            Ok(stream) => stream,
            Err(errors) => {
                emit(&format!("{}: {errors}", path.display()), None)?;
                return Ok(1);
            }
        },
        _ => streams.stream()?,
    };
    let (template, checks) = match stream.emit(&streams.emit_options()?) {
        Ok(emission) => (emission.template, emission.warnings),
        Err(errors) => {
            let mut out = String::new();
            for v in stream.warnings().iter().chain(errors.violations()) {
                out.push_str(&format!("\n{v}\n"));
            }
            let count = errors.errors().count();
            let warnings = stream.warnings().len() + errors.len() - count;
            out.push_str(&format!(
                "\ninvalid: {count} error(s), {warnings} warning(s)\n"
            ));
            emit(&out, None)?;
            return Ok(1);
        }
    };
    let pretty = template.to_json_pretty().len();
    let compact = template.to_json_compact().len();
    let actions: usize = stream.stages.iter().map(|s| s.actions.len()).sum();
    let mut out = format!(
        "stream {}: {} stages, {actions} actions, no rule broken\n\
         template: {}, {}, {}; {} bytes as pretty JSON, {} compact\n",
        stream.name,
        stream.stages.len(),
        count(template.resources.len(), "resource"),
        count(template.parameters.len(), "parameter"),
        count(template.outputs.len(), "output"),
        thousands(pretty),
        thousands(compact),
    );
    if pretty > INLINE_TEMPLATE_LIMIT && compact <= INLINE_TEMPLATE_LIMIT {
        out.push_str(&format!(
            "note: deploy sends compact JSON: pretty JSON is over the {} bytes CloudFormation takes inline\n",
            thousands(INLINE_TEMPLATE_LIMIT)
        ));
    }
    for v in stream.warnings().iter().chain(&checks) {
        out.push_str(&format!("\n{v}\n"));
    }
    let errors = checks.iter().filter(|v| v.is_error()).count();
    let warnings = stream.warnings().len() + checks.len() - errors;
    out.push_str(&format!(
        "\n{}: {errors} error(s), {warnings} warning(s)\n",
        if errors == 0 { "valid" } else { "invalid" }
    ));
    emit(&out, None)?;
    Ok(if errors == 0 { 0 } else { 1 })
}

/// `1 resource`, `2 resources`.
fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// `12345` → `12,345`.
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub(crate) fn diff(streams: &Streams, args: &DiffArgs) -> Result<u8> {
    let old = read_document(&args.old)?.template;
    let new = match &args.new {
        Some(path) => read_document(path)?.template,
        None => streams
            .stream()?
            .to_cloudformation_with(&streams.emit_options()?)
            .map_err(|e| Failure::no(e.to_string()))?,
    };
    let diff = diff_templates(&old, &new);
    let text = match args.format {
        DiffFormat::Text => diff.to_text(),
        DiffFormat::Markdown => diff.to_markdown(),
    };
    emit(&text, None)?;
    Ok(if diff.is_empty() { 0 } else { 1 })
}

pub(crate) fn render(stream: &ValueStream, args: &RenderArgs) -> Result<u8> {
    let picture = match args.format {
        PictureFormat::Mermaid => crate::render::mermaid(stream),
        PictureFormat::Dot => crate::render::dot(stream),
        PictureFormat::Svg => crate::render::svg(stream),
        PictureFormat::Html => crate::page::stream_page(&analyze(stream)),
    };
    emit(&picture, args.output.as_deref())?;
    Ok(0)
}

pub(crate) fn report(streams: &Streams, args: &ReportArgs) -> Result<u8> {
    let stream = streams.stream()?;
    let future = match &args.compare {
        Some(path) => Some(read_stream(path)?),
        None => streams.future(),
    };
    let format = if args.json {
        ReportFormat::Json
    } else {
        args.format
    };
    let text = match (future, format) {
        (None, ReportFormat::Text) => text_report(&analyze(&stream)),
        (None, ReportFormat::Json) => StreamJson::new(&analyze(&stream)).to_string_pretty() + "\n",
        (None, ReportFormat::Html) => crate::page::stream_page(&analyze(&stream)),
        (Some(future), ReportFormat::Text) => comparison_text(&compare(&stream, &future)),
        (Some(future), ReportFormat::Json) => {
            ComparisonJson::new(&compare(&stream, &future)).to_string_pretty() + "\n"
        }
        (Some(future), ReportFormat::Html) => {
            crate::page::comparison_page(&compare(&stream, &future))
        }
    };
    emit(&text, args.output.as_deref())?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(51_200), "51,200");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}
