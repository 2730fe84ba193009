use std::time::Duration;

use aws_config::SdkConfig;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_smithy_runtime_api::client::interceptors::SharedInterceptor;
use aws_smithy_runtime_api::client::retries::classifiers::SharedRetryClassifier;

/// What every client of a job carries beyond the `SdkConfig`, which has no place for it: the
/// credentials' interceptors and retry classifiers (an expired session replaced and the call
/// sent again, say).
#[derive(Clone, Debug, Default)]
pub struct ClientHooks {
    pub interceptors: Vec<SharedInterceptor>,
    pub retry_classifiers: Vec<SharedRetryClassifier>,
}

/// A service's config from the shared one, with the hooks on.
macro_rules! conf {
    ($sdk:ident, $config:expr, $hooks:expr) => {{
        let mut builder = $sdk::config::Builder::from($config);
        for interceptor in &$hooks.interceptors {
            builder.push_interceptor(interceptor.clone());
        }
        for classifier in &$hooks.retry_classifiers {
            builder.push_retry_classifier(classifier.clone());
        }
        builder
    }};
}

/// One client per service, all from the same configuration (credentials, region, endpoint).
#[derive(Clone, Debug)]
pub struct Clients {
    pub ec2: aws_sdk_ec2::Client,
    /// EC2 with the SDK's retries off, for the creates that take no client token: a retry
    /// after a lost answer would make a second resource, so `create_tokenless` looks by tag
    /// before it sends again.
    pub ec2_once: aws_sdk_ec2::Client,
    pub rds: aws_sdk_rds::Client,
    pub elasticache: aws_sdk_elasticache::Client,
    pub elbv2: aws_sdk_elasticloadbalancingv2::Client,
    pub s3: aws_sdk_s3::Client,
    pub iam: aws_sdk_iam::Client,
    pub logs: aws_sdk_cloudwatchlogs::Client,
    pub ssm: aws_sdk_ssm::Client,
    pub ecs: aws_sdk_ecs::Client,
    pub quotas: aws_sdk_servicequotas::Client,
    pub sts: aws_sdk_sts::Client,
}

impl Clients {
    /// Throttling (`RequestLimitExceeded`, `Throttling`) is the SDK's to retry, in standard
    /// mode: exponential backoff with jitter and a retry budget. Adaptive mode was measured
    /// here too: after a few throttles its client-side rate limiter held a 30-resource job to a
    /// crawl (a 2-resource job took 77 s against a proxy throttling every 7th call), which
    /// costs more than the occasional throttle it avoids. Eventual consistency after a create
    /// is not a throttle; see `consistency`.
    pub fn new(config: &SdkConfig) -> Self {
        Self::with_hooks(config, &ClientHooks::default())
    }

    /// [`Clients::new`], every client carrying `hooks`.
    pub fn with_hooks(config: &SdkConfig, hooks: &ClientHooks) -> Self {
        // Under HANGAR_WAIT_SCALE the SDK's sleeps shrink; the timeouts are divided by the
        // scale so that in wall time they stay what they are.
        let unscale = |d: Duration| d.div_f64(crate::patience::wait_scale());
        let mut builder = config.to_builder();
        if let Some(sleep) = crate::patience::sdk_sleep() {
            builder.set_sleep_impl(Some(sleep));
        }
        let config = builder
            .retry_config(
                RetryConfig::standard()
                    .with_max_attempts(10)
                    .with_initial_backoff(Duration::from_millis(200))
                    .with_max_backoff(Duration::from_secs(20)),
            )
            .timeout_config(
                TimeoutConfig::builder()
                    .connect_timeout(unscale(Duration::from_secs(10)))
                    .operation_attempt_timeout(unscale(Duration::from_secs(60)))
                    .build(),
            )
            .build();
        // Path-style addressing: an emulator on 127.0.0.1 has no per-bucket host names.
        let s3 = conf!(aws_sdk_s3, &config, hooks)
            .force_path_style(config.endpoint_url().is_some())
            .build();
        Self {
            ec2: aws_sdk_ec2::Client::from_conf(conf!(aws_sdk_ec2, &config, hooks).build()),
            ec2_once: aws_sdk_ec2::Client::from_conf(
                conf!(aws_sdk_ec2, &config, hooks)
                    .retry_config(RetryConfig::disabled())
                    .build(),
            ),
            rds: aws_sdk_rds::Client::from_conf(conf!(aws_sdk_rds, &config, hooks).build()),
            elasticache: aws_sdk_elasticache::Client::from_conf(
                conf!(aws_sdk_elasticache, &config, hooks).build(),
            ),
            elbv2: aws_sdk_elasticloadbalancingv2::Client::from_conf(
                conf!(aws_sdk_elasticloadbalancingv2, &config, hooks).build(),
            ),
            s3: aws_sdk_s3::Client::from_conf(s3),
            iam: aws_sdk_iam::Client::from_conf(conf!(aws_sdk_iam, &config, hooks).build()),
            logs: aws_sdk_cloudwatchlogs::Client::from_conf(
                conf!(aws_sdk_cloudwatchlogs, &config, hooks).build(),
            ),
            ssm: aws_sdk_ssm::Client::from_conf(conf!(aws_sdk_ssm, &config, hooks).build()),
            ecs: aws_sdk_ecs::Client::from_conf(conf!(aws_sdk_ecs, &config, hooks).build()),
            quotas: aws_sdk_servicequotas::Client::from_conf(
                conf!(aws_sdk_servicequotas, &config, hooks).build(),
            ),
            sts: aws_sdk_sts::Client::from_conf(conf!(aws_sdk_sts, &config, hooks).build()),
        }
    }
}
