//! The Sandbox: moto's server on 127.0.0.1, started on a free port and stopped when dropped.
//!
//! The desktop app uses it so a new user can try everything without an AWS account, and every
//! test that talks to AWS uses it as the emulator. It is std-only on purpose: the store and core
//! tests must not pay for an HTTP client to build.

mod catalogue;
mod http;
mod locate;
mod server;

pub use locate::{MOTO_SERVER_ENV, find_moto_server};
pub use server::{Flavour, MotoServer, SandboxError};

/// The region the Sandbox profile uses; moto serves every region, this is only the default.
pub const SANDBOX_REGION: &str = "us-east-1";
