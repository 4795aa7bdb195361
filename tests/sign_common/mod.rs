//! Helpers for the signing tests: a test PKI made with the `openssl` command at run time,
//! the signature and seal images, and the validators (pyHanko, poppler's pdfsig).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The password of every test key.
pub const PASSWORD: &str = "mật-khẩu thử";

/// Runs a tool, failing with an install hint when it is missing or fails.
pub fn run(dir: &Path, program: &str, args: &[&str]) -> Output {
    let out =
        Command::new(program).args(args).current_dir(dir).output().unwrap_or_else(|e| {
            panic!("cannot run {program} ({e}); run scripts/test.sh, which installs the test tools")
        });
    assert!(out.status.success(), "{program} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    out
}

/// The key algorithm of a test certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alg {
    /// RSA 2048.
    Rsa,
    /// ECDSA P-256.
    P256,
}

/// A test PKI in a temporary folder: `ca.pem`, an NSS database trusting it (`nss/`),
/// and keys made by [`Pki::key`].
pub struct Pki {
    /// The folder.
    pub dir: tempfile::TempDir,
}

const EXTENSIONS: &str = "[req]\ndistinguished_name = dn\nstring_mask = utf8only\nutf8 = yes\n[dn]\n\
[ca]\nbasicConstraints = critical, CA:TRUE\nkeyUsage = critical, keyCertSign, cRLSign\n\
subjectKeyIdentifier = hash\n[leaf]\nbasicConstraints = CA:FALSE\n\
keyUsage = critical, digitalSignature, nonRepudiation\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n\
[tsa_ext]\nbasicConstraints = CA:FALSE\nkeyUsage = critical, digitalSignature, nonRepudiation\n\
extendedKeyUsage = critical, timeStamping\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n";

/// `openssl ts -reply` settings of the test timestamp authority.
const TSA_CONFIG: &str = "[tsa]\ndefault_tsa = tsa1\n[tsa1]\ndir = .\nserial = ./tsaserial\ncrypto_device = builtin\n\
signer_cert = ./tsa.pem\ncerts = ./ca.pem\nsigner_key = ./tsa.key\nsigner_digest = sha256\ndefault_policy = 1.2.3.4.1\n\
digests = sha256, sha384, sha512\naccuracy = secs:1\nordering = yes\ntsa_name = no\ness_cert_id_chain = no\n\
ess_cert_id_alg = sha256\n";

/// A tiny HTTP front for `openssl ts -reply` on 127.0.0.1: prints its port, answers at most
/// `argv[1]` requests (each waited for at most 60 s), then exits.
const TSA_SERVER: &str = r#"
import http.server, subprocess, sys
class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        query = self.rfile.read(int(self.headers.get('Content-Length', 0)))
        open('query.tsq', 'wb').write(query)
        subprocess.run(['openssl', 'ts', '-reply', '-config', 'tsa.cnf', '-queryfile', 'query.tsq', '-out', 'reply.tsr'],
                       check=True, capture_output=True)
        body = open('reply.tsr', 'rb').read()
        self.send_response(200)
        self.send_header('Content-Type', 'application/timestamp-reply')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(('127.0.0.1', 0), Handler)
server.timeout = 60
print(server.server_port, flush=True)
for _ in range(int(sys.argv[1])):
    server.handle_request()
"#;

/// A running test timestamp authority; stopped when dropped.
pub struct Tsa {
    child: std::process::Child,
    /// Its address, `http://127.0.0.1:PORT/`.
    pub url: String,
}

impl Drop for Tsa {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Pki {
    /// A new CA ("Bantin Test CA") and an NSS database that trusts it, for pdfsig.
    pub fn new() -> Pki {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("ext.cnf"), EXTENSIONS).unwrap();
        run(
            d,
            "openssl",
            &["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem"]
                .iter()
                .copied()
                .chain([
                    "-days",
                    "3650",
                    "-subj",
                    "/CN=Bantin Test CA/O=Bantin",
                    "-config",
                    "ext.cnf",
                    "-extensions",
                    "ca",
                ])
                .collect::<Vec<_>>(),
        );
        std::fs::create_dir(d.join("nss")).unwrap();
        run(d, "certutil", &["-N", "-d", "sql:nss", "--empty-password"]);
        run(d, "certutil", &["-A", "-d", "sql:nss", "-n", "bantin-test-ca", "-t", "CT,CT,CT", "-i", "ca.pem"]);
        Pki { dir }
    }

    /// The folder's path.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Makes `NAME.p12` (password [`PASSWORD`]) with a key, its certificate (subject
    /// `subject`, valid `days` days from now, or from `start` when given as
    /// `YYYYMMDDHHMMSSZ`) and, when `chain`, the CA certificate.
    pub fn key_with(&self, name: &str, subject: &str, alg: Alg, days: u32, chain: bool) -> PathBuf {
        let d = self.path();
        let key = format!("{name}.key");
        match alg {
            Alg::Rsa => {
                run(d, "openssl", &["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", &key])
            }
            Alg::P256 => {
                run(d, "openssl", &["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", &key])
            }
        };
        let (csr, pem, p12) = (format!("{name}.csr"), format!("{name}.pem"), format!("{name}.p12"));
        run(
            d,
            "openssl",
            &["req", "-new", "-key", &key, "-out", &csr, "-subj", subject, "-utf8", "-config", "ext.cnf"],
        );
        let days = days.to_string();
        run(
            d,
            "openssl",
            &[
                "x509",
                "-req",
                "-in",
                &csr,
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                &pem,
                "-days",
                &days,
                "-extfile",
                "ext.cnf",
                "-extensions",
                "leaf",
            ],
        );
        let pass = format!("pass:{PASSWORD}");
        let mut args = vec!["pkcs12", "-export", "-inkey", &key, "-in", &pem, "-out", &p12, "-passout", &pass];
        if chain {
            args.extend(["-certfile", "ca.pem"]);
        }
        run(d, "openssl", &args);
        d.join(p12)
    }

    /// Starts a timestamp authority certified by the CA that answers at most `requests` requests.
    pub fn tsa(&self, requests: u32) -> Tsa {
        use std::io::BufRead;
        let d = self.path();
        run(d, "openssl", &["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "tsa.key"]);
        run(
            d,
            "openssl",
            &[
                "req",
                "-new",
                "-key",
                "tsa.key",
                "-out",
                "tsa.csr",
                "-subj",
                "/CN=Bantin Test TSA",
                "-config",
                "ext.cnf",
            ],
        );
        run(
            d,
            "openssl",
            &[
                "x509",
                "-req",
                "-in",
                "tsa.csr",
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                "tsa.pem",
                "-days",
                "3650",
                "-extfile",
                "ext.cnf",
                "-extensions",
                "tsa_ext",
            ],
        );
        std::fs::write(d.join("tsa.cnf"), TSA_CONFIG).unwrap();
        std::fs::write(d.join("tsaserial"), "01\n").unwrap();
        std::fs::write(d.join("tsa_server.py"), TSA_SERVER).unwrap();
        let mut child = Command::new("python3")
            .args(["tsa_server.py", &requests.to_string()])
            .current_dir(d)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("python3 runs the test timestamp server");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let port: u16 = line.trim().parse().expect("the server prints its port");
        Tsa { child, url: format!("http://127.0.0.1:{port}/") }
    }

    /// A key valid for ten years with its chain.
    pub fn key(&self, name: &str, subject: &str, alg: Alg) -> PathBuf {
        self.key_with(name, subject, alg, 3650, true)
    }
}

/// Writes an RGBA PNG of `w` × `h` pixels coloured by `pixel(x, y)`.
fn write_png(path: &Path, w: u32, h: u32, pixel: impl Fn(f32, f32) -> [u8; 4]) {
    let mut data = Vec::with_capacity((w * h * 4) as usize);
    for y in 0..h {
        for x in 0..w {
            data.extend_from_slice(&pixel(x as f32, y as f32));
        }
    }
    let file = std::fs::File::create(path).unwrap();
    let mut enc = png::Encoder::new(std::io::BufWriter::new(file), w, h);
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Eight);
    enc.write_header().unwrap().write_image_data(&data).unwrap();
}

/// The ND30 blue (signature image) and red (seal).
pub const BLUE: [u8; 3] = [20, 50, 210];
/// The seal's red.
pub const RED: [u8; 3] = [225, 25, 35];

/// A blue handwritten-like scribble on a transparent background, 3:1.
pub fn signature_png(path: &Path) {
    write_png(path, 360, 120, |x, y| {
        let t = x / 360.0;
        let curve = 60.0 + 38.0 * (t * 17.0).sin() * (t * 3.1).cos();
        let flourish = 95.0 - 10.0 * (t * 5.0).sin();
        let near = (y - curve).abs() < 3.5 || ((y - flourish).abs() < 2.5 && t > 0.15 && t < 0.9);
        if near && x > 12.0 && x < 348.0 {
            [BLUE[0], BLUE[1], BLUE[2], 255]
        } else {
            [0, 0, 0, 0]
        }
    });
}

/// A red round seal (two rings, a star) on a transparent background.
pub fn seal_png(path: &Path) {
    write_png(path, 240, 240, |x, y| {
        let (dx, dy) = (x - 119.5, y - 119.5);
        let r = (dx * dx + dy * dy).sqrt();
        let angle = dy.atan2(dx);
        let star = r < 28.0 + 16.0 * (5.0 * angle).cos().max(0.0);
        if (104.0..116.0).contains(&r) || (82.0..86.0).contains(&r) || star {
            [RED[0], RED[1], RED[2], 235]
        } else {
            [0, 0, 0, 0]
        }
    });
}

/// Runs `bantin` in `dir` with the key password in the environment and `extra_env`.
pub fn bantin_in(dir: &Path, args: &[&str], extra_env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_bantin"));
    cmd.args(args).current_dir(dir).env("BANTIN_KEY_PASSWORD", PASSWORD).env_remove("SOURCE_DATE_EPOCH");
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    cmd.output().expect("the bantin binary runs")
}

/// Writes the 40-article example bulletin with its empty signature fields to `dir/fields.pdf`.
pub fn bulletin_with_fields(dir: &Path) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let articles = root.join("examples/articles");
    let out = bantin_in(
        dir,
        &["bulletin", articles.to_str().unwrap(), "--period", "2020", "--format", "pdf", "--sign-fields", "-o", "."],
        &[("SOURCE_DATE_EPOCH", "1593561600")],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let path = dir.join("fields.pdf");
    std::fs::rename(dir.join("ban-tin-2020.pdf"), &path).unwrap();
    path
}

/// pyHanko's validation report (`--pretty-print`), trusting only the test CA.
pub fn pyhanko(pki: &Pki, pdf: &Path) -> (bool, String) {
    let out = Command::new("pyhanko")
        .args(["sign", "validate", "--pretty-print", "--no-revocation-check", "--trust-replace", "--trust"])
        .arg(pki.path().join("ca.pem"))
        .arg(pdf)
        .output()
        .unwrap_or_else(|e| panic!("cannot run pyhanko ({e}); run scripts/test.sh (pip install pyhanko-cli)"));
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
}

/// pdfsig's report, with the NSS database that trusts the test CA.
pub fn pdfsig(pki: &Pki, pdf: &Path) -> String {
    let out = Command::new("pdfsig")
        .arg("-nssdir")
        .arg(format!("sql:{}", pki.path().join("nss").display()))
        .arg(pdf)
        .output()
        .unwrap_or_else(|e| panic!("cannot run pdfsig ({e}); run scripts/test.sh (poppler-utils)"));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The sections of a pyHanko report, one per signature field, by field name.
pub fn pyhanko_sections(report: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in report.lines() {
        if let Some(name) = line.strip_prefix("Field ").and_then(|r| r.split_once(": ")).map(|(_, n)| n.trim()) {
            out.push((name.to_string(), String::new()));
        } else if let Some((_, text)) = out.last_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    out
}

/// The sections of a pdfsig report, one per signature.
pub fn pdfsig_sections(report: &str) -> Vec<String> {
    report.split("Signature #").skip(1).map(str::to_string).collect()
}
