use std::time::Duration;

use hangar_core::userdata::LaunchPassword;

use crate::Clients;

/// What every call needs: the clients, the environment whose tags mark everything, how long a
/// slow resource may take to become ready or gone, and whether a protected database may have
/// its protection turned off.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub clients: Clients,
    /// The environment's name: unique only in one history, so it names things for people
    /// (`Name`, descriptions) and never decides what is ours.
    pub env: String,
    /// The environment's id (a UUID from the history): what "ours" means. Another machine's
    /// `dev` in the same account has another id, and is never adopted or deleted.
    pub env_id: String,
    pub region: String,
    pub wait_deadline: Duration,
    pub protection: Protection,
    /// The environment's generated password, for user data that holds its placeholder; the
    /// engine reads it from the keychain for a provision and for nothing else.
    pub generated_password: Option<LaunchPassword>,
}

/// What a delete does with a database whose deletion protection is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Protection {
    /// Refuses, saying why: the protection is the point until someone confirms.
    #[default]
    Keep,
    /// Turns it off (ModifyDBInstance) and deletes: the user typed the environment's name.
    LiftConfirmed,
}

impl Ctx {
    pub fn new(
        clients: Clients,
        env: impl Into<String>,
        env_id: impl Into<String>,
        region: impl Into<String>,
    ) -> Self {
        Self {
            clients,
            env: env.into(),
            env_id: env_id.into(),
            region: region.into(),
            // RDS Multi-AZ takes 15-20 minutes on AWS; ElastiCache with replicas about as long.
            wait_deadline: crate::patience::scaled(Duration::from_secs(45 * 60)),
            protection: Protection::Keep,
            generated_password: None,
        }
    }

    pub fn with_generated_password(mut self, password: Option<LaunchPassword>) -> Self {
        self.generated_password = password;
        self
    }

    /// Only for a teardown the user confirmed by the environment's name.
    pub fn with_protection(mut self, protection: Protection) -> Self {
        self.protection = protection;
        self
    }
}
