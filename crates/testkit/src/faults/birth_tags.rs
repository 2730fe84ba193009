//! AWS tags a general purpose bucket at birth: the `Tags` of a CreateBucket's configuration
//! are on the bucket the moment it exists, in the same call. moto drops them, so a client that
//! dies between CreateBucket and its PutBucketTagging leaves, in moto only, an untagged bucket
//! that no resume may call its own. The proxy gives moto those tags before it answers.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::Request as HttpRequest;
use hyper::http::request::Parts;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;

use super::buckets;
use super::request::Request;

/// The PutBucketTagging document that carries a CreateBucket's `Tags`, if it has any.
pub(crate) fn tagging_of(req: &Request, body: &[u8]) -> Option<String> {
    if !buckets::is_create_bucket(req) {
        return None;
    }
    let body = std::str::from_utf8(body).ok()?;
    let start = body.find("<Tags>")? + "<Tags>".len();
    let end = start + body[start..].find("</Tags>")?;
    let tags = body[start..end].trim();
    (!tags.is_empty()).then(|| format!("<Tagging><TagSet>{tags}</TagSet></Tagging>"))
}

/// Puts `tagging` on the bucket at the emulator, signed as the CreateBucket was (moto tells
/// accounts apart by the access key in it).
pub(crate) async fn apply(
    client: &Client<HttpConnector, Full<Bytes>>,
    upstream: std::net::SocketAddr,
    create: &Parts,
    req: &Request,
    tagging: String,
) -> Result<(), String> {
    let bucket = buckets::bucket_of(req).ok_or("CreateBucket names no bucket")?;
    let mut put = HttpRequest::builder()
        .method("PUT")
        .uri(format!("http://{upstream}/{bucket}?tagging"))
        .header("content-type", "application/xml");
    for name in [
        "authorization",
        "x-amz-date",
        "x-amz-security-token",
        "host",
    ] {
        if let Some(value) = create.headers.get(name) {
            put = put.header(name, value);
        }
    }
    let put = put
        .body(Full::new(Bytes::from(tagging)))
        .map_err(|e| e.to_string())?;
    let answer = client.request(put).await.map_err(|e| e.to_string())?;
    let status = answer.status();
    if status.is_success() {
        return Ok(());
    }
    let body = answer
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    Err(format!(
        "tagging bucket '{bucket}' at birth failed with {status}: {}",
        String::from_utf8_lossy(&body)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(path: &str) -> Request {
        Request {
            service: "s3".into(),
            action: format!("PUT {}", path.split('?').next().unwrap_or(path)),
            params: Vec::new(),
            path: path.into(),
            json: serde_json::Value::Null,
        }
    }

    #[test]
    fn a_create_with_tags_gives_their_tag_set_and_nothing_else_does() {
        let body = br#"<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LocationConstraint>eu-west-2</LocationConstraint><Tags><Tag><Key>hangar:env</Key><Value>dev</Value></Tag></Tags></CreateBucketConfiguration>"#;
        assert_eq!(
            tagging_of(&put("/b?x-id=CreateBucket"), body).as_deref(),
            Some(
                "<Tagging><TagSet><Tag><Key>hangar:env</Key><Value>dev</Value></Tag></TagSet></Tagging>"
            )
        );
        assert_eq!(tagging_of(&put("/b?tagging"), body), None, "not a create");
        let bare = b"<CreateBucketConfiguration><LocationConstraint>eu-west-2</LocationConstraint></CreateBucketConfiguration>";
        assert_eq!(tagging_of(&put("/b"), bare), None, "no tags");
        assert_eq!(tagging_of(&put("/b"), b""), None, "no body");
    }
}
