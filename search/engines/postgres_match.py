"""The ids matching a Wagtail search on PostgreSQL, read from its index in one query.

Wagtail ranks PostgreSQL results with one `ts_rank` per sub-query over the title and body
vectors of every match, joined with the page tables: about half a second when thousands of
initiatives match a query with many alternatives (stems, synonyms, compound parts). Ranking
needs every body vector read and decompressed, while matching alone can be answered from the
GIN index. So this runs the same `tsquery` (built by Wagtail's own query compiler) against the
index table, through its GIN index, and leaves the order to the caller (title and summary
matches first, then the newest). It relies on modelsearch internals, pinned with Wagtail 8.0 in
pyproject.toml; `matching_ids` returns None when they are not there, and the caller then uses
the public API.
"""

from __future__ import annotations

import logging

from django.db import connection, transaction

logger = logging.getLogger(__name__)


def matching_ids(results, model) -> list[str] | None:
    """Ids of the documents matching `results` (a Wagtail SearchResults on PostgreSQL), as the
    text the index stores them in, in no particular order; or None."""
    try:
        from modelsearch.backends.database.postgres.postgres import IndexEntry
        from modelsearch.utils import get_descendants_content_types_pks

        compiler = results.query_compiler
        config = compiler.get_config(results.backend)
        tsquery = compiler.build_tsquery(compiler.query, config=config)
    except (ImportError, AttributeError, TypeError, NotImplementedError) as error:
        logger.warning("Fast PostgreSQL matching unavailable, using Wagtail's search: %s", error)
        return None
    if tsquery is None:
        return []
    # The body column holds the Dutch terms of the title and summary too (search.documents),
    # so it alone decides a match.
    sql, params = (
        IndexEntry.objects.filter(
            content_type__in=get_descendants_content_types_pks(model), body=tsquery
        )
        .values_list("object_id")
        .query.sql_with_params()
    )
    with transaction.atomic(), connection.cursor() as cursor:
        # When most entries match, the planner reads every row and decompresses each body
        # vector to test it; a bitmap scan of the GIN index answers without reading them.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(sql, params)
        return [object_id for (object_id,) in cursor.fetchall()]
