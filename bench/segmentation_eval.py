"""Would word segmentation (pyvi) improve the article search's ranking? A labelled comparison.

Issue #6 asks for word segmentation "through a kept library (underthesea or pyvi) where it improves
ranking". The engine (phoihop/search/engine.py) indexes syllables and ranks adjacent syllables
(phrases) above scattered ones, so a segmenter can only add something where two syllables are
adjacent without forming a word — "thành công, an toàn" holds "công an", "học sinh học bơi" holds
"sinh học" — and can take something away wherever it segments wrongly, or cannot segment at all (a
query typed without diacritics, a single syllable of a name).

Three rankings of the same small corpus, on the same queries, typed with and without diacritics:

* ``syllables`` — the engine as it is: its own `index_fields` and `row_features`, score
  16·accent + 8·title phrase + 4·title + 2·phrase, ties broken by date;
* ``words`` — the same features computed on pyvi's words instead of syllables (index and query
  segmented; a row matches when it holds every query word);
* ``hybrid`` — ``syllables``, plus one lower-weight feature: every multi-syllable word of the
  segmented query is a word of the segmented row (matching is unchanged, so recall is too);
* ``clauses`` — no segmenter: ``syllables`` with a break stored at punctuation (, ; : . ! ? …
  brackets, quotes, a spaced dash), so that two syllables on either side of a comma are no longer
  "adjacent" for the phrase features. Matching is unchanged.

The corpus and the judgements (0 not relevant, 1 partly, 2 relevant) are original sentences written
for this bench, in the project's domain, with the hard cases deliberately included: each ambiguous
query has a newer distractor in which its syllables meet across a word boundary. It measures
ranking quality (MRR, nDCG@10, recall@10) and the index-time cost of segmenting a ~3 KB article of
bench/search_corpus.py.

pyvi is not a project dependency; install it in a throwaway virtualenv and point this script at its
site-packages:

    python3 -m venv /tmp/pyvi-venv && /tmp/pyvi-venv/bin/pip install pyvi
    .venv/bin/python bench/segmentation_eval.py --site-packages /tmp/pyvi-venv/lib/python3.11/site-packages
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# (id, days since 2025-01-01, title, body). Distractors are dated after the articles they compete with.
DOCUMENTS: list[tuple[str, int, str, str]] = [
    (
        "d01",
        10,
        "Công an xã An Khánh ra quân bảo đảm trật tự dịp Tết",
        "Lực lượng tuần tra sẽ túc trực tại chợ, bến xe và các tuyến đường liên thôn đến hết rằm tháng Giêng.",
    ),
    (
        "d02",
        12,
        "Phường Bình Minh lắp thêm 40 camera giám sát",
        "Hệ thống do công an phường quản lý, kết nối với trung tâm chỉ huy của thành phố để xử lý vi phạm.",
    ),
    (
        "d03",
        40,
        "Lễ hội làng Vân được tổ chức thành công, an toàn",
        "Hơn hai vạn lượt khách về dự lễ hội trong ba ngày, không xảy ra sự cố nào.",
    ),
    (
        "d04",
        41,
        "Hội nghị tổng kết công tác năm của Hội Nông dân huyện",
        "Ban tổ chức đánh giá hội nghị diễn ra thành công, an toàn và tiết kiệm.",
    ),
    (
        "d05",
        20,
        "Phòng thí nghiệm sinh học của Trường THPT Thanh Trì đi vào hoạt động",
        "Công trình phục vụ gần 1.200 học sinh, có đủ kính hiển vi và tủ bảo quản mẫu vật.",
    ),
    (
        "d06",
        22,
        "Học sinh huyện giành 14 giải thi học sinh giỏi thành phố",
        "Riêng môn Sinh học có hai giải nhất, nhiều nhất từ trước đến nay.",
    ),
    (
        "d07",
        60,
        "Học sinh học bơi miễn phí dịp hè",
        "Nhà văn hóa xã mở 6 lớp bơi cho trẻ từ 8 đến 14 tuổi để phòng chống đuối nước.",
    ),
    (
        "d08",
        30,
        "Trao 50 suất học bổng cho học sinh vượt khó",
        "Quỹ khuyến học của xã trao mỗi suất 2 triệu đồng kèm sách vở cho năm học mới.",
    ),
    (
        "d09",
        70,
        "Tân sinh viên trường đại học sinh hoạt chính trị đầu khóa",
        "Chương trình giới thiệu truyền thống nhà trường và quy chế đào tạo cho sinh viên năm nhất.",
    ),
    (
        "d10",
        15,
        "Người dân xã An Khánh hiến đất mở đường liên thôn",
        "Hơn 30 hộ tự nguyện dời tường rào để con đường rộng thêm hai mét.",
    ),
    (
        "d11",
        18,
        "Lấy ý kiến về quy hoạch khu trung tâm xã",
        "Ủy ban nhân dân xã tổ chức ba buổi đối thoại để người dân góp ý trước khi phê duyệt.",
    ),
    (
        "d12",
        55,
        "Hỗ trợ sinh kế cho người dân tộc thiểu số vùng cao",
        "Mỗi hộ được cấp giống cây dược liệu và tập huấn kỹ thuật canh tác.",
    ),
    (
        "d13",
        25,
        "Tăng cường quản lý nhà nước về báo chí trên địa bàn",
        "Sở Văn hóa và Thông tin đề nghị các cơ quan báo chí rà soát hoạt động của văn phòng đại diện.",
    ),
    (
        "d14",
        27,
        "Khởi công cầu dân sinh nối hai thôn",
        "Công trình dùng vốn ngân sách nhà nước và đóng góp của nhân dân, hoàn thành trong sáu tháng.",
    ),
    (
        "d15",
        65,
        "Công nhân thuê trọ được hỗ trợ tiền nhà, nước sinh hoạt",
        "Khu công nghiệp phối hợp với chủ nhà trọ giảm giá cho người lao động trong ba tháng.",
    ),
    (
        "d16",
        33,
        "Tuổi trẻ Thủ đô chung tay xây dựng đất nước",
        "Đoàn viên ra quân làm sạch môi trường, sửa nhà cho gia đình chính sách.",
    ),
    (
        "d17",
        66,
        "Xử lý ô nhiễm đất, nước tại làng nghề",
        "Huyện yêu cầu các cơ sở tái chế nhựa di dời ra cụm công nghiệp trước năm 2026.",
    ),
    (
        "d18",
        35,
        "Hội đồng nhân dân xã họp kỳ thứ năm",
        "Các đại biểu thông qua nghị quyết về kế hoạch đầu tư công trung hạn.",
    ),
    (
        "d19",
        67,
        "Thôn Đông ra quân phòng chống sốt xuất huyết",
        "Chính quyền kêu gọi cả xã hội đồng lòng diệt bọ gậy, phát quang bụi rậm.",
    ),
    (
        "d20",
        36,
        "Hội đồng thi đua khen thưởng huyện xét tặng danh hiệu",
        "Có 12 tập thể và 40 cá nhân được đề nghị khen thưởng năm nay.",
    ),
    (
        "d21",
        37,
        "Bà Đặng Thị Quỳnh nhận Huân chương Lao động hạng Ba",
        "Bà có gần 30 năm gắn bó với công tác phụ nữ ở cơ sở.",
    ),
    (
        "d22",
        38,
        "Gương sáng khuyến học ở thôn Nam",
        "Ông Trần Văn Quỳnh dành tiền tiết kiệm lập quỹ khuyến học cho con em trong thôn.",
    ),
    (
        "d23",
        39,
        "Huyện Thanh Trì sẵn sàng lên quận",
        "Các tiêu chí về hạ tầng đô thị và dân số đã cơ bản đạt chuẩn.",
    ),
    (
        "d24",
        42,
        "Phát động tháng an toàn giao thông",
        "Công an huyện cùng nhà trường tuyên truyền luật cho học sinh đi xe đạp điện.",
    ),
    (
        "d25",
        43,
        "Giảm ùn tắc ở nút giao Văn Điển",
        "Sở Xây dựng điều chỉnh đèn tín hiệu để giao thông giờ cao điểm thông suốt hơn.",
    ),
    (
        "d26",
        44,
        "Xã An Khánh đẩy mạnh chuyển đổi số",
        "Mọi thủ tục hành chính của xã đã được tiếp nhận trực tuyến, người dân không phải đi lại nhiều.",
    ),
    (
        "d27",
        45,
        "Bệnh viện huyện triển khai bệnh án điện tử",
        "Đây là bước quan trọng của chuyển đổi số trong y tế, giúp giảm thời gian chờ khám.",
    ),
    (
        "d28",
        68,
        "Hợp tác xã thay giống lúa mới",
        "Sau khi chuyển đổi, số hộ có thu nhập trên 100 triệu đồng mỗi năm tăng gấp đôi.",
    ),
    (
        "d29",
        46,
        "Tổ hòa giải ở cơ sở giải quyết 30 vụ việc",
        "Phần lớn là tranh chấp đất đai và mâu thuẫn trong gia đình, đều được hòa giải thành.",
    ),
    (
        "d30",
        69,
        "Đội bóng của xã hòa 1-1, giải đấu khép lại",
        "Hai đội chia nhau chức vô địch giải bóng đá thanh niên mở rộng.",
    ),
    (
        "d31",
        47,
        "Xã An Khánh đạt chuẩn nông thôn mới nâng cao",
        "Thu nhập bình quân đầu người đạt 72 triệu đồng một năm.",
    ),
    (
        "d32",
        48,
        "Đường làng được bê tông hóa toàn bộ",
        "Đây là tiêu chí cuối cùng để thôn đạt chuẩn khu dân cư nông thôn mới kiểu mẫu.",
    ),
    (
        "d33",
        49,
        "Tỷ lệ người dân tham gia bảo hiểm y tế đạt 95%",
        "Bảo hiểm xã hội huyện cùng trạm y tế xã vận động các hộ cận nghèo tham gia.",
    ),
    (
        "d34",
        50,
        "Diễn tập phòng chống thiên tai và tìm kiếm cứu nạn",
        "Hơn 300 người tham gia tình huống sơ tán dân khi nước sông dâng cao.",
    ),
    (
        "d35",
        51,
        "Kiểm tra hệ thống thủy lợi trước mùa mưa bão",
        "Các trạm bơm tiêu được bảo dưỡng, sẵn sàng chống úng cho vụ mùa.",
    ),
]

# query → {document: grade}. Queries are typed with diacritics; the bench also runs their folded forms.
QUERIES: dict[str, dict[str, int]] = {
    "công an": {"d01": 2, "d02": 2, "d24": 1},
    "sinh học": {"d05": 2, "d06": 2},
    "học sinh": {"d06": 2, "d07": 2, "d08": 2, "d05": 1, "d24": 1},
    "người dân": {"d10": 2, "d11": 2, "d33": 2, "d26": 1, "d12": 1},
    "nhà nước": {"d13": 2, "d14": 1},
    "đất nước": {"d16": 2},
    "hội đồng": {"d18": 2, "d20": 2},
    "hòa giải": {"d29": 2},
    "chuyển đổi số": {"d26": 2, "d27": 2},
    "Quỳnh": {"d21": 2, "d22": 2},
    "Thanh Trì": {"d23": 2, "d05": 1},
    "giao thông": {"d24": 2, "d25": 2},
    "an toàn giao thông": {"d24": 2, "d25": 1},
    "nông thôn mới": {"d31": 2, "d32": 2},
    "bảo hiểm y tế": {"d33": 2},
    "phòng chống thiên tai": {"d34": 2},
    "thủy lợi": {"d35": 2},
    "học bổng học sinh": {"d08": 2},
}

WEIGHTS = {"accent": 16, "title_phrase": 8, "title": 4, "phrase": 2, "words": 1}


# Where a clause ends, for the ``clauses`` ranking. A bare hyphen is kept ("KT-XH", "1-1").
_CLAUSE_BREAK = re.compile(r"[,;:.!?…()\[\]\"“”]|\s[-–—]\s")
# A token fold_tokens never produces, so no query phrase can span it.
BREAK = "|"


def clause_tokens(text: str) -> list[str]:
    import vntext

    tokens: list[str] = []
    for clause in _CLAUSE_BREAK.split(text):
        folded = vntext.fold_tokens(clause)
        if folded:
            if tokens:
                tokens.append(BREAK)
            tokens.extend(folded)
    return tokens


@dataclass
class Row:
    key: str
    date: dt.date
    title_f: str
    text_f: str
    accent_terms: str
    clauses_title: str
    clauses_text: str
    words_title: str
    words_text: str
    words_accent: str


def word_tokens(segmented: str) -> list[tuple[str, str]]:
    """(word as written, lowercased; folded word) pairs from pyvi's output ("Công_an xã ,")."""
    import vntext

    pairs = []
    for token in segmented.split():
        syllables = [s for s in token.split("_") if vntext.fold_tokens(s)]
        if not syllables:
            continue  # punctuation
        raw = "_".join(s.lower() for s in syllables)
        folded = "_".join(piece for s in syllables for piece in vntext.fold_tokens(s))
        pairs.append((raw, folded))
    return pairs


def padded(tokens: Sequence[str]) -> str:
    return f" {' '.join(tokens)} " if tokens else ""


def build_rows(segment: Callable[[str], str]) -> list[Row]:
    import vntext
    from phoihop.search.documents import index_fields

    rows = []
    for key, days, title, body in DOCUMENTS:
        fields = index_fields(title=title, text=body)
        title_words = word_tokens(segment(vntext.clean_line(title)))
        text_words = word_tokens(segment(vntext.normalize(body)))
        marked = {raw for raw, folded in title_words + text_words if raw != folded}
        rows.append(
            Row(
                key=key,
                date=dt.date(2025, 1, 1) + dt.timedelta(days=days),
                title_f=fields.title_f,
                text_f=fields.text_f,
                accent_terms=fields.accent_terms,
                clauses_title=padded(clause_tokens(fields.title)),
                clauses_text=" ".join(clause_tokens(fields.text)),
                words_title=padded([f for _, f in title_words]),
                words_text=" ".join(f for _, f in text_words),
                words_accent=padded(sorted(marked)),
            )
        )
    return rows


def rank(query_text: str, rows: list[Row], method: str, segment: Callable[[str], str]) -> list[str]:
    import vntext
    from phoihop.search import engine

    if method == "words":
        pairs = word_tokens(segment(vntext.clean_line(query_text)))
        query = engine.ParsedQuery(
            text=query_text,
            variants=(tuple(f for _, f in pairs),),
            accent_terms=tuple(dict.fromkeys(raw for raw, f in pairs if raw != f)),
        )
    else:
        parsed = engine.parse_query(query_text)
        assert parsed is not None
        query = parsed
    query_words = {f for _, f in word_tokens(segment(vntext.clean_line(query_text))) if "_" in f}
    scored = []
    for row in rows:
        if method == "words":
            title, body, accents = row.words_title, row.words_text, row.words_accent
        elif method == "clauses":
            title, body, accents = row.clauses_title, row.clauses_text, row.accent_terms
        else:
            title, body, accents = row.title_f, row.text_f, row.accent_terms
        haystack = f" {title.strip()} {body} "
        if not any(all(f" {token} " in haystack for token in variant) for variant in query.variants):
            continue
        features = engine.row_features(query, title_f=title, text_f=body, accent_terms=accents)
        if method == "hybrid":
            row_words = f" {row.words_title.strip()} {row.words_text} "
            features["words"] = bool(query_words) and all(f" {w} " in row_words for w in query_words)
        score = sum(WEIGHTS[name] for name, present in features.items() if present)
        scored.append((score, row.date, row.key))
    scored.sort(reverse=True)
    return [key for _, _, key in scored]


def metrics(ranking: list[str], judged: dict[str, int]) -> tuple[float, float, float]:
    """Reciprocal rank of the first relevant row, nDCG@10 (gain 2^grade − 1), recall@10."""
    rr = next((1 / (i + 1) for i, key in enumerate(ranking) if judged.get(key, 0) > 0), 0.0)
    dcg = sum((2 ** judged.get(key, 0) - 1) / math.log2(i + 2) for i, key in enumerate(ranking[:10]))
    ideal = sorted(judged.values(), reverse=True)[:10]
    idcg = sum((2**grade - 1) / math.log2(i + 2) for i, grade in enumerate(ideal))
    found = sum(1 for key in ranking[:10] if judged.get(key, 0) > 0)
    return rr, dcg / idcg if idcg else 0.0, found / sum(1 for g in judged.values() if g > 0)


def index_cost(segment: Callable[[str], str], count: int) -> tuple[float, float, int]:
    """Milliseconds per ~3 KB article: the engine's index_fields, and pyvi segmentation on top."""
    from search_corpus import Corpus

    from phoihop.search.documents import html_to_text, index_fields

    articles = [
        (str(article["title"]), html_to_text(f"{article['sapo']}\n{article['body']}"))
        for article in Corpus(7).articles(count)
    ]
    size = sum(len(title.encode()) + len(text.encode()) for title, text in articles) // count
    started = time.perf_counter()
    for title, text in articles:
        index_fields(title=title, text=text)
    syllables = (time.perf_counter() - started) * 1000 / count
    started = time.perf_counter()
    for title, text in articles:
        word_tokens(segment(title))
        word_tokens(segment(text))
    words = (time.perf_counter() - started) * 1000 / count
    return syllables, words, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--site-packages", help="site-packages of a virtualenv holding pyvi")
    parser.add_argument("--articles", type=int, default=200, help="articles for the index-time cost")
    parser.add_argument("--show", action="store_true", help="print every ranking")
    args = parser.parse_args()
    if args.site_packages:
        sys.path.append(args.site_packages)
    os.environ.setdefault("PHOIHOP_VAR_DIR", tempfile.mkdtemp(prefix="phoihop-segeval-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    try:
        from pyvi import ViTokenizer
    except ImportError:
        sys.exit("pyvi is not importable: install it in a throwaway virtualenv, pass --site-packages")

    segment: Callable[[str], str] = ViTokenizer.tokenize
    rows = build_rows(segment)
    methods = ("syllables", "words", "hybrid", "clauses")
    table: dict[tuple[str, str], list[tuple[float, float, float]]] = {}
    for typed in ("accented", "unaccented"):
        import vntext

        for query, judged in QUERIES.items():
            text = query if typed == "accented" else vntext.fold(query)
            for method in methods:
                ranking = rank(text, rows, method, segment)
                table.setdefault((typed, method), []).append(metrics(ranking, judged))
                if args.show:
                    print(f"{typed:10} {method:9} {text!r:28} {ranking[:6]}")
    print(f"{len(DOCUMENTS)} documents, {len(QUERIES)} queries (each typed with and without diacritics)")
    print(f"{'queries':11} {'ranking':10} {'MRR':>6} {'nDCG@10':>8} {'R@10':>6}")
    for (typed, method), values in table.items():
        mrr, ndcg, recall = (statistics.fmean(v[i] for v in values) for i in range(3))
        print(f"{typed:11} {method:10} {mrr:6.3f} {ndcg:8.3f} {recall:6.3f}")
    syllables, words, size = index_cost(segment, args.articles)
    print(
        f"index time per article (~{size / 1024:.1f} KB, {args.articles} articles of bench/search_corpus.py): "
        f"index_fields {syllables:.2f} ms; pyvi segmentation on top {words:.2f} ms "
        f"({words / syllables:.0f}x, ≈{1000 / (syllables + words):.0f} articles/s for both)"
    )


if __name__ == "__main__":
    main()
