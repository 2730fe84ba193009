//! What the person said yes to for one job. Each yes is given outside the web view (on the
//! command line, or in a dialog the desktop shell opens natively), so script running in the
//! window cannot give it for them.

use hangar_core::plan::Plan;
use hangar_core::warnings::needing_consent;

use crate::EngineError;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Consent {
    /// The environment's name as the person typed it: a prod teardown goes only with it.
    pub destroy_name: Option<String>,
    /// The plan's warnings that need a yes were shown and accepted (`--accept-risk`).
    pub accept_risk: bool,
}

impl Consent {
    pub fn accepting_risk() -> Self {
        Self {
            accept_risk: true,
            ..Self::default()
        }
    }

    /// Refuses a create whose plan carries a warning that needs consent, unless it was given.
    pub fn check_risks(&self, env: &str, plan: &Plan) -> Result<(), EngineError> {
        let warnings = needing_consent(&plan.warnings, plan.stage);
        if warnings.is_empty() || self.accept_risk {
            return Ok(());
        }
        Err(EngineError::RiskNotAccepted {
            env: env.to_string(),
            warnings,
        })
    }
}
