use hangar_ipc::ApiError;
use hangar_store::StoreError;

/// Maps a store failure to a stable code the UI can act on.
pub fn store(err: StoreError) -> ApiError {
    let code = match err {
        StoreError::Invalid(_) => "invalid",
        _ => "store",
    };
    ApiError::new(code, err.to_string())
}
