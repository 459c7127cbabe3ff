//! Writes a synthetic archive for benchmarks and scale tests: realistic
//! Vietnamese directives of 6–10 KB, numbered points, tables now and then,
//! real number formats, about 40 issuers across the levels, dates across
//! 2020–2021, each citing up to five earlier ones in front matter and text.
//!
//! `cargo run --release --bin vanban-synth -- --n 10000 --seed 1 --out DIR`

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

#[derive(Parser)]
#[command(about = "Write a synthetic archive of directives")]
struct Args {
    /// How many directives.
    #[arg(long, default_value_t = 1000)]
    n: usize,
    /// Seed of the pseudo-random sequence: the same seed, the same archive.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The site folder to write (content/ and site.toml inside).
    #[arg(long)]
    out: PathBuf,
}

/// SplitMix64: small, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

struct Issuer {
    name: &'static str,
    level: &'static str,
    party: bool,
    place: &'static str,
    /// Kind and symbol: ("Công văn", "CV/TU") or ("Chỉ thị", "CT-TTg").
    kinds: &'static [(&'static str, &'static str)],
}

const ISSUERS: &[Issuer] = &[
    Issuer {
        name: "Bộ Chính trị",
        level: "central",
        party: true,
        place: "Hà Nội",
        kinds: &[
            ("Kết luận", "KL/TW"),
            ("Chỉ thị", "CT/TW"),
            ("Thông báo", "TB/TW"),
        ],
    },
    Issuer {
        name: "Ban Bí thư",
        level: "central",
        party: true,
        place: "Hà Nội",
        kinds: &[
            ("Chỉ thị", "CT/TW"),
            ("Kết luận", "KL/TW"),
            ("Công văn", "CV/TW"),
        ],
    },
    Issuer {
        name: "Văn phòng Trung ương Đảng",
        level: "central",
        party: true,
        place: "Hà Nội",
        kinds: &[("Thông báo", "TB/VPTW"), ("Công văn", "CV/VPTW")],
    },
    Issuer {
        name: "Chính phủ",
        level: "government",
        party: false,
        place: "Hà Nội",
        kinds: &[("Nghị quyết", "NQ-CP"), ("Nghị định", "NĐ-CP")],
    },
    Issuer {
        name: "Thủ tướng Chính phủ",
        level: "government",
        party: false,
        place: "Hà Nội",
        kinds: &[
            ("Chỉ thị", "CT-TTg"),
            ("Quyết định", "QĐ-TTg"),
            ("Công điện", "CĐ-TTg"),
        ],
    },
    Issuer {
        name: "Văn phòng Chính phủ",
        level: "government",
        party: false,
        place: "Hà Nội",
        kinds: &[("Công văn", "VPCP-KGVX"), ("Thông báo", "TB-VPCP")],
    },
    Issuer {
        name: "Bộ Y tế",
        level: "ministry",
        party: false,
        place: "Hà Nội",
        kinds: &[
            ("Công văn", "BYT-DP"),
            ("Quyết định", "QĐ-BYT"),
            ("Hướng dẫn", "HD-BYT"),
        ],
    },
    Issuer {
        name: "Bộ Giáo dục và Đào tạo",
        level: "ministry",
        party: false,
        place: "Hà Nội",
        kinds: &[("Công văn", "BGDĐT-GDTrH"), ("Hướng dẫn", "HD-BGDĐT")],
    },
    Issuer {
        name: "Bộ Công an",
        level: "ministry",
        party: false,
        place: "Hà Nội",
        kinds: &[("Công văn", "BCA-V01"), ("Kế hoạch", "KH-BCA")],
    },
    Issuer {
        name: "Bộ Quốc phòng",
        level: "ministry",
        party: false,
        place: "Hà Nội",
        kinds: &[("Công văn", "BQP-TM"), ("Chỉ thị", "CT-BQP")],
    },
    Issuer {
        name: "Bộ Giao thông vận tải",
        level: "ministry",
        party: false,
        place: "Hà Nội",
        kinds: &[("Công văn", "BGTVT-VT"), ("Quyết định", "QĐ-BGTVT")],
    },
    Issuer {
        name: "Bộ Lao động - Thương binh và Xã hội",
        level: "ministry",
        party: false,
        place: "Hà Nội",
        kinds: &[("Công văn", "LĐTBXH-BTXH"), ("Hướng dẫn", "HD-LĐTBXH")],
    },
    Issuer {
        name: "Bộ Tài chính",
        level: "ministry",
        party: false,
        place: "Hà Nội",
        kinds: &[("Công văn", "BTC-NSNN"), ("Thông tư", "TT-BTC")],
    },
    Issuer {
        name: "Bộ Công Thương",
        level: "ministry",
        party: false,
        place: "Hà Nội",
        kinds: &[("Công văn", "BCT-TTTN"), ("Kế hoạch", "KH-BCT")],
    },
    Issuer {
        name: "Bộ Thông tin và Truyền thông",
        level: "ministry",
        party: false,
        place: "Hà Nội",
        kinds: &[("Công văn", "BTTTT-CBC")],
    },
    Issuer {
        name: "Thành ủy Hà Nội",
        level: "province",
        party: true,
        place: "Hà Nội",
        kinds: &[
            ("Chỉ thị", "CT/TU"),
            ("Công văn", "CV/TU"),
            ("Kết luận", "KL/TU"),
        ],
    },
    Issuer {
        name: "Ủy ban nhân dân thành phố Hà Nội",
        level: "province",
        party: false,
        place: "Hà Nội",
        kinds: &[
            ("Công văn", "UBND-KGVX"),
            ("Chỉ thị", "CT-UBND"),
            ("Kế hoạch", "KH-UBND"),
        ],
    },
    Issuer {
        name: "Thành ủy Thành phố Hồ Chí Minh",
        level: "province",
        party: true,
        place: "Thành phố Hồ Chí Minh",
        kinds: &[("Chỉ thị", "CT/TU"), ("Công văn", "CV/TU")],
    },
    Issuer {
        name: "Ủy ban nhân dân Thành phố Hồ Chí Minh",
        level: "province",
        party: false,
        place: "Thành phố Hồ Chí Minh",
        kinds: &[("Công văn", "UBND-VX"), ("Chỉ thị", "CT-UBND")],
    },
    Issuer {
        name: "Tỉnh ủy Bắc Giang",
        level: "province",
        party: true,
        place: "Bắc Giang",
        kinds: &[("Công văn", "CV/TU"), ("Kết luận", "KL/TU")],
    },
    Issuer {
        name: "Ủy ban nhân dân tỉnh Bắc Giang",
        level: "province",
        party: false,
        place: "Bắc Giang",
        kinds: &[("Công văn", "UBND-KGVX"), ("Quyết định", "QĐ-UBND")],
    },
    Issuer {
        name: "Tỉnh ủy Bắc Ninh",
        level: "province",
        party: true,
        place: "Bắc Ninh",
        kinds: &[("Công văn", "CV/TU"), ("Chỉ thị", "CT/TU")],
    },
    Issuer {
        name: "Ủy ban nhân dân tỉnh Bắc Ninh",
        level: "province",
        party: false,
        place: "Bắc Ninh",
        kinds: &[("Công văn", "UBND-XDCB"), ("Kế hoạch", "KH-UBND")],
    },
    Issuer {
        name: "Thành ủy Đà Nẵng",
        level: "province",
        party: true,
        place: "Đà Nẵng",
        kinds: &[("Công văn", "CV/TU"), ("Thông báo", "TB/TU")],
    },
    Issuer {
        name: "Ủy ban nhân dân thành phố Đà Nẵng",
        level: "province",
        party: false,
        place: "Đà Nẵng",
        kinds: &[("Công văn", "UBND-SYT"), ("Quyết định", "QĐ-UBND")],
    },
    Issuer {
        name: "Tỉnh ủy Kiên Giang",
        level: "province",
        party: true,
        place: "Kiên Giang",
        kinds: &[("Công văn", "CV/TU"), ("Kết luận", "KL/TU")],
    },
    Issuer {
        name: "Ủy ban nhân dân tỉnh Kiên Giang",
        level: "province",
        party: false,
        place: "Kiên Giang",
        kinds: &[("Công văn", "UBND-VHXH"), ("Kế hoạch", "KH-UBND")],
    },
    Issuer {
        name: "Tỉnh ủy Tuyên Quang",
        level: "province",
        party: true,
        place: "Tuyên Quang",
        kinds: &[("Công văn", "CV/TU"), ("Chỉ thị", "CT/TU")],
    },
    Issuer {
        name: "Tỉnh ủy Hải Dương",
        level: "province",
        party: true,
        place: "Hải Dương",
        kinds: &[("Công văn", "CV/TU"), ("Kết luận", "KL/TU")],
    },
    Issuer {
        name: "Ủy ban nhân dân tỉnh Hải Dương",
        level: "province",
        party: false,
        place: "Hải Dương",
        kinds: &[("Công văn", "UBND-VP"), ("Chỉ thị", "CT-UBND")],
    },
    Issuer {
        name: "Tỉnh ủy Quảng Ninh",
        level: "province",
        party: true,
        place: "Quảng Ninh",
        kinds: &[("Công văn", "CV/TU")],
    },
    Issuer {
        name: "Ủy ban nhân dân tỉnh Đồng Nai",
        level: "province",
        party: false,
        place: "Đồng Nai",
        kinds: &[("Công văn", "UBND-KGVX"), ("Quyết định", "QĐ-UBND")],
    },
    Issuer {
        name: "Ủy ban nhân dân tỉnh Bình Dương",
        level: "province",
        party: false,
        place: "Bình Dương",
        kinds: &[("Công văn", "UBND-VX"), ("Kế hoạch", "KH-UBND")],
    },
    Issuer {
        name: "Ủy ban nhân dân thành phố Cần Thơ",
        level: "province",
        party: false,
        place: "Cần Thơ",
        kinds: &[("Công văn", "UBND-KGVX")],
    },
    Issuer {
        name: "Quận ủy Hoàn Kiếm",
        level: "district",
        party: true,
        place: "Hoàn Kiếm",
        kinds: &[("Công văn", "CV/QU"), ("Kế hoạch", "KH/QU")],
    },
    Issuer {
        name: "Ủy ban nhân dân quận Hoàn Kiếm",
        level: "district",
        party: false,
        place: "Hoàn Kiếm",
        kinds: &[("Công văn", "UBND-VP"), ("Kế hoạch", "KH-UBND")],
    },
    Issuer {
        name: "Huyện ủy Vị Xuyên",
        level: "district",
        party: true,
        place: "Vị Xuyên",
        kinds: &[("Công văn", "CV/HU")],
    },
    Issuer {
        name: "Ủy ban nhân dân huyện Củ Chi",
        level: "district",
        party: false,
        place: "Củ Chi",
        kinds: &[("Công văn", "UBND-YT"), ("Kế hoạch", "KH-UBND")],
    },
    Issuer {
        name: "Ủy ban nhân dân thành phố Thủ Đức",
        level: "district",
        party: false,
        place: "Thủ Đức",
        kinds: &[("Công văn", "UBND-VX")],
    },
    Issuer {
        name: "Huyện ủy Yên Dũng",
        level: "district",
        party: true,
        place: "Yên Dũng",
        kinds: &[("Công văn", "CV/HU"), ("Chỉ thị", "CT/HU")],
    },
];

const SUBJECTS: &[&str] = &[
    "tăng cường công tác phòng, chống dịch Covid-19",
    "triển khai chiến dịch tiêm vắc-xin phòng Covid-19",
    "thực hiện giãn cách xã hội theo Chỉ thị của Thủ tướng Chính phủ",
    "bảo đảm an sinh xã hội cho người dân bị ảnh hưởng bởi dịch bệnh",
    "kiểm soát chặt chẽ người nhập cảnh và cách ly tập trung",
    "khôi phục sản xuất, kinh doanh trong điều kiện bình thường mới",
    "tổ chức dạy và học an toàn trong bối cảnh dịch bệnh",
    "thí điểm hộ chiếu vắc-xin với khách quốc tế",
    "huy động nguồn lực cho Quỹ vắc-xin phòng, chống Covid-19",
    "xét nghiệm diện rộng, truy vết và khoanh vùng ổ dịch",
    "bảo đảm lưu thông hàng hóa, tiêu thụ nông sản",
    "thực hiện mục tiêu kép vừa phòng, chống dịch vừa phát triển kinh tế - xã hội",
];

const OPENINGS: &[&str] = &[
    "Thời gian qua, tình hình dịch Covid-19 trên thế giới và trong nước tiếp tục diễn biến phức tạp, khó lường",
    "Trước diễn biến phức tạp của đợt bùng phát dịch mới, nguy cơ lây lan trong cộng đồng là rất lớn",
    "Sau một thời gian triển khai quyết liệt các biện pháp phòng, chống dịch, tình hình dịch bệnh trên địa bàn cơ bản được kiểm soát",
    "Thực hiện chỉ đạo của Bộ Chính trị, Ban Bí thư và Thủ tướng Chính phủ về công tác phòng, chống dịch",
];

const ACTIONS: &[&str] = &[
    "Tiếp tục quán triệt, thực hiện nghiêm túc, quyết liệt, hiệu quả các văn bản chỉ đạo của Trung ương và của tỉnh về phòng, chống dịch Covid-19",
    "Tăng cường công tác thông tin, tuyên truyền để người dân hiểu rõ, tự giác chấp hành các biện pháp phòng, chống dịch, thực hiện tốt thông điệp 5K",
    "Chủ động rà soát, bổ sung kịch bản, phương án ứng phó với các tình huống dịch bệnh theo phương châm bốn tại chỗ",
    "Tổ chức tiêm vắc-xin an toàn, khoa học, đúng đối tượng, bảo đảm không để lãng phí vắc-xin được phân bổ",
    "Kiểm soát chặt chẽ các chốt kiểm dịch, quản lý chặt chẽ người từ vùng dịch trở về địa phương",
    "Bảo đảm cung ứng đầy đủ lương thực, thực phẩm, nhu yếu phẩm thiết yếu cho người dân trong khu vực cách ly, phong tỏa",
    "Hỗ trợ kịp thời người lao động, doanh nghiệp gặp khó khăn do ảnh hưởng của dịch bệnh, đúng đối tượng, đúng chế độ",
    "Xử lý nghiêm các trường hợp vi phạm quy định về phòng, chống dịch, đưa tin sai sự thật gây hoang mang trong nhân dân",
    "Đẩy mạnh ứng dụng công nghệ thông tin trong khai báo y tế, truy vết và quản lý người cách ly",
    "Phát huy vai trò của Mặt trận Tổ quốc, các tổ chức chính trị - xã hội và tổ Covid cộng đồng ở khu dân cư",
    "Tập trung tháo gỡ khó khăn, vướng mắc, tạo điều kiện thuận lợi để doanh nghiệp duy trì sản xuất, kinh doanh an toàn",
    "Bảo đảm an ninh chính trị, trật tự an toàn xã hội, không để bị động, bất ngờ trong mọi tình huống",
    "Chuẩn bị đầy đủ cơ sở vật chất, trang thiết bị, sinh phẩm xét nghiệm và nhân lực y tế cho các khu điều trị",
    "Tổ chức xét nghiệm sàng lọc định kỳ cho các đối tượng nguy cơ cao tại khu công nghiệp, chợ đầu mối, bến xe",
];

const DETAILS: &[&str] = &[
    "các cấp ủy, chính quyền chịu trách nhiệm trước Ban Thường vụ về kết quả thực hiện trên địa bàn",
    "người đứng đầu cơ quan, đơn vị phải trực tiếp chỉ đạo, kiểm tra, đôn đốc việc triển khai",
    "kịp thời báo cáo những khó khăn, vướng mắc phát sinh để được hướng dẫn giải quyết",
    "không để dịch bệnh lây lan ra cộng đồng, hình thành các ổ dịch mới",
    "bảo đảm an toàn tuyệt đối cho lực lượng tuyến đầu chống dịch",
    "ưu tiên nguồn lực cho các địa bàn có nguy cơ cao và vùng đồng bào dân tộc thiểu số",
    "phối hợp chặt chẽ với các lực lượng công an, quân đội, y tế trong tổ chức thực hiện",
    "tuyệt đối không được chủ quan, lơ là, mất cảnh giác, thỏa mãn với kết quả đạt được",
];

const LOCALITIES: &[&str] = &[
    "Hà Nội",
    "Thành phố Hồ Chí Minh",
    "Bắc Giang",
    "Bắc Ninh",
    "Đà Nẵng",
    "Phú Quốc",
    "Kiên Giang",
    "Hải Dương",
    "Đồng Nai",
    "Bình Dương",
    "Long An",
    "Cần Thơ",
];
const TAGS: &[&str] = &[
    "vắc-xin",
    "giãn cách xã hội",
    "cách ly",
    "xét nghiệm",
    "an sinh xã hội",
    "mục tiêu kép",
    "nhập cảnh",
    "giáo dục",
    "sản xuất kinh doanh",
    "y tế cơ sở",
];

struct Made {
    issuer: usize,
    kind: &'static str,
    number: String,
    date: (i32, u32, u32),
    title: String,
}

fn date_of(index: usize, n: usize) -> (i32, u32, u32) {
    // Spread evenly over 2020-01-01 .. 2021-12-31 (731 days), in order.
    let day = (index * 731) / n.max(1);
    let mut remaining = day as u32;
    let months = [
        31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
        31,
    ];
    for (i, &len) in months.iter().enumerate() {
        if remaining < len {
            return (2020 + (i / 12) as i32, (i % 12) as u32 + 1, remaining + 1);
        }
        remaining -= len;
    }
    (2021, 12, 31)
}

fn main() -> ExitCode {
    let args = Args::parse();
    let mut rng = Rng(args.seed);
    let mut made: Vec<Made> = Vec::with_capacity(args.n);
    let mut counters: std::collections::HashMap<(usize, &str, i32), usize> =
        std::collections::HashMap::new();
    if let Err(e) = std::fs::create_dir_all(args.out.join("content")) {
        eprintln!("error: cannot create {}: {e}", args.out.display());
        return ExitCode::FAILURE;
    }
    let config =
        "title = \"Kho văn bản thử nghiệm\"\n[timeline]\nstart = \"2020-01\"\nend = \"2021-12\"\n";
    if let Err(e) = std::fs::write(args.out.join("site.toml"), config) {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    for index in 0..args.n {
        let issuer_index = rng.below(ISSUERS.len());
        let issuer = &ISSUERS[issuer_index];
        let (kind, symbol) = *rng.pick(issuer.kinds);
        let date = date_of(index, args.n);
        let counter = counters.entry((issuer_index, symbol, date.0)).or_insert(0);
        *counter += 1 + rng.below(3);
        let number = if issuer.party {
            let (code, body) = symbol.split_once('/').unwrap_or((symbol, "TW"));
            format!("{counter}-{code}/{body}")
        } else if symbol.starts_with("NĐ") || symbol.starts_with("TT-") {
            format!("{}/{}/{}", counter, date.0, symbol)
        } else {
            format!("{counter}/{symbol}")
        };
        let subject = rng.pick(SUBJECTS);
        let title = format!("{kind} về việc {subject}");
        let text = document(
            &mut rng,
            &made,
            index,
            issuer_index,
            kind,
            &number,
            subject,
            date,
        );
        let year_dir = args.out.join("content").join(date.0.to_string());
        let slug: String = number
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .to_lowercase();
        let path = year_dir.join(format!("{index:06}-{slug}.md"));
        let written = std::fs::create_dir_all(&year_dir).and_then(|()| std::fs::write(&path, text));
        if let Err(e) = written {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        made.push(Made {
            issuer: issuer_index,
            kind,
            number,
            date,
            title,
        });
    }
    println!("wrote {} directives to {}", args.n, args.out.display());
    ExitCode::SUCCESS
}

#[allow(clippy::too_many_arguments)]
fn document(
    rng: &mut Rng,
    made: &[Made],
    index: usize,
    issuer_index: usize,
    kind: &str,
    number: &str,
    subject: &str,
    date: (i32, u32, u32),
) -> String {
    let issuer = &ISSUERS[issuer_index];
    let mut text = String::with_capacity(10_000);
    text.push_str("---\n");
    let _ = writeln!(text, "number: \"{number}\"");
    let _ = writeln!(text, "kind: \"{kind}\"");
    let _ = writeln!(text, "title: \"{kind} về việc {subject}\"");
    if kind == "Công văn" {
        let _ = writeln!(text, "subject: \"{subject}\"");
    }
    let _ = writeln!(text, "issuer: \"{}\"", issuer.name);
    let _ = writeln!(text, "level: {}", issuer.level);
    let _ = writeln!(
        text,
        "system: {}",
        if issuer.party { "party" } else { "state" }
    );
    let _ = writeln!(text, "date: {:04}-{:02}-{:02}", date.0, date.1, date.2);
    let _ = writeln!(text, "place: \"{}\"", issuer.place);
    let _ = writeln!(
        text,
        "signer: {{ name: \"Nguyễn Văn {}\", title: \"{}\", authority: \"{}\" }}",
        ["An", "Bình", "Cường", "Dũng", "Hải"][rng.below(5)],
        if issuer.party {
            "Phó Bí thư"
        } else {
            "Phó Chủ tịch"
        },
        if issuer.party {
            "T/M Ban Thường vụ"
        } else {
            "KT. Chủ tịch"
        }
    );
    let _ = writeln!(text, "recipients: [\"Như trên\", \"Lưu: VT\"]");
    // Cite up to five earlier directives: half in front matter, half in text.
    let cited: Vec<usize> = if index == 0 {
        Vec::new()
    } else {
        (0..rng.below(6))
            .map(|_| index - 1 - rng.below(index.min(400)))
            .collect()
    };
    let (front, in_text) = cited.split_at(cited.len() / 2);
    if !front.is_empty() {
        text.push_str("relations:\n");
        for &c in front {
            let kind = ["implements", "cites", "based_on"][rng.below(3)];
            let m = &made[c];
            let _ = writeln!(
                text,
                "  - {{ type: {kind}, number: \"{}\", issuer: \"{}\", date: {:04}-{:02}-{:02} }}",
                m.number, ISSUERS[m.issuer].name, m.date.0, m.date.1, m.date.2
            );
        }
    }
    if rng.chance(40) {
        let _ = writeln!(
            text,
            "circulation:\n  - {{ action: received, office: \"Văn phòng {}\", number: \"{}\", date: {:04}-{:02}-{:02} }}",
            issuer.place,
            100 + rng.below(3000),
            date.0,
            date.1,
            date.2.min(27) + 1
        );
    }
    let _ = writeln!(
        text,
        "tags: [\"{}\", \"{}\"]",
        rng.pick(TAGS),
        rng.pick(TAGS)
    );
    let _ = writeln!(text, "localities: [\"{}\"]", rng.pick(LOCALITIES));
    text.push_str("---\n\n");
    let _ = write!(text, "{}", rng.pick(OPENINGS));
    for &c in in_text {
        let m = &made[c];
        let _ = write!(
            text,
            "; thực hiện {} số {} ngày {}/{}/{} của {} ({})",
            m.kind, m.number, m.date.2, m.date.1, m.date.0, ISSUERS[m.issuer].name, m.title
        );
    }
    let _ = writeln!(
        text,
        ", {} yêu cầu các cơ quan, đơn vị, địa phương thực hiện tốt các nội dung sau:\n",
        issuer.name
    );
    let target = 6_000 + rng.below(4_000);
    let mut point = 0;
    while text.len() < target {
        point += 1;
        let _ = writeln!(
            text,
            "{point}. {}; {}.\n",
            rng.pick(ACTIONS),
            rng.pick(DETAILS)
        );
        for sub in 1..=rng.below(4) {
            let _ = writeln!(
                text,
                "{point}.{sub}. {}, {}; {}.\n",
                rng.pick(ACTIONS),
                rng.pick(DETAILS),
                rng.pick(DETAILS)
            );
        }
        if rng.chance(8) {
            text.push_str("| Địa phương | Số ca mắc | Số mũi tiêm |\n|---|---:|---:|\n");
            for _ in 0..3 {
                let _ = writeln!(
                    text,
                    "| {} | {} | {} |",
                    rng.pick(LOCALITIES),
                    rng.below(5000),
                    rng.below(900_000)
                );
            }
            text.push('\n');
        }
    }
    text.push_str("Yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện./.\n");
    text
}
