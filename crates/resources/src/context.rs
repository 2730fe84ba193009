use std::time::Duration;

use crate::Clients;

/// What every call needs: the clients, the environment whose tag marks everything, how long a
/// slow resource may take to become ready or gone, and whether a protected database may have
/// its protection turned off.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub clients: Clients,
    pub env: String,
    pub region: String,
    pub wait_deadline: Duration,
    pub protection: Protection,
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
    pub fn new(clients: Clients, env: impl Into<String>, region: impl Into<String>) -> Self {
        Self {
            clients,
            env: env.into(),
            region: region.into(),
            // RDS Multi-AZ takes 15-20 minutes on AWS; ElastiCache with replicas about as long.
            wait_deadline: Duration::from_secs(45 * 60),
            protection: Protection::Keep,
        }
    }

    /// Only for a teardown the user confirmed by the environment's name.
    pub fn with_protection(mut self, protection: Protection) -> Self {
        self.protection = protection;
        self
    }
}
