//! Signing a bulletin as ND30 asks, checked by pyHanko, poppler's pdfsig and `bantin verify`:
//! the signer first, then the agency, each an incremental update that leaves the
//! earlier signature valid; a byte changed afterwards breaks both; bad keys, images and
//! files are refused with a Vietnamese message naming the file, and nothing is written.

#[path = "sign_common/mod.rs"]
mod sign_common;
use sign_common::*;
use std::path::Path;

const SIGNER: &str = "/CN=Nguyễn Văn An/O=Công an tỉnh Thái Bình/C=VN";
const AGENCY: &str = "/CN=CÔNG AN TỈNH THÁI BÌNH/O=Bộ Công an/C=VN";

fn ok(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn failed(out: &std::process::Output, code: i32) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(code), "{stderr}");
    stderr
}

/// Signs `fields.pdf` as the signer (key `signer`, scheme `rsa`) then as the agency; returns both files.
fn sign_both(pki: &Pki, signer: &Path, agency: &Path, rsa: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let d = pki.path();
    bulletin_with_fields(d);
    signature_png(&d.join("chu-ky.png"));
    seal_png(&d.join("con-dau.png"));
    let (s, a) = (signer.to_str().unwrap(), agency.to_str().unwrap());
    let args =
        ["sign", "fields.pdf", "--as", "signer", "--key", s, "--image", "chu-ky.png", "--rsa", rsa, "-o", "s1.pdf"];
    assert_eq!(ok(&bantin_in(d, &args, &[])).trim(), "s1.pdf");
    let args = ["sign", "s1.pdf", "--as", "agency", "--key", a, "--image", "con-dau.png", "--rsa", rsa, "-o", "s2.pdf"];
    assert_eq!(ok(&bantin_in(d, &args, &[])).trim(), "s2.pdf");
    (d.join("s1.pdf"), d.join("s2.pdf"))
}

/// Both validators and `bantin verify` accept both signatures; the signer's covers its
/// revision and only signing followed it; the agency's covers the whole file.
fn check_valid(pki: &Pki, signed: &Path, mechanisms: [&str; 2]) {
    let (passed, report) = pyhanko(pki, signed);
    assert!(passed, "pyHanko rejected the file:\n{report}");
    let sections = pyhanko_sections(&report);
    assert_eq!(sections.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), ["NguoiKy", "CoQuan"], "{report}");
    for ((name, text), mechanism) in sections.iter().zip(mechanisms) {
        assert!(text.contains("The signature is judged VALID."), "{name}:\n{text}");
        assert!(text.contains("The signer's certificate is trusted."), "{name}:\n{text}");
        assert!(text.contains("The signature is cryptographically sound."), "{name}:\n{text}");
        assert!(text.contains(&format!("The signature mechanism used was '{mechanism}'")), "{name}:\n{text}");
    }
    assert!(sections[0].1.contains("All modifications relate to signing and form filling operations"), "{report}");
    assert!(sections[1].1.contains("The signature covers the entire file."), "{report}");

    let report = pdfsig(pki, signed);
    let sigs = pdfsig_sections(&report);
    assert_eq!(sigs.len(), 2, "{report}");
    for s in &sigs {
        assert!(s.contains("Signature Validation: Signature is Valid."), "{report}");
        assert!(s.contains("Certificate Validation: Certificate is Trusted."), "{report}");
        assert!(s.contains("Signature Type: ETSI.CAdES.detached"), "{report}");
    }
    assert!(sigs[0].contains("Field Name: NguoiKy") && sigs[0].contains("Not total document signed"), "{report}");
    assert!(sigs[1].contains("Field Name: CoQuan") && sigs[1].contains("Total document signed"), "{report}");

    let out = bantin_in(pki.path(), &["verify", signed.to_str().unwrap()], &[]);
    let text = ok(&out);
    assert_eq!(text.matches("Kết quả:   HỢP LỆ").count(), 2, "{text}");
    assert!(text.contains("Chữ ký 1: người ký (ô NguoiKy)") && text.contains("Chữ ký 2: cơ quan (ô CoQuan)"), "{text}");
    assert!(text.contains("CN=Nguyễn Văn An") && text.contains("CN=CÔNG AN TỈNH THÁI BÌNH"), "{text}");
    assert!(text.contains("+07:00"), "{text}");
}

/// One byte changed inside the signed ranges: every tool reports both signatures.
fn check_changed_byte(pki: &Pki, signed: &Path) {
    let mut bytes = std::fs::read(signed).unwrap();
    // A character of the Producer text string (hex, UTF-16) becomes the next one: still a valid PDF.
    let producer = bytes.windows(14).position(|w| w == b"/Producer<FEFF").expect("an Info dictionary") + 14;
    let at = producer + bytes[producer..].iter().position(|b| (b'0'..=b'8').contains(b)).unwrap();
    bytes[at] += 1;
    let changed = pki.path().join("changed.pdf");
    std::fs::write(&changed, &bytes).unwrap();

    let (passed, report) = pyhanko(pki, &changed);
    assert!(!passed, "pyHanko accepted a changed file:\n{report}");
    assert!(report.contains("NguoiKy") && report.matches("INVALID").count() >= 2, "{report}");
    let report = pdfsig(pki, &changed);
    assert_eq!(report.matches("Signature Validation: Digest Mismatch.").count(), 2, "{report}");
    let out = bantin_in(pki.path(), &["verify", "changed.pdf"], &[]);
    let stderr = failed(&out, 4);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.matches("KHÔNG HỢP LỆ").count(), 2, "{stdout}");
    assert!(stdout.contains("mã băm của phạm vi được ký không khớp"), "{stdout}");
    assert!(stderr.contains("changed.pdf") && stderr.contains("ô NguoiKy, ô CoQuan"), "{stderr}");

    // A changed file is not signed again.
    let agency = pki.path().join("agency.p12");
    let args = ["sign", "changed.pdf", "--as", "agency", "--key", agency.to_str().unwrap(), "-o", "again.pdf"];
    let stderr = failed(&bantin_in(pki.path(), &args, &[]), 2);
    assert!(stderr.contains("changed.pdf") && stderr.contains("đã bị thay đổi sau khi ký"), "{stderr}");
    assert!(!pki.path().join("again.pdf").exists());
}

/// `pdf` with an incremental update that replaces the last page's content stream (what a
/// forger would do to change the text after signing).
fn with_page_rewritten(pdf: &[u8]) -> Vec<u8> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let page = *doc.get_pages().values().last().unwrap();
    let content = doc.get_page_contents(page)[0];
    let prev: usize = {
        let tail = String::from_utf8_lossy(&pdf[pdf.len() - 40..]).into_owned();
        tail.split("startxref").nth(1).unwrap().split_whitespace().next().unwrap().parse().unwrap()
    };
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    let size = doc.trailer.get(b"Size").unwrap().as_i64().unwrap();
    let mut out = pdf.to_vec();
    let at = out.len();
    let stream = "BT /F1 40 Tf 100 400 Td (SUA) Tj ET";
    out.extend_from_slice(
        format!("{} 0 obj\n<</Length {}>>\nstream\n{stream}\nendstream\nendobj\n", content.0, stream.len()).as_bytes(),
    );
    let xref = out.len();
    out.extend_from_slice(
        format!(
            "xref\n{} 1\n{at:010} 00000 n \ntrailer\n<</Size {size}/Root {} 0 R/Prev {prev}>>\nstartxref\n{xref}\n%%EOF\n",
            content.0, root.0
        )
        .as_bytes(),
    );
    out
}

#[test]
fn a_later_revision_that_changes_the_page_is_reported() {
    let pki = Pki::new();
    let d = pki.path();
    let signer = pki.key("signer", SIGNER, Alg::P256);
    bulletin_with_fields(d);
    ok(&bantin_in(
        d,
        &["sign", "fields.pdf", "--as", "signer", "--key", signer.to_str().unwrap(), "-o", "s1.pdf"],
        &[],
    ));
    let forged = with_page_rewritten(&std::fs::read(d.join("s1.pdf")).unwrap());
    std::fs::write(d.join("forged.pdf"), forged).unwrap();

    let out = bantin_in(d, &["verify", "forged.pdf"], &[]);
    failed(&out, 4);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Phạm vi:   phiên bản 3 trên 4"), "{stdout}");
    assert!(
        stdout.contains("một phiên bản sau đã sửa đối tượng") && stdout.contains("không chỉ thêm chữ ký"),
        "{stdout}"
    );
    let (passed, report) = pyhanko(&pki, &d.join("forged.pdf"));
    assert!(!passed, "pyHanko accepted a page rewritten after signing:\n{report}");
    let e = failed(&bantin_in(d, &["sign", "forged.pdf", "--as", "agency", "--key", "signer.p12"], &[]), 2);
    assert!(e.contains("forged.pdf") && e.contains("đã bị thay đổi sau khi ký"), "{e}");
}

#[test]
fn rsa_pss_signer_then_ecdsa_agency() {
    let pki = Pki::new();
    let signer = pki.key("signer", SIGNER, Alg::Rsa);
    let agency = pki.key("agency", AGENCY, Alg::P256);
    let (s1, s2) = sign_both(&pki, &signer, &agency, "pss");
    // The update only appends: the signer's file is the start of the agency's.
    let (b1, b2) = (std::fs::read(&s1).unwrap(), std::fs::read(&s2).unwrap());
    assert!(b2.starts_with(&b1));
    assert!(std::fs::read(pki.path().join("fields.pdf")).unwrap().iter().zip(&b1).all(|(a, b)| a == b));
    check_valid(&pki, &s2, ["rsassa_pss", "sha256_ecdsa"]);
    check_changed_byte(&pki, &s2);
}

#[test]
fn ecdsa_signer_then_rsa_pkcs1_agency_and_reproducible_files() {
    let pki = Pki::new();
    let signer = pki.key("signer", SIGNER, Alg::P256);
    let agency = pki.key("agency", AGENCY, Alg::Rsa);
    let (_, s2) = sign_both(&pki, &signer, &agency, "pkcs1");
    check_valid(&pki, &s2, ["sha256_ecdsa", "sha256_rsa"]);

    // With SOURCE_DATE_EPOCH, RFC 6979 ECDSA and PKCS#1 v1.5 give the same bytes every time.
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() + 60;
    let epoch = [("SOURCE_DATE_EPOCH", now.to_string())];
    let env: Vec<(&str, &str)> = epoch.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let d = pki.path();
    let mut outputs = Vec::new();
    for name in ["r1.pdf", "r2.pdf"] {
        let args = ["sign", "fields.pdf", "--as", "signer", "--key", "signer.p12", "--image", "chu-ky.png", "-o", name];
        ok(&bantin_in(d, &args, &env));
        outputs.push(std::fs::read(d.join(name)).unwrap());
    }
    assert!(outputs[0] == outputs[1], "signing twice at the same SOURCE_DATE_EPOCH gave different files");
    let text = ok(&bantin_in(d, &["verify", "r1.pdf"], &[]));
    let expected = bantin::sign::iso_vietnam(now as i64);
    assert!(text.contains(&format!("Thời gian: {expected}")), "{text}");
}

#[test]
fn agency_before_signer_and_signing_twice_are_refused() {
    let pki = Pki::new();
    let d = pki.path();
    let signer = pki.key("signer", SIGNER, Alg::P256);
    let agency = pki.key("agency", AGENCY, Alg::P256);
    bulletin_with_fields(d);
    let before = std::fs::read(d.join("fields.pdf")).unwrap();
    let args = ["sign", "fields.pdf", "--as", "agency", "--key", agency.to_str().unwrap()];
    let stderr = failed(&bantin_in(d, &args, &[]), 2);
    assert!(stderr.contains("fields.pdf") && stderr.contains("thứ tự ký"), "{stderr}");
    assert!(stderr.contains("chưa có chữ ký số của người có thẩm quyền"), "{stderr}");
    assert_eq!(std::fs::read(d.join("fields.pdf")).unwrap(), before, "a refused signing changed the file");

    // Signed in place (no -o): the file grows by an update; a second signature in the same field is refused.
    ok(&bantin_in(d, &["sign", "fields.pdf", "--as", "signer", "--key", signer.to_str().unwrap()], &[]));
    let signed = std::fs::read(d.join("fields.pdf")).unwrap();
    assert!(signed.len() > before.len() && signed.starts_with(&before));
    let stderr = failed(&bantin_in(d, &["sign", "fields.pdf", "--as", "signer", "--key", "signer.p12"], &[]), 2);
    assert!(stderr.contains("đã có chữ ký của người ký"), "{stderr}");
}

#[test]
fn bad_keys_images_and_files_are_refused_by_name() {
    let pki = Pki::new();
    let d = pki.path();
    bulletin_with_fields(d);
    let good = pki.key("good", SIGNER, Alg::P256);
    let good = good.to_str().unwrap();
    let sign = |file: &str, key: &str, image: Option<&str>, env: &[(&str, &str)]| {
        let mut args = vec!["sign", file, "--as", "signer", "--key", key, "-o", "out.pdf"];
        if let Some(i) = image {
            args.extend(["--image", i]);
        }
        let out = bantin_in(d, &args, env);
        assert!(!d.join("out.pdf").exists(), "a failed signing left out.pdf");
        out
    };

    let e = failed(&sign("fields.pdf", good, None, &[("BANTIN_KEY_PASSWORD", "sai")]), 2);
    assert!(e.contains("good.p12") && e.contains("sai mật khẩu"), "{e}");

    // Expired, and not yet valid, at the signing time.
    let later = (std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
        + 20 * 366 * 86_400)
        .to_string();
    let e = failed(&sign("fields.pdf", good, None, &[("SOURCE_DATE_EPOCH", &later)]), 2);
    assert!(e.contains("good.p12") && e.contains("đã hết hạn"), "{e}");
    let e = failed(&sign("fields.pdf", good, None, &[("SOURCE_DATE_EPOCH", "1593561600")]), 2);
    assert!(e.contains("good.p12") && e.contains("chưa có hiệu lực"), "{e}");

    // A key without the CA's certificate, and a key without any certificate.
    let lonely = pki.key_with("lonely", SIGNER, Alg::Rsa, 365, false);
    let e = failed(&sign("fields.pdf", lonely.to_str().unwrap(), None, &[]), 2);
    assert!(e.contains("lonely.p12") && e.contains("thiếu chứng thư của tổ chức cấp"), "{e}");
    let pass = format!("pass:{PASSWORD}");
    run(
        d,
        "openssl",
        &["pkcs12", "-export", "-nocerts", "-inkey", "good.key", "-out", "nocert.p12", "-passout", &pass],
    );
    let e = failed(&sign("fields.pdf", "nocert.p12", None, &[]), 2);
    assert!(e.contains("nocert.p12") && e.contains("không có chứng thư số của khóa"), "{e}");
    std::fs::write(d.join("junk.p12"), b"not a key").unwrap();
    let e = failed(&sign("fields.pdf", "junk.p12", None, &[]), 2);
    assert!(e.contains("junk.p12") && e.contains("PKCS#12"), "{e}");

    // An image that is not a PNG, and a PNG without transparency.
    std::fs::write(d.join("anh.jpg"), b"\xff\xd8\xff\xe0 not a png").unwrap();
    let e = failed(&sign("fields.pdf", good, Some("anh.jpg"), &[]), 2);
    assert!(e.contains("anh.jpg") && e.contains("PNG"), "{e}");
    let mut enc_out = Vec::new();
    let mut enc = png::Encoder::new(&mut enc_out, 4, 4);
    enc.set_color(png::ColorType::Rgb);
    enc.write_header().unwrap().write_image_data(&[255; 48]).unwrap();
    std::fs::write(d.join("trang.png"), &enc_out).unwrap();
    let e = failed(&sign("fields.pdf", good, Some("trang.png"), &[]), 2);
    assert!(e.contains("trang.png") && e.contains("nền trong suốt"), "{e}");

    // A file that is not a PDF, a PDF without the fields, a missing file.
    std::fs::write(d.join("vanban.pdf"), b"Hello, not a PDF").unwrap();
    let e = failed(&sign("vanban.pdf", good, None, &[]), 2);
    assert!(e.contains("vanban.pdf") && e.contains("không phải tệp PDF"), "{e}");
    let plain = bantin::render::pdf::render(&bantin_sample_bulletin()).unwrap();
    std::fs::write(d.join("plain.pdf"), plain).unwrap();
    let e = failed(&sign("plain.pdf", good, None, &[]), 2);
    assert!(e.contains("plain.pdf") && e.contains("--sign-fields"), "{e}");
    let e = failed(&sign("missing.pdf", good, None, &[]), 3);
    assert!(e.contains("missing.pdf"), "{e}");
    let e = failed(&bantin_in(d, &["verify", "vanban.pdf"], &[]), 2);
    assert!(e.contains("vanban.pdf") && e.contains("không phải tệp PDF"), "{e}");
    // A PDF without signatures verifies with nothing to report.
    assert!(ok(&bantin_in(d, &["verify", "plain.pdf"], &[])).contains("không có chữ ký số"));
}

fn bantin_sample_bulletin() -> bantin::bulletin::Bulletin {
    let events = bantin::sample::events(12, 2020, 4);
    let period = bantin::period::Period::parse("2020-Q2").unwrap();
    let settings = bantin::Settings::new(1_593_561_600);
    bantin::compose::bulletin_from_events(&events, &period, &Default::default(), &settings).unwrap().1
}

/// Another writer's PDF: object streams and a cross-reference stream (qpdf rewrites the
/// bulletin so). The fields, both signatures and the checks work on it all the same.
#[test]
fn a_pdf_with_cross_reference_streams_is_signed_too() {
    let pki = Pki::new();
    let d = pki.path();
    let signer = pki.key("signer", SIGNER, Alg::Rsa);
    let agency = pki.key("agency", AGENCY, Alg::P256);
    let bulletin = bantin_sample_bulletin();
    std::fs::write(d.join("plain.pdf"), bantin::render::pdf::render(&bulletin).unwrap()).unwrap();
    run(d, "qpdf", &["--object-streams=generate", "plain.pdf", "objstm.pdf"]);
    let objstm = std::fs::read(d.join("objstm.pdf")).unwrap();
    assert!(
        objstm.windows(10).any(|w| w == b"/Type /XRe" || w == b"/Type/XRef"),
        "qpdf wrote a cross-reference stream"
    );
    let layout = bantin::layout(&bulletin).unwrap();
    let boxes = bantin::sign::fields::boxes(&bulletin, &layout).unwrap();
    let with = bantin::sign::fields::add_fields(&objstm, &boxes, "objstm.pdf").unwrap();
    assert!(with.starts_with(&objstm));
    let update = &with[objstm.len()..];
    assert!(update.windows(10).any(|w| w == b"/Type /XRe"), "the update's section is a stream too");
    assert!(!update.windows(6).any(|w| w == b"\nxref\n"), "no classic table after a stream");
    std::fs::write(d.join("fields.pdf"), &with).unwrap();
    signature_png(&d.join("chu-ky.png"));
    seal_png(&d.join("con-dau.png"));
    let (s, a) = (signer.to_str().unwrap(), agency.to_str().unwrap());
    ok(&bantin_in(
        d,
        &["sign", "fields.pdf", "--as", "signer", "--key", s, "--image", "chu-ky.png", "-o", "s1.pdf"],
        &[],
    ));
    ok(&bantin_in(d, &["sign", "s1.pdf", "--as", "agency", "--key", a, "--image", "con-dau.png", "-o", "s2.pdf"], &[]));
    check_valid(&pki, &d.join("s2.pdf"), ["rsassa_pss", "sha256_ecdsa"]);
    // qpdf itself reads the result without complaint.
    run(d, "qpdf", &["--check", "s2.pdf"]);
}

/// PAdES B-T: both signatures timestamped by a local RFC 3161 server (openssl ts behind a
/// small Python HTTP front); pyHanko finds the tokens sound and trusted, bantin shows their time.
#[test]
fn timestamps_make_both_signatures_b_t() {
    let pki = Pki::new();
    let d = pki.path();
    let signer = pki.key("signer", SIGNER, Alg::Rsa);
    let agency = pki.key("agency", AGENCY, Alg::P256);
    bulletin_with_fields(d);
    let tsa = pki.tsa(2);
    let (s, a) = (signer.to_str().unwrap(), agency.to_str().unwrap());
    let out =
        bantin_in(d, &["sign", "fields.pdf", "--as", "signer", "--key", s, "--tsa", &tsa.url, "-o", "t1.pdf"], &[]);
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("PAdES B-T"));
    ok(&bantin_in(d, &["sign", "t1.pdf", "--as", "agency", "--key", a, "--tsa", &tsa.url, "-o", "t2.pdf"], &[]));
    drop(tsa);
    check_valid(&pki, &d.join("t2.pdf"), ["rsassa_pss", "sha256_ecdsa"]);
    let (_, report) = pyhanko(&pki, &d.join("t2.pdf"));
    for (name, text) in pyhanko_sections(&report) {
        assert!(text.contains("The timestamp token is cryptographically sound."), "{name}:\n{text}");
        assert!(text.contains("The TSA certificate is trusted."), "{name}:\n{text}");
    }
    let text = ok(&bantin_in(d, &["verify", "t2.pdf"], &[]));
    assert_eq!(text.matches("(PAdES B-T)").count(), 2, "{text}");

    // A server that does not answer: an I/O error naming it, and no file.
    let args = ["sign", "fields.pdf", "--as", "signer", "--key", s, "--tsa", "http://127.0.0.1:9/", "-o", "t3.pdf"];
    let e = failed(&bantin_in(d, &args, &[]), 3);
    assert!(e.contains("http://127.0.0.1:9/") && e.contains("máy chủ dấu thời gian"), "{e}");
    assert!(!d.join("t3.pdf").exists());
}
