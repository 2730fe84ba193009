//! The emulator, and an SDK configuration pointed at it.

use aws_credential_types::Credentials;
use aws_types::region::Region;
use hangar_resources::{Clients, Ctx};
use hangar_sandbox::MotoServer;

pub fn sdk_config(server: &MotoServer) -> aws_config::SdkConfig {
    aws_config::SdkConfig::builder()
        .region(Region::new("us-east-1"))
        .endpoint_url(server.endpoint())
        .credentials_provider(
            aws_credential_types::provider::SharedCredentialsProvider::new(Credentials::new(
                "testing", "testing", None, None, "test",
            )),
        )
        .behavior_version(aws_config::BehaviorVersion::latest())
        .build()
}

pub fn ctx(server: &MotoServer, env: &str) -> Ctx {
    Ctx::new(Clients::new(&sdk_config(server)), env, "us-east-1")
}
