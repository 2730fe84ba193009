use hangar_cloud::{CloudError, ErrorKind};
use hangar_engine::ServiceError;
use hangar_ipc::{ApiError, ErrorCode};
use hangar_keychain::KeychainError;
use hangar_store::StoreError;

/// Maps a store failure to a stable code the UI can act on.
pub fn store(err: StoreError) -> ApiError {
    let code = match err {
        StoreError::Invalid(_) => ErrorCode::Invalid,
        StoreError::DataDir { .. }
        | StoreError::Private { .. }
        | StoreError::NoHome
        | StoreError::Open { .. }
        | StoreError::Migrate(_)
        | StoreError::Sql(_) => ErrorCode::Store,
    };
    ApiError::new(code, err.to_string())
}

/// AWS, keychain and profile failures keep their kind's code (`bad_credentials`,
/// `access_denied`, `mfa_required`, `keychain_locked`, ...); the message is already worded for
/// a person and holds no secret.
pub fn cloud(err: CloudError) -> ApiError {
    let code = match err.kind {
        ErrorKind::BadCredentials => ErrorCode::BadCredentials,
        ErrorKind::AccessDenied => ErrorCode::AccessDenied,
        ErrorKind::MfaInvalid => ErrorCode::MfaInvalid,
        ErrorKind::MfaRequired => ErrorCode::MfaRequired,
        ErrorKind::Expired => ErrorCode::Expired,
        ErrorKind::Unreachable => ErrorCode::Unreachable,
        ErrorKind::Throttled => ErrorCode::Throttled,
        ErrorKind::Invalid => ErrorCode::Invalid,
        ErrorKind::NotFound => ErrorCode::NotFound,
        ErrorKind::KeychainLocked => ErrorCode::KeychainLocked,
        ErrorKind::KeychainUnavailable => ErrorCode::KeychainUnavailable,
        ErrorKind::Keychain => ErrorCode::Keychain,
        ErrorKind::Store => ErrorCode::Store,
        ErrorKind::Other => ErrorCode::Aws,
    };
    ApiError::new(code, err.message)
}

pub fn keychain(err: KeychainError) -> ApiError {
    cloud(err.into())
}

/// The service's errors, each with its closed code: a cloud error keeps its kind's.
pub fn service(err: ServiceError) -> ApiError {
    let code = match &err {
        ServiceError::NotFound(_) => ErrorCode::NotFound,
        ServiceError::Unreadable(_) => ErrorCode::Unreadable,
        ServiceError::Engine(engine) => ErrorCode::from(engine),
        ServiceError::Store(StoreError::Invalid(_)) => ErrorCode::Invalid,
        ServiceError::Store(_) => ErrorCode::Store,
        ServiceError::Internal(_) => ErrorCode::Internal,
        ServiceError::Cloud(_) => ErrorCode::Aws,
    };
    match err {
        ServiceError::Cloud(cloud_err) => cloud(cloud_err),
        err => ApiError::new(code, err.to_string()),
    }
}
