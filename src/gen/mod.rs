//! The generator pipeline: load → plan → emit → write.
//!
//! `load` turns inputs into a `Resolve` and a world, `plan` describes the world's boundary without
//! reference to any language (its types' facts in `facts`, their layouts in `abi`, the steps of
//! lowering and lifting them in `ops`), and each [`backend::Backend`] (`rust`, `moonbit`) spells
//! a plan as files.

pub mod abi;
pub mod backend;
pub mod facts;
pub mod hash;
pub mod load;
pub mod moonbit;
pub mod names;
pub mod ops;
pub mod plan;
pub mod rust;
pub mod source;
