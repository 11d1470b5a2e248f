"""Bench only: fill a database with N published articles, fast, for bench/portal.sh.

Not the archive importer (that one goes through the services, one article at a time). This writes
valid Wagtail pages with bulk inserts: tree paths computed with treebeard's own helper, a live
page row plus its ArticlePage row, authors, tags, a lead image from a small pool, a body of real
Vietnamese paragraphs (taken from the demo story) with one captioned photo, ~1 % editor's picks,
and a few days of read counts. Articles are spread over three years up to now, so the Google News
sitemap has its last two days. At the end it computes the "Có thể bạn quan tâm" lists of the
sampled articles and writes the URL lists that wrk cycles through.

    DJANGO_SETTINGS_MODULE=config.settings.production python bench/portal_generate.py --articles 100000 --out DIR
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import random
import time
import uuid
from pathlib import Path
from typing import Any

import django

SUBJECTS = [
    "Hà Nội", "Huyện Thanh Trì", "Xã Thanh Trì", "Phường Hoàng Mai", "Công đoàn Thủ đô", "Sở Y tế Hà Nội",
    "UBND thành phố", "Tòa soạn", "Liên đoàn Lao động thành phố", "Người phát ngôn cấp xã", "Ngành giáo dục",
    "Sở Giao thông vận tải", "Các làng nghề ven đô", "Doanh nghiệp nhỏ và vừa", "Đoàn viên, người lao động",
]  # fmt: skip
ACTIONS = [
    "đẩy mạnh chuyển đổi số", "hoàn thiện tiêu chí lên quận", "ký kết chương trình phối hợp thông tin",
    "triển khai Đề án 06", "chăm lo Tết cho người lao động", "cải cách thủ tục hành chính",
    "phản bác thông tin sai sự thật", "giải phóng mặt bằng dự án giao thông", "nâng cao chất lượng y tế cơ sở",
    "phát triển kinh tế làng nghề", "bảo vệ môi trường khu dân cư", "tổ chức đối thoại với nhân dân",
    "vận hành chính quyền hai cấp", "thu hút đầu tư hạ tầng", "xây dựng nông thôn mới kiểu mẫu",
]  # fmt: skip
TAILS = [
    "trong năm 2025", "phục vụ người dân tốt hơn", "giai đoạn 2023 - 2025", "trước Tết Nguyên đán",
    "theo nghị quyết đại hội", "từ cơ sở", "với nhiều cách làm mới", "sau sáp nhập đơn vị hành chính",
]  # fmt: skip
TAGS = [
    "Đề án 06", "chuyển đổi số", "Thanh Trì", "chính quyền hai cấp", "Công đoàn", "người lao động", "y tế",
    "giao thông", "làng nghề", "môi trường", "tin giả", "thủ tục hành chính", "đầu tư công", "giáo dục",
    "nông thôn mới", "Tết Nguyên đán", "phát ngôn báo chí", "Luật Báo chí", "Hà Nội", "an sinh xã hội",
]  # fmt: skip
AUTHORS = ["Bảo Thoa", "Minh Anh", "Thu Trang", "Ngọc Ánh", "Hoàng Long", "Phương Thảo", "Đức Mạnh", "Lan Hương"]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=1000, help="articles whose URLs wrk cycles through")
    parser.add_argument("--out", type=Path, required=True, help="where the URL lists are written")
    parser.add_argument("--seed", type=int, default=2024)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    django.setup()

    from django.contrib.contenttypes.models import ContentType
    from django.core.files.images import ImageFile
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Page

    from phoihop.demo import content
    from phoihop.demo.images import draw
    from phoihop.portal import related, services
    from phoihop.portal.models import (
        ArticleAuthor,
        ArticleDailyViews,
        ArticlePage,
        ArticleTag,
        PortalTag,
    )
    from vntext import slugify

    rng = random.Random(args.seed)
    started = time.monotonic()
    args.out.mkdir(parents=True, exist_ok=True)

    services.site_ensure()
    categories = [
        services.category_ensure(slug=c["slug"], title=c["title"], description=c["description"])
        for c in content.CATEGORIES
        if c["slug"] != "kiem-chung"
    ]
    Image = get_image_model()
    images = []
    for spec in content.IMAGES:
        image = Image.objects.filter(title=spec["title"]).first()
        if image is None:
            image = Image(title=spec["title"])
            data = draw(spec["motif"], spec["palette"], spec["key"])
            image.file = ImageFile(io.BytesIO(data), name=f"{spec['key']}.jpg")
            image.save()
        images.append((image, spec))
    paragraphs = [p for a in content.ARTICLES for p in a["paragraphs"] if not p.startswith("{image")]
    tags = [PortalTag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0] for name in TAGS]
    locale = (
        Locale.objects.get(language_code="vi")
        if Locale.objects.filter(language_code="vi").exists()
        else Locale.objects.first()
    )
    article_type = ContentType.objects.get_for_model(ArticlePage)

    now = timezone.now().replace(microsecond=0)
    span = dt.timedelta(days=3 * 365)
    # Newest first in time order: article i is published at now - span * i / N (plus jitter).
    times = sorted((now - span * rng.random() for _ in range(args.articles)), reverse=True)
    times[: min(150, args.articles)] = [now - dt.timedelta(minutes=17 * i + 3) for i in range(min(150, args.articles))]

    article_fields = [f for f in ArticlePage._meta.local_concrete_fields if f.attname != "page_ptr_id"]
    columns = ["page_ptr_id", *(f.column for f in article_fields)]
    insert_sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 — names from the model
        connection.ops.quote_name(ArticlePage._meta.db_table),
        ", ".join(connection.ops.quote_name(c) for c in columns),
        ", ".join(["%s"] * len(columns)),
    )
    next_step = {}
    for category in categories:
        last = category.get_last_child()
        next_step[category.pk] = (int(last.path[-Page.steplen :], 36) if last else 0) + 1

    batch_size = 2000
    created = 0
    while created < args.articles:
        count = min(batch_size, args.articles - created)
        with transaction.atomic():
            pages, specifics, per_category = [], [], dict.fromkeys(next_step, 0)
            for i in range(created, created + count):
                category = categories[i % len(categories)]
                step = next_step[category.pk]
                next_step[category.pk] += 1
                per_category[category.pk] += 1
                title = f"{rng.choice(SUBJECTS)} {rng.choice(ACTIONS)} {rng.choice(TAILS)}"
                slug = f"{slugify(title, max_length=70)}-{i + 1}"
                published = times[i]
                pages.append(
                    Page(
                        path=Page._get_path(category.path, category.depth + 1, step),
                        depth=category.depth + 1,
                        numchild=0,
                        translation_key=uuid.uuid4(),
                        locale=locale,
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=published,
                        last_published_at=published,
                        latest_revision_created_at=published,
                        title=title,
                        draft_title=title,
                        slug=slug,
                        content_type=article_type,
                        url_path=f"{category.url_path}{slug}/",
                        seo_title="",
                        search_description="",
                        show_in_menus=False,
                    )
                )
                image, spec = rng.choice(images)
                body_image, body_spec = rng.choice(images)
                chosen = rng.sample(paragraphs, k=min(len(paragraphs), 8))
                body: list[tuple[str, Any]] = [("paragraph", f"<p>{p}</p>") for p in chosen[:4]]
                body.append(
                    (
                        "image",
                        {
                            "image": body_image.pk,
                            "caption": body_spec["caption"],
                            "credit": body_spec["credit"],
                            "alt_text": "",
                        },
                    )
                )
                body += [("paragraph", f"<p>{p}</p>") for p in chosen[4:]]
                specifics.append(
                    {
                        "sapo": f"{title}: {rng.choice(paragraphs)[:260]}",
                        "lead_image": image,
                        "lead_image_caption": spec["caption"],
                        "lead_image_credit": spec["credit"],
                        "body": json.dumps(
                            [{"type": t, "value": v, "id": str(uuid.uuid4())} for t, v in body], ensure_ascii=False
                        ),
                        "editors_pick": rng.random() < 0.01,
                    }
                )
            Page.objects.bulk_create(pages, batch_size=500)
            rows = []
            for page, values in zip(pages, specifics, strict=True):
                instance = ArticlePage(page_ptr_id=page.pk, **{k: v for k, v in values.items() if k != "body"})
                row = [page.pk]
                for field in article_fields:
                    if field.attname == "body":
                        row.append(values["body"])
                    else:
                        row.append(field.get_db_prep_save(field.pre_save(instance, add=True), connection))
                rows.append(row)
            with connection.cursor() as cursor:
                cursor.executemany(insert_sql, rows)
            ArticleAuthor.objects.bulk_create(
                ArticleAuthor(article_id=page.pk, name=name, slug=slugify(name), sort_order=0)
                for page in pages
                for name in [rng.choice(AUTHORS)]
            )
            ArticleTag.objects.bulk_create(
                ArticleTag(content_object_id=page.pk, tag=tag)
                for page in pages
                for tag in rng.sample(tags, k=rng.randint(1, 3))
            )
            for category in categories:
                if per_category[category.pk]:
                    Page.objects.filter(pk=category.pk).update(numchild=category.numchild + per_category[category.pk])
                    category.numchild += per_category[category.pk]
        created += count
        print(f"  {created:>7} articles  ({time.monotonic() - started:.0f} s)", flush=True)

    # Read counts for "Đọc nhiều", over the last three days.
    recent = list(ArticlePage.objects.live().order_by("-first_published_at").values_list("pk", flat=True)[:300])
    today = timezone.localdate()
    ArticleDailyViews.objects.bulk_create(
        (
            ArticleDailyViews(article_id=pk, day=today - dt.timedelta(days=d), views=rng.randint(1, 5000))
            for pk in recent
            for d in range(3)
        ),
        ignore_conflicts=True,
    )

    sample_ids = rng.sample(
        list(ArticlePage.objects.live().values_list("pk", flat=True)), k=min(args.sample, args.articles)
    )
    sample = list(ArticlePage.objects.filter(pk__in=sample_ids))
    for article in sample:
        related.related_refresh(article=article)
    (args.out / "articles.txt").write_text(
        "".join(f"{a.url_path[len(categories[0].get_parent().url_path) - 1 :]}\n" for a in sample)
    )
    (args.out / "categories.txt").write_text(
        "".join(f"/{c.slug}/\n" for c in categories)
        + "".join(f"/{c.slug}/?trang={n}\n" for c in categories for n in range(2, 6))
    )
    (args.out / "home.txt").write_text("/\n")
    total = ArticlePage.objects.count()
    print(f"done: {total} articles in the database, {time.monotonic() - started:.0f} s; URL lists in {args.out}")


if __name__ == "__main__":
    main()
