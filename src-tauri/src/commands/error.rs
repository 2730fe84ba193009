use hangar_cloud::{CloudError, ErrorKind};
use hangar_ipc::{ApiError, ErrorCode};
use hangar_keychain::KeychainError;
use hangar_store::StoreError;

/// Maps a store failure to a stable code the UI can act on.
pub fn store(err: StoreError) -> ApiError {
    let code = match err {
        StoreError::Invalid(_) => ErrorCode::Invalid,
        StoreError::DataDir { .. }
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
