"""The deadline policies as versions with their legal basis and dates, for the law in force since 01/7/2026
(the data; migration 0004 runs `forwards`, 0006 runs `seed_policies`).

Every fact here was checked clause by clause against the public mirror of the official texts
(docs/legal-2026-verified.md); an article is cited only where it was read. What existed before keeps
its rule: each policy seeded earlier gets a first version holding exactly its old limit and legal basis
text, in force until 30/6/2026 for the four seeded ones (Decree 09/2017 and the Press Law 2016 ended
on 01/7/2026), and open-ended for a policy staff added. Requests already sent point at that first
version (exchange migration 0005), whatever their date: it is the rule their due time was computed
under. The data is frozen here on purpose (a migration must not import application code).

`seed` is also what `phoihop seed_reference_data` and the test suite run after a flush (with the
calendar of migration 0002), against the current models, so it only ever adds what is missing.
"""

import datetime as dt
import importlib
import uuid

from django.db import migrations

D = dt.date.fromisoformat
CHECKED = (
    "Đối chiếu từng điều, khoản với bản lưu công khai các văn bản (diepxuan/diepxuan.github.io, "
    "commit fbaa690e, 23/7/2026); xem docs/legal-2026-verified.md."
)
LEGACY_END = D("2026-06-30")

INSTRUMENTS = [
    {
        "code": "nd-09-2017",
        "kind": "nghi_dinh",
        "number": "09/2017/NĐ-CP",
        "title": "Quy định chi tiết việc phát ngôn và cung cấp thông tin cho báo chí của các cơ quan hành chính nhà nước",
        "issued_on": D("2017-02-09"),
        "repealed_from": D("2026-07-01"),
        "replaced_by": "nd-244-2026",
        "repeal_basis": "Khoản 2 Điều 11 Nghị định 244/2026/NĐ-CP (có hiệu lực từ 01/7/2026, khoản 1 Điều 11).",
        "source": CHECKED,
    },
    {
        "code": "luat-103-2016",
        "kind": "luat",
        "number": "103/2016/QH13",
        "title": "Luật Báo chí",
        "repealed_from": D("2026-07-01"),
        "replaced_by": "luat-126-2025",
        "repeal_basis": (
            "Luật Báo chí số 126/2025/QH15 có hiệu lực từ 01/7/2026 (ngày hiệu lực theo thông tin văn bản; "
            "chưa đọc được điều khoản thay thế vì bản lưu chưa có toàn văn Luật)."
        ),
        "source": CHECKED,
    },
    {
        "code": "luat-126-2025",
        "kind": "luat",
        "number": "126/2025/QH15",
        "title": "Luật Báo chí",
        "issued_on": D("2025-12-10"),
        "in_force_from": D("2026-07-01"),
        "source": (
            "Ngày ban hành, ngày hiệu lực theo thông tin văn bản; toàn văn Luật chưa có trong bản lưu. Số điều "
            "được dẫn theo khoản 1 Điều 1 Nghị định 237/2026/NĐ-CP. " + CHECKED
        ),
    },
    {
        "code": "nd-244-2026",
        "kind": "nghi_dinh",
        "number": "244/2026/NĐ-CP",
        "title": "Về phát ngôn và cung cấp thông tin cho báo chí của cơ quan hành chính nhà nước",
        "issued_on": D("2026-06-26"),
        "in_force_from": D("2026-07-01"),
        "source": "Khoản 1 Điều 11 (hiệu lực); ngày ban hành theo tiêu đề Phụ lục. " + CHECKED,
    },
    {
        "code": "nd-237-2026",
        "kind": "nghi_dinh",
        "number": "237/2026/NĐ-CP",
        "title": "Quy định chi tiết và hướng dẫn thi hành Luật Báo chí",
        "in_force_from": D("2026-07-01"),
        "source": "Khoản 1, khoản 2 Điều 27 (hiệu lực từ 01/7/2026; Điều 17 từ 01/7/2028). " + CHECKED,
    },
    {
        "code": "nd-30-2020",
        "kind": "nghi_dinh",
        "number": "30/2020/NĐ-CP",
        "title": "Về công tác văn thư",
        "issued_on": D("2020-03-05"),
        "in_force_from": D("2020-03-05"),
        "source": "Điều 37 (hiệu lực từ ngày ký), bản pháp điển. " + CHECKED,
    },
    {
        "code": "luat-104-2016",
        "kind": "luat",
        "number": "104/2016/QH13",
        "title": "Luật Tiếp cận thông tin",
        "in_force_from": D("2018-07-01"),
        "source": "Điều 37 (hiệu lực), bản pháp điển. " + CHECKED,
    },
]

DECREE_09 = (
    "Nghị định 09/2017/NĐ-CP của Chính phủ quy định chi tiết việc phát ngôn và cung cấp thông tin cho báo chí "
    "của các cơ quan hành chính nhà nước"
)
INTERNAL_RULE = (
    "Quy chế phối hợp cung cấp thông tin nội bộ của cơ quan báo chí (minh họa: thay bằng văn bản thực tế của "
    "đơn vị); " + DECREE_09 + " (người phát ngôn cung cấp thông tin kịp thời)."
)
LEGACY_NOTE = "Quy định trước ngày 01/7/2026; các việc đã tính theo quy định này giữ nguyên."

# The first version of each policy seeded by migration 0002, as it was seeded (for a flushed database;
# on an existing one the first version is copied from the row, staff edits included).
LEGACY = {
    "hoa-toc": {"amount": 4, "unit": "working_hours", "instrument": "nd-09-2017", "summary": INTERNAL_RULE},
    "khan": {"amount": 24, "unit": "working_hours", "instrument": "nd-09-2017", "summary": INTERNAL_RULE},
    "thuong": {"amount": 5, "unit": "working_days", "instrument": "nd-09-2017", "summary": DECREE_09 + "."},
    "tra-loi-tren-bao": {
        "amount": 30,
        "unit": "calendar_days",
        "instrument": "luat-103-2016",
        "summary": (
            "Luật Báo chí 2016 (Luật số 103/2016/QH13) (thời hạn trả lời ý kiến trên báo chí); "
            "từ 01/7/2026 áp dụng Luật Báo chí số 126/2025/QH15."
        ),
    },
}

PRESS_REQUEST_244 = (
    "Người phát ngôn phát ngôn, cung cấp thông tin theo đề nghị của cơ quan báo chí, cơ quan chủ quản báo chí "
    "hoặc cơ quan quản lý nhà nước về báo chí; Nghị định không quy định thời hạn. {limit} là thời hạn theo quy "
    "chế phối hợp giữa Báo và đơn vị (minh họa: thay bằng quy chế thực tế)."
)


def _new_244(limit, amount, unit):
    return {
        "valid_from": D("2026-07-01"),
        "amount": amount,
        "unit": unit,
        "instrument": "nd-244-2026",
        "article": "7",
        "clause": "5",
        "summary": PRESS_REQUEST_244.format(limit=limit),
    }


POLICIES = [
    {
        "code": "hoa-toc",
        "name": "Hỏa tốc",
        "applies_to": "request",
        "sort_order": 10,
        "description": "Việc cần trả lời trong buổi làm việc: 4 giờ làm việc kể từ khi nhận đề nghị.",
        "versions": [_new_244("4 giờ làm việc", 4, "working_hours")],
    },
    {
        "code": "khan",
        "name": "Khẩn",
        "applies_to": "request",
        "sort_order": 20,
        "description": "24 giờ làm việc (3 ngày làm việc) kể từ khi nhận đề nghị; chỉ tính giờ hành chính.",
        "versions": [_new_244("24 giờ làm việc", 24, "working_hours")],
    },
    {
        "code": "thuong",
        "name": "Thông thường",
        "applies_to": "request",
        "sort_order": 30,
        "description": "Trong 5 ngày làm việc kể từ ngày nhận đề nghị; hạn là cuối giờ làm việc của ngày thứ 5.",
        "versions": [_new_244("5 ngày làm việc", 5, "working_days")],
    },
    {
        "code": "tra-loi-tren-bao",
        "name": "Trả lời trên báo chí",
        "applies_to": "request",
        "sort_order": 40,
        "description": (
            "Người đứng đầu cơ quan báo chí yêu cầu cơ quan, tổ chức, cá nhân trả lời trên báo chí. 30 ngày theo "
            "lịch; nếu ngày cuối là ngày nghỉ thì hạn là cuối ngày làm việc tiếp theo."
        ),
        "versions": [
            {
                "valid_from": D("2026-07-01"),
                "amount": 30,
                "unit": "calendar_days",
                "instrument": "nd-237-2026",
                "article": "18",
                "clause": "1",
                "summary": (
                    "Trong 30 ngày kể từ ngày nhận được yêu cầu của người đứng đầu cơ quan báo chí, cơ quan, tổ "
                    "chức, cá nhân trả lời trên báo chí về biện pháp, hướng xử lý hoặc kết quả xử lý (quy định chi "
                    "tiết khoản 3 Điều 32 Luật Báo chí số 126/2025/QH15)."
                ),
            }
        ],
    },
    {
        "code": "tra-loi-kien-nghi",
        "name": "Trả lời kiến nghị, phản ánh, phê bình do báo chí chuyển đến",
        "applies_to": "request",
        "sort_order": 50,
        "description": "Thông báo bằng văn bản cho cơ quan báo chí biện pháp xử lý, trong 15 ngày làm việc.",
        "versions": [
            {
                "valid_from": D("2026-07-01"),
                "amount": 15,
                "unit": "working_days",
                "instrument": "nd-237-2026",
                "article": "18",
                "clause": "3",
                "summary": (
                    "Trong 15 ngày làm việc kể từ ngày nhận được ý kiến, kiến nghị, phản ánh, phê bình do cơ quan "
                    "báo chí chuyển đến, người đứng đầu cơ quan, tổ chức thông báo bằng văn bản cho cơ quan báo chí "
                    "biện pháp xử lý. Quá hạn mà không nhận được thông báo, cơ quan báo chí có quyền chuyển đến cơ "
                    "quan cấp cao hơn hoặc đăng, phát vấn đề đó (khoản 4)."
                ),
            }
        ],
    },
    {
        "code": "tiep-can-thong-tin",
        "name": "Cung cấp thông tin theo yêu cầu: thông tin đơn giản, có sẵn",
        "applies_to": "request",
        "sort_order": 60,
        "description": "Yêu cầu cung cấp thông tin (kể cả qua mạng) theo Luật Tiếp cận thông tin.",
        "versions": [
            {
                "valid_from": D("2018-07-01"),
                "amount": 3,
                "unit": "working_days",
                "instrument": "luat-104-2016",
                "article": "30",
                "clause": "3",
                "summary": (
                    "Thông tin đơn giản, có sẵn, có thể cung cấp ngay: cơ quan được yêu cầu cung cấp chậm nhất 03 "
                    "ngày làm việc kể từ ngày nhận được yêu cầu hợp lệ."
                ),
            }
        ],
    },
    {
        "code": "tiep-can-thong-tin-phuc-tap",
        "name": "Cung cấp thông tin theo yêu cầu: thông tin phức tạp",
        "applies_to": "request",
        "sort_order": 70,
        "description": "Yêu cầu cung cấp thông tin phức tạp theo Luật Tiếp cận thông tin.",
        "versions": [
            {
                "valid_from": D("2018-07-01"),
                "amount": 15,
                "unit": "working_days",
                "instrument": "luat-104-2016",
                "article": "30",
                "clause": "4",
                "summary": (
                    "Thông tin phức tạp: trong 03 ngày làm việc thông báo bằng văn bản thời hạn cung cấp; cung cấp "
                    "hoặc từ chối trong 15 ngày làm việc kể từ ngày nhận được yêu cầu hợp lệ. Được gia hạn tối đa "
                    "15 ngày, có thông báo bằng văn bản."
                ),
            }
        ],
    },
    {
        "code": "phat-ngon-ban-dau",
        "name": "Phát ngôn, cung cấp thông tin ban đầu về sự kiện, vấn đề quan trọng",
        "applies_to": "statement",
        "sort_order": 80,
        "description": "24 giờ theo đồng hồ (kể cả đêm, ngày nghỉ) kể từ khi tiếp nhận hoặc xác định vụ việc.",
        "versions": [
            {
                "valid_from": D("2026-07-01"),
                "amount": 24,
                "unit": "clock_hours",
                "instrument": "nd-244-2026",
                "article": "7",
                "clause": "3, 4",
                "summary": (
                    "Sự kiện, vấn đề quan trọng, gây tác động lớn trong xã hội: chậm nhất 24 giờ kể từ khi cơ quan "
                    "tiếp nhận và xử lý vụ việc theo thẩm quyền (khoản 3). Vấn đề có tác động hoặc nguy cơ tác động "
                    "đến dư luận xã hội: chậm nhất 24 giờ kể từ khi cơ quan xác định điều đó (khoản 4). Người phát "
                    "ngôn phát ngôn và cung cấp thông tin ban đầu."
                ),
            }
        ],
    },
    {
        "code": "cong-khai-nguoi-phat-ngon",
        "name": "Công khai thông tin người phát ngôn",
        "applies_to": "statement",
        "sort_order": 90,
        "description": "24 giờ theo đồng hồ kể từ khi có quyết định giao nhiệm vụ phát ngôn thường xuyên.",
        "versions": [
            {
                "valid_from": D("2026-07-01"),
                "amount": 24,
                "unit": "clock_hours",
                "instrument": "nd-244-2026",
                "article": "3",
                "clause": "3",
                "summary": (
                    "Họ tên, chức vụ, số điện thoại, địa chỉ thư điện tử công vụ của người phát ngôn thường xuyên "
                    "được đăng tải trên Cổng thông tin điện tử hoặc Trang thông tin điện tử của cơ quan trong 24 giờ "
                    "kể từ khi có quyết định giao nhiệm vụ."
                ),
            }
        ],
    },
    {
        "code": "bao-thong-tin-ket-qua",
        "name": "Báo thông tin kết quả trả lời cho người phản ánh (báo hằng ngày, phát thanh, truyền hình, báo điện tử)",
        "applies_to": "press",
        "sort_order": 100,
        "description": "Nghĩa vụ của cơ quan báo chí sau khi nhận văn bản trả lời của cơ quan có thẩm quyền.",
        "versions": [
            {
                "valid_from": D("2026-07-01"),
                "amount": 10,
                "unit": "working_days",
                "instrument": "nd-237-2026",
                "article": "18",
                "clause": "5",
                "summary": (
                    "Nhận được văn bản trả lời của cơ quan có thẩm quyền, cơ quan báo chí thông báo bằng văn bản cho "
                    "cơ quan, tổ chức, cá nhân đã phản ánh hoặc đăng, phát: 10 ngày làm việc đối với báo in ra hằng "
                    "ngày, phát thanh, truyền hình, báo chí điện tử."
                ),
            }
        ],
    },
    {
        "code": "bao-thong-tin-ket-qua-bao-tuan",
        "name": "Báo thông tin kết quả trả lời cho người phản ánh (báo in tuần)",
        "applies_to": "press",
        "sort_order": 110,
        "description": "Như trên, đối với báo in tuần; tạp chí in đăng trên số ra gần nhất.",
        "versions": [
            {
                "valid_from": D("2026-07-01"),
                "amount": 15,
                "unit": "working_days",
                "instrument": "nd-237-2026",
                "article": "18",
                "clause": "5",
                "summary": (
                    "Như thông tin kết quả trả lời đối với báo hằng ngày: 15 ngày làm việc đối với báo in tuần; "
                    "tạp chí in đăng trên số ra gần nhất (thời hạn không tính bằng ngày)."
                ),
            }
        ],
    },
    {
        "code": "bao-tra-loi-yeu-cau",
        "name": "Báo trả lời yêu cầu của cơ quan, tổ chức, công dân",
        "applies_to": "press",
        "sort_order": 120,
        "description": "Nghĩa vụ của cơ quan báo chí.",
        "versions": [
            {
                "valid_from": D("2026-07-01"),
                "amount": 15,
                "unit": "working_days",
                "instrument": "nd-237-2026",
                "article": "18",
                "clause": "6",
                "summary": (
                    "Cơ quan báo chí trả lời trong 15 ngày làm việc kể từ ngày nhận được yêu cầu của cơ quan, tổ "
                    "chức, công dân."
                ),
            }
        ],
    },
    {
        "code": "van-ban-den-xac-nhan",
        "name": "Thông báo đã nhận văn bản điện tử đến",
        "applies_to": "document",
        "sort_order": 130,
        "description": (
            "Trong ngày làm việc nhận văn bản (hạn 17 giờ); văn bản nhận ngoài giờ làm việc tính vào ngày làm "
            "việc kế tiếp."
        ),
        "versions": [
            {
                "valid_from": D("2020-03-05"),
                "amount": 0,
                "unit": "working_days",
                "instrument": "nd-30-2020",
                "article": "21",
                "clause": "2",
                "point": "c",
                "summary": (
                    "Văn thư thông báo ngay trong ngày cho cơ quan, tổ chức gửi về việc đã nhận văn bản, bằng chức "
                    "năng của Hệ thống."
                ),
            }
        ],
    },
    {
        "code": "van-ban-den-trinh",
        "name": "Trình văn bản đến",
        "applies_to": "document",
        "sort_order": 140,
        "description": "Trong ngày, chậm nhất là cuối ngày làm việc tiếp theo; văn bản khẩn trình ngay.",
        "versions": [
            {
                "valid_from": D("2020-03-05"),
                "amount": 1,
                "unit": "working_days",
                "instrument": "nd-30-2020",
                "article": "23",
                "clause": "1",
                "summary": (
                    "Văn bản đến được trình trong ngày, chậm nhất là trong ngày làm việc tiếp theo; văn bản khẩn "
                    "trình ngay sau khi nhận."
                ),
            }
        ],
    },
]


def _instruments(apps):
    Instrument = apps.get_model("deadlines", "LegalInstrument")
    found = {}
    for spec in INSTRUMENTS:
        defaults = {k: v for k, v in spec.items() if k not in {"code", "replaced_by"}}
        found[spec["code"]], _ = Instrument.objects.get_or_create(code=spec["code"], defaults=defaults)
    for spec in INSTRUMENTS:
        instrument = found[spec["code"]]
        if spec.get("replaced_by") and instrument.replaced_by_id is None:
            instrument.replaced_by = found[spec["replaced_by"]]
            instrument.save(update_fields=["replaced_by"])
    return found


def _version_fields(spec, instruments):
    fields = {k: v for k, v in spec.items() if k not in {"valid_from", "instrument"}}
    fields["instrument"] = instruments[spec["instrument"]]
    return fields


def _policies(apps, instruments):
    Policy = apps.get_model("deadlines", "DeadlinePolicy")
    Version = apps.get_model("deadlines", "DeadlinePolicyVersion")
    for spec in POLICIES:
        defaults = {k: spec[k] for k in ("name", "applies_to", "sort_order", "description")}
        policy, _ = Policy.objects.get_or_create(code=spec["code"], defaults=defaults)
        legacy = LEGACY.get(spec["code"])
        if legacy is not None and not Version.objects.filter(policy=policy, valid_from__isnull=True).exists():
            Version.objects.create(
                policy=policy, valid_from=None, valid_until=LEGACY_END, note=LEGACY_NOTE, **_version_fields(legacy, instruments)
            )
        for version in spec["versions"]:
            Version.objects.get_or_create(
                policy=policy, valid_from=version["valid_from"], defaults=_version_fields(version, instruments)
            )


def _versions_from_rows(apps, instruments):
    """Each existing policy's rule, as it stands, becomes its first version."""
    Policy = apps.get_model("deadlines", "DeadlinePolicy")
    Version = apps.get_model("deadlines", "DeadlinePolicyVersion")
    for policy in Policy.objects.all():
        if Version.objects.filter(policy=policy, valid_from__isnull=True).exists():
            continue
        legacy = LEGACY.get(policy.code)
        Version.objects.create(
            policy=policy,
            valid_from=None,
            valid_until=LEGACY_END if legacy else None,
            amount=policy.amount,
            unit=policy.unit,
            instrument=instruments[legacy["instrument"]] if legacy else None,
            summary=policy.legal_basis,
            note=LEGACY_NOTE if legacy else "",
        )


def forwards(apps, schema_editor):
    """Migration 0004: the instruments, and each existing policy's rule as its first version."""
    _versions_from_rows(apps, _instruments(apps))


def seed_policies(apps, schema_editor):
    """Migration 0006 (after the policy's own rule fields are gone): the policies and versions of the new law."""
    _policies(apps, _instruments(apps))


def seed(apps, schema_editor):
    """Restore every reference row of this app (the calendar of 0002, then the policies) where missing."""
    calendar_seed = importlib.import_module("phoihop.deadlines.migrations.0002_seed_policies_and_calendar")
    Year = apps.get_model("deadlines", "CalendarYear")
    Day = apps.get_model("deadlines", "CalendarDay")
    for number, data in calendar_seed.YEARS.items():
        year, _ = Year.objects.get_or_create(year=number, defaults={"source": data["source"], "note": data["note"]})
        for iso, kind, name in data["days"]:
            Day.objects.get_or_create(date=dt.date.fromisoformat(iso), defaults={"year": year, "kind": kind, "name": name})
    apps.get_model("deadlines", "CalendarRevision").objects.update_or_create(pk=1, defaults={"token": uuid.uuid4().hex})
    _policies(apps, _instruments(apps))


def backwards(apps, schema_editor):
    apps.get_model("deadlines", "DeadlinePolicyVersion").objects.all().delete()
    apps.get_model("deadlines", "LegalInstrument").objects.all().delete()


def backwards_policies(apps, schema_editor):
    apps.get_model("deadlines", "DeadlinePolicyVersion").objects.exclude(valid_from__isnull=True).delete()
    apps.get_model("deadlines", "DeadlinePolicy").objects.filter(
        code__in=[spec["code"] for spec in POLICIES if spec["code"] not in LEGACY]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0003_instruments_and_policy_versions")]
    operations = [migrations.RunPython(forwards, backwards)]
