use std::collections::BTreeMap;

use serde::Serialize;

/// A property value as the create call will receive it; JSON-shaped so it crosses IPC as is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(untagged)]
pub enum Prop {
    Bool(bool),
    Int(#[cfg_attr(feature = "ts", ts(type = "number"))] i64),
    Str(String),
    List(Vec<Prop>),
    Map(BTreeMap<String, Prop>),
}

impl Prop {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Prop::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_int(&self) -> Option<i64> {
        match self {
            Prop::Int(i) => Some(*i),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Prop::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_list(&self) -> &[Prop] {
        match self {
            Prop::List(l) => l,
            _ => &[],
        }
    }

    pub fn map<K: Into<String>, V: Into<Prop>>(entries: impl IntoIterator<Item = (K, V)>) -> Prop {
        Prop::Map(
            entries
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        )
    }
}

impl From<bool> for Prop {
    fn from(v: bool) -> Self {
        Prop::Bool(v)
    }
}

impl From<i64> for Prop {
    fn from(v: i64) -> Self {
        Prop::Int(v)
    }
}

impl From<&str> for Prop {
    fn from(v: &str) -> Self {
        Prop::Str(v.to_string())
    }
}

impl From<String> for Prop {
    fn from(v: String) -> Self {
        Prop::Str(v)
    }
}

impl From<&String> for Prop {
    fn from(v: &String) -> Self {
        Prop::Str(v.clone())
    }
}

impl<T: Into<Prop>> From<Vec<T>> for Prop {
    fn from(v: Vec<T>) -> Self {
        Prop::List(v.into_iter().map(Into::into).collect())
    }
}

impl<T: Into<Prop> + Clone> From<&[T]> for Prop {
    fn from(v: &[T]) -> Self {
        Prop::List(v.iter().cloned().map(Into::into).collect())
    }
}

impl From<BTreeMap<String, Prop>> for Prop {
    fn from(v: BTreeMap<String, Prop>) -> Self {
        Prop::Map(v)
    }
}
