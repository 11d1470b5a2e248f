"""A generator of realistic Vietnamese news articles (~3 KB each) for the import and search benches.

Articles are assembled from the vocabulary of local-government news: people (with đ/Đ names), units
(UBND, HĐND, MTTQ… written both abbreviated and in full), places, programmes, numbers and dates,
so that term frequencies look like a real archive rather than random syllables: common words are
very common, names and phrases are rare. Deterministic for a given seed. Some texts use the old tone
placement ("hoà", "thuỷ") and some are decomposed (NFD), as archives are.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import unicodedata
from collections.abc import Iterator
from pathlib import Path

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đào",
    "Đinh",
    "Trịnh",
    "Mai",
]
MIDDLES = [
    "Văn",
    "Thị",
    "Đức",
    "Minh",
    "Quang",
    "Thu",
    "Thanh",
    "Ngọc",
    "Hữu",
    "Xuân",
    "Hồng",
    "Kim",
    "Bảo",
    "Gia",
    "Thúy",
]
GIVEN = [
    "Quỳnh",
    "Hùng",
    "Hà",
    "Lan",
    "Nam",
    "Dũng",
    "Hương",
    "Tuấn",
    "Hải",
    "Long",
    "Thủy",
    "Hòa",
    "Khoa",
    "Đạt",
    "Phúc",
    "Trang",
    "Vinh",
    "Yến",
    "Cường",
    "Tâm",
    "Hiền",
    "Sơn",
    "Thắng",
    "Đông",
    "Linh",
    "Quý",
    "Khỏe",
    "Duy",
    "Ánh",
    "Nga",
]
PLACES = [
    "Thanh Trì",
    "An Khánh",
    "Bình Minh",
    "Đông Anh",
    "Sóc Sơn",
    "Gia Lâm",
    "Mê Linh",
    "Ba Vì",
    "Thường Tín",
    "Phú Xuyên",
    "Đan Phượng",
    "Hoài Đức",
    "Quốc Oai",
    "Thạch Thất",
    "Chương Mỹ",
    "Thanh Oai",
    "Ứng Hòa",
    "Mỹ Đức",
    "Phúc Thọ",
    "Sơn Tây",
    "Long Biên",
    "Hà Đông",
    "Tây Hồ",
    "Hoàng Mai",
    "Cầu Giấy",
    "Đống Đa",
    "Hai Bà Trưng",
    "Ngọc Hồi",
    "Tam Hiệp",
    "Vĩnh Quỳnh",
]
UNIT_KINDS = ["xã", "phường", "huyện", "quận", "thị xã"]
BODIES = [
    ("UBND", "Ủy ban nhân dân"),
    ("HĐND", "Hội đồng nhân dân"),
    ("MTTQ", "Mặt trận Tổ quốc"),
    ("LĐLĐ", "Liên đoàn Lao động"),
    ("BCH", "Ban Chấp hành"),
    ("BTV", "Ban Thường vụ"),
]
TOPICS = [
    "xây dựng nông thôn mới",
    "chuyển đổi số",
    "cải cách hành chính",
    "giải phóng mặt bằng",
    "phát triển kinh tế - xã hội",
    "bảo đảm quốc phòng - an ninh",
    "trật tự an toàn giao thông",
    "xây dựng Đảng và hệ thống chính trị",
    "sắp xếp đơn vị hành chính cấp xã",
    "chính quyền địa phương hai cấp",
    "bảo hiểm xã hội tự nguyện",
    "bảo hiểm y tế học sinh",
    "phòng, chống thiên tai",
    "vệ sinh an toàn thực phẩm",
    "đề án 06 về dữ liệu dân cư",
    "thu hút đầu tư",
    "phát triển du lịch làng nghề",
    "chăm lo công nhân, viên chức, lao động",
    "xóa nhà tạm, nhà dột nát",
    "hòa giải ở cơ sở",
    "thủy lợi nội đồng",
    "sức khỏe cộng đồng",
    "kinh tế tập thể và hợp tác xã",
    "công nghệ thông tin trong trường học",
    "tuyển sinh trung học phổ thông",
]
ACTIONS = [
    "triển khai",
    "kiểm tra",
    "sơ kết",
    "tổng kết",
    "đôn đốc",
    "khảo sát",
    "làm việc về",
    "chỉ đạo",
    "đánh giá",
    "tuyên truyền về",
]
EVENTS = [
    "hội nghị",
    "buổi làm việc",
    "kỳ họp thứ",
    "lễ ra mắt",
    "đoàn công tác",
    "phiên chất vấn",
    "buổi tiếp xúc cử tri",
]
FILLER = [
    "Theo báo cáo, kết quả thực hiện các chỉ tiêu năm nay cơ bản đạt và vượt kế hoạch đề ra.",
    "Nhiều ý kiến đề nghị cần tiếp tục tháo gỡ khó khăn, vướng mắc về thủ tục, mặt bằng và nguồn vốn.",
    "Người dân bày tỏ đồng tình, ủng hộ chủ trương và mong muốn được tham gia giám sát quá trình thực hiện.",
    "Các phòng, ban chuyên môn được giao rà soát, tham mưu giải pháp cụ thể, hoàn thành trước ngày 30 hằng tháng.",
    "Công tác tuyên truyền được đẩy mạnh trên hệ thống truyền thanh cơ sở và các nền tảng mạng xã hội.",
    "Đoàn đã kiểm tra thực tế tại một số công trình trọng điểm, ghi nhận tiến độ thi công bảo đảm yêu cầu.",
    "Lãnh đạo địa phương cho biết sẽ tập trung nguồn lực, phân công rõ người, rõ việc, rõ thời gian hoàn thành.",
    "Trong quý, toàn địa bàn đã giải quyết đúng hạn phần lớn hồ sơ thủ tục hành chính, không để tồn đọng kéo dài.",
    "Hội nghị cũng thông qua kế hoạch phối hợp thông tin, tuyên truyền giữa cơ quan báo chí và chính quyền cơ sở.",
    "Kinh phí thực hiện được bố trí từ ngân sách cấp trên hỗ trợ và nguồn xã hội hóa hợp pháp.",
    "Đến nay, hơn 90% hộ gia đình đã được cấp nước sạch, tỷ lệ thu gom rác thải sinh hoạt đạt yêu cầu.",
    "Thời gian tới, địa phương tiếp tục rà soát quy hoạch, chuẩn bị điều kiện để lên quận, xã lên phường.",
    "Cán bộ, đảng viên được yêu cầu gương mẫu, nêu cao tinh thần trách nhiệm, gần dân, sát dân.",
    "Ông cũng lưu ý việc quản lý trật tự xây dựng, đất đai, bảo vệ môi trường tại các khu dân cư mới.",
    "Sau phiên thảo luận, các đại biểu biểu quyết thông qua nghị quyết với tỷ lệ tán thành cao.",
]
OLD_STYLE = {"hòa": "hoà", "Hòa": "Hoà", "thủy": "thuỷ", "Thủy": "Thuỷ", "khỏe": "khoẻ", "Ủy": "Uỷ", "Thúy": "Thuý"}
CATEGORIES = [
    "Chỉ đạo - Điều hành",
    "Kinh tế",
    "Xã hội",
    "Chính trị",
    "Pháp luật",
    "Văn hóa",
    "Giáo dục",
    "Y tế",
    "Đô thị",
    "Công đoàn",
]
TAGS = [*(topic.capitalize() for topic in TOPICS[:15]), "Thanh Trì", "Hà Nội", "Nghị quyết", "Đại hội", "Công đoàn"]


class Corpus:
    def __init__(self, seed: int = 2026) -> None:
        self.rng = random.Random(seed)

    def person(self) -> str:
        r = self.rng
        return f"{r.choice(SURNAMES)} {r.choice(MIDDLES)} {r.choice(GIVEN)}"

    def unit(self) -> str:
        short, full = self.rng.choice(BODIES)
        name = short if self.rng.random() < 0.5 else full
        return f"{name} {self.rng.choice(UNIT_KINDS)} {self.rng.choice(PLACES)}"

    def sentence(self) -> str:
        r = self.rng
        kind = r.randrange(6)
        if kind == 0:
            return (
                f"Ngày {r.randint(1, 28)}/{r.randint(1, 12)}, {self.unit()} tổ chức {r.choice(EVENTS)} "
                f"{r.choice(ACTIONS)} công tác {r.choice(TOPICS)}."
            )
        if kind == 1:
            return (
                f"Phát biểu tại {r.choice(EVENTS)}, ông {self.person()}, Chủ tịch {self.unit()}, đề nghị các đơn vị "
                f"tập trung {r.choice(TOPICS)} và {r.choice(TOPICS)}."
            )
        if kind == 2:
            return (
                f"Bà {self.person()}, Phó Chủ tịch {self.unit()}, cho biết đã có {r.randint(2, 900)} hộ dân "
                f"được hỗ trợ trong chương trình {r.choice(TOPICS)}."
            )
        if kind == 3:
            return (
                f"Tổng kinh phí thực hiện khoảng {r.randint(1, 999)} tỷ đồng, trong đó vốn ngân sách chiếm "
                f"{r.randint(10, 90)}%, phần còn lại huy động từ doanh nghiệp và cộng đồng."
            )
        return r.choice(FILLER)

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(3, 5)))

    def title(self, published_at: dt.datetime) -> str:
        r = self.rng
        topic = r.choice(TOPICS)
        title = r.choice(
            [
                f"{self.unit()} {r.choice(ACTIONS)} {topic}",
                f"{r.choice(PLACES)}: đẩy mạnh {topic}",
                f"Ông {self.person()} {r.choice(ACTIONS)} {topic} tại {r.choice(PLACES)}",
                f"{r.choice(EVENTS).capitalize()} {r.choice(ACTIONS)} {topic} năm {published_at.year}",
            ]
        )
        return title[0].upper() + title[1:]

    def article(self, number: int, published_at: dt.datetime) -> dict[str, object]:
        r = self.rng
        title = self.title(published_at)
        sapo = f"{self.paragraph()}"
        paragraphs = []
        size = len(title) + len(sapo)
        while size < 2600:
            paragraph = self.paragraph()
            paragraphs.append(paragraph)
            size += len(paragraph.encode()) // 1 + 7
        if r.random() < 0.3:
            body = "".join(f"<p>{p}</p>" for p in paragraphs[:2])
            body += '<figure><img src="/anh.jpg" alt=""><figcaption>Quang cảnh hội nghị.</figcaption></figure>'
            body += "".join(f"<div>{p}</div>" for p in paragraphs[2:])
        elif r.random() < 0.2:
            body = "\n".join(paragraphs)
        else:
            body = "".join(f"<p>{p}</p>" for p in paragraphs)
        if r.random() < 0.1:
            for new, old in OLD_STYLE.items():
                body = body.replace(new, old)
        if r.random() < 0.05:
            body = unicodedata.normalize("NFD", body)
        return {
            "title": title,
            "sapo": sapo,
            "body": body,
            "category": r.choice(CATEGORIES),
            "authors": [self.person() for _ in range(r.randint(1, 2))],
            "published_at": published_at.isoformat(),
            "tags": r.sample(TAGS, r.randint(1, 3)),
            "source_id": f"luu-tru-{number}",
            "source_url": f"https://laodongthudo.vn/luu-tru/{number}.html",
        }

    def moments(self, count: int) -> Iterator[dt.datetime]:
        """Publication times spread over ten years from 2015, in order, with a little jitter."""
        tz = dt.timezone(dt.timedelta(hours=7))
        moment = dt.datetime(2015, 1, 1, 6, 0, tzinfo=tz)
        step = dt.timedelta(seconds=max(1, (10 * 365 * 24 * 3600) // max(count, 1)))
        for number in range(count):
            yield moment + step * number + dt.timedelta(seconds=self.rng.randint(0, 3000))

    def articles(self, count: int) -> Iterator[dict[str, object]]:
        for number, moment in enumerate(self.moments(count)):
            yield self.article(number, moment)


def write_jsonl(path: Path, count: int, seed: int = 2026) -> int:
    """Write `count` articles to `path`; returns the file size in bytes."""
    corpus = Corpus(seed)
    with path.open("w", encoding="utf-8") as handle:
        for article in corpus.articles(count):
            handle.write(json.dumps(article, ensure_ascii=False) + "\n")
    return path.stat().st_size
