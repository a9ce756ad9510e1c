//! The seam between the plan and a language: everything a language needs to implement.

use super::plan::WorldPlan;
use crate::{Error, OutputFile};

/// One target language. It spells the plan and the ABI operations of [`super::ops`] (through
/// its [`super::ops::Spell`]); it takes no ABI decision of its own.
pub trait Backend {
    /// The bindings of the planned world, as files relative to the output directory.
    fn emit(&self, plan: &WorldPlan<'_>) -> Result<Vec<OutputFile>, Error>;

    /// Files a user's implementation of the world's exports starts from, when the language
    /// keeps that implementation apart from the bindings (MoonBit's `impl` package). None
    /// by default.
    fn skeleton(&self, plan: &WorldPlan<'_>) -> Result<Vec<OutputFile>, Error> {
        let _ = plan;
        Ok(Vec::new())
    }
}
