//! A certificate in the emulator's ACM, for an HTTPS listener to present: moto refuses a
//! listener whose certificate ACM does not hold, as AWS does.

use crate::sdk_config;

/// Requests a certificate for `domain` from the emulator at `endpoint` and returns its ARN.
pub async fn certificate(endpoint: &str, domain: &str) -> String {
    aws_sdk_acm::Client::new(&sdk_config(endpoint))
        .request_certificate()
        .domain_name(domain)
        .send()
        .await
        .unwrap_or_else(|e| panic!("RequestCertificate {domain}: {e}"))
        .certificate_arn()
        .expect("a certificate ARN")
        .to_string()
}
