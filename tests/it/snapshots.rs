//! The HTML readers get, compared whole against reviewed snapshots
//! (`cargo insta review` after an intended change).

use crate::common::Site;

fn fixture() -> Site {
    let site = Site::new();
    site.file("content/_index.md", "---\ntitle: \"Kho thử\"\n---\nGiới thiệu kho.\n")
        .directive(
            "content/2021/05-ct-ttg.md",
            "number: \"05/CT-TTg\"\nkind: \"Chỉ thị\"\ntitle: \"Chỉ thị về việc tăng cường phòng, chống dịch\"\nissuer: \"Thủ tướng Chính phủ\"\nletterhead: [\"Thủ tướng Chính phủ\"]\nlevel: government\ndate: 2021-01-05\nplace: \"Hà Nội\"\nsigner: { name: \"Nguyễn Văn A\", title: \"Thủ tướng\", authority: \"KT. Thủ tướng\" }\nrecipients: [\"Các bộ, cơ quan ngang bộ\", \"Lưu: VT\"]\n",
            "Mở đầu.\n\n1. Điểm một.\n\n1.1. Điểm một chấm một.\n\n```yaml\nkind: x\n```\n",
        )
        .directive(
            "content/2021/12-cv-tu.md",
            "number: \"12-CV/TU\"\nkind: \"Công văn\"\ntitle: \"Về việc thực hiện Chỉ thị 05\"\nsubject: \"thực hiện Chỉ thị 05/CT-TTg\"\nissuer: \"Tỉnh ủy Hà Giang\"\nlevel: province\ndate: 2021-02-01\nplace: \"Hà Giang\"\naddressees: [\"Các huyện ủy\"]\nrelations:\n  - { type: implements, number: \"05/CT-TTg\" }\n  - { type: cites, number: \"99-KL/TU\", kind: \"Kết luận\", date: 2020-12-01 }\ncirculation:\n  - { action: received, office: \"Huyện ủy Vị Xuyên\", number: \"12\", date: 2021-02-03 }\n",
            "Thực hiện Chỉ thị.\n",
        );
    site
}

#[test]
fn directive_pages() {
    let site = fixture();
    site.build().success();
    insta::assert_snapshot!("state_directive", site.read("2021/05-ct-ttg/index.html"));
    insta::assert_snapshot!("party_letter", site.read("2021/12-cv-tu/index.html"));
    insta::assert_snapshot!("front_page", site.read("index.html"));
}
