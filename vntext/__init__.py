"""vntext — the Vietnamese text toolkit of phoihop.

Pure Python, standard library only, no Django import: every Vietnamese text rule of the project lives
here (canonical form, accent-insensitive folding, slugs, tokens, sort order, dates, abbreviations) so
that models, search, templates and exports all apply the same ones. Each module's docstring states
its rules.
"""

from vntext.abbreviations import ABBREVIATIONS, abbreviation_for, expansion_for, query_variants
from vntext.collate import CollationKey, collation_key, sort_key_person_name
from vntext.dates import format_date, format_date_long, format_datetime, weekday_name
from vntext.fold import fold
from vntext.normalize import clean_line, normalize
from vntext.slug import slugify
from vntext.tokens import fold_tokens, tokenize

__all__ = [
    "ABBREVIATIONS",
    "CollationKey",
    "abbreviation_for",
    "clean_line",
    "collation_key",
    "expansion_for",
    "fold",
    "fold_tokens",
    "format_date",
    "format_date_long",
    "format_datetime",
    "normalize",
    "query_variants",
    "slugify",
    "sort_key_person_name",
    "tokenize",
    "weekday_name",
]
