//! AWS Signature Version 4, recomputed from what arrived on the wire: moto checks no signature,
//! so without this nothing proves which secret signed a call. Written from AWS's description
//! (canonical request, string to sign, derived key), not with the SDK's own signer, so a bug
//! the signer and the checker shared could not hide.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// What the `Authorization` header claims: who signed, for what scope, over which headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Claim {
    pub access_key_id: String,
    /// `date/region/service/aws4_request`.
    pub scope: String,
    pub service: String,
    pub signed_headers: Vec<String>,
    pub signature: String,
}

pub(crate) fn claim(authorization: &str) -> Result<Claim, String> {
    let rest = authorization
        .strip_prefix(ALGORITHM)
        .ok_or_else(|| format!("not {ALGORITHM}: {authorization}"))?;
    let field = |name: &str| {
        rest.split(',')
            .map(str::trim)
            .find_map(|part| part.strip_prefix(name))
            .ok_or_else(|| format!("no {name} in the Authorization header"))
    };
    let credential = field("Credential=")?;
    let (access_key_id, scope) = credential
        .split_once('/')
        .ok_or_else(|| format!("a credential without a scope: {credential}"))?;
    Ok(Claim {
        access_key_id: access_key_id.to_string(),
        scope: scope.to_string(),
        service: scope.split('/').nth(2).unwrap_or_default().to_string(),
        signed_headers: field("SignedHeaders=")?
            .split(';')
            .map(str::to_string)
            .collect(),
        signature: field("Signature=")?.to_string(),
    })
}

/// The signature `secret` gives this request, as `claim` describes what was signed.
pub(crate) fn signature(
    claim: &Claim,
    secret: &str,
    parts: &hyper::http::request::Parts,
    body: &[u8],
) -> Result<String, String> {
    let header = |name: &str| -> Result<String, String> {
        let values: Vec<&str> = parts
            .headers
            .get_all(name)
            .iter()
            .map(|v| v.to_str().map_err(|_| format!("header {name} is not text")))
            .collect::<Result<_, _>>()?;
        if values.is_empty() {
            return Err(format!("the signed header {name} is missing"));
        }
        Ok(values
            .iter()
            .map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join(","))
    };
    let mut canonical_headers = String::new();
    for name in &claim.signed_headers {
        canonical_headers.push_str(&format!("{name}:{}\n", header(name)?));
    }
    let payload = match parts.headers.get("x-amz-content-sha256") {
        Some(declared) => declared
            .to_str()
            .map_err(|_| "x-amz-content-sha256 is not text".to_string())?
            .to_string(),
        None => hex::encode(Sha256::digest(body)),
    };
    let canonical_request = [
        parts.method.as_str().to_string(),
        canonical_uri(&claim.service, parts.uri.path()),
        canonical_query(parts.uri.query().unwrap_or_default()),
        canonical_headers,
        claim.signed_headers.join(";"),
        payload,
    ]
    .join("\n");
    let amz_date = header("x-amz-date")?;
    let string_to_sign = format!(
        "{ALGORITHM}\n{amz_date}\n{}\n{}",
        claim.scope,
        hex::encode(Sha256::digest(canonical_request.as_bytes()))
    );
    let mut key = format!("AWS4{secret}").into_bytes();
    for part in claim.scope.split('/') {
        key = hmac(&key, part.as_bytes());
    }
    Ok(hex::encode(hmac(&key, string_to_sign.as_bytes())))
}

fn hmac(key: &[u8], data: &[u8]) -> Vec<u8> {
    // An HMAC takes a key of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

/// S3 signs the path as sent; every other service signs it encoded once more.
fn canonical_uri(service: &str, path: &str) -> String {
    let path = if path.is_empty() { "/" } else { path };
    if service == "s3" {
        path.to_string()
    } else {
        encode(path, false)
    }
}

fn canonical_query(query: &str) -> String {
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (encode(&decode(k), true), encode(&decode(v), true))
        })
        .collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex_pair = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex_pair) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// SigV4's URI encoding: every byte but the unreserved ones as `%XX`; `/` kept in a path.
fn encode(text: &str, slash_too: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(byte));
            }
            b'/' if !slash_too => out.push('/'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// AWS's worked example ("Create a canonical request for Signature Version 4", IAM
    /// ListUsers): the published signature for the published secret.
    #[test]
    fn the_documented_example_signs_as_aws_says() {
        let request = hyper::Request::get("/?Action=ListUsers&Version=2010-05-08")
            .header("host", "iam.amazonaws.com")
            .header(
                "content-type",
                "application/x-www-form-urlencoded; charset=utf-8",
            )
            .header("x-amz-date", "20150830T123600Z")
            .body(())
            .unwrap_or_default();
        let (parts, ()) = request.into_parts();
        let claim = claim(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
        )
        .expect("a well-formed header");
        assert_eq!(claim.service, "iam");
        let right = signature(
            &claim,
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            &parts,
            b"",
        )
        .expect("signable");
        assert_eq!(right, claim.signature);
        let wrong = signature(
            &claim,
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEz",
            &parts,
            b"",
        )
        .expect("signable");
        assert_ne!(wrong, claim.signature);
    }

    #[test]
    fn queries_are_sorted_and_encoded_once() {
        assert_eq!(
            canonical_query("tagging&b=x%2By&a=sp%20ace"),
            "a=sp%20ace&b=x%2By&tagging="
        );
        assert_eq!(canonical_uri("ec2", "/a%20b"), "/a%2520b");
        assert_eq!(canonical_uri("s3", "/a%20b"), "/a%20b");
    }
}
