use hangar_cloud::CloudError;
use hangar_ipc::ApiError;
use hangar_keychain::KeychainError;
use hangar_store::StoreError;

/// Maps a store failure to a stable code the UI can act on.
pub fn store(err: StoreError) -> ApiError {
    let code = match err {
        StoreError::Invalid(_) => "invalid",
        _ => "store",
    };
    ApiError::new(code, err.to_string())
}

/// AWS, keychain and profile failures keep their kind's code (`bad_credentials`,
/// `access_denied`, `mfa_required`, `keychain_locked`, ...); the message is already worded for
/// a person and holds no secret.
pub fn cloud(err: CloudError) -> ApiError {
    ApiError::new(err.code(), err.message)
}

pub fn keychain(err: KeychainError) -> ApiError {
    cloud(err.into())
}

/// The service's errors keep their code (`not_found`, `invalid`, `busy`, a cloud kind's, ...).
pub fn service(err: hangar_engine::ServiceError) -> ApiError {
    ApiError::new(err.code(), err.to_string())
}
