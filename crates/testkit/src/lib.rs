//! What every AWS-facing test needs: the emulator, and an SDK configuration pointed at it with
//! throwaway credentials (moto checks none).

use aws_credential_types::Credentials;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_types::region::Region;

pub use hangar_sandbox::{Flavour, MotoServer};

pub const REGION: &str = "us-east-1";

pub fn sdk_config(endpoint: &str) -> aws_config::SdkConfig {
    aws_config::SdkConfig::builder()
        .region(Region::new(REGION))
        .endpoint_url(endpoint)
        .credentials_provider(SharedCredentialsProvider::new(Credentials::new(
            "testing",
            "testing",
            None,
            None,
            "hangar-test",
        )))
        .behavior_version(aws_config::BehaviorVersion::latest())
        .build()
}

pub mod acm;
pub mod faults;
pub mod state;
pub mod test_binary;
