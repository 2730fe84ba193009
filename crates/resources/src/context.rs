use std::time::Duration;

use crate::Clients;

/// What every call needs: the clients, the environment whose tag marks everything, and how
/// long a slow resource may take to become ready or gone.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub clients: Clients,
    pub env: String,
    pub region: String,
    pub wait_deadline: Duration,
}

impl Ctx {
    pub fn new(clients: Clients, env: impl Into<String>, region: impl Into<String>) -> Self {
        Self {
            clients,
            env: env.into(),
            region: region.into(),
            // RDS Multi-AZ takes 15-20 minutes on AWS; ElastiCache with replicas about as long.
            wait_deadline: Duration::from_secs(45 * 60),
        }
    }
}
