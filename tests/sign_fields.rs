//! The empty signature fields of `--sign-fields` sit where ND30 puts the images (ô 7c
//! between the title and the name, ô 8 over the left third of it), nothing on the page
//! moves, and once signed the rendered page shows the blue signature and the red seal there.

mod common;
#[path = "sign_common/mod.rs"]
mod sign_common;
use bantin::fonts::{self, Face};
use bantin::layout::Item;
use bantin::sign::fields::{self, FieldBoxes, SEAL_MM};
use sign_common::*;
use std::path::Path;

const MM: f32 = 72.0 / 25.4;

/// The example bulletin (the 40 articles of 2020), composed as `bantin bulletin` does.
fn example_bulletin() -> bantin::bulletin::Bulletin {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let events = bantin::load::load_inputs(&[root.join("examples/articles")]).unwrap();
    let period = bantin::period::Period::parse("2020").unwrap();
    let settings = bantin::Settings::new(1_593_561_600);
    bantin::compose::bulletin_from_events(&events, &period, &Default::default(), &settings).unwrap().1
}

/// The widgets' `/Rect`s by field name, and the page they are on.
fn widget_rects(pdf: &[u8]) -> Vec<(String, usize, [f32; 4])> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let pages: Vec<_> = doc.get_pages().into_values().collect();
    let mut out = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let Ok(lopdf::Object::Array(annots)) = doc.get_dictionary(*page).unwrap().get(b"Annots") else { continue };
        for a in annots {
            let d = doc.get_dictionary(a.as_reference().unwrap()).unwrap();
            let name = String::from_utf8(d.get(b"T").unwrap().as_str().unwrap().to_vec()).unwrap();
            let lopdf::Object::Array(r) = d.get(b"Rect").unwrap() else { panic!() };
            let r: Vec<f32> = r.iter().map(|v| v.as_float().unwrap()).collect();
            assert_eq!(d.get(b"FT").unwrap().as_name().unwrap(), b"Sig");
            out.push((name, i, [r[0], r[1], r[2], r[3]]));
        }
    }
    out
}

#[test]
fn fields_sit_where_nd30_puts_the_images() {
    let bulletin = example_bulletin();
    let layout = bantin::layout(&bulletin).unwrap();
    let boxes = fields::boxes(&bulletin, &layout).unwrap();
    let last = layout.pages.len() - 1;
    assert_eq!(boxes.page, last);

    // The closing block's runs, found here by their text.
    let runs: Vec<_> = layout.pages[last]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) if t.face == Face::Bold => Some(t),
            _ => None,
        })
        .collect();
    let title = runs.iter().rev().find(|t| t.text == "PHÓ GIÁM ĐỐC").expect("the title line");
    let name = runs.iter().rev().find(|t| t.text == "Đại tá Nguyễn Văn An").expect("the name line");
    let m = fonts::metrics(Face::Bold);
    let h = layout.height;
    // PDF coordinates of the bottom of the title and the top of the name.
    let title_bottom = h - (title.y - m.descent_pt(14.0));
    let name_top = h - (name.y - m.ascent_pt(14.0));
    let [x0, y0, x1, y1] = boxes.signer;
    assert!(y1 <= title_bottom && y1 > title_bottom - 4.0, "ô 7c starts under the title: {y1} vs {title_bottom}");
    assert!(y0 >= name_top && y0 < name_top + 4.0, "ô 7c ends over the name: {y0} vs {name_top}");
    let centre = name.x + name.width() / 2.0;
    assert!(((x0 + x1) / 2.0 - centre).abs() < 0.01, "ô 7c is centred on the name");
    assert!((x1 - x0 - 50.0 * MM).abs() < 0.01 && y1 - y0 > 15.0 * MM);

    // ô 8: the seal at real size, its right edge a third into ô 7c, centred on it vertically.
    let [sx0, sy0, sx1, sy1] = boxes.seal;
    assert!((sx1 - sx0 - SEAL_MM * MM).abs() < 0.01 && (sy1 - sy0 - SEAL_MM * MM).abs() < 0.01);
    assert!((sx1 - (x0 + (x1 - x0) / 3.0)).abs() < 0.01, "the seal covers the left third of the signature");
    assert!(((sy0 + sy1) / 2.0 - (y0 + y1) / 2.0).abs() < 0.01);
    assert!(boxes.agency[0] == sx0 && boxes.agency[3] == sy1 && boxes.agency[1] < sy0, "the text goes under the seal");
    assert!(
        sx0 > layout.text_area.0 + 0.45 * (layout.text_area.2 - layout.text_area.0) - 1.0,
        "in the signature column"
    );

    // The PDF's widgets have exactly these rectangles, on the last page.
    let plain = bantin::render::pdf::render(&bulletin).unwrap();
    let with = fields::render_with_fields(&bulletin, &plain).unwrap();
    let rects = widget_rects(&with);
    let close = |a: [f32; 4], b: [f32; 4]| a.iter().zip(b).all(|(p, q)| (p - q).abs() < 0.01);
    assert_eq!(rects.len(), 2);
    assert!(rects[0].0 == "NguoiKy" && rects[0].1 == last && close(rects[0].2, boxes.signer), "{rects:?}");
    assert!(rects[1].0 == "CoQuan" && rects[1].1 == last && close(rects[1].2, boxes.agency), "{rects:?}");
    assert!(with.starts_with(&plain), "the fields are an incremental update");
    assert!(fields::add_fields(&with, &boxes, "x.pdf").is_err(), "fields are not added twice");
}

#[test]
fn nothing_on_the_page_moves() {
    let dir = tempfile::tempdir().unwrap();
    let bulletin = example_bulletin();
    let plain = bantin::render::pdf::render(&bulletin).unwrap();
    let with = fields::render_with_fields(&bulletin, &plain).unwrap();
    let (a, b) = (dir.path().join("plain.pdf"), dir.path().join("with.pdf"));
    std::fs::write(&a, &plain).unwrap();
    std::fs::write(&b, &with).unwrap();
    let words = |p: &Path| {
        common::pdf_words(p).into_iter().map(|w| (w.page, w.text, w.x0, w.y0, w.x1, w.y1)).collect::<Vec<_>>()
    };
    let before = words(&a);
    assert!(before.len() > 200);
    assert_eq!(before, words(&b), "pdftotext -bbox differs after adding the fields");
    // The pages' content streams are the same objects, byte for byte.
    let contents = |pdf: &[u8]| {
        let doc = lopdf::Document::load_mem(pdf).unwrap();
        let pages: Vec<_> = doc.get_pages().into_values().collect();
        pages.iter().map(|p| doc.get_page_content(*p)).collect::<Vec<_>>()
    };
    assert_eq!(contents(&plain), contents(&with));
}

/// Pixels of `png` (RGB or RGBA) in a colour close to `colour`, as `(x, y)`.
fn pixels_like(png_path: &Path, colour: [u8; 3]) -> (u32, u32, Vec<(u32, u32)>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(png_path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let mut found = Vec::new();
    for y in 0..info.height {
        for x in 0..info.width {
            let at = ((y * info.width + x) as usize) * channels;
            let p = &buf[at..at + 3];
            if p.iter().zip(colour).all(|(&a, b)| (i32::from(a) - i32::from(b)).abs() < 40) {
                found.push((x, y));
            }
        }
    }
    (info.width, info.height, found)
}

/// Whether pixel `(x, y)` of a page rendered at `dpi` lies in the PDF rectangle `r` (with `slack` points).
fn inside(p: (u32, u32), dpi: f32, r: [f32; 4], slack: f32) -> bool {
    let scale = 72.0 / dpi;
    let (x, y) = ((p.0 as f32 + 0.5) * scale, 842.0 - (p.1 as f32 + 0.5) * scale);
    x >= r[0] - slack && x <= r[2] + slack && y >= r[1] - slack && y <= r[3] + slack
}

#[test]
fn the_signed_page_shows_the_signature_and_the_seal_in_place() {
    let pki = Pki::new();
    let d = pki.path();
    let signer = pki.key("signer", "/CN=Nguyễn Văn An/C=VN", Alg::P256);
    let agency = pki.key("agency", "/CN=CÔNG AN TỈNH THÁI BÌNH/C=VN", Alg::P256);
    bulletin_with_fields(d);
    signature_png(&d.join("chu-ky.png"));
    seal_png(&d.join("con-dau.png"));
    let s = ["sign", "fields.pdf", "--as", "signer", "--key", signer.to_str().unwrap(), "--image", "chu-ky.png"];
    assert!(bantin_in(d, &s, &[]).status.success());
    let a = ["sign", "fields.pdf", "--as", "agency", "--key", agency.to_str().unwrap(), "--image", "con-dau.png"];
    let out = bantin_in(d, &a, &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let bulletin = example_bulletin();
    let boxes: FieldBoxes = fields::boxes(&bulletin, &bantin::layout(&bulletin).unwrap()).unwrap();
    let page = (boxes.page + 1).to_string();
    // The pictures to look at: the whole page at 60 dpi, the signature block at 200 dpi.
    let look = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("sign-look");
    std::fs::create_dir_all(&look).unwrap();
    let prefix = look.join("trang");
    run(
        d,
        "pdftoppm",
        &["-png", "-r", "60", "-f", &page, "-l", &page, "-singlefile", "fields.pdf", prefix.to_str().unwrap()],
    );
    let (x, y) = ((boxes.seal[0] - 20.0) / 72.0 * 200.0, (842.0 - boxes.seal[3] - 20.0) / 72.0 * 200.0);
    let crop = look.join("khoi-chu-ky");
    let geometry = [x as u32, y as u32, 760, 620].map(|v| v.to_string());
    run(
        d,
        "pdftoppm",
        &[
            "-png",
            "-r",
            "200",
            "-f",
            &page,
            "-l",
            &page,
            "-singlefile",
            "-x",
            &geometry[0],
            "-y",
            &geometry[1],
            "-W",
            &geometry[2],
            "-H",
            &geometry[3],
            "fields.pdf",
            crop.to_str().unwrap(),
        ],
    );
    eprintln!("rendered pages: {}", look.display());

    let page_png = look.join("trang.png");
    let (w, h, blue) = pixels_like(&page_png, BLUE);
    assert_eq!((w, h), (497, 702), "A4 at 60 dpi");
    assert!(blue.len() > 150, "the blue signature shows ({} pixels)", blue.len());
    assert!(blue.iter().all(|&p| inside(p, 60.0, boxes.signer, 1.5)), "blue only inside ô 7c");
    let (_, _, red) = pixels_like(&page_png, RED);
    assert!(red.len() > 300, "the red seal shows ({} pixels)", red.len());
    assert!(red.iter().all(|&p| inside(p, 60.0, boxes.seal, 1.5)), "red only inside the seal's box");
    // The seal lies over the signature's left third: blue to its right, and under it.
    let seal_right = boxes.seal[2];
    let left_third = boxes.signer[0] + (boxes.signer[2] - boxes.signer[0]) / 3.0;
    assert!((seal_right - left_third).abs() < 0.01);
    assert!(blue.iter().any(|&p| inside(p, 60.0, [seal_right, 0.0, 600.0, 842.0], 0.0)));
    // The agency's text under the seal: the name and the signing time in Vietnam time.
    let text = common::pdf_text(&d.join("fields.pdf"));
    assert!(text.contains("CÔNG AN TỈNH THÁI BÌNH") && text.contains("+07:00"), "{text}");
}

#[test]
fn bantin_toml_can_ask_for_the_fields() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("bantin.toml");
    std::fs::write(&config, "[bulletin]\nsign_fields = true\n").unwrap();
    let (cfg, out) = (config.to_str().unwrap(), dir.path().to_str().unwrap());
    let run = common::bantin(&[
        "--config",
        cfg,
        "bulletin",
        "examples/articles",
        "--period",
        "2020",
        "--format",
        "pdf",
        "-o",
        out,
    ]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let pdf = std::fs::read(dir.path().join("ban-tin-2020.pdf")).unwrap();
    let names: Vec<String> = widget_rects(&pdf).into_iter().map(|(n, _, _)| n).collect();
    assert_eq!(names, ["NguoiKy", "CoQuan"]);
    // Without the setting or the flag, no fields.
    std::fs::write(&config, "[bulletin]\nsign_fields = false\n").unwrap();
    let run = common::bantin(&[
        "--config",
        cfg,
        "bulletin",
        "examples/articles",
        "--period",
        "2020",
        "--format",
        "pdf",
        "-o",
        out,
    ]);
    assert!(run.status.success());
    assert!(widget_rects(&std::fs::read(dir.path().join("ban-tin-2020.pdf")).unwrap()).is_empty());
    // The flag without a PDF to put the fields in is an argument error.
    let run = common::bantin(&[
        "bulletin",
        "examples/articles",
        "--period",
        "2020",
        "--format",
        "docx",
        "--sign-fields",
        "-o",
        out,
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("--sign-fields: ô chữ ký chỉ có trong tệp PDF"));
}
