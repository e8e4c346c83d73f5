//! Lowering the pipeline header: its name and settings, each read through its declaration
//! (`vsm_dsl::model::Settings::PROPS`), so no setting is known here by name.

use vsm_dsl::model::Settings;

use super::values::{items, prop_value, unknown};
use super::{PipelineSpans, Seen, SettingSpans};
use crate::ast::{Errors, PipelineAst, Prop};
use vsm_dsl::model::props::PropType;

/// The settings of a `pipeline` header, and where each was written.
pub(super) fn pipeline(header: &PipelineAst, errors: &mut Errors) -> (Settings, PipelineSpans) {
    let mut settings = Settings::default();
    let mut spans = PipelineSpans::new(header.name.sp);
    let mut seen = Seen::default();
    for p in &header.props {
        let result = seen
            .once(p)
            .and_then(|()| setting(p, &mut settings, &mut spans));
        if let Err(e) = result {
            errors.push(e);
            spans.tainted = true;
        }
    }
    (settings, spans)
}

fn setting(p: &Prop, s: &mut Settings, spans: &mut PipelineSpans) -> Result<(), syn::Error> {
    let Some(info) = Settings::prop(&p.key.value) else {
        let keys: Vec<&str> = Settings::PROPS.iter().map(|p| p.key).collect();
        return Err(unknown(&p.key, "pipeline setting", &keys));
    };
    let value = prop_value(info.ty, &p.value, info.key)?;
    s.set(info.key, value)
        .map_err(|e| p.value.sp().error(format!("`{}`: {e}", info.key)))?;
    let listed = matches!(
        info.ty,
        PropType::Records(_) | PropType::TextList | PropType::ChoiceList(_)
    );
    spans.settings.push(SettingSpans {
        key: info.key,
        value: p.value.sp(),
        items: if listed {
            items(&p.value).into_iter().map(|v| v.sp()).collect()
        } else {
            Vec::new()
        },
    });
    Ok(())
}
