//! AWS's error documents, in each protocol's own shape, so the SDK parses them as it would a
//! real answer (and its retry logic recognises the throttles).

pub(crate) struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: String,
}

/// EC2 speaks its own XML dialect.
pub(crate) fn ec2(status: u16, code: &str, message: &str) -> Reply {
    Reply {
        status,
        content_type: "text/xml",
        body: format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors><RequestID>hangar-fault</RequestID></Response>"
        ),
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
    }
}

pub(crate) fn s3(status: u16, code: &str, message: &str) -> Reply {
    Reply {
        status,
        content_type: "application/xml",
        body: format!(
            "<Error><Code>{code}</Code><Message>{message}</Message><RequestId>hangar-fault</RequestId></Error>"
        ),
    }
}

pub(crate) fn json(status: u16, code: &str, message: &str) -> Reply {
    Reply {
        status,
        content_type: "application/x-amz-json-1.1",
        body: format!("{{\"__type\":\"{code}\",\"message\":\"{message}\"}}"),
    }
}

/// A successful EC2 answer given again, as AWS does for a client token it has seen.
pub(crate) fn replay(body: String) -> Reply {
    Reply {
        status: 200,
        content_type: "text/xml",
        body,
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
