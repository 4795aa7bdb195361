//! Checking the signatures of a PDF: does each still cover the document as it was signed?
//!
//! For every signed field: the digest (SHA-2) of the byte ranges must equal the signed
//! message digest, the signature must verify with the certificate's key, the
//! certificate must have been valid at the signing time, and the revisions written
//! after it may only fill other signature fields (the new signature, its appearance,
//! the page's annotation list, the form's flags): any other object changed is reported.
//! Trust in the certificate's issuer is not judged here (that takes the CA's
//! certificate; see pyHanko's `--trust` or the agency's own software).

use super::cades::ID_MESSAGE_DIGEST;
use super::pdf::{revision_ends, Pdf};
use super::timestamp;
use super::{err, iso_vietnam, name_text, Role};
use crate::error::Result;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use der::{Decode, Encode};
use lopdf::{Dictionary, Object, ObjectId};
use sha2::Digest;
use std::collections::BTreeSet;

/// What was found about one signature.
#[derive(Debug, Clone, PartialEq)]
pub struct SignatureReport {
    /// The field's name (`NguoiKy`, `CoQuan`, or another tool's).
    pub field: String,
    /// The ND30 role, told by the field's name.
    pub role: Option<Role>,
    /// The signer's certificate subject.
    pub signer: String,
    /// The signing time from the signature dictionary (`/M`), ISO 8601 in Vietnam time.
    pub time: Option<String>,
    /// The time of the signature's timestamp (PAdES B-T), ISO 8601 in Vietnam time.
    pub timestamp: Option<String>,
    /// The revision the signature covers (1 = the first version of the file).
    pub revision: usize,
    /// How many revisions the file has.
    pub revisions: usize,
    /// What is wrong; empty when the signature is valid.
    pub problems: Vec<String>,
}

impl SignatureReport {
    /// Whether the signature verifies and still covers the document as it was signed.
    pub fn is_valid(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Checks every signature in `pdf`; `file` names it in errors. A file that is not a
/// PDF is an error; a broken signature is a report with problems.
pub fn verify(pdf: &[u8], file: &str) -> Result<Vec<SignatureReport>> {
    Ok(verify_read(&Pdf::read(pdf, file)?))
}

pub(super) fn verify_read(doc: &Pdf) -> Vec<SignatureReport> {
    let ends = revision_ends(doc.bytes);
    let mut reports = Vec::new();
    for (_, field, dict) in doc.signature_fields() {
        let Some(value) = dict.get(b"V").ok() else { continue };
        let Some(sig) = doc.dict(value) else { continue };
        let mut report = SignatureReport {
            role: Role::from_field_name(&field),
            field,
            signer: String::new(),
            time: sig.get(b"M").ok().and_then(|m| m.as_str().ok()).and_then(pdf_date_to_iso),
            timestamp: None,
            revision: 0,
            revisions: ends.len(),
            problems: Vec::new(),
        };
        check(doc, sig, &ends, &mut report);
        reports.push(report);
    }
    reports
}

/// Fills `report` for the signature dictionary `sig`.
fn check(doc: &Pdf, sig: &Dictionary, ends: &[usize], report: &mut SignatureReport) {
    let bytes = doc.bytes;
    let problems = &mut report.problems;
    let range: Vec<i64> = match sig.get(b"ByteRange") {
        Ok(Object::Array(a)) => a.iter().filter_map(|o| o.as_i64().ok()).collect(),
        _ => Vec::new(),
    };
    let [0, a, b, c] = range[..] else {
        problems.push("/ByteRange không hợp lệ".into());
        return;
    };
    let (a, b, c) = (a as usize, b as usize, c as usize);
    let end = b.saturating_add(c);
    if a >= b || end > bytes.len() || bytes.get(a) != Some(&b'<') || bytes.get(b - 1) != Some(&b'>') {
        problems.push("/ByteRange không khớp với vị trí /Contents trong tệp".into());
        return;
    }
    report.revision = ends.iter().position(|&e| e == end).map_or(0, |i| i + 1);
    if report.revision == 0 {
        problems.push("phạm vi được ký không kết thúc ở cuối một phiên bản của tệp".into());
    }
    let contents = match sig.get(b"Contents") {
        Ok(Object::String(s, _)) => s.as_slice(),
        _ => {
            problems.push("không có /Contents".into());
            return;
        }
    };
    let signed = match parse_cms(contents) {
        Ok(s) => s,
        Err(e) => {
            problems.push(format!("không đọc được chữ ký CMS ({e})"));
            return;
        }
    };
    // 1. The bytes signed are the bytes in the file; 2. the signature verifies with the certificate.
    let (info, cert) = match check_signed(&signed, &[&bytes[..a], &bytes[b..end]], problems) {
        Ok(found) => found,
        Err(e) => {
            problems.push(e);
            return;
        }
    };
    report.signer = name_text(cert.tbs_certificate().subject());
    if let Some(token) = timestamp_token(info) {
        check_timestamp(&token, info.signature.as_bytes(), &mut report.timestamp, problems);
    }

    // 3. The certificate was valid at the signing time.
    if let Some(at) = sig.get(b"M").ok().and_then(|m| m.as_str().ok()).and_then(pdf_date_unix) {
        let v = cert.tbs_certificate().validity();
        let (from, to) =
            (v.not_before.to_unix_duration().as_secs() as i64, v.not_after.to_unix_duration().as_secs() as i64);
        if at < from || at > to {
            problems.push(format!(
                "chứng thư không có hiệu lực lúc ký (hiệu lực {} – {})",
                iso_vietnam(from),
                iso_vietnam(to)
            ));
        }
    }

    // 4. Later revisions only filled signature fields.
    if end < bytes.len() && report.revision > 0 {
        match lopdf::Document::load_mem(&bytes[..end]) {
            Ok(old) => problems.extend(later_changes(&old, &doc.doc)),
            Err(e) => problems.push(format!("không đọc được phiên bản được ký ({e})")),
        }
    }
}

/// Checks the first signer of `signed` over the content `parts`: the message digest and the
/// signature over the signed attributes. Adds what is wrong to `problems`; returns the signer
/// and its certificate, or why they cannot be found.
fn check_signed<'s>(
    signed: &'s SignedData,
    parts: &[&[u8]],
    problems: &mut Vec<String>,
) -> Result<(&'s SignerInfo, &'s x509_cert::Certificate), String> {
    let info = signed.signer_infos.0.iter().next().ok_or("chữ ký CMS không có SignerInfo")?;
    let cert = signer_certificate(signed, info).ok_or("chữ ký CMS không kèm chứng thư của người ký")?;
    let digest = digest_of(&info.digest_alg.oid, parts)
        .ok_or_else(|| format!("thuật toán băm {} không được hỗ trợ", info.digest_alg.oid))?;
    let attrs = info.signed_attrs.as_ref();
    let signed_digest = attrs.and_then(|attrs| {
        attrs
            .iter()
            .find(|at| at.oid == ID_MESSAGE_DIGEST)
            .and_then(|at| at.values.get(0))
            .and_then(|v| v.decode_as::<der::asn1::OctetString>().ok())
    });
    match signed_digest {
        Some(d) if d.as_bytes() == digest.as_slice() => {}
        Some(_) => problems.push("nội dung đã bị thay đổi sau khi ký: mã băm của phạm vi được ký không khớp".into()),
        None => problems.push("chữ ký không có thuộc tính message-digest".into()),
    }
    match attrs.map(Encode::to_der) {
        Some(Ok(message)) => {
            if let Err(e) = verify_signature(cert, info, &message) {
                problems.push(format!("chữ ký không khớp với khóa công khai trong chứng thư ({e})"));
            }
        }
        _ => problems.push("chữ ký không có thuộc tính được ký".into()),
    }
    Ok((info, cert))
}

/// The signature-time-stamp token among `info`'s unsigned attributes (PAdES B-T).
fn timestamp_token(info: &SignerInfo) -> Option<Vec<u8>> {
    let attrs = info.unsigned_attrs.as_ref()?;
    let attr = attrs.iter().find(|a| a.oid == timestamp::ID_SIGNATURE_TIME_STAMP_TOKEN)?;
    attr.values.get(0)?.to_der().ok()
}

/// Checks a timestamp token over `signature`: it stamps this signature, and its own
/// signature verifies. Sets `time` to the stamped time.
fn check_timestamp(token: &[u8], signature: &[u8], time: &mut Option<String>, problems: &mut Vec<String>) {
    let info = match timestamp::tst_info(token) {
        Ok(i) => i,
        Err(e) => return problems.push(e),
    };
    *time = Some(iso_vietnam(info.time));
    if !timestamp::stamps(&info, signature) {
        problems.push("dấu thời gian không đóng cho chữ ký này".into());
    }
    let Ok(signed) = parse_cms(token) else { return problems.push("dấu thời gian không đọc được".into()) };
    let content =
        signed.encap_content_info.econtent.as_ref().and_then(|c| c.decode_as::<der::asn1::OctetString>().ok());
    let Some(content) = content else { return problems.push("dấu thời gian không có nội dung".into()) };
    let mut own = Vec::new();
    if let Err(e) = check_signed(&signed, &[content.as_bytes()], &mut own) {
        own.push(e);
    }
    problems.extend(own.into_iter().map(|p| format!("dấu thời gian: {p}")));
}

/// The SignedData inside a `/Contents` string (DER, followed by zero padding).
fn parse_cms(contents: &[u8]) -> Result<SignedData, der::Error> {
    let (info, _) = ContentInfo::from_der_partial(contents)?;
    info.content.decode_as::<SignedData>()
}

/// The certificate `info` names, from the SignedData's certificates.
fn signer_certificate<'s>(signed: &'s SignedData, info: &SignerInfo) -> Option<&'s x509_cert::Certificate> {
    let certs = signed.certificates.as_ref()?;
    certs.0.iter().find_map(|choice| {
        let cms::cert::CertificateChoices::Certificate(cert) = choice else { return None };
        let tbs = cert.tbs_certificate();
        let matches = match &info.sid {
            SignerIdentifier::IssuerAndSerialNumber(ias) => {
                &ias.issuer == tbs.issuer() && &ias.serial_number == tbs.serial_number()
            }
            SignerIdentifier::SubjectKeyIdentifier(_) => true,
        };
        matches.then_some(cert)
    })
}

/// The digest of `parts` with the algorithm `oid` (SHA-256, -384 or -512).
fn digest_of(oid: &der::asn1::ObjectIdentifier, parts: &[&[u8]]) -> Option<Vec<u8>> {
    fn run<D: Digest>(parts: &[&[u8]]) -> Vec<u8> {
        let mut d = D::new();
        parts.iter().for_each(|p| d.update(p));
        d.finalize().to_vec()
    }
    match oid.to_string().as_str() {
        "2.16.840.1.101.3.4.2.1" => Some(run::<sha2::Sha256>(parts)),
        "2.16.840.1.101.3.4.2.2" => Some(run::<sha2::Sha384>(parts)),
        "2.16.840.1.101.3.4.2.3" => Some(run::<sha2::Sha512>(parts)),
        _ => None,
    }
}

/// Verifies `info`'s signature over `message` with `cert`'s public key.
fn verify_signature(cert: &x509_cert::Certificate, info: &SignerInfo, message: &[u8]) -> Result<(), String> {
    use p256::pkcs8::DecodePublicKey;
    use rsa::signature::Verifier;
    let spki = cert.tbs_certificate().subject_public_key_info().to_der().map_err(|e| e.to_string())?;
    let sig = info.signature.as_bytes();
    let alg = info.signature_algorithm.oid.to_string();
    let sha256 = info.digest_alg.oid.to_string() == "2.16.840.1.101.3.4.2.1";
    let e = |e: rsa::signature::Error| e.to_string();
    match alg.as_str() {
        // rsaEncryption or sha256WithRSAEncryption: PKCS#1 v1.5.
        "1.2.840.113549.1.1.1" | "1.2.840.113549.1.1.11" if sha256 => {
            let key =
                rsa::pkcs1v15::VerifyingKey::<sha2::Sha256>::from_public_key_der(&spki).map_err(|e| e.to_string())?;
            key.verify(message, &rsa::pkcs1v15::Signature::try_from(sig).map_err(e)?).map_err(e)
        }
        // id-RSASSA-PSS (SHA-256 assumed from the digest algorithm; salt length detected).
        "1.2.840.113549.1.1.10" if sha256 => {
            let public = rsa::PublicKey::from_public_key_der(&spki).map_err(|e| e.to_string())?;
            let key = rsa::pss::VerifyingKey::<sha2::Sha256>::new_with_auto_salt_len(public);
            key.verify(message, &rsa::pss::Signature::try_from(sig).map_err(e)?).map_err(e)
        }
        // ecdsa-with-SHA256 on P-256.
        "1.2.840.10045.4.3.2" => {
            let key = p256::ecdsa::VerifyingKey::from_public_key_der(&spki).map_err(|e| e.to_string())?;
            key.verify(message, &p256::ecdsa::DerSignature::try_from(sig).map_err(e)?).map_err(e)
        }
        other => Err(format!("thuật toán chữ ký {other} không được hỗ trợ")),
    }
}

/// What the revisions after `old` changed beyond filling signature fields.
fn later_changes(old: &lopdf::Document, new: &lopdf::Document) -> Vec<String> {
    let mut problems = Vec::new();
    let is_sig_widget = |id: &ObjectId| {
        new.get_dictionary(*id).is_ok_and(|d| d.get(b"FT").ok().and_then(|t| t.as_name().ok()) == Some(b"Sig"))
    };
    for (id, before) in &old.objects {
        let Some(after) = new.objects.get(id) else { continue };
        if before == after {
            continue;
        }
        let allowed = match (before, after) {
            (Object::Dictionary(b), Object::Dictionary(a)) => {
                let changed = changed_keys(b, a);
                let type_of = |d: &Dictionary| d.get(b"Type").ok().and_then(|t| t.as_name().ok()).map(<[u8]>::to_vec);
                let kind = type_of(b);
                if b.get(b"FT").ok().and_then(|t| t.as_name().ok()) == Some(b"Sig") && !b.has(b"V") {
                    changed.iter().all(|k| k == b"V" || k == b"AP")
                } else if kind.as_deref() == Some(b"Catalog") {
                    changed.iter().all(|k| k == b"AcroForm")
                } else if kind.as_deref() == Some(b"Page") {
                    changed.iter().all(|k| k == b"Annots")
                        && appended_widgets(b.get(b"Annots").ok(), a.get(b"Annots").ok(), &is_sig_widget)
                } else if b.has(b"Fields") {
                    changed.iter().all(|k| k == b"SigFlags" || k == b"Fields")
                } else {
                    false
                }
            }
            (Object::Array(_), Object::Array(_)) => appended_widgets(Some(before), Some(after), &is_sig_widget),
            _ => false,
        };
        if !allowed {
            problems.push(format!(
                "một phiên bản sau đã sửa đối tượng {} {}{}, không chỉ thêm chữ ký",
                id.0,
                id.1,
                describe(before).map(|d| format!(" ({d})")).unwrap_or_default()
            ));
        }
    }
    problems
}

/// Whether `after` is `before` with signature widgets appended.
fn appended_widgets(before: Option<&Object>, after: Option<&Object>, is_sig: &dyn Fn(&ObjectId) -> bool) -> bool {
    let items = |o: Option<&Object>| match o {
        Some(Object::Array(a)) => Some(a.clone()),
        None => Some(Vec::new()),
        _ => None,
    };
    let (Some(b), Some(a)) = (items(before), items(after)) else { return false };
    a.starts_with(&b) && a[b.len()..].iter().all(|o| matches!(o, Object::Reference(id) if is_sig(id)))
}

/// The keys whose values differ between two dictionaries (added and removed ones too).
fn changed_keys(before: &Dictionary, after: &Dictionary) -> BTreeSet<Vec<u8>> {
    let keys: BTreeSet<Vec<u8>> = before.iter().chain(after.iter()).map(|(k, _)| k.clone()).collect();
    keys.into_iter().filter(|k| before.get(k).ok() != after.get(k).ok()).collect()
}

/// A short description of an object for messages.
fn describe(o: &Object) -> Option<&'static str> {
    let d = match o {
        Object::Dictionary(d) => d,
        Object::Stream(s) => &s.dict,
        _ => return None,
    };
    Some(match d.get(b"Type").ok().and_then(|t| t.as_name().ok()) {
        Some(b"Page") => "trang",
        Some(b"Catalog") => "danh mục tài liệu",
        Some(b"Font") => "phông chữ",
        Some(b"XObject") => "ảnh hoặc nhóm nét vẽ",
        _ if matches!(o, Object::Stream(_)) => "luồng nội dung",
        _ => return None,
    })
}

/// A PDF date `D:YYYYMMDDHHmmSS+HH'mm'` as seconds since the Unix epoch.
fn pdf_date_unix(s: &[u8]) -> Option<i64> {
    let s = std::str::from_utf8(s).ok()?.strip_prefix("D:")?;
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|t| t.parse::<i64>().ok());
    let (y, mo, d) = (num(0..4)?, num(4..6).unwrap_or(1), num(6..8).unwrap_or(1));
    let (h, mi, se) = (num(8..10).unwrap_or(0), num(10..12).unwrap_or(0), num(12..14).unwrap_or(0));
    let offset = match s.get(14..15) {
        Some(sign @ ("+" | "-")) => {
            let v = num(15..17).unwrap_or(0) * 3600 + num(18..20).unwrap_or(0) * 60;
            if sign == "-" {
                -v
            } else {
                v
            }
        }
        _ => 0,
    };
    Some(super::unix_of(y, mo, d, h, mi, se)? - offset)
}

/// A PDF date as ISO 8601 in Vietnam time.
fn pdf_date_to_iso(s: &[u8]) -> Option<String> {
    pdf_date_unix(s).map(iso_vietnam)
}

/// Text for a report's role.
pub fn role_text(report: &SignatureReport) -> &'static str {
    report.role.map_or("không rõ vai trò", Role::label)
}

/// The reports as the `bantin verify` command prints them (Vietnamese).
pub fn summary(reports: &[SignatureReport]) -> String {
    use std::fmt::Write as _;
    if reports.is_empty() {
        return "Tệp không có chữ ký số nào.\n".into();
    }
    let mut out = String::new();
    for (i, r) in reports.iter().enumerate() {
        let _ = writeln!(out, "Chữ ký {}: {} (ô {})", i + 1, role_text(r), r.field);
        let _ = writeln!(out, "  Người ký:  {}", if r.signer.is_empty() { "?" } else { &r.signer });
        let _ = writeln!(out, "  Thời gian: {}", r.time.as_deref().unwrap_or("?"));
        if let Some(t) = &r.timestamp {
            let _ = writeln!(out, "  Dấu thời gian: {t} (PAdES B-T)");
        }
        let _ = writeln!(out, "  Phạm vi:   phiên bản {} trên {} của tệp", r.revision, r.revisions);
        if r.is_valid() {
            let _ = writeln!(
                out,
                "  Kết quả:   HỢP LỆ: chữ ký khớp với chứng thư và còn bao trọn văn bản như lúc ký{}",
                if r.revision < r.revisions { " (các phiên bản sau chỉ thêm chữ ký)" } else { "" }
            );
        } else {
            let _ = writeln!(out, "  Kết quả:   KHÔNG HỢP LỆ");
            for p in &r.problems {
                let _ = writeln!(out, "    - {p}");
            }
        }
    }
    out
}

/// Fails, naming the field and what is wrong, when a signature in `reports` is not valid
/// (for callers that must not go on with such a file, like signing it again).
pub fn ensure_valid(reports: &[SignatureReport], file: &str) -> Result<()> {
    match reports.iter().find(|r| !r.is_valid()) {
        Some(r) => Err(err(
            file,
            format!("chữ ký ở ô {}", r.field),
            format!(
                "tệp đã bị thay đổi sau khi ký, chữ ký không còn hợp lệ ({}); không ký tiếp lên tệp này",
                r.problems.join("; ")
            ),
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_read_with_their_offset() {
        assert_eq!(pdf_date_unix(b"D:20200701070000+07'00'"), Some(1_593_561_600));
        assert_eq!(pdf_date_unix(b"D:20200701000000Z"), Some(1_593_561_600));
        assert_eq!(pdf_date_to_iso(b"D:20200701000000Z").as_deref(), Some("2020-07-01T07:00:00+07:00"));
        assert_eq!(pdf_date_unix(b"20200701"), None);
    }

    #[test]
    fn changed_keys_include_added_and_removed_ones() {
        let b = Dictionary::from_iter([("A", Object::Integer(1)), ("B", Object::Integer(2))]);
        let a = Dictionary::from_iter([("A", Object::Integer(1)), ("C", Object::Integer(3))]);
        let keys: Vec<Vec<u8>> = changed_keys(&b, &a).into_iter().collect();
        assert_eq!(keys, vec![b"B".to_vec(), b"C".to_vec()]);
    }
}
