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

# A timed query is compiled for these two times: the parameters that differ are the time.
EARLIER, LATER = datetime(2000, 1, 1, tzinfo=UTC), datetime(2000, 1, 2, tzinfo=UTC)
# ... and a keyed one for these two keys (no row has them).
_KEYS = (-1, -2)


def changed_positions(compiled, other):
    """Where two compilations ``(sql, params)`` of one query, built with one value changed, differ:
    the positions of that value among the parameters, or None when the SQL itself differs."""
    (sql, params), (other_sql, other_params) = compiled, other
    if sql != other_sql or len(params) != len(other_params):
        return None
    return [i for i, (a, b) in enumerate(zip(params, other_params, strict=True)) if a != b]


def with_time(params, positions, at, connection):
    """``params`` with the time ``at`` (as the database takes it) at ``positions``."""
    params = list(params)
    value = DateTimeField().get_db_prep_value(at, connection)
    for position in positions:
        params[position] = value
    return params


class PreparedList:
    """``PreparedList(lambda: Model.objects.order_by(...)).rows()`` == ``list(that queryset)``.

    Only for querysets without joins, annotations or prefetching (anything else falls back to
    the queryset itself). With ``timed=True``, ``build`` takes the time (``lambda at: ...
    .published(at=at)``) and ``rows(at=...)`` fills it in (the clock's now by default); no
    other parameter may change. With ``keyed=True`` it also takes one key value (a primary key, an address) after the time
    (``lambda at, key: ...filter(parent=key)``), given as ``rows(key=...)``.
    """

    def __init__(self, build, timed=False, keyed=False):
        self.build = build
        self.timed = timed
        self.keyed = keyed
        self.compiled = {}

    def _queryset(self, at, key):
        arguments = ([at] if self.timed else []) + ([key] if self.keyed else [])
        return self.build(*arguments)

    def rows(self, using=DEFAULT_DB_ALIAS, at=None, key=None):
        where = (using, get_language())
        if where not in self.compiled:
            self.compiled[where] = self._compile(using)
        compiled = self.compiled[where]
        if self.timed and at is None:
            at = clock.now()
        if compiled is None:
            return list(self._queryset(at, key).using(using))
        model, sql, params, attnames, converters, positions, key_positions = compiled
        connection = connections[using]
        if positions:
            params = with_time(params, positions, at, connection)
        if key_positions:
            params = list(params)
            for position in key_positions:
                params[position] = key
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
        queryset = self._queryset(EARLIER, _KEYS[0])
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        # Where the time and the key go: the parameters that change when only that one changes.
        changed = []
        for wanted, at, key in ((self.timed, LATER, _KEYS[0]), (self.keyed, EARLIER, _KEYS[1])):
            if not wanted:
                changed.append([])
                continue
            positions = changed_positions(
                (sql, params), self._queryset(at, key).query.get_compiler(using=using).as_sql()
            )
            if positions is None:
                return None
            changed.append(positions)
        positions, key_positions = changed
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
            key_positions,
        )
