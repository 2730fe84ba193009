//! A session AWS calls expired mid-job is replaced, not fatal. The SDK neither drops a
//! credential on `ExpiredToken` nor retries it, so two hooks go on every client of a job: an
//! interceptor notes which session signed each attempt and, when AWS answers that the session
//! has expired, forgets exactly that one in the [`CredentialsCache`] (a refresh that already
//! happened is not undone by a late answer); and a retry classifier sends the call again,
//! which asks the credentials provider anew and so re-assumes the role.

use std::sync::Arc;

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeTransmitInterceptorContextRef, FinalizerInterceptorContextRef, InterceptorContext,
};
use aws_smithy_runtime_api::client::interceptors::{Intercept, SharedInterceptor};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::retries::classifiers::{
    ClassifyRetry, RetryAction, SharedRetryClassifier,
};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::{ConfigBag, Storable, StoreReplace};

use crate::cache::CredentialsCache;

/// The codes AWS answers a call signed with an ended session with: the query services and
/// S3 say `ExpiredToken`, the JSON services `ExpiredTokenException`, EC2 `RequestExpired`.
const EXPIRED_CODES: [&str; 3] = ["ExpiredToken", "ExpiredTokenException", "RequestExpired"];

/// The interceptor and the retry classifier that together replace an expired session.
#[derive(Debug, Clone)]
pub struct SessionExpiry {
    cache: Arc<CredentialsCache>,
}

impl SessionExpiry {
    pub fn new(cache: Arc<CredentialsCache>) -> Self {
        Self { cache }
    }

    pub fn interceptor(&self) -> SharedInterceptor {
        SharedInterceptor::new(ForgetExpired {
            cache: self.cache.clone(),
        })
    }

    pub fn classifier(&self) -> SharedRetryClassifier {
        SharedRetryClassifier::new(RetryExpired)
    }
}

/// The access key id that signed this attempt.
#[derive(Debug, Clone)]
struct SignedBy(String);

impl Storable for SignedBy {
    type Storer = StoreReplace<Self>;
}

#[derive(Debug)]
struct ForgetExpired {
    cache: Arc<CredentialsCache>,
}

impl Intercept for ForgetExpired {
    fn name(&self) -> &'static str {
        "ForgetExpiredSession"
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if let Some(key) = context
            .request()
            .headers()
            .get("authorization")
            .and_then(signer)
        {
            cfg.interceptor_state().store_put(SignedBy(key.to_string()));
        }
        Ok(())
    }

    fn read_after_attempt(
        &self,
        context: &FinalizerInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if context.response().is_some_and(says_expired)
            && let Some(SignedBy(key)) = cfg.load::<SignedBy>()
        {
            self.cache.expire(key);
        }
        Ok(())
    }
}

#[derive(Debug)]
struct RetryExpired;

impl ClassifyRetry for RetryExpired {
    fn classify_retry(&self, ctx: &InterceptorContext) -> RetryAction {
        if ctx.response().is_some_and(says_expired) {
            RetryAction::transient_error()
        } else {
            RetryAction::NoActionIndicated
        }
    }

    fn name(&self) -> &'static str {
        "RetryExpiredSession"
    }
}

/// `AWS4-HMAC-SHA256 Credential=KEY/date/region/service/aws4_request, ...` -> `KEY`.
fn signer(authorization: &str) -> Option<&str> {
    authorization.split("Credential=").nth(1)?.split('/').next()
}

/// Whether an error answer names one of [`EXPIRED_CODES`], in the XML (`<Code>`), JSON
/// (`__type`) or header (`x-amzn-errortype`) form the service speaks.
fn says_expired(response: &HttpResponse) -> bool {
    if response.status().is_success() {
        return false;
    }
    let header = response
        .headers()
        .get("x-amzn-errortype")
        .unwrap_or_default();
    let body = response
        .body()
        .bytes()
        .map(String::from_utf8_lossy)
        .unwrap_or_default();
    EXPIRED_CODES.iter().any(|code| {
        header.split(':').next() == Some(*code)
            || body.contains(&format!("<Code>{code}</Code>"))
            || body.contains(&format!("\"__type\":\"{code}\""))
            || body.contains(&format!("#{code}\""))
    })
}

#[cfg(test)]
mod tests {
    use aws_smithy_runtime_api::http::StatusCode;
    use aws_smithy_types::body::SdkBody;

    use super::*;

    fn answer(status: u16, body: &str) -> HttpResponse {
        HttpResponse::new(
            StatusCode::try_from(status).expect("status"),
            SdkBody::from(body.to_string()),
        )
    }

    #[test]
    fn every_protocol_s_expired_session_is_recognised_and_nothing_else() {
        for body in [
            "<ErrorResponse><Error><Code>ExpiredToken</Code></Error></ErrorResponse>",
            "<Response><Errors><Error><Code>RequestExpired</Code></Error></Errors></Response>",
            "{\"__type\":\"ExpiredTokenException\",\"message\":\"x\"}",
        ] {
            assert!(says_expired(&answer(400, body)), "{body}");
        }
        assert!(!says_expired(&answer(
            400,
            "<Error><Code>InvalidVpcID.NotFound</Code></Error>"
        )));
        assert!(!says_expired(&answer(200, "<Code>ExpiredToken</Code>")));
    }

    #[test]
    fn the_signer_is_read_from_the_credential_scope() {
        assert_eq!(
            signer(
                "AWS4-HMAC-SHA256 Credential=ASIAXYZ/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=ab"
            ),
            Some("ASIAXYZ")
        );
        assert_eq!(signer("Bearer x"), None);
    }
}
