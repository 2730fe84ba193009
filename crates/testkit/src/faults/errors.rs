//! AWS's error documents, in each protocol's own shape, so the SDK parses them as it would a
//! real answer (and its retry logic recognises the throttles).

pub(crate) struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: String,
    /// Headers beyond the content type (S3's `x-amz-bucket-region` on a redirect).
    pub headers: Vec<(&'static str, String)>,
}

/// EC2 speaks its own XML dialect.
pub(crate) fn ec2(status: u16, code: &str, message: &str) -> Reply {
    Reply {
        status,
        content_type: "text/xml",
        body: format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors><RequestID>hangar-fault</RequestID></Response>"
        ),
        headers: Vec::new(),
    }
}

/// RDS, ElastiCache, IAM, ELB, STS: the AWS query protocol.
pub(crate) fn query(status: u16, code: &str, message: &str) -> Reply {
    Reply {
        status,
        content_type: "text/xml",
        body: format!(
            "<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>hangar-fault</RequestId></ErrorResponse>"
        ),
        headers: Vec::new(),
    }
}

pub(crate) fn s3(status: u16, code: &str, message: &str) -> Reply {
    Reply {
        status,
        content_type: "application/xml",
        body: format!(
            "<Error><Code>{code}</Code><Message>{message}</Message><RequestId>hangar-fault</RequestId></Error>"
        ),
        headers: Vec::new(),
    }
}

pub(crate) fn json(status: u16, code: &str, message: &str) -> Reply {
    Reply {
        status,
        content_type: "application/x-amz-json-1.1",
        body: format!("{{\"__type\":\"{code}\",\"message\":\"{message}\"}}"),
        headers: Vec::new(),
    }
}

/// CreateBucket of a name another AWS account holds, as S3 words it (409).
pub(crate) fn bucket_already_exists(bucket: &str) -> Reply {
    s3_document(
        409,
        &format!(
            "<Code>BucketAlreadyExists</Code><Message>The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.</Message><BucketName>{bucket}</BucketName>"
        ),
        Vec::new(),
    )
}

/// CreateBucket of a name this account already holds, outside us-east-1 (409).
pub(crate) fn bucket_already_owned_by_you(bucket: &str) -> Reply {
    s3_document(
        409,
        &format!(
            "<Code>BucketAlreadyOwnedByYou</Code><Message>Your previous request to create the named bucket succeeded and you already own it.</Message><BucketName>{bucket}</BucketName>"
        ),
        Vec::new(),
    )
}

/// A request for a bucket that lives in another region: S3 answers 301 with the endpoint to
/// use and the bucket's region in a header; the SDK does not follow it.
pub(crate) fn permanent_redirect(bucket: &str, region: &str) -> Reply {
    s3_document(
        301,
        &format!(
            "<Code>PermanentRedirect</Code><Message>The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.</Message><Endpoint>{bucket}.s3.{region}.amazonaws.com</Endpoint><Bucket>{bucket}</Bucket>"
        ),
        vec![("x-amz-bucket-region", region.to_string())],
    )
}

pub(crate) fn no_such_bucket(bucket: &str) -> Reply {
    s3_document(
        404,
        &format!(
            "<Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>{bucket}</BucketName>"
        ),
        Vec::new(),
    )
}

fn s3_document(status: u16, inner: &str, headers: Vec<(&'static str, String)>) -> Reply {
    Reply {
        status,
        content_type: "application/xml",
        body: format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>{inner}<RequestId>hangar-fault</RequestId><HostId>hangar-fault</HostId></Error>"
        ),
        headers,
    }
}

/// A successful EC2 answer given again, as AWS does for a client token it has seen.
pub(crate) fn replay(body: String) -> Reply {
    Reply {
        status: 200,
        content_type: "text/xml",
        body,
        headers: Vec::new(),
    }
}

/// The throttling answer of the service that was called.
pub(crate) fn throttle(service: &str) -> Reply {
    match service {
        "ec2" => ec2(503, "RequestLimitExceeded", "Request limit exceeded."),
        "s3" => s3(503, "SlowDown", "Please reduce your request rate."),
        // The JSON-protocol services: CloudWatch Logs, SSM, ECS.
        "logs" | "ssm" | "ecs" => json(400, "ThrottlingException", "Rate exceeded"),
        _ => query(400, "Throttling", "Rate exceeded"),
    }
}
