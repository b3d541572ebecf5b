"""Template chrome is not content: the page's own content, its labelled fields, its publisher.

Government templates repeat the same header, navigation, breadcrumb, sidebars and footer on every
page, full of words like 来源, 政策解读 and 地图. Questions about *this page* are answered from its own
content, found once per page (``page.content``). The work is split by job:

* :mod:`sitelint.regions` — the body and the content roots (template markers, text density, chrome);
* :mod:`sitelint.fields` — the labelled fields of the info bar and disclosure table, body source credits,
  the publication date;
* :mod:`sitelint.sources` — organisation names, the site's publishers, sources (来源) and reposts;
* :mod:`sitelint.selectors` — ``content-selectors`` (CSS) as XPath.

This module keeps the names callers import from one place.
"""

from __future__ import annotations

from sitelint.fields import LABELS, SOURCE_LABELS, Field, normalize_label, publication_date
from sitelint.regions import ContentAnalysis, analyse, is_column_index, is_list_page
from sitelint.selectors import css_xpath
from sitelint.sources import (
    CENTRAL_MEDIA,
    PROVINCIAL_PARTY_MEDIA,
    is_government_body,
    is_local_media,
    is_own_source,
    locality,
    normalize_name,
    repost_statement,
    same_organisation,
    shown_source,
)

__all__ = [
    "CENTRAL_MEDIA",
    "LABELS",
    "PROVINCIAL_PARTY_MEDIA",
    "SOURCE_LABELS",
    "ContentAnalysis",
    "Field",
    "analyse",
    "css_xpath",
    "is_column_index",
    "is_government_body",
    "is_list_page",
    "is_local_media",
    "is_own_source",
    "locality",
    "normalize_label",
    "normalize_name",
    "publication_date",
    "repost_statement",
    "same_organisation",
    "shown_source",
]
