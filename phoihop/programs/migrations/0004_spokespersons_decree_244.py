"""Spokespersons under Decree 244/2026: the head, the regular spokesperson, the authorized person; the
decision and its 24-hour publication clock; each unit's public page at a stable address.

The spokespersons on record were designated under Decree 09/2017: they become regular spokespersons,
already public (their publication time was not recorded, so they have no clock), and each of their
units gets its public page.
"""

import django.db.models.deletion
from django.db import migrations, models

import vntext


def listings(apps, schema_editor):
    Spokesperson = apps.get_model("programs", "Spokesperson")
    Listing = apps.get_model("programs", "SpokespersonListing")
    Organization = apps.get_model("accounts", "Organization")
    for organization in Organization.objects.filter(pk__in=Spokesperson.objects.values("organization_id")):
        if Listing.objects.filter(organization=organization).exists():
            continue
        base = vntext.slugify(organization.short_name or organization.name, max_length=80) or f"don-vi-{organization.pk}"
        slug, number = base, 2
        while Listing.objects.filter(slug=slug).exists():
            slug, number = f"{base}-{number}", number + 1
        Listing.objects.create(organization=organization, slug=slug)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_seed_levels'),
        ('deadlines', '0006_seed_new_law_policies'),
        ('programs', '0003_parental_keys'),
        ('wagtaildocs', '0014_alter_document_file_size'),
    ]

    operations = [
        migrations.CreateModel(
            name='SpokespersonListing',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(max_length=90, unique=True, verbose_name='đường dẫn')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='tạo lúc')),
            ],
            options={
                'verbose_name': 'trang người phát ngôn',
                'verbose_name_plural': 'trang người phát ngôn',
                'ordering': ['slug'],
            },
        ),
        migrations.RenameField(
            model_name='spokesperson',
            old_name='appointed_by',
            new_name='decision_number',
        ),
        migrations.AddField(
            model_name='spokesperson',
            name='authorized_by',
            field=models.ForeignKey(blank=True, limit_choices_to={'role': 'nguoi_dung_dau'}, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='authorizations', to='programs.spokesperson', verbose_name='người ủy quyền'),
        ),
        migrations.AddField(
            model_name='spokesperson',
            name='decided_at',
            field=models.DateTimeField(blank=True, help_text='Thời hạn 24 giờ công khai thông tin người phát ngôn tính từ thời điểm này.', null=True, verbose_name='thời điểm có quyết định'),
        ),
        migrations.AddField(
            model_name='spokesperson',
            name='decision_document',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtaildocs.document', verbose_name='tệp văn bản'),
        ),
        migrations.AlterField(
            model_name='spokesperson',
            name='decision_number',
            field=models.CharField(blank=True, help_text='Số, ký hiệu của văn bản, ví dụ: 125/QĐ-UBND.', max_length=300, verbose_name='quyết định giao nhiệm vụ, văn bản ủy quyền'),
        ),
        migrations.AddField(
            model_name='spokesperson',
            name='is_public',
            field=models.BooleanField(default=True, verbose_name='công khai trên cổng thông tin'),
        ),
        migrations.AddField(
            model_name='spokesperson',
            name='matter',
            field=models.TextField(blank=True, verbose_name='vụ việc được ủy quyền'),
        ),
        migrations.AddField(
            model_name='spokesperson',
            name='publish_due_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='hạn công khai'),
        ),
        migrations.AddField(
            model_name='spokesperson',
            name='publish_policy_version',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='deadlines.deadlinepolicyversion', verbose_name='căn cứ thời hạn công khai'),
        ),
        migrations.AddField(
            model_name='spokesperson',
            name='published_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='công khai lúc'),
        ),
        migrations.AddField(
            model_name='spokesperson',
            name='role',
            field=models.CharField(choices=[('nguoi_dung_dau', 'Người đứng đầu cơ quan'), ('thuong_xuyen', 'Người phát ngôn thường xuyên'), ('uy_quyen', 'Người được ủy quyền phát ngôn')], default='thuong_xuyen', max_length=16, verbose_name='vai trò phát ngôn'),
        ),
        migrations.AlterField(
            model_name='spokesperson',
            name='email',
            field=models.EmailField(blank=True, max_length=254, verbose_name='thư điện tử công vụ'),
        ),
        migrations.AddConstraint(
            model_name='spokesperson',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('role', 'uy_quyen'), _negated=True), models.Q(('valid_to__isnull', False), ('authorized_by__isnull', False), models.Q(('matter', ''), _negated=True)), _connector='OR'), name='spokesperson_authorization_complete'),
        ),
        migrations.AddConstraint(
            model_name='spokesperson',
            constraint=models.CheckConstraint(condition=models.Q(('role', 'uy_quyen'), ('authorized_by__isnull', True), _connector='OR'), name='spokesperson_only_authorized_have_grantor'),
        ),
        migrations.AddField(
            model_name='spokespersonlisting',
            name='organization',
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='spokesperson_listing', to='accounts.organization', verbose_name='đơn vị'),
        ),
        migrations.RunPython(listings, migrations.RunPython.noop),
    ]
