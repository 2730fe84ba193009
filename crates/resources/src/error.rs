use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

/// The kinds the engine acts on differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The resource is not (or not yet) there: success for a delete, a retry right after a
    /// create (eventual consistency).
    NotFound,
    /// Something still depends on it: delete the dependant first, or wait and retry.
    DependencyViolation,
    /// AWS is pushing back; the SDK has already retried with backoff.
    Throttled,
    /// AWS refused the request as given (bad parameter, unknown instance type, ...).
    Invalid,
    AccessDenied,
    LimitExceeded,
    /// Waiting for a resource took longer than the deadline.
    Timeout,
    /// The graph or the history is missing something a call needs.
    Missing,
    Other,
}

/// A failed AWS call, with AWS's own code and message (never credentials: the SDK puts none
/// in its errors, and neither do we).
#[derive(Debug, Clone, thiserror::Error)]
#[error("{operation}: {code}: {message}")]
pub struct ResourceError {
    pub kind: ErrorKind,
    pub operation: String,
    pub code: String,
    pub message: String,
}

impl ResourceError {
    pub fn new(kind: ErrorKind, operation: &str, code: &str, message: impl Into<String>) -> Self {
        Self {
            kind,
            operation: operation.to_string(),
            code: code.to_string(),
            message: message.into(),
        }
    }

    pub fn missing(operation: &str, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Missing, operation, "Missing", message)
    }

    /// The same error, its message prefixed with what it concerned (a logical name, a path).
    pub fn context(mut self, what: impl std::fmt::Display) -> Self {
        self.message = format!("{what}: {}", self.message);
        self
    }

    pub fn is_not_found(&self) -> bool {
        self.kind == ErrorKind::NotFound
    }

    /// Maps an SDK error by AWS's error code. Services spell "not found" a dozen ways
    /// (`InvalidVpcID.NotFound`, `DBInstanceNotFound`, `NoSuchEntity`, `NoSuchBucket`, ...).
    pub fn from_sdk<E, R>(operation: &str, err: SdkError<E, R>) -> Self
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
        R: std::fmt::Debug,
    {
        let (code, message) = match &err {
            SdkError::ServiceError(service) => (
                service.err().code().unwrap_or("Unknown").to_string(),
                service
                    .err()
                    .message()
                    .map(str::to_string)
                    .unwrap_or_else(|| service.err().to_string()),
            ),
            SdkError::TimeoutError(_) => ("Timeout".to_string(), "the call timed out".to_string()),
            SdkError::DispatchFailure(failure) => (
                "Unreachable".to_string(),
                format!("could not reach the endpoint ({failure:?})"),
            ),
            // The causes too: a credentials provider's error (an MFA code refused, say) is
            // the source of a bare "failed to construct request".
            other => (
                "Unknown".to_string(),
                format!(
                    "{}",
                    aws_smithy_types::error::display::DisplayErrorContext(other)
                ),
            ),
        };
        let message = match quota_of(&code) {
            Some(quota) => format!(
                "{message} ({quota}: release what is unused, or ask for more in Service Quotas)"
            ),
            None => message,
        };
        Self::new(classify(&code), operation, &code, message)
    }
}

/// The account quota an EC2 limit error is about, as Service Quotas names it.
fn quota_of(code: &str) -> Option<&'static str> {
    match code {
        "AddressLimitExceeded" => Some("the Elastic IPs quota, L-0263D0A3"),
        "VpcLimitExceeded" => Some("the VPCs per Region quota, L-F678F1CE"),
        "NatGatewayLimitExceeded" => {
            Some("the NAT gateways per Availability Zone quota, L-FE5A380F")
        }
        _ => None,
    }
}

pub(crate) fn classify(code: &str) -> ErrorKind {
    let lower = code.to_ascii_lowercase();
    if lower.contains("notfound") || lower.starts_with("nosuch") || lower.ends_with("not.found") {
        ErrorKind::NotFound
    } else if code == "DependencyViolation"
        || code == "InvalidDBSubnetGroupStateFault"
        || code == "ResourceInUse"
        || code == "DeleteConflict"
        || code == "InvalidCacheSubnetGroupState"
        || lower.contains("inuse")
        || code == "ClusterContainsServicesException"
        || code == "ClusterContainsTasksException"
    {
        ErrorKind::DependencyViolation
    } else if lower.contains("throttl") || code == "RequestLimitExceeded" || code == "SlowDown" {
        ErrorKind::Throttled
    } else if lower.contains("accessdenied") || code == "UnauthorizedOperation" {
        ErrorKind::AccessDenied
    } else if lower.contains("limitexceeded") || lower.contains("quotaexceeded") {
        ErrorKind::LimitExceeded
    } else if lower.starts_with("invalid")
        || lower.contains("validation")
        || lower.contains("malformed")
    {
        ErrorKind::Invalid
    } else {
        ErrorKind::Other
    }
}

/// A look-up by name or id: a not-found answer is `Ok(None)`, "there is none".
pub(crate) fn none_if_not_found<T>(
    result: Result<T, ResourceError>,
) -> Result<Option<T>, ResourceError> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(err) if err.is_not_found() => Ok(None),
        Err(err) => Err(err),
    }
}

/// A resource of the blueprint's name exists in the region but is not this environment's
/// (its tags say so): an error, never adopted. `what` names it with its article, as in
/// "an RDS DB subnet group".
pub(crate) fn not_ours(service: &str, what: &str, name: &str) -> ResourceError {
    ResourceError::new(
        ErrorKind::Invalid,
        service,
        "AlreadyExists",
        format!(
            "{what} named '{name}' already exists in this region and is not this \
             environment's: rename it in the blueprint"
        ),
    )
}

/// `?` for SDK calls: `.await.map_err(sdk("CreateVpc"))?`.
pub(crate) fn sdk<E, R>(operation: &'static str) -> impl FnOnce(SdkError<E, R>) -> ResourceError
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug,
{
    move |err| ResourceError::from_sdk(operation, err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_many_spellings_of_not_found() {
        for code in [
            "InvalidVpcID.NotFound",
            "InvalidSubnetID.NotFound",
            "InvalidAllocationID.NotFound",
            "DBInstanceNotFound",
            "DBInstanceNotFoundFault",
            "NoSuchEntity",
            "NoSuchBucket",
            "ResourceNotFoundException",
            "NatGatewayNotFound",
            "ReplicationGroupNotFoundFault",
            "LoadBalancerNotFound",
        ] {
            assert_eq!(classify(code), ErrorKind::NotFound, "{code}");
        }
    }

    #[test]
    fn other_kinds() {
        assert_eq!(
            classify("DependencyViolation"),
            ErrorKind::DependencyViolation
        );
        assert_eq!(classify("RequestLimitExceeded"), ErrorKind::Throttled);
        assert_eq!(classify("Throttling"), ErrorKind::Throttled);
        assert_eq!(classify("UnauthorizedOperation"), ErrorKind::AccessDenied);
        assert_eq!(classify("VpcLimitExceeded"), ErrorKind::LimitExceeded);
        assert_eq!(classify("InvalidParameterValue"), ErrorKind::Invalid);
        assert_eq!(classify("InternalError"), ErrorKind::Other);
    }

    #[test]
    fn a_look_up_that_finds_nothing_is_none() {
        let gone = ResourceError::new(ErrorKind::NotFound, "DescribeX", "XNotFound", "no x");
        assert_eq!(none_if_not_found::<u8>(Err(gone)).expect("none"), None);
        assert_eq!(none_if_not_found(Ok(7)).expect("some"), Some(7));
        let denied = ResourceError::new(ErrorKind::AccessDenied, "DescribeX", "AccessDenied", "no");
        assert!(none_if_not_found::<u8>(Err(denied)).is_err());
    }

    #[test]
    fn a_name_taken_outside_the_environment_says_what_to_do() {
        let err = not_ours("rds", "an RDS DB subnet group", "db");
        assert_eq!(err.kind, ErrorKind::Invalid);
        assert_eq!(
            (err.operation.as_str(), err.code.as_str()),
            ("rds", "AlreadyExists")
        );
        assert_eq!(
            err.message,
            "an RDS DB subnet group named 'db' already exists in this region and is not this \
             environment's: rename it in the blueprint"
        );
    }
}
