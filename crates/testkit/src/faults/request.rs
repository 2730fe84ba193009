//! One request as the fault rules see it, and the small readers of AWS's XML answers they share.

pub(crate) struct Request {
    pub service: String,
    pub action: String,
    pub params: Vec<(String, String)>,
    /// The path and query, for the REST protocols (S3) whose action is in them.
    pub path: String,
    /// The body of a JSON-protocol request (ECS), `Null` otherwise.
    pub json: serde_json::Value,
}

impl Request {
    pub(crate) fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn values_starting(&self, prefix: &str) -> impl Iterator<Item = &str> {
        self.params
            .iter()
            .filter(move |(k, _)| k.starts_with(prefix))
            .map(|(_, v)| v.as_str())
    }

    /// An EC2 query request, for the rules' unit tests.
    #[cfg(test)]
    pub(crate) fn ec2(action: &str, params: &[(&str, &str)]) -> Self {
        Self {
            service: "ec2".into(),
            action: action.into(),
            params: params
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            path: "/".into(),
            json: serde_json::Value::Null,
        }
    }
}

/// Every `prefix` followed by at least eight lowercase hex digits, as a whole token.
pub(crate) fn ids_in(text: &str, prefix: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(pos) = rest.find(prefix) {
        let start = offset + pos;
        let before_ok = start == 0 || !text.as_bytes()[start - 1].is_ascii_alphanumeric();
        let tail = &text[start + prefix.len()..];
        let hex: String = tail
            .chars()
            .take_while(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
            .collect();
        if before_ok && hex.len() >= 8 {
            let id = format!("{prefix}{hex}");
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        offset = start + prefix.len();
        rest = &text[offset..];
    }
    ids
}

/// The trimmed text between the first `open` and the `close` after it.
pub(crate) fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    let len = text[start..].find(close)?;
    Some(text[start..start + len].trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_whole_ids_only() {
        let text = "<vpcId>vpc-0a1b2c3d4e5f</vpcId> xvpc-12345678 vpc-123 <x>vpc-0a1b2c3d4e5f</x>";
        assert_eq!(ids_in(text, "vpc-"), ["vpc-0a1b2c3d4e5f"]);
    }
}
