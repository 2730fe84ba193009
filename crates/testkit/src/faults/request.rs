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
    /// The service from the SigV4 credential scope, the action from the form body (query
    /// protocols) or the `X-Amz-Target` header (JSON protocols).
    pub(crate) fn from_http(parts: &hyper::http::request::Parts, body: &[u8]) -> Self {
        let auth = parts
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let service = auth
            .split("Credential=")
            .nth(1)
            .and_then(|scope| scope.split('/').nth(3))
            .unwrap_or("s3")
            .to_string();
        let form = parts
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
        let params: Vec<(String, String)> = if form {
            form_urlencoded::parse(body)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect()
        } else {
            json_params(body)
        };
        let action = params
            .iter()
            .find(|(k, _)| k == "Action")
            .map(|(_, v)| v.clone())
            .or_else(|| {
                parts
                    .headers
                    .get("x-amz-target")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|t| t.rsplit('.').next())
                    .map(str::to_string)
            })
            .unwrap_or_else(|| format!("{} {}", parts.method, parts.uri.path()));
        let json = parts
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .filter(|ct| ct.starts_with("application/x-amz-json"))
            .and_then(|_| serde_json::from_slice(body).ok())
            .unwrap_or_default();
        Self {
            service,
            action,
            params,
            json,
            path: parts
                .uri
                .path_and_query()
                .map_or("/", |p| p.as_str())
                .to_string(),
        }
    }

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

/// A JSON-protocol body's top-level scalars (`{"Name": "/aws/service/..."}` of SSM's
/// GetParameter), so a test reads them as it reads a query form's.
fn json_params(body: &[u8]) -> Vec<(String, String)> {
    let Ok(serde_json::Value::Object(fields)) = serde_json::from_slice(body) else {
        return Vec::new();
    };
    fields
        .into_iter()
        .filter_map(|(k, v)| match v {
            serde_json::Value::String(s) => Some((k, s)),
            serde_json::Value::Number(n) => Some((k, n.to_string())),
            serde_json::Value::Bool(b) => Some((k, b.to_string())),
            _ => None,
        })
        .collect()
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
