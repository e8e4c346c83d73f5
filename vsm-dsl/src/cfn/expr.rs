use serde::de::Error as _;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// A template value: a literal or an intrinsic function.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Expr {
    /// A literal string.
    Str(String),
    /// `{"Ref": name}`: a parameter, resource or pseudo parameter.
    Ref(String),
    /// `{"Fn::GetAtt": [resource, attribute]}`.
    GetAtt(String, String),
    /// `{"Fn::Sub": text}` with `${Name}` substitutions.
    Sub(String),
}

impl Expr {
    /// A literal.
    pub fn str(s: impl Into<String>) -> Self {
        Self::Str(s.into())
    }

    /// A `Ref`.
    pub fn reference(name: impl Into<String>) -> Self {
        Self::Ref(name.into())
    }

    /// A `GetAtt`.
    pub fn get_att(resource: impl Into<String>, attribute: impl Into<String>) -> Self {
        Self::GetAtt(resource.into(), attribute.into())
    }

    /// A `Sub`.
    pub fn sub(text: impl Into<String>) -> Self {
        Self::Sub(text.into())
    }

    /// The resources and parameters this value refers to (`Sub` names included).
    pub fn references(&self) -> Vec<&str> {
        match self {
            Self::Str(_) => Vec::new(),
            Self::Ref(n) | Self::GetAtt(n, _) => vec![n.as_str()],
            Self::Sub(text) => text
                .match_indices("${")
                .filter_map(|(i, _)| {
                    let rest = &text[i + 2..];
                    let name = &rest[..rest.find('}')?];
                    let name = name.split('.').next().unwrap_or(name);
                    (!name.starts_with("AWS::") && !name.starts_with('!')).then_some(name)
                })
                .collect(),
        }
    }
}

impl From<&str> for Expr {
    fn from(s: &str) -> Self {
        Self::Str(s.to_owned())
    }
}

impl From<String> for Expr {
    fn from(s: String) -> Self {
        Self::Str(s)
    }
}

impl Serialize for Expr {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Str(v) => s.serialize_str(v),
            Self::Ref(n) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("Ref", n)?;
                m.end()
            }
            Self::GetAtt(r, a) => {
                struct Pair<'a>(&'a str, &'a str);
                impl Serialize for Pair<'_> {
                    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                        let mut q = s.serialize_seq(Some(2))?;
                        q.serialize_element(self.0)?;
                        q.serialize_element(self.1)?;
                        q.end()
                    }
                }
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("Fn::GetAtt", &Pair(r, a))?;
                m.end()
            }
            Self::Sub(t) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("Fn::Sub", t)?;
                m.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Expr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(d)?;
        let bad = || D::Error::custom(format!("unsupported template value: {value}"));
        match &value {
            Value::String(s) => Ok(Self::Str(s.clone())),
            Value::Object(m) if m.len() == 1 => match m.iter().next() {
                Some((k, Value::String(n))) if k == "Ref" => Ok(Self::Ref(n.clone())),
                Some((k, Value::String(t))) if k == "Fn::Sub" => Ok(Self::Sub(t.clone())),
                Some((k, Value::Array(a))) if k == "Fn::GetAtt" => match a.as_slice() {
                    [Value::String(r), Value::String(at)] => {
                        Ok(Self::GetAtt(r.clone(), at.clone()))
                    }
                    _ => Err(bad()),
                },
                Some((k, Value::String(s))) if k == "Fn::GetAtt" => {
                    let (r, at) = s.split_once('.').ok_or_else(bad)?;
                    Ok(Self::GetAtt(r.to_owned(), at.to_owned()))
                }
                _ => Err(bad()),
            },
            _ => Err(bad()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Expr;

    #[test]
    fn serializes_and_parses_every_form() {
        for (expr, json) in [
            (Expr::str("x"), r#""x""#),
            (Expr::reference("Pipeline"), r#"{"Ref":"Pipeline"}"#),
            (
                Expr::get_att("Role", "Arn"),
                r#"{"Fn::GetAtt":["Role","Arn"]}"#,
            ),
            (
                Expr::sub("arn:${AWS::Partition}:s3:::${Bucket}"),
                r#"{"Fn::Sub":"arn:${AWS::Partition}:s3:::${Bucket}"}"#,
            ),
        ] {
            assert_eq!(serde_json::to_string(&expr).unwrap(), json);
            assert_eq!(serde_json::from_str::<Expr>(json).unwrap(), expr);
        }
        assert!(serde_json::from_str::<Expr>(r#"{"Fn::If":[]}"#).is_err());
    }

    #[test]
    fn lists_references() {
        assert_eq!(
            Expr::sub("${Bucket.Arn}/*:${AWS::Region}:${Key}").references(),
            vec!["Bucket", "Key"]
        );
        assert_eq!(Expr::get_att("Role", "Arn").references(), vec!["Role"]);
    }
}
