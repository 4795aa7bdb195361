//! Issuing a bulletin as an electronic document under Nghị định 30/2020 (Art. 5, Phụ lục I
//! II.7–8, Phụ lục VI): signature fields, PAdES signatures, their verification, and the
//! document-management metadata.
//!
//! Everything here works on finished PDF bytes, whatever wrote them: fields and
//! signatures are appended as incremental updates, so earlier bytes (and so earlier
//! signatures) never change. The order ND30 sets is kept: the signer (người có thẩm
//! quyền) signs first, in ô 7c; the agency (văn thư cơ quan) signs when issuing, in ô 8.
//!
//! ```no_run
//! use bantin::sign::{self, fields, Key, RsaScheme, Role, SignOptions};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let bulletin: bantin::bulletin::Bulletin = unimplemented!();
//! let pdf = bantin::render::pdf::render(&bulletin)?;
//! let pdf = fields::render_with_fields(&bulletin, &pdf)?;             // ô 7c and ô 8, empty
//! let key = Key::from_pkcs12(&std::fs::read("nguoi-ky.p12")?, "mật khẩu", RsaScheme::Pss, "nguoi-ky.p12")?;
//! let image = std::fs::read("chu-ky.png")?;
//! let options = SignOptions { role: Role::Signer, image: Some(&image), image_file: "chu-ky.png", time_unix: 1_593_561_600, tsa: None };
//! let signed = sign::sign_pdf(&pdf, &key, &options, "ban-tin.pdf")?;  // PAdES B-B, appended
//! for s in sign::verify::verify(&signed, "ban-tin.pdf")? {
//!     println!("{}: {}", s.field, if s.is_valid() { "hợp lệ" } else { "không hợp lệ" });
//! }
//! # Ok(()) }
//! ```

mod appearance;
mod cades;
pub mod fields;
mod key;
pub mod metadata;
mod pdf;
mod timestamp;
pub mod verify;

pub use key::{Key, RsaScheme};

use crate::error::{Error, Result};
use lopdf::{Dictionary, Object};
use pdf::{Pdf, Update};
use sha2::Digest;
use std::fmt::Write as _;

/// Bytes reserved for the CMS signature in `/Contents` (written as twice as many hex digits).
const CONTENTS_BYTES: usize = 16_384;
/// The `/ByteRange` placeholder, overwritten (same length) once the offsets are known.
const BYTE_RANGE_PLACEHOLDER: &str = "[0 0000000000 0000000000 0000000000]";

/// Vietnam's time zone, UTC+07:00, in seconds.
const VIETNAM_OFFSET: i64 = 7 * 3600;

/// Who signs: ND30 has two signatures on a document, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The competent signer (người có thẩm quyền), ô 7c: the signature image.
    Signer,
    /// The issuing agency (cơ quan, tổ chức), ô 8: the seal image, applied by the records office.
    Agency,
}

impl Role {
    /// The signature field's name (`/T`), by which [`verify`] tells the roles apart.
    pub fn field_name(self) -> &'static str {
        match self {
            Role::Signer => "NguoiKy",
            Role::Agency => "CoQuan",
        }
    }

    /// The role in words, for messages.
    pub fn label(self) -> &'static str {
        match self {
            Role::Signer => "người ký",
            Role::Agency => "cơ quan",
        }
    }

    /// The field's tooltip (`/TU`) and the signature's `/Reason`.
    fn description(self) -> &'static str {
        match self {
            Role::Signer => "Chữ ký số của người có thẩm quyền (ô 7c, Nghị định 30/2020/NĐ-CP)",
            Role::Agency => "Chữ ký số của cơ quan, tổ chức ban hành (ô 8, Nghị định 30/2020/NĐ-CP)",
        }
    }

    /// The role whose field is named `name`.
    pub fn from_field_name(name: &str) -> Option<Role> {
        [Role::Signer, Role::Agency].into_iter().find(|r| r.field_name() == name)
    }
}

/// What to sign with, besides the key.
#[derive(Debug, Clone, Copy)]
pub struct SignOptions<'a> {
    /// Who signs.
    pub role: Role,
    /// The PNG shown in the field: the blue signature (signer) or the red seal (agency).
    pub image: Option<&'a [u8]>,
    /// The image's file name, for errors.
    pub image_file: &'a str,
    /// Signing time, seconds since the Unix epoch (from `SOURCE_DATE_EPOCH` for reproducible files).
    pub time_unix: i64,
    /// An RFC 3161 timestamp server (`http://…`): the signature is then timestamped (PAdES B-T).
    pub tsa: Option<&'a str>,
}

/// An input error in Vietnamese, naming the file and place.
fn err(file: impl Into<String>, place: impl Into<String>, message: impl Into<String>) -> Error {
    Error::input(file, place, message)
}

/// `unix` as ISO 8601 in Vietnam time, e.g. `2020-07-01T07:00:00+07:00`.
pub fn iso_vietnam(unix: i64) -> String {
    vietnam_time(unix, "%Y-%m-%dT%H:%M:%S+07:00")
}

/// `unix` as a PDF date in Vietnam time, e.g. `D:20200701070000+07'00'`.
fn pdf_date(unix: i64) -> String {
    vietnam_time(unix, "D:%Y%m%d%H%M%S+07'00'")
}

/// `unix` in Vietnam's time zone (UTC+7, no daylight saving), formatted by chrono.
fn vietnam_time(unix: i64, format: &str) -> String {
    let local = unix.saturating_add(VIETNAM_OFFSET);
    let t = chrono::DateTime::from_timestamp(local, 0).unwrap_or(chrono::DateTime::UNIX_EPOCH);
    t.naive_utc().format(format).to_string()
}

/// Seconds since the Unix epoch of a UTC calendar time, `None` if it does not exist.
pub(crate) fn unix_of(y: i64, mo: i64, d: i64, h: i64, mi: i64, s: i64) -> Option<i64> {
    let date =
        chrono::NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, u32::try_from(mo).ok()?, u32::try_from(d).ok()?)?;
    let time = date.and_hms_opt(u32::try_from(h).ok()?, u32::try_from(mi).ok()?, u32::try_from(s).ok()?)?;
    Some(time.and_utc().timestamp())
}

/// A distinguished name as `CN=…, O=…, C=…`, with UTF-8 values decoded.
fn name_text(name: &x509_cert::name::Name) -> String {
    let mut parts = Vec::new();
    for rdn in name.iter_rdn().collect::<Vec<_>>().into_iter().rev() {
        for atv in rdn.iter() {
            let key = match atv.oid.to_string().as_str() {
                "2.5.4.3" => "CN",
                "2.5.4.10" => "O",
                "2.5.4.11" => "OU",
                "2.5.4.6" => "C",
                "2.5.4.7" => "L",
                "2.5.4.8" => "ST",
                "2.5.4.5" => "SERIALNUMBER",
                "0.9.2342.19200300.100.1.1" => "UID",
                other => {
                    parts.push(format!("{other}={}", any_text(&atv.value)));
                    continue;
                }
            };
            parts.push(format!("{key}={}", any_text(&atv.value)));
        }
    }
    parts.join(", ")
}

/// The common name (CN) of a distinguished name, or the whole name when it has none.
fn common_name(name: &x509_cert::name::Name) -> String {
    for rdn in name.iter_rdn() {
        for atv in rdn.iter() {
            if atv.oid.to_string() == "2.5.4.3" {
                return any_text(&atv.value);
            }
        }
    }
    name_text(name)
}

/// A directory string's text (UTF8String, PrintableString, IA5String …).
fn any_text(value: &der::Any) -> String {
    String::from_utf8_lossy(value.value()).into_owned()
}

/// Signs `pdf` in the field of `options.role`: a PAdES baseline B-B signature
/// (CAdES detached, SHA-256; B-T with `options.tsa`) appended as an incremental update, with the ND30
/// appearance. Refuses a PDF changed after an earlier signature, a field already
/// signed, the agency signing before the signer (and the signer after the agency),
/// and a certificate not valid at the signing time. `file` names the PDF in errors.
pub fn sign_pdf(pdf: &[u8], key: &Key, options: &SignOptions, file: &str) -> Result<Vec<u8>> {
    let doc = Pdf::read(pdf, file)?;
    verify::ensure_valid(&verify::verify_read(&doc), file)?;
    let role = options.role;
    let fields = doc.signature_fields();
    let signed = |r: Role| fields.iter().any(|(_, name, d)| name == r.field_name() && d.has(b"V"));
    let (field_id, _, field) = fields.iter().find(|(_, name, _)| name == role.field_name()).ok_or_else(|| {
        err(
            file,
            format!("ô ký {}", role.field_name()),
            "tệp PDF không có ô chữ ký này; hãy tạo bản tin với `bantin bulletin … --sign-fields`",
        )
    })?;
    if field.has(b"V") {
        return Err(err(
            file,
            format!("ô ký {}", role.field_name()),
            format!("ô này đã có chữ ký của {}", role.label()),
        ));
    }
    match role {
        Role::Agency if !signed(Role::Signer) => {
            return Err(err(
                file,
                "thứ tự ký",
                "văn bản chưa có chữ ký số của người có thẩm quyền; theo Nghị định 30/2020/NĐ-CP, văn thư cơ quan \
                 chỉ ký số của cơ quan sau khi người có thẩm quyền đã ký",
            ))
        }
        Role::Signer if signed(Role::Agency) => {
            return Err(err(
                file,
                "thứ tự ký",
                "văn bản đã có chữ ký số của cơ quan; người có thẩm quyền phải ký trước cơ quan",
            ))
        }
        _ => {}
    }
    key.check_validity(options.time_unix, &key.file)?;
    let rect = rect_of(field).ok_or_else(|| err(file, format!("ô ký {}", role.field_name()), "ô ký không có /Rect"))?;

    let mut up = Update::new(&doc);
    let ap = appearance::build(&mut up, key, options, rect, file)?;
    let sig_id = up.reserve();
    up.set_raw(sig_id, signature_dictionary(key, options));
    let mut field = field.clone();
    field.set("V", Object::Reference(sig_id));
    field.set("AP", Object::Dictionary(Dictionary::from_iter([("N", Object::Reference(ap))])));
    up.set(*field_id, &Object::Dictionary(field));
    if role == Role::Signer {
        // SignaturesExist | AppendOnly: viewers must keep later changes incremental.
        if let Some((form_id, mut form)) = doc.acroform() {
            form.set("SigFlags", Object::Integer(3));
            match form_id {
                Some(id) => up.set(id, &Object::Dictionary(form)),
                None => {
                    if let Some(root) = doc.root_id() {
                        let mut catalog = doc.doc.get_dictionary(root).cloned().unwrap_or_default();
                        catalog.set("AcroForm", Object::Dictionary(form));
                        up.set(root, &Object::Dictionary(catalog));
                    }
                }
            }
        }
    }
    let (mut bytes, offsets) = up.finish();
    let sig_at = offsets.get(&sig_id).copied().unwrap_or(0);
    fill_signature(&mut bytes, sig_at, key, options.tsa, file)?;
    Ok(bytes)
}

/// `/Rect` of a widget as `[left, bottom, right, top]`.
fn rect_of(d: &Dictionary) -> Option<[f32; 4]> {
    let Ok(Object::Array(a)) = d.get(b"Rect") else { return None };
    let v: Vec<f32> = a.iter().filter_map(|o| o.as_float().ok()).collect();
    let [x0, y0, x1, y1] = v[..] else { return None };
    Some([x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)])
}

/// The signature dictionary's body, with the placeholders [`fill_signature`] fills in.
fn signature_dictionary(key: &Key, options: &SignOptions) -> Vec<u8> {
    let mut out = Vec::with_capacity(CONTENTS_BYTES * 2 + 512);
    out.extend_from_slice(b"<</Type /Sig/Filter /Adobe.PPKLite/SubFilter /ETSI.CAdES.detached/ByteRange ");
    out.extend_from_slice(BYTE_RANGE_PLACEHOLDER.as_bytes());
    out.extend_from_slice(b"/Contents <");
    out.resize(out.len() + CONTENTS_BYTES * 2, b'0');
    out.extend_from_slice(b">/M ");
    pdf::write_object(
        &mut out,
        &Object::String(pdf_date(options.time_unix).into_bytes(), lopdf::StringFormat::Literal),
    );
    out.extend_from_slice(b"/Name ");
    pdf::write_object(&mut out, &pdf::pdf_text(&common_name(key.certificate.tbs_certificate().subject())));
    out.extend_from_slice(b"/Reason ");
    pdf::write_object(&mut out, &pdf::pdf_text(options.role.description()));
    out.extend_from_slice(b">>");
    out
}

/// Writes the byte range and the CMS signature into the signature dictionary at `sig_at`.
fn fill_signature(bytes: &mut [u8], sig_at: usize, key: &Key, tsa: Option<&str>, file: &str) -> Result<()> {
    let find = |bytes: &[u8], what: &[u8]| {
        bytes[sig_at..].windows(what.len()).position(|w| w == what).map(|p| sig_at + p + what.len())
    };
    let internal =
        || Error::Render { what: "chữ ký PDF".into(), message: "không tìm thấy chỗ ghi chữ ký".into() };
    let range_at = find(bytes, b"/ByteRange ").ok_or_else(internal)?;
    let open = find(bytes, b"/Contents <").ok_or_else(internal)? - 1;
    let close = open + CONTENTS_BYTES * 2 + 2;
    let len = bytes.len();
    let mut range = String::new();
    let _ = write!(range, "[0 {open} {close} {}]", len - close);
    if range.len() > BYTE_RANGE_PLACEHOLDER.len() {
        return Err(internal());
    }
    let padded = format!("{range:<width$}", width = BYTE_RANGE_PLACEHOLDER.len());
    bytes[range_at..range_at + padded.len()].copy_from_slice(padded.as_bytes());
    let mut hasher = sha2::Sha256::new();
    hasher.update(&bytes[..open]);
    hasher.update(&bytes[close..]);
    let digest = hasher.finalize();
    let cms = cades::signed_data(key, &digest, tsa)?;
    if cms.len() > CONTENTS_BYTES {
        return Err(err(
            file,
            "chữ ký",
            format!(
                "chữ ký số dài {} byte, quá chỗ dành sẵn {CONTENTS_BYTES} byte (chuỗi chứng thư quá dài?)",
                cms.len()
            ),
        ));
    }
    let mut hex = String::with_capacity(cms.len() * 2);
    for b in &cms {
        let _ = write!(hex, "{b:02X}");
    }
    bytes[open + 1..open + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_written_in_vietnam_time() {
        assert_eq!(iso_vietnam(1_593_561_600), "2020-07-01T07:00:00+07:00");
        assert_eq!(pdf_date(1_593_561_600), "D:20200701070000+07'00'");
        assert_eq!(iso_vietnam(1_593_561_600 + 17 * 3600 + 61), "2020-07-02T00:01:01+07:00");
    }

    #[test]
    fn roles_are_told_apart_by_field_name() {
        for r in [Role::Signer, Role::Agency] {
            assert_eq!(Role::from_field_name(r.field_name()), Some(r));
        }
        assert_eq!(Role::from_field_name("Signature1"), None);
    }
}
