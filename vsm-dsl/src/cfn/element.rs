//! A list element a template condition may choose: `Fn::If [cond, a, b]` in a list, with
//! `!Ref AWS::NoValue` for nothing.

use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One element of a list such as a pipeline's stages or a stage's actions.
#[derive(Debug, Clone, PartialEq)]
pub enum Element<T> {
    /// The element itself.
    Is(T),
    /// `{"Fn::If": [condition, when true, when false]}`.
    If(String, Box<Element<T>>, Box<Element<T>>),
    /// `{"Ref": "AWS::NoValue"}`: no element.
    NoValue,
}

impl<T> Element<T> {
    /// The elements it can be, in the order written.
    pub fn branches(&self) -> Vec<&T> {
        match self {
            Self::Is(t) => vec![t],
            Self::If(_, a, b) => {
                let mut all = a.branches();
                all.extend(b.branches());
                all
            }
            Self::NoValue => Vec::new(),
        }
    }
}

impl<T> From<T> for Element<T> {
    fn from(t: T) -> Self {
        Self::Is(t)
    }
}

impl<T: Serialize> Serialize for Element<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (key, mut m) = match self {
            Self::Is(t) => return t.serialize(s),
            Self::If(..) => ("Fn::If", s.serialize_map(Some(1))?),
            Self::NoValue => ("Ref", s.serialize_map(Some(1))?),
        };
        match self {
            Self::If(c, a, b) => m.serialize_entry(key, &(c, &**a, &**b))?,
            _ => m.serialize_entry(key, "AWS::NoValue")?,
        }
        m.end()
    }
}

/// The forms an element is written in; serde's untagged buffering keeps the order of an
/// element's keys (a configuration reads back in its written order).
#[derive(Deserialize)]
#[serde(untagged)]
#[serde(bound = "T: Deserialize<'de>")]
enum Form<T> {
    If(IfForm<T>),
    NoValue(NoValueForm),
    Is(T),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, bound = "T: Deserialize<'de>")]
struct IfForm<T> {
    #[serde(rename = "Fn::If")]
    args: (String, Element<T>, Element<T>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoValueForm {
    #[serde(rename = "Ref")]
    _name: NoValueName,
}

#[derive(Deserialize)]
enum NoValueName {
    #[serde(rename = "AWS::NoValue")]
    NoValue,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Element<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match Form::deserialize(d)? {
            Form::If(IfForm { args: (c, a, b) }) => Self::If(c, Box::new(a), Box::new(b)),
            Form::NoValue(_) => Self::NoValue,
            Form::Is(t) => Self::Is(t),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditional_elements_read_and_write_as_written() {
        let text = r#"[{"Fn::If":["C",{"Fn::If":["D",1,2]},{"Ref":"AWS::NoValue"}]},3]"#;
        let read: Vec<Element<u32>> = serde_json::from_str(text).unwrap();
        assert_eq!(read[1], Element::Is(3));
        assert_eq!(read[0].branches(), vec![&1, &2]);
        assert_eq!(serde_json::to_string(&read).unwrap(), text);
    }
}
