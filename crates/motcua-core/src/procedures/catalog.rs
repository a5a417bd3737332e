//! The procedure catalog's schema: typed with serde (an unknown key is an error, so a
//! misspelt field never silently drops a rule) and then checked as a whole, every
//! problem listed, so an admin loading a file sees all its reasons at once.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::record::COLUMNS;

const SHIPPED: &str = include_str!("../../data/thu-tuc.toml");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// Compared as text by loaders: `YYYY.MM.N`.
    pub version: String,
    pub effective_from: NaiveDate,
    #[serde(rename = "procedure")]
    pub procedures: Vec<Procedure>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProcedureKind {
    /// The VNeID level-2 account: registered at the police, activated in the app.
    Vneid,
    /// One procedure filed online on the public-service portal or VNeID.
    Filing,
    /// Several procedures filed as one (liên thông).
    Bundle,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Procedure {
    pub code: String,
    pub name: String,
    pub kind: ProcedureKind,
    /// Who settles it, e.g. "UBND cấp xã".
    pub agency: String,
    /// Working days after the day the file counts as received; 0 = the same day.
    pub time_limit_days: u32,
    #[serde(default)]
    pub time_limit_note: String,
    pub fee: Fee,
    pub legal_basis: Vec<String>,
    #[serde(default)]
    pub effective_from: Option<NaiveDate>,
    #[serde(default)]
    pub effective_to: Option<NaiveDate>,
    /// For a bundle: the procedures it files together.
    #[serde(default)]
    pub includes: Vec<String>,
    #[serde(default, rename = "check")]
    pub checks: Vec<Check>,
    #[serde(default, rename = "document")]
    pub documents: Vec<DocumentSpec>,
    #[serde(default, rename = "field")]
    pub fields: Vec<FormField>,
    #[serde(rename = "step")]
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    /// Đồng; `None` where the procedure is free.
    #[serde(default)]
    pub in_person: Option<u32>,
    #[serde(default)]
    pub online: Option<u32>,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckRule {
    /// The citizen is at least `years` old (from the register's birth date).
    AgeAtLeast,
    /// The citizen is younger than `years`.
    AgeBelow,
    /// The register holds a valid 12-digit personal identification number.
    HasIdNumber,
    /// The register does not record a death.
    Alive,
    /// A yes/no question the officer asks; "yes" passes.
    Question,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    pub key: String,
    pub rule: CheckRule,
    #[serde(default)]
    pub years: Option<i32>,
    /// For `question`: what the officer asks.
    #[serde(default)]
    pub question: Option<String>,
    /// Shown when the check fails: why, and what to do about it.
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentSpec {
    pub key: String,
    pub name: String,
    #[serde(default = "yes")]
    pub required: bool,
    /// The office looks it up in a database (NĐ 07/2025), so the citizen need not bring it.
    #[serde(default)]
    pub lookup: bool,
    #[serde(default)]
    pub note: String,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    Date,
    IdNumber,
    Phone,
    Choice,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormField {
    pub key: String,
    pub label: String,
    pub kind: FieldKind,
    #[serde(default)]
    pub required: bool,
    /// The register column it is prefilled from.
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub choices: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub title: String,
    pub text: String,
    /// A picture of [`super::pictures`], by name.
    #[serde(default)]
    pub picture: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    #[error("tệp danh mục không đọc được: {0}")]
    Unreadable(String),
    #[error("tệp danh mục không hợp lệ: {}", .0.join("; "))]
    Invalid(Vec<String>),
}

impl Catalog {
    /// The catalog this build ships (checked by a test).
    pub fn shipped() -> Catalog {
        Catalog::parse(SHIPPED).expect("the shipped catalog is valid")
    }

    pub fn shipped_text() -> &'static str {
        SHIPPED
    }

    pub fn parse(text: &str) -> Result<Catalog, CatalogError> {
        let catalog: Catalog = toml::from_str(text).map_err(|e| {
            let at =
                e.span().map(|s| line_of(text, s.start)).map(|l| format!(" (dòng {l})")).unwrap_or_default();
            CatalogError::Unreadable(format!("{}{at}", e.message()))
        })?;
        let reasons = catalog.problems();
        if reasons.is_empty() { Ok(catalog) } else { Err(CatalogError::Invalid(reasons)) }
    }

    pub fn procedure(&self, code: &str) -> Option<&Procedure> {
        self.procedures.iter().find(|p| p.code == code)
    }

    /// The procedures in force on `day`.
    pub fn in_force(&self, day: NaiveDate) -> impl Iterator<Item = &Procedure> {
        self.procedures.iter().filter(move |p| p.in_force(day))
    }

    fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let version_ok = self.version.split('.').count() == 3
            && self.version.split('.').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
        if !version_ok {
            out.push(format!("phiên bản \"{}\" phải có dạng NĂM.THÁNG.SỐ, ví dụ 2026.12.1", self.version));
        }
        if self.procedures.is_empty() {
            out.push("danh mục không có thủ tục nào".into());
        }
        let codes: HashSet<&str> = self.procedures.iter().map(|p| p.code.as_str()).collect();
        let mut seen = HashSet::new();
        for p in &self.procedures {
            if !seen.insert(p.code.as_str()) {
                out.push(format!("mã thủ tục \"{}\" bị trùng", p.code));
            }
            p.problems(&codes, &mut out);
        }
        out
    }
}

impl Procedure {
    pub fn in_force(&self, day: NaiveDate) -> bool {
        self.effective_from.is_none_or(|f| f <= day) && self.effective_to.is_none_or(|t| day <= t)
    }

    fn problems(&self, codes: &HashSet<&str>, out: &mut Vec<String>) {
        let at = |what: String| format!("thủ tục \"{}\": {what}", self.code);
        if !is_code(&self.code) {
            out.push(at("mã chỉ gồm chữ thường không dấu, số và dấu gạch dưới".into()));
        }
        for (what, empty) in
            [("tên", self.name.trim().is_empty()), ("cơ quan giải quyết", self.agency.trim().is_empty())]
        {
            if empty {
                out.push(at(format!("thiếu {what}")));
            }
        }
        if self.legal_basis.is_empty() {
            out.push(at("thiếu căn cứ pháp lý".into()));
        }
        if self.steps.is_empty() {
            out.push(at("cần ít nhất một bước hướng dẫn".into()));
        }
        if self.time_limit_days > 60 {
            out.push(at(format!(
                "thời hạn {} ngày làm việc là bất thường (tối đa 60)",
                self.time_limit_days
            )));
        }
        if let (Some(f), Some(t)) = (self.effective_from, self.effective_to)
            && t < f
        {
            out.push(at("ngày hết hiệu lực trước ngày có hiệu lực".into()));
        }
        match self.kind {
            ProcedureKind::Bundle if self.includes.len() < 2 => {
                out.push(at("thủ tục liên thông phải gồm ít nhất hai thủ tục".into()))
            }
            ProcedureKind::Bundle => {}
            _ if !self.includes.is_empty() => {
                out.push(at("chỉ thủ tục liên thông mới có \"includes\"".into()))
            }
            _ => {}
        }
        for code in &self.includes {
            if code == &self.code || !codes.contains(code.as_str()) {
                out.push(at(format!("thủ tục liên thông gồm \"{code}\" không có trong danh mục")));
            }
        }
        unique(self.checks.iter().map(|c| c.key.as_str()), "điều kiện", &at, out);
        unique(self.documents.iter().map(|d| d.key.as_str()), "giấy tờ", &at, out);
        unique(self.fields.iter().map(|f| f.key.as_str()), "trường", &at, out);
        for c in &self.checks {
            let needs_years = matches!(c.rule, CheckRule::AgeAtLeast | CheckRule::AgeBelow);
            if needs_years != c.years.is_some() || c.years.is_some_and(|y| !(0..=120).contains(&y)) {
                out.push(at(format!(
                    "điều kiện \"{}\": \"years\" (0–120) chỉ dùng và phải có với điều kiện tuổi",
                    c.key
                )));
            }
            let is_question = c.rule == CheckRule::Question;
            if is_question != c.question.as_deref().is_some_and(|q| !q.trim().is_empty()) {
                out.push(at(format!(
                    "điều kiện \"{}\": câu hỏi chỉ dùng và phải có với điều kiện dạng câu hỏi",
                    c.key
                )));
            }
            if c.message.trim().is_empty() {
                out.push(at(format!("điều kiện \"{}\": thiếu lời giải thích khi không đạt", c.key)));
            }
        }
        for f in &self.fields {
            if let Some(col) = &f.from
                && (!COLUMNS.contains(&col.as_str()) || col == "ma_ban_ghi")
            {
                out.push(at(format!("trường \"{}\" lấy từ cột \"{col}\" không có trong sổ dân cư", f.key)));
            }
            if (f.kind == FieldKind::Choice) == f.choices.is_empty() {
                out.push(at(format!(
                    "trường \"{}\": danh sách lựa chọn chỉ dùng và phải có với kiểu choice",
                    f.key
                )));
            }
        }
        for (i, s) in self.steps.iter().enumerate() {
            if s.title.trim().is_empty() || s.text.trim().is_empty() {
                out.push(at(format!("bước {} thiếu tiêu đề hoặc nội dung", i + 1)));
            }
            if let Some(name) = &s.picture
                && super::pictures::picture(name).is_none()
            {
                out.push(at(format!("bước {}: không có hình \"{name}\"", i + 1)));
            }
        }
    }
}

fn unique<'a>(
    keys: impl Iterator<Item = &'a str>,
    what: &str,
    at: &dyn Fn(String) -> String,
    out: &mut Vec<String>,
) {
    let mut seen = HashSet::new();
    for k in keys {
        if !is_code(k) {
            out.push(at(format!("mã {what} \"{k}\" chỉ gồm chữ thường không dấu, số và dấu gạch dưới")));
        } else if !seen.insert(k) {
            out.push(at(format!("mã {what} \"{k}\" bị trùng")));
        }
    }
}

fn is_code(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn line_of(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].matches('\n').count() + 1
}
