//! What a delete did: removed the resource, removed it leaving something behind (a final
//! snapshot), or kept it on purpose (a backup bucket). What is left behind outlives the
//! environment, so the engine records it and the teardown names it with its cost.

use hangar_core::cost::RetainedKind;

#[derive(Debug, Clone, PartialEq)]
pub struct Retained {
    pub kind: RetainedKind,
    /// The snapshot identifier or the bucket name.
    pub aws_id: String,
    /// Its size as far as it can be told: the database's allocated storage, the bucket's
    /// objects and versions.
    pub size_gb: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Disposal {
    Deleted,
    /// Gone, and this stays in its place.
    DeletedLeaving(Retained),
    /// Still there, with everything it holds.
    Kept(Retained),
}

impl Disposal {
    pub fn retained(&self) -> Option<&Retained> {
        match self {
            Disposal::Deleted => None,
            Disposal::DeletedLeaving(r) | Disposal::Kept(r) => Some(r),
        }
    }
}
