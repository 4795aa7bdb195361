//! One test per phenomenon of the genre, each on text written for the test (not the samples).

use bantin::article::Article;
use bantin::event::{Award, Basis, Event, Scope};
use bantin::extract::{explain, extract};

fn run(text: &str) -> Event {
    extract(&Article::parse("t.txt", text.as_bytes()).unwrap())
}

/// An award line as `(form, grantor, collectives, individuals, combined, scope)`.
type Line = (String, Option<String>, Option<u32>, Option<u32>, Option<u32>, Scope);

fn lines(e: &Event) -> Vec<Line> {
    e.awards
        .iter()
        .map(|a: &Award| (a.form.clone(), a.grantor.clone(), a.collectives, a.individuals, a.combined, a.scope))
        .collect()
}

fn line(form: &str, grantor: Option<&str>, c: Option<u32>, i: Option<u32>, comb: Option<u32>, scope: Scope) -> Line {
    (form.into(), grantor.map(str::to_string), c, i, comb, scope)
}

const E: Scope = Scope::Event;
const P: Scope = Scope::Period;

#[test]
fn event_date_not_publication_date() {
    let e = run("---\npublished: 2023-12-30\n---\nSáng 27/12, Công an tỉnh Nghệ An tổ chức lễ trao tặng Bằng khen của Bộ trưởng Bộ Công an cho 3 tập thể.\n");
    assert_eq!(e.date.unwrap().to_string(), "2023-12-27");
    assert_eq!(e.date_basis, Some(Basis::Published));
    let e = run("---\npublished: 2021-03-02\n---\nChiều ngày 26/2/2021, Bộ Chỉ huy Bộ đội Biên phòng tỉnh Quảng Ngãi tổ chức hội nghị.\n");
    assert_eq!((e.date.unwrap().to_string(), e.date_basis), ("2021-02-26".into(), Some(Basis::Text)));
}

#[test]
fn missing_year_comes_from_published_and_crosses_new_year() {
    let e = run(
        "---\npublished: 2024-05-28\n---\n(QNO) - Sáng nay 28.5, Công an tỉnh tổ chức hội nghị điển hình tiên tiến.\n",
    );
    assert_eq!(e.date.unwrap().to_string(), "2024-05-28");
    assert_eq!(e.date_basis, Some(Basis::Published));
    let e = run("---\npublished: 2019-01-03\n---\nSáng 29-12, UBND huyện tổ chức hội nghị tổng kết phong trào.\n");
    assert_eq!(e.date.unwrap().to_string(), "2018-12-29");
}

#[test]
fn province_from_text_outlet_and_grid_of_the_date() {
    let e = run("---\nsource: https://baobariavungtau.com.vn/chinh-tri/abc\npublished: 2022-04-10\n---\nSáng 9/4, Công an tỉnh tổ chức hội nghị sơ kết.\n");
    assert_eq!((e.province.as_deref(), e.province_basis), (Some("Bà Rịa - Vũng Tàu"), Some(Basis::Outlet)));
    assert!(explain(&e).contains("from the outlet"));
    let e = run("---\npublished: 2025-09-02\n---\nSáng 1/9, Công an tỉnh Bình Dương cũ tổ chức lễ trao Giấy khen cho 5 tập thể.\n");
    assert_eq!(e.province.as_deref(), Some("Hồ Chí Minh"), "after 1 July 2025 Bình Dương is part of TP Hồ Chí Minh");
    let e = run(
        "Sáng 3/3/2015, Công an tỉnh Khánh Hoà tổ chức đại hội thi đua. Tham dự có đại diện Công an tỉnh Ninh Thuận.\n",
    );
    assert_eq!((e.province.as_deref(), e.province_basis), (Some("Khánh Hòa"), Some(Basis::Text)));
}

#[test]
fn forms_with_class_and_several_forms_in_one_sentence() {
    let e = run("Sáng 12/8/2016, tại hội nghị, Công an tỉnh Lạng Sơn đón nhận Huân chương Chiến công hạng Nhất. Dịp này, Giám đốc Công an tỉnh đã trao Bằng khen của Bộ trưởng Bộ Công an cho 4 tập thể, 7 cá nhân và Giấy khen cho 12 tập thể, 30 cá nhân.\n");
    assert_eq!(
        lines(&e),
        [
            line("Huân chương Chiến công hạng Nhất", Some("Chủ tịch nước"), None, None, None, E),
            line("Bằng khen của Bộ trưởng Bộ Công an", Some("Bộ trưởng Bộ Công an"), Some(4), Some(7), None, E),
            line("Giấy khen của Giám đốc Công an tỉnh", Some("Giám đốc Công an tỉnh"), Some(12), Some(30), None, E),
        ]
    );
}

#[test]
fn grantor_under_delegation_and_counts_before_forms() {
    let e = run("Thừa ủy quyền của Chủ tịch nước, Thượng tướng Lê Quý Vương trao Huân chương Bảo vệ Tổ quốc hạng Ba cho 2 tập thể; 5 đồng chí được tặng Huy chương Chiến sĩ vẻ vang hạng Nhì.\n");
    assert_eq!(
        lines(&e),
        [
            line("Huân chương Bảo vệ Tổ quốc hạng Ba", Some("Chủ tịch nước"), Some(2), Some(0), None, E),
            line("Huy chương Chiến sĩ vẻ vang hạng Nhì", Some("Chủ tịch nước"), Some(0), Some(5), None, E),
        ]
    );
    assert_eq!(e.officials[0].rank.as_deref(), Some("Thượng tướng"));
}

#[test]
fn recipient_words_number_forms_and_combined() {
    let e = run("Tại hội nghị, Chủ tịch UBND tỉnh Hà Tĩnh tặng Bằng khen cho 02 đơn vị và mười hai đồng chí; Giám đốc Công an tỉnh tặng Giấy khen cho 1.204 lượt tập thể và cá nhân; Bộ trưởng Bộ Công an tặng Bằng khen cho 15 cán bộ, chiến sĩ.\n");
    assert_eq!(
        lines(&e),
        [
            line("Bằng khen của Chủ tịch UBND tỉnh", Some("Chủ tịch UBND tỉnh"), Some(2), Some(12), None, E),
            line("Giấy khen của Giám đốc Công an tỉnh", Some("Giám đốc Công an tỉnh"), None, None, Some(1204), E),
            line("Bằng khen của Bộ trưởng Bộ Công an", Some("Bộ trưởng Bộ Công an"), Some(0), Some(15), None, E),
        ]
    );
}

#[test]
fn null_when_a_side_is_named_but_not_counted() {
    let e = run(
        "Dịp này, Bộ Tư lệnh Bộ đội Biên phòng tặng Bằng khen cho 6 tập thể và nhiều cá nhân có thành tích xuất sắc.\n",
    );
    assert_eq!(
        lines(&e),
        [line("Bằng khen của Tư lệnh Bộ đội Biên phòng", Some("Tư lệnh Bộ đội Biên phòng"), Some(6), None, None, E)]
    );
}

#[test]
fn period_tallies_are_not_event_awards() {
    let e = run("Sáng 15/1/2021, Bộ Chỉ huy Quân sự tỉnh Bắc Giang tổ chức hội nghị tổng kết phong trào thi đua quyết thắng giai đoạn 2016 - 2020. 5 năm qua, có 45 tập thể, 312 cá nhân được khen thưởng. Tại hội nghị, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh tặng Giấy khen cho 10 tập thể, 25 cá nhân.\n");
    assert_eq!(
        lines(&e),
        [
            line("Khen thưởng", None, Some(45), Some(312), None, P),
            line(
                "Giấy khen của Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh",
                Some("Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh"),
                Some(10),
                Some(25),
                None,
                E
            ),
        ]
    );
    assert_eq!(e.individuals(), 25, "period lines stay out of the event totals");
}

#[test]
fn nominations_money_gifts_and_crime_figures_are_not_awards() {
    let e = run("Sáng 20/12/2022, Công an huyện Yên Thành tổ chức tổng kết. Năm 2022, đơn vị bắt 125 đối tượng, triệt phá 12 ổ nhóm tội phạm. Hội nghị đã bình xét, suy tôn 3 đồng chí đạt danh hiệu Chiến sĩ thi đua cơ sở; đề nghị Giám đốc Công an tỉnh tặng Giấy khen cho 4 tập thể. Lãnh đạo huyện trao 20 suất quà, mỗi suất 500 nghìn đồng, và khen thưởng 5 triệu đồng cho Ban chuyên án. Dịp này, Chủ tịch UBND huyện tặng Giấy khen cho 2 tập thể, 6 cá nhân.\n");
    assert_eq!(
        lines(&e),
        [line("Giấy khen của Chủ tịch UBND huyện", Some("Chủ tịch UBND huyện"), Some(2), Some(6), None, E)]
    );
}

#[test]
fn headline_totals_repeat_the_body() {
    let e = run("Khen thưởng 14 tập thể, 30 cá nhân có thành tích trong phá án\n\nChiều 4/7/2018, tại trụ sở Công an tỉnh Đồng Nai, Giám đốc Công an tỉnh trao Giấy khen cho 14 tập thể, 30 cá nhân có thành tích xuất sắc trong phá án.\n");
    assert_eq!(
        lines(&e),
        [line("Giấy khen của Giám đốc Công an tỉnh", Some("Giám đốc Công an tỉnh"), Some(14), Some(30), None, E)]
    );
}

#[test]
fn summary_total_repeating_the_lines_is_dropped() {
    let e = run("Dịp này, 20 tập thể và 35 cá nhân được khen thưởng. Cụ thể, Bộ trưởng Bộ Công an tặng Bằng khen cho 5 tập thể, 10 cá nhân; Giám đốc Công an tỉnh tặng Giấy khen cho 15 tập thể, 25 cá nhân.\n");
    let forms: Vec<String> = e.awards.iter().map(|a| a.form.clone()).collect();
    assert_eq!(forms, ["Bằng khen của Bộ trưởng Bộ Công an", "Giấy khen của Giám đốc Công an tỉnh"]);
    assert_eq!((e.collectives(), e.individuals()), (20, 35));
}

#[test]
fn related_article_list_and_repeated_caption_are_ignored() {
    let text = "Sáng 10/5/2012, Công an tỉnh Sóc Trăng tổ chức lễ đón nhận Cờ thi đua của Chính phủ.\n\nĐại tá Trần Văn A phát biểu tại buổi lễ.\n\nĐại tá Trần Văn A phát biểu tại buổi lễ.\n\nDịp này, Giám đốc Công an tỉnh tặng Giấy khen cho 8 tập thể, 16 cá nhân.\n\nNguyễn Văn B\n\nTin liên quan\nCông an huyện Mỹ Tú nhận Bằng khen\nCông an huyện Mỹ Tú nhận Bằng khen\nSáng 2/5, Bộ trưởng tặng Bằng khen cho 30 cán bộ, chiến sĩ...\n";
    let e = run(text);
    assert_eq!(
        lines(&e),
        [
            line("Cờ thi đua của Chính phủ", Some("Thủ tướng Chính phủ"), None, None, None, E),
            line("Giấy khen của Giám đốc Công an tỉnh", Some("Giám đốc Công an tỉnh"), Some(8), Some(16), None, E),
        ]
    );
    assert_eq!(e.date.unwrap().to_string(), "2012-05-10");
}

#[test]
fn nearby_genres_without_awards_are_not_relevant() {
    let gift = run("Chiều 25/1/2024, Đoàn công tác Công an tỉnh Điện Biên đến thăm, tặng quà các gia đình chính sách, trao 50 suất quà cho cán bộ, chiến sĩ có hoàn cảnh khó khăn.\n");
    assert!(!gift.relevant && gift.awards.is_empty());
    assert_eq!(gift.kind.as_deref(), Some("thăm, tặng quà"));
    let launch = run("Sáng 5/3/2026, UBND tỉnh Lào Cai tổ chức lễ phát động phong trào thi đua “Vì an ninh Tổ quốc” năm 2026. Các đơn vị đăng ký phấn đấu đạt Cờ thi đua của Bộ Công an và kịp thời khen thưởng các tập thể, cá nhân tiêu biểu.\n");
    assert!(!launch.relevant && launch.awards.is_empty(), "{:?}", launch.awards);
    assert_eq!(launch.kind.as_deref(), Some("lễ phát động"));
    assert_eq!(launch.movements, ["Vì an ninh Tổ quốc"]);
}

#[test]
fn single_named_unit_and_repeated_years() {
    let e = run("Sáng 2/9/2010, Đồn Biên phòng Cửa khẩu Lao Bảo vinh dự đón nhận danh hiệu Anh hùng Lực lượng vũ trang nhân dân. Trước đó, 3 năm liền đơn vị được Bộ Quốc phòng tặng Cờ thi đua. Dịp này, Bộ trưởng Bộ Quốc phòng tặng Bằng khen cho Đội Trinh sát và Thiếu tá Lê Văn C.\n");
    assert_eq!(
        lines(&e),
        [
            line("Anh hùng Lực lượng vũ trang nhân dân", Some("Chủ tịch nước"), None, None, None, E),
            line("Cờ thi đua của Bộ Quốc phòng", Some("Bộ trưởng Bộ Quốc phòng"), Some(3), Some(0), None, P),
            line("Bằng khen của Bộ trưởng Bộ Quốc phòng", Some("Bộ trưởng Bộ Quốc phòng"), Some(1), Some(1), None, E),
        ]
    );
}

#[test]
fn same_input_same_id_and_json() {
    let t = "Sáng 1/6/2017, Công an TP.HCM tổ chức hội nghị, trao Bằng khen cho 9 tập thể.\n";
    let a = serde_json::to_string(&run(t)).unwrap();
    let b = serde_json::to_string(&run(t)).unwrap();
    assert_eq!(a, b);
    assert_eq!(run(t).province.as_deref(), Some("Hồ Chí Minh"));
    assert_ne!(run(t).id, run("Sáng 1/6/2017, khác.\n").id);
}

#[test]
fn explain_marks_guessed_year_and_uncounted_lines() {
    let e = run("(QNO) - Sáng nay 28.5, Công an tỉnh tổng kết giai đoạn 2015 - 2020, trao Cờ thi đua, Bằng khen cho các tập thể, cá nhân.\n");
    let x = explain(&e);
    assert!(x.lines().any(|l| l.starts_with("? date: 2020-05-28") && l.contains("year guessed")), "{x}");
    assert!(x.lines().any(|l| l.starts_with("? province: Quảng Nam")), "{x}");
    assert!(x.lines().any(|l| l.starts_with("? award 1") && l.contains("not counted")), "{x}");
}
