//! Guided procedures: the catalog of what a citizen files (steps, documents, form
//! fields, eligibility, time limit, fees, legal basis) as versioned data, the checks a
//! walk-through runs, the form prefilled from the register, and the VNeID level-2
//! account's life from registration to activation.
//!
//! The catalog is data (`data/thu-tuc.toml`, or a newer file a ward admin loads) so that
//! a changed fee or a new step needs no new build; [`Catalog::parse`] is the schema.

mod catalog;
mod eligibility;
mod form;
pub mod pictures;
pub mod vneid;

pub use catalog::{
    Catalog, CatalogError, Check, CheckRule, DocumentSpec, Fee, FieldKind, FormField, Procedure,
    ProcedureKind, Step,
};
pub use eligibility::{CheckOutcome, CheckResult, check_eligibility, is_eligible};
pub use form::{FormError, prefill, validate_form};

#[cfg(test)]
mod tests;
