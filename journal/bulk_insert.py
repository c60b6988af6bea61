"""Many new rows quickly: what bulk_create does, without its per-value compiler work.

Each value is still prepared by its own field exactly as the ORM would (defaults, auto_now, encryption, time
zones), so a row written here reads back the same as one saved through the model. On PostgreSQL the rows go in
with COPY under ids taken from the table's own sequence; elsewhere in multi-row INSERTs whose ids come back
through RETURNING (SQLite 3.35+), in the order of the rows, as bulk_create relies on too.
"""

from django.db import DEFAULT_DB_ALIAS, connections

DEFAULT_MAX_PARAMS = 65535


def insert(model, objects):
    """Write `objects` (unsaved instances of `model`) and set their primary keys."""
    connection = connections[DEFAULT_DB_ALIAS]  # the wrapper itself: the `connection` proxy costs per value
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    if connection.vendor == "postgresql":
        copy_in(connection, model, fields, objects)
    else:
        insert_returning(connection, model, fields, objects)
    for obj in objects:
        obj._state.adding = False
    return objects


def values(connection, fields, obj):
    return [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]


def copy_in(connection, model, fields, objects):
    meta, quote = model._meta, connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objects)],
        )
        ids = [pk for (pk,) in cursor.fetchall()]
        columns = ", ".join(quote(column) for column in [meta.pk.column, *(field.column for field in fields)])
        with cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for obj, pk in zip(objects, ids, strict=True):
                obj.pk = pk
                copy.write_row([pk, *values(connection, fields, obj)])


def insert_returning(connection, model, fields, objects):
    meta, quote = model._meta, connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    per_statement = max(1, (connection.features.max_query_params or DEFAULT_MAX_PARAMS) // len(fields))
    for start in range(0, len(objects), per_statement):
        chunk = objects[start : start + per_statement]
        params = [value for obj in chunk for value in values(connection, fields, obj)]
        sql = (
            f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES {', '.join([row] * len(chunk))} "
            f"RETURNING {quote(meta.pk.column)}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for obj, (pk,) in zip(chunk, cursor.fetchall(), strict=True):
                obj.pk = pk
