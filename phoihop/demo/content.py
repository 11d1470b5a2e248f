"""Dữ liệu câu chuyện trình diễn của phoihop (pure data, no Django import).

Demo story data: a Hanoi newspaper (Báo Lao động Thủ đô) and huyện Thanh Trì sign a 2023–2025
information programme; on 01/7/2025 the district level ends and its area passes to new communes and
wards; the newspaper keeps working with the successors.

About the text
--------------
* Every sentence below is original, written for this demo in the project's own words. Only public
  facts are reused: the names and titles of the people who attended the 2023 signing ceremony, the
  programme's period and themes, the legal instruments cited (Luật Báo chí 2016, Luật Báo chí
  126/2025/QH15, Nghị định 09/2017/NĐ-CP, Nghị quyết 1656/NQ-UBTVQH15). No sentence is copied from
  the source article.
* Illustrative (not real facts), and labelled as such where they appear:
  - the successor units "UBND xã Thanh Trì (minh họa)" and "UBND phường Ven Sông (minh họa)", and
    which successor inherits which department's work;
  - the programme number, the exact signing date (21/3/2023) and the renewed 2025–2026 programme;
  - every article except the signing report is illustrative reporting for the demo: the summer
    activities, the neighbourhood clean-up, the Tết gifts, the craft village, the working meeting,
    the programme review and the fake compensation notice refuted in "Kiểm chứng" are plausible
    scenes, not reports of real events; the people in them are generic (no real names), and the few
    numbers are round and hedged;
  - what the district, its departments and the commune sent, what the newspaper asked them and
    when they answered, and the two fact-checks (the summer-activity fee rumour of 2024, the fake
    compensation notice of 2026): plausible workflow, invented for the demo;
  - all demo users except the two newspaper leaders (Lê Thị Bích Ngọc, Nguyễn Văn Bình) are
    invented, and their job titles are examples.
* Real people are paraphrased, never quoted.
* Vietnamese is NFC with new-style tone marks ("hòa", "thủy", "Ủy").
"""

from __future__ import annotations

# The page prints "Ảnh:" before a credit: the credit is only the name (see portal.blocks.credit_clean).
CREDIT = "phoihop (minh họa)"

# ---------------------------------------------------------------------------------------------
# Chuyên mục
# ---------------------------------------------------------------------------------------------

CATEGORIES: list[dict] = [
    {
        "slug": "chi-dao-dieu-hanh",
        "title": "Chỉ đạo - Điều hành",
        "description": "Chủ trương, quyết định và hoạt động điều hành của chính quyền các cấp; "
        "các chương trình phối hợp giữa tòa soạn và đơn vị.",
    },
    {
        "slug": "thoi-su",
        "title": "Thời sự",
        "description": "Tin tức nổi bật trong ngày ở Thủ đô và các địa phương, từ nguồn tin chính thức "
        "và phóng viên tại chỗ.",
    },
    {
        "slug": "kinh-te",
        "title": "Kinh tế",
        "description": "Sản xuất, kinh doanh, làng nghề, nông nghiệp ven đô và đời sống kinh tế của người dân.",
    },
    {
        "slug": "xa-hoi",
        "title": "Xã hội",
        "description": "Đời sống khu dân cư, môi trường, giáo dục, y tế và những câu chuyện thường ngày.",
    },
    {
        "slug": "cong-doan",
        "title": "Công đoàn",
        "description": "Hoạt động của tổ chức Công đoàn, việc chăm lo quyền lợi và đời sống của đoàn viên, "
        "người lao động.",
    },
    {
        "slug": "kiem-chung",
        "title": "Kiểm chứng",
        "description": "Xác minh và phản bác thông tin giả, thông tin sai sự thật; hướng dẫn bạn đọc nhận "
        "diện tin đồn.",
    },
]

# ---------------------------------------------------------------------------------------------
# Ảnh minh họa (drawn locally with Pillow by phoihop.demo.images)
# ---------------------------------------------------------------------------------------------

IMAGES: list[dict] = [
    {
        "key": "le-ky-ket",
        "title": "Lễ ký kết chương trình phối hợp",
        "caption": "Hình minh họa: hai bên ký văn bản phối hợp về thông tin, tuyên truyền.",
        "credit": CREDIT,
        "palette": ["#8b1e2d", "#f3e3c3", "#c9a227"],
        "motif": "ceremony",
    },
    {
        "key": "do-thi-ven-song",
        "title": "Đô thị ven sông phía Nam Thủ đô",
        "caption": "Hình minh họa: những khu nhà mới và trục giao thông ở cửa ngõ phía Nam Hà Nội.",
        "credit": CREDIT,
        "palette": ["#1f4e79", "#d9e7f2", "#f2a541"],
        "motif": "city",
    },
    {
        "key": "canh-dong-ven-do",
        "title": "Cánh đồng và làng nghề ven đô",
        "caption": "Hình minh họa: ruộng rau và mái nhà làng nghề ở vùng ven đô.",
        "credit": CREDIT,
        "palette": ["#2e7d32", "#f1f8e9", "#a1887f"],
        "motif": "fields",
    },
    {
        "key": "buoi-lam-viec",
        "title": "Buổi làm việc giữa tòa soạn và đơn vị",
        "caption": "Hình minh họa: tòa soạn và chính quyền cơ sở trao đổi về cung cấp thông tin.",
        "credit": CREDIT,
        "palette": ["#37474f", "#eceff1", "#26a69a"],
        "motif": "meeting",
    },
    {
        "key": "nguoi-lao-dong",
        "title": "Đoàn viên, người lao động",
        "caption": "Hình minh họa: công nhân, người lao động tại một nhà xưởng.",
        "credit": CREDIT,
        "palette": ["#0d47a1", "#fff8e1", "#ef6c00"],
        "motif": "workers",
    },
    {
        "key": "van-ban",
        "title": "Văn bản, thông báo chính thức",
        "caption": "Hình minh họa: văn bản, thông báo do cơ quan nhà nước ban hành.",
        "credit": CREDIT,
        "palette": ["#5d4037", "#fafafa", "#c62828"],
        "motif": "document",
    },
]

# ---------------------------------------------------------------------------------------------
# Tin, bài
# ---------------------------------------------------------------------------------------------

# Each article says which programme it serves ("2023": PROGRAM, "2025": PROGRAM_2025) and which of
# that programme's themes (by their place in its list), as an editor sets them in the admin. The review
# of the 2023–2025 programme (no. 8) is that programme's, though published after it ended: it is
# listed under the programme but not counted in its figures, which count what was published in it.
ARTICLES: list[dict] = [
    # 1. The signing ceremony (facts from the public report; wording original).
    {
        "slug": "thanh-tri-va-bao-lao-dong-thu-do-ky-chuong-trinh-phoi-hop-2023-2025",
        "category": "chi-dao-dieu-hanh",
        "title": "Thanh Trì và Báo Lao động Thủ đô ký chương trình phối hợp thông tin giai đoạn 2023 - 2025",
        "sapo": "Sáng 21/3, UBND huyện Thanh Trì cùng Báo Lao động Thủ đô tổ chức hội nghị ký kết chương "
        "trình phối hợp về thông tin, tuyên truyền cho ba năm 2023 - 2025. Hai bên cam kết trao đổi "
        "thông tin hai chiều, đồng hành với huyện trên chặng đường phấn đấu trở thành quận.",
        "paragraphs": [
            "Người trực tiếp đặt bút ký văn bản là bà Lê Thị Bích Ngọc, Tổng Biên tập của tờ báo, đồng thời "
            "tham gia Ban Thường vụ Liên đoàn Lao động Hà Nội; phía huyện là ông Nguyễn Tiến Cường, Chủ "
            "tịch UBND huyện kiêm Phó Bí thư Huyện ủy. Đi cùng bà Bích Ngọc có hai Phó Tổng Biên tập là ông "
            "Nguyễn Văn Bình, ông Đinh Tuấn Anh và lãnh đạo một số ban chuyên môn của tòa soạn.",
            "Về phía địa phương, hội nghị có sự tham dự của ông Đặng Đức Quỳnh, Chủ tịch HĐND huyện; "
            "hai Phó Chủ tịch UBND huyện là ông Nguyễn Huy Toàn và ông Nguyễn Văn Hưng; ông Lý Duy Xuân, "
            "người đứng đầu Ban Tuyên giáo Huyện ủy. Cả bốn đồng chí đều nằm trong Ban Thường vụ Huyện ủy. "
            "Lãnh đạo nhiều phòng, ban chuyên môn của huyện cũng có mặt để nắm các đầu việc được giao.",
            "Trình bày tại hội nghị, ông Lý Duy Xuân nhắc lại rằng cả văn kiện Đại hội XVII của Đảng bộ Thành "
            "phố lẫn văn kiện Đại hội XXIV của Đảng bộ huyện đều đặt mục tiêu đưa Thanh Trì "
            "lên quận vào năm 2025. Huyện đã dồn sức thực hiện và có nhiều chuyển biến, song việc đưa các "
            "kết quả ấy đến với người dân và dư luận còn hạn chế, sức lan tỏa chưa như mong muốn. Sắp tới, "
            "huyện tiếp tục hoàn thiện tiêu chí lên quận, lên phường, cùng các nhiệm vụ kinh tế - xã hội "
            "và xây dựng Đảng.",
            "Phát biểu của Chủ tịch UBND huyện Nguyễn Tiến Cường tập trung vào mục đích của việc hợp tác: "
            "giúp người dân hiểu rõ và chung tay thực hiện các chủ trương, chính sách, các mục tiêu kinh "
            "tế - xã hội, giữ vững quốc phòng, an ninh trên địa bàn. Ông đề nghị hai bên làm "
            "đồng bộ, coi trọng chất lượng và sự kịp thời, để những thông tin đến với bạn đọc vừa tích cực, "
            "vừa sát thực tế của huyện.",
            "{image:3}",
            "Tổng Biên tập Lê Thị Bích Ngọc bày tỏ sự đồng thuận với các nội dung phối hợp. Bà giới thiệu "
            "tờ báo thuộc Liên đoàn Lao động Hà Nội và được Thành phố xếp vào nhóm năm cơ quan truyền thông "
            "chính thống. Bên cạnh mối gắn bó với các cấp Công đoàn và doanh nghiệp, tòa soạn coi việc hợp "
            "tác với sở, ngành, quận, huyện là một nhiệm vụ chính trị quan trọng của thời gian tới.",
            "Người đứng đầu tòa soạn mong huyện và các phòng, ban, ngành chủ động gửi thông tin chính thức, "
            "đúng lúc, nhất là về thời sự chính trị, kinh tế và đời sống xã hội, để Báo kịp thời phản ánh, "
            "góp phần định hướng dư luận. Theo bà, Báo sẽ đồng hành với Thanh Trì trong mục tiêu lên quận, "
            "cùng huyện xây dựng cách làm truyền thông bài bản, củng cố niềm tin và sự đồng thuận của người dân.",
            "Theo văn bản vừa ký, hai bên trao đổi thông tin để tuyên truyền nghị quyết của Đại hội toàn "
            "quốc lần thứ XIII, Đại hội XVII của Đảng bộ Thành phố, Đại hội XXIV của Đảng bộ huyện, sáu "
            "chương trình công tác của huyện cùng các văn bản chỉ đạo liên quan. Danh mục ưu tiên còn có "
            "kết quả trên các mặt kinh tế, văn hóa, xã hội, công tác quốc phòng, an ninh, đề án đưa huyện "
            "lên quận, và việc phản bác quan điểm sai trái, tin giả tới đoàn viên, người lao động cùng nhân dân.",
        ],
        "authors": ["Bảo Thoa"],
        "tags": ["Thanh Trì", "chương trình phối hợp", "Báo Lao động Thủ đô", "thông tin tuyên truyền"],
        "published_at": "2023-03-21T10:30:00+07:00",
        "program": "2023",
        "themes": [4],
        "lead_image": 0,
        "lead_caption": "Hình minh họa: lễ ký văn bản phối hợp thông tin 2023 - 2025 giữa tòa soạn và huyện Thanh Trì.",
        "lead_credit": CREDIT,
    },
    # 2. Preparing to become an urban district (illustrative reporting).
    {
        "slug": "thanh-tri-tang-toc-hoan-thien-cac-tieu-chi-de-len-quan",
        "category": "chi-dao-dieu-hanh",
        "title": "Thanh Trì tăng tốc hoàn thiện các tiêu chí để lên quận",
        "sapo": "Với mục tiêu trở thành quận, huyện Thanh Trì đang rà soát từng nhóm tiêu chí đô thị, tập "
        "trung vào hạ tầng giao thông, môi trường và quản lý trật tự xây dựng. Song song với đó là việc "
        "giải thích để người dân hiểu rõ những thay đổi sắp tới.",
        "paragraphs": [
            "Nằm ở cửa ngõ phía Nam Thủ đô, Thanh Trì có nhiều trục giao thông lớn đi qua như Quốc lộ 1A, "
            "đường Vành đai 3 và cao tốc Pháp Vân - Cầu Giẽ. Cùng với tốc độ đô thị hóa nhanh trong những "
            "năm gần đây, vị trí ấy khiến đích lên quận không còn là khẩu hiệu mà trở thành nhiệm vụ có "
            "thời hạn cụ thể trong nghị quyết của Đảng bộ huyện.",
            "Theo các phòng chuyên môn, việc rà soát được tiến hành dựa trên các nghị quyết của Ủy ban "
            "Thường vụ Quốc hội về tiêu chuẩn đơn vị hành chính và phân loại đô thị. Mỗi nhóm tiêu chí có "
            "một đơn vị chủ trì và lộ trình theo quý. Những phần việc còn khó, như hạ tầng thoát nước, cây "
            "xanh hay công trình văn hóa, thể thao, được ưu tiên bố trí nguồn lực.",
            "{image:2}",
            "Với các xã, mục tiêu là đủ điều kiện chuyển thành phường cùng thời điểm với huyện. Nhiều địa "
            "phương đã chỉnh trang đường làng, ngõ xóm, lắp thêm đèn chiếu sáng, mở rộng điểm thu gom rác "
            "và đưa dịch vụ công trực tuyến đến gần người dân hơn. Công tác quy hoạch và quản lý đất đai "
            "cũng được siết chặt để tránh tình trạng xây dựng tự phát làm chậm tiến độ.",
            "Một cán bộ phòng Văn hóa và Thông tin huyện cho biết, điều người dân quan tâm nhất là khi lên "
            "quận thì cuộc sống thay đổi ra sao: thủ tục hành chính, các khoản đóng góp, quyền lợi về đất "
            "đai. Vì vậy, huyện chủ trương công khai thông tin theo từng giai đoạn và phối hợp với các cơ "
            "quan báo chí, trong đó có Báo Lao động Thủ đô, để giải đáp những câu hỏi thường gặp.",
            "Theo chương trình phối hợp ký từ đầu năm, tòa soạn sẽ mở loạt bài theo dõi tiến độ từng nhóm "
            "tiêu chí, ghi nhận cách làm hay ở cơ sở và phản ánh cả những vướng mắc cần tháo gỡ. Thông tin "
            "chính thức do huyện gửi là nguồn chính, bên cạnh khảo sát thực tế của phóng viên tại các thôn, "
            "tổ dân phố.",
        ],
        "authors": ["Hoàng Lâm"],
        "tags": ["Thanh Trì", "huyện lên quận", "đô thị hóa", "quy hoạch"],
        "published_at": "2023-11-08T15:20:00+07:00",
        "program": "2023",
        "themes": [1],
        "lead_image": 1,
        "lead_caption": "Hình minh họa: các trục giao thông và khu dân cư mới ở cửa ngõ phía Nam Thủ đô.",
        "lead_credit": CREDIT,
    },
    # 3. Trade-union welfare (illustrative reporting).
    {
        "slug": "cong-doan-thanh-tri-mang-tet-som-den-doan-vien-nguoi-lao-dong",
        "category": "cong-doan",
        "title": "Công đoàn Thanh Trì mang Tết sớm đến đoàn viên, người lao động khó khăn",
        "sapo": "Những ngày giáp Tết Giáp Thìn, Liên đoàn Lao động huyện Thanh Trì cùng các công đoàn cơ "
        "sở tổ chức nhiều hoạt động thăm hỏi, tặng quà, giúp đoàn viên, người lao động có hoàn cảnh khó "
        "khăn đón năm mới đầm ấm hơn.",
        "paragraphs": [
            "Hưởng ứng chương trình Tết Sum vầy do Liên đoàn Lao động Thành phố phát động, Công đoàn huyện "
            "Thanh Trì đã rà soát danh sách đoàn viên khó khăn từ nhiều tuần trước. Ưu tiên được dành cho "
            "người bị giảm việc làm, người mắc bệnh hiểm nghèo và những gia đình có người thân gặp tai nạn "
            "lao động trong năm.",
            "Các phần quà gồm tiền mặt và nhu yếu phẩm được trao tận tay tại nhà hoặc tại doanh nghiệp. "
            "Theo đại diện Liên đoàn Lao động huyện, con số cụ thể sẽ được tổng hợp sau Tết, nhưng ước tính "
            "có hàng trăm suất quà từ nguồn tài chính công đoàn, cùng sự đóng góp của doanh nghiệp và các "
            "nhà hảo tâm trên địa bàn.",
            "{image:4}",
            "Tại một doanh nghiệp may trong huyện, buổi trao quà diễn ra ngay trong giờ nghỉ trưa. Một nữ "
            "công nhân quê ở tỉnh ngoài kể rằng chị đã ba năm không về quê ăn Tết vì tiền tàu xe quá đắt; "
            "năm nay, nhờ có thêm khoản hỗ trợ, chị tính mua vé sớm để về đoàn tụ với hai con nhỏ.",
            "Bên cạnh quà Tết, công đoàn huyện còn phối hợp với người sử dụng lao động rà soát việc trả "
            "lương, thưởng, bảo đảm công nhân nhận đủ thu nhập trước kỳ nghỉ. Những nơi có dấu hiệu chậm "
            "lương được đề nghị báo cáo và đưa ra phương án xử lý, tránh phát sinh tranh chấp vào dịp cuối năm.",
            "Theo chương trình phối hợp giữa huyện Thanh Trì và Báo Lao động Thủ đô, việc chăm lo cho đoàn "
            "viên là một trong những nội dung được tòa soạn thường xuyên phản ánh. Qua đó, cách làm hiệu quả "
            "ở cơ sở được nhân rộng, đồng thời người lao động biết rõ mình có thể tìm đến kênh nào khi cần "
            "được hỗ trợ.",
        ],
        "authors": ["Minh Anh"],
        "tags": ["Công đoàn", "Tết Sum vầy", "chăm lo đoàn viên", "Thanh Trì"],
        "published_at": "2024-01-26T09:15:00+07:00",
        "program": "2023",
        "themes": [5],
        "lead_image": 4,
        "lead_caption": "Hình minh họa: đoàn viên, người lao động nhận quà trước Tết.",
        "lead_credit": CREDIT,
    },
    # 4. A department sends official information (illustrative reporting).
    {
        "slug": "thanh-tri-chuan-bi-san-choi-he-2024-cho-thieu-nhi-tai-khu-dan-cu",
        "category": "thoi-su",
        "title": "Thanh Trì chuẩn bị sân chơi hè 2024 cho thiếu nhi tại khu dân cư",
        "sapo": "Theo thông tin chính thức do Phòng Văn hóa và Thông tin huyện Thanh Trì gửi tới Báo Lao "
        "động Thủ đô, các điểm sinh hoạt hè cho thiếu nhi sẽ được mở tại nhà văn hóa và sân trường ở "
        "nhiều thôn, tổ dân phố.",
        "paragraphs": [
            "Văn bản do Phòng Văn hóa và Thông tin huyện gửi tòa soạn cho biết, các điểm sinh hoạt hè được "
            "bố trí tại nhà văn hóa thôn, tổ dân phố và sân trường học. Nội dung tập trung vào kỹ năng sống, "
            "phòng chống đuối nước, văn nghệ, thể thao và đọc sách, phù hợp với học sinh tiểu học và trung "
            "học cơ sở.",
            "Huyện yêu cầu các xã, thị trấn kiểm tra an toàn cơ sở vật chất trước khi đưa vào sử dụng, nhất "
            "là khu vực gần ao hồ, bể bơi và thiết bị vui chơi ngoài trời. Đoàn viên thanh niên được phân "
            "công phụ trách từng điểm, phối hợp với ban công tác Mặt trận và phụ huynh để theo dõi, nhắc "
            "nhở các em.",
            "{image:5}",
            "Đáng chú ý, đây là một trong những thông tin được phòng gửi sớm, trước thời điểm triển khai gần "
            "một tháng, kèm lịch khai mạc và đầu mối liên hệ. Theo cán bộ đầu mối của phòng, từ khi có "
            "chương trình phối hợp, mỗi tháng đơn vị lập danh mục sự kiện, văn bản đáng chú ý và chuyển cho "
            "tòa soạn để chủ động bố trí phóng viên.",
            "Phía tòa soạn cho biết, thông tin gửi đến được biên tập viên tiếp nhận, phân loại rồi giao cho "
            "phóng viên phụ trách địa bàn xác minh, bổ sung. Các thông báo mang tính thủ tục được đăng "
            "nhanh; những vấn đề cần phân tích sâu hơn được phát triển thành bài viết riêng, có ghi rõ nguồn "
            "cung cấp.",
            "Phụ huynh muốn đăng ký cho con tham gia có thể liên hệ nhà văn hóa nơi cư trú hoặc bộ phận một "
            "cửa của UBND xã, thị trấn. Lịch hoạt động chi tiết sẽ được niêm yết công khai và cập nhật trên "
            "trang thông tin điện tử của huyện trong thời gian tới.",
        ],
        "authors": ["Thanh Hà"],
        "tags": ["Thanh Trì", "hoạt động hè", "thiếu nhi", "cung cấp thông tin"],
        "published_at": "2024-05-14T14:05:00+07:00",
        "program": "2023",
        "themes": [2, 4],
        "lead_image": 1,
        "lead_caption": "Hình minh họa: khu dân cư ở Thanh Trì chuẩn bị cho mùa hè của thiếu nhi.",
        "lead_credit": CREDIT,
    },
    # 5. Society: neighbourhood clean-up (illustrative reporting).
    {
        "slug": "thanh-tri-nguoi-dan-chung-tay-giu-ngo-xom-xanh-sach-van-minh",
        "category": "xa-hoi",
        "title": "Thanh Trì: Người dân chung tay giữ ngõ xóm xanh, sạch, văn minh",
        "sapo": "Từ những buổi tổng vệ sinh cuối tuần đến mô hình phân loại rác tại nguồn, nhiều khu dân cư "
        "ở Thanh Trì đang đổi thay diện mạo, góp phần vào các tiêu chí đô thị mà huyện theo đuổi.",
        "paragraphs": [
            "Sáng Chủ nhật vừa qua, khi trời còn chưa nắng gắt, các hộ gia đình trong một tổ dân phố ở thị "
            "trấn Văn Điển đã có mặt đông đủ ở đầu ngõ. Người cầm chổi, người đẩy xe, người nhổ cỏ quanh "
            "các bồn cây. Buổi tổng vệ sinh định kỳ này duy trì đã nhiều tháng và trở thành nếp sinh hoạt "
            "chung của cả khu.",
            "Theo trưởng ban công tác Mặt trận của khu dân cư, cái khó nhất lúc đầu là thay đổi thói quen "
            "để rác không đúng giờ. Ban đã đến từng nhà vận động, treo bảng lịch thu gom và giao cho mỗi "
            "nhóm hộ một đoạn đường để theo dõi. Chỉ sau một thời gian, những điểm rác tự phát ở góc ngõ đã "
            "gần như không còn.",
            "Ở một số xã, việc phân loại rác tại nguồn được thí điểm với sự hỗ trợ của hội phụ nữ và đoàn "
            "thanh niên. Rác hữu cơ được hướng dẫn ủ làm phân bón cho vườn rau gia đình, rác tái chế được "
            "gom bán để lấy kinh phí cho hoạt động chung. Cách làm này vừa giảm lượng rác phải vận chuyển, "
            "vừa tạo sự gắn kết giữa các hộ.",
            "{image:1}",
            "Lãnh đạo phòng Tài nguyên và Môi trường huyện cho biết, vệ sinh môi trường là nhóm tiêu chí "
            "quan trọng trong lộ trình lên quận. Cùng với đầu tư hạ tầng thu gom, xử lý, huyện xác định ý "
            "thức của người dân là yếu tố quyết định; vì vậy, công tác vận động phải bền bỉ, cụ thể và gắn "
            "với từng khu dân cư.",
            "Không dừng ở vệ sinh, nhiều khu dân cư còn tự nguyện góp tiền lắp đèn chiếu sáng, vẽ tranh "
            "tường và trồng thêm cây xanh. Những con ngõ từng tối tăm nay thành nơi trẻ em vui chơi, người "
            "già đi dạo mỗi chiều, góp phần xây dựng lối sống văn minh đô thị từ những việc nhỏ nhất.",
        ],
        "authors": ["Ngọc Diệp"],
        "tags": ["Thanh Trì", "môi trường", "văn minh đô thị", "phân loại rác"],
        "published_at": "2024-09-10T08:40:00+07:00",
        "program": "2023",
        "themes": [2],
        "lead_image": 2,
        "lead_caption": "Hình minh họa: ngõ xóm xanh, sạch ở vùng ven đô.",
        "lead_credit": CREDIT,
    },
    # 6. 01/7/2025: the district level ends (successors not named: not known for sure here).
    {
        "slug": "ha-noi-van-hanh-chinh-quyen-hai-cap-dia-ban-thanh-tri-buoc-sang-giai-doan-moi",
        "category": "chi-dao-dieu-hanh",
        "title": "Hà Nội vận hành chính quyền hai cấp: Địa bàn Thanh Trì bước sang giai đoạn mới",
        "sapo": "Từ ngày 1/7/2025, cấp huyện chính thức kết thúc hoạt động. Địa bàn huyện Thanh Trì trước "
        "đây nay thuộc các xã, phường mới của thành phố Hà Nội được thành lập theo Nghị quyết số "
        "1656/NQ-UBTVQH15.",
        "paragraphs": [
            "Nghị quyết số 1656/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội sắp xếp lại các đơn "
            "vị hành chính cấp xã của thành phố Hà Nội. Cùng với việc kết thúc hoạt động của cấp huyện, bộ "
            "máy chính quyền địa phương của Thủ đô nay chỉ còn hai cấp: Thành phố và các xã, phường.",
            "Với địa bàn huyện Thanh Trì cũ, toàn bộ diện tích và dân cư được chuyển về các xã, phường mới, "
            "hình thành trên cơ sở sắp xếp các xã, thị trấn trước đây. Người dân muốn biết nơi mình ở thuộc "
            "đơn vị nào có thể tra cứu danh sách kèm theo nghị quyết hoặc hỏi trực tiếp tại trung tâm phục "
            "vụ hành chính công của xã, phường.",
            "{image:5}",
            "Với công tác thông tin, chương trình phối hợp 2023 - 2025 giữa tòa soạn và UBND "
            "huyện không vì thế mà bỏ dở. Những phần việc còn dang dở, như các loạt bài đang thực hiện hay "
            "các đề nghị cung cấp thông tin chưa được trả lời, sẽ được chuyển cho đơn vị kế thừa theo hướng "
            "dẫn của Thành phố, để tiếp tục theo dõi đến hết thời hạn chương trình.",
            "Trong những ngày đầu vận hành, tòa soạn cử phóng viên đến một số trung tâm phục vụ hành chính "
            "công trên địa bàn để ghi nhận việc tiếp nhận hồ sơ, giải quyết thủ tục. Những phản ánh của "
            "người dân về con dấu, địa chỉ trên giấy tờ hay thời gian xử lý sẽ được Báo tổng hợp, gửi tới "
            "cơ quan có thẩm quyền để giải đáp.",
            "Về lâu dài, việc không còn cấp huyện đặt ra yêu cầu mới cho quan hệ giữa báo chí và chính quyền. "
            "Thay vì một đầu mối chung, tòa soạn sẽ làm việc trực tiếp với nhiều xã, phường cùng các sở, "
            "ngành của Thành phố. Báo dự kiến lập lại danh sách người phát ngôn, cán bộ đầu mối và cách "
            "thức trao đổi thông tin cho phù hợp với mô hình mới.",
        ],
        "authors": ["Hoàng Lâm", "Bảo Thoa"],
        "tags": ["chính quyền hai cấp", "sắp xếp đơn vị hành chính", "Nghị quyết 1656", "Thanh Trì"],
        "published_at": "2025-07-01T07:30:00+07:00",
        "program": "2023",
        "themes": [3],
        "lead_image": 1,
        "lead_caption": "Hình minh họa: Thủ đô bước vào vận hành mô hình chính quyền địa phương hai cấp.",
        "lead_credit": CREDIT,
    },
    # 7. Programme renewal with a commune-level partner (illustrative).
    {
        "slug": "bao-lao-dong-thu-do-ky-chuong-trinh-phoi-hop-2025-2026-voi-chinh-quyen-cap-xa",
        "category": "chi-dao-dieu-hanh",
        "title": "Báo Lao động Thủ đô ký chương trình phối hợp giai đoạn 2025 - 2026 với chính quyền cấp xã",
        "sapo": "Tiếp nối quan hệ hợp tác với huyện Thanh Trì trước đây, tòa soạn ký chương trình phối hợp "
        "thông tin mới với UBND xã Thanh Trì (minh họa). Bài viết mang tính minh họa: tên đơn vị kế thừa "
        "và các cam kết nêu trong bài là ví dụ, không phải thông tin chính thức.",
        "paragraphs": [
            "Sau khi mô hình chính quyền hai cấp đi vào hoạt động, nhu cầu trao đổi thông tin giữa tòa "
            "soạn và cơ sở không giảm mà còn tăng lên. Cấp xã nay trực tiếp giải quyết nhiều thủ tục trước "
            "đây thuộc thẩm quyền của huyện, kéo theo những câu hỏi mới của người dân về thời gian, quy "
            "trình và nơi tiếp nhận hồ sơ.",
            "Chương trình giai đoạn 2025 - 2026 kế thừa khung nội dung của văn bản ký với huyện năm 2023, "
            "nhưng được điều chỉnh cho phù hợp với quy mô một xã. Hai bên thống nhất mỗi tháng xã gửi danh "
            "mục sự kiện và văn bản đáng chú ý; tòa soạn phản hồi bằng kế hoạch đưa tin và cử phóng viên "
            "theo dõi những việc lớn của địa phương.",
            "{image:0}",
            "Nội dung ưu tiên gồm việc vận hành bộ máy mới, cải cách thủ tục hành chính, chỉnh trang đô thị, "
            "phát triển nông nghiệp ven đô và làng nghề, chăm lo đời sống người lao động. Phát hiện và phản "
            "bác thông tin sai sự thật liên quan đến địa phương tiếp tục là nhiệm vụ thường xuyên, có đầu "
            "mối xử lý rõ ràng ở cả hai phía.",
            "Điểm mới là việc dùng không gian phối hợp trực tuyến: đơn vị gửi thông tin, tài liệu, hình ảnh "
            "qua hệ thống; tòa soạn tiếp nhận, phân công và báo lại kết quả đăng tải. Mỗi đề nghị cung cấp "
            "thông tin của Báo đều có hạn trả lời, giúp hai bên theo dõi tiến độ thay vì trao đổi rời rạc "
            "qua điện thoại.",
            "Theo kế hoạch, hai bên sẽ sơ kết vào giữa kỳ và tổng kết khi chương trình kết thúc vào cuối "
            "năm 2026. Báo cáo sẽ nêu số tin, bài đã đăng theo từng nội dung, những đề nghị thông tin được "
            "đáp ứng đúng hạn và những việc cần điều chỉnh cho giai đoạn tiếp theo.",
        ],
        "authors": ["Bảo Thoa"],
        "tags": ["chương trình phối hợp", "chính quyền cấp xã", "Báo Lao động Thủ đô", "minh họa"],
        "published_at": "2025-10-14T10:00:00+07:00",
        "editors_pick": True,  # "Nên xem" on the home page
        "program": "2025",
        "themes": [0],
        "lead_image": 0,
        "lead_caption": "Hình minh họa: lễ ký văn bản phối hợp 2025 - 2026 với chính quyền cấp xã.",
        "lead_credit": CREDIT,
    },
    # 8. Review of the 2023–2025 programme (illustrative).
    {
        "slug": "nhin-lai-ba-nam-phoi-hop-thong-tin-tren-dia-ban-thanh-tri",
        "category": "thoi-su",
        "title": "Nhìn lại ba năm phối hợp thông tin giữa tòa soạn và địa bàn Thanh Trì",
        "sapo": "Chương trình phối hợp 2023 - 2025 đã khép lại, đi qua cả thời điểm huyện Thanh "
        "Trì kết thúc hoạt động để chuyển sang mô hình chính quyền hai cấp. Những kinh nghiệm rút ra là "
        "nền tảng cho các chương trình mới với xã, phường.",
        "paragraphs": [
            "Khi ký vào tháng 3/2023, chương trình đặt trọng tâm vào lộ trình đưa Thanh Trì lên quận. Mục "
            "tiêu ấy sau đó thay đổi theo chủ trương sắp xếp đơn vị hành chính của Trung ương, nhưng phần "
            "lớn các nội dung phối hợp, từ tuyên truyền nghị quyết đến phản ánh đời sống người lao động, vẫn "
            "được duy trì đến ngày cuối cùng của chương trình.",
            "Theo đánh giá của tòa soạn, tiến bộ rõ nhất là thông tin từ cơ sở đến sớm hơn và đầy đủ hơn. "
            "Các phòng, ban của huyện, sau này là các xã, phường kế thừa, đã quen gửi lịch sự kiện, thông "
            "cáo và văn bản kèm đầu mối liên hệ, giúp phóng viên chủ động tác nghiệp thay vì chờ đợi.",
            "{image:3}",
            "Bên cạnh đó vẫn còn hạn chế. Một số đề nghị cung cấp thông tin được trả lời chậm, nhất là trong "
            "giai đoạn chuyển giao giữa hai mô hình chính quyền, khi nhiều cán bộ đầu mối thay đổi vị trí "
            "công tác. Có lúc tòa soạn phải liên hệ qua nhiều kênh mới xác định được đơn vị chịu trách nhiệm "
            "trả lời.",
            "Từ thực tế đó, các bên rút ra mấy bài học: danh sách người phát ngôn và cán bộ đầu mối cần "
            "được cập nhật ngay khi có thay đổi; mỗi nội dung trao đổi cần có hạn xử lý; kết quả đăng tải "
            "nên được báo lại cho đơn vị cung cấp để cùng theo dõi hiệu quả tuyên truyền.",
            "Báo cáo tổng kết đã được gửi tới các đơn vị liên quan. Những nội dung chưa hoàn thành được "
            "chuyển sang các chương trình phối hợp mới mà tòa soạn đã và đang ký với các xã, phường trên địa "
            "bàn Thủ đô, để mạch thông tin không bị gián đoạn.",
        ],
        "authors": ["Minh Anh"],
        "tags": ["tổng kết", "chương trình phối hợp", "Thanh Trì", "chính quyền hai cấp"],
        "published_at": "2026-01-09T16:00:00+07:00",
        "editors_pick": True,  # "Nên xem" on the home page
        "program": "2023",
        "themes": [4],
        "lead_image": 5,
        "lead_caption": "Hình minh họa: báo cáo tổng kết ba năm phối hợp 2023 - 2025.",
        "lead_credit": CREDIT,
    },
    # 9. Working meeting on information exchange (illustrative).
    {
        "slug": "toa-soan-va-chinh-quyen-xa-ban-cach-trao-doi-thong-tin-nhanh-dung-du",
        "category": "thoi-su",
        "title": "Tòa soạn và chính quyền xã bàn cách trao đổi thông tin nhanh, đúng, đủ",
        "sapo": "Chiều 20/11, Báo Lao động Thủ đô có buổi làm việc với UBND xã Thanh Trì (minh họa) để đánh "
        "giá việc trao đổi thông tin trong năm 2026 và bàn kế hoạch cho năm tới. Nội dung bài viết mang "
        "tính minh họa.",
        "paragraphs": [
            "Tham dự buổi làm việc, phía tòa soạn có đại diện Ban Biên tập, lãnh đạo ban Thời sự và phóng "
            "viên phụ trách địa bàn; phía xã có lãnh đạo UBND, người phát ngôn và cán bộ đầu mối về thông "
            "tin. Hai bên rà soát các đầu việc đã thống nhất trong chương trình giai đoạn 2025 - 2026, khi "
            "chương trình chỉ còn hơn một tháng nữa là kết thúc.",
            "Theo báo cáo của cán bộ đầu mối, trong năm qua xã thường xuyên gửi tòa soạn thông tin về các "
            "sự kiện lớn, kết quả giải quyết thủ tục hành chính và việc chỉnh trang đô thị. Phần lớn được "
            "gửi qua không gian phối hợp trực tuyến, có đính kèm văn bản, hình ảnh và đầu mối liên hệ cụ thể.",
            "{image:3}",
            "Đại diện tòa soạn ghi nhận sự chủ động của xã, đồng thời nêu một số điểm cần cải thiện. Vài đề "
            "nghị cung cấp thông tin về đất đai và quy hoạch được trả lời sát hạn, khiến bài viết phải lùi "
            "thời điểm đăng. Cũng có trường hợp thông tin gửi đến thiếu căn cứ văn bản, phóng viên phải xác "
            "minh lại trước khi sử dụng.",
            "Hai bên thống nhất, từ năm 2027, những nội dung nhạy cảm như bồi thường, giải phóng mặt bằng sẽ "
            "được xã thông tin ngay khi có văn bản chính thức, để thu hẹp khoảng trống mà tin đồn có thể lợi "
            "dụng. Xã cũng sẽ cập nhật danh sách người phát ngôn trên trang thông tin điện tử mỗi khi có "
            "thay đổi nhân sự.",
            "Kết thúc buổi làm việc, hai bên giao bộ phận thường trực chuẩn bị dự thảo chương trình phối hợp "
            "giai đoạn tiếp theo, dự kiến trình lãnh đạo hai đơn vị trong tháng 12. Báo cáo tổng kết giai "
            "đoạn 2025 - 2026 sẽ được hoàn thành trước khi văn bản mới được ký.",
        ],
        "authors": ["Phương Linh"],
        "tags": ["buổi làm việc", "cung cấp thông tin", "người phát ngôn", "minh họa"],
        "published_at": "2026-11-20T15:45:00+07:00",
        "program": "2025",
        "themes": [0],
        "lead_image": 3,
        "lead_caption": "Hình minh họa: buổi làm việc giữa tòa soạn và chính quyền xã về trao đổi thông tin.",
        "lead_credit": CREDIT,
    },
    # 10. Economy: a craft village (illustrative, generic, no official figures).
    {
        "slug": "lang-nghe-ven-do-tat-bat-vao-mua-don-hang-cuoi-nam",
        "category": "kinh-te",
        "title": "Làng nghề ven đô tất bật vào mùa đơn hàng cuối năm",
        "sapo": "Trên địa bàn huyện Thanh Trì cũ, nay thuộc các xã, phường mới của Hà Nội, nhiều cơ sở làm "
        "bánh truyền thống đã bước vào cao điểm sản xuất. Câu chuyện trong bài mang tính minh họa, nhân "
        "vật được nêu chung, không dùng tên thật.",
        "paragraphs": [
            "Từ sáng sớm, khoảng sân nhỏ của một cơ sở làm bánh đã chất đầy lá dong, gạo nếp và đỗ xanh. "
            "Chủ cơ sở, người đã theo nghề hơn hai mươi năm, cho biết những tuần cuối năm luôn bận rộn nhất, "
            "khi đơn hàng từ cơ quan, doanh nghiệp và cửa hàng trong nội thành dồn về cùng một lúc.",
            "Theo những người trong nghề, vài năm gần đây cách làm ăn đã khác trước. Nhiều hộ đăng ký nhãn "
            "hiệu, in tem truy xuất nguồn gốc, bán hàng qua mạng xã hội và sàn thương mại điện tử. Một số "
            "sản phẩm đã tham gia chương trình mỗi xã một sản phẩm (OCOP), giúp người mua yên tâm hơn về "
            "chất lượng và vệ sinh an toàn thực phẩm.",
            "{image:2}",
            "Tuy vậy, khó khăn vẫn còn. Giá nguyên liệu lên xuống thất thường, mặt bằng sản xuất chật hẹp "
            "giữa khu dân cư, việc xử lý nước thải và khói bếp chưa triệt để. Nhiều hộ mong được hỗ trợ "
            "chuyển sang khu sản xuất tập trung, nhưng cũng lo chi phí đầu tư ban đầu vượt quá sức của một "
            "cơ sở nhỏ.",
            "Một cán bộ phụ trách kinh tế của xã cho biết, chính quyền đang rà soát các cơ sở để hướng dẫn "
            "thủ tục về an toàn thực phẩm, đồng thời phối hợp với các tổ chức tín dụng giới thiệu những gói "
            "vay ưu đãi cho hộ sản xuất. Xã cũng dự kiến tổ chức các phiên giới thiệu sản phẩm để kết nối "
            "làng nghề với các chuỗi phân phối.",
            "Với người làm nghề, mỗi mùa cuối năm là dịp giữ gìn một nét văn hóa ẩm thực của vùng ven đô. "
            "Nếu được đầu tư bài bản về hạ tầng, môi trường và thương hiệu, làng nghề không chỉ đem lại thu "
            "nhập ổn định cho lao động địa phương mà còn có thể trở thành điểm đến trải nghiệm cho du khách.",
        ],
        "authors": ["Quang Huy"],
        "tags": ["làng nghề", "OCOP", "kinh tế ven đô", "minh họa"],
        "published_at": "2026-11-23T09:30:00+07:00",
        "program": "2025",
        "themes": [1],
        "lead_image": 2,
        "lead_caption": "Hình minh họa: một làng nghề ven đô vào mùa sản xuất cuối năm.",
        "lead_credit": CREDIT,
    },
    # 11. The spokesperson regime (Decree 09/2017) for the partner units.
    {
        "slug": "nguoi-phat-ngon-o-xa-phuong-cong-khai-dau-moi-tra-loi-bao-chi-kip-thoi",
        "category": "chi-dao-dieu-hanh",
        "title": "Người phát ngôn ở xã, phường: Công khai đầu mối, trả lời báo chí kịp thời",
        "sapo": "Sau hơn một năm vận hành chính quyền hai cấp, việc phát ngôn và cung cấp thông tin cho báo "
        "chí ở cấp xã đứng trước những yêu cầu mới. Đây cũng là nội dung trọng tâm trong các chương trình "
        "phối hợp mà Báo Lao động Thủ đô ký với các đơn vị.",
        "paragraphs": [
            "Nghị định số 09/2017/NĐ-CP ngày 9/2/2017 của Chính phủ quy định chi tiết việc phát ngôn và cung "
            "cấp thông tin cho báo chí của các cơ quan hành chính nhà nước. Theo đó, người đứng đầu cơ quan "
            "có trách nhiệm phát ngôn và có thể giao cho một cán bộ phù hợp làm người phát ngôn; họ tên, "
            "chức vụ và cách liên hệ với người phát ngôn phải được công bố để báo chí biết.",
            "Khi ký chương trình phối hợp 2023 - 2025, huyện Thanh Trì và các phòng, ban đã cam "
            "kết cung cấp thông tin qua đầu mối rõ ràng. Cách làm này giúp phóng viên biết hỏi ai, hỏi ở "
            "đâu và khi nào có câu trả lời, thay vì phải gọi nhiều nơi cho cùng một vấn đề.",
            "Với mô hình mới, số đầu mối mà một tòa soạn cần làm việc tăng lên đáng kể. Mỗi xã, phường đều "
            "cần xác định người phát ngôn, cập nhật thông tin liên hệ và có quy trình tiếp nhận câu hỏi của "
            "báo chí. Nhiệm vụ này có thể do lãnh đạo UBND trực tiếp đảm nhận hoặc được giao cho chánh văn "
            "phòng, với sự hỗ trợ của một cán bộ đầu mối về thông tin.",
            "{image:5}",
            "Khung pháp lý cũng đang thay đổi. Luật Báo chí số 126/2025/QH15 có hiệu lực từ ngày 1/7/2026, "
            "thay thế Luật Báo chí năm 2016, trong khi các quy định chi tiết về phát ngôn và cung cấp thông "
            "tin cho báo chí đang được xây dựng, sửa đổi. Các đơn vị phối hợp vì vậy cần theo dõi văn bản "
            "mới để kịp thời điều chỉnh quy chế nội bộ.",
            "Trong các chương trình phối hợp của Báo Lao động Thủ đô, danh sách người phát ngôn được đưa vào "
            "phụ lục và cập nhật trên không gian phối hợp trực tuyến. Mỗi đề nghị cung cấp thông tin đều ghi "
            "rõ căn cứ, nội dung cần trả lời và thời hạn, giúp hai phía cùng theo dõi, đồng thời là cơ sở để "
            "đánh giá khi sơ kết, tổng kết.",
            "Theo một cán bộ làm công tác văn phòng ở cấp xã, khó nhất là cân bằng giữa yêu cầu trả lời "
            "nhanh với việc bảo đảm thông tin chính xác, đúng thẩm quyền. Các vụ việc về đất đai, bồi thường "
            "hay trật tự xây dựng thường cần ý kiến của nhiều bộ phận, nên phân công rõ trách nhiệm ngay từ "
            "đầu có ý nghĩa quyết định.",
        ],
        "authors": ["Thu Trang"],
        "tags": ["người phát ngôn", "Nghị định 09/2017/NĐ-CP", "Luật Báo chí", "cung cấp thông tin"],
        "published_at": "2026-11-24T14:20:00+07:00",
        "program": "2025",
        "themes": [0],
        "lead_image": None,
        "lead_caption": "",
        "lead_credit": "",
    },
    # 12. Kiểm chứng: a fake compensation notice (illustrative scenario).
    {
        "slug": "kiem-chung-thong-bao-chi-tra-boi-thuong-dot-cuoi-o-thanh-tri-la-gia-mao",
        "category": "kiem-chung",
        "title": "Kiểm chứng: “Thông báo chi trả bồi thường đợt cuối” ở Thanh Trì là giả mạo",
        "sapo": "Tình huống minh họa: hình ảnh một văn bản được cho là thông báo chi trả tiền bồi thường giải "
        "phóng mặt bằng trên địa bàn Thanh Trì cũ lan truyền trên mạng xã hội. Qua đối chiếu với nguồn "
        "chính thức, đây là văn bản giả mạo.",
        "paragraphs": [
            "Từ chiều 24/11, trên một số nhóm cư dân trên mạng xã hội xuất hiện hình ảnh một văn bản mang "
            "tiêu đề thông báo chi trả bồi thường đợt cuối cho các hộ có đất bị thu hồi tại một dự án trên "
            "địa bàn huyện Thanh Trì cũ. Văn bản yêu cầu người dân chuyển trước một khoản “phí hồ sơ” và "
            "cung cấp số căn cước, tài khoản ngân hàng để được nhận tiền sớm.",
            "Tòa soạn đã đối chiếu văn bản này với các nguồn chính thức. Văn bản đứng tên “UBND huyện Thanh "
            "Trì”, trong khi cấp huyện đã kết thúc hoạt động từ ngày 1/7/2025. Số hiệu, ngày ban hành và "
            "chữ ký không khớp với bất kỳ văn bản nào đã được công bố; hình con dấu có dấu hiệu được cắt "
            "ghép từ một ảnh khác.",
            "{image:5}",
            "Báo đã gửi đề nghị cung cấp thông tin tới UBND xã Thanh Trì (minh họa), đơn vị đang quản lý "
            "địa bàn liên quan. Đại diện xã xác nhận không ban hành văn bản nào có nội dung như trên; việc "
            "chi trả bồi thường, nếu có, chỉ thực hiện theo thông báo niêm yết công khai tại trụ sở, qua tổ "
            "chức làm nhiệm vụ bồi thường, và không thu bất kỳ khoản phí nào của người dân.",
            "Kết luận: thông tin về “đợt chi trả bồi thường cuối” kèm yêu cầu nộp phí hồ sơ là sai sự thật. "
            "Đây là thủ đoạn quen thuộc nhằm chiếm đoạt tiền và dữ liệu cá nhân. Người dân không chuyển "
            "tiền, không cung cấp mã OTP hay số tài khoản cho bất kỳ ai tự xưng là cán bộ giải phóng mặt "
            "bằng qua điện thoại hoặc mạng xã hội.",
            "Khi gặp thông tin đáng ngờ, bạn đọc có thể gửi phản ánh qua chuyên mục Kiểm chứng của Báo hoặc "
            "liên hệ trực tiếp chính quyền nơi cư trú để được xác minh. Lưu ý: vụ việc trong bài là tình "
            "huống minh họa được xây dựng cho bản trình diễn hệ thống, không phản ánh một văn bản có thật.",
        ],
        "authors": ["Khánh Vân"],
        "tags": ["kiểm chứng", "tin giả", "bồi thường giải phóng mặt bằng", "lừa đảo", "minh họa"],
        "published_at": "2026-11-25T20:15:00+07:00",
        "editors_pick": True,  # "Nên xem" on the home page
        "program": "2025",
        "themes": [3],
        "lead_image": 5,
        "lead_caption": "Hình minh họa: văn bản giả mạo thông báo chi trả bồi thường lan truyền trên mạng xã hội.",
        "lead_credit": CREDIT,
    },
]

# ---------------------------------------------------------------------------------------------
# Đơn vị
# ---------------------------------------------------------------------------------------------

ORGANIZATIONS: dict = {
    "press": {"name": "Báo Lao động Thủ đô", "short_name": "LĐTĐ"},
    "city_level": {"name": "Ủy ban nhân dân thành phố Hà Nội", "short_name": "UBND TP Hà Nội", "level": "province"},
    "district": {
        "name": "Ủy ban nhân dân huyện Thanh Trì",
        "short_name": "UBND huyện Thanh Trì",
        "level": "huyen",
        # Two-tier local government from 01/7/2025 (Nghị quyết 1656/NQ-UBTVQH15 ngày 16/6/2025).
        "merged_on": "2025-07-01",
    },
    "departments": [
        {"name": "Phòng Văn hóa và Thông tin huyện Thanh Trì", "short_name": "Phòng VH-TT", "level": "department"},
        {
            "name": "Văn phòng HĐND và UBND huyện Thanh Trì",
            "short_name": "Văn phòng HĐND-UBND",
            "level": "department",
        },
        {"name": "Phòng Kinh tế huyện Thanh Trì", "short_name": "Phòng Kinh tế", "level": "department"},
        {
            "name": "Phòng Tài nguyên và Môi trường huyện Thanh Trì",
            "short_name": "Phòng TN-MT",
            "level": "department",
        },
        {"name": "Liên đoàn Lao động huyện Thanh Trì", "short_name": "LĐLĐ huyện", "level": "union"},
    ],
    # Which new commune or ward took which part of the district is not asserted here:
    # both successors are plainly illustrative examples.
    "successors": [
        {
            "name": "UBND xã Thanh Trì (minh họa)",
            "short_name": "UBND xã (minh họa)",
            "level": "commune",
            "note": "Ví dụ minh họa",
        },
        {
            "name": "UBND phường Ven Sông (minh họa)",
            "short_name": "UBND phường (minh họa)",
            "level": "ward",
            "note": "Ví dụ minh họa",
        },
    ],
}

# ---------------------------------------------------------------------------------------------
# Chương trình phối hợp 2023 - 2025
# ---------------------------------------------------------------------------------------------

PROGRAM: dict = {
    "title": "Chương trình phối hợp thông tin, tuyên truyền giai đoạn 2023 - 2025 giữa Báo Lao động "
    "Thủ đô và huyện Thanh Trì",
    # Illustrative number: the real document's number is not known here.
    "number": "01/CTPH-LĐTĐ-UBND",
    "signed_on": "2023-03-21",
    "starts_on": "2023-01-01",
    "ends_on": "2025-12-31",
    "status": "completed",
    "signatories": [
        {"side": "press", "full_name": "Lê Thị Bích Ngọc", "title": "Tổng Biên tập Báo Lao động Thủ đô"},
        {
            "side": "district",
            "full_name": "Nguyễn Tiến Cường",
            "title": "Phó Bí thư Huyện ủy, Chủ tịch UBND huyện Thanh Trì",
        },
    ],
    "themes": [
        "Đưa vào cuộc sống nghị quyết Đại hội toàn quốc lần thứ XIII, Đại hội XVII của Đảng bộ Thành phố, "
        "Đại hội XXIV của Đảng bộ huyện và sáu chương trình công tác thực hiện nghị quyết của huyện",
        "Lộ trình xây dựng Thanh Trì thành quận, các xã thành phường",
        "Thành tựu trên các mặt kinh tế, văn hóa, xã hội; giữ vững quốc phòng, an ninh",
        "Xây dựng Đảng và hệ thống chính trị; vai trò của cấp ủy, chính quyền, Mặt trận và các đoàn thể",
        "Trao đổi thông tin hai chiều: huyện, phòng, ban chủ động gửi thông tin chính thức, đúng lúc; "
        "Báo đăng tải, phản hồi bằng tác phẩm của mình",
        "Đời sống, việc làm và quyền lợi của đoàn viên, người lao động trên địa bàn",
        "Đấu tranh, phản bác luận điệu sai trái, tin giả và thông tin sai sự thật",
    ],
    "legal_bases": "Luật Báo chí số 103/2016/QH13 ngày 05/4/2016 (được thay thế bởi Luật Báo chí số "
    "126/2025/QH15 từ ngày 01/7/2026).\n"
    "Nghị định số 09/2017/NĐ-CP ngày 09/02/2017 của Chính phủ quy định chi tiết việc phát ngôn và cung "
    "cấp thông tin cho báo chí của các cơ quan hành chính nhà nước.\n"
    "Luật Tiếp cận thông tin số 104/2016/QH13.",
    "purpose": "Đưa thông tin chính thống về chủ trương, chính sách và kết quả thực hiện nhiệm vụ của "
    "huyện Thanh Trì đến cán bộ, đoàn viên, người lao động và nhân dân một cách đầy đủ, kịp thời. "
    "Xây dựng cơ chế trao đổi thông tin hai chiều có đầu mối, thời hạn và báo cáo kết quả, góp phần tạo "
    "đồng thuận xã hội và chủ động ngăn chặn tin giả.",
}

# ---------------------------------------------------------------------------------------------
# Người dùng trình diễn: one login per role
# ---------------------------------------------------------------------------------------------

USERS: list[dict] = [
    {
        "username": "tongbientap",
        "full_name": "Lê Thị Bích Ngọc",
        "org": "press",
        "role": "tong_bien_tap",
        "title": "Tổng Biên tập",
        "email": "tongbientap@example.vn",
    },
    {
        "username": "photongbientap",
        "full_name": "Nguyễn Văn Bình",
        "org": "press",
        "role": "pho_tong_bien_tap",
        "title": "Phó Tổng Biên tập",
        "email": "photongbientap@example.vn",
    },
    {
        "username": "truongban",
        "full_name": "Phạm Thu Hương",
        "org": "press",
        "role": "truong_ban",
        "title": "Trưởng ban Thời sự",
        "email": "truongban@example.vn",
    },
    {
        "username": "bientapvien",
        "full_name": "Đỗ Quang Huy",
        "org": "press",
        "role": "bien_tap_vien",
        "title": "Biên tập viên ban Thời sự",
        "email": "bientapvien@example.vn",
    },
    {
        "username": "phongvien",
        "full_name": "Trần Minh Đức",
        "org": "press",
        "role": "phong_vien",
        "title": "Phóng viên",
        "email": "phongvien@example.vn",
    },
    {
        "username": "lanhdao",
        "full_name": "Nguyễn Thị Hải Yến",
        "org": "district",
        "role": "lanh_dao",
        "title": "Phó Chủ tịch UBND huyện",
        "email": "lanhdao@example.vn",
    },
    {
        "username": "phatngon",
        "full_name": "Lê Văn Khánh",
        "org": "department:1",
        "role": "nguoi_phat_ngon",
        "title": "Chánh Văn phòng HĐND và UBND huyện, người phát ngôn",
        "email": "phatngon@example.vn",
    },
    {
        "username": "daumoi",
        "full_name": "Vũ Thị Lan",
        "org": "department:0",
        "role": "can_bo_dau_moi",
        "title": "Chuyên viên Phòng Văn hóa và Thông tin, đầu mối cung cấp thông tin",
        "email": "daumoi@example.vn",
    },
    {
        "username": "canbo",
        "full_name": "Hoàng Văn Nam",
        "org": "department:2",
        "role": "can_bo",
        "title": "Chuyên viên Phòng Kinh tế",
        "email": "canbo@example.vn",
    },
    {
        "username": "lanhdaoxa",
        "full_name": "Ngô Đức Thành",
        "org": "successor:0",
        "role": "lanh_dao",
        "title": "Chủ tịch UBND xã (minh họa)",
        "email": "lanhdaoxa@example.vn",
    },
]

# ---------------------------------------------------------------------------------------------
# After 01/7/2025: the newspaper works with the successor commune (plainly illustrative).
# ---------------------------------------------------------------------------------------------

PROGRAM_2025: dict = {
    "title": "Chương trình phối hợp thông tin, tuyên truyền giai đoạn 2025 - 2026 giữa Báo Lao động Thủ đô "
    "và UBND xã Thanh Trì (minh họa)",
    "number": "07/CTPH-LĐTĐ-UBND (minh họa)",
    "signed_on": "2025-10-14",
    "starts_on": "2025-10-01",
    "ends_on": "2026-12-31",
    "status": "active",
    "successor": 0,
    "signatories": [
        {"side": "press", "full_name": "Lê Thị Bích Ngọc", "title": "Tổng Biên tập Báo Lao động Thủ đô"},
        {"side": "successor", "full_name": "Trần Quốc Hưng (minh họa)", "title": "Chủ tịch UBND xã (minh họa)"},
    ],
    # (theme, target articles, per)
    "themes": [
        ("Vận hành chính quyền địa phương hai cấp, cải cách hành chính, chuyển đổi số", 6, "quarter"),
        ("Phát triển kinh tế, làng nghề, nông nghiệp đô thị", 3, "quarter"),
        ("Đời sống, việc làm của đoàn viên, người lao động", 2, "quarter"),
        ("Phản bác thông tin sai sự thật, tin giả trên địa bàn", None, "quarter"),
    ],
    "legal_bases": "Luật Báo chí số 126/2025/QH15 (hiệu lực từ 01/7/2026).\n"
    "Nghị định số 09/2017/NĐ-CP về phát ngôn và cung cấp thông tin cho báo chí.",
    "purpose": "Tiếp nối chương trình giai đoạn 2023 - 2025 sau khi sắp xếp đơn vị hành chính: xã chủ động "
    "cung cấp thông tin chính thức, Báo phản ánh kịp thời, hai bên cùng báo cáo kết quả.",
}

# The commune's spokespersons under Decree 244/2026 (Art. 3): its head, the regular spokesperson named
# by decision (published within the 24 hours), one authorization in force and one that has ended (not
# shown on the public page). Days relative to the day the demo is loaded are given as "days" offsets.
SPOKESPERSONS: list[dict] = [
    {
        "successor": 0,
        "role": "nguoi_dung_dau",
        "full_name": "Trần Quốc Hưng (minh họa)",
        "title": "Chủ tịch UBND xã (minh họa)",
        "phone": "024 0000 0001",
        "email": "chutich.xa@example.vn",
        "valid_from": "2025-07-01",
    },
    {
        "successor": 0,
        "role": "thuong_xuyen",
        "full_name": "Đỗ Thị Mai (minh họa)",
        "title": "Phó Chủ tịch UBND xã, người phát ngôn (minh họa)",
        "phone": "024 0000 0000",
        "email": "phatngon.xa@example.vn",
        "valid_from": "2026-07-02",
        "decision_number": "125/QĐ-UBND (minh họa)",
        "decided_at": "2026-07-02T08:00:00+07:00",
        "published_at": "2026-07-02T14:30:00+07:00",
    },
    {
        "successor": 0,
        "role": "uy_quyen",
        "full_name": "Nguyễn Văn Lực (minh họa)",
        "title": "Trưởng Công an xã (minh họa)",
        "phone": "024 0000 0002",
        "email": "congan.xa@example.vn",
        "matter": "Bảo đảm trật tự giao thông khu vực chợ dân sinh dịp cuối năm (minh họa)",
        "decision_number": "140/GUQ-UBND (minh họa)",
        "valid_from_days": -10,
        "valid_to_days": 40,
    },
    {
        "successor": 0,
        "role": "uy_quyen",
        "full_name": "Phạm Thị Thu (minh họa)",
        "title": "Công chức Văn hóa - Xã hội (minh họa)",
        "email": "vhxh.xa@example.vn",
        "matter": "Sự cố ngập úng sau mưa lớn (minh họa)",
        "decision_number": "98/GUQ-UBND (minh họa)",
        "valid_from_days": -75,
        "valid_to_days": -45,
    },
]

EXTRA_USERS: list[dict] = [
    {
        "username": "daumoixa",
        "full_name": "Phạm Thu Hằng",
        "org": "successor:0",
        "role": "can_bo_dau_moi",
        "title": "Cán bộ Văn phòng HĐND và UBND xã (đầu mối thông tin)",
        "email": "daumoixa@example.vn",
    },
]

# Information the commune sent; the loader creates them through the exchange services and dates
# them on the story's days ("sent_at"), so the 2025–2026 figures hold whatever day the demo is run.
SUBMISSIONS: list[dict] = [
    {
        "title": "Lịch tiếp công dân định kỳ tháng 12/2026 của UBND xã",
        "kind": "news",
        "priority": "normal",
        "body": "UBND xã thông báo lịch tiếp công dân định kỳ của Chủ tịch UBND xã trong tháng 12/2026 "
        "vào sáng thứ Năm hằng tuần tại Bộ phận một cửa. Người dân có thể đăng ký trước qua điện thoại "
        "của Văn phòng HĐND và UBND xã.",
        "status": "received",
        "attachment": "docx",
        "sent_at": "2026-11-30T08:15:00+07:00",
        # "Giao việc": the reporter's draft holds the DOCX, private until an editor publishes it.
        "assign": {"to": "phongvien", "section": "chi-dao-dieu-hanh", "days": 2},
    },
    {
        "title": "Giấy mời dự lễ ra mắt mô hình “Tổ công nghệ số cộng đồng” của xã",
        "kind": "event",
        "priority": "urgent",
        "body": "Trân trọng kính mời Báo cử phóng viên dự và đưa tin lễ ra mắt mô hình Tổ công nghệ số "
        "cộng đồng tại hội trường UBND xã.",
        "event_starts_at": "2026-12-03T08:30:00+07:00",
        "event_location": "Hội trường UBND xã",
        "status": "sent",
        "attachment": "jpeg",
        "sent_at": "2026-12-01T16:40:00+07:00",
    },
    {
        "title": "Thông tin về cuộc làm việc giữa tòa soạn và UBND xã về trao đổi thông tin",
        "kind": "news",
        "priority": "normal",
        "body": "Văn phòng HĐND và UBND xã gửi thông tin về buổi làm việc với Báo về quy trình cung cấp "
        "thông tin, đầu mối và thời hạn trả lời đề nghị của Báo.",
        "status": "published",
        "article_slug": "toa-soan-va-chinh-quyen-xa-ban-cach-trao-doi-thong-tin-nhanh-dung-du",
        "sent_at": "2026-11-17T10:00:00+07:00",
    },
]

# Requests the newspaper sent to the commune under the 2025–2026 programme, on the story's days; an
# answer, when there is one, came `answered_after_hours` after the request.
INFO_REQUESTS: list[dict] = [
    {
        "subject": "Tiến độ giải ngân vốn đầu tư công năm 2026 trên địa bàn xã",
        "questions": "Đề nghị xã cho biết tỷ lệ giải ngân vốn đầu tư công đến hết tháng 11/2026, các công "
        "trình chậm tiến độ và nguyên nhân.",
        "policy": "thuong",
        "sent_at": "2026-12-03T09:00:00+07:00",
        "answer": "",
    },
    {
        "subject": "Phương án bảo đảm trật tự giao thông dịp cuối năm",
        "questions": "Đề nghị xã cung cấp phương án phân luồng giao thông khu vực chợ dân sinh dịp cuối năm.",
        "policy": "khan",
        "sent_at": "2026-11-26T14:00:00+07:00",
        "answer": "",
    },
    {
        # Sent before 01/7/2026: it keeps the rule of Decree 09/2017 it was sent under.
        "subject": "Kế hoạch phòng, chống thiên tai mùa mưa bão năm 2026",
        "questions": "Đề nghị xã cung cấp kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn mùa mưa bão 2026.",
        "policy": "thuong",
        "sent_at": "2026-06-22T09:00:00+07:00",
        "on_time": False,
        "answer": "Xã gửi kèm kế hoạch phòng, chống thiên tai năm 2026 đã được UBND xã phê duyệt.",
    },
    {
        "subject": "Kết quả cấp căn cước và định danh điện tử mức 2",
        "questions": "Đề nghị xã cung cấp số liệu cấp định danh điện tử mức 2 đến ngày 15/11/2026.",
        "policy": "thuong",
        "sent_at": "2026-11-18T09:30:00+07:00",
        "answered_after_hours": 50,
        "answer": "Đến ngày 15/11/2026, xã đã hoàn thành phần lớn chỉ tiêu được giao; số liệu chi tiết "
        "theo từng thôn gửi kèm văn bản của Công an xã.",
    },
]

# ---------------------------------------------------------------------------------------------
# Before 01/7/2025: what the district and its departments sent and answered under the 2023–2025
# programme (illustrative). The loader creates it while the district is still active, then merges.
# ---------------------------------------------------------------------------------------------

# "unit": "district" or "department:N" (ORGANIZATIONS["departments"]); "sender": the login that
# sent it (a press editor records what came on paper).
SUBMISSIONS_2023: list[dict] = [
    {
        "title": "Báo cáo tiến độ thực hiện các tiêu chí đô thị của huyện đến tháng 10/2023",
        "kind": "data",
        "priority": "normal",
        "body": "Văn phòng HĐND và UBND huyện gửi Báo bản tóm tắt tiến độ các nhóm tiêu chí đô thị, những "
        "tiêu chí đã đạt, đang hoàn thiện và phần việc còn lại của từng xã.",
        "unit": "department:1",
        "sender": "truongban",
        "sent_at": "2023-10-25T09:00:00+07:00",
        "status": "published",
        "article_slug": "thanh-tri-tang-toc-hoan-thien-cac-tieu-chi-de-len-quan",
    },
    {
        "title": "Chương trình chăm lo Tết cho đoàn viên, người lao động năm 2024",
        "kind": "event",
        "priority": "normal",
        "body": "Liên đoàn Lao động huyện thông báo kế hoạch trao quà Tết cho đoàn viên, người lao động có "
        "hoàn cảnh khó khăn và lịch các điểm tổ chức.",
        "unit": "department:4",
        "sender": "truongban",
        "sent_at": "2024-01-10T14:30:00+07:00",
        "status": "published",
        "article_slug": "cong-doan-thanh-tri-mang-tet-som-den-doan-vien-nguoi-lao-dong",
    },
    {
        "title": "Kế hoạch tổ chức các điểm sinh hoạt hè năm 2024 cho thiếu nhi",
        "kind": "document",
        "priority": "normal",
        "body": "Phòng Văn hóa và Thông tin huyện gửi kế hoạch mở các điểm sinh hoạt hè tại nhà văn hóa và "
        "sân trường, kèm lịch khai mạc và đầu mối liên hệ ở từng xã, thị trấn.",
        "unit": "department:0",
        "sender": "daumoi",
        "sent_at": "2024-04-18T08:45:00+07:00",
        "status": "published",
        "article_slug": "thanh-tri-chuan-bi-san-choi-he-2024-cho-thieu-nhi-tai-khu-dan-cu",
    },
    {
        "title": "Kế hoạch ra quân tổng vệ sinh môi trường và phân loại rác tại nguồn",
        "kind": "document",
        "priority": "normal",
        "body": "Phòng Tài nguyên và Môi trường huyện gửi kế hoạch tổng vệ sinh cuối tuần và các khu dân cư "
        "làm điểm phân loại rác tại nguồn.",
        "unit": "department:3",
        "sender": "truongban",
        "sent_at": "2024-08-26T10:20:00+07:00",
        "status": "published",
        "article_slug": "thanh-tri-nguoi-dan-chung-tay-giu-ngo-xom-xanh-sach-van-minh",
    },
    {
        "title": "Số liệu sản xuất nông nghiệp vụ xuân năm 2025",
        "kind": "data",
        "priority": "normal",
        "body": "Phòng Kinh tế huyện gửi số liệu diện tích gieo trồng và năng suất dự kiến vụ xuân.",
        "unit": "department:2",
        "sender": "truongban",
        "sent_at": "2025-04-08T15:00:00+07:00",
        "status": "not_used",
        "not_used_reason": "Số liệu chưa có so sánh cùng kỳ; Báo sẽ sử dụng khi phòng gửi báo cáo tổng hợp cả vụ.",
    },
    {
        "title": "Lịch các hoạt động văn hóa, thể thao dịp kỷ niệm ngày thành lập huyện",
        "kind": "event",
        "priority": "normal",
        "body": "Phòng Văn hóa và Thông tin huyện gửi lịch các hoạt động văn hóa, thể thao trong tháng 6/2025.",
        "unit": "department:0",
        "sender": "daumoi",
        "sent_at": "2025-05-20T09:10:00+07:00",
        "status": "received",
    },
]

# Requests to the district; "on_time": answered before the due time, or after it.
INFO_REQUESTS_2023: list[dict] = [
    {
        "subject": "Số liệu kết quả thực hiện các tiêu chí đô thị năm 2023",
        "questions": "Đề nghị huyện cung cấp số tiêu chí đã đạt, các tiêu chí còn thiếu và lộ trình hoàn thành.",
        "policy": "thuong",
        "sent_at": "2023-10-16T09:00:00+07:00",
        "answer": "Huyện gửi bảng tổng hợp các tiêu chí đã đạt và kế hoạch hoàn thiện phần còn lại.",
        "on_time": True,
    },
    {
        "subject": "Phương án bảo đảm an toàn tại các điểm sinh hoạt hè năm 2024",
        "questions": "Đề nghị huyện cho biết việc kiểm tra an toàn tại các điểm sinh hoạt hè gần ao hồ, bể bơi.",
        "policy": "thuong",
        "sent_at": "2024-04-22T10:00:00+07:00",
        "answer": "Các xã, thị trấn đã kiểm tra và cắm biển cảnh báo tại những điểm có nguy cơ.",
        "on_time": False,
    },
    {
        "subject": "Kế hoạch bàn giao hồ sơ, tài liệu khi kết thúc hoạt động cấp huyện",
        "questions": "Đề nghị huyện cho biết đầu mối tiếp nhận hồ sơ và việc trả lời báo chí sau ngày 01/7/2025.",
        "policy": "thuong",
        "sent_at": "2025-06-16T08:30:00+07:00",
        "answer": "Hồ sơ được bàn giao cho các xã, phường kế thừa; danh sách đầu mối gửi kèm văn bản.",
        "on_time": True,
    },
]

# ---------------------------------------------------------------------------------------------
# Kiểm chứng: claims verified with a partner unit (illustrative). "program" is the programme whose
# party was asked; the claim counts for it because the newsroom asked that unit.
# ---------------------------------------------------------------------------------------------

CLAIMS: list[dict] = [
    {
        "program": "2023",
        "title": "Tin đồn thiếu nhi phải đóng phí để tham gia các điểm sinh hoạt hè 2024 ở Thanh Trì",
        "summary": "Một bài đăng trên mạng xã hội cho rằng mỗi em phải nộp phí mới được tham gia sinh hoạt hè.",
        "domain": "khac",
        "opened_at": "2024-05-16T15:00:00+07:00",
        "ask": "department:0",
        "answerer": "daumoi",
        "request": {
            "subject": "Xác minh thông tin thu phí tham gia sinh hoạt hè",
            "questions": "Đề nghị phòng cho biết các điểm sinh hoạt hè năm 2024 có thu phí của thiếu nhi không.",
            "policy": "khan",
            "answer": "Các điểm sinh hoạt hè do huyện tổ chức không thu bất kỳ khoản phí nào.",
            "answered_after_hours": 5,
        },
        "verdict": {
            "label": "tin-sai-su-that",
            "summary": "Các điểm sinh hoạt hè năm 2024 không thu phí; thông tin lan truyền là sai sự thật.",
            "approved_at": "2024-05-17T16:00:00+07:00",
        },
    },
    {
        "program": "2025",
        "title": "“Thông báo chi trả bồi thường đợt cuối” ở Thanh Trì yêu cầu nộp phí hồ sơ",
        "summary": "Hình ảnh một văn bản mạo danh UBND huyện Thanh Trì cũ, yêu cầu người dân chuyển phí hồ sơ "
        "để nhận tiền bồi thường sớm.",
        "domain": "duong-link-lua-dao",
        "opened_at": "2026-11-24T19:00:00+07:00",
        "tip": "Nhóm cư dân đang chia sẻ thông báo chi trả bồi thường đợt cuối, bắt nộp phí hồ sơ qua tài khoản "
        "cá nhân. Nhờ Báo kiểm tra giúp.",
        "ask": "successor:0",
        "answerer": "daumoixa",
        "request": {
            "subject": "Xác minh “Thông báo chi trả bồi thường đợt cuối” đang lan truyền",
            "questions": "Đề nghị xã cho biết có ban hành thông báo chi trả bồi thường nào như hình ảnh gửi kèm "
            "không, và việc chi trả được thực hiện thế nào.",
            "policy": "khan",
            "answer": "Xã không ban hành văn bản này; việc chi trả bồi thường chỉ thực hiện theo thông báo niêm "
            "yết công khai và không thu phí của người dân.",
            "answered_after_hours": 14,
        },
        "verdict": {
            "label": "tin-gia",
            "summary": "Văn bản mạo danh chính quyền; việc chi trả bồi thường không thu bất kỳ khoản phí nào.",
            "approved_at": "2026-11-25T19:30:00+07:00",
        },
        "rebuttal_slug": "kiem-chung-thong-bao-chi-tra-boi-thuong-dot-cuoi-o-thanh-tri-la-gia-mao",
    },
]
