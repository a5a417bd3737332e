//! The application form: prefilled from the register so the officer only checks and
//! completes it, and checked field by field before filing.

use std::collections::BTreeMap;

use super::catalog::{FieldKind, Procedure};
use crate::date::PartialDate;
use crate::record::RegisterRecord;
use crate::{idnum, phone};

/// One field's problem, keyed by the field.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FormError {
    pub key: String,
    pub message: String,
}

/// The form of `procedure` with what the register knows of `person`.
pub fn prefill(procedure: &Procedure, person: Option<&RegisterRecord>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for f in &procedure.fields {
        let value = match (&f.from, person) {
            (Some(col), Some(p)) if col == "ho_ten" => Some(p.ho_ten.clone()),
            (Some(col), Some(p)) => p.clone().field_mut(col).and_then(|v| v.take()),
            _ => None,
        };
        out.insert(f.key.clone(), value.unwrap_or_default().trim().to_string());
    }
    out
}

/// What stops the form from being filed: required fields empty, and values of the
/// wrong shape. An unknown key is an error too, so nothing typed is silently dropped.
pub fn validate_form(procedure: &Procedure, form: &BTreeMap<String, String>) -> Vec<FormError> {
    let mut out = Vec::new();
    let err = |key: &str, message: String| FormError { key: key.to_string(), message };
    for key in form.keys() {
        if !procedure.fields.iter().any(|f| &f.key == key) {
            out.push(err(key, format!("trường \"{key}\" không có trong mẫu")));
        }
    }
    for f in &procedure.fields {
        let v = form.get(&f.key).map(|v| v.trim()).unwrap_or_default();
        if v.is_empty() {
            if f.required {
                out.push(err(&f.key, format!("chưa nhập {}", f.label.to_lowercase())));
            }
            continue;
        }
        let problem = match f.kind {
            FieldKind::Text => (v.chars().count() > 500).then(|| "quá 500 ký tự".to_string()),
            FieldKind::Date => PartialDate::parse(v).err().map(|e| e.to_string()),
            FieldKind::IdNumber => {
                (!idnum::is_id_number(v)).then(|| "số định danh cá nhân gồm đúng 12 chữ số".to_string())
            }
            FieldKind::Phone => phone::normalize(v).is_none().then(|| "số điện thoại không đúng".to_string()),
            FieldKind::Choice => (!f.choices.iter().any(|c| c == v))
                .then(|| format!("chọn một trong: {}", f.choices.join(", "))),
        };
        if let Some(p) = problem {
            out.push(err(&f.key, format!("{}: {p}", f.label)));
        }
    }
    out
}
