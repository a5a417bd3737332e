//! What an officer prints for the citizen: the step-by-step guide with its pictures, to
//! take home, and the receipt of a filed application. Large type for elderly readers;
//! every print is audited (the papers carry personal data out of the register).

use motcua_print::{Block, Document};

use super::applications::{Application, DocState};
use super::{Store, StoreError, audit};
use crate::access::Action;
use crate::procedures::{Procedure, pictures};

impl Store {
    /// The guide to application `id`'s procedure, for its applicant, as PDF.
    pub fn print_guide(&mut self, id: &str) -> Result<Vec<u8>, StoreError> {
        self.require(Action::Print)?;
        let a = self.application(id)?;
        let p = self.procedure_of(&a)?;
        let doc = guide(&a, &p, &self.ward_line()?);
        self.printed(&a, "guide", &doc)
    }

    /// The receipt of a filed application, as PDF.
    pub fn print_receipt(&mut self, id: &str) -> Result<Vec<u8>, StoreError> {
        self.require(Action::Print)?;
        let a = self.application(id)?;
        if a.portal_number.is_none() {
            return Err(StoreError::Application("hồ sơ chưa nộp: chưa có biên nhận để in".into()));
        }
        let p = self.procedure_of(&a)?;
        let doc = receipt(&a, &p, &self.ward_line()?);
        self.printed(&a, "receipt", &doc)
    }

    fn printed(&mut self, a: &Application, what: &str, doc: &Document) -> Result<Vec<u8>, StoreError> {
        let pdf = motcua_print::render_pdf(doc)
            .map_err(|e| StoreError::Application(format!("không tạo được bản in: {e}")))?;
        let officer = self.officer().login;
        let tx = self.conn.transaction()?;
        audit::append(&tx, &officer, "print", a.ma_ban_ghi.as_deref(), &format!("{what} {}", a.id))?;
        tx.commit()?;
        Ok(pdf)
    }

    fn ward_line(&self) -> Result<String, StoreError> {
        Ok(self.register_meta()?.map(|m| format!("{}, {}", m.ward, m.province)).unwrap_or_default())
    }
}

/// The lines under the document's title (which names the procedure).
fn header(a: &Application, ward: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    if !ward.is_empty() {
        blocks.push(Block::Field {
            label: "Nơi hướng dẫn".into(), value: format!("Bộ phận một cửa {ward}")
        });
    }
    blocks.push(Block::Field { label: "Người thực hiện".into(), value: a.applicant.clone() });
    blocks
}

fn guide(a: &Application, p: &Procedure, ward: &str) -> Document {
    let mut blocks = header(a, ward);
    blocks.push(Block::Field { label: "Cơ quan giải quyết".into(), value: p.agency.clone() });
    blocks.push(Block::Field { label: "Thời hạn".into(), value: limit(p) });
    blocks.push(Block::Field { label: "Lệ phí".into(), value: fee(p) });
    if !p.documents.is_empty() {
        blocks.push(Block::Heading("Giấy tờ cần có".into()));
        blocks.push(Block::Checklist(
            p.documents
                .iter()
                .map(|d| {
                    let have =
                        matches!(a.documents.get(&d.key), Some(DocState::Present | DocState::NotNeeded));
                    let note = if d.note.is_empty() { String::new() } else { format!(" ({})", d.note) };
                    (have, format!("{}{note}", d.name))
                })
                .collect(),
        ));
    }
    blocks.push(Block::Heading("Các bước".into()));
    for (i, s) in p.steps.iter().enumerate() {
        blocks.push(Block::Step {
            number: i as u32 + 1,
            title: s.title.clone(),
            text: s.text.clone(),
            picture: s.picture.as_deref().and_then(pictures::picture).map(<[u8]>::to_vec),
        });
    }
    blocks.push(Block::Spacer);
    blocks.push(Block::Paragraph(format!("Căn cứ: {}.", p.legal_basis.join("; "))));
    if p.code == "vneid_muc_2" {
        blocks.push(Block::Paragraph("Cần hỗ trợ: tổng đài 1900 0368.".into()));
    }
    Document { title: format!("Hướng dẫn từng bước: {}", p.name), blocks }
}

fn receipt(a: &Application, p: &Procedure, ward: &str) -> Document {
    let mut blocks = header(a, ward);
    let rows = [
        ("Mã hồ sơ trên cổng", a.portal_number.clone().unwrap_or_default()),
        ("Ngày nhận", a.received_at.as_deref().map(display_time).unwrap_or_default()),
        ("Hẹn trả kết quả", a.due_on.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default()),
        ("Hình thức", a.channel.label().to_string()),
        ("Cán bộ hướng dẫn", a.officer.clone()),
    ];
    for (label, value) in rows {
        blocks.push(Block::Field { label: label.into(), value });
    }
    blocks.push(Block::Paragraph(format!(
        "Theo dõi hồ sơ trên Cổng dịch vụ công hoặc ứng dụng VNeID bằng mã hồ sơ. Thời hạn: {}.",
        limit(p)
    )));
    Document { title: format!("Biên nhận hồ sơ: {}", p.name), blocks }
}

fn limit(p: &Procedure) -> String {
    let base = match p.time_limit_days {
        0 => "trong ngày".to_string(),
        n => format!("{n} ngày làm việc"),
    };
    if p.time_limit_note.is_empty() { base } else { format!("{base} ({})", p.time_limit_note) }
}

fn fee(p: &Procedure) -> String {
    let money = |v: u32| {
        let digits = v.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push('.');
            }
            out.push(c);
        }
        format!("{out} đồng")
    };
    let mut parts = Vec::new();
    if let Some(v) = p.fee.online {
        parts.push(format!("trực tuyến {}", money(v)));
    }
    if let Some(v) = p.fee.in_person {
        parts.push(format!("trực tiếp {}", money(v)));
    }
    if !p.fee.note.is_empty() {
        parts.push(p.fee.note.clone());
    }
    parts.join("; ")
}

/// `2026-12-03T15:30:00` → `15:30 ngày 03/12/2026`.
fn display_time(at: &str) -> String {
    match chrono::NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M:%S") {
        Ok(t) => t.format("%H:%M ngày %d/%m/%Y").to_string(),
        Err(_) => at.to_string(),
    }
}
