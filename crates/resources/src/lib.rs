//! One module per AWS resource kind, each with the same three verbs: `create` (idempotent:
//! adopts what already carries its tags, and sends a client token where AWS takes one),
//! `find_tagged` (everything of that kind carrying an environment's tag, for the sweep and the
//! final proof that nothing is left), and `delete` (idempotent: already gone is success); the kinds a pause stops also `stop` and
//! `start` (see [`Stoppable`]).
//!
//! The engine drives these from the resource graph; nothing here knows about jobs or history.

mod catalogue;
mod clients;
mod consistency;
mod context;
mod disposal;
mod error;
mod identity;
mod kinds;
mod patience;
mod quotas;
mod refs;
mod tags;
pub mod team_password;
pub mod team_state;

pub use catalogue::region_catalogue;
pub use clients::{ClientHooks, Clients};
pub use consistency::{create_tokenless, retry_while_not_found, retry_while_propagating};
pub use context::{Ctx, Protection};
pub use disposal::{Disposal, Retained};
pub use error::{ErrorKind, ResourceError};
pub use identity::{caller_account, caller_identity, others_with_our_name, tagged_environments};
pub use kinds::{Observable, Stoppable, create, delete, find_tagged, observe, repair, start, stop};
pub use patience::{delete_patiently, patience};
pub use quotas::{AccountHeadroom, account_headroom};
pub use refs::{Created, Found, Refs};
pub use tags::{ENV_ID_TAG, ENV_TAG, LOGICAL_TAG, client_token, standard as standard_tags};
