# Wagtail's original images and its documents now live in the private default storage (outside
# MEDIA_ROOT); only renditions stay public. Files stored before that are moved over, name for name.

from django.db import migrations

from phoihop.core.storage import move_public_files_to_private


class Migration(migrations.Migration):

    dependencies = [
        ('newsroom', '0005_article_files'),
        ('wagtaildocs', '0014_alter_document_file_size'),
        ('wagtailimages', '0027_image_description'),
    ]

    operations = [
        migrations.RunPython(move_public_files_to_private('wagtailimages', 'Image', ['file']), migrations.RunPython.noop),
        migrations.RunPython(move_public_files_to_private('wagtaildocs', 'Document', ['file']), migrations.RunPython.noop),
    ]
