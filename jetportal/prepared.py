"""Querysets whose SQL never changes, built once per process.

Django builds a query's SQL every time it runs one. For the landing page's small fixed lists
(every row of a table, in its order) building costs several times what running it does, and the
page renders right after every content change. ``PreparedList`` builds the SQL once per
database and language and then only runs it, turning the rows into model instances the way
the ORM does (``Model.from_db`` with the fields' converters).
"""

from datetime import UTC, datetime

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import DateTimeField
from django.utils.translation import get_language

from . import clock

# A timed list is compiled for these two times: the parameters that differ are the time.
_EARLIER, _LATER = datetime(2000, 1, 1, tzinfo=UTC), datetime(2000, 1, 2, tzinfo=UTC)


class PreparedList:
    """``PreparedList(lambda: Model.objects.order_by(...)).rows()`` == ``list(that queryset)``.

    Only for querysets without joins, annotations or prefetching (anything else falls back to
    the queryset itself). With ``timed=True``, ``build`` takes the time (``lambda at: ...
    .published(at=at)``) and ``rows(at=...)`` fills it in (the clock's now by default); no
    other parameter may change.
    """

    def __init__(self, build, timed=False):
        self.build = build
        self.timed = timed
        self.compiled = {}

    def rows(self, using=DEFAULT_DB_ALIAS, at=None):
        key = (using, get_language())
        if key not in self.compiled:
            self.compiled[key] = self._compile(using)
        compiled = self.compiled[key]
        if self.timed and at is None:
            at = clock.now()
        if compiled is None:
            return list((self.build(at) if self.timed else self.build()).using(using))
        model, sql, params, attnames, converters, positions = compiled
        connection = connections[using]
        if positions:
            params = list(params)
            value = DateTimeField().get_db_prep_value(at, connection)
            for position in positions:
                params[position] = value
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        objects = []
        for row in rows:
            values = list(row)
            for position, (functions, expression) in converters.items():
                value = values[position]
                for function in functions:
                    value = function(value, expression, connection)
                values[position] = value
            objects.append(model.from_db(using, attnames, values))
        return objects

    def _compile(self, using):
        queryset = self.build(_EARLIER) if self.timed else self.build()
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        positions = []
        if self.timed:
            other_sql, other_params = self.build(_LATER).query.get_compiler(using=using).as_sql()
            if other_sql != sql or len(other_params) != len(params):
                return None
            positions = [i for i, (a, b) in enumerate(zip(params, other_params, strict=True)) if a != b]
        info = compiler.klass_info
        plain = (
            info is not None
            and not info.get("related_klass_infos")
            and not compiler.annotation_col_map
            and not queryset._prefetch_related_lookups
            and list(info["select_fields"]) == list(range(len(compiler.select)))
        )
        if not plain:
            return None
        columns = [column for column, _sql, _alias in compiler.select]
        return (
            queryset.model,
            sql,
            params,
            [column.target.attname for column in columns],
            compiler.get_converters(columns),
            positions,
        )
