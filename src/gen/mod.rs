//! The generator pipeline: load → plan → emit → write.
//!
//! `load` turns inputs into a `Resolve` and a world, `plan` describes the world's boundary without
//! reference to any language, and each emitter (`rust`, `moonbit`) turns a plan into files.

pub mod abi;
pub mod facts;
pub mod load;
pub mod moonbit;
pub mod names;
pub mod ops;
pub mod plan;
pub mod rust;
pub mod source;
